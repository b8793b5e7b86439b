import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { describeCaptureTime } from '../evidence/capture-time.ts';
import { captureRecordSchema, type Artifact } from '../evidence/record.ts';
import { SafelogError } from '../errors.ts';
import type { NewCapture } from '../db/captures.ts';
import { createCaptureService, MAX_PAGE_SCREENS, SCREENSHOT_SPACING_MS, type CaptureOptions, type TabRef } from './capture-service.ts';
import {
  createFakeCapturePorts,
  FAKE_CAPTURE_ID,
  FAKE_START,
  type FakeCapturePorts,
  type FakePage,
  type FakeScript,
} from './fake-capture-ports.ts';

const URL_ = 'https://x.com/harasser_0x/status/2028486597669851137';
const tab: TabRef = { id: 7, windowId: 3, url: URL_ };
const options: CaptureOptions = { trigger: 'shortcut', mode: 'main' };

/** A post that sits below a 50 px header, fully inside a 400 × 300 viewport. */
const visiblePage: FakePage = {
  url: URL_,
  title: 'Mara on X',
  viewport: { width: 400, height: 300, devicePixelRatio: 1 },
  scrollY: 0,
  maxScrollY: 2000,
  obstructions: { top: 50, bottom: 0 },
  post: { x: 20, y: 60, width: 300, height: 120 },
};

/** A 1000 px post under the same header at DPR 2: 250 px of it fit between header and bottom edge. */
const tallPage: FakePage = {
  ...visiblePage,
  viewport: { width: 400, height: 300, devicePixelRatio: 2 },
  post: { x: 20, y: 100, width: 360, height: 1000 },
};

const QUOTA_ERROR = new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.');
const PORT_CLOSED = new Error('The message port closed before a response was received.');

function setUp(script: Partial<FakeScript> & { page: FakePage }) {
  const fake = createFakeCapturePorts(script);
  return { fake, service: createCaptureService(fake.ports) };
}

function onlyCommit(fake: FakeCapturePorts): NewCapture {
  expect(fake.commits).toHaveLength(1);
  return fake.commits[0]!;
}

function artifactsOf(capture: NewCapture, kind: Artifact['kind']): Artifact[] {
  return capture.record.artifacts.filter((artifact) => artifact.kind === kind);
}

async function bytesOf(capture: NewCapture, artifact: Artifact): Promise<Uint8Array> {
  const blob = capture.blobs.get(artifact.id);
  if (!blob) throw new Error(`No blob for ${artifact.id}`);
  return new Uint8Array(await blob.arrayBuffer());
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function decodeDataUrl(dataUrl: string | undefined): Uint8Array {
  if (!dataUrl) throw new Error('No data URL');
  return new Uint8Array(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
}

async function rejection(promise: Promise<unknown>): Promise<SafelogError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof SafelogError)) throw new Error(`Expected a SafelogError, got ${String(error)}`);
  return error;
}

/** Every artifact's hash and size are those of the exact Blob handed to commit for it. */
async function expectArtifactsMatchBlobs(capture: NewCapture): Promise<void> {
  expect([...capture.blobs.keys()].sort()).toEqual(capture.record.artifacts.map((artifact) => artifact.id).sort());
  for (const artifact of capture.record.artifacts) {
    const bytes = await bytesOf(capture, artifact);
    expect({ id: artifact.id, sha256: artifact.sha256, size: artifact.size }).toEqual({ id: artifact.id, sha256: sha256(bytes), size: bytes.length });
  }
}

