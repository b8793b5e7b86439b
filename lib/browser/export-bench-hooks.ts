// What tests/bench/export.bench.ts drives in the options page of the e2e and bench builds: seeding
// the real store, the export as the person runs it, and the floor it is measured against. Loaded
// only behind `import.meta.env.MODE` (see bench-hooks.ts), so the release build carries none of it
// (tests/e2e/release-build.spec.ts greps for `safelogTest`).
import { BlobReader, BlobWriter, Uint8ArrayWriter, ZipReader, ZipWriter, configure } from '@zip.js/zip.js';
import type { ExportRequest } from '../archive/export-archive.ts';
import type { CaptureRecord } from '../evidence/record.ts';
import { exportArchive } from '../archive/export-archive.ts';
import { describeCaptureTime } from '../evidence/capture-time.ts';
import { sha256Hex } from '../evidence/hash.ts';
import { commitCapture } from '../db/captures.ts';
import { getDb } from './db.ts';
import { createExportSource } from './export-source.ts';
import { assemblePng, storedZlib } from '../capture/png-file.ts';

configure({ useWebWorkers: false });

/** One export as measured in the page. */
export interface ExportRun {
  itemCount: number;
  zipBytes: number;
  totalMs: number;
  /** From the first report-PDF image load to the PDF in the zip (the documents phase, which the PDF dominates). */
  documentsMs: number;
  reportPdfBytes: number;
  /** report.pdf deflated at level 6 over stored, and the time that took: whether deflating it is worth it. */
  reportPdfDeflateRatio: number;
  reportPdfDeflateMs: number;
  reportPdfProblem?: string;
}

export interface ExportBenchHooks {
  /** Adds `count` captures, each with one post image of about `imageBytes` of poorly compressible PNG. */
  seedItems(count: number, imageBytes: number): Promise<{ ms: number; stored: number }>;
  exportArchive(request: ExportRequest): Promise<ExportRun>;
  /** The floor: every exported blob read from IndexedDB and written into a STORE zip with zip.js, nothing else. */
  exportFloor(): Promise<{ ms: number; files: number; zipBytes: number }>;
}

/**
 * An opaque 8-bit RGBA PNG of random rows, about `bytes` long: RGBA because that is what capture's
 * OffscreenCanvas stores for post images (the screenshots are RGB), so the PDF takes its slower path.
 * Seeded, so each item's bytes differ.
 */
function noisePng(bytes: number, seed: number): Uint8Array {
  const width = 600;
  const stride = width * 4 + 1;
  const height = Math.max(1, Math.round(bytes / stride));
  const raw = new Uint8Array(stride * height);
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < raw.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    raw[i] = state & 0xff;
  }
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0; // filter "none" on every row
    for (let x = 4; x < stride; x += 4) raw[y * stride + x] = 255; // opaque, as a screenshot is
  }
  return assemblePng(width, height, 6, storedZlib(raw));
}


let seeded = 0;

/** A plausible X post record for item `n` with one post image. */
function benchRecord(n: number, image: { sha256: string; size: number; width: number; height: number }): CaptureRecord {
  const id = crypto.randomUUID();
  const at = new Date(Date.UTC(2026, 0, 1) + n * 3_600_000);
  return {
    id,
    schemaVersion: 1,
    kind: 'post',
    trigger: 'shortcut',
    capturedAt: describeCaptureTime(at, 'Europe/Amsterdam'),
    page: { url: `https://x.com/bench_${n % 37}/status/${1_900_000_000_000_000_000n + BigInt(n)}`, title: `Post ${n} / X` },
    meta: {
      platform: 'x',
      adapter: { id: 'x', version: '1' },
      permalink: `https://x.com/bench_${n % 37}/status/${1_900_000_000_000_000_000n + BigInt(n)}`,
      postId: String(1_900_000_000_000_000_000n + BigInt(n)),
      author: { displayName: `Bench account ${n % 37}`, handle: `@bench_${n % 37}`, profileUrl: `https://x.com/bench_${n % 37}` },
      postTime: { shown: at.toISOString(), iso: at.toISOString(), source: 'datetime-attribute', precision: 'second' },
      text: `Bench post number ${n}: a few words of the kind a harassing post has, with one emoji 👀.`,
      mediaUrls: [],
      isReply: false,
      missing: [],
    },
    artifacts: [{ id: `${id}-post`, kind: 'post-image', mime: 'image/png', ...image, imageSource: 'pixels' }],
    viewport: { width: 1280, height: 800, devicePixelRatio: 1 },
    snapshot: { method: 'mhtml', attempts: 1 },
    environment: { browser: 'Chromium', userAgent: navigator.userAgent, extensionVersion: '0.1.0' },
  };
}

