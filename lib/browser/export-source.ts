import { browser } from 'wxt/browser';
import type { ExportSource } from '../archive/export-archive.ts';
import { appendCustody, getArtifactBlob, listAllCaptures } from '../db/captures.ts';
import type { SafelogDb } from '../db/schema.ts';
import { describeBrowser } from './capture-ports.ts';
import { ensureSigningKey } from './signing-key.ts';

/**
 * The subject of an export's custody entries: one random id per export. The file name (with the
 * person's own label) stays in the details, which other archives' logs leave out.
 */
export function archiveSubject(): string {
  return `archive:${crypto.randomUUID()}`;
}

/** Everything an export reads from and records in, backed by Safelog's database. */
export function createExportSource(db: SafelogDb): ExportSource {
  const subject = archiveSubject();
  return {
    listRecords: () => listAllCaptures(db),
    readBlob: (artifactId) => getArtifactBlob(db, artifactId),
    recordExport: (details) =>
      appendCustody(db, { at: new Date().toISOString(), action: 'exported', subject, details }),
    recordExportFailure: async (details) => {
      await appendCustody(db, { at: new Date().toISOString(), action: 'export-failed', subject, details });
    },
    signingKey: () => ensureSigningKey(db),
    tool: { name: 'Safelog', version: browser.runtime.getManifest().version, browser: describeBrowser(navigator.userAgent) },
    now: () => new Date(),
    zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