describe('createCaptureService: a post inside the viewport', () => {
  test('takes one screenshot without scrolling and commits one record', async () => {
    const { fake, service } = setUp({ page: visiblePage, saveMhtml: async () => ({ blob: new Blob(['MIME-Version: 1.0'], { type: 'multipart/related' }), attempts: 1 }) });

    const actual = await service.capture(tab, options);

    const committed = onlyCommit(fake);
    expect(actual).toEqual({ status: 'saved', record: committed.record });
    expect(fake.shots).toHaveLength(1);
    expect(fake.requests.map((request) => request.type)).toEqual(['locate']);
    expect(fake.watchers()).toBe(0);
    expect(() => captureRecordSchema.parse(committed.record)).not.toThrow();
    expect(committed.record.id).toBe(FAKE_CAPTURE_ID);
    expect(committed.record.kind).toBe('post');
    expect(committed.record.postRect).toEqual(visiblePage.post);
  });

  test('every artifact is hashed and sized over the exact bytes committed', async () => {
    const { fake, service } = setUp({ page: visiblePage });

    await service.capture(tab, options);

    const committed = onlyCommit(fake);
    expect(committed.record.artifacts.map((artifact) => artifact.kind)).toEqual(['raw-screenshot', 'post-image', 'page-snapshot']);
    await expectArtifactsMatchBlobs(committed);
  });

  test('the raw screenshot is exactly the bytes captureVisibleTab returned', async () => {
    const { fake, service } = setUp({ page: visiblePage });

    await service.capture(tab, options);

    const committed = onlyCommit(fake);
    const [raw] = artifactsOf(committed, 'raw-screenshot');
    const expected = decodeDataUrl(fake.shots[0]?.dataUrl);
    const actual = await bytesOf(committed, raw!);
    expect(actual).toEqual(expected);
    expect(raw).toMatchObject({ mime: 'image/png', width: 400, height: 300, imageSource: 'pixels' });
  });

  test('the post image is cut from the screenshot and names it in derivedFrom', async () => {
    const { fake, service } = setUp({ page: visiblePage });

    await service.capture(tab, options);

    const committed = onlyCommit(fake);
    const [raw] = artifactsOf(committed, 'raw-screenshot');
    const [postImage] = artifactsOf(committed, 'post-image');
    expect(postImage).toMatchObject({ imageSource: 'pixels', derivedFrom: [raw!.sha256], width: 300, height: 120 });
    expect(postImage!.tile).toBeUndefined();
    expect(fake.compositions.map(({ segments, width, height }) => ({ crops: segments.map((segment) => segment.crop), width, height }))).toEqual([
      { crops: [{ sx: 20, sy: 60, sw: 300, sh: 120 }], width: 300, height: 120 },
    ]);
  });

  test('the capture time has UTC, zone, offset and local time; the custody draft says captured', async () => {
    const { fake, service } = setUp({ page: visiblePage });

    await service.capture(tab, options);

    const committed = onlyCommit(fake);
    const expected = describeCaptureTime(new Date(FAKE_START));
    expect(committed.record.capturedAt).toEqual(expected);
    expect(committed.record.capturedAt.utc).toBe('2026-03-02T15:04:27.123Z');
    expect(committed.record.capturedAt.zone).not.toBe('');
    expect(committed.record.capturedAt.local.endsWith(committed.record.capturedAt.offset)).toBe(true);
    expect(committed.custody).toEqual({
      at: '2026-03-02T15:04:27.123Z',
      action: 'captured',
      details: {
        url: URL_,
        trigger: 'shortcut',
        artifacts: committed.record.artifacts.map((artifact) => `${artifact.kind} ${artifact.sha256}`),
      },
    });
    expect(committed.thumbnail).toMatchObject({ width: 32, height: 16 });
  });
});

