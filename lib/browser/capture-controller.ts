import { browser, type Browser } from 'wxt/browser';
import { createCaptureService, type CaptureOptions, type CapturePorts, type TabRef } from '../capture/capture-service.ts';
import { ERROR_MESSAGE_KEYS, toSafelogError, type ErrorCode } from '../errors.ts';
import { t } from '../i18n.ts';
import { captureRequestSchema, contentEventSchema, type CaptureOutcome, type CaptureRequest, type ContentRequest } from '../messages.ts';
import { sendToContent } from './content-port.ts';
import { z } from 'zod';

export const MENU_SAVE_POST = 'safelog-save-post';
export const MENU_SAVE_PAGE = 'safelog-save-page';
export const COMMAND_SAVE_POST = 'save-post';

const acknowledged = z.unknown();

/** The longest a toast stays up (a failure's, 6 s), with a margin. */
const TOAST_LIFETIME_MS = 7000;

export interface FinishedCapture {
  outcome: CaptureOutcome;
  trigger: string;
  /** performance.now() at the trigger, once the record was committed, and at the end (badge and toast shown). */
  startedAt: number;
  committedAt: number;
  finishedAt: number;
}

/**
 * Turns the person's triggers (menu, shortcut, toolbar, popup, picker) into captures, and
 * reports every outcome on the toolbar badge and in a toast that shows no content.
 */
