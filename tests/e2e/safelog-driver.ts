import { expect, type Page, type Worker } from '@playwright/test';
import type { CaptureRecord } from '../../lib/evidence/record.ts';
import type { CustodyEntry } from '../../lib/evidence/custody.ts';
import type { FinishedCapture } from '../../lib/browser/capture-controller.ts';

/** What the store holds for one artifact, measured inside the extension. */
export interface StoredArtifact {
  sha256: string;
  size: number;
  type: string;
  /** The first bytes as Latin-1 text (MHTML and HTML snapshots are searched in it). */
  text?: string;
}

export interface StoredState {
  captures: CaptureRecord[];
  artifacts: Record<string, StoredArtifact>;
  custody: CustodyEntry[];
  thumbnails: string[];
}

/** Drives Safelog the way its triggers do, from inside the service worker. */
export class SafelogDriver {
  constructor(
    readonly worker: Worker,
    readonly page: Page,
  ) {}

  /** The tab the page is in: the active one (browser pages hide their URL from extensions). */
  async tabId(): Promise<number> {
    await this.page.bringToFront();
    return this.worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      if (!tab?.id) throw new Error('no active tab');
      return tab.id as number;
    });
  }

  /** The Alt+Shift+S command, as Chromium dispatches it. */
  async shortcut(): Promise<void> {
    const tabId = await this.tabId();
    await this.worker.evaluate(async (id) => {
      const tab = await chrome.tabs.get(id);
      chrome.commands.onCommand.dispatch('save-post', tab);
    }, tabId);
  }

  /** Opens `url` in the page and saves its post with the shortcut; `count` is this save's number in the test. */
  async saveByShortcut(url: string, count: number): Promise<void> {
    await this.page.goto(url);
    await this.shortcut();
    expect((await this.outcome(count)).outcome).toMatchObject({ status: 'saved' });
  }

  /** A right-click menu choice; move the mouse over the post first, as a person's pointer would be. */
  async menu(menuItemId: 'safelog-save-post' | 'safelog-save-page', linkUrl?: string): Promise<void> {
    const tabId = await this.tabId();
    await this.worker.evaluate(
      async ({ id, item, link }) => {
        const tab = await chrome.tabs.get(id);
        chrome.contextMenus.onClicked.dispatch({ menuItemId: item, editable: false, pageUrl: tab.url!, frameId: 0, ...(link ? { linkUrl: link } : {}) }, tab);
      },
      { id: tabId, item: menuItemId, link: linkUrl },
    );
  }

  /** Waits until `count` captures have finished (saved, failed or gone to the picker) and returns the last. */
  async outcome(count: number): Promise<FinishedCapture> {
    return this.worker.evaluate(async (n) => {
      const hooks = (globalThis as unknown as { safelogTest: { finished: FinishedCapture[]; onFinished(cb: () => void): () => void } }).safelogTest;
      if (hooks.finished.length < n) {
        await new Promise<void>((resolve) => {
          const off = hooks.onFinished(() => {
            if (hooks.finished.length >= n) {
              off();
              resolve();
            }
          });
        });
      }
      return hooks.finished[n - 1]!;
    }, count);
  }

  /** Everything in Safelog's database, with each stored blob hashed inside the extension. */
  async store(): Promise<StoredState> {
    return this.worker.evaluate(async () => {
      // Opening a database that does not exist would create an empty one and spoil the extension's own upgrade.
      if (!(await indexedDB.databases()).some((info) => info.name === 'safelog')) {
        return { captures: [], artifacts: {}, custody: [], thumbnails: [] };
      }
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('safelog');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const all = <T>(store: string) =>
        new Promise<T[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as T[]);
          request.onerror = () => reject(request.error);
        });
      const captures = await all<CaptureRecord>('captures');
      const blobs = await all<{ id: string; blob: Blob }>('blobs');
      const custody = await all<CustodyEntry>('custody');
      const thumbnails = await all<{ captureId: string }>('thumbnails');
      const artifacts: Record<string, { sha256: string; size: number; type: string; text?: string }> = {};
      for (const row of blobs) {
        const bytes = new Uint8Array(await row.blob.arrayBuffer());
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
        const sha256 = [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
        const isText = !row.blob.type.startsWith('image/');
        artifacts[row.id] = { sha256, size: bytes.length, type: row.blob.type, ...(isText ? { text: new TextDecoder('latin1').decode(bytes) } : {}) };
      }
      db.close();
      return { captures, artifacts, custody, thumbnails: thumbnails.map((row) => row.captureId) };
    });
  }

  /** Colours of pixels in a stored image, read with the same canvas APIs the capture uses. */
  async pixels(artifactId: string, points: readonly { x: number; y: number }[]): Promise<{ width: number; height: number; rgb: number[][] }> {
    return this.worker.evaluate(
      async ({ id, at }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('safelog');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const row = await new Promise<{ blob: Blob }>((resolve, reject) => {
          const request = db.transaction('blobs').objectStore('blobs').get(id);
          request.onsuccess = () => resolve(request.result as { blob: Blob });
          request.onerror = () => reject(request.error);
        });
        db.close();
        const bitmap = await createImageBitmap(row.blob);
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        const rgb = at.map(({ x, y }) => [...context.getImageData(x, y, 1, 1).data.slice(0, 3)]);
        return { width: bitmap.width, height: bitmap.height, rgb };
      },
      { id: artifactId, at: points },
    );
  }
}

/** Decodes quoted-printable MHTML parts enough to search them for the page's text. */
export function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i += 1) {
    const hex = joined[i] === '=' ? /^[0-9A-F]{2}/.exec(joined.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else {
      bytes.push(joined.charCodeAt(i) & 0xff);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