describe('createCaptureService: a post taller than the viewport', () => {
  // 250 px of post per screen below the 50 px header, scrolled so each screen starts where the last ended.
  const expectedScrolls = [50, 300, 550, 800];

  test('scrolls down screen by screen, then back where the person was', async () => {
    const { fake, service } = setUp({ page: { ...tallPage, scrollY: 0 } });

    await service.capture(tab, options);

    const actual = fake.requests.flatMap((request) => (request.type === 'scroll-to' ? [request.y] : []));
    expect(actual).toEqual([...expectedScrolls, 0]);
    expect(fake.shots.map((shot) => shot.scrollY)).toEqual(expectedScrolls);
    expect(fake.page.scrollY).toBe(0);
  });

  test('stitches the screens into one post image derived from all of them', async () => {
    const { fake, service } = setUp({ page: tallPage });

    await service.capture(tab, options);

    const committed = onlyCommit(fake);
    const raws = artifactsOf(committed, 'raw-screenshot');
    const [postImage] = artifactsOf(committed, 'post-image');
    expect(raws).toHaveLength(4);
    expect(new Set(raws.map((raw) => raw.sha256)).size).toBe(4);
    expect(postImage!.derivedFrom).toEqual(raws.map((raw) => raw.sha256));
    const [composition] = fake.compositions;
    expect({ width: composition!.width, height: composition!.height }).toEqual({ width: 720, height: 2000 });
    expect(composition!.segments.map((segment) => [segment.crop, segment.destY])).toEqual([
      [{ sx: 40, sy: 100, sw: 720, sh: 500 }, 0],
      [{ sx: 40, sy: 100, sw: 720, sh: 500 }, 500],
      [{ sx: 40, sy: 100, sw: 720, sh: 500 }, 1000],
      [{ sx: 40, sy: 100, sw: 720, sh: 500 }, 1500],
    ]);
    for (const [index, raw] of raws.entries()) {
      expect(await bytesOf(committed, raw)).toEqual(decodeDataUrl(fake.shots[index]?.dataUrl));
    }
    await expectArtifactsMatchBlobs(committed);
  });

  test('keeps the screenshots at least the quota interval apart on the clock', async () => {
    const { fake, service } = setUp({ page: tallPage });

    await service.capture(tab, options);

    const actual = fake.shots.slice(1).map((shot, index) => shot.at - fake.shots[index]!.at);
    expect(actual).toHaveLength(3);
    for (const gap of actual) expect(gap).toBeGreaterThanOrEqual(SCREENSHOT_SPACING_MS);
  });

  test('keeps the spacing across captures made by the same service', async () => {
    const { fake, service } = setUp({ page: visiblePage });

    await service.capture(tab, options);
    await service.capture(tab, options);

    expect(fake.shots).toHaveLength(2);
    expect(fake.shots[1]!.at - fake.shots[0]!.at).toBeGreaterThanOrEqual(SCREENSHOT_SPACING_MS);
  });

  test('retries a screenshot refused by the quota once, an interval later', async () => {
    const { fake, service } = setUp({ page: tallPage, captureFailures: [undefined, QUOTA_ERROR] });

    await service.capture(tab, options);

    const committed = onlyCommit(fake);
    expect(fake.shots.map((shot) => ({ scrollY: shot.scrollY, ok: shot.dataUrl !== undefined }))).toEqual([
      { scrollY: 50, ok: true },
      { scrollY: 300, ok: false },
      { scrollY: 300, ok: true },
      { scrollY: 550, ok: true },
      { scrollY: 800, ok: true },
    ]);
    for (const [index, shot] of fake.shots.slice(1).entries()) {
      expect(shot.at - fake.shots[index]!.at).toBeGreaterThanOrEqual(SCREENSHOT_SPACING_MS);
    }
    expect(artifactsOf(committed, 'raw-screenshot')).toHaveLength(4);
  });

  test('fails, committing nothing, when the quota refuses the retry too', async () => {
    const { fake, service } = setUp({ page: tallPage, captureFailures: [undefined, QUOTA_ERROR, QUOTA_ERROR] });

    const actual = await rejection(service.capture(tab, options));

    expect(actual.code).toBe('capture-failed');
    expect(fake.commits).toEqual([]);
    expect(fake.page.scrollY).toBe(0);
  });

  test('a page that rounds a scroll is re-planned for where it really is', async () => {
    // The page lands 10 px short of each asked position (a scroll-snap, say): no row may be lost.
    const { fake, service } = setUp({
      page: tallPage,
      onScroll: (self) => {
        if (self.page.scrollY > 0 && self.page.scrollY % 250 === 50) self.page.scrollY -= 10;
      },
    });

    await service.capture(tab, options);

    // The first screen lands at 40, not 50: its slice starts 10 px lower in the viewport and is
    // 10 px shorter, and every later screen starts on the row after the previous one ended.
    expect(fake.shots.map((shot) => shot.scrollY)).toEqual([40, 290, 540, 790, 1040]);
    const [composition] = fake.compositions;
    const actual = composition!.segments.map((segment) => [segment.crop.sy, segment.crop.sh, segment.destY]);
    expect(actual).toEqual([
      [120, 480, 0],
      [100, 500, 480],
      [100, 500, 980],
      [100, 500, 1480],
      [100, 20, 1980],
    ]);
    expect(composition!.height).toBe(2000);
  });
});

