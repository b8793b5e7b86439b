import { describe, expect, test } from 'vitest';
import { cropToPixels, planThumbnail, scaleOf } from './crop.ts';
import type { CssRect, Size, SourceRect, ThumbnailPlan } from './crop.ts';

const viewport: Size = { width: 800, height: 600 };
const atDpr = (dpr: number): Size => ({ width: viewport.width * dpr, height: viewport.height * dpr });

describe('cropToPixels', () => {
  test.each<[string, CssRect, Size, SourceRect]>([
    ['DPR 1, inside', { x: 10, y: 20, width: 300, height: 100 }, atDpr(1), { sx: 10, sy: 20, sw: 300, sh: 100 }],
    ['DPR 2, inside', { x: 10, y: 20, width: 300, height: 100 }, atDpr(2), { sx: 20, sy: 40, sw: 600, sh: 200 }],
    ['DPR 1.5, inside', { x: 10, y: 20, width: 300, height: 100 }, atDpr(1.5), { sx: 15, sy: 30, sw: 450, sh: 150 }],
    // 11 * 1.5 = 16.5 -> 17 and (11 + 101) * 1.5 = 168: the size is 151, not round(151.5) = 152.
    ['DPR 1.5, half-pixel edge', { x: 11, y: 11, width: 101, height: 101 }, atDpr(1.5), { sx: 17, sy: 17, sw: 151, sh: 151 }],
    ['DPR 1, fractional CSS', { x: 10.4, y: 20.6, width: 99.2, height: 50.5 }, atDpr(1), { sx: 10, sy: 21, sw: 100, sh: 50 }],
    ['DPR 2, fractional CSS', { x: 10.25, y: 0.75, width: 20.5, height: 10.1 }, atDpr(2), { sx: 21, sy: 2, sw: 41, sh: 20 }],
    ['DPR 1, above and left of the viewport', { x: -50, y: -30, width: 100, height: 100 }, atDpr(1), { sx: 0, sy: 0, sw: 50, sh: 70 }],
    ['DPR 2, below the fold', { x: 700, y: 500, width: 200, height: 300 }, atDpr(2), { sx: 1400, sy: 1000, sw: 200, sh: 200 }],
    ['DPR 1.5, larger than the viewport', { x: -1, y: -1, width: 900, height: 700 }, atDpr(1.5), { sx: 0, sy: 0, sw: 1200, sh: 900 }],
    ['entirely outside', { x: 10, y: 700, width: 100, height: 50 }, atDpr(1), { sx: 10, sy: 600, sw: 100, sh: 0 }],
  ])('%s', (_name, rect, image, expected) => {
    const actual = cropToPixels(rect, viewport, image);

    expect(actual).toEqual(expected);
  });

  test('derives the scale from the image, not from a rounded devicePixelRatio', () => {
    // 125% zoom on a DPR 1 screen: devicePixelRatio may read 1.25 or be rounded; the image says 1.25.
    const image = { width: 1000, height: 750 };

    const actual = cropToPixels({ x: 8, y: 8, width: 16, height: 16 }, viewport, image);

    expect(actual).toEqual({ sx: 10, sy: 10, sw: 20, sh: 20 });
  });

  test.each([1, 1.25, 1.5, 1.75, 2, 2.625, 3])('adjacent crops tile without gaps or overlaps at DPR %s', (dpr) => {
    const image = atDpr(dpr);
    // Seams at awkward fractional CSS positions, including float-noisy sums such as 0.1 + 0.2.
    const seams = [0.1 + 0.2, 33.3, 53, 100.5, 233.75, 333.33, 401.2, 599.9];
    const rects = seams.slice(0, -1).map((y, i) => ({ x: 0, y, width: 800, height: (seams[i + 1] ?? y) - y }));

    const crops = rects.map((rect) => cropToPixels(rect, viewport, image));
    const actual = crops.map((crop, i) => (i === 0 ? 0 : crop.sy - ((crops[i - 1]?.sy ?? 0) + (crops[i - 1]?.sh ?? 0))));

    const expected = crops.map(() => 0);
    expect(actual).toEqual(expected);
  });
});

describe('scaleOf', () => {
  test.each<[Size, Size]>([
    [{ width: 0, height: 600 }, { width: 800, height: 600 }],
    [{ width: 800, height: 600 }, { width: 0, height: 0 }],
  ])('rejects an empty viewport or image (%o, %o)', (badViewport, image) => {
    expect(() => scaleOf(badViewport, image)).toThrow(RangeError);
  });
});

describe('planThumbnail', () => {
  test.each<[string, Size, ThumbnailPlan]>([
    ['a small image is kept as is', { width: 200, height: 100 }, { source: { sx: 0, sy: 0, sw: 200, sh: 100 }, width: 200, height: 100 }],
    ['a wide image shrinks to the width', { width: 1200, height: 600 }, { source: { sx: 0, sy: 0, sw: 1200, sh: 600 }, width: 320, height: 160 }],
    ['a square image shrinks to the box', { width: 1000, height: 1000 }, { source: { sx: 0, sy: 0, sw: 1000, sh: 1000 }, width: 320, height: 320 }],
    ['a tall post keeps its top', { width: 1200, height: 9000 }, { source: { sx: 0, sy: 0, sw: 1200, sh: 1200 }, width: 320, height: 320 }],
    ['a narrow tall post keeps its top at full size', { width: 100, height: 5000 }, { source: { sx: 0, sy: 0, sw: 100, sh: 100 }, width: 100, height: 100 }],
  ])('%s', (_name, image, expected) => {
    const actual = planThumbnail(image, 320, 320);

    expect(actual).toEqual(expected);
  });

  test('never plans an empty thumbnail', () => {
    const actual = planThumbnail({ width: 5000, height: 1 }, 320, 320);

    expect(actual).toEqual({ source: { sx: 0, sy: 0, sw: 5000, sh: 1 }, width: 320, height: 1 });
  });
});
