/**
 * The deepest element under the pointer. The content script is injected only after the
 * right-click (no host permission in advance), so it never saw the contextmenu event; the
 * pointer is still over the post, and `:hover` still says where.
 */
export function hoveredElement(doc: Document): Element | null {
  const hovered = doc.querySelectorAll(':hover');
  return hovered.length > 0 ? hovered[hovered.length - 1]! : null;
}