describe('createCaptureService: the whole page', () => {
  test.each([
    ['without pinned bars', { top: 0, bottom: 0 }],
    ['under a 50 px header', { top: 50, bottom: 0 }],
    ['between a header and a bottom bar', { top: 50, bottom: 40 }],
  ])('an endless feed %s stops after MAX_PAGE_SCREENS screens', async (_name, obstructions) => {
    const feed: FakePage = { ...visiblePage, obstructions, maxScrollY: 100_000 - 300, post: { x: 0, y: 0, width: 400, height: 100_000 } };
    const { fake, service } = setUp({ page: feed });

    await service.capture(tab, { trigger: 'popup', mode: 'page' });

    const committed = onlyCommit(fake);
    expect(committed.record.kind).toBe('page');
    expect(fake.shots).toHaveLength(MAX_PAGE_SCREENS);
    expect(fake.page.scrollY).toBe(0);
  });
});

describe('createCaptureService: pages it must not capture', () => {
  test.each([
    ['chrome://settings/'],
    ['chrome-extension://abcdefghijklmnop/popup.html'],
    ['about:blank'],
    ['https://chromewebstore.google.com/detail/safelog/abc'],
    ['https://chrome.google.com/webstore/detail/abc'],
    ['https://addons.mozilla.org/en-US/firefox/addon/safelog/'],
    ['file:///home/me/page.html'],
  ])('%s is a restricted page', async (url) => {
    const { fake, service } = setUp({ page: { ...visiblePage, url } });

    const actual = await rejection(service.capture({ ...tab, url }, options));

    expect(actual.code).toBe('restricted-page');
    expect(fake.requests).toEqual([]);
    expect(fake.shots).toEqual([]);
    expect(fake.commits).toEqual([]);
  });

  test('a file:// page is captured once the person allowed file access', async () => {
    const url = 'file:///home/me/page.html';
    const { fake, service } = setUp({ page: { ...visiblePage, url }, fileAccess: true });

    const actual = await service.capture({ ...tab, url }, options);

    expect(actual.status).toBe('saved');
    expect(fake.commits).toHaveLength(1);
  });
});

describe('createCaptureService: the page changes mid-capture', () => {
  test.each<[string, Partial<FakeScript> & { page: FakePage }]>([
    ['the tab navigates during a scroll', { page: tallPage, onScroll: (self) => self.page.scrollY === 300 && self.navigate('https://x.com/home') }],
    // A same-document URL change (history.pushState) fires no load event; only the final check sees it.
    ['the tab shows another URL at the end', { page: visiblePage, currentUrl: 'https://x.com/home' }],
    ['a scroll finds the message port closed', { page: tallPage, contentFailures: { 'scroll-to': PORT_CLOSED } }],
    ['locating finds the message port closed', { page: visiblePage, contentFailures: { locate: PORT_CLOSED } }],
    ['the content script is gone when the image is rendered', { page: visiblePage, captureFailures: [new Error('image readback failed')], contentFailures: { 'render-post': new Error('Could not establish connection. Receiving end does not exist.') } }],
  ])('%s → page-changed, nothing committed', async (_name, script) => {
    const { fake, service } = setUp(script);

    const actual = await rejection(service.capture(tab, options));

    expect(actual.code).toBe('page-changed');
    expect(fake.commits).toEqual([]);
    expect(fake.watchers()).toBe(0);
  });

  test('a failure followed by a navigation is reported as the page changing', async () => {
    // The tab event trails the error it caused: the service waits a moment before judging.
    const { fake, service } = setUp({ page: tallPage, contentFailures: { 'scroll-to': new Error('Cannot read properties of null') } });
    const sleep = fake.ports.sleep;
    fake.ports.sleep = async (ms) => {
      fake.navigate('https://x.com/home');
      return sleep(ms);
    };

    const actual = await rejection(service.capture(tab, options));

    expect(actual.code).toBe('page-changed');
    expect(fake.commits).toEqual([]);
  });
});

