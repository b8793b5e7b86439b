import { ERROR_MESSAGE_KEYS, type ErrorCode } from '../errors.ts';
import type { MessageKey } from '../i18n.ts';
import { createUiHost, type UiHost } from './ui-host.ts';

export type Translate = (key: MessageKey, ...substitutions: string[]) => string;

const HIDE_AFTER_MS = 3000;

/**
 * The small in-page notice. It says only whether something was saved, never what: the
 * screen may be watched.
 */
export function createToast(win: Window, t: Translate) {
  let host: UiHost | undefined;
  let timer: number | undefined;

  /** Removes the toast; true when one was on screen. */
  function hide(): boolean {
    if (timer !== undefined) win.clearTimeout(timer);
    timer = undefined;
    const shown = host !== undefined;
    host?.remove();
    host = undefined;
    return shown;
  }

  function show(state: 'saving' | 'saved' | 'failed', errorCode?: ErrorCode): void {
    hide();
    host = createUiHost(win, 'toast');
    const box = win.document.createElement('div');
    box.setAttribute('role', state === 'failed' ? 'alert' : 'status');
    box.setAttribute('data-testid', 'safelog-toast');
    box.textContent =
      state === 'saving' ? t('toastSaving')
      : state === 'saved' ? t('toastSaved')
      : t(ERROR_MESSAGE_KEYS[errorCode ?? 'capture-failed']);
    Object.assign(box.style, {
      position: 'fixed', right: '16px', bottom: '16px', maxWidth: '360px', padding: '10px 14px',
      borderRadius: '8px', font: '14px/1.4 system-ui, sans-serif', color: '#fff',
      background: state === 'failed' ? '#8a1c1c' : '#1f3a5f', boxShadow: '0 2px 8px rgba(0,0,0,.3)',
      zIndex: '2147483647', pointerEvents: 'none',
    });
    host.root.append(box);
    if (state !== 'saving') timer = win.setTimeout(hide, state === 'failed' ? HIDE_AFTER_MS * 2 : HIDE_AFTER_MS);
  }

  return { show, hide };
}
