import { describe, expect, test } from 'vitest';
import {
  formatFingerprint, generateSigningKey, jwkThumbprint, publicJwk, signManifest, SigningKeyError, verifyManifestSignature,
  type SigningAlgorithm,
} from './signing.ts';

// RFC 8037, appendix A.1 (key), A.3 (thumbprint) and A.4 (signature).
const RFC_PUBLIC = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' } as const;
const RFC_PRIVATE = { ...RFC_PUBLIC, d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A' };
const RFC_THUMBPRINT_B64URL = 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k';
const RFC_SIGNING_INPUT = new TextEncoder().encode('eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc');
const RFC_SIGNATURE_B64URL = 'hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg';

const toStandardBase64 = (b64url: string): string => {
  const standard = b64url.replaceAll('-', '+').replaceAll('_', '/');
  return standard + '='.repeat((4 - (standard.length % 4)) % 4);
};
const hexOf = (b64url: string): string => Buffer.from(toStandardBase64(b64url), 'base64').toString('hex');
const manifest = new TextEncoder().encode(`${'a'.repeat(64)}  README.txt\n`);

describe('RFC 8037 test vectors', () => {
  test('the thumbprint, as hex, is the bytes of the RFC\'s base64url kid', async () => {
    const expected = '90facafea9b1556698540f70c0117a22ea37bd5cf3ed3c47093c1707282b4b89';
    const actual = await jwkThumbprint(RFC_PUBLIC);
    expect(actual).toBe(expected);
    expect(hexOf(RFC_THUMBPRINT_B64URL)).toBe(expected);
  });

  test('publicJwk of the RFC key carries alg and the hex kid, nothing else', async () => {
    const key = await crypto.subtle.importKey('jwk', RFC_PUBLIC, { name: 'Ed25519' }, true, ['verify']);
    const actual = await publicJwk(key);
    const expected = { ...RFC_PUBLIC, alg: 'EdDSA', kid: hexOf(RFC_THUMBPRINT_B64URL) };
    expect(actual).toEqual(expected);
  });

  test('the RFC signature verifies, and signing gives exactly it (Ed25519 is deterministic)', async () => {
    const signature = toStandardBase64(RFC_SIGNATURE_B64URL);
    expect(await verifyManifestSignature(RFC_PUBLIC, RFC_SIGNING_INPUT, signature)).toBe(true);
    const privateKey = await crypto.subtle.importKey('jwk', RFC_PRIVATE, { name: 'Ed25519' }, false, ['sign']);
    const actual = await signManifest(privateKey, RFC_SIGNING_INPUT);
    expect(actual).toBe(signature);
  });
});

describe('round trips', () => {
  test.each([
    ['EdDSA', 'Ed25519', 'OKP'],
    ['ES256', 'ECDSA', 'EC'],
  ] as const)('%s: a non-extractable key signs, its JWK verifies', async (prefer: SigningAlgorithm, name, kty) => {
    const pair = await generateSigningKey(prefer);
    expect(pair.privateKey.algorithm.name).toBe(name);
    expect(pair.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', pair.privateKey)).rejects.toThrow();

    const jwk = await publicJwk(pair.publicKey);
    expect(jwk).toMatchObject({ kty, alg: prefer });
    expect(jwk.kid).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(jwk).sort()).toEqual(kty === 'OKP' ? ['alg', 'crv', 'kid', 'kty', 'x'] : ['alg', 'crv', 'kid', 'kty', 'x', 'y']);

    const signature = await signManifest(pair.privateKey, manifest);
    expect(signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(await verifyManifestSignature(jwk, manifest, signature)).toBe(true);
    // The JWK as it is written to public-key.jwk and read back.
    expect(await verifyManifestSignature(JSON.parse(JSON.stringify(jwk)), manifest, `${signature}\n`)).toBe(true);
  });

  test.each(['EdDSA', 'ES256'] as const)('%s: a flipped bit, another key or a bad signature is false, not an error', async (prefer) => {
    const pair = await generateSigningKey(prefer);
    const jwk = await publicJwk(pair.publicKey);
    const signature = await signManifest(pair.privateKey, manifest);

    const flippedData = manifest.slice();
    flippedData[3]! ^= 0x01;
    const signatureBytes = Buffer.from(signature, 'base64');
    signatureBytes[10]! ^= 0x80;
    const other = await publicJwk((await generateSigningKey(prefer)).publicKey);

    const cases: [string, Promise<boolean>][] = [
      ['a flipped bit in the manifest', verifyManifestSignature(jwk, flippedData, signature)],
      ['a flipped bit in the signature', verifyManifestSignature(jwk, manifest, signatureBytes.toString('base64'))],
      ['another key', verifyManifestSignature(other, manifest, signature)],
      ['a truncated signature', verifyManifestSignature(jwk, manifest, signature.slice(0, 40))],
      ['not base64', verifyManifestSignature(jwk, manifest, '*** not a signature ***')],
      ['empty', verifyManifestSignature(jwk, manifest, '')],
    ];
    for (const [name, verdict] of cases) expect([name, await verdict]).toEqual([name, false]);
  });
});

describe('malformed keys', () => {
  test.each([
    ['not an object', 'hello'],
    ['an RSA key', { kty: 'RSA', n: 'AQAB', e: 'AQAB' }],
    ['a short x', { ...RFC_PUBLIC, x: 'AAAA' }],
    ['another curve', { ...RFC_PUBLIC, crv: 'Ed448' }],
    ['an EC key without y', { kty: 'EC', crv: 'P-256', x: RFC_PUBLIC.x }],
    ['a private key', RFC_PRIVATE],
    ['an x that is not base64url', { ...RFC_PUBLIC, x: `${'+'.repeat(42)}/` }],
    ['a point not on the curve', { kty: 'EC', crv: 'P-256', x: RFC_PUBLIC.x, y: RFC_PUBLIC.x }],
  ])('%s throws SigningKeyError', async (_name, jwk) => {
    const actual = verifyManifestSignature(jwk, manifest, 'AAAA');
    await expect(actual).rejects.toBeInstanceOf(SigningKeyError);
    await expect(actual).rejects.toMatchObject({ problem: 'malformed' });
  });
});

describe('formatFingerprint', () => {
  test.each([
    ['90facafea9b15566', '90fa cafe a9b1 5566'],
    ['ABCDEF', 'abcd ef'],
    ['', ''],
  ])('%s → %s', (hex, expected) => {
    expect(formatFingerprint(hex)).toBe(expected);
  });
});
