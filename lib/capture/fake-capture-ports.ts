import { deflateSync } from 'node:zlib';
import type { z } from 'zod';
import type { NewCapture } from '../db/captures.ts';
import type { CustodyEntry } from '../evidence/custody.ts';
import type { PostMeta } from '../evidence/schema.ts';
import type { Rect } from '../evidence/record.ts';
import type { ContentRequest, PageLayout } from '../messages.ts';
import type { CapturePorts, ScreenSegment, SnapshotResult } from './capture-service.ts';
import { assemblePng } from './png-file.ts';

// Test double for `CapturePorts`: a scripted page (viewport, scroll, post, bars) behind the content
// script, a fake clock that `sleep` advances, and real PNG bytes from `captureVisible`, so the
// service's hashing, PNG size reading and crop maths run on the real thing. Node only (node:zlib).

/** The page the fake content script answers for. */
export interface FakePage {
  url: string;
  title: string;
  viewport: PageLayout['viewport'];
  scrollY: number;
  maxScrollY: number;
  obstructions: PageLayout['obstructions'];
  /** The post in document CSS px; undefined when the content script finds none. */
  post?: Rect;
}

export interface FakeScript {
  page: FakePage;
  /** Failures for successive captureVisible calls; an undefined entry (or none) succeeds. */
  captureFailures?: (Error | undefined)[];
  /** A content request type that rejects with this error every time. */
  contentFailures?: Partial<Record<ContentRequest['type'], Error>>;
  /** Called after each scroll the content script performs, e.g. to navigate mid-capture. */
  onScroll?(fake: FakeCapturePorts): void;
  /** pageCapture's behaviour; without it the browser has no pageCapture. */
  saveMhtml?(): Promise<SnapshotResult>;
  commitError?: unknown;
  /** What currentUrl reports, when not the page's own URL (a same-document URL change fires no load). */
  currentUrl?: string;
  fileAccess?: boolean;
}

export interface FakeCapturePorts {
  ports: CapturePorts;
  page: FakePage;
  /** The fake clock, ms since the epoch. */
  clock(): number;
  /** Every request sent to the content script, in order. */
  requests: ContentRequest[];
  /** Each captureVisible call: when (fake clock), at which scroll, and the data URL answered if it succeeded. */
  shots: { at: number; scrollY: number; dataUrl?: string }[];
  compositions: { segments: readonly ScreenSegment[]; width: number; height: number; blob: Blob }[];
  renders: { pngBase64: string }[];
  commits: NewCapture[];
  /** Makes the tab load `url`: the navigation watcher fires and currentUrl reports it. */
  navigate(url: string): void;
  watchers(): number;
}

export const FAKE_START = Date.UTC(2026, 2, 2, 15, 4, 27, 123);
export const FAKE_CAPTURE_ID = '6f1c2a9e-3b7d-4c1e-9a2f-8d5e4b3c2a10';

export const fakeMeta: PostMeta = {
  platform: 'x',
  adapter: { id: 'x', version: '1.0.0' },
  permalink: 'https://x.com/harasser_0x/status/2028486597669851137',
  postId: '2028486597669851137',
  author: { displayName: 'Mara', handle: 'harasser_0x', profileUrl: 'https://x.com/harasser_0x' },
  postTime: { shown: '3:04 PM · Mar 2, 2026', iso: '2026-03-02T15:04:27.000Z', source: 'datetime-attribute', precision: 'second' },
  text: 'I know where you were last night',
  mediaUrls: [],
  isReply: false,
  missing: [],
};

/**
 * A valid grayscale PNG of `width` × `height`, every pixel `fill`: signature, IHDR, one IDAT, IEND,
 * with real CRCs, so any decoder would accept it and `readPngSize` reads its IHDR.
 */
export function createPng(width: number, height: number, fill = 0): Uint8Array<ArrayBuffer> {
  const row = new Uint8Array(width + 1).fill(fill);
  row[0] = 0; // filter type None
  const raw = new Uint8Array(row.length * height);
  for (let y = 0; y < height; y += 1) raw.set(row, y * row.length);
  return assemblePng(width, height, 0, new Uint8Array(deflateSync(raw)));
}

