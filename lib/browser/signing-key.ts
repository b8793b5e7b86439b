import { getSigningKey, keepSigningKey } from '../db/keys.ts';
import type { SafelogDb } from '../db/schema.ts';
import { generateSigningKey, publicJwk } from '../archive/signing.ts';
import type { SigningKey } from '../archive/export-archive.ts';

/**
 * The key that signs archives: made on first use and kept in IndexedDB as a non-extractable
 * CryptoKey, so the private half can sign but can never be read out, not even by Safelog.
 */
export async function ensureSigningKey(db: SafelogDb): Promise<SigningKey> {
  const existing = await getSigningKey(db);
  if (existing) return { privateKey: existing.privateKey, publicJwk: existing.publicJwk };
  const pair = await generateSigningKey();
  const kept = await keepSigningKey(db, {
    id: 'archive-signing',
    privateKey: pair.privateKey,
    publicJwk: await publicJwk(pair.publicKey),
    createdAt: new Date().toISOString(),
  });
  return { privateKey: kept.privateKey, publicJwk: kept.publicJwk };
}
