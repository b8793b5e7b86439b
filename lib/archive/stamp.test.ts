import { expect, test } from 'vitest';
import { wrapText } from './stamp.ts';

// One unit per character: widths are easy to reason about.
const measure = (text: string) => [...text].length;

test.each([
  ['short', 10, ['short']],
  ['', 10, ['']],
  ['https://x.com/harasser_0x/status/2028486597669851137', 20, ['https://x.com/harass', 'er_0x/status/2028486', '597669851137']],
  ['a😀b😀c', 2, ['a😀', 'b😀', 'c']],
])('wraps %j at %i', (text, width, expected) => {
  expect(wrapText(text, width, measure)).toEqual(expected);
});

test('every character survives the wrapping, in order', () => {
  const text = 'ab'.repeat(500);
  expect(wrapText(text, 7, measure).join('')).toBe(text);
});
