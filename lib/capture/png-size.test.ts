import { expect, test } from 'vitest';
import { readPngSize } from './png-size.ts';

test('reads width and height from IHDR', () => {
  // A 3×2 PNG header: signature, IHDR length and type, then width and height big-endian.
  const header = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 3, 0, 0, 0, 2]);
  expect(readPngSize(header)).toEqual({ width: 3, height: 2 });
});

test('refuses what is not a PNG', () => {
  expect(() => readPngSize(new Uint8Array(30))).toThrow('Not a PNG image');
});
