import { recordSha256, type ImportPlan, type PlannedItem } from '../archive/import-archive.ts';
import { createCustodyEntry, type CustodyEntry } from '../evidence/custody.ts';
import { sha256Hex } from '../evidence/hash.ts';
import { captureRecordSchema } from '../evidence/record.ts';
import { toSafelogError } from '../errors.ts';
import type { BlobRow, SafelogDb, ThumbnailRow } from './schema.ts';

/** Makes a list preview from an image; pages without OffscreenCanvas (and tests) pass none. */
export type MakeThumbnail = (image: Blob) => Promise<Omit<ThumbnailRow, 'captureId'>>;

export interface ApplyImportOptions {
  makeThumbnail?: MakeThumbnail;
  /** The time of the `imported` entries; now by default. */
  now?: () => Date;
}

export interface ApplyImportResult {
  /** Capture ids written, in the archive's order. */
  imported: string[];
  /** The `imported` custody entries appended, one per item. */
  entries: CustodyEntry[];
}

/** Thrown before anything is written when the files handed in are not the ones the plan was made from. */
export class ImportMismatchError extends Error {
  override readonly name = 'ImportMismatchError';
}

type NewItem = Exclude<PlannedItem, { status: 'invalid' }> & { status: 'new' };

interface PreparedItem {
  item: NewItem;
  blobs: BlobRow[];
  thumbnail?: ThumbnailRow;
}

/**
 * Writes every `new` item of a plan (record, the archive's original bytes, an optional thumbnail)
 * and one `imported` custody entry per item, appended to this extension's chain, in ONE IndexedDB
 * transaction: any failure aborts it and nothing is written. The archive's own chain is not copied
 * in; each entry records the hashes of its custody log and manifest, which identify it for good.
 */
export async function applyImport(
  db: SafelogDb,
  plan: ImportPlan,
  files: ReadonlyMap<string, Blob>,
  options: ApplyImportOptions = {},
): Promise<ApplyImportResult> {
  const items = plan.items.filter((item): item is NewItem => item.status === 'new');
  if (items.length === 0) return { imported: [], entries: [] };
  // Everything asynchronous happens before the transaction: it commits as soon as it waits on anything else.
  const prepared: PreparedItem[] = [];
  for (const item of items) prepared.push(await prepareItem(item, files, options.makeThumbnail));
  const at = (options.now?.() ?? new Date()).toISOString();

  try {
    const tx = db.transaction(['captures', 'blobs', 'thumbnails', 'custody'], 'readwrite');
    const custody = tx.objectStore('custody');
    const head = await custody.openCursor(null, 'prev');
    let previous = head?.value;
    const entries: CustodyEntry[] = [];
    const writes: Promise<unknown>[] = [];
    for (const { item, blobs, thumbnail } of prepared) {
      const entry = createCustodyEntry(
        {
          at,
          action: 'imported',
          subject: item.captureId,
          details: {
            archive: plan.archiveName,
            recordSha256: recordSha256(item.record),
            archiveRecordSha256: item.archiveRecordSha256,
            signer: plan.signer.fingerprint,
            signedByThisSafelog: plan.signer.kind === 'this-safelog',
            custodyLogSha256: plan.custodyLogSha256,
            manifestSha256: plan.manifestSha256,
            sha256: item.record.artifacts.map((artifact) => artifact.sha256),
          },
        },
        previous,
      );
      previous = entry;
      entries.push(entry);
      // `add`, never `put`: a record or blob that appeared since the plan was made aborts the whole import.
      writes.push(tx.objectStore('captures').add(item.record), custody.add(entry), ...blobs.map((row) => tx.objectStore('blobs').add(row)));
      // A preview is not evidence: an orphaned one under the same id is simply replaced.
      if (thumbnail) writes.push(tx.objectStore('thumbnails').put(thumbnail));
    }
    await Promise.all([...writes, tx.done]);
    return { imported: prepared.map(({ item }) => item.captureId), entries };
  } catch (error) {
    throw toSafelogError(unwrapAbort(error), 'storage-failed');
  }
}

/** The capture whose bytes are stored under an artifact id, if any. */
export async function findArtifactOwner(db: SafelogDb, artifactId: string): Promise<string | undefined> {
  return (await db.get('blobs', artifactId))?.captureId;
}

/** Checks the bytes once more against the record (the files map could be another archive's) and builds the rows. */
async function prepareItem(item: NewItem, files: ReadonlyMap<string, Blob>, makeThumbnail: MakeThumbnail | undefined): Promise<PreparedItem> {
  const record = captureRecordSchema.parse(item.record);
  const blobs: BlobRow[] = [];
  for (const artifact of record.artifacts) {
    const path = item.files[artifact.id];
    const data = path === undefined ? undefined : files.get(path);
    if (data === undefined || (await sha256Hex(data)) !== artifact.sha256) {
      throw new ImportMismatchError(`The archive's file for artifact ${artifact.id} is not the one checked`);
    }
    // Same bytes, typed as the capture stored them.
    blobs.push({ id: artifact.id, captureId: record.id, blob: new Blob([data], { type: artifact.mime }) });
  }
  const preview = record.artifacts.find((artifact) => artifact.kind === 'post-image') ?? record.artifacts.find((artifact) => artifact.kind === 'raw-screenshot');
  const source = preview === undefined ? undefined : blobs.find((row) => row.id === preview.id)?.blob;
  let thumbnail: ThumbnailRow | undefined;
  if (makeThumbnail && source) {
    try {
      thumbnail = { ...(await makeThumbnail(source)), captureId: record.id };
    } catch (error) {
      // A preview is never evidence: the list shows a placeholder instead, the import goes on.
      console.warn('Safelog: no thumbnail for an imported capture', record.id, error);
    }
  }
  return { item: { ...item, record }, blobs, ...(thumbnail ? { thumbnail } : {}) };
}

/** An aborted transaction reports AbortError; the reason (often QuotaExceededError or ConstraintError) is in its error. */
function unwrapAbort(error: unknown): unknown {
  if (error instanceof DOMException && error.name === 'AbortError' && error.cause) return error.cause;
  return error;
}
