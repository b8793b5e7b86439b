import type { SafelogDb, SigningKeyRow } from './schema.ts';

export async function getSigningKey(db: SafelogDb): Promise<SigningKeyRow | undefined> {
  return db.get('keys', 'archive-signing');
}

/** Stores the key unless one exists already; returns the one that is kept (two first runs can race). */
export async function keepSigningKey(db: SafelogDb, row: SigningKeyRow): Promise<SigningKeyRow> {
  const tx = db.transaction('keys', 'readwrite');
  const existing = await tx.store.get(row.id);
  if (!existing) await tx.store.add(row);
  await tx.done;
  return existing ?? row;
}
