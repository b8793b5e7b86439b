import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { ContentResponse } from '../../lib/browser/content-port.ts';
import { createContentHandler } from '../../lib/content/content-handler.ts';
import { toSafelogError } from '../../lib/errors.ts';
import { t } from '../../lib/i18n.ts';
import { contentRequestSchema } from '../../lib/messages.ts';

// Injected on demand by the background (activeTab), never declared for all sites.
export default defineUnlistedScript(() => {
  const marker = Symbol.for('safelog.capture');
  const scope = globalThis as unknown as Record<symbol, boolean>;
  if (scope[marker]) return; // already injected in this page
  scope[marker] = true;

  const handler = createContentHandler(window, {
    t,
    sendEvent: (event) => void browser.runtime.sendMessage(event),
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
