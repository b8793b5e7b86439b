// What tests/bench/import.bench.ts drives in the options page of the e2e and bench builds: an
// archive made by the real export, imported as the person imports it, and the floor it is measured
// against. Loaded only behind `import.meta.env.MODE` (see bench-hooks.ts), so the release build
// carries none of it.
import { BlobReader, BlobWriter, ZipReader } from '@zip.js/zip.js';
import type { ExportRequest } from '../archive/export-archive.ts';
import type { ItemStatus } from '../archive/import-archive.ts';
import { exportArchive } from '../archive/export-archive.ts';
import { inspectArchive } from '../archive/import-archive.ts';
import { makeThumbnail } from '../capture/compose.ts';
import { getCapture } from '../db/captures.ts';
import { applyImport, findArtifactOwner } from '../db/import.ts';
import { getSigningKey } from '../db/keys.ts';
import { openSafelogDb } from '../db/open.ts';
import { getDb } from './db.ts';
import { createExportSource } from './export-source.ts';

/** The archive every import run and floor run reads, as the export wrote it. */
export interface BenchArchive {
  itemCount: number;
  zipBytes: number;
  exportMs: number;
}

/** One import as measured in the page. */
export interface ImportRun {
  /** inspectArchive: read (with the reader's limits and CRC checks), verify (manifest, signature, chain, schema), plan. */
  inspectMs: number;
  /** applyImport of every new item into a fresh database, with thumbnails, as the import panel does. */
  applyMs: number;
  totalMs: number;
  counts: Record<ItemStatus, number>;
  imported: number;
  /** Why inspectArchive refused the archive, if it did (then nothing was applied). */
  failure?: string;
}

/** The floor: the same zip read with zip.js into Blobs, no checks, and every entry hashed with WebCrypto. */
export interface ImportFloorRun {
  ms: number;
  files: number;
  /** Uncompressed bytes of all entries together. */
  bytes: number;
}

export interface ImportBenchHooks {
  /** Exports this page's store as the person would and keeps the zip in the page for the runs below. */
  prepareImportArchive(request: ExportRequest): Promise<BenchArchive>;
  importArchive(): Promise<ImportRun>;
  importFloor(): Promise<ImportFloorRun>;
}

// Each run imports into its own database, deleted after, so the real store (which holds the very
// captures the archive was made from) is never written and every item plans as new.
const SCRATCH_DB_PREFIX = 'safelog-import-bench-';

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

/** The hooks over this page's database connection. */
export function createImportBenchHooks(): ImportBenchHooks {
  let archive: Blob | undefined;
  const kept = (): Blob => {
    if (!archive) throw new Error('prepareImportArchive first');
    return archive;
  };

  return {
    async prepareImportArchive(request) {
      const started = performance.now();
      const result = await exportArchive(createExportSource(await getDb()), request);
      archive = new File([result.blob], result.fileName, { type: 'application/zip' });
      return { itemCount: result.itemCount, zipBytes: archive.size, exportMs: performance.now() - started };
    },

    async importArchive() {
      const zip = kept();
      const ownKeyKid = (await getSigningKey(await getDb()))?.publicJwk.kid;
      const name = `${SCRATCH_DB_PREFIX}${crypto.randomUUID()}`;
      const scratch = await openSafelogDb({ name });
      try {
        const started = performance.now();
        // The lookups the import panel makes, against the empty scratch database.
        const inspected = await inspectArchive(zip, {
          ownKeyKid,
          existing: (captureId) => getCapture(scratch, captureId),
          artifactOwner: (artifactId) => findArtifactOwner(scratch, artifactId),
        });
        const inspectedAt = performance.now();
        if (!inspected.ok) {
          const none = { new: 0, duplicate: 0, conflict: 0, invalid: 0 };
          return { inspectMs: inspectedAt - started, applyMs: 0, totalMs: inspectedAt - started, counts: none, imported: 0, failure: inspected.failure.reason };
        }
        const applied = await applyImport(scratch, inspected.plan, inspected.files, { makeThumbnail: (image) => makeThumbnail(image) });
        const finished = performance.now();
        return {
          inspectMs: inspectedAt - started,
          applyMs: finished - inspectedAt,
          totalMs: finished - started,
          counts: inspected.plan.counts,
          imported: applied.imported.length,
        };
      } finally {
        scratch.close();
        await deleteDatabase(name);
      }
    },

    async importFloor() {
      const zip = kept();
      const started = performance.now();
      // zip.js's defaults: no CRC check, no overlap check, no limits; main thread, as the import.
      const reader = new ZipReader(new BlobReader(zip), { useWebWorkers: false });
      let files = 0;
      let bytes = 0;
      for (const entry of await reader.getEntries()) {
        if (entry.directory) continue;
        const blob = await entry.getData(new BlobWriter());
        await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
        files += 1;
        bytes += blob.size;
      }
      await reader.close();
      return { ms: performance.now() - started, files, bytes };
    },
  };
}
