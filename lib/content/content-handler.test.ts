// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://x.com/home"}
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test, vi, type MockInstance } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import { setLocale, t } from '../i18n.ts';
import type { ContentEvent, ContentRequest, LocateResult, LocatedPost, PageLayout } from '../messages.ts';
import { locateResultSchema, renderedPostSchema, scrollResultSchema, serializedPageSchema } from '../messages.ts';
import { renderElement } from '../capture/render-fallback.ts';
import { createContentHandler, serializePage } from './content-handler.ts';
import { UI_ATTRIBUTE } from './ui-host.ts';

// html2canvas needs a canvas jsdom doesn't have; what matters here is which element is drawn and how
// its bytes travel back.
vi.mock('../capture/render-fallback.ts', () => ({ renderElement: vi.fn() }));

// jsdom has no layout: each test places the posts it needs by stubbing their boxes, the viewport and
// the scroll position, and answers elementsFromPoint from those boxes.

const VIEWPORT = { width: 800, height: 600 };
const SCROLL_HEIGHT = 3000;
const POST_STATUS_PATH = '/harasser_0x/status/2028486597669851137';
const TIMELINE_IDS = ['2028471179408314369', '2028450518266814465'];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const boxes = new Map<Element, Box>();
let attachShadow: MockInstance<Element['attachShadow']>;
let sendEvent: ReturnType<typeof vi.fn<(event: ContentEvent) => void>>;

function fixture(path: string): string {
  // A path, not a URL: under jsdom the global URL is jsdom's, which node:fs doesn't take.
  return readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../tests/fixtures', path), 'utf8');
}

/** Puts a saved page into the test's document at `path` (same origin as the environment's URL). */
function loadPage(html: string, path: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.replaceChild(document.importNode(parsed.documentElement, true), document.documentElement);
  history.replaceState(null, '', path);
}

/** Gives `element` a box in document CSS px; getBoundingClientRect reports it relative to the scroll. */
function place(element: Element, box: Box): void {
  boxes.set(element, box);
  element.getBoundingClientRect = () => {
    const top = box.y - window.scrollY;
    const left = box.x - window.scrollX;
    return { x: left, y: top, top, left, width: box.width, height: box.height, right: left + box.width, bottom: top + box.height, toJSON: () => box };
  };
}

/** Every post one under the other, 300 px apart from y = 100. */
function placePosts(): Element[] {
  const posts = Array.from(document.querySelectorAll('article[data-testid="tweet"]'));
  posts.forEach((post, index) => place(post, { x: 100, y: 100 + index * 300, width: 600, height: 280 }));
  return posts;
}

function setScroll(y: number): void {
  vi.stubGlobal('scrollY', y);
  vi.stubGlobal('pageYOffset', y);
}

/** The elements at a viewport point, topmost first, as a browser would list them. */
function elementsFromPoint(x: number, y: number): Element[] {
  const hits: Element[] = Array.from(document.querySelectorAll(`[${UI_ATTRIBUTE}]`));
  for (const [element, box] of boxes) {
    const top = box.y - window.scrollY;
    if (x >= box.x && x < box.x + box.width && y >= top && y < top + box.height) {
      const deepest = element.querySelector('[data-testid="tweetText"]') ?? element;
      for (let node: Element | null = deepest; node; node = node.parentElement) hits.push(node);
    }
  }
  return hits;
}

