import type { ExportProgress, ExportRequest } from '../lib/archive/export-archive.ts';
import type { AccountSummary } from '../lib/evidence/account.ts';
import type { CaptureRecord } from '../lib/evidence/record.ts';
import type { CustodyEntry } from '../lib/evidence/custody.ts';
import type { ImportFailure, ImportPlan } from '../lib/archive/import-archive.ts';

/** What the popup and the options page may ask for; main.tsx hands in the real one, tests a fake. */
export interface EvidenceActions {
  /** Newest first. */
  listRecent(limit: number): Promise<CaptureRecord[]>;
  countCaptures(): Promise<number>;
  getThumbnail(captureId: string): Promise<Blob | undefined>;
  getCapture(captureId: string): Promise<CaptureRecord | undefined>;
  getArtifactBlob(artifactId: string): Promise<Blob | undefined>;
  /** The custody-log entries about one capture, oldest first. */
  listCustody(captureId: string): Promise<CustodyEntry[]>;
  /** Verifies the whole custody chain; the index of the first broken entry, or null when intact. */
  verifyCustody(): Promise<{ ok: boolean; brokenAt: number | null; length: number }>;
  savePost(): Promise<void>;
  pickPost(): Promise<void>;
  savePage(): Promise<void>;
  openCapture(captureId: string): Promise<void>;
  /** Opens the options page's list of all captures. */
  openDashboard(): Promise<void>;
  /** Writes the evidence archive and offers it as a download; runs in the page that calls it. */
  exportArchive(request: ExportRequest, onProgress: (progress: ExportProgress) => void, signal: AbortSignal): Promise<ExportSummary>;
  /** The fingerprint of the key that signs archives (made on first use), to hand to the police beforehand. */
  signingFingerprint(): Promise<string>;
  /** Every account the evidence holds posts from, most posts first (for choosing what to export). */
  listAccounts(): Promise<AccountSummary[]>;
  /**
   * Reads and verifies an archive and sorts its items against what is stored; writes nothing. The
   * page keeps the checked files until `applyImport` with the returned token (or the next check).
   */
  inspectImport(file: File, password?: string): Promise<ImportCheck>;
  /** Writes the new items of the checked archive, all or nothing; rejects with a plain-language message. */
  applyImport(token: string): Promise<{ imported: number }>;
}

export type ImportCheck = { ok: true; token: string; plan: ImportPlan } | { ok: false; failure: ImportFailure };

export interface ExportSummary {
  fileName: string;
  itemCount: number;
  /** Stored files whose bytes no longer match their capture-time hash (exported as they are, flagged). */
  mismatches: number;
}
