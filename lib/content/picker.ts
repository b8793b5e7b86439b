import type { SiteAdapter } from '../sites/types.ts';
import type { Translate } from './toast.ts';
import { createUiHost, isOwnUi } from './ui-host.ts';

export interface PickerCallbacks {
  onPick(post: Element): void;
  onPickPage(): void;
  onCancel(): void;
}

/**
 * The overlay in which the person points at a post: the post under the mouse is outlined, a
 * click saves it, Esc cancels. Arrow keys move between posts and Enter saves, for the keyboard.
 */
export function startPicker(
  win: Window,
  adapter: SiteAdapter,
  t: Translate,
  isPersonsInput: (event: Event) => boolean,
  callbacks: PickerCallbacks,
): () => void {
  const doc = win.document;
  const host = createUiHost(win, 'picker');
  const outline = doc.createElement('div');
  Object.assign(outline.style, {
    position: 'fixed', pointerEvents: 'none', border: '3px solid #d9480f', borderRadius: '6px',
    background: 'rgba(217, 72, 15, 0.08)', zIndex: '2147483646', display: 'none',
  });
  const bar = doc.createElement('div');
  bar.setAttribute('role', 'dialog');
  bar.setAttribute('aria-label', t('pickerHint'));
  Object.assign(bar.style, {
    position: 'fixed', top: '12px', left: '50%', transform: 'translateX(-50%)', display: 'flex', gap: '8px',
    alignItems: 'center', padding: '8px 12px', borderRadius: '8px', background: '#1f3a5f', color: '#fff',
    font: '14px/1.4 system-ui, sans-serif', zIndex: '2147483647', boxShadow: '0 2px 8px rgba(0,0,0,.3)',
  });
  const hint = doc.createElement('span');
  hint.textContent = t('pickerHint');
  const pageButton = createButton(doc, t('pickerSavePage'), 'safelog-picker-page');
  const cancelButton = createButton(doc, t('pickerCancel'), 'safelog-picker-cancel');
  bar.append(hint, pageButton, cancelButton);
  host.root.append(outline, bar);

  let current: Element | null = null;
  const posts = () => adapter.findPosts(doc);

  function highlight(post: Element | null): void {
    current = post;
    if (!post) {
      outline.style.display = 'none';
      return;
    }
    const box = post.getBoundingClientRect();
    Object.assign(outline.style, {
      display: 'block', left: `${box.left - 3}px`, top: `${box.top - 3}px`, width: `${box.width + 6}px`, height: `${box.height + 6}px`,
    });
  }

  function postAt(x: number, y: number): Element | null {
    for (const element of doc.elementsFromPoint(x, y)) {
      if (isOwnUi(element)) continue;
      return adapter.closestPost(element);
    }
    return null;
  }

  function isOwnEvent(event: Event): boolean {
    return event.composedPath().some((node) => isElement(node) && isOwnUi(node));
  }

  const onMove = (event: MouseEvent) => {
    if (isPersonsInput(event) && !isOwnEvent(event)) highlight(postAt(event.clientX, event.clientY));
  };
  const onClick = (event: MouseEvent) => {
    // Events a page script made up neither pick nor cancel: only the person's own input does.
    if (!isPersonsInput(event) || isOwnEvent(event)) return;
    // The click belongs to the picker, not to the page's own links and buttons.
    event.preventDefault();
    event.stopImmediatePropagation();
    const post = postAt(event.clientX, event.clientY);
    if (post) finish(() => callbacks.onPick(post));
  };
  const swallow = (event: Event) => {
    if (isOwnEvent(event)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  const onKey = (event: KeyboardEvent) => {
    if (!isPersonsInput(event)) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopImmediatePropagation();
      finish(callbacks.onCancel);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      event.stopImmediatePropagation();
      const list = posts();
      const index = current ? list.indexOf(current) : -1;
      const next = list[Math.min(Math.max(index + (event.key === 'ArrowDown' ? 1 : -1), 0), list.length - 1)] ?? null;
      next?.scrollIntoView({ block: 'nearest' });
      highlight(next);
    } else if (event.key === 'Enter' && current && !isOwnEvent(event)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      const post = current;
      finish(() => callbacks.onPick(post));
    }
  };
  const onScroll = () => highlight(current);

  pageButton.addEventListener('click', () => finish(callbacks.onPickPage));
  cancelButton.addEventListener('click', () => finish(callbacks.onCancel));
  win.addEventListener('mousemove', onMove, true);
  win.addEventListener('click', onClick, true);
  win.addEventListener('mousedown', swallow, true);
  win.addEventListener('mouseup', swallow, true);
  win.addEventListener('keydown', onKey, true);
  win.addEventListener('scroll', onScroll, true);

  let done = false;
  function stop(): void {
    if (done) return;
    done = true;
    win.removeEventListener('mousemove', onMove, true);
    win.removeEventListener('click', onClick, true);
    win.removeEventListener('mousedown', swallow, true);
    win.removeEventListener('mouseup', swallow, true);
    win.removeEventListener('keydown', onKey, true);
    win.removeEventListener('scroll', onScroll, true);
    host.remove();
  }
  function finish(then: () => void): void {
    stop();
    then();
  }
  return stop;
}

function createButton(doc: Document, label: string, testId: string): HTMLButtonElement {
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('data-testid', testId);
  Object.assign(button.style, {
    font: 'inherit', padding: '4px 10px', borderRadius: '6px', border: '1px solid #fff', background: 'transparent', color: '#fff', cursor: 'pointer',
  });
  return button;
}

function isElement(node: EventTarget): node is Element {
  return (node as Node).nodeType === 1;
}
