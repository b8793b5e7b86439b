import { describe, expect, test } from 'vitest';
import { cropToPixels } from './crop.ts';
import {
  estimateStitchDuration,
  planStep,
  planStitch,
  scrollGrid,
  stackSegments,
  stitchedHeight,
} from './stitch-plan.ts';
import type { StackedSegments, StitchInput, StitchStep } from './stitch-plan.ts';
import type { SourceRect } from './crop.ts';

const base: StitchInput = {
  post: { top: 1000, left: 100, width: 600, height: 300 },
  viewport: { width: 800, height: 600 },
  obstructions: { top: 0, bottom: 0 },
  scrollX: 0,
  scrollY: 0,
  maxScrollY: 10_000,
};
const make = (overrides: Partial<StitchInput>): StitchInput => ({ ...base, ...overrides });
const step = (scrollY: number, y: number, height: number, destY: number, obstructed = false): StitchStep => ({
  scrollY,
  slice: { x: 100, y, width: 600, height },
  destY,
  obstructed,
});

describe('planStitch', () => {
  test.each<[string, StitchInput, StitchStep[]]>([
    [
      'a post already visible below the header is taken without scrolling',
      make({ post: { top: 200, left: 100, width: 600, height: 300 }, scrollY: 100, obstructions: { top: 53, bottom: 0 } }),
      [step(100, 100, 300, 0)],
    ],
    [
      'a post that fits but is off screen scrolls once, to just below the header',
      make({ post: { top: 2000, left: 100, width: 600, height: 300 }, obstructions: { top: 53, bottom: 0 } }),
      [step(1947, 53, 300, 0)],
    ],
    [
      'a post half hidden under the header is scrolled clear of it',
      make({ post: { top: 130, left: 100, width: 600, height: 300 }, scrollY: 100, obstructions: { top: 53, bottom: 0 } }),
      [step(77, 53, 300, 0)],
    ],
    [
      'a tall post under a 53 px header takes 547 px per screen',
      make({ post: { top: 1000, left: 100, width: 600, height: 1500 }, obstructions: { top: 53, bottom: 0 } }),
      [step(947, 53, 547, 0), step(1494, 53, 547, 547), step(2041, 53, 406, 1094)],
    ],
    [
      'the last screen, clamped at maxScrollY, slices from lower in the viewport',
      make({ post: { top: 1000, left: 100, width: 600, height: 1500 }, obstructions: { top: 53, bottom: 0 }, maxScrollY: 2000 }),
      [step(947, 53, 547, 0), step(1494, 53, 547, 547), step(2000, 94, 406, 1094)],
    ],
    [
      'without obstructions each screen is a full viewport',
      make({ post: { top: 1000, left: 100, width: 600, height: 1500 } }),
      [step(1000, 0, 600, 0), step(1600, 0, 600, 600), step(2200, 0, 300, 1200)],
    ],
    [
      'a bottom cookie bar keeps slices above it',
      make({ post: { top: 1000, left: 100, width: 600, height: 1200 }, obstructions: { top: 0, bottom: 100 } }),
      [step(1000, 0, 500, 0), step(1500, 0, 500, 500), step(2000, 0, 200, 1000)],
    ],
    [
      'a post above the current scroll position scrolls up',
      make({ post: { top: 1000, left: 100, width: 600, height: 300 }, scrollY: 3000, obstructions: { top: 53, bottom: 0 } }),
      [step(947, 53, 300, 0)],
    ],
    [
      'a post under the header at the very top of the page is taken as it is, and flagged',
      make({ post: { top: 20, left: 100, width: 600, height: 100 }, scrollY: 500, obstructions: { top: 53, bottom: 0 } }),
      [step(0, 20, 100, 0, true)],
    ],
    [
      'a post under a bottom bar at the very end of the page is taken as it is, and flagged',
      make({ post: { top: 1450, left: 100, width: 600, height: 100 }, obstructions: { top: 0, bottom: 80 }, maxScrollY: 1000 }),
      [step(1000, 450, 100, 0, true)],
    ],
    [
      'a post partly below the end of the document is clipped to what the window reaches',
      make({ post: { top: 300, left: 100, width: 600, height: 500 }, maxScrollY: 0 }),
      [step(0, 300, 300, 0)],
    ],
    [
      'at DPR 1.5 scroll targets fall on whole device pixels',
      make({ post: { top: 1000, left: 100, width: 600, height: 1000 }, obstructions: { top: 53, bottom: 0 }, scale: 1.5 }),
      [step(946, 54, 546, 0), step(1492, 54, 454, 546)],
    ],
    [
      'the horizontal position follows scrollX',
      make({ post: { top: 1000, left: 100, width: 600, height: 300 }, scrollX: 40 }),
      [{ ...step(1000, 0, 300, 0), slice: { x: 60, y: 0, width: 600, height: 300 } }],
    ],
  ])('%s', (_name, input, expected) => {
    const actual = planStitch(input);

    expect(actual).toEqual(expected);
  });

  test.each<[number, number, number]>([
    [1, 53, 0],
    [1.5, 53, 0],
    [2, 53, 48],
    [1.25, 61.5, 17],
    [2.625, 0, 0],
  ])('at DPR %s with bars %s/%s, fractional boxes give seamless device rows', (scale, top, bottom) => {
    const viewport = { width: 800, height: 600 };
    const image = { width: 800 * scale, height: 600 * scale };
    const input = make({
      post: { top: 1234.56, left: 100.25, width: 600.5, height: 4321.33 },
      viewport,
      obstructions: { top, bottom },
      scale,
    });

    const steps = planStitch(input);
    // Each crop's rows in document device px: its row in the screenshot plus the screen's scroll.
    const rows = steps.map((s) => {
      const crop = cropToPixels(s.slice, viewport, image);
      return { from: crop.sy + s.scrollY * scale, to: crop.sy + crop.sh + s.scrollY * scale };
    });
    const actualGaps = rows.slice(1).map((row, i) => row.from - (rows[i]?.to ?? 0));

    expect(actualGaps.every((gap) => Math.abs(gap) < 1e-9)).toBe(true);
    expect(stitchedHeight(steps)).toBeCloseTo(4321.33, 6);
    expect(steps.every((s) => s.slice.y >= top - 1e-9 && s.slice.y + s.slice.height <= 600 - bottom + 1e-9)).toBe(true);
    expect(steps.map((s) => s.destY)).toEqual(steps.map((_s, i) => stitchedHeight(steps.slice(0, i))));
  });

  test('rejects bars that leave no room', () => {
    const input = make({ obstructions: { top: 300, bottom: 299 } });

    expect(() => planStitch(input)).toThrow(RangeError);
  });
});

