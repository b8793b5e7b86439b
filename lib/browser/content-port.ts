import type { z } from 'zod';
import { browser } from 'wxt/browser';
import { SafelogError } from '../errors.ts';
import { ERROR_CODES, type ErrorCode } from '../errors.ts';
import type { ContentRequest } from '../messages.ts';

/** The path of the content script as built (an unlisted script: no host permission needed ahead). */
export const CONTENT_SCRIPT_FILE = '/capture.js';

/** What the content script answers: a value, or the error it met. */
export type ContentResponse = { ok: true; value: unknown } | { ok: false; code?: ErrorCode; message: string };

/** Sends to the top frame's content script, injecting it when it is not there yet. */
export async function sendToContent<T>(tabId: number, request: ContentRequest, schema: z.ZodType<T>): Promise<T> {
  if (!(await isInjected(tabId))) {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [CONTENT_SCRIPT_FILE] });
  }
  const response = (await browser.tabs.sendMessage(tabId, request, { frameId: 0 })) as ContentResponse | undefined;
  if (!response) throw new SafelogError('page-changed', 'the page gave no answer');
  if (!response.ok) {
    const code = response.code && ERROR_CODES.includes(response.code) ? response.code : 'capture-failed';
    throw new SafelogError(code, response.message);
  }
  const parsed = schema.safeParse(response.value);
  if (!parsed.success) throw new SafelogError('capture-failed', `unexpected answer to ${request.type}: ${parsed.error.message}`);
  return parsed.data;
}

async function isInjected(tabId: number): Promise<boolean> {
  try {
    const response = (await browser.tabs.sendMessage(tabId, { type: 'ping' } satisfies ContentRequest, { frameId: 0 })) as ContentResponse | undefined;
    return response?.ok === true;
  } catch {
    // "Receiving end does not exist": nothing injected yet.
    return false;
  }
}
