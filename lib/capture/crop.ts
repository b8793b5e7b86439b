/** A rectangle in CSS pixels. */
export interface CssRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A width and height, in whatever unit the caller states. */
export interface Size {
  width: number;
  height: number;
}

/** A source rectangle in image (device) pixels, named as in `drawImage(image, sx, sy, sw, sh, ...)`. */
export interface SourceRect {
  sx: number;
  sy: number;
  sw: number;
  sh: number;
}

// Float noise in CSS coordinates (e.g. 0.1 + 0.2) is far below this; a nudge this small makes an edge
// that lands on x.5 device px round the same way however it was computed.
const EDGE_EPSILON = 1e-6;

/**
 * Device pixels per CSS pixel, measured from the screenshot itself: `devicePixelRatio` can be rounded
 * or stale (zoom changed between measuring and capturing), the image's width cannot.
 * `viewport` must be what the screenshot covers: `innerWidth`/`innerHeight` (scrollbars included).
 */
export function scaleOf(viewport: Size, image: Size): number {
  if (!(viewport.width > 0) || !(image.width > 0)) {
    throw new RangeError(`Cannot derive a scale from viewport ${viewport.width} and image ${image.width}`);
  }
  return image.width / viewport.width;
}

/** Maps one edge (a coordinate, not a length) from CSS to device pixels, clamped to [0, max]. */
export function edgeToPixels(css: number, scale: number, max: number): number {
  const device = Math.round(css * scale + EDGE_EPSILON);
  return Math.min(Math.max(device, 0), max);
}

/**
 * Converts a rectangle in viewport CSS px into the source rectangle of a screenshot in device px.
 *
 * Rounding: each EDGE is rounded to the nearest device pixel and the size is the difference of the
 * rounded edges (never a rounded size). Two crops that share an edge therefore meet on the same
 * pixel row: together they cover every row exactly once, with no gap and no overlap. Rounding sizes
 * instead would drift by up to a pixel per seam at fractional DPRs such as 1.5.
 *
 * Parts of `rect` outside the viewport are clamped off; a rect entirely outside gives sw or sh = 0.
 */
export function cropToPixels(rect: CssRect, viewport: Size, image: Size): SourceRect {
  const scale = scaleOf(viewport, image);
  const left = edgeToPixels(rect.x, scale, image.width);
  const right = edgeToPixels(rect.x + rect.width, scale, image.width);
  const top = edgeToPixels(rect.y, scale, image.height);
  const bottom = edgeToPixels(rect.y + rect.height, scale, image.height);
  return { sx: left, sy: top, sw: Math.max(right - left, 0), sh: Math.max(bottom - top, 0) };
}

/** Where a thumbnail comes from in its source image and how large it is drawn. */
export interface ThumbnailPlan {
  source: SourceRect;
  width: number;
  height: number;
}

/**
 * Plans a thumbnail that fits maxWidth × maxHeight, keeping the aspect ratio and never enlarging.
 * A post taller than the box's shape keeps only its top (author, start of the text), because a
 * full-height 8000 px post squeezed into 320 px would be an unreadable sliver in a list.
 */
export function planThumbnail(image: Size, maxWidth: number, maxHeight: number): ThumbnailPlan {
  if (!(image.width > 0) || !(image.height > 0) || !(maxWidth > 0) || !(maxHeight > 0)) {
    throw new RangeError(`Cannot plan a ${maxWidth} × ${maxHeight} thumbnail of ${image.width} × ${image.height}`);
  }
  const sourceHeight = Math.min(image.height, Math.max(1, Math.round((image.width * maxHeight) / maxWidth)));
  const scale = Math.min(1, maxWidth / image.width, maxHeight / sourceHeight);
  return {
    source: { sx: 0, sy: 0, sw: image.width, sh: sourceHeight },
    width: Math.max(1, Math.round(image.width * scale)),
    height: Math.max(1, Math.round(sourceHeight * scale)),
  };
}