export function bytesToDataUrl(bytes: Uint8Array, mime = 'image/png'): string {
  return `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
}

/** Ports over a scripted page; inspect what the service did through the returned record. */
export function createFakeCapturePorts(script: FakeScript): FakeCapturePorts {
  const page = { ...script.page };
  let now = FAKE_START;
  let currentUrl = script.currentUrl ?? page.url;
  const navigationWatchers = new Set<() => void>();
  const captureFailures = [...(script.captureFailures ?? [])];

  const layout = (): PageLayout => ({
    viewport: page.viewport,
    scrollX: 0,
    scrollY: page.scrollY,
    maxScrollY: page.maxScrollY,
    obstructions: page.obstructions,
  });

  function answer(request: ContentRequest): unknown {
    switch (request.type) {
      case 'locate':
      case 'locate-picked':
        return page.post
          ? { found: true, page: { url: page.url, title: page.title }, meta: fakeMeta, rect: page.post, layout: layout() }
          : { found: false };
      case 'scroll-to':
        // Like window.scrollTo: clamped to what the document allows.
        page.scrollY = Math.min(Math.max(request.y, 0), page.maxScrollY);
        script.onScroll?.(fake);
        return layout();
      case 'serialize-page':
        return { html: `<!DOCTYPE html>\n<html><head><title>${page.title}</title></head><body></body></html>` };
      case 'render-post': {
        const width = Math.round((page.post?.width ?? 1) * page.viewport.devicePixelRatio);
        const height = Math.round((page.post?.height ?? 1) * page.viewport.devicePixelRatio);
        const pngBase64 = Buffer.from(createPng(width, height, 200)).toString('base64');
        fake.renders.push({ pngBase64 });
        return { pngBase64, width, height };
      }
      default:
        throw new Error(`The fake content script does not answer ${request.type}`);
    }
  }

  const ports: CapturePorts = {
    async captureVisible() {
      const shot: FakeCapturePorts['shots'][number] = { at: now, scrollY: page.scrollY };
      fake.shots.push(shot);
      const failure = captureFailures.shift();
      if (failure) throw failure;
      const { width, height, devicePixelRatio } = page.viewport;
      // Each screen gets its own grey, so equal hashes would mean the same screen was stored twice.
      shot.dataUrl = bytesToDataUrl(createPng(width * devicePixelRatio, height * devicePixelRatio, fake.shots.length));
      return shot.dataUrl;
    },
    async sendToContent<T>(_tabId: number, request: ContentRequest, schema: z.ZodType<T>): Promise<T> {
      fake.requests.push(request);
      const failure = script.contentFailures?.[request.type];
      if (failure) throw failure;
      // The real port parses every answer; parsing here also proves the fake answers are well-formed.
      return schema.parse(answer(request));
    },
    saveMhtml: script.saveMhtml ? () => script.saveMhtml!() : undefined,
    currentTab: async () => ({ url: currentUrl, active: true }),
    watchNavigation(_tabId, _windowId, onNavigate) {
      navigationWatchers.add(onNavigate);
      return () => navigationWatchers.delete(onNavigate);
    },
    async commit(capture) {
      fake.commits.push(capture);
      if (script.commitError !== undefined) throw script.commitError;
      return { seq: 1, at: capture.custody.at, action: capture.custody.action, subject: capture.record.id, details: capture.custody.details, prevHash: '0'.repeat(64), hash: 'f'.repeat(64) } satisfies CustodyEntry;
    },
    imaging: {
      async compose(segments, width, height) {
        const blob = new Blob([`composed ${width}x${height} from ${segments.length}`], { type: 'image/png' });
        fake.compositions.push({ segments, width, height, blob });
        return [{ blob, width, height, tile: { index: 0, count: 1 } }];
      },
      async thumbnail() {
        return { blob: new Blob(['thumbnail'], { type: 'image/png' }), width: 32, height: 16 };
      },
    },
    environment: () => ({ browser: 'Chromium 156.0.8078.108', userAgent: 'Mozilla/5.0 test', extensionVersion: '0.1.0' }),
    fileAccess: async () => script.fileAccess ?? false,
    now: () => new Date(now),
    newId: () => FAKE_CAPTURE_ID,
    async sleep(ms) {
      now += ms;
    },
  };

  const fake: FakeCapturePorts = {
    ports,
    page,
    clock: () => now,
    requests: [],
    shots: [],
    compositions: [],
    renders: [],
    commits: [],
    navigate(url) {
      currentUrl = url;
      for (const watcher of [...navigationWatchers]) watcher();
    },
    watchers: () => navigationWatchers.size,
  };
  return fake;
}