describe('createCaptureService: nothing found', () => {
  test('a page without the post asks for the picker and commits nothing', async () => {
    const { fake, service } = setUp({ page: { ...visiblePage, post: undefined } });

    const actual = await service.capture(tab, { trigger: 'context-menu', mode: 'target' });

    expect(actual).toEqual({ status: 'needs-pick' });
    expect(fake.shots).toEqual([]);
    expect(fake.commits).toEqual([]);
    expect(fake.watchers()).toBe(0);
  });

  test('a picked post is located with locate-picked', async () => {
    const { fake, service } = setUp({ page: visiblePage });

    await service.capture(tab, { trigger: 'picker', mode: 'picked' });

    expect(fake.requests[0]).toEqual({ type: 'locate-picked', now: '2026-03-02T15:04:27.123Z' });
    expect(onlyCommit(fake).record.trigger).toBe('picker');
  });
});

describe('createCaptureService: the page snapshot', () => {
  const mhtml = new Blob(['MIME-Version: 1.0\r\n'], { type: 'multipart/related' });
  test.each<[string, FakeScript['saveMhtml'], FakeScript['contentFailures'], { method: string; attempts: number; error?: string; mime?: string }]>([
    ['MHTML where pageCapture works', async () => ({ blob: mhtml, attempts: 1 }), undefined, { method: 'mhtml', attempts: 1, mime: 'multipart/related' }],
    ['MHTML on the retry', async () => ({ blob: mhtml, attempts: 2 }), undefined, { method: 'mhtml', attempts: 2, mime: 'multipart/related' }],
    ['HTML where the browser has no pageCapture', undefined, undefined, { method: 'html', attempts: 1, mime: 'text/html;charset=utf-8' }],
    [
      'HTML when pageCapture gives nothing',
      async () => ({ attempts: 2, error: 'pageCapture returned no data' }),
      undefined,
      { method: 'html', attempts: 3, error: 'pageCapture returned no data', mime: 'text/html;charset=utf-8' },
    ],
    [
      'HTML when pageCapture throws',
      () => Promise.reject(new Error('Permission denied')),
      undefined,
      { method: 'html', attempts: 2, error: 'Error: Permission denied', mime: 'text/html;charset=utf-8' },
    ],
    [
      'none when both fail, the images still saved',
      async () => ({ attempts: 2, error: 'pageCapture returned no data' }),
      { 'serialize-page': new Error('DOMException: out of memory') },
      { method: 'none', attempts: 3, error: 'pageCapture returned no data; SafelogError: capture-failed: DOMException: out of memory' },
    ],
  ])('%s', async (_name, saveMhtml, contentFailures, expected) => {
    const { fake, service } = setUp({ page: visiblePage, saveMhtml, contentFailures });

    await service.capture(tab, options);

    const committed = onlyCommit(fake);
    const { mime, ...snapshot } = expected;
    expect(committed.record.snapshot).toEqual(snapshot);
    expect(artifactsOf(committed, 'page-snapshot').map((artifact) => artifact.mime)).toEqual(mime ? [mime] : []);
    expect(artifactsOf(committed, 'post-image')).toHaveLength(1);
    expect(artifactsOf(committed, 'raw-screenshot')).toHaveLength(1);
    await expectArtifactsMatchBlobs(committed);
  });
});

