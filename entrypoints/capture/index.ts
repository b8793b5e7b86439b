import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { ContentResponse } from '../../lib/browser/content-port.ts';
import { createContentHandler } from '../../lib/content/content-handler.ts';
import { toSafelogError } from '../../lib/errors.ts';
import { t } from '../../lib/i18n.ts';
import { contentRequestSchema } from '../../lib/messages.ts';

// Injected on demand by the background (activeTab), never declared for all sites.
export default defineUnlistedScript(() => {
  // A copy left behind by an earlier version of Safelog (after an update) has lost its connection:
  // the marker asks whether the copy here is still alive, and a dead one is replaced.
  const marker = Symbol.for('safelog.capture');
  const scope = globalThis as unknown as Record<symbol, (() => boolean) | undefined>;
  if (scope[marker]?.()) return;
  scope[marker] = () => {
    try {
      return browser.runtime?.id !== undefined;
    } catch {
      return false; // "Extension context invalidated"
    }
  };

  const handler = createContentHandler(window, {
    t,
    sendEvent: (event) => {
      browser.runtime.sendMessage(event).catch((error: unknown) => {
        // The background could not be reached (Safelog was updated or stopped): say so here.
        handler.handle({ type: 'toast', state: 'failed', errorCode: toSafelogError(error, 'context-invalidated').code }).catch(() => undefined);
      });
    },
  });
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== browser.runtime.id) return false;
    const request = contentRequestSchema.safeParse(message);
    if (!request.success) return false;
    handler.handle(request.data).then(
      (value) => sendResponse({ ok: true, value } satisfies ContentResponse),
      (error: unknown) => {
        const known = toSafelogError(error);
        sendResponse({ ok: false, code: known.code, message: known.message } satisfies ContentResponse);
      },
    );
    return true;
  });
});
