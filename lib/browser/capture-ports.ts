import { browser } from 'wxt/browser';
import { commitCapture } from '../db/captures.ts';
import type { CapturePorts, SnapshotResult } from '../capture/capture-service.ts';
import { createImaging } from '../capture/imaging.ts';
import { getDb } from './db.ts';
import { sendToContent } from './content-port.ts';

/** The capture pipeline's ports, backed by the real browser. */
export function createBrowserCapturePorts(): CapturePorts {
  return {
    captureVisible: (windowId) => browser.tabs.captureVisibleTab(windowId, { format: 'png' }),
    sendToContent,
    saveMhtml: 'pageCapture' in browser && browser.pageCapture ? saveMhtml : undefined,
    currentTab: async (tabId) => {
      const tab = await browser.tabs.get(tabId);
      return { url: tab.url, active: tab.active };
    },
    watchNavigation(tabId, windowId, onNavigate) {
      const listener = (updatedId: number, change: { status?: string; url?: string }) => {
        if (updatedId === tabId && (change.status === 'loading' || change.url !== undefined)) onNavigate();
      };
      const removed = (removedId: number) => {
        if (removedId === tabId) onNavigate();
      };
      // captureVisibleTab photographs whatever tab is in front: another tab brought forward would
      // put its pixels into this capture.
      const activated = (info: { tabId: number; windowId: number }) => {
        if (info.tabId !== tabId && info.windowId === windowId) onNavigate();
      };
      browser.tabs.onUpdated.addListener(listener);
      browser.tabs.onRemoved.addListener(removed);
      browser.tabs.onActivated.addListener(activated);
      return () => {
        browser.tabs.onUpdated.removeListener(listener);
        browser.tabs.onRemoved.removeListener(removed);
        browser.tabs.onActivated.removeListener(activated);
      };
    },
    commit: async (capture) => commitCapture(await getDb(), capture),
    imaging: createImaging(),
    environment: () => ({
      browser: describeBrowser(navigator.userAgent),
      userAgent: navigator.userAgent,
      extensionVersion: browser.runtime.getManifest().version,
    }),
    fileAccess: () => browser.extension.isAllowedFileSchemeAccess(),
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

/**
 * MHTML through pageCapture. Its first call in a browser session often hands back a Blob that
 * can't be read; one retry gets a good one.
 */
async function saveMhtml(tabId: number): Promise<SnapshotResult> {
  let lastError = '';
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    try {
      const blob = await browser.pageCapture.saveAsMHTML({ tabId });
      const bytes = blob ? await blob.arrayBuffer() : undefined;
      if (bytes && bytes.byteLength > 0) return { blob: new Blob([bytes], { type: 'multipart/related' }), attempts: attempt };
      lastError = 'pageCapture returned no data';
    } catch (error) {
      lastError = String(error);
    }
  }
  return { attempts: 2, error: lastError };
}

/** "Chromium 156.0.8078.108" or "Firefox 140.0" from the user agent. */
export function describeBrowser(userAgent: string): string {
  const firefox = /Firefox\/([\d.]+)/.exec(userAgent);
  if (firefox) return `Firefox ${firefox[1]}`;
  const edge = /Edg\/([\d.]+)/.exec(userAgent);
  if (edge) return `Edge ${edge[1]}`;
  const chrome = /Chrom(?:e|ium)\/([\d.]+)/.exec(userAgent);
  return chrome ? `Chromium ${chrome[1]}` : userAgent.slice(0, 80);
}