describe('planStep', () => {
  const input = make({ post: { top: 1000, left: 100, width: 600, height: 1500 }, obstructions: { top: 53, bottom: 0 } });

  test('re-plans for the scroll position the page actually reached', () => {
    const expected = step(1400, 147, 453, 547);

    const actual = planStep(input, 547, 1400);

    expect(actual).toEqual(expected);
  });

  test('refuses a scroll position that hides the next row', () => {
    expect(() => planStep(input, 547, 1600)).toThrow(RangeError);
  });

  test('is done past the end of the post', () => {
    const actual = planStep(input, 1500);

    expect(actual).toBeUndefined();
  });
});

describe('scrollGrid', () => {
  test.each<[number | undefined, number]>([
    [undefined, 1],
    [1, 1],
    [2, 1],
    [1.5, 2],
    [1.25, 4],
    [2.625, 8],
    [1.1, 10],
    [Math.PI, 1],
  ])('at scale %s scrolls in steps of %s CSS px', (scale, expected) => {
    const actual = scrollGrid(scale);

    expect(actual).toBe(expected);
  });
});

describe('estimateStitchDuration', () => {
  test.each<[number, number | undefined, number]>([
    [0, undefined, 0],
    [1, undefined, 0],
    [3, undefined, 1000],
    [3, 600, 1200],
  ])('%s screens at %s ms intervals take %s ms', (count, interval, expected) => {
    const steps = Array.from({ length: count }, (_v, i) => step(i * 600, 0, 600, i * 600));

    const actual = estimateStitchDuration(steps, interval);

    expect(actual).toBe(expected);
  });
});

describe('stackSegments', () => {
  test('places each crop on the row after the previous one', () => {
    const crops: SourceRect[] = [
      { sx: 150, sy: 80, sw: 900, sh: 821 },
      { sx: 150, sy: 81, sw: 900, sh: 820 },
      { sx: 150, sy: 300, sw: 900, sh: 17 },
    ];
    const expected: StackedSegments = { destY: [0, 821, 1641], width: 900, height: 1658 };

    const actual = stackSegments(crops);

    expect(actual).toEqual(expected);
  });

  test.each<[string, SourceRect[]]>([
    ['no crops', []],
    ['crops of different widths', [{ sx: 0, sy: 0, sw: 900, sh: 10 }, { sx: 0, sy: 0, sw: 901, sh: 10 }]],
  ])('rejects %s', (_name, crops) => {
    expect(() => stackSegments(crops)).toThrow(RangeError);
  });
});