export function createCaptureController(ports: CapturePorts) {
  const service = createCaptureService(ports);
  const finished: FinishedCapture[] = [];
  const listeners = new Set<(capture: FinishedCapture) => void>();
  /** When a toast was last shown in each tab: while one may be on screen, no early screenshot. */
  const toastShownAt = new Map<number, number>();
  /** Tabs with the picker open: its outline must not be photographed early. */
  const picking = new Set<number>();
  /** Tabs with a capture running: a second one would scroll the page under the first. */
  const busy = new Set<number>();

  async function notify(tabId: number, request: ContentRequest): Promise<void> {
    toastShownAt.set(tabId, performance.now());
    await sendToContent(tabId, request, acknowledged).catch(() => undefined);
  }

  function mayScreenshotEarly(tabId: number, options: CaptureOptions): boolean {
    const shownAt = toastShownAt.get(tabId);
    const toastGone = shownAt === undefined || performance.now() - shownAt > TOAST_LIFETIME_MS;
    if (toastGone) toastShownAt.delete(tabId);
    return options.mode !== 'picked' && !picking.has(tabId) && toastGone;
  }

  async function startPicker(tabId: number): Promise<void> {
    picking.add(tabId);
    await sendToContent(tabId, { type: 'pick' }, acknowledged);
  }

  /**
   * The badge says busy, saved or failed; the button's tooltip carries the message, since a
   * browser page (where a capture is refused) can show no toast.
   */
  async function setBadge(tabId: number, state: 'busy' | 'saved' | 'failed', failure?: ErrorCode): Promise<void> {
    const text = state === 'busy' ? '…' : state === 'saved' ? '✓' : '!';
    const color = state === 'failed' ? '#b00020' : '#1f3a5f';
    const title = failure ? t(ERROR_MESSAGE_KEYS[failure]) : state === 'saved' ? t('toastSaved') : t('actionTitle');
    await Promise.all([
      browser.action.setBadgeBackgroundColor({ tabId, color }),
      browser.action.setBadgeText({ tabId, text }),
      browser.action.setTitle({ tabId, title }),
    ]).catch(() => undefined);
  }

  async function run(tab: Browser.tabs.Tab | undefined, options: CaptureOptions): Promise<CaptureOutcome> {
    const startedAt = performance.now();
    let committedAt: number | undefined;
    let outcome: CaptureOutcome;
    if (tab?.id === undefined || tab.windowId === undefined) {
      outcome = { status: 'failed', code: 'restricted-page', detail: 'no tab' };
    } else if (busy.has(tab.id)) {
      // No toast: it would appear in the screenshots of the capture still running.
      outcome = { status: 'failed', code: 'busy' };
    } else {
      busy.add(tab.id);
      const ref: TabRef = { id: tab.id, windowId: tab.windowId, url: tab.url, active: tab.active };
      // Not awaited: the badge must not delay the screenshot.
      void setBadge(ref.id, 'busy');
      const screenshotEarly = mayScreenshotEarly(ref.id, options);
      // Locating closes an open picker first (and waits for the repaint).
      picking.delete(ref.id);
      try {
        const result = await service.capture(ref, { ...options, screenshotEarly });
        if (result.status === 'needs-pick') {
          await setBadge(ref.id, 'busy');
          await startPicker(ref.id);
          outcome = { status: 'picking' };
        } else {
          outcome = { status: 'saved', captureId: result.record.id };
          committedAt = performance.now();
          await setBadge(ref.id, 'saved');
          await notify(ref.id, { type: 'toast', state: 'saved' });
        }
      } catch (error) {
        const known = toSafelogError(error);
        console.error('Safelog: capture failed', { trigger: options.trigger, mode: options.mode, tab: ref.id, error: known.message, cause: known.cause });
        outcome = { status: 'failed', code: known.code, detail: known.message };
        await setBadge(ref.id, 'failed', known.code);
        await notify(ref.id, { type: 'toast', state: 'failed', errorCode: known.code });
      } finally {
        busy.delete(ref.id);
      }
    }
    const finishedAt = performance.now();
    const record: FinishedCapture = { outcome, trigger: options.trigger, startedAt, committedAt: committedAt ?? finishedAt, finishedAt };
    finished.push(record);
    // Only the recent outcomes matter (the test harness reads them); the list must not grow for ever.
    if (finished.length > 200) finished.splice(0, finished.length - 200);
    for (const listener of listeners) listener(record);
    return outcome;
  }

  async function activeTab(): Promise<Browser.tabs.Tab | undefined> {
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    return tab;
  }

  return {
    onContextMenu(info: Browser.contextMenus.OnClickData, tab: Browser.tabs.Tab | undefined) {
      // Inside an embedded frame (an embedded post, an ad) the pointer is over the frame, not over a
      // post Safelog can read: the whole page is saved instead of the post around the frame.
      const inFrame = info.frameId !== undefined && info.frameId !== 0;
      const mode = info.menuItemId === MENU_SAVE_PAGE || inFrame ? 'page' : 'target';
      return run(tab, { trigger: 'context-menu', mode, linkUrl: info.linkUrl });
    },
    onCommand(command: string, tab: Browser.tabs.Tab | undefined) {
      if (command !== COMMAND_SAVE_POST) return Promise.resolve(undefined);
      return (async () => run(tab ?? (await activeTab()), { trigger: 'shortcut', mode: 'main' }))();
    },
    /** A message from an extension page (the popup) or from the content script's picker. */
    async onMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<CaptureOutcome | undefined> {
      const request = captureRequestSchema.safeParse(message);
      if (request.success) return fromPage(request.data);
      const event = contentEventSchema.safeParse(message);
      if (!event.success || sender.tab?.id === undefined) return undefined;
      picking.delete(sender.tab.id);
      if (event.data.type === 'picked') return run(sender.tab, { trigger: 'picker', mode: 'picked' });
      if (event.data.type === 'pick-page') return run(sender.tab, { trigger: 'picker', mode: 'page' });
      // Cancelled: clear the busy badge.
      await browser.action.setBadgeText({ tabId: sender.tab.id, text: '' }).catch(() => undefined);
      return undefined;
    },
    finished: finished as readonly FinishedCapture[],
    onFinished(listener: (capture: FinishedCapture) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  async function fromPage(request: CaptureRequest): Promise<CaptureOutcome> {
    const tab = request.tabId !== undefined ? await browser.tabs.get(request.tabId).catch(() => undefined) : await activeTab();
    if (request.what === 'pick') {
      if (tab?.id === undefined) return { status: 'failed', code: 'restricted-page' };
      try {
        await startPicker(tab.id);
        return { status: 'picking' };
      } catch (error) {
        const known = toSafelogError(error);
        return { status: 'failed', code: known.code, detail: known.message };
      }
    }
    return run(tab, { trigger: request.trigger, mode: request.what === 'page' ? 'page' : 'main' });
  }
}

export type CaptureController = ReturnType<typeof createCaptureController>;

/** The two right-click entries, made once when Safelog is installed or updated. */
export async function createMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: MENU_SAVE_POST, title: t('menuSavePost'), contexts: ['page', 'link', 'image', 'selection', 'video'] });
  browser.contextMenus.create({ id: MENU_SAVE_PAGE, title: t('menuSavePage'), contexts: ['page', 'link', 'image', 'selection', 'video'] });
}

export type { ErrorCode };
