import { createCustodyEntry, custodyEntrySchema, type CustodyDraft, type CustodyEntry } from '../evidence/custody.ts';
import { canonicalJson } from '../evidence/canonical-json.ts';
import { sha256HexSync } from '../evidence/hash.ts';
import { captureRecordSchema, type CaptureRecord } from '../evidence/record.ts';
import { SafelogError, toSafelogError } from '../errors.ts';
import type { BlobRow, SafelogDb, ThumbnailRow } from './schema.ts';

export interface NewCapture {
  record: CaptureRecord;
  /** The bytes of every artifact the record lists, by artifact id. */
  blobs: ReadonlyMap<string, Blob>;
  thumbnail?: Omit<ThumbnailRow, 'captureId'>;
  custody: Omit<CustodyDraft, 'subject'>;
}

/**
 * Writes a capture, its blobs, its thumbnail and its "captured" custody entry in one transaction:
 * either all of it lands or none of it does, so a failure never leaves half a record.
 */
export async function commitCapture(db: SafelogDb, capture: NewCapture): Promise<CustodyEntry> {
  const record = captureRecordSchema.parse(capture.record);
  for (const artifact of record.artifacts) {
    if (!capture.blobs.has(artifact.id)) throw new Error(`No bytes for artifact ${artifact.id}`);
  }
  try {
    const tx = db.transaction(['captures', 'blobs', 'thumbnails', 'custody'], 'readwrite');
    const custody = tx.objectStore('custody');
    // The chain head is read inside the same transaction so concurrent captures queue behind each other.
    const head = await custody.openCursor(null, 'prev');
    // The record's facts (author, text, times) are sealed with the files: any later change to the
    // stored record no longer matches this hash.
    const details = { ...capture.custody.details, recordSha256: sha256HexSync(canonicalJson(record)) };
    const entry = createCustodyEntry({ ...capture.custody, details, subject: record.id }, head?.value);
    const writes: Promise<unknown>[] = [
      tx.objectStore('captures').add(record),
      custody.add(entry),
      ...record.artifacts.map((artifact) =>
        tx.objectStore('blobs').add({ id: artifact.id, captureId: record.id, blob: capture.blobs.get(artifact.id)! } satisfies BlobRow),
      ),
    ];
    if (capture.thumbnail) writes.push(tx.objectStore('thumbnails').put({ ...capture.thumbnail, captureId: record.id }));
    await Promise.all([...writes, tx.done]);
    return entry;
  } catch (error) {
    throw toSafelogError(unwrapAbort(error), 'storage-failed');
  }
}

/** An aborted transaction reports AbortError; the reason (often QuotaExceededError) is in its error. */
function unwrapAbort(error: unknown): unknown {
  if (error instanceof DOMException && error.name === 'AbortError' && error.cause) return error.cause;
  return error;
}

/** The newest captures first; rows the schema rejects are skipped and reported, never dropped from storage. */
export async function listRecentCaptures(db: SafelogDb, limit: number): Promise<CaptureRecord[]> {
  const records: CaptureRecord[] = [];
  let cursor = await db.transaction('captures').store.index('by-captured').openCursor(null, 'prev');
  while (cursor && records.length < limit) {
    const parsed = captureRecordSchema.safeParse(cursor.value);
    if (parsed.success) records.push(parsed.data);
    else console.warn('Safelog: a stored capture does not match the schema', cursor.primaryKey, parsed.error.issues);
    cursor = await cursor.continue();
  }
  return records;
}

export function countCaptures(db: SafelogDb): Promise<number> {
  return db.count('captures');
}

export async function getCapture(db: SafelogDb, id: string): Promise<CaptureRecord | undefined> {
  const row = await db.get('captures', id);
  if (row === undefined) return undefined;
  const parsed = captureRecordSchema.safeParse(row);
  if (!parsed.success) throw new SafelogError('storage-failed', `capture ${id} does not match the schema`);
  return parsed.data;
}

export async function getArtifactBlob(db: SafelogDb, artifactId: string): Promise<Blob | undefined> {
  return (await db.get('blobs', artifactId))?.blob;
}

export async function getThumbnail(db: SafelogDb, captureId: string): Promise<ThumbnailRow | undefined> {
  return db.get('thumbnails', captureId);
}

/** Every custody entry, oldest first. */
export async function listCustody(db: SafelogDb): Promise<CustodyEntry[]> {
  return (await db.getAll('custody')).map((row) => custodyEntrySchema.parse(row));
}

export async function listCustodyFor(db: SafelogDb, subject: string): Promise<CustodyEntry[]> {
  const rows = await db.getAllFromIndex('custody', 'by-subject', subject);
  return rows.map((row) => custodyEntrySchema.parse(row)).sort((a, b) => a.seq - b.seq);
}

/** Every capture, oldest first (for an export; rows the schema rejects are skipped and reported). */
export async function listAllCaptures(db: SafelogDb): Promise<CaptureRecord[]> {
  const records: CaptureRecord[] = [];
  for (const row of await db.getAllFromIndex('captures', 'by-captured')) {
    const parsed = captureRecordSchema.safeParse(row);
    if (parsed.success) records.push(parsed.data);
    else console.warn('Safelog: a stored capture does not match the schema', row?.id, parsed.error.issues);
  }
  return records;
}

/** Appends one entry to the custody chain (an export, an edit) and returns the whole chain, oldest first. */
export async function appendCustody(db: SafelogDb, draft: CustodyDraft): Promise<CustodyEntry[]> {
  const tx = db.transaction('custody', 'readwrite');
  const head = await tx.store.openCursor(null, 'prev');
  await tx.store.add(createCustodyEntry(draft, head?.value));
  const chain = await tx.store.getAll();
  await tx.done;
  return chain.map((row) => custodyEntrySchema.parse(row));
}
