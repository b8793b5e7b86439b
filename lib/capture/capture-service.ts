import type { z } from 'zod';
import type { NewCapture } from '../db/captures.ts';
import type { CustodyEntry } from '../evidence/custody.ts';
import { describeCaptureTime } from '../evidence/capture-time.ts';
import { sha256Hex } from '../evidence/hash.ts';
import { SCHEMA_VERSION, type Artifact, type CaptureRecord, type Rect, type Trigger } from '../evidence/record.ts';
import type { MissingField } from '../evidence/schema.ts';
import { isRestrictedUrl, SafelogError, toSafelogError } from '../errors.ts';
import {
  locateResultSchema,
  renderedPostSchema,
  scrollResultSchema,
  serializedPageSchema,
  type ContentRequest,
  type LocateMode,
  type LocatedPost,
  type LocateResult,
  type ScrollResult,
} from '../messages.ts';
import { cropToPixels, type SourceRect } from './crop.ts';
import { dataUrlToBytes } from './data-url.ts';
import { readPngSize } from './png-size.ts';
import { CAPTURE_QUOTA_INTERVAL_MS, planStep, stackSegments, type StitchInput, type StitchStep } from './stitch-plan.ts';

/** The quota allows a screenshot every 500 ms; a small margin keeps clock jitter from tripping it. */
export const SCREENSHOT_SPACING_MS = CAPTURE_QUOTA_INTERVAL_MS + 15;

/** How long a failed capture waits for the tab to report a navigation that caused it. */
const NAVIGATION_SETTLE_MS = 150;

/** A whole-page capture keeps at most this many screens: endless feeds have no bottom. */
export const MAX_PAGE_SCREENS = 20;

export interface TabRef {
  id: number;
  windowId: number;
  url?: string;
  /** Whether it is the tab in front in its window: the only one captureVisibleTab can photograph. */
  active?: boolean;
}

export interface ScreenSegment {
  png: Uint8Array;
  crop: SourceRect;
  /** Where this crop goes in the post image, in device px. */
  destY: number;
}

export interface ComposedImage {
  blob: Blob;
  width: number;
  height: number;
  tile: { index: number; count: number };
}

/** Pixel work, done with OffscreenCanvas in the service worker (faked in unit tests). */
export interface Imaging {
  compose(segments: readonly ScreenSegment[], width: number, height: number): Promise<ComposedImage[]>;
  thumbnail(image: Blob): Promise<{ blob: Blob; width: number; height: number }>;
}

export interface SnapshotResult {
  blob?: Blob;
  attempts: number;
  error?: string;
}

/** Everything the capture needs from the browser, handed in so the orchestration stays testable. */
export interface CapturePorts {
  /** captureVisibleTab as PNG: a data URL. */
  captureVisible(windowId: number): Promise<string>;
  /** Sends a request to the tab's content script (injecting it first) and parses the answer. */
  sendToContent<T>(tabId: number, request: ContentRequest, schema: z.ZodType<T>): Promise<T>;
  /** MHTML of the tab, where the browser has pageCapture. */
  saveMhtml?(tabId: number): Promise<SnapshotResult>;
  /** The tab's URL now, and whether it is still the one in front of its window. */
  currentTab(tabId: number): Promise<{ url?: string; active?: boolean }>;
  /** Calls back when the tab starts loading another page or another tab comes to the front of its window; returns the unsubscribe. */
  watchNavigation(tabId: number, windowId: number, onNavigate: () => void): () => void;
  commit(capture: NewCapture): Promise<CustodyEntry>;
  imaging: Imaging;
  environment(): CaptureRecord['environment'];
  fileAccess(): Promise<boolean>;
  now(): Date;
  newId(): string;
  sleep(ms: number): Promise<void>;
}

