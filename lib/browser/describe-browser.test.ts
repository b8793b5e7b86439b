import { describe, expect, test } from 'vitest';
import { describeBrowser } from './capture-ports.ts';

describe('describeBrowser', () => {
  test.each([
    [
      'Chrome on Windows',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.8078.108 Safari/537.36',
      'Chromium 156.0.8078.108',
    ],
    [
      'Chromium on Linux',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/140.0.7339.80 Chrome/140.0.7339.80 Safari/537.36',
      'Chromium 140.0.7339.80',
    ],
    [
      'Edge, which also claims Chrome',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.3595.53',
      'Edge 142.0.3595.53',
    ],
    ['Firefox on macOS', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:140.0) Gecko/20100101 Firefox/140.0', 'Firefox 140.0'],
    ['Firefox on Android', 'Mozilla/5.0 (Android 14; Mobile; rv:141.0) Gecko/141.0 Firefox/141.0', 'Firefox 141.0'],
    ['an unknown browser keeps the start of its user agent', 'SomeBrowser/1.0', 'SomeBrowser/1.0'],
  ])('%s', (_name, userAgent, expected) => {
    const actual = describeBrowser(userAgent);

    expect(actual).toBe(expected);
  });

  test('a very long unknown user agent is cut to 80 characters', () => {
    const userAgent = 'x'.repeat(200);

    const actual = describeBrowser(userAgent);

    expect(actual).toBe('x'.repeat(80));
  });
});
