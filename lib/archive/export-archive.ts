import { BlobReader, BlobWriter, TextReader, ZipWriter, configure } from '@zip.js/zip.js';
import type { CustodyEntry } from '../evidence/custody.ts';
import { describeCaptureTime } from '../evidence/capture-time.ts';
import { accountKey } from '../evidence/account.ts';
import { sha256Hex } from '../evidence/hash.ts';
import type { CaptureRecord, CaptureTime } from '../evidence/record.ts';
import { LOCALES, translatorFor, type Locale } from '../i18n.ts';
import { archiveFileName } from './archive-name.ts';
import { toCsv } from './csv.ts';
import { custodyLogLines } from './custody-log.ts';
import { buildEvidenceJson, evidenceJsonSchema } from './evidence-json.ts';
import { planItemFiles } from './item-files.ts';
import { buildManifest } from './manifest.ts';
import { buildReadmeTxt } from './readme-txt.ts';
import { renderReportHtml } from './report-html.ts';
import { itemImages, type ReportInput } from './report-model.ts';
import { renderReportPdf } from './report-pdf.ts';
import { signManifest, type PublicSigningJwk } from './signing.ts';
import { stampImage, type StampLines } from './stamp.ts';
import { buildVerifyPage, verifyPageMessages } from './verify-page.ts';

// Workers would need a worker script from a URL; the export already runs off the capture path.
configure({ useWebWorkers: false });

export interface ExportRequest {
  locale: Locale;
  label?: string;
  /** Whom the case concerns, in the person's own words. */
  caseDescription?: string;
  /** Encrypts the zip with AES-256 (7-Zip opens it; Windows Explorer does not). */
  password?: string;
  /** Only items whose post (or capture) time falls in this period, ISO dates inclusive. */
  period?: { from?: string; to?: string };
  /** Only items from these accounts (keys from lib/evidence/account.ts); all when absent or empty. */
  accounts?: readonly string[];
}

export interface SigningKey {
  privateKey: CryptoKey;
  publicJwk: PublicSigningJwk;
}

/** What an export reads from and writes to; the extension page hands in the real store. */
export interface ExportSource {
  listRecords(): Promise<CaptureRecord[]>;
  readBlob(artifactId: string): Promise<Blob | undefined>;
  /** Appends the "exported" custody entry and returns the whole chain, that entry last. */
  recordExport(details: CustodyEntry['details']): Promise<CustodyEntry[]>;
  /** Appends the entry that says the export above did not complete. */
  recordExportFailure(details: CustodyEntry['details']): Promise<void>;
  signingKey(): Promise<SigningKey>;
  tool: { name: string; version: string; browser: string };
  now(): Date;
  zone: string;
}

/**
 * The pixel and PDF work of an export. The extension uses the real ones (OffscreenCanvas, the
 * bundled fonts); tests in Node, which has no canvas, hand in their own.
 */
export interface ExportImaging {
  /** A stamped working copy of an image, or undefined when none can be made (stamp.ts). */
  stampImage(original: Blob, stamp: StampLines): Promise<Blob | undefined>;
  /** report.pdf; `loadImage` reads one archive path's bytes at a time. */
  renderReportPdf(input: ReportInput, locale: Locale, loadImage: (path: string) => Promise<Uint8Array>): Promise<Uint8Array>;
}

const BROWSER_IMAGING: ExportImaging = {
  stampImage,
  renderReportPdf: (input, locale, loadImage) => renderReportPdf(input, locale, loadImage),
};

export interface ExportProgress {
  phase: 'items' | 'documents' | 'finishing';
  done: number;
  total: number;
}

export interface ExportResult {
  fileName: string;
  blob: Blob;
  itemCount: number;
  /** Stored files whose bytes no longer match the hash taken at capture: exported as they are, and flagged. */
  mismatches: { captureId: string; artifactId: string; path: string }[];
  /** Why report.pdf is not in the archive (README.txt says so too); absent when it is. */
  reportPdfProblem?: string;
}

export class ExportCancelled extends Error {
  override readonly name = 'ExportCancelled';
}

/**
 * PNG and JPEG are compressed already: storing them is as small and much faster. So is the PDF,
 * whose images, fonts and page contents are deflated inside it (deflating it again saved under 1%).
 */
function levelFor(path: string): number {
  return /\.(png|jpe?g|gif|webp|pdf)$/i.test(path) ? 0 : 6;
}

function itemTime(record: CaptureRecord): string {
  return record.meta.postTime.iso ? new Date(record.meta.postTime.iso).toISOString() : record.capturedAt.utc;
}

