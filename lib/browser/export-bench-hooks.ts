// What tests/bench/export.bench.ts drives in the options page of the e2e and bench builds: seeding
// the real store, the export as the person runs it, and the floor it is measured against. Loaded
// only behind `import.meta.env.MODE` in entrypoints/options/main.tsx, so the release build carries
// none of it (tests/e2e/release-build.spec.ts greps for `safelogTest`).
import { BlobReader, BlobWriter, Uint8ArrayWriter, ZipReader, ZipWriter, configure } from '@zip.js/zip.js';
import type { ExportRequest } from '../archive/export-archive.ts';
import type { CaptureRecord } from '../evidence/record.ts';
import { exportArchive } from '../archive/export-archive.ts';
import { describeCaptureTime } from '../evidence/capture-time.ts';
import { sha256Hex } from '../evidence/hash.ts';
import { commitCapture } from '../db/captures.ts';
import { getDb } from './db.ts';
import { createExportSource } from './export-source.ts';

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

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * A zlib stream of stored (uncompressed) blocks: random pixels do not compress anyway, and this
 * makes 300 KB in a millisecond instead of running deflate over it.
 */
function storedZlib(raw: Uint8Array): Uint8Array {
  const blocks = Math.ceil(raw.length / 65535);
  const out = new Uint8Array(2 + raw.length + blocks * 5 + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let offset = 2;
  for (let start = 0; start < raw.length; start += 65535) {
    const length = Math.min(65535, raw.length - start);
    out[offset] = start + length >= raw.length ? 1 : 0;
    out[offset + 1] = length & 0xff;
    out[offset + 2] = length >> 8;
    out[offset + 3] = ~length & 0xff;
    out[offset + 4] = (~length >> 8) & 0xff;
    out.set(raw.subarray(start, start + length), offset + 5);
    offset += 5 + length;
  }
  let a = 1;
  let b = 0;
  for (const byte of raw) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  new DataView(out.buffer).setUint32(offset, ((b << 16) | a) >>> 0);
  return out;
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
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8;
  header[9] = 6;
  return concat([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', storedZlib(raw)), chunk('IEND', new Uint8Array())]);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
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
