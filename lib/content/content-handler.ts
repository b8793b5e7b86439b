import { renderElement } from '../capture/render-fallback.ts';
import { SafelogError } from '../errors.ts';
import type { ContentEvent, ContentRequest, LocateResult } from '../messages.ts';
import { adapters, locatePost, pickAdapter, readPostSafely } from '../sites/index.ts';
import type { SiteAdapter } from '../sites/types.ts';
import { hoveredElement } from './hovered-element.ts';
import { documentRect, measureLayout, nextPaint, pageRect, scrollAndSettle } from './page-layout.ts';
import { startPicker } from './picker.ts';
import { createToast, type Translate } from './toast.ts';
import { isOwnUi } from './ui-host.ts';

export interface ContentDeps {
  t: Translate;
  /** Tells the background what the person did in the picker. */
  sendEvent(event: ContentEvent): void;
  /** Whether an event comes from the person (default: the browser's isTrusted); tests stand in for it. */
  isPersonsInput?: (event: Event) => boolean;
}

/**
 * Everything the content script does for the background, over the page it runs in. The
 * window is a parameter so the same code runs over a fixture document in tests.
 */
export function createContentHandler(win: Window, deps: ContentDeps) {
  const doc = win.document;
  const toast = createToast(win, deps.t);
  let lastPost: Element | null = null;
  let lastWholePage = false;
  let picked: Element | null = null;
  let stopPicker: (() => void) | null = null;

  function located(adapter: SiteAdapter, post: Element, wholePage: boolean, now: Date): LocateResult {
    lastPost = post;
    lastWholePage = wholePage;
    const url = new URL(win.location.href);
    const meta = readPostSafely(adapter, post, { url, document: doc, now });
    return {
      found: true,
      page: { url: win.location.href, title: doc.title },
      meta,
      rect: wholePage ? pageRect(win) : documentRect(post, win),
      layout: measureLayout(win, wholePage ? undefined : post),
    };
  }

  /** Removes Safelog's toast and waits until the page has repainted without it, before any screenshot. */
  async function clearOwnUi(): Promise<void> {
    const pickerWasOpen = stopPicker !== null;
    stopPicker?.();
    stopPicker = null;
    if (toast.hide() || pickerWasOpen) await nextPaint(win);
  }

  function locate(mode: 'target' | 'main' | 'page', linkUrl: string | undefined, now: Date): LocateResult {
    const url = new URL(win.location.href);
    const adapter = pickAdapter(doc, url);
    if (mode === 'page') {
      const main = adapter.mainPost(doc, url);
      return main ? located(adapter, main, true, now) : located(fallbackAdapter(), doc.body ?? doc.documentElement, true, now);
    }
    const post = mode === 'target' ? locatePost(adapter, doc, url, { node: hoveredElement(doc), linkUrl }) : adapter.mainPost(doc, url);
    return post ? located(adapter, post, false, now) : { found: false };
  }

  function pick(): void {
    stopPicker?.();
    toast.hide();
    const adapter = pickAdapter(doc, new URL(win.location.href));
    stopPicker = startPicker(win, adapter, deps.t, deps.isPersonsInput ?? ((event) => event.isTrusted), {
      onPick: (post) => {
        stopPicker = null;
        picked = post;
        // The overlay is gone from the DOM; let the page repaint before the background takes its picture.
        void nextPaint(win).then(() => deps.sendEvent({ type: 'picked' }));
      },
      onPickPage: () => {
        stopPicker = null;
        deps.sendEvent({ type: 'pick-page' });
      },
      onCancel: () => {
        stopPicker = null;
        deps.sendEvent({ type: 'pick-cancelled' });
      },
    });
  }

  async function handle(request: ContentRequest): Promise<unknown> {
    switch (request.type) {
      case 'locate':
        // The PDF viewer shows a plugin, not a page: there is no post to read and no page to keep.
        // The PDF file itself is the better evidence; the message says so.
        if (doc.contentType === 'application/pdf') throw new SafelogError('restricted-page', 'the PDF viewer');
        await clearOwnUi();
        return locate(request.mode, request.linkUrl, new Date(request.now));
      case 'locate-picked': {
        if (!picked || !picked.isConnected) throw new SafelogError('page-changed', 'the picked post is gone from the page');
        const adapter = pickAdapter(doc, new URL(win.location.href));
        await clearOwnUi();
        return located(adapter, picked, false, new Date(request.now));
      }
      case 'scroll-to':
        return scrollAndSettle(win, request.y, lastWholePage ? undefined : (lastPost ?? undefined));
      case 'serialize-page':
        return { html: serializePage(doc) };
      case 'render-post': {
        const target = lastPost && 'style' in lastPost ? (lastPost as HTMLElement) : doc.body;
        const rendered = await renderElement(target, win);
        return { pngBase64: bytesToBase64(rendered.bytes), width: rendered.width, height: rendered.height };
      }
      case 'pick':
        pick();
        return { picking: true };
      case 'toast':
        toast.show(request.state, request.errorCode);
        return { shown: true };
    }
  }

  return { handle };
}

function fallbackAdapter(): SiteAdapter {
  return adapters[adapters.length - 1]!;
}

/** The page's HTML as it is now, without Safelog's own elements. */
export function serializePage(doc: Document): string {
  // Safelog's hosts hang directly under <html>; they are found by identity (a page could copy their
  // attribute) and left out of the copy at the same positions.
  const own = [...doc.documentElement.children].flatMap((child, index) => (isOwnUi(child) ? [index] : []));
  const clone = doc.documentElement.cloneNode(true) as Element;
  for (const index of own.reverse()) clone.children[index]?.remove();
  return serializeDoctype(doc.doctype) + clone.outerHTML;
}

/**
 * The doctype with its public and system ids. HTML's own serializer drops them, but they decide
 * quirks mode: without them a legacy page's copy would be laid out differently from what was seen.
 */
function serializeDoctype(doctype: DocumentType | null): string {
  if (!doctype) return '';
  const quote = (id: string) => (id.includes('"') ? `'${id}'` : `"${id}"`);
  const publicId = doctype.publicId ? ` PUBLIC ${quote(doctype.publicId)}` : '';
  const systemId = doctype.systemId ? `${doctype.publicId ? '' : ' SYSTEM'} ${quote(doctype.systemId)}` : '';
  return `<!DOCTYPE ${doctype.name}${publicId}${systemId}>\n`;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
