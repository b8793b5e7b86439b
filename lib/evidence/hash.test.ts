import { expect, test } from 'vitest';
import { sha256Hex, sha256HexSync } from './hash.ts';

// NIST FIPS 180-2 test vectors.
const vectors = [
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
] as const;

test.each(vectors)('sha256(%j)', async (input, expected) => {
  const bytes = new TextEncoder().encode(input);
  expect(await sha256Hex(bytes)).toBe(expected);
  expect(await sha256Hex(new Blob([bytes]))).toBe(expected);
  expect(sha256HexSync(input)).toBe(expected);
});

test('a million "a"s', async () => {
  const expected = 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0';
  expect(await sha256Hex(new Uint8Array(1_000_000).fill(0x61))).toBe(expected);
});
