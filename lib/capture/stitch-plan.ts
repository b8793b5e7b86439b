import type { CssRect, Size, SourceRect } from './crop.ts';
import type { Obstructions } from './obstructions.ts';

/** The post's box in DOCUMENT CSS px (getBoundingClientRect plus the scroll offsets). */
export interface DocumentBox {
  top: number;
  left: number;
  width: number;
  height: number;
}

/** Everything `planStitch` needs to know about the page, measured in one go by the content script. */
export interface StitchInput {
  post: DocumentBox;
  /** `innerWidth` × `innerHeight`, in CSS px: the area a screenshot covers. */
  viewport: Size;
  /** Bars pinned to the viewport's top and bottom edges, in CSS px (see `measureObstructions`). */
  obstructions: Obstructions;
  /** The window's scroll position when planning. */
  scrollX: number;
  scrollY: number;
  /** `scrollHeight - innerHeight`: the window cannot scroll further than this. */
  maxScrollY: number;
  /**
   * Device px per CSS px (`screenshot width / innerWidth`), if known. Scroll targets are then chosen
   * on whole device pixels (multiples of 2 CSS px at 1.5), so every screen's rows line up with the
   * others' and seams neither skip nor repeat a row of the page.
   */
  scale?: number;
}

/** One screen of a stitched capture. */
export interface StitchStep {
  /** Where to scroll the window (CSS px) before taking the screenshot. */
  scrollY: number;
  /** The part of that screenshot to keep, in viewport CSS px; pass it to `cropToPixels`. */
  slice: CssRect;
  /** Where the slice goes in the post image, in CSS px from the post's top. */
  destY: number;
  /**
   * True when the slice reaches into a pinned bar because no scroll position shows those rows
   * uncovered (the post starts under a header at the top of the page, or ends under a bottom bar
   * at its end). The capture record should say so.
   */
  obstructed: boolean;
}

/** captureVisibleTab's quota (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND in Chromium). */
export const CAPTURE_CALLS_PER_SECOND = 2;
/** The least time between two screenshots that the quota allows. */
export const CAPTURE_QUOTA_INTERVAL_MS = 1000 / CAPTURE_CALLS_PER_SECOND;

/** The smallest whole number of CSS px that is also a whole number of device px (1 if none up to 16). */
export function scrollGrid(scale: number | undefined): number {
  if (scale === undefined || !(scale > 0)) return 1;
  for (let k = 1; k <= 16; k += 1) {
    if (Math.abs(k * scale - Math.round(k * scale)) < 1e-6) return k;
  }
  return 1;
}

function validate(input: StitchInput): void {
  const { viewport, obstructions, post, maxScrollY } = input;
  if (!(viewport.width > 0) || !(viewport.height > 0)) {
    throw new RangeError(`Empty viewport ${viewport.width} × ${viewport.height}`);
  }
  if (obstructions.top < 0 || obstructions.bottom < 0) {
    throw new RangeError(`Negative obstructions ${obstructions.top}, ${obstructions.bottom}`);
  }
  // The band must be taller than the scroll grid, or flooring a target could show nothing new.
  if (viewport.height - obstructions.top - obstructions.bottom <= scrollGrid(input.scale)) {
    throw new RangeError(`Pinned bars (${obstructions.top} + ${obstructions.bottom} px) leave no room in a ${viewport.height} px viewport`);
  }
  if (!(post.width > 0) || !(post.height > 0)) throw new RangeError(`Empty post ${post.width} × ${post.height}`);
  if (maxScrollY < 0) throw new RangeError(`Negative maxScrollY ${maxScrollY}`);
}

/** The rows of the post the window can scroll into view: rows beyond the document are unreachable. */
function reachable(input: StitchInput): { top: number; bottom: number } {
  const top = Math.max(input.post.top, 0);
  const bottom = Math.min(input.post.top + input.post.height, input.maxScrollY + input.viewport.height);
  return { top, bottom };
}

/** True when the whole post is in the unobstructed band at `scrollY`. */
function isFullyVisible(input: StitchInput, scrollY: number): boolean {
  const { post, obstructions, viewport } = input;
  return post.top >= scrollY + obstructions.top && post.top + post.height <= scrollY + viewport.height - obstructions.bottom;
}

