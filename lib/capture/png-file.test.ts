import { inflateSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { assemblePng, concatBytes, crc32, storedZlib } from './png-file.ts';
import { readPngSize } from './png-size.ts';

test.each([
  ['', 0x00000000],
  ['IEND', 0xae426082],
  ['123456789', 0xcbf43926],
])('crc32(%j)', (text, expected) => {
  expect(crc32(new TextEncoder().encode(text))).toBe(expected);
});

test.each([0, 1, 65535, 65536, 200_000])('storedZlib of %i bytes inflates back to them', (length) => {
  const raw = Uint8Array.from({ length }, (_, index) => (index * 31) & 0xff);
  expect(new Uint8Array(inflateSync(storedZlib(raw)))).toEqual(raw);
});

test('an assembled PNG has its size where readers look', () => {
  const png = assemblePng(3, 2, 2, storedZlib(new Uint8Array(2 * (1 + 3 * 3))));
  expect(readPngSize(png)).toEqual({ width: 3, height: 2 });
  expect(png[25]).toBe(2);
});

test('concatBytes keeps order and length', () => {
  expect(concatBytes([Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3)])).toEqual(Uint8Array.of(1, 2, 3));
});