/** Keeps the records in the period (by post time, else capture time) and from the accounts asked for, oldest first. */
export function selectRecords(records: readonly CaptureRecord[], period: ExportRequest['period'], accounts?: readonly string[]): CaptureRecord[] {
  const from = period?.from ? `${period.from}T00:00:00.000Z` : undefined;
  const to = period?.to ? `${period.to}T23:59:59.999Z` : undefined;
  const wanted = accounts && accounts.length > 0 ? new Set(accounts) : undefined;
  return records
    .filter((record) => {
      const at = itemTime(record);
      return (!from || at >= from) && (!to || at <= to) && (!wanted || wanted.has(accountKey(record.meta)));
    })
    .sort((a, b) => itemTime(a).localeCompare(itemTime(b)) || a.capturedAt.utc.localeCompare(b.capturedAt.utc));
}

/**
 * Writes the evidence archive (lib/archive/FORMAT.md): every original byte for byte, stamped copies,
 * the documents, the custody log through this export's own entry, and the signed manifest. Files
 * go into the zip one at a time, so no more than one item's files are held at once.
 */
export async function exportArchive(
  source: ExportSource,
  request: ExportRequest,
  options: { signal?: AbortSignal; onProgress?: (progress: ExportProgress) => void; imaging?: ExportImaging } = {},
): Promise<ExportResult> {
  const imaging = options.imaging ?? BROWSER_IMAGING;
  const t = translatorFor(request.locale);
  const now = source.now();
  const exportedAt: CaptureTime = describeCaptureTime(now, source.zone);
  const fileName = archiveFileName(now, source.zone, request.label);
  const records = selectRecords(await source.listRecords(), request.period, request.accounts);
  const plans = planItemFiles(records);
  const key = await source.signingKey();
  const chain = await source.recordExport({
    archive: fileName,
    items: records.map((record) => record.id),
    encrypted: request.password ? true : false,
  });

  const writer = new ZipWriter(new BlobWriter('application/zip'), {
    ...(request.password ? { password: request.password, encryptionStrength: 3 as const, zipCrypto: false } : {}),
  });
  const hashes: { path: string; sha256: string }[] = [];
  const mismatches: ExportResult['mismatches'] = [];
  const check = () => {
    if (options.signal?.aborted) throw new ExportCancelled();
  };
  const addBlob = async (path: string, blob: Blob) => {
    check();
    hashes.push({ path, sha256: await sha256Hex(blob) });
    await writer.add(path, new BlobReader(blob), { level: levelFor(path), signal: options.signal });
    return hashes.at(-1)!.sha256;
  };
  const addText = async (path: string, text: string) => addBlob(path, new Blob([text], { type: 'text/plain;charset=utf-8' }));

  try {
    for (const [index, record] of records.entries()) {
      const plan = plans[index]!;
      for (const artifact of record.artifacts) {
        const path = plan.files[artifact.id];
        if (!path) continue; // thumbnails are never exported
        const blob = await source.readBlob(artifact.id);
        if (!blob) throw new Error(`The file ${artifact.id} of capture ${record.id} is missing from storage`);
        const sha256 = await addBlob(path, blob);
        const changed = sha256 !== artifact.sha256;
        if (changed) mismatches.push({ captureId: record.id, artifactId: artifact.id, path });
        const stampedPath = plan.stampedPaths[artifact.id];
        // A stamp vouches for the capture-time hash: never draw it over bytes that no longer match.
        if (stampedPath && changed) delete plan.stampedPaths[artifact.id];
        if (stampedPath && !changed) {
          const stamped = await imaging.stampImage(blob, {
            lines: [
              { label: t('archiveStampUrl'), value: record.meta.permalink ?? record.page.url },
              { label: t('archiveStampCaptured'), value: `${record.capturedAt.utc} (${record.capturedAt.local} ${record.capturedAt.zone})` },
              { label: t('archiveStampOriginal'), value: `${path} SHA-256 ${artifact.sha256}` },
            ],
          });
          if (stamped) await addBlob(stampedPath, stamped);
          else delete plan.stampedPaths[artifact.id]; // beyond the canvas limits: no copy, and none listed
        }
      }
      options.onProgress?.({ phase: 'items', done: index + 1, total: records.length });
    }

    options.onProgress?.({ phase: 'documents', done: 0, total: 1 });
    const items = records.map((record, index) => ({
      record,
      folder: plans[index]!.folder,
      files: plans[index]!.files,
      stamped: plans[index]!.stampedPaths,
    }));
    // The log keeps the details of these items and of this export; others' are reduced to their hash.
    // This export's own entry, the last, is kept whole by its place in the log (custodyLogLines).
    const included = new Set(records.map((record) => record.id));
    const fingerprint = key.publicJwk.kid;
    const report: ReportInput = { archiveName: fileName, exportedAt, tool: source.tool, caseDescription: request.caseDescription, fingerprint, items };
    await addText(
      'evidence.json',
      buildEvidenceJson({
        exportedAt,
        tool: source.tool,
        locale: request.locale,
        label: request.label,
        caseDescription: request.caseDescription,
        // Notes, impact and the risk checklist are not exported yet: the flags say what is in the archive.
        options: { includePrivateNotes: false, includeRiskChecklist: false, includeImpactNotes: false },
        items,
      }),
    );
    await addText('schema.json', `${JSON.stringify(evidenceJsonSchema(), null, 2)}\n`);
    await addText('evidence.csv', toCsv(items, request.locale));
    await addText('custody-log.jsonl', custodyLogLines(chain, included));
    await addText('public-key.jwk', `${JSON.stringify(key.publicJwk, null, 2)}\n`);
    await addText('report.html', renderReportHtml(report, request.locale));
    const pdf = await makeReportPdf(report, request.locale, source, imaging, options);
    check();
    if (pdf.bytes) await addBlob('report.pdf', new Blob([pdf.bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }));
    await addText('verify.html', buildVerifyPage(verifyPageMessages(LOCALES)));
    await addText(
      'README.txt',
      buildReadmeTxt({
        locale: request.locale,
        fileName,
        exportedAt,
        tool: source.tool,
        itemCount: records.length,
        fingerprint,
        algorithm: key.publicJwk.alg,
        ...(pdf.problem ? { reportPdfProblem: pdf.problem } : {}),
      }),
    );

    options.onProgress?.({ phase: 'finishing', done: 0, total: 1 });
    const manifest = buildManifest(hashes);
    const manifestBytes = new TextEncoder().encode(manifest);
    await writer.add('manifest-sha256.txt', new TextReader(manifest), { level: 6 });
    await writer.add('manifest.sig', new TextReader(`${await signManifest(key.privateKey, manifestBytes)}\n`), { level: 0 });
    const blob = await writer.close();
    options.onProgress?.({ phase: 'finishing', done: 1, total: 1 });
    return { fileName, blob, itemCount: records.length, mismatches, ...(pdf.problem ? { reportPdfProblem: pdf.problem } : {}) };
  } catch (error) {
    const cancelled = error instanceof ExportCancelled || (error instanceof Error && error.name === 'AbortError') || options.signal?.aborted === true;
    try {
      await source.recordExportFailure({ archive: fileName, reason: cancelled ? 'cancelled' : String(error) });
    } catch (recordError) {
      // The original failure is what the person must see; this one is only logged.
      console.error('Safelog: could not record the failed export in the custody log', recordError);
    }
    throw cancelled && !(error instanceof ExportCancelled) ? new ExportCancelled() : error;
  }
}

