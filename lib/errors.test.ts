import { describe, expect, test } from 'vitest';
import { isRestrictedUrl, SafelogError, toSafelogError } from './errors.ts';

describe('isRestrictedUrl', () => {
  test.each([
    ['chrome://settings', true],
    ['chrome-extension://abc/popup.html', true],
    ['edge://newtab', true],
    ['about:blank', true],
    ['view-source:https://x.com', true],
    ['https://chromewebstore.google.com/detail/x', true],
    ['https://chrome.google.com/webstore/category', true],
    ['https://addons.mozilla.org/en-US/firefox/', true],
    ['file:///home/me/post.html', true],
    [undefined, true],
    ['not a url', true],
    ['https://x.com/someone/status/1', false],
    ['http://127.0.0.1:8080/x/timeline.html', false],
    ['https://chrome.google.com/search', false],
  ] as const)('%s → %s', (url, expected) => {
    expect(isRestrictedUrl(url)).toBe(expected);
  });

  test('file:// is allowed once the person granted file access', () => {
    expect(isRestrictedUrl('file:///home/me/post.html', true)).toBe(false);
  });
});

describe('toSafelogError', () => {
  test.each([
    ['Cannot access contents of url "chrome://settings/".', 'restricted-page'],
    ['The extensions gallery cannot be scripted.', 'restricted-page'],
    ['Extension context invalidated.', 'context-invalidated'],
    ['Could not establish connection. Receiving end does not exist.', 'page-changed'],
    ['The message port closed before a response was received.', 'page-changed'],
    ['something odd', 'capture-failed'],
  ])('%s → %s', (message, expected) => {
    expect(toSafelogError(new Error(message)).code).toBe(expected);
  });

  test('QuotaExceededError by name', () => {
    expect(toSafelogError(new DOMException('full', 'QuotaExceededError')).code).toBe('storage-full');
  });

  test('keeps a SafelogError as it is', () => {
    const error = new SafelogError('no-post');
    expect(toSafelogError(error)).toBe(error);
  });
});
