/**
 * Failures a person can meet, each with a plain-language message. Browser error strings are
 * matched here, in one place, so every entrypoint reports them the same way.
 */
export const ERROR_CODES = [
  'restricted-page',
  'page-changed',
  'storage-full',
  'no-post',
  'context-invalidated',
  'tab-not-visible',
  'capture-failed',
  'storage-failed',
  'page-not-responding',
  'busy',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_MESSAGE_KEYS = {
  'restricted-page': 'errorRestrictedPage',
  'page-changed': 'errorPageChanged',
  'storage-full': 'errorStorageFull',
  'no-post': 'errorNoPost',
  'context-invalidated': 'errorContextInvalidated',
  'tab-not-visible': 'errorTabNotVisible',
  'capture-failed': 'errorCaptureFailed',
  'storage-failed': 'errorStorageFailed',
  'page-not-responding': 'errorPageNotResponding',
  busy: 'errorBusy',
} as const satisfies Record<ErrorCode, string>;

export class SafelogError extends Error {
  override readonly name = 'SafelogError';
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    options?: { cause?: unknown },
  ) {
    super(detail ? `${code}: ${detail}` : code, options);
  }
}

/** Known browser messages, matched on stable fragments of their text. */
const KNOWN_BROWSER_ERRORS: readonly (readonly [RegExp, ErrorCode])[] = [
  [/cannot access (contents of|a chrome:\/\/|a chrome-extension:\/\/)|cannot be scripted|extensions gallery|chrome:\/\/ URL|Missing host permission|permission to access|Cannot access contents of url/i, 'restricted-page'],
  [/file:\/\/ URL|Access to file URLs/i, 'restricted-page'],
  [/Extension context invalidated/i, 'context-invalidated'],
  [/Receiving end does not exist|message port closed|message channel closed|Frame with ID \d+ was removed|No frame with id|back\/forward cache|The page keeping the extension port is moved/i, 'page-changed'],
  [/QuotaExceededError|quota.*exceeded|disk.*full/i, 'storage-full'],
  [/image readback failed|Failed to capture tab|tab is not visible|not in the active/i, 'tab-not-visible'],
];

/** Maps anything thrown to a SafelogError, keeping the original as its cause. */
export function toSafelogError(error: unknown, fallback: ErrorCode = 'capture-failed'): SafelogError {
  if (error instanceof SafelogError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const message = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  if (name === 'QuotaExceededError') return new SafelogError('storage-full', message, { cause: error });
  const known = KNOWN_BROWSER_ERRORS.find(([pattern]) => pattern.test(message));
  return new SafelogError(known ? known[1] : fallback, message, { cause: error });
}

const RESTRICTED_PROTOCOLS = new Set([
  'chrome:', 'chrome-extension:', 'chrome-search:', 'chrome-untrusted:', 'devtools:', 'edge:', 'brave:', 'opera:', 'vivaldi:',
  'about:', 'moz-extension:', 'resource:', 'view-source:', 'javascript:', 'data:', 'blob:', 'filesystem:',
]);
const STORE_HOSTS = new Set(['chromewebstore.google.com', 'microsoftedge.microsoft.com', 'addons.mozilla.org']);

/**
 * Pages browsers forbid extensions to read or capture. file:// is allowed only when the
 * person granted file access, which `fileAccess` tells.
 */
export function isRestrictedUrl(rawUrl: string | undefined, fileAccess = false): boolean {
  if (!rawUrl) return true;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return true;
  }
  if (RESTRICTED_PROTOCOLS.has(url.protocol)) return true;
  if (url.protocol === 'file:') return !fileAccess;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return true;
  if (STORE_HOSTS.has(url.hostname)) return true;
  if (url.hostname === 'chrome.google.com' && url.pathname.startsWith('/webstore')) return true;
  return false;
}
