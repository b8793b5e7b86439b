import { measureObstructions } from '../capture/obstructions.ts';
import type { PageLayout } from '../messages.ts';
import type { Rect } from '../evidence/record.ts';

/** The viewport, scroll position and pinned bars the background plans its screenshots from. */
export function measureLayout(win: Window): PageLayout {
  const doc = win.document;
  const scrollHeight = Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0);
  return {
    viewport: { width: win.innerWidth, height: win.innerHeight, devicePixelRatio: win.devicePixelRatio || 1 },
    scrollX: win.scrollX,
    scrollY: win.scrollY,
    maxScrollY: Math.max(0, scrollHeight - win.innerHeight),
    obstructions: measureObstructions(win),
  };
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

/** Scrolls and resolves once the page has painted at the new position (two frames). */
export async function scrollAndSettle(win: Window, y: number): Promise<PageLayout> {
  win.scrollTo({ left: win.scrollX, top: y, behavior: 'instant' });
  await new Promise<void>((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(() => resolve())));
  return measureLayout(win);
}