describe('createCaptureService: no pixels from the browser', () => {
  test.each([['image readback failed'], ['Failed to capture tab: tab is not visible']])(
    '"%s" on the first screen renders the post instead',
    async (message) => {
      const { fake, service } = setUp({ page: visiblePage, captureFailures: [new Error(message)] });

      await service.capture(tab, options);

      const committed = onlyCommit(fake);
      expect(fake.requests.map((request) => request.type)).toContain('render-post');
      expect(artifactsOf(committed, 'raw-screenshot')).toEqual([]);
      const [postImage] = artifactsOf(committed, 'post-image');
      expect(postImage).toMatchObject({ imageSource: 'rendered', width: 300, height: 120, mime: 'image/png' });
      expect(postImage!.derivedFrom).toBeUndefined();
      const expected = new Uint8Array(Buffer.from(fake.renders[0]!.pngBase64, 'base64'));
      expect(await bytesOf(committed, postImage!)).toEqual(expected);
      await expectArtifactsMatchBlobs(committed);
    },
  );

  test('a tall post that scrolled before failing is scrolled back', async () => {
    const { fake, service } = setUp({ page: tallPage, captureFailures: [new Error('image readback failed')] });

    await service.capture(tab, options);

    expect(fake.page.scrollY).toBe(0);
    expect(artifactsOf(onlyCommit(fake), 'post-image')[0]?.imageSource).toBe('rendered');
  });

  test('a failure after the first screen fails the capture rather than mixing pixels and rendering', async () => {
    const { fake, service } = setUp({ page: tallPage, captureFailures: [undefined, new Error('image readback failed')] });

    const actual = await rejection(service.capture(tab, options));

    expect(actual.code).toBe('tab-not-visible');
    expect(fake.commits).toEqual([]);
    expect(fake.page.scrollY).toBe(0);
  });
});

describe('createCaptureService: storage', () => {
  test('a full disk is reported as storage-full', async () => {
    const { fake, service } = setUp({ page: visiblePage, commitError: new DOMException('The quota has been exceeded.', 'QuotaExceededError') });

    const actual = await rejection(service.capture(tab, options));

    expect(actual.code).toBe('storage-full');
    expect(fake.commits).toHaveLength(1);
  });
});

describe('createCaptureService: the first screenshot taken while locating', () => {
  test('is used when the post needs no scroll: one screenshot in all', async () => {
    const { fake, service } = setUp({ page: visiblePage });

    await service.capture(tab, { ...options, screenshotEarly: true });

    const committed = onlyCommit(fake);
    expect(fake.shots).toHaveLength(1);
    const [raw] = artifactsOf(committed, 'raw-screenshot');
    expect(await bytesOf(committed, raw!)).toEqual(decodeDataUrl(fake.shots[0]!.dataUrl));
  });

  test('is left unused when the post must be scrolled to: the screens come from the scrolled page', async () => {
    const below: FakePage = { ...visiblePage, post: { x: 20, y: 900, width: 300, height: 120 } };
    const { fake, service } = setUp({ page: below });

    await service.capture(tab, { ...options, screenshotEarly: true });

    const committed = onlyCommit(fake);
    expect(fake.shots.map((shot) => shot.scrollY)).toEqual([0, expect.any(Number)]);
    expect(fake.shots[1]!.scrollY).toBeGreaterThan(0);
    const raws = artifactsOf(committed, 'raw-screenshot');
    expect(raws).toHaveLength(1);
    expect(await bytesOf(committed, raws[0]!)).toEqual(decodeDataUrl(fake.shots[1]!.dataUrl));
    expect(fake.shots[1]!.at - fake.shots[0]!.at).toBeGreaterThanOrEqual(SCREENSHOT_SPACING_MS);
  });
});

describe('createCaptureService: a tab that is not in front', () => {
  test('is refused before anything is photographed', async () => {
    const { fake, service } = setUp({ page: visiblePage });

    const actual = await rejection(service.capture({ ...tab, active: false }, options));

    expect(actual.code).toBe('tab-not-visible');
    expect(fake.shots).toEqual([]);
    expect(fake.commits).toEqual([]);
  });
});
