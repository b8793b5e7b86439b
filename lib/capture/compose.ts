import { planThumbnail } from './crop.ts';
import type { SourceRect } from './crop.ts';
import { CANVAS_LIMITS, planTileDraws, planTiles } from './tile-plan.ts';
import type { CanvasLimits } from './tile-plan.ts';

// The canvas side of capture, run in the service worker. It only applies plans made by the pure
// modules (crop, stitch-plan, tile-plan), which is where the arithmetic is tested.

export { dataUrlToBytes } from './data-url.ts';

/** One screenshot's contribution to a stitched image. */
export interface Segment {
  bitmap: ImageBitmap;
  crop: SourceRect;
  /** Row of the output image, in device px, where the crop's top goes (see `stackSegments`). */
  destY: number;
}

/** One PNG of a (possibly tiled) post image. */
export interface ImageTile {
  blob: Blob;
  width: number;
  height: number;
  tile: { index: number; count: number };
}

/** A small encoded image with its size. */
export interface EncodedImage {
  blob: Blob;
  width: number;
  height: number;
}

/** Throws a clear Error when this context can't do pixel work (node, or a browser without these APIs). */
export function assertImagingSupport(): void {
  const missing = [
    typeof OffscreenCanvas === 'function' ? undefined : 'OffscreenCanvas',
    typeof createImageBitmap === 'function' ? undefined : 'createImageBitmap',
  ].filter((name) => name !== undefined);
  if (missing.length > 0) {
    throw new Error(`Cutting screenshots needs ${missing.join(' and ')}, which this context lacks`);
  }
}

function createContext(width: number, height: number, limits: CanvasLimits): { canvas: OffscreenCanvas; context: OffscreenCanvasRenderingContext2D } {
  // Past the limits a canvas doesn't fail: it comes out blank. That must never pass for evidence.
  if (width > limits.maxSide || height > limits.maxSide || width * height > limits.maxArea) {
    throw new RangeError(`A ${width} × ${height} canvas exceeds the browser's canvas limits`);
  }
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error(`Could not get a 2D context for a ${width} × ${height} canvas`);
  // Crops are drawn 1:1; no smoothing means no pixel is ever blended with a neighbour.
  context.imageSmoothingEnabled = false;
  return { canvas, context };
}

/**
 * Decodes PNG bytes for drawing. Colour-space conversion is off so the pixels drawn are the ones in
 * the file, not those values re-mapped through an embedded colour profile.
 */
export async function decodePng(bytes: Uint8Array): Promise<ImageBitmap> {
  assertImagingSupport();
  // A Blob part must be backed by an ArrayBuffer; copy when the view is over shared memory.
  const owned = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  // Screenshots are opaque: premultiplying by an alpha of 255 changes nothing, and asking for
  // 'none' sends Chromium down a decoder path about half again as slow.
  return createImageBitmap(new Blob([owned], { type: 'image/png' }), { colorSpaceConversion: 'none' });
}

/** Cuts `crop` (device px) out of a screenshot as a PNG. */
export async function cropImage(bitmap: ImageBitmap, crop: SourceRect, limits: CanvasLimits = CANVAS_LIMITS): Promise<Blob> {
  assertImagingSupport();
  if (crop.sw <= 0 || crop.sh <= 0) throw new RangeError(`Empty crop ${crop.sw} × ${crop.sh}`);
  const { canvas, context } = createContext(crop.sw, crop.sh, limits);
  context.drawImage(bitmap, crop.sx, crop.sy, crop.sw, crop.sh, 0, 0, crop.sw, crop.sh);
  return canvas.convertToBlob({ type: 'image/png' });
}

/**
 * Stitches screenshot crops into a width × height (device px) image, as one PNG per tile when the
 * image is beyond the canvas limits (`planTiles`). Each tile gets the parts of every segment that
 * overlap it. Tiles are encoded one at a time, so only one large canvas is alive at once.
 */
export async function stitchImage(
  segments: readonly Segment[],
  width: number,
  height: number,
  limits: CanvasLimits = CANVAS_LIMITS,
): Promise<ImageTile[]> {
  assertImagingSupport();
  const tiles: ImageTile[] = [];
  for (const tile of planTiles(width, height, limits)) {
    const { canvas, context } = createContext(width, tile.height, limits);
    for (const draw of planTileDraws(tile, segments)) {
      const segment = segments[draw.segment];
      if (!segment) continue;
      const { sx, sy, sw, sh } = draw.source;
      context.drawImage(segment.bitmap, sx, sy, sw, sh, 0, draw.dy, sw, sh);
    }
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    tiles.push({ blob, width, height: tile.height, tile: { index: tile.index, count: tile.count } });
  }
  return tiles;
}

/**
 * A small JPEG preview for lists (never evidence): fits maxWidth × maxHeight, and a tall post keeps
 * its top (`planThumbnail`). JPEG because every browser encodes it; transparency becomes white.
 */
export async function makeThumbnail(source: ImageBitmap | Blob, maxWidth = 320, maxHeight = 320): Promise<EncodedImage> {
  assertImagingSupport();
  const bitmap = source instanceof Blob ? await createImageBitmap(source) : source;
  try {
    const plan = planThumbnail({ width: bitmap.width, height: bitmap.height }, maxWidth, maxHeight);
    const { canvas, context } = createContext(plan.width, plan.height, CANVAS_LIMITS);
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.fillStyle = '#fff';
    context.fillRect(0, 0, plan.width, plan.height);
    const { sx, sy, sw, sh } = plan.source;
    context.drawImage(bitmap, sx, sy, sw, sh, 0, 0, plan.width, plan.height);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
    return { blob, width: plan.width, height: plan.height };
  } finally {
    // Only a bitmap decoded here is ours to free; the caller may still draw with theirs.
    if (source instanceof Blob) bitmap.close();
  }
}
