import type { SourceRect } from './crop.ts';

/** How large a canvas may be before the browser refuses it. */
export interface CanvasLimits {
  /** Longest allowed side, in px. */
  maxSide: number;
  /** Largest allowed width × height, in px. */
  maxArea: number;
}

/**
 * Conservative canvas limits. Chromium allows sides up to 32767 px but at most 268,435,456 px in area
 * (16384²), and GPU-backed canvases hit the GPU's texture size, commonly 16384; past either limit a
 * canvas draws and encodes as blank without any error (MDN, <canvas> "Maximum canvas size"; measured
 * per browser by jhildenbiddle/canvas-size). Firefox and Safari on desktop allow at least as much.
 */
export const CANVAS_LIMITS: Readonly<CanvasLimits> = Object.freeze({ maxSide: 16384, maxArea: 16384 * 16384 });

/** One horizontal band of an output image, in device px. */
export interface Tile {
  index: number;
  count: number;
  y: number;
  height: number;
}

function assertPixelCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive whole number of pixels, got ${value}`);
  }
}

/**
 * Splits a width × height image (device px) into the fewest horizontal bands that each fit `limits`,
 * of near-equal height (the first ones one row taller), so no tile is a sliver.
 *
 * Throws a RangeError for a width beyond `maxSide`: the post is cut from a single viewport's width,
 * and no real screen is 16384 device px wide, so such a width is a caller bug. Clamping would silently
 * drop evidence pixels, and tiling horizontally would be code no real capture ever runs.
 */
export function planTiles(width: number, height: number, limits: CanvasLimits = CANVAS_LIMITS): Tile[] {
  assertPixelCount('width', width);
  assertPixelCount('height', height);
  if (width > limits.maxSide) {
    throw new RangeError(`An image ${width} px wide is wider than a canvas may be (${limits.maxSide} px)`);
  }
  const maxRows = Math.min(limits.maxSide, Math.floor(limits.maxArea / width));
  if (maxRows < 1) {
    throw new RangeError(`An image ${width} px wide exceeds the canvas area limit (${limits.maxArea} px)`);
  }
  const count = Math.ceil(height / maxRows);
  const base = Math.floor(height / count);
  const taller = height % count;
  const tiles: Tile[] = [];
  let y = 0;
  for (let index = 0; index < count; index += 1) {
    const tileHeight = base + (index < taller ? 1 : 0);
    tiles.push({ index, count, y, height: tileHeight });
    y += tileHeight;
  }
  return tiles;
}

/** A screenshot region placed at `destY` device px in the whole output image. */
export interface PlacedCrop {
  crop: SourceRect;
  destY: number;
}

/** One `drawImage(source, sx, sy, sw, sh, 0, dy, sw, sh)` call into a tile's canvas. */
export interface TileDraw {
  /** Index into the segments given to `planTileDraws`. */
  segment: number;
  source: SourceRect;
  /** Row in the tile's own canvas. */
  dy: number;
}

/**
 * The draws that fill one tile: the part of each segment that overlaps the tile's rows, cut from that
 * segment's screenshot and placed relative to the tile's top. Segments that miss the tile are skipped.
 */
export function planTileDraws(tile: Tile, segments: readonly PlacedCrop[]): TileDraw[] {
  const tileBottom = tile.y + tile.height;
  const draws: TileDraw[] = [];
  segments.forEach(({ crop, destY }, segment) => {
    const top = Math.max(destY, tile.y);
    const bottom = Math.min(destY + crop.sh, tileBottom);
    if (bottom <= top) return;
    draws.push({
      segment,
      source: { sx: crop.sx, sy: crop.sy + (top - destY), sw: crop.sw, sh: bottom - top },
      dy: top - tile.y,
    });
  });
  return draws;
}

/**
 * The scale at which a css-px box renders within `limits`: `preferred` (the DPR) when it fits,
 * otherwise the largest scale that does, so an oversized fallback render shrinks rather than blanks.
 */
export function fitScale(width: number, height: number, preferred: number, limits: CanvasLimits = CANVAS_LIMITS): number {
  if (!(width > 0) || !(height > 0) || !(preferred > 0)) {
    throw new RangeError(`Cannot fit a ${width} × ${height} box at scale ${preferred}`);
  }
  // ceil() because html2canvas rounds the box up before scaling.
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  const bySide = limits.maxSide / Math.max(w, h);
  const byArea = Math.sqrt(limits.maxArea / (w * h));
  const fitting = Math.min(preferred, bySide, byArea);
  // Flooring to 1/1000 keeps the product under the limit despite float rounding in the multiply.
  return fitting === preferred ? preferred : Math.floor(fitting * 1000) / 1000;
}