/** The point in the viewport at the middle of the placed element that holds `element`. */
function centreOf(element: Element): { clientX: number; clientY: number } {
  let placed: Element | null = element;
  while (placed && !boxes.has(placed)) placed = placed.parentElement;
  if (!placed) throw new Error('Not inside a placed element');
  const box = placed.getBoundingClientRect();
  return { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
}

/** Safelog's shadow roots still in the page. */
function uiRoots(): ShadowRoot[] {
  return attachShadow.mock.results.flatMap((result) => {
    const root = result.value as ShadowRoot;
    return result.type === 'return' && root.host.isConnected ? [root] : [];
  });
}

function uiRoot(name: string): ShadowRoot {
  const root = uiRoots().find((candidate) => candidate.host.getAttribute(UI_ATTRIBUTE) === name);
  if (!root) throw new Error(`No ${name} in the page`);
  return root;
}

function hasUi(name: string): boolean {
  return document.querySelector(`[${UI_ATTRIBUTE}="${name}"]`) !== null;
}

function createHandler() {
  // jsdom's dispatched events are never trusted; here they stand for the person's own input.
  return createContentHandler(window, { t, sendEvent, isPersonsInput: () => true });
}

async function locate(handler: ReturnType<typeof createHandler>, request: ContentRequest): Promise<LocateResult> {
  return locateResultSchema.parse(await handler.handle(request));
}

function found(result: LocateResult): LocatedPost {
  if (!result.found) throw new Error('Expected a post');
  return result;
}

function key(name: string, target: EventTarget = document.body): boolean {
  return target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, composed: true }));
}

function click(target: Element, point = centreOf(target)): boolean {
  return target.dispatchEvent(new MouseEvent('click', { ...point, bubbles: true, cancelable: true, composed: true }));
}

const NOW = '2026-03-02T16:00:00.000Z';

beforeEach(() => {
  setLocale('en');
  boxes.clear();
  vi.stubGlobal('innerWidth', VIEWPORT.width);
  vi.stubGlobal('innerHeight', VIEWPORT.height);
  vi.stubGlobal('devicePixelRatio', 2);
  setScroll(0);
  attachShadow = vi.spyOn(Element.prototype, 'attachShadow');
  sendEvent = vi.fn<(event: ContentEvent) => void>();
  document.elementsFromPoint = elementsFromPoint;
  Element.prototype.scrollIntoView = vi.fn();
});

