import { describe, expect, test } from 'vitest';
import { dataUrlToBytes } from './data-url.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('dataUrlToBytes', () => {
  test.each<[string, string, number[]]>([
    ['a PNG signature', `data:image/png;base64,${Buffer.from(PNG_SIGNATURE).toString('base64')}`, PNG_SIGNATURE],
    ['every byte value survives', `data:image/png;base64,${Buffer.from([0, 127, 128, 255]).toString('base64')}`, [0, 127, 128, 255]],
    ['one padding character', 'data:image/png;base64,AAE=', [0, 1]],
    ['two padding characters', 'data:image/png;base64,AA==', [0]],
    ['an empty payload', 'data:image/png;base64,', []],
    ['a parameter before base64', 'data:image/jpeg;name=x;base64,/w==', [255]],
  ])('decodes %s', (_name, dataUrl, expected) => {
    const actual = dataUrlToBytes(dataUrl);

    expect(Array.from(actual)).toEqual(expected);
  });

  test('decodes a large screenshot byte for byte', () => {
    const expected = Uint8Array.from({ length: 300_000 }, (_v, i) => (i * 7919) % 256);

    const actual = dataUrlToBytes(`data:image/png;base64,${Buffer.from(expected).toString('base64')}`);

    // Buffer.equals: a deep toEqual over 300,000 elements takes a second.
    expect(Buffer.from(actual).equals(Buffer.from(expected))).toBe(true);
  });

  test.each<[string, string]>([
    ['a plain URL', 'https://example.com/a.png'],
    ['a data URL that is not base64', 'data:text/plain,hello'],
    ['characters outside base64', 'data:image/png;base64,AA*='],
    ['a truncated payload', 'data:image/png;base64,AAE'],
    ['whitespace in the payload', 'data:image/png;base64,AA E='],
  ])('rejects %s', (_name, dataUrl) => {
    expect(() => dataUrlToBytes(dataUrl)).toThrow(/Not a base64 data URL/);
  });
});
