/** Marks Safelog's own elements in a page, so capture, obstruction checks and the picker skip them. */
export const UI_ATTRIBUTE = 'data-safelog-ui';

export interface UiHost {
  root: ShadowRoot;
  remove(): void;
}

/**
 * A closed shadow root for Safelog's in-page UI: the page's styles can't restyle it and its
 * scripts can't reach into it. Styles go on elements through CSSOM, which page CSPs allow.
 */
export function createUiHost(win: Window, name: string): UiHost {
  // A plain div: a page could define a custom element under any name we chose and hijack it.
  const element = win.document.createElement('div');
  element.setAttribute(UI_ATTRIBUTE, name);
  const root = element.attachShadow({ mode: 'closed' });
  win.document.documentElement.append(element);
  return { root, remove: () => element.remove() };
}
