import html2canvas from 'html2canvas';
import type { Options } from 'html2canvas';
import { fitScale } from './tile-plan.ts';

// The content script's fallback when the browser can't give us the screen's pixels (a background
// tab, a refused captureVisibleTab). html2canvas redraws the post from the DOM and CSS: it is an
// illustration of the post, not a screenshot, so the caller stores it as `imageSource: 'rendered'`
// and it is never passed off as pixels. It also leaves out every cross-origin image (avatars,
// attached media), which it could only draw by fetching them again.

/** A PNG drawn by html2canvas, with its size in px. */
export interface RenderedImage {
  bytes: Uint8Array<ArrayBuffer>;
  width: number;
  height: number;
}

// Elements whose clone would fetch something on its own once html2canvas puts the cloned page into
// its hidden iframe: whole documents, media, and the <source>s that would re-run image selection.
const FETCHING_ELEMENTS = new Set(['iframe', 'frame', 'object', 'embed', 'portal', 'audio', 'source', 'track']);

/**
 * True for elements the render leaves out: Safelog's own UI, and elements whose clone would make
 * a network request (frames, embeds, media, non-stylesheet links such as preloads, meta refresh,
 * and images not loaded yet, which html2canvas would switch from lazy to eager loading).
 */
export function isIgnoredByRenderer(el: Element): boolean {
  const name = el.localName;
  if (FETCHING_ELEMENTS.has(name)) return true;
  if (name === 'link') return !(el.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('stylesheet');
  if (name === 'meta') return el.hasAttribute('http-equiv');
  if (name === 'input') return (el.getAttribute('type') ?? '').toLowerCase() === 'image';
  if (name === 'img') {
    const img = el as HTMLImageElement;
    return !(img.complete && img.naturalWidth > 0);
  }
  return false;
}

const TRANSPARENT = /^(transparent|rgba\(.*,\s*0\)|rgb\(.*\/\s*0%?\))$/;

/**
 * The colour the post is seen on: the first opaque background from the element up to <html>,
 * or white. html2canvas would otherwise paint white, hiding the light text of a dark theme.
 */
export function effectiveBackground(el: Element, win: Window): string {
  for (let node: Element | null = el; node; node = node.parentElement) {
    const color = win.getComputedStyle(node).backgroundColor.trim();
    if (color && !TRANSPARENT.test(color)) return color;
  }
  return '#ffffff';
}

/** The html2canvas options: no network, no taint, no logging, the given scale. */
export function createRenderOptions(el: Element, win: Window, scale: number): Partial<Options> {
  return {
    scale,
    backgroundColor: effectiveBackground(el, win),
    // Cross-origin images are skipped rather than fetched: with CORS and taint both off, and no
    // proxy, html2canvas 1.4.1 never requests them (Cache.loadImage returns early).
    useCORS: false,
    allowTaint: false,
    proxy: undefined,
    // Rendering through <foreignObject> would inline (fetch) every image and style.
    foreignObjectRendering: false,
    // Only same-origin images the page already shows are loaded, from the browser's image cache.
    // 0 would mean "wait forever" in 1.4.1 (the timeout is only armed when > 0), so cap it instead.
    imageTimeout: 3000,
    logging: false,
    ignoreElements: isIgnoredByRenderer,
  };
}

function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob) resolve(blob);
      else reject(new Error(`The ${canvas.width} × ${canvas.height} rendering could not be encoded as PNG`));
    }, 'image/png');
  });
}

/**
 * Draws `el` with html2canvas as PNG bytes, at the device pixel ratio, or smaller if that would
 * exceed the canvas limits (a blank canvas helps nobody). Makes no network request of its own; see
 * `createRenderOptions` and `isIgnoredByRenderer`. Store the result as `imageSource: 'rendered'`.
 */
export async function renderElement(el: HTMLElement, win: Window): Promise<RenderedImage> {
  const box = el.getBoundingClientRect();
  if (!(box.width > 0) || !(box.height > 0)) {
    throw new Error(`Cannot render an element with no size (${box.width} × ${box.height})`);
  }
  const scale = fitScale(box.width, box.height, win.devicePixelRatio || 1);
  const canvas = await html2canvas(el, createRenderOptions(el, win, scale));
  const blob = await canvasToPng(canvas);
  return { bytes: new Uint8Array(await blob.arrayBuffer()), width: canvas.width, height: canvas.height };
}