export interface CaptureOptions {
  trigger: Trigger;
  mode: LocateMode | 'picked';
  linkUrl?: string;
  /**
   * Take the first screenshot while the post is being located. Only when nothing of Safelog's
   * own is on the page (a toast from the last capture would be in the picture).
   */
  screenshotEarly?: boolean;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects, so one started early can't end as an unhandled rejection. */
function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

function unwrap<T>(settled: Settled<T>): T {
  if (settled.ok) return settled.value;
  throw settled.error;
}

export type CaptureResult = { status: 'saved'; record: CaptureRecord } | { status: 'needs-pick' };

/**
 * The capture pipeline: find the post, take the screens, cut and stitch, snapshot the page,
 * hash every artifact and commit it all at once. A page that changes midway aborts the capture
 * before anything is written.
 */
export function createCaptureService(ports: CapturePorts) {
  let lastScreenshotAt = Number.NEGATIVE_INFINITY;

  async function captureScreen(windowId: number): Promise<Uint8Array> {
    // Measured on the ports' clock, the one `sleep` waits on: mixing it with Date.now() let a fake
    // (or skewed) clock space screens less than the quota allows.
    const wait = lastScreenshotAt + SCREENSHOT_SPACING_MS - ports.now().getTime();
    if (wait > 0) await ports.sleep(wait);
    lastScreenshotAt = ports.now().getTime();
    try {
      return dataUrlToBytes(await ports.captureVisible(windowId));
    } catch (error) {
      if (!/MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(String(error))) throw error;
      // Another caller used the quota: wait one interval and try once more.
      await ports.sleep(SCREENSHOT_SPACING_MS);
      lastScreenshotAt = ports.now().getTime();
      return dataUrlToBytes(await ports.captureVisible(windowId));
    }
  }

  async function capture(tab: TabRef, options: CaptureOptions): Promise<CaptureResult> {
    // File access is asked only for file:// pages: every call here delays the screenshot.
    if (tab.url !== undefined && isRestrictedUrl(tab.url, tab.url.startsWith('file:') && (await ports.fileAccess()))) {
      throw new SafelogError('restricted-page', tab.url);
    }
    if (tab.active === false) throw new SafelogError('tab-not-visible', 'the tab is not the one in front');
    let navigated = false;
    const startUrl = tab.url;
    const unwatch = ports.watchNavigation(tab.id, tab.windowId, () => {
      navigated = true;
    });
    const assertSamePage = () => {
      if (navigated) throw new SafelogError('page-changed', 'the tab loaded another page or went to the background');
    };
    const send = <T>(request: ContentRequest, schema: z.ZodType<T>) =>
      ports.sendToContent(tab.id, request, schema).catch((error: unknown) => {
        throw navigated ? new SafelogError('page-changed', String(error)) : toSafelogError(error);
      });

    try {
      const now = ports.now();
      // Locating the post only reads the page, so the first screenshot can be taken meanwhile; it is
      // used when the post needs no scroll (the usual case) and costs one quota slot otherwise.
      const early = options.screenshotEarly ? settle(captureScreen(tab.windowId)) : undefined;
      const located = await locate(send, options, now);
      if (!located.found) return { status: 'needs-pick' };
      assertSamePage();

      const taken = await takeScreens(tab, located, options.mode === 'page', send, assertSamePage, early);
      const screens = taken.screens;
      // The snapshot is taken while the images are cut; both only read what is already captured.
      const snapshotPromise = snapshot(tab.id, send);
      const images = screens.length > 0 ? await composePost(screens) : await renderPost(send);
      const snapshotResult = await snapshotPromise;
      assertSamePage();
      const { url: urlNow, active } = await ports.currentTab(tab.id);
      // A tab switch whose event has not arrived yet still shows here.
      if (active === false) throw new SafelogError('page-changed', 'another tab came to the front');
      if (urlNow !== undefined && urlNow !== located.page.url) {
        throw new SafelogError('page-changed', `${located.page.url} → ${urlNow}`);
      }

      const built = await buildCapture({ ...located, meta: { ...located.meta, missing: [...located.meta.missing, ...taken.notes] } }, screens, images, snapshotResult, options, now);
      // The custody entry is dated when it is written, so the chain's times run in its order.
      built.custody.at = ports.now().toISOString();
      await ports.commit(built);
      return { status: 'saved', record: built.record };
    } catch (error) {
      throw await explainFailure(error, tab.id, startUrl, () => navigated);
    } finally {
      unwatch();
    }
  }

  async function locate(
    send: <T>(request: ContentRequest, schema: z.ZodType<T>) => Promise<T>,
    options: CaptureOptions,
    now: Date,
  ): Promise<LocateResult> {
    if (options.mode === 'picked') return send({ type: 'locate-picked', now: now.toISOString() }, locateResultSchema);
    return send({ type: 'locate', mode: options.mode, linkUrl: options.linkUrl, now: now.toISOString() }, locateResultSchema);
  }

  interface TakenScreen {
    png: Uint8Array;
    crop: SourceRect;
  }

  async function takeScreens(
    tab: TabRef,
    located: LocatedPost,
    wholePage: boolean,
    send: <T>(request: ContentRequest, schema: z.ZodType<T>) => Promise<T>,
    assertSamePage: () => void,
    early?: Promise<Settled<Uint8Array>>,
  ): Promise<{ screens: TakenScreen[]; notes: MissingField[] }> {
    const { layout } = located;
    // Every screen after the first adds only the band between the pinned bars, so the band, not the
    // viewport, decides how far MAX_PAGE_SCREENS screens reach (a viewport's worth made 24 under a header).
    const band = layout.viewport.height - layout.obstructions.top - layout.obstructions.bottom;
    const rect = wholePage ? { ...located.rect, height: Math.min(located.rect.height, band * MAX_PAGE_SCREENS) } : located.rect;
    const input: StitchInput = {
      post: { top: rect.y, left: rect.x, width: rect.width, height: rect.height },
      viewport: { width: layout.viewport.width, height: layout.viewport.height },
      obstructions: layout.obstructions,
      scrollX: layout.scrollX,
      scrollY: layout.scrollY,
      maxScrollY: layout.maxScrollY,
      scale: layout.viewport.devicePixelRatio,
    };
    const screens: TakenScreen[] = [];
    let current: ScrollResult = layout;
    let scrolled = false;
    let obstructed = false;
    let covered = 0;
    try {
      for (let step = planStep(input, 0); step; step = planStep(input, step.destY + step.slice.height)) {
        if (step.scrollY !== current.scrollY) {
          scrolled = true;
          current = await send({ type: 'scroll-to', y: step.scrollY }, scrollResultSchema);
          // A page may round or refuse a scroll: plan this screen for where the window really is.
          if (current.scrollY !== step.scrollY) step = replan(input, step.destY, current.scrollY);
          // Content loading above or inside the post moves it: the slices would no longer meet.
          if (current.postRect && !wholePage && hasMoved(current.postRect, rect)) {
            throw new SafelogError('page-changed', 'the post moved on the page while it was being saved');
          }
        }
        assertSamePage();
        let png: Uint8Array;
        try {
          const useEarly = early !== undefined && screens.length === 0 && !scrolled;
          png = useEarly ? unwrap(await early) : await captureScreen(tab.windowId);
        } catch (error) {
          const known = toSafelogError(error);
          // Only a tab the browser will not photograph is drawn instead; any other failure (the
          // quota, say) fails the capture rather than passing a drawing off where pixels were due.
          if (screens.length === 0 && known.code === 'tab-not-visible') return { screens: [], notes: [] };
          throw known;
        }
        const slice = { ...step.slice, x: rect.x - current.scrollX };
        screens.push({ png, crop: cropToPixels(slice, current.viewport, readPngSize(png)) });
        obstructed ||= step.obstructed;
        covered += step.slice.height;
      }
    } finally {
      if (scrolled) await send({ type: 'scroll-to', y: layout.scrollY }, scrollResultSchema).catch(() => undefined);
    }
    // The record says what the image leaves out, so no reader takes a partial image for the whole.
    const notes: MissingField[] = [];
    if (covered + 1 < located.rect.height) {
      notes.push({
        field: 'image',
        reason: wholePage && rect.height < located.rect.height
          ? `the page is taller than ${MAX_PAGE_SCREENS} screens; the image holds its top ${Math.round(covered)} of ${Math.round(located.rect.height)} px`
          : `only ${Math.round(covered)} of the post's ${Math.round(located.rect.height)} px could be scrolled into view`,
      });
    }
    if (obstructed) notes.push({ field: 'image', reason: 'part of the image lies under a bar the page pins over its top or bottom edge' });
    return { screens, notes };
  }

  async function composePost(screens: readonly TakenScreen[]) {
    const stacked = stackSegments(screens.map((screen) => screen.crop));
    const segments = screens.map((screen, index) => ({ png: screen.png, crop: screen.crop, destY: stacked.destY[index]! }));
    const composed = await ports.imaging.compose(segments, stacked.width, stacked.height);
    return { composed, source: 'pixels' as const };
  }

  async function renderPost(send: <T>(request: ContentRequest, schema: z.ZodType<T>) => Promise<T>) {
    const rendered = await send({ type: 'render-post' }, renderedPostSchema);
    const bytes = dataUrlToBytes(`data:image/png;base64,${rendered.pngBase64}`);
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' });
    return {
      composed: [{ blob, width: rendered.width, height: rendered.height, tile: { index: 0, count: 1 } }],
      source: 'rendered' as const,
    };
  }

  async function snapshot(
    tabId: number,
    send: <T>(request: ContentRequest, schema: z.ZodType<T>) => Promise<T>,
  ): Promise<{ blob?: Blob; method: 'mhtml' | 'html' | 'none'; attempts: number; error?: string }> {
    let mhtmlError: string | undefined;
    let attempts = 0;
    if (ports.saveMhtml) {
      // A pageCapture that throws only costs the MHTML: the HTML fallback still runs, the capture goes on.
      const result = await ports.saveMhtml(tabId).catch((error: unknown): SnapshotResult => ({ attempts: 1, error: String(error) }));
      attempts = result.attempts;
      if (result.blob) return { blob: result.blob, method: 'mhtml', attempts };
      mhtmlError = result.error;
    }
    try {
      const { html } = await send({ type: 'serialize-page' }, serializedPageSchema);
      return { blob: new Blob([html], { type: 'text/html;charset=utf-8' }), method: 'html', attempts: attempts + 1, error: mhtmlError };
    } catch (error) {
      return { method: 'none', attempts: attempts + 1, error: [mhtmlError, String(error)].filter(Boolean).join('; ') };
    }
  }

  async function buildCapture(
    located: LocatedPost,
    screens: readonly TakenScreen[],
    images: { composed: ComposedImage[]; source: 'pixels' | 'rendered' },
    snap: { blob?: Blob; method: 'mhtml' | 'html' | 'none'; attempts: number; error?: string },
    options: CaptureOptions,
    now: Date,
  ): Promise<NewCapture> {
    const id = ports.newId();
    const rawBlobs = screens.map((screen) => new Blob([screen.png as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
    const first = images.composed[0];
    // Hashing every artifact and making the thumbnail are independent: do them at once.
    const [rawHashes, imageHashes, snapshotHash, thumbnail] = await Promise.all([
      Promise.all(rawBlobs.map((blob) => sha256Hex(blob))),
      Promise.all(images.composed.map((image) => sha256Hex(image.blob))),
      snap.blob ? sha256Hex(snap.blob) : undefined,
      // A preview is never evidence: without one the capture still stands.
      first ? ports.imaging.thumbnail(first.blob).catch(() => undefined) : undefined,
    ]);

    const blobs = new Map<string, Blob>();
    const artifacts: Artifact[] = [];
    const add = (kind: Artifact['kind'], index: number, blob: Blob, sha256: string, extra: Partial<Artifact> = {}) => {
      const artifactId = `${id}:${kind}:${index}`;
      artifacts.push({ id: artifactId, kind, mime: blob.type || 'application/octet-stream', size: blob.size, sha256, ...extra });
      blobs.set(artifactId, blob);
    };
    screens.forEach((screen, index) => {
      const { width, height } = readPngSize(screen.png);
      add('raw-screenshot', index, rawBlobs[index]!, rawHashes[index]!, { width, height, imageSource: 'pixels' });
    });
    images.composed.forEach((image, index) => {
      add('post-image', index, image.blob, imageHashes[index]!, {
        width: image.width,
        height: image.height,
        imageSource: images.source,
        ...(images.composed.length > 1 ? { tile: image.tile } : {}),
        ...(rawHashes.length > 0 ? { derivedFrom: rawHashes } : {}),
      });
    });
    if (snap.blob && snapshotHash) add('page-snapshot', 0, snap.blob, snapshotHash);

    const record: CaptureRecord = {
      id,
      schemaVersion: SCHEMA_VERSION,
      kind: options.mode === 'page' ? 'page' : 'post',
      trigger: options.trigger,
      capturedAt: describeCaptureTime(now),
      page: located.page,
      meta: located.meta,
      artifacts,
      postRect: located.rect,
      viewport: located.layout.viewport,
      snapshot: { method: snap.method, attempts: snap.attempts, ...(snap.error ? { error: snap.error } : {}) },
      environment: ports.environment(),
    };
    return {
      record,
      blobs,
      thumbnail,
      custody: {
        at: record.capturedAt.utc,
        action: 'captured',
        details: {
          url: record.page.url,
          trigger: record.trigger,
          artifacts: artifacts.map((artifact) => `${artifact.kind} ${artifact.sha256}`),
        },
      },
    };
  }

  /**
   * A page that navigates away makes the next step fail in many ways (a closed port, a scroll
   * that lands elsewhere, a missing element). Whatever failed, a changed page is the real reason.
   */
  async function explainFailure(error: unknown, tabId: number, startUrl: string | undefined, navigated: () => boolean): Promise<SafelogError> {
    const known = toSafelogError(error);
    if (known.code === 'page-changed' || known.code === 'restricted-page' || known.code === 'storage-full') return known;
    // Tab events trail the failure they caused by a moment.
    await ports.sleep(NAVIGATION_SETTLE_MS);
    const urlNow = (await ports.currentTab(tabId).catch(() => undefined))?.url;
    if (navigated() || (startUrl !== undefined && urlNow !== undefined && urlNow !== startUrl)) {
      return new SafelogError('page-changed', known.message, { cause: error });
    }
    return known;
  }

  return { capture };
}

/** True when the post's box changed by more than a pixel (rounding aside) since it was located. */
function hasMoved(now: Rect, then: Rect): boolean {
  return Math.abs(now.y - then.y) > 1 || Math.abs(now.height - then.height) > 1 || Math.abs(now.x - then.x) > 1;
}

function replan(input: StitchInput, destY: number, at: number): StitchStep {
  try {
    const step = planStep(input, destY, at);
    if (step) return step;
  } catch (error) {
    throw new SafelogError('page-changed', `the page did not scroll as asked: ${String(error)}`);
  }
  throw new SafelogError('page-changed', 'the page did not scroll as asked');
}

export type CaptureService = ReturnType<typeof createCaptureService>;
