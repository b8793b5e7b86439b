import { measureObstructions } from '../capture/obstructions.ts';
import type { PageLayout, ScrollResult } from '../messages.ts';
import type { Rect } from '../evidence/record.ts';

function measureScroll(win: Window): Omit<PageLayout, 'obstructions'> {
  const doc = win.document;
  const scrollHeight = Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0);
  return {
    viewport: { width: win.innerWidth, height: win.innerHeight, devicePixelRatio: win.devicePixelRatio || 1 },
    scrollX: win.scrollX,
    scrollY: win.scrollY,
    maxScrollY: Math.max(0, scrollHeight - win.innerHeight),
  };
}

/**
 * The viewport, scroll position and pinned bars the background plans its screenshots from. Bars
 * are judged against the post's column: X's header spans only the timeline, not the window.
 */
export function measureLayout(win: Window, post?: Element): PageLayout {
  return { ...measureScroll(win), obstructions: measureObstructions(win, post ? { target: post } : {}) };
}

/** An element's rectangle in document CSS px (independent of the current scroll). */
export function documentRect(element: Element, win: Window): Rect {
  const box = element.getBoundingClientRect();
  return { x: box.left + win.scrollX, y: box.top + win.scrollY, width: box.width, height: box.height };
}

/** The whole document as one rectangle, for "save whole page". */
export function pageRect(win: Window): Rect {
  const doc = win.document.documentElement;
  return { x: 0, y: 0, width: win.innerWidth, height: Math.max(doc.scrollHeight, win.innerHeight) };
}

/** Resolves after the next frame has been painted. */
export function nextPaint(win: Window): Promise<void> {
  return new Promise((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(() => resolve())));
}

/**
 * Scrolls and resolves once the page has painted at the new position, with where the post is
 * now. Bars are not measured again: that reads every element's style, and the plan keeps the first.
 */
export async function scrollAndSettle(win: Window, y: number, post?: Element): Promise<ScrollResult> {
  win.scrollTo({ left: win.scrollX, top: y, behavior: 'instant' });
  await nextPaint(win);
  return { ...measureScroll(win), ...(post ? { postRect: documentRect(post, win) } : {}) };
}
