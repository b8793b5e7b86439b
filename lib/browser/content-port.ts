import type { z } from 'zod';
import { browser } from 'wxt/browser';
import { SafelogError } from '../errors.ts';
import { ERROR_CODES, type ErrorCode } from '../errors.ts';
import type { ContentRequest } from '../messages.ts';

/** The path of the content script as built (an unlisted script: no host permission needed ahead). */
export const CONTENT_SCRIPT_FILE = '/capture.js';

/** What the content script answers: a value, or the error it met. */
export type ContentResponse = { ok: true; value: unknown } | { ok: false; code?: ErrorCode; message: string };

/**
 * How long the page may take to answer. A page stuck in a loop, or a minimised window where
 * animation frames never come, must end the capture with a message, not leave it hanging.
 */
export const CONTENT_TIMEOUT_MS = 10_000;
const RENDER_TIMEOUT_MS = 30_000;
const PICK_TIMEOUT_MS = 10_000;

/** Sends to the top frame's content script, injecting it first when the page has none yet. */
export async function sendToContent<T>(tabId: number, request: ContentRequest, schema: z.ZodType<T>): Promise<T> {
  const limit = request.type === 'render-post' ? RENDER_TIMEOUT_MS : request.type === 'pick' ? PICK_TIMEOUT_MS : CONTENT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SafelogError('page-not-responding', `no answer to ${request.type} in ${limit} ms`)), limit);
  });
  try {
    return await Promise.race([exchange(tabId, request, schema), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function exchange<T>(tabId: number, request: ContentRequest, schema: z.ZodType<T>): Promise<T> {
  let response: ContentResponse | undefined;
  try {
    response = (await browser.tabs.sendMessage(tabId, request, { frameId: 0 })) as ContentResponse | undefined;
  } catch (error) {
    // Nobody listening: this page has not had the script yet (or lost it to a reload). Inject, ask again.
    if (!/Receiving end does not exist|Could not establish connection/i.test(String(error))) throw error;
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [CONTENT_SCRIPT_FILE] });
    response = (await browser.tabs.sendMessage(tabId, request, { frameId: 0 })) as ContentResponse | undefined;
  }
  if (!response) throw new SafelogError('page-changed', 'the page gave no answer');
  if (!response.ok) {
    const code = response.code && ERROR_CODES.includes(response.code) ? response.code : 'capture-failed';
    throw new SafelogError(code, response.message);
  }
  const parsed = schema.safeParse(response.value);
  if (!parsed.success) throw new SafelogError('capture-failed', `unexpected answer to ${request.type}: ${parsed.error.message}`);
  return parsed.data;
}
