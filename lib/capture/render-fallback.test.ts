// @vitest-environment jsdom
import html2canvas from 'html2canvas';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createRenderOptions, effectiveBackground, isIgnoredByRenderer, renderElement } from './render-fallback.ts';

vi.mock('html2canvas', () => ({ default: vi.fn() }));

afterEach(() => {
  document.body.replaceChildren();
  vi.mocked(html2canvas).mockReset();
});

function element(html: string): Element {
  const host = document.createElement('div');
  host.innerHTML = html;
  document.body.append(host);
  const el = host.querySelector('[data-under-test]') ?? host.firstElementChild;
  if (!el) throw new Error(`No element in ${html}`);
  return el;
}

function setImageState(el: Element, complete: boolean, naturalWidth: number): void {
  Object.defineProperties(el, { complete: { value: complete }, naturalWidth: { value: naturalWidth } });
}

describe('isIgnoredByRenderer', () => {
  test.each<[string, string, boolean]>([
    ['ordinary text', '<p>hello</p>', false],
    // Safelog's own UI is gone from the page before anything is drawn; a page element carrying its
    // attribute is the page's and is drawn like any other.
    ["a page element with Safelog's attribute", '<div data-safelog-ui="toast"></div>', false],
    ['an iframe', '<iframe src="https://example.com/embed"></iframe>', true],
    ['an object', '<object data="x.swf"></object>', true],
    ['an embed', '<embed src="x.pdf">', true],
    ['audio', '<audio src="a.mp3"></audio>', true],
    ['a picture source', '<picture><source data-under-test srcset="a.webp"></picture>', true],
    ['a stylesheet link', '<link rel="stylesheet" href="a.css">', false],
    ['a preload link', '<link rel="preload" href="a.woff2" as="font">', true],
    ['an icon link', '<link rel="icon" href="favicon.ico">', true],
    ['a meta refresh', '<meta http-equiv="refresh" content="0; url=https://example.com">', true],
    ['a meta description', '<meta name="description" content="x">', false],
    ['an image button', '<input type="image" src="go.png">', true],
    ['a text input', '<input type="text">', false],
  ])('%s → %s', (_name, html, expected) => {
    const el = element(html);

    const actual = isIgnoredByRenderer(el);

    expect(actual).toBe(expected);
  });

  test.each<[string, boolean, number, boolean]>([
    ['a loaded image is kept', true, 48, false],
    ['an image still loading is left out', false, 0, true],
    ['a lazy image never loaded is left out', true, 0, true],
  ])('%s', (_name, complete, naturalWidth, expected) => {
    const img = element('<img src="avatar.png" loading="lazy">');
    setImageState(img, complete, naturalWidth);

    const actual = isIgnoredByRenderer(img);

    expect(actual).toBe(expected);
  });
});

describe('effectiveBackground', () => {
  test.each<[string, string, string]>([
    ['white when nothing is painted', '<article data-under-test>post</article>', '#ffffff'],
    ['the dark theme of an ancestor', '<main style="background-color: rgb(0, 0, 0)"><article data-under-test>post</article></main>', 'rgb(0, 0, 0)'],
    ['its own colour first', '<main style="background-color: rgb(0, 0, 0)"><article data-under-test style="background-color: rgb(21, 32, 43)">post</article></main>', 'rgb(21, 32, 43)'],
    ['skips a fully transparent layer', '<main style="background-color: rgb(1, 2, 3)"><article data-under-test style="background-color: rgba(9, 9, 9, 0)">post</article></main>', 'rgb(1, 2, 3)'],
  ])('%s', (_name, html, expected) => {
    const el = element(html);

    const actual = effectiveBackground(el, window);

    expect(actual).toBe(expected);
  });
});

describe('createRenderOptions', () => {
  test('turns off every way html2canvas could fetch', () => {
    const el = element('<article>post</article>');

    const actual = createRenderOptions(el, window, 2);

    expect(actual).toMatchObject({
      scale: 2,
      useCORS: false,
      allowTaint: false,
      proxy: undefined,
      foreignObjectRendering: false,
      logging: false,
      ignoreElements: isIgnoredByRenderer,
    });
    expect(actual.imageTimeout).toBeGreaterThan(0);
  });
});

describe('renderElement', () => {
  function fakeCanvas(width: number, height: number, blob: Blob | null): HTMLCanvasElement {
    return { width, height, toBlob: (callback: BlobCallback) => callback(blob) } as unknown as HTMLCanvasElement;
  }

  function post(width: number, height: number): HTMLElement {
    const el = element('<article>post</article>') as HTMLElement;
    el.getBoundingClientRect = () => new DOMRect(0, 0, width, height);
    return el;
  }

  test('returns the PNG bytes and size of the rendering, at the device pixel ratio', async () => {
    Object.assign(window, { devicePixelRatio: 2 });
    const el = post(300, 200);
    vi.mocked(html2canvas).mockResolvedValue(fakeCanvas(600, 400, new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])])));

    const actual = await renderElement(el, window);

    expect({ bytes: Array.from(actual.bytes), width: actual.width, height: actual.height }).toEqual({ bytes: [0x89, 0x50, 0x4e, 0x47], width: 600, height: 400 });
    expect(vi.mocked(html2canvas).mock.calls[0]?.[1]).toMatchObject({ scale: 2, useCORS: false, allowTaint: false });
  });

  test('renders smaller than the device pixel ratio rather than beyond the canvas limits', async () => {
    Object.assign(window, { devicePixelRatio: 2 });
    const el = post(600, 20_000);
    vi.mocked(html2canvas).mockResolvedValue(fakeCanvas(491, 16380, new Blob(['png'])));

    await renderElement(el, window);

    expect(vi.mocked(html2canvas).mock.calls[0]?.[1]?.scale).toBe(0.819);
  });

  test('refuses an element with no size', async () => {
    const el = post(0, 0);

    await expect(renderElement(el, window)).rejects.toThrow(/no size/);
  });

  test('reports a rendering that could not be encoded', async () => {
    Object.assign(window, { devicePixelRatio: 1 });
    const el = post(300, 200);
    vi.mocked(html2canvas).mockResolvedValue(fakeCanvas(300, 200, null));

    await expect(renderElement(el, window)).rejects.toThrow(/could not be encoded/);
  });
});