afterEach(() => {
  // The window outlives the test: a picker left open would still catch the next test's keys and clicks.
  // Each Escape closes the oldest open picker (it stops the event), extra ones reach no one.
  for (const result of attachShadow.mock.results) {
    if (result.type === 'return' && (result.value as ShadowRoot).host.getAttribute(UI_ATTRIBUTE) === 'picker') {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', cancelable: true }));
    }
  }
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

function withScrollHeight(height: number): void {
  Object.defineProperty(document.documentElement, 'scrollHeight', { configurable: true, value: height });
}

describe('locate', () => {
  test("'main' on a post's own page answers that post, its box and the layout", async () => {
    loadPage(fixture('sites/x/post.html'), POST_STATUS_PATH);
    withScrollHeight(SCROLL_HEIGHT);
    const [main] = placePosts();
    setScroll(40);

    const actual = found(await locate(createHandler(), { type: 'locate', mode: 'main', now: NOW }));

    expect(actual.meta.postId).toBe('2028486597669851137');
    expect(actual.page).toEqual({ url: `https://x.com${POST_STATUS_PATH}`, title: document.title });
    expect(actual.rect).toEqual(boxes.get(main!));
    const expectedLayout: PageLayout = {
      viewport: { width: 800, height: 600, devicePixelRatio: 2 },
      scrollX: 0,
      scrollY: 40,
      maxScrollY: SCROLL_HEIGHT - 600,
      obstructions: { top: 0, bottom: 0 },
    };
    expect(actual.layout).toEqual(expectedLayout);
  });

  test("'main' on a timeline finds nothing", async () => {
    loadPage(fixture('sites/x/timeline.html'), '/home');
    placePosts();

    const actual = await locate(createHandler(), { type: 'locate', mode: 'main', now: NOW });

    expect(actual).toEqual({ found: false });
  });

  test("'target' answers the post under the pointer", async () => {
    loadPage(fixture('sites/x/timeline.html'), '/home');
    const posts = placePosts();
    const hovered = posts[1]!.querySelector('[data-testid="tweetText"]')!;
    const querySelectorAll = document.querySelectorAll.bind(document);
    vi.spyOn(document, 'querySelectorAll').mockImplementation((selectors: string) =>
      selectors === ':hover' ? ([document.documentElement, document.body, hovered] as unknown as NodeListOf<Element>) : querySelectorAll(selectors),
    );

    const actual = found(await locate(createHandler(), { type: 'locate', mode: 'target', now: NOW }));

    expect(actual.meta.postId).toBe(TIMELINE_IDS[1]);
    expect(actual.rect).toEqual(boxes.get(posts[1]!));
  });

  test("'target' answers the post that links to the context menu's link", async () => {
    loadPage(fixture('sites/x/timeline.html'), '/home');
    placePosts();

    const actual = found(
      await locate(createHandler(), { type: 'locate', mode: 'target', linkUrl: `https://x.com/harasser_0x/status/${TIMELINE_IDS[0]}`, now: NOW }),
    );

    expect(actual.meta.postId).toBe(TIMELINE_IDS[0]);
  });

  test("'target' with nothing under the pointer and no link finds nothing", async () => {
    loadPage(fixture('sites/x/timeline.html'), '/home');
    placePosts();

    const actual = await locate(createHandler(), { type: 'locate', mode: 'target', now: NOW });

    expect(actual).toEqual({ found: false });
  });

  test.each([
    ["a post's own page", 'sites/x/post.html', POST_STATUS_PATH, 'x'],
    ['a timeline, read by the generic fallback', 'sites/x/timeline.html', '/home', 'generic'],
  ])("'page' on %s answers the whole document", async (_name, path, urlPath, expectedAdapter) => {
    loadPage(fixture(path), urlPath);
    withScrollHeight(SCROLL_HEIGHT);
    placePosts();

    const actual = found(await locate(createHandler(), { type: 'locate', mode: 'page', now: NOW }));

    expect(actual.rect).toEqual({ x: 0, y: 0, width: VIEWPORT.width, height: SCROLL_HEIGHT });
    expect(actual.meta.adapter.id).toBe(expectedAdapter);
  });

  test('scroll-to scrolls the window and answers the new layout', async () => {
    loadPage(fixture('sites/x/post.html'), POST_STATUS_PATH);
    withScrollHeight(SCROLL_HEIGHT);
    window.scrollTo = ((options: ScrollToOptions) => setScroll(options.top ?? 0)) as typeof window.scrollTo;

    const actual = scrollResultSchema.parse(await createHandler().handle({ type: 'scroll-to', y: 700 }));

    expect(actual.scrollY).toBe(700);
    expect(actual.maxScrollY).toBe(SCROLL_HEIGHT - VIEWPORT.height);
  });
});

describe('render-post', () => {
  test('draws the post last located and sends its bytes back intact', async () => {
    loadPage(fixture('sites/x/timeline.html'), '/home');
    const posts = placePosts();
    // Longer than one 0x8000-byte chunk of the base64 encoder, with every byte value.
    const bytes = Uint8Array.from({ length: 0x8000 * 2 + 5 }, (_, index) => (index * 7) % 256);
    vi.mocked(renderElement).mockResolvedValue({ bytes, width: 600, height: 280 });
    const handler = createHandler();
    await handler.handle({ type: 'locate', mode: 'target', linkUrl: `https://x.com/harasser_0x/status/${TIMELINE_IDS[1]}`, now: NOW });

    const actual = renderedPostSchema.parse(await handler.handle({ type: 'render-post' }));

    expect(vi.mocked(renderElement).mock.calls[0]?.[0]).toBe(posts[1]);
    expect({ width: actual.width, height: actual.height }).toEqual({ width: 600, height: 280 });
    expect(new Uint8Array(Buffer.from(actual.pngBase64, 'base64'))).toEqual(bytes);
  });
});

describe('serialize-page', () => {
  test("keeps the doctype and the page, without Safelog's own elements", async () => {
    loadPage(fixture('sites/x/post.html'), POST_STATUS_PATH);
    const handler = createHandler();
    await handler.handle({ type: 'pick' });
    await handler.handle({ type: 'toast', state: 'saving' });

    const { html: actual } = serializedPageSchema.parse(await handler.handle({ type: 'serialize-page' }));

    expect(actual.startsWith('<!DOCTYPE html>\n<html')).toBe(true);
    expect(actual).not.toContain(UI_ATTRIBUTE);
    expect(actual).toContain('data-testid="tweet"');
    expect(actual).toContain('2028486597669851137');
    // The page itself keeps Safelog's UI: only the copy leaves it out.
    expect([hasUi('toast'), hasUi('picker')]).toEqual([true, true]);
  });

  test.each([
    ['HTML5', '<!DOCTYPE html>', '<!DOCTYPE html>'],
    [
      'HTML 4.01 Transitional, which keeps quirks mode without its system id',
      '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">',
      '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">',
    ],
    [
      'XHTML 1.0 Strict',
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
    ],
    ['a system id alone', '<!DOCTYPE html SYSTEM "about:legacy-compat">', '<!DOCTYPE html SYSTEM "about:legacy-compat">'],
  ])('keeps a %s doctype as it was, so the copy renders in the same mode', (_name, doctype, expected) => {
    const doc = new DOMParser().parseFromString(`${doctype}<html><head><title>t</title></head><body><p>x</p></body></html>`, 'text/html');

    const actual = serializePage(doc);

    expect(actual.split('\n')[0]).toBe(expected);
    expect(doc.compatMode).toBe(new DOMParser().parseFromString(actual, 'text/html').compatMode);
  });

  test('a page without a doctype stays without one', () => {
    const doc = new DOMParser().parseFromString('<html><body><p>x</p></body></html>', 'text/html');

    const actual = serializePage(doc);

    expect(actual.startsWith('<html>')).toBe(true);
  });
});

describe('toast', () => {
  test.each<[string, ContentRequest & { type: 'toast' }, string, string]>([
    ['saving', { type: 'toast', state: 'saving' }, 'status', en.toastSaving.message],
    ['saved', { type: 'toast', state: 'saved' }, 'status', en.toastSaved.message],
    ['failed', { type: 'toast', state: 'failed', errorCode: 'page-changed' }, 'alert', en.errorPageChanged.message],
    // The reason's detail (which may name the page) is never shown: its placeholder stays empty.
    ['failed without a code', { type: 'toast', state: 'failed' }, 'alert', t('errorCaptureFailed')],
  ])('%s shows only its fixed text, with its role', async (_name, request, expectedRole, expectedText) => {
    loadPage(fixture('sites/x/hostile.html'), '/home');
    placePosts();
    const handler = createHandler();
    await handler.handle({ type: 'locate', mode: 'target', linkUrl: 'https://x.com/x_hostile_1/status/2028427894191091713', now: NOW });

    await handler.handle(request);

    const root = uiRoot('toast');
    const box = root.querySelector('[data-testid="safelog-toast"]');
    expect(box?.getAttribute('role')).toBe(expectedRole);
    expect(root.textContent).toBe(expectedText);
    expect(root.querySelectorAll('*')).toHaveLength(1);
  });

  test.each([
    ['saved', 3000],
    ['failed', 6000],
  ] as const)('a %s toast goes away after %i ms', async (state, expectedMs) => {
    vi.useFakeTimers();
    loadPage(fixture('sites/x/post.html'), POST_STATUS_PATH);
    const handler = createHandler();
    await handler.handle({ type: 'toast', state });

    vi.advanceTimersByTime(expectedMs - 1);
    const before = hasUi('toast');
    vi.advanceTimersByTime(1);
    const after = hasUi('toast');

    expect([before, after]).toEqual([true, false]);
  });

  test("'saving' stays until the next toast replaces it", async () => {
    vi.useFakeTimers();
    loadPage(fixture('sites/x/post.html'), POST_STATUS_PATH);
    const handler = createHandler();
    await handler.handle({ type: 'toast', state: 'saving' });
    vi.advanceTimersByTime(60_000);
    const stillThere = hasUi('toast');

    await handler.handle({ type: 'toast', state: 'saved' });

    expect(stillThere).toBe(true);
    expect(document.querySelectorAll(`[${UI_ATTRIBUTE}="toast"]`)).toHaveLength(1);
    expect(uiRoot('toast').textContent).toBe(en.toastSaved.message);
  });

  test('locating hides a toast left from before', async () => {
    loadPage(fixture('sites/x/post.html'), POST_STATUS_PATH);
    placePosts();
    const handler = createHandler();
    await handler.handle({ type: 'toast', state: 'saved' });

    await handler.handle({ type: 'locate', mode: 'main', now: NOW });

    expect(hasUi('toast')).toBe(false);
  });
});

describe('picker', () => {
  async function startPicking(path = 'sites/x/timeline.html', urlPath = '/home') {
    loadPage(fixture(path), urlPath);
    const posts = placePosts();
    const handler = createHandler();
    await handler.handle({ type: 'pick' });
    return { handler, posts };
  }

  test('shows its bar by role, with the fixed localized labels', async () => {
    await startPicking();

    const root = uiRoot('picker');

    const bar = root.querySelector('[role="dialog"]');
    expect(bar?.getAttribute('aria-label')).toBe(en.pickerHint.message);
    expect(Array.from(root.querySelectorAll('button'), (button) => [button.dataset['testid'], button.textContent])).toEqual([
      ['safelog-picker-page', en.pickerSavePage.message],
      ['safelog-picker-cancel', en.pickerCancel.message],
    ]);
  });

  test('Esc cancels and removes the overlay', async () => {
    await startPicking();

    const notPrevented = key('Escape');

    expect(notPrevented).toBe(false);
    expect(sendEvent.mock.calls).toEqual([[{ type: 'pick-cancelled' }]]);
    expect(hasUi('picker')).toBe(false);
  });

  test.each([
    ['safelog-picker-cancel', { type: 'pick-cancelled' }],
    ['safelog-picker-page', { type: 'pick-page' }],
  ] as const)('the %s button sends %o', async (testId, expected) => {
    await startPicking();

    uiRoot('picker').querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)!.click();

    expect(sendEvent.mock.calls).toEqual([[expected]]);
    expect(hasUi('picker')).toBe(false);
  });

  test('a click or Esc that a page script made up neither picks nor cancels', async () => {
    loadPage(fixture('sites/x/timeline.html'), '/home');
    const posts = placePosts();
    const handler = createContentHandler(window, { t, sendEvent }); // the browser's own isTrusted
    await handler.handle({ type: 'pick' });

    click(posts[1]!.querySelector('[data-testid="tweetText"]')!);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));

    expect(sendEvent).not.toHaveBeenCalled();
    expect(hasUi('picker')).toBe(true);
    await handler.handle({ type: 'locate', mode: 'main', now: NOW }); // a new capture closes it
    expect(hasUi('picker')).toBe(false);
  });

  test('a click on a post picks it, and locate-picked answers that post', async () => {
    const { handler, posts } = await startPicking();

    click(posts[1]!.querySelector('[data-testid="tweetText"]')!);
    const actual = found(await locate(handler, { type: 'locate-picked', now: NOW }));

    // Sent once the page has repainted without the overlay.
    await vi.waitFor(() => expect(sendEvent.mock.calls).toEqual([[{ type: 'picked' }]]));
    expect(hasUi('picker')).toBe(false);
    expect(actual.meta.postId).toBe(TIMELINE_IDS[1]);
    expect(actual.rect).toEqual(boxes.get(posts[1]!));
  });

  test("the picking click never reaches the page's own handlers", async () => {
    const { posts } = await startPicking();
    const target = posts[0]!.querySelector('[data-testid="tweetText"]')!;
    const onPost = vi.fn();
    const onDocument = vi.fn();
    const onMouseDown = vi.fn();
    posts[0]!.addEventListener('click', onPost);
    document.addEventListener('click', onDocument, true);
    target.addEventListener('mousedown', onMouseDown);

    target.dispatchEvent(new MouseEvent('mousedown', { ...centreOf(target), bubbles: true, cancelable: true }));
    const notPrevented = click(target);

    expect(notPrevented).toBe(false);
    expect([onPost.mock.calls.length, onDocument.mock.calls.length, onMouseDown.mock.calls.length]).toEqual([0, 0, 0]);
    // Sent once the page has repainted without the overlay.
    await vi.waitFor(() => expect(sendEvent.mock.calls).toEqual([[{ type: 'picked' }]]));
    // Once the pick is made, the page has its clicks back.
    click(target);
    expect(onPost).toHaveBeenCalledTimes(1);
  });

  test('ArrowDown moves to the next post and Enter picks it', async () => {
    const { handler, posts } = await startPicking();

    key('ArrowDown');
    key('ArrowDown');
    key('ArrowUp');
    key('ArrowDown');
    key('Enter');
    const actual = found(await locate(handler, { type: 'locate-picked', now: NOW }));

    // Sent once the page has repainted without the overlay.
    await vi.waitFor(() => expect(sendEvent.mock.calls).toEqual([[{ type: 'picked' }]]));
    expect(actual.rect).toEqual(boxes.get(posts[1]!));
    expect(actual.meta.postId).toBe(TIMELINE_IDS[1]);
    expect(Element.prototype.scrollIntoView).toHaveBeenCalledTimes(4);
  });

  test('Enter before any post is highlighted picks nothing', async () => {
    await startPicking();

    key('Enter');

    expect(sendEvent).not.toHaveBeenCalled();
    expect(hasUi('picker')).toBe(true);
  });

  test('locate-picked without a pick fails as a changed page', async () => {
    loadPage(fixture('sites/x/timeline.html'), '/home');

    const actual = createHandler().handle({ type: 'locate-picked', now: NOW });

    await expect(actual).rejects.toMatchObject({ code: 'page-changed' });
  });

  test('locate-picked after the picked post left the page fails as a changed page', async () => {
    const { handler, posts } = await startPicking();
    click(posts[0]!);
    posts[0]!.remove();

    const actual = handler.handle({ type: 'locate-picked', now: NOW });

    await expect(actual).rejects.toMatchObject({ code: 'page-changed' });
  });
});

