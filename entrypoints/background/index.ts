import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBrowserCapturePorts } from '../../lib/browser/capture-ports.ts';
import { createCaptureController, createMenus } from '../../lib/browser/capture-controller.ts';
import { requestPersistentStorage } from '../../lib/browser/db.ts';

export default defineBackground(() => {
  const controller = createCaptureController(createBrowserCapturePorts());

  // Listeners are added synchronously, so a woken service worker gets the event that woke it.
  browser.runtime.onInstalled.addListener(() => {
    void createMenus();
    void requestPersistentStorage();
  });
  browser.contextMenus.onClicked.addListener((info, tab) => void controller.onContextMenu(info, tab));
  browser.commands.onCommand.addListener((command, tab) => void controller.onCommand(command, tab));
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== browser.runtime.id) return false;
    controller.onMessage(message, sender).then(sendResponse, (error: unknown) => sendResponse({ status: 'failed', code: 'capture-failed', detail: String(error) }));
    return true;
  });

  // The e2e and bench builds let the test harness wait for outcomes; the release build has no hooks.
  if (import.meta.env.MODE === 'e2e' || import.meta.env.MODE === 'bench') {
    Object.assign(globalThis, { safelogTest: controller });
  }
});
