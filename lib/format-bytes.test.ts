import { expect, test } from 'vitest';
import { formatBytes } from './format-bytes.ts';

test.each([
  [0, 'en', '0 B'],
  [1023, 'en', '1,023 B'],
  [1536, 'en', '1.5 KB (1,536 B)'],
  [5 * 1024 * 1024, 'en', '5 MB (5,242,880 B)'],
  [1536, 'nl', '1,5 KB (1.536 B)'],
])('%d bytes in %s', (size, locale, expected) => {
  expect(formatBytes(size, locale)).toBe(expected);
});
