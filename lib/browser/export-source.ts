import { browser } from 'wxt/browser';
import type { ExportSource } from '../archive/export-archive.ts';
import { appendCustody, getArtifactBlob, listAllCaptures } from '../db/captures.ts';
import type { SafelogDb } from '../db/schema.ts';
import { describeBrowser } from './capture-ports.ts';
import { ensureSigningKey } from './signing-key.ts';

/** The subject of an export's custody entries: the archive, not any one item. */
export function archiveSubject(fileName: string): string {
  return `archive:${fileName}`;
}

/** Everything an export reads from and records in, backed by Safelog's database. */
export function createExportSource(db: SafelogDb): ExportSource {
  return {
    listRecords: () => listAllCaptures(db),
    readBlob: (artifactId) => getArtifactBlob(db, artifactId),
    recordExport: (details) =>
      appendCustody(db, { at: new Date().toISOString(), action: 'exported', subject: archiveSubject(String(details['archive'])), details }),
    recordExportFailure: async (details) => {
      await appendCustody(db, { at: new Date().toISOString(), action: 'export-failed', subject: archiveSubject(String(details['archive'])), details });
    },
    signingKey: () => ensureSigningKey(db),
    tool: { name: 'Safelog', version: browser.runtime.getManifest().version, browser: describeBrowser(navigator.userAgent) },
    now: () => new Date(),
    zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
