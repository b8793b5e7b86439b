import { z } from 'zod';
import { canonicalJson } from './canonical-json.ts';
import { sha256HexSync } from './hash.ts';
import { sha256HexSchema } from './schema.ts';

/** The link before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export const custodyActionSchema = z.enum([
  'captured',
  'edited',
  'deleted',
  'restored',
  'exported', // an archive was written; recorded before it is, so the archive holds its own entry
  'export-failed', // that archive was cancelled or failed: the entry before it names a file that does not exist
  'imported',
]);
export type CustodyAction = z.infer<typeof custodyActionSchema>;

const detailValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const custodyEntrySchema = z.object({
  /** 1, 2, 3, … with no gaps: a removed entry shows as a gap as well as a broken link. */
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  action: custodyActionSchema,
  /** The capture (or other item) the entry is about. */
  subject: z.string(),
  details: z.record(z.string(), detailValueSchema),
  prevHash: sha256HexSchema,
  hash: sha256HexSchema,
});
export type CustodyEntry = z.infer<typeof custodyEntrySchema>;
export type CustodyDraft = Pick<CustodyEntry, 'at' | 'action' | 'subject' | 'details'>;

/** The hash of an entry's details alone. */
export function hashCustodyDetails(details: CustodyEntry['details']): string {
  return sha256HexSync(canonicalJson(details));
}

/**
 * The hash that seals an entry: over every field but the hash itself, the previous hash included.
 * The details enter through their own hash, so an archive can leave out the details of entries about
 * items it does not contain (they may be private) and the chain still verifies.
 */
export function hashCustodyEntry(entry: Omit<CustodyEntry, 'hash' | 'details'> & { detailsSha256: string }): string {
  const { seq, at, action, subject, detailsSha256, prevHash } = entry;
  return sha256HexSync(canonicalJson({ seq, at, action, subject, detailsSha256, prevHash }));
}

function sealOf(entry: Omit<CustodyEntry, 'hash'>): string {
  return hashCustodyEntry({ ...entry, detailsSha256: hashCustodyDetails(entry.details) });
}

/** The entry that follows `previous` (or starts the chain when there is none). */
export function createCustodyEntry(draft: CustodyDraft, previous: CustodyEntry | undefined): CustodyEntry {
  const unsealed = {
    ...draft,
    seq: previous ? previous.seq + 1 : 1,
    prevHash: previous ? previous.hash : GENESIS_HASH,
  };
  return { ...unsealed, hash: sealOf(unsealed) };
}

export type ChainVerdict =
  | { ok: true; length: number }
  | { ok: false; length: number; brokenAt: number; reason: 'sequence' | 'link' | 'hash' | 'schema' };

/** Checks a whole chain, oldest first: any changed, inserted or removed entry breaks it. */
export function verifyCustodyChain(entries: readonly unknown[]): ChainVerdict {
  let previous: CustodyEntry | undefined;
  for (const [index, raw] of entries.entries()) {
    const parsed = custodyEntrySchema.safeParse(raw);
    if (!parsed.success) return { ok: false, length: entries.length, brokenAt: index, reason: 'schema' };
    const entry = parsed.data;
    if (entry.seq !== index + 1) return { ok: false, length: entries.length, brokenAt: index, reason: 'sequence' };
    if (entry.prevHash !== (previous ? previous.hash : GENESIS_HASH)) {
      return { ok: false, length: entries.length, brokenAt: index, reason: 'link' };
    }
    if (sealOf(entry) !== entry.hash) return { ok: false, length: entries.length, brokenAt: index, reason: 'hash' };
    previous = entry;
  }
  return { ok: true, length: entries.length };
}