/**
 * Plans the screen that captures the post from `destY` (CSS px below the post's reachable top) down.
 * Returns undefined once `destY` is past the end. Pass `at` to plan for the scroll position the window
 * actually reached (a page may refuse or round a scroll); it throws a RangeError when the row at
 * `destY` isn't visible there. The orchestrator can thus re-measure and re-plan screen by screen.
 */
export function planStep(input: StitchInput, destY: number, at?: number): StitchStep | undefined {
  validate(input);
  const { obstructions, viewport } = input;
  const post = reachable(input);
  const from = post.top + destY;
  if (from >= post.bottom) return undefined;

  const maxScrollY = Math.floor(input.maxScrollY);
  let scrollY: number;
  if (at !== undefined) {
    scrollY = at;
  } else if (destY === 0 && isFullyVisible(input, input.scrollY)) {
    scrollY = input.scrollY;
  } else {
    // Put the next row at the top of the unobstructed band; rounding down keeps it inside the band.
    // The last screen is wherever the page ends, on the grid or not.
    const grid = scrollGrid(input.scale);
    scrollY = Math.min(Math.max(Math.floor((from - obstructions.top) / grid) * grid, 0), maxScrollY);
  }

  const bandTop = scrollY + obstructions.top;
  const bandBottom = scrollY + viewport.height - obstructions.bottom;
  // At either end of the page no scroll can move rows out from under a bar, so the bar's area is
  // usable there (and flagged); everywhere else the slice stays inside the band.
  const visibleTop = scrollY <= 0 ? scrollY : bandTop;
  const visibleBottom = scrollY >= maxScrollY ? scrollY + viewport.height : bandBottom;
  if (from < visibleTop || from >= visibleBottom) {
    throw new RangeError(`Row ${from} of the document is not visible at scrollY ${scrollY}`);
  }
  const to = Math.min(post.bottom, visibleBottom);
  return {
    scrollY,
    slice: { x: input.post.left - input.scrollX, y: from - scrollY, width: input.post.width, height: to - from },
    destY,
    obstructed: from < bandTop || to > bandBottom,
  };
}

/**
 * Plans the screens that capture a post, top to bottom. The slices cover the post's reachable rows
 * exactly once: each starts where the previous ended, and none takes rows from under a pinned bar
 * except where `StitchStep.obstructed` says it can't be helped. A post already visible in the
 * unobstructed band gives one step at the current scroll position; the last screen may be clamped
 * at `maxScrollY` and then slices from lower in the viewport.
 *
 * A post inside an inner scroller (the window can't scroll it into view) is clipped to the rows the
 * window reaches: compare `stitchedHeight(steps)` with `post.height` to detect that.
 */
export function planStitch(input: StitchInput): StitchStep[] {
  const steps: StitchStep[] = [];
  for (let step = planStep(input, 0); step; step = planStep(input, step.destY + step.slice.height)) {
    steps.push(step);
  }
  return steps;
}

/** The post height, in CSS px, that the steps cover together. */
export function stitchedHeight(steps: readonly StitchStep[]): number {
  return steps.reduce((sum, step) => sum + step.slice.height, 0);
}

/**
 * The least time, in ms, that taking these screenshots costs under the quota: the first is immediate,
 * each further one waits an interval. Scrolling and repainting come on top.
 */
export function estimateStitchDuration(steps: readonly StitchStep[], quotaIntervalMs: number = CAPTURE_QUOTA_INTERVAL_MS): number {
  return Math.max(steps.length - 1, 0) * quotaIntervalMs;
}

/** The crops laid out one under the other, in device px. */
export interface StackedSegments {
  destY: number[];
  width: number;
  height: number;
}

/**
 * Stacks crops from consecutive screens into one image, each starting on the row after the previous
 * one ended. Placing them by their own rounded heights (not by `destY × scale`, which rounds on its
 * own) guarantees the output has no empty or doubled row. Throws when the widths differ, which
 * means the window was resized or scrolled sideways mid-capture.
 */
export function stackSegments(crops: readonly SourceRect[]): StackedSegments {
  const first = crops[0];
  if (!first) throw new RangeError('No segments to stack');
  const mismatch = crops.find((crop) => crop.sw !== first.sw);
  if (mismatch) {
    throw new RangeError(`Segments differ in width (${first.sw} and ${mismatch.sw} px): the window changed during capture`);
  }
  const destY: number[] = [];
  let height = 0;
  for (const crop of crops) {
    destY.push(height);
    height += crop.sh;
  }
  return { destY, width: first.sw, height };
}
