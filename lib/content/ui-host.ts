/**
 * Names Safelog's own elements in a page for people and tests. Never used to decide what is
 * Safelog's: a page can put any attribute on its own elements (see isOwnUi).
 */
export const UI_ATTRIBUTE = 'data-safelog-ui';

const liveHosts = new Set<Element>();

/** True for Safelog's own in-page UI, known by identity: a page copying the attribute is not. */
export function isOwnUi(node: Node): boolean {
  for (const host of liveHosts) if (host === node || host.contains(node)) return true;
  return false;
}

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
  liveHosts.add(element);
  return {
    root,
    remove: () => {
      liveHosts.delete(element);
      element.remove();
    },
  };
}
