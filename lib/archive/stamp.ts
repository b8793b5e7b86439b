import { CANVAS_LIMITS } from '../capture/tile-plan.ts';

/** What the band below a stamped copy says, already in the archive's language. */
export interface StampLines {
  /** Each line: a label and a value (the value may be long and wraps). */
  lines: readonly { label: string; value: string }[];
}

const FONT_PX = 14;
const LINE_PX = 20;
const PADDING_PX = 12;
const MIN_TEXT_WIDTH_PX = 240;

/**
 * Wraps `text` into lines no wider than `maxWidth` as `measure` counts it, breaking anywhere
 * (URLs and hashes have no spaces to break at).
 */
export function wrapText(text: string, maxWidth: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    if (line !== '' && measure(line + char) > maxWidth) {
      lines.push(line);
      line = '';
    }
    line += char;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * A working copy of an image with a band of text *below* its pixels: the URL, the capture time and
 * the original's SHA-256. The original's pixels are drawn unchanged at the top; the band never
 * covers them. Returns undefined when the copy would exceed the canvas limits (the original, kept
 * apart, is what counts).
 */
export async function stampImage(original: Blob, stamp: StampLines): Promise<Blob | undefined> {
  const bitmap = await createImageBitmap(original, { colorSpaceConversion: 'none' });
  try {
    const width = bitmap.width;
    const measuring = new OffscreenCanvas(1, 1).getContext('2d')!;
    measuring.font = `${FONT_PX}px sans-serif`;
    const measure = (text: string) => measuring.measureText(text).width;
    const textWidth = Math.max(width - 2 * PADDING_PX, MIN_TEXT_WIDTH_PX);
    const wrapped = stamp.lines.flatMap(({ label, value }) => wrapText(`${label}: ${value}`, textWidth, measure));
    const bandHeight = wrapped.length * LINE_PX + 2 * PADDING_PX;
    const canvasWidth = Math.max(width, textWidth + 2 * PADDING_PX);
    const height = bitmap.height + bandHeight;
    if (canvasWidth > CANVAS_LIMITS.maxSide || height > CANVAS_LIMITS.maxSide || canvasWidth * height > CANVAS_LIMITS.maxArea) return undefined;

    const canvas = new OffscreenCanvas(canvasWidth, height);
    const context = canvas.getContext('2d')!;
    context.imageSmoothingEnabled = false;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvasWidth, height);
    context.drawImage(bitmap, 0, 0);
    context.fillStyle = '#f1f3f6';
    context.fillRect(0, bitmap.height, canvasWidth, bandHeight);
    context.fillStyle = '#111111';
    context.font = `${FONT_PX}px sans-serif`;
    context.textBaseline = 'top';
    wrapped.forEach((line, index) => context.fillText(line, PADDING_PX, bitmap.height + PADDING_PX + index * LINE_PX));
    return await canvas.convertToBlob({ type: 'image/png' });
  } finally {
    bitmap.close();
  }
}
