import { describe, expect, test } from 'vitest';
import { CANVAS_LIMITS, fitScale, planTileDraws, planTiles } from './tile-plan.ts';
import type { CanvasLimits, PlacedCrop, Tile, TileDraw } from './tile-plan.ts';

describe('planTiles', () => {
  test.each<[string, number, number, CanvasLimits, Tile[]]>([
    ['one tile when it fits', 1200, 3000, CANVAS_LIMITS, [{ index: 0, count: 1, y: 0, height: 3000 }]],
    ['exactly the side limit is one tile', 1200, 16384, CANVAS_LIMITS, [{ index: 0, count: 1, y: 0, height: 16384 }]],
    [
      'one row over the side limit splits evenly, not 16384 + 1',
      1200,
      16385,
      CANVAS_LIMITS,
      [
        { index: 0, count: 2, y: 0, height: 8193 },
        { index: 1, count: 2, y: 8193, height: 8192 },
      ],
    ],
    ['a full-width square at the area limit is one tile', 16384, 16384, CANVAS_LIMITS, [{ index: 0, count: 1, y: 0, height: 16384 }]],
    [
      'the area limit splits before the side limit does',
      100,
      10,
      { maxSide: 100, maxArea: 400 },
      [
        { index: 0, count: 3, y: 0, height: 4 },
        { index: 1, count: 3, y: 4, height: 3 },
        { index: 2, count: 3, y: 7, height: 3 },
      ],
    ],
  ])('%s', (_name, width, height, limits, expected) => {
    const actual = planTiles(width, height, limits);

    expect(actual).toEqual(expected);
  });

  test('tiles cover every row exactly once', () => {
    const height = 100_001;

    const actual = planTiles(3000, height);

    expect(actual.map((tile) => tile.y)).toEqual(actual.map((_tile, i) => actual.slice(0, i).reduce((sum, t) => sum + t.height, 0)));
    expect(actual.reduce((sum, tile) => sum + tile.height, 0)).toBe(height);
    expect(actual.every((tile) => tile.height <= 16384 && tile.height * 3000 <= CANVAS_LIMITS.maxArea)).toBe(true);
  });

  test.each<[string, number, number]>([
    ['a width of 16385', 16385, 100],
    ['a zero height', 100, 0],
    ['a fractional width', 100.5, 100],
    ['a negative height', 100, -1],
  ])('throws for %s', (_name, width, height) => {
    expect(() => planTiles(width, height)).toThrow(RangeError);
  });

  test('accepts a width of exactly 16384', () => {
    const actual = planTiles(16384, 1);

    expect(actual).toEqual([{ index: 0, count: 1, y: 0, height: 1 }]);
  });
});

describe('planTileDraws', () => {
  // Three screens of 1000 rows each (the last one shorter), stacked into 2500 rows.
  const segments: PlacedCrop[] = [
    { crop: { sx: 10, sy: 106, sw: 1200, sh: 1000 }, destY: 0 },
    { crop: { sx: 10, sy: 106, sw: 1200, sh: 1000 }, destY: 1000 },
    { crop: { sx: 10, sy: 600, sw: 1200, sh: 500 }, destY: 2000 },
  ];

  test.each<[string, Tile, TileDraw[]]>([
    ['a tile covering everything draws each segment whole', { index: 0, count: 1, y: 0, height: 2500 }, [
      { segment: 0, source: { sx: 10, sy: 106, sw: 1200, sh: 1000 }, dy: 0 },
      { segment: 1, source: { sx: 10, sy: 106, sw: 1200, sh: 1000 }, dy: 1000 },
      { segment: 2, source: { sx: 10, sy: 600, sw: 1200, sh: 500 }, dy: 2000 },
    ]],
    ['a tile splitting a segment takes its top part', { index: 0, count: 2, y: 0, height: 1250 }, [
      { segment: 0, source: { sx: 10, sy: 106, sw: 1200, sh: 1000 }, dy: 0 },
      { segment: 1, source: { sx: 10, sy: 106, sw: 1200, sh: 250 }, dy: 1000 },
    ]],
    ['the next tile takes the rest of it', { index: 1, count: 2, y: 1250, height: 1250 }, [
      { segment: 1, source: { sx: 10, sy: 356, sw: 1200, sh: 750 }, dy: 0 },
      { segment: 2, source: { sx: 10, sy: 600, sw: 1200, sh: 500 }, dy: 750 },
    ]],
    ['a tile that starts on a seam skips the segment above', { index: 1, count: 2, y: 2000, height: 500 }, [
      { segment: 2, source: { sx: 10, sy: 600, sw: 1200, sh: 500 }, dy: 0 },
    ]],
  ])('%s', (_name, tile, expected) => {
    const actual = planTileDraws(tile, segments);

    expect(actual).toEqual(expected);
  });
});

describe('fitScale', () => {
  test.each<[string, number, number, number, CanvasLimits, number]>([
    ['keeps the DPR when the render fits', 600, 2000, 2, CANVAS_LIMITS, 2],
    ['keeps a fractional DPR when it fits', 600, 2000, 1.5, CANVAS_LIMITS, 1.5],
    ['shrinks a render taller than the side limit', 600, 10000, 2, CANVAS_LIMITS, 1.638],
    // 500 / sqrt(600 * 800) = 0.7217 (area) is below 1000 / 800 = 1.25 (side).
    ['shrinks a render beyond the area limit', 600, 800, 2, { maxSide: 1000, maxArea: 250_000 }, 0.721],
  ])('%s', (_name, width, height, preferred, limits, expected) => {
    const actual = fitScale(width, height, preferred, limits);

    expect(actual).toBeCloseTo(expected, 3);
  });

  test('the shrunk render fits the limits', () => {
    const limits = { maxSide: 1000, maxArea: 500_000 };

    const actual = fitScale(700, 999, 3, limits);

    expect(Math.floor(700 * actual) * Math.floor(999 * actual)).toBeLessThanOrEqual(limits.maxArea);
    expect(Math.floor(999 * actual)).toBeLessThanOrEqual(limits.maxSide);
  });
});