/**
 * report.pdf, its images read from the source one at a time (archive path → artifact id). A PDF
 * that cannot be made (a font that will not load, a renderer error) costs the person only the PDF:
 * the reason is returned and the archive is written without it. Cancelling is checked by the caller
 * afterwards; until then every image load fails fast, so the renderer winds down quickly.
 */
async function makeReportPdf(
  report: ReportInput,
  locale: Locale,
  source: ExportSource,
  imaging: ExportImaging,
  options: { signal?: AbortSignal; onProgress?: (progress: ExportProgress) => void },
): Promise<{ bytes?: Uint8Array; problem?: string }> {
  const artifactIds = new Map(report.items.flatMap((item) => Object.entries(item.files).map(([artifactId, path]) => [path, artifactId] as const)));
  const total = report.items.reduce((sum, item) => sum + itemImages(item).length, 0);
  let loaded = 0;
  const loadImage = async (path: string): Promise<Uint8Array> => {
    if (options.signal?.aborted) throw new ExportCancelled();
    const artifactId = artifactIds.get(path);
    const blob = artifactId ? await source.readBlob(artifactId) : undefined;
    if (!blob) throw new Error(`${path} is missing from storage`);
    loaded += 1;
    options.onProgress?.({ phase: 'documents', done: loaded, total });
    return new Uint8Array(await blob.arrayBuffer());
  };
  try {
    return { bytes: await imaging.renderReportPdf(report, locale, loadImage) };
  } catch (error) {
    if (options.signal?.aborted) return {};
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}
