/** Heights, in CSS px, of the bars pinned to the viewport's top and bottom edges. */
export interface Obstructions {
  top: number;
  bottom: number;
}

/** Options for `measureObstructions`. */
export interface ObstructionOptions {
  /**
   * The post being captured. Bars that overlap its column count even when narrow (X's 53 px header
   * spans only the timeline column); elements that contain it (a modal showing the post) never count.
   */
  target?: Element;
  /** Without a target, a bar must span at least this fraction of the viewport's width. */
  minWidthFraction?: number;
  /** Elements taller than this fraction of the viewport are overlays or side columns, not bars. */
  maxHeightFraction?: number;
}

// Bars meet the edge or each other exactly, give or take sub-pixel layout.
const TOLERANCE_PX = 1;

interface Bar {
  top: number;
  bottom: number;
}

function isPinnable(win: Window, el: Element): boolean {
  const style = win.getComputedStyle(el);
  return (style.position === 'fixed' || style.position === 'sticky') && style.visibility !== 'hidden' && style.display !== 'none';
}

/**
 * Measures the fixed or sticky bars (site headers, cookie banners) currently pinned to the top or bottom
 * edge of the viewport, which a scrolled screenshot must keep out of its seams. Bars stacked on one
 * another (a header with a sticky tab row under it) add up. Safelog's own UI (`data-safelog-ui`),
 * invisible elements, and elements taller than `maxHeightFraction` of the viewport are ignored.
 * Results are rounded up to whole CSS px so a slice never includes a sliver of a bar.
 */
export function measureObstructions(win: Window, options: ObstructionOptions = {}): Obstructions {
  const { target, minWidthFraction = 0.5, maxHeightFraction = 0.4 } = options;
  const width = win.innerWidth;
  const height = win.innerHeight;
  const column = target?.getBoundingClientRect();
  const bars: Bar[] = [];

  // Fixed elements can sit anywhere in the tree (even beside <body>, where extensions put their
  // toolbars), so every element is checked; after one style recalculation that is cheap.
  for (const el of Array.from(win.document.querySelectorAll('*'))) {
    if (target && (el.contains(target) || target.contains(el))) continue;
    if (!isPinnable(win, el)) continue;
    const rect = el.getBoundingClientRect();
    const visibleLeft = Math.max(rect.left, 0);
    const visibleRight = Math.min(rect.right, width);
    if (rect.height <= 0 || visibleRight <= visibleLeft) continue;
    if (rect.height > height * maxHeightFraction) continue;
    if (rect.bottom <= 0 || rect.top >= height) continue;
    const isWideEnough = column
      ? Math.min(visibleRight, column.right) > Math.max(visibleLeft, column.left)
      : visibleRight - visibleLeft >= width * minWidthFraction;
    if (!isWideEnough) continue;
    bars.push({ top: rect.top, bottom: rect.bottom });
  }

  // Grow each band from its edge through every bar that touches it, so a bar floating mid-screen
  // (a "new posts" pill) doesn't count but one stacked under the header does.
  let top = 0;
  for (const bar of [...bars].sort((a, b) => a.top - b.top)) {
    if (bar.top <= top + TOLERANCE_PX) top = Math.max(top, bar.bottom);
  }
  let bottomEdge = height;
  for (const bar of [...bars].sort((a, b) => b.bottom - a.bottom)) {
    if (bar.bottom >= bottomEdge - TOLERANCE_PX) bottomEdge = Math.min(bottomEdge, bar.top);
  }
  return { top: Math.ceil(Math.min(top, height)), bottom: Math.ceil(Math.max(height - bottomEdge, 0)) };
}
