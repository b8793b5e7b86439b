import { z } from 'zod';
import { canonicalJson } from '../evidence/canonical-json.ts';
import { sha256Hex } from '../evidence/hash.ts';

/** The JWS names of the two algorithms Safelog signs with. */
export type SigningAlgorithm = 'EdDSA' | 'ES256';

const ED25519 = { name: 'Ed25519' } as const;
const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** Both algorithms give 64-byte signatures (ECDSA as IEEE P1363 r‖s, which is what WebCrypto makes). */
const SIGNATURE_BYTES = 64;

/**
 * A new signing key pair: Ed25519 where WebCrypto has it (Chrome 137+, Firefox 129+, Node 20),
 * else ECDSA P-256. The private key is not extractable, so even our own code cannot export it;
 * it is stored as a CryptoKey. `prefer: 'ES256'` skips Ed25519 (tests, and browsers that lack it).
 */
export async function generateSigningKey(prefer: SigningAlgorithm = 'EdDSA'): Promise<CryptoKeyPair> {
  if (prefer === 'EdDSA') {
    try {
      return (await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify'])) as CryptoKeyPair;
    } catch (error) {
      // Feature detection: an engine without Ed25519 rejects the name (NotSupportedError, or a
      // TypeError in some older ones); anything it rejects, P-256 is the documented fallback.
      console.info('Ed25519 unavailable, signing with ECDSA P-256', error);
    }
  }
  return crypto.subtle.generateKey(P256, false, ['sign', 'verify']);
}

const base64url = (bytes: number) => z.string().regex(/^[A-Za-z0-9_-]+$/).refine((value) => base64UrlToBytes(value)?.length === bytes, `${bytes} bytes, base64url`);

// WebCrypto itself exports an Ed25519 key with `alg: "Ed25519"`; JOSE calls it `EdDSA`.
const okpJwkSchema = z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: base64url(32), alg: z.enum(['EdDSA', 'Ed25519']).optional() });
const ecJwkSchema = z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: base64url(32), y: base64url(32), alg: z.literal('ES256').optional() });
/** A Safelog public key as public-key.jwk holds it (other members, such as `kid`, are ignored). */
export const signingJwkSchema = z.union([okpJwkSchema, ecJwkSchema]);
export type SigningJwk = { kty: 'OKP'; crv: 'Ed25519'; x: string } | { kty: 'EC'; crv: 'P-256'; x: string; y: string };
export type PublicSigningJwk = SigningJwk & { alg: SigningAlgorithm; kid: string };

/** Thrown when a JWK is not a Safelog public key, or this engine lacks its algorithm. */
export class SigningKeyError extends Error {
  constructor(
    readonly problem: 'malformed' | 'unsupported',
    message: string,
  ) {
    super(message);
    this.name = 'SigningKeyError';
  }
}

/**
 * The RFC 7638 thumbprint as lower-case hex: SHA-256 over the JSON of the required members only,
 * keys in lexicographic order, no whitespace (OKP: crv, kty, x; EC: crv, kty, x, y). It is the
 * key's fingerprint: computed from the key itself, so a verifier never trusts a stored `kid`.
 */
export async function jwkThumbprint(jwk: SigningJwk): Promise<string> {
  const required = jwk.kty === 'OKP' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return sha256Hex(new TextEncoder().encode(canonicalJson(required)));
}

/** The public key as public-key.jwk: the key members, `alg`, and `kid` = its fingerprint. */
export async function publicJwk(key: CryptoKey): Promise<PublicSigningJwk> {
  const jwk = parseSigningJwk(await crypto.subtle.exportKey('jwk', key));
  return { ...jwk, alg: jwk.kty === 'OKP' ? 'EdDSA' : 'ES256', kid: await jwkThumbprint(jwk) };
}

/** `a1b2c3d4…` as `a1b2 c3d4 …`: blocks of four that a person can read out over the phone. */
export function formatFingerprint(hex: string): string {
  return (hex.toLowerCase().match(/.{1,4}/g) ?? []).join(' ');
}

/** The signature over exactly `bytes` (manifest-sha256.txt), base64 on one line. */
export async function signManifest(privateKey: CryptoKey, bytes: Uint8Array): Promise<string> {
  const algorithm = privateKey.algorithm.name === 'Ed25519' ? ED25519 : ECDSA_SHA256;
  const signature = await crypto.subtle.sign(algorithm, privateKey, bytes as BufferSource);
  return bytesToBase64(new Uint8Array(signature));
}

/**
 * Whether `signatureBase64` is a valid signature by `jwk` over `bytes`. A wrong, truncated or
 * non-base64 signature is `false`, never an exception; a JWK that is not a Safelog public key,
 * or whose algorithm this engine lacks, throws SigningKeyError (that is no verdict on the archive).
 */
export async function verifyManifestSignature(jwk: unknown, bytes: Uint8Array, signatureBase64: string): Promise<boolean> {
  const key = await importPublicJwk(jwk);
  const signature = base64ToBytes(signatureBase64.trim());
  if (!signature || signature.length !== SIGNATURE_BYTES) return false;
  const algorithm = key.algorithm.name === 'Ed25519' ? ED25519 : ECDSA_SHA256;
  return crypto.subtle.verify(algorithm, key, signature as BufferSource, bytes as BufferSource);
}

/**
 * The key members only (WebCrypto adds key_ops, ext and its own alg, which say nothing to a
 * verifier), or SigningKeyError. A JWK with a private part is refused: it must never be written.
 */
function parseSigningJwk(value: unknown): SigningJwk {
  if (typeof value === 'object' && value !== null && 'd' in value) throw new SigningKeyError('malformed', 'a private key, not a public one');
  const parsed = signingJwkSchema.safeParse(value);
  if (!parsed.success) throw new SigningKeyError('malformed', `not an Ed25519 or P-256 public key: ${parsed.error.message}`);
  const jwk = parsed.data;
  return jwk.kty === 'OKP' ? { kty: 'OKP', crv: 'Ed25519', x: jwk.x } : { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

async function importPublicJwk(jwk: unknown): Promise<CryptoKey> {
  const members = parseSigningJwk(jwk);
  const algorithm = members.kty === 'OKP' ? ED25519 : P256;
  try {
    return await crypto.subtle.importKey('jwk', members, algorithm, true, ['verify']);
  } catch (error) {
    const unsupported = error instanceof Error && error.name === 'NotSupportedError';
    // A well-formed x/y that is not a point on the curve also lands here (DataError).
    throw new SigningKeyError(unsupported ? 'unsupported' : 'malformed', `cannot use this ${algorithm.name} key: ${String(error)}`);
  }
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Strict base64 (standard alphabet, padded): anything else is undefined. */
function base64ToBytes(text: string): Uint8Array | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return undefined;
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

function base64UrlToBytes(text: string): Uint8Array | undefined {
  const standard = text.replaceAll('-', '+').replaceAll('_', '/');
  return base64ToBytes(standard + '='.repeat((4 - (standard.length % 4)) % 4));
}