/** The hooks over this page's database connection. */
export function createExportBenchHooks(): ExportBenchHooks {
  return {
    async seedItems(count, imageBytes) {
      const db = await getDb();
      const started = performance.now();
      let stored = 0;
      for (let i = 0; i < count; i++) {
        const n = seeded++;
        const png = noisePng(imageBytes, n + 1);
        const view = new DataView(png.buffer, png.byteOffset);
        const record = benchRecord(n, { sha256: await sha256Hex(png), size: png.length, width: view.getUint32(16), height: view.getUint32(20) });
        await commitCapture(db, {
          record,
          blobs: new Map([[record.artifacts[0]!.id, new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' })]]),
          custody: { at: record.capturedAt.utc, action: 'captured', details: { url: record.page.url } },
        });
        stored += png.length;
      }
      return { ms: performance.now() - started, stored };
    },

    async exportArchive(request) {
      const source = createExportSource(await getDb());
      let documentsAt: number | undefined;
      let finishingAt: number | undefined;
      const started = performance.now();
      const result = await exportArchive(source, request, {
        onProgress: (progress) => {
          if (progress.phase === 'documents') documentsAt ??= performance.now();
          if (progress.phase === 'finishing') finishingAt ??= performance.now();
        },
      });
      const totalMs = performance.now() - started;
      const reader = new ZipReader(new BlobReader(result.blob));
      const pdfEntry = (await reader.getEntries()).find((entry) => entry.filename === 'report.pdf');
      const pdf = pdfEntry && !pdfEntry.directory ? await pdfEntry.getData(new Uint8ArrayWriter()) : new Uint8Array();
      await reader.close();
      const deflateStarted = performance.now();
      const deflated = await new Response(new Blob([pdf as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer();
      const reportPdfDeflateMs = performance.now() - deflateStarted;
      return {
        itemCount: result.itemCount,
        zipBytes: result.blob.size,
        totalMs,
        documentsMs: (finishingAt ?? totalMs) - (documentsAt ?? 0),
        reportPdfBytes: pdf.length,
        reportPdfDeflateRatio: pdf.length > 0 ? deflated.byteLength / pdf.length : Number.NaN,
        reportPdfDeflateMs,
        ...(result.reportPdfProblem ? { reportPdfProblem: result.reportPdfProblem } : {}),
      };
    },

    async exportFloor() {
      const db = await getDb();
      const started = performance.now();
      const writer = new ZipWriter(new BlobWriter('application/zip'));
      let files = 0;
      // The same reads the export makes: records, then each artifact's blob by its id.
      const records = await db.getAll('captures');
      for (const record of records) {
        for (const artifact of record.artifacts) {
          if (artifact.kind === 'thumbnail') continue;
          const row = await db.get('blobs', artifact.id);
          if (!row) continue;
          await writer.add(`items/${record.id}/${artifact.id}`, new BlobReader(row.blob), { level: 0 });
          files += 1;
        }
      }
      const zip = await writer.close();
      return { ms: performance.now() - started, files, zipBytes: zip.size };
    },
  };
}