describe('hostile page content', () => {
  const HOSTILE_NAME = '<img src=x onerror=alert(1)><script>alert(1)</script> \u202eAdmin\u200b\u200dX';

  test("never becomes markup in Safelog's UI", async () => {
    loadPage(fixture('sites/x/hostile.html'), '/home');
    const [post] = placePosts();
    const handler = createHandler();
    await handler.handle({ type: 'pick' });
    post!.dispatchEvent(new MouseEvent('mousemove', { ...centreOf(post!), bubbles: true }));
    await handler.handle({ type: 'toast', state: 'failed', errorCode: 'no-post' });
    click(post!);
    const picked = found(await locate(handler, { type: 'locate-picked', now: NOW }));
    await handler.handle({ type: 'toast', state: 'saved' });

    expect(picked.meta.author.displayName).toBe(HOSTILE_NAME);
    const roots = attachShadow.mock.results.map((result) => result.value as ShadowRoot);
    expect(roots.length).toBeGreaterThanOrEqual(3);
    for (const root of roots) {
      expect(root.querySelectorAll('img, script, b')).toHaveLength(0);
      expect(root.textContent).not.toContain('Admin');
      expect(root.textContent).not.toContain('alert');
    }
    // Nor does it become markup in the page: the only <img src="x"> would be one we made.
    expect(document.querySelectorAll('img[src="x"], script')).toHaveLength(0);
  });

  test('the page copy keeps hostile text as text', async () => {
    loadPage(fixture('sites/x/hostile.html'), '/home');

    const { html } = serializedPageSchema.parse(await createHandler().handle({ type: 'serialize-page' }));
    const reparsed = new DOMParser().parseFromString(html, 'text/html');

    expect(reparsed.querySelectorAll('img[src="x"], script')).toHaveLength(0);
    expect(reparsed.querySelector('[data-testid="User-Name"] a')?.textContent).toBe(HOSTILE_NAME);
  });
});
