import { BlobReader, Uint8ArrayWriter, ZipReader, configure, type Entry } from '@zip.js/zip.js';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import type { CustodyEntry } from '../evidence/custody.ts';
import type { Artifact, CaptureRecord } from '../evidence/record.ts';
import type { ExportImaging, ExportRequest, ExportSource } from './export-archive.ts';
import type { ReportFonts } from './report-fonts.ts';
import { createCustodyEntry, hashCustodyDetails } from '../evidence/custody.ts';
import { sha256Hex } from '../evidence/hash.ts';
import { createTestRecord } from '../evidence/test-records.ts';
import { ExportCancelled, exportArchive } from './export-archive.ts';
import { createTestPng, readReportFonts } from './report-fixtures.ts';
import { renderReportPdf } from './report-pdf.ts';
import { generateSigningKey, publicJwk, verifyManifestSignature } from './signing.ts';
import { verifyArchive } from './verify/verify-core.js';

configure({ useWebWorkers: false });

const NOW = new Date('2026-12-01T08:00:00.000Z');
const TOOL = { name: 'Safelog', version: '0.1.0', browser: 'Chromium 156' };
const snapshotBytes = new TextEncoder().encode('MIME-Version: 1.0\r\n\r\n<p>I know where you live</p>');

let fonts: ReportFonts;
let key: Awaited<ReturnType<ExportSource['signingKey']>>;
beforeAll(async () => {
  fonts = readReportFonts();
  const pair = await generateSigningKey();
  key = { privateKey: pair.privateKey, publicJwk: await publicJwk(pair.publicKey) };
});

/** A stored capture: its record and the bytes of each artifact (which may differ from the record's hash). */
interface StoredCapture {
  record: CaptureRecord;
  blobs: Map<string, Uint8Array>;
}

/** Capture ids by number: records must have UUIDs. */
const ID = (n: number): string => `3f1c2b7a-0d5e-4c8f-9a6b-1e2d3c4b5a6${n}`;

/** Capture n, with a screenshot, a post image, a page snapshot and a thumbnail, all with their true hashes. */
async function createCapture(n: number, postTime: string, handle: string): Promise<StoredCapture> {
  const id = ID(n);
  const files: [Artifact['kind'], string, Uint8Array][] = [
    ['raw-screenshot', 'image/png', createTestPng(64, 48, 4)],
    ['post-image', 'image/png', createTestPng(40, 30, 3)],
    ['page-snapshot', 'multipart/related', snapshotBytes],
    ['thumbnail', 'image/jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xd9])],
  ];
  const artifacts: Artifact[] = [];
  const blobs = new Map<string, Uint8Array>();
  for (const [kind, mime, bytes] of files) {
    const artifactId = `${id}-${kind}`;
    artifacts.push({ id: artifactId, kind, mime, size: bytes.length, sha256: await sha256Hex(bytes) });
    blobs.set(artifactId, bytes);
  }
  const record = createTestRecord({ id, artifacts });
  const postId = String(n);
  record.meta = { ...record.meta, postId, permalink: `https://x.com/${handle}/status/${postId}`, author: { displayName: `Name of ${handle}`, handle: `@${handle}` }, postTime: { ...record.meta.postTime, iso: postTime } };
  return { record, blobs };
}

interface FakeSource extends ExportSource {
  recordExportFailure: ReturnType<typeof vi.fn<ExportSource['recordExportFailure']>>;
  chain: CustodyEntry[];
}

/** An ExportSource over captures in memory, with a custody chain that has an entry per capture plus one about an item kept out. */
function createSource(captures: readonly StoredCapture[]): FakeSource {
  const chain: CustodyEntry[] = [];
  const append = (draft: Omit<CustodyEntry, 'seq' | 'hash' | 'prevHash'>) => chain.push(createCustodyEntry(draft, chain.at(-1)));
  append({ at: '2026-11-01T10:00:00.000Z', action: 'captured', subject: 'capture-not-exported', details: { url: 'https://x.com/private/secret' } });
  for (const { record } of captures) append({ at: record.capturedAt.utc, action: 'captured', subject: record.id, details: { url: record.page.url } });
  const blobs = new Map(captures.flatMap((capture) => [...capture.blobs].map(([id, bytes]) => [id, new Blob([bytes as Uint8Array<ArrayBuffer>])] as const)));
  return {
    chain,
    listRecords: async () => captures.map((capture) => structuredClone(capture.record)),
    readBlob: async (artifactId) => blobs.get(artifactId),
    recordExport: async (details) => {
      append({ at: NOW.toISOString(), action: 'exported', subject: `archive:${String(details['archive'])}`, details });
      return [...chain];
    },
    recordExportFailure: vi.fn<ExportSource['recordExportFailure']>(async () => undefined),
    signingKey: async () => key,
    tool: TOOL,
    now: () => NOW,
    zone: 'Europe/Amsterdam',
  };
}

/** Node has no OffscreenCanvas: the stamp is a fixed PNG; the PDF is the real renderer with fonts from node_modules. */
function createImaging(overrides: Partial<ExportImaging> = {}): ExportImaging {
  const stamped = createTestPng(8, 8, 3);
  return {
    stampImage: async () => new Blob([stamped as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
    renderReportPdf: (input, locale, loadImage) => renderReportPdf(input, locale, loadImage, fonts),
    ...overrides,
  };
}

/** Every file of a zip by path; `password` for an encrypted one. */
async function readZip(blob: Blob, password?: string): Promise<{ files: Map<string, Uint8Array>; entries: Entry[] }> {
  const reader = new ZipReader(new BlobReader(blob), password ? { password } : {});
  const entries = await reader.getEntries();
  const files = new Map<string, Uint8Array>();
  for (const entry of entries) if (!entry.directory) files.set(entry.filename, await entry.getData!(new Uint8ArrayWriter()));
  await reader.close();
  return { files, entries };
}

const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

async function threeCaptures(): Promise<StoredCapture[]> {
  return [
    await createCapture(2, '2026-11-20T12:00:00.000Z', 'second'),
    await createCapture(1, '2026-11-10T12:00:00.000Z', 'first'),
    await createCapture(3, '2026-11-30T12:00:00.000Z', 'third'),
  ];
}

const REQUEST: ExportRequest = { locale: 'en', label: 'Case 1' };

describe('exportArchive', () => {
  test('writes exactly the FORMAT.md layout, every original byte for byte and never a thumbnail', async () => {
    // Arrange
    const captures = await threeCaptures();
    const source = createSource(captures);

    // Act
    const result = await exportArchive(source, REQUEST, { imaging: createImaging() });
    const { files } = await readZip(result.blob);

    // Assert
    const folders = ['items/2026-11-10_x_first_1/', 'items/2026-11-20_x_second_2/', 'items/2026-11-30_x_third_3/'];
    const expected = [
      'README.txt',
      'custody-log.jsonl',
      'evidence.csv',
      'evidence.json',
      ...folders.flatMap((folder) => ['page.mhtml', 'post-image.png', 'post-image.stamped.png', 'raw-screenshot-1.png', 'raw-screenshot-1.stamped.png'].map((name) => folder + name)),
      'manifest-sha256.txt',
      'manifest.sig',
      'public-key.jwk',
      'report.html',
      'report.pdf',
      'schema.json',
      'verify.html',
    ].sort();
    expect([...files.keys()].sort()).toEqual(expected);
    expect(result).toMatchObject({ fileName: 'safelog-evidence-2026-12-01-case-1.zip', itemCount: 3, mismatches: [] });
    expect(result.reportPdfProblem).toBeUndefined();
    const evidence = JSON.parse(text(files.get('evidence.json'))) as { items: { record: CaptureRecord; files: Record<string, string> }[] };
    for (const { record, blobs } of captures) {
      const item = evidence.items.find((candidate) => candidate.record.id === record.id)!;
      for (const artifact of record.artifacts) {
        const path = item.files[artifact.id];
        if (artifact.kind === 'thumbnail') expect(path).toBeUndefined();
        else expect(files.get(path!)).toEqual(blobs.get(artifact.id));
      }
    }
    expect(text(files.get('report.pdf')?.subarray(0, 5))).toBe('%PDF-');
  });

  test('lists every file but the manifest and signature with its hash, signs the manifest, and verify-core finds it intact', async () => {
    // Arrange
    const source = createSource(await threeCaptures());

    // Act
    const { blob } = await exportArchive(source, REQUEST, { imaging: createImaging() });
    const { files } = await readZip(blob);

    // Assert
    const manifest = files.get('manifest-sha256.txt')!;
    const listed = text(manifest).trimEnd().split('\n').map((line) => line.split('  ') as [string, string]);
    const expected = await Promise.all(
      [...files.keys()].filter((path) => path !== 'manifest-sha256.txt' && path !== 'manifest.sig').sort().map(async (path) => [await sha256Hex(files.get(path)!), path]),
    );
    expect(listed).toEqual(expected);
    const jwk: unknown = JSON.parse(text(files.get('public-key.jwk')));
    expect(await verifyManifestSignature(jwk, manifest, text(files.get('manifest.sig')))).toBe(true);
    const verdict = await verifyArchive(files);
    expect({ overall: verdict.overall, signature: verdict.signature, chain: verdict.chain.ok, records: verdict.records.status }).toEqual({
      overall: 'intact',
      signature: 'valid',
      chain: true,
      records: 'ok',
    });
  });

  test('exports a stored file whose bytes no longer match its hash as it is, and reports it', async () => {
    // Arrange
    const captures = await threeCaptures();
    const changed = captures[0]!;
    const artifactId = `${changed.record.id}-post-image`;
    const bytes = Uint8Array.from(changed.blobs.get(artifactId)!);
    bytes[bytes.length - 20]! ^= 0x01;
    changed.blobs.set(artifactId, bytes);

    // Act
    const result = await exportArchive(createSource(captures), REQUEST, { imaging: createImaging() });
    const { files } = await readZip(result.blob);

    // Assert
    const path = 'items/2026-11-20_x_second_2/post-image.png';
    expect(result.mismatches).toEqual([{ captureId: changed.record.id, artifactId, path }]);
    expect(files.get(path)).toEqual(bytes);
    const verdict = await verifyArchive(files);
    expect(verdict.records.problems.map((problem) => problem.path)).toEqual([path]);
  });

  test.each([
    { period: { from: '2026-11-15' }, expected: [ID(2), ID(3)] },
    { period: { to: '2026-11-20' }, expected: [ID(1), ID(2)] },
    { period: { from: '2026-11-20', to: '2026-11-20' }, expected: [ID(2)] },
    { period: { from: '2026-12-01' }, expected: [] },
    { period: {}, expected: [ID(1), ID(2), ID(3)] },
  ])('keeps only the items in the period $period, oldest first', async ({ period, expected }) => {
    // Arrange
    const source = createSource(await threeCaptures());

    // Act
    const result = await exportArchive(source, { ...REQUEST, period }, { imaging: createImaging() });
    const { files } = await readZip(result.blob);

    // Assert
    const actual = (JSON.parse(text(files.get('evidence.json'))) as { items: { record: CaptureRecord }[] }).items.map((item) => item.record.id);
    expect(actual).toEqual(expected);
    expect(result.itemCount).toBe(expected.length);
  });

  test.each([
    { accounts: ['x:handle:second'], expected: [ID(2)] },
    { accounts: ['x:handle:first', 'x:handle:third'], expected: [ID(1), ID(3)] },
    { accounts: [], expected: [ID(1), ID(2), ID(3)] },
    { accounts: ['x:handle:nobody'], expected: [] },
  ])('keeps only the items from the accounts $accounts', async ({ accounts, expected }) => {
    const source = createSource(await threeCaptures());

    const result = await exportArchive(source, { ...REQUEST, accounts }, { imaging: createImaging() });
    const { files } = await readZip(result.blob);

    const actual = (JSON.parse(text(files.get('evidence.json'))) as { items: { record: CaptureRecord }[] }).items.map((item) => item.record.id);
    expect(actual).toEqual(expected);
  });

  test('with a password writes an AES-256 zip that opens only with that password', async () => {
    // Arrange
    const source = createSource([await createCapture(1, '2026-11-10T12:00:00.000Z', 'first')]);

    // Act
    const { blob } = await exportArchive(source, { ...REQUEST, password: 'correct horse' }, { imaging: createImaging() });

    // Assert
    const { entries, files } = await readZip(blob, 'correct horse');
    expect(entries.filter((entry) => !entry.directory).map((entry) => ({ encrypted: entry.encrypted, zipCrypto: entry.zipCrypto }))).toEqual(
      entries.filter((entry) => !entry.directory).map(() => ({ encrypted: true, zipCrypto: false })),
    );
    expect((await verifyArchive(files)).overall).toBe('intact');
    await expect(readZip(blob)).rejects.toThrow();
    await expect(readZip(blob, 'wrong horse')).rejects.toThrow();
    // Each entry's extra field 0x9901 names AES strength 3 (256 bits).
    const reader = new ZipReader(new BlobReader(blob));
    const [first] = await reader.getEntries();
    const aes = (first as Entry & { extraFieldAES?: { strength: number } }).extraFieldAES;
    await reader.close();
    expect(aes?.strength).toBe(3);
  });

  test('cancelled mid-way, throws ExportCancelled, records the failure and returns nothing', async () => {
    // Arrange
    const source = createSource(await threeCaptures());
    const controller = new AbortController();

    // Act
    const exporting = exportArchive(source, REQUEST, {
      signal: controller.signal,
      imaging: createImaging(),
      onProgress: (progress) => {
        if (progress.phase === 'items' && progress.done === 1) controller.abort();
      },
    });

    // Assert
    await expect(exporting).rejects.toBeInstanceOf(ExportCancelled);
    expect(source.recordExportFailure.mock.calls).toEqual([[{ archive: 'safelog-evidence-2026-12-01-case-1.zip', reason: 'cancelled' }]]);
  });

  test('cancelled while the PDF is made, still throws ExportCancelled', async () => {
    // Arrange
    const source = createSource(await threeCaptures());
    const controller = new AbortController();
    const imaging = createImaging();

    // Act
    const exporting = exportArchive(source, REQUEST, {
      signal: controller.signal,
      imaging: { ...imaging, renderReportPdf: async (input, locale, loadImage) => (controller.abort(), imaging.renderReportPdf(input, locale, loadImage)) },
    });

    // Assert
    await expect(exporting).rejects.toBeInstanceOf(ExportCancelled);
    expect(source.recordExportFailure).toHaveBeenCalledOnce();
  });

  test('when the PDF cannot be made, the archive is complete without report.pdf and README.txt says why', async () => {
    // Arrange
    const source = createSource(await threeCaptures());
    const imaging = createImaging({ renderReportPdf: async () => Promise.reject(new Error('report font missing: NotoSans_400Regular.ttf (404)')) });

    // Act
    const result = await exportArchive(source, REQUEST, { imaging });
    const { files } = await readZip(result.blob);

    // Assert
    expect(result.reportPdfProblem).toBe('report font missing: NotoSans_400Regular.ttf (404)');
    expect(files.has('report.pdf')).toBe(false);
    expect(text(files.get('manifest-sha256.txt'))).not.toContain('report.pdf');
    expect(text(files.get('README.txt')).replace(/\s+/g, ' ')).toContain('report.pdf is not in this archive: it could not be made (report font missing: NotoSans_400Regular.ttf (404))');
    expect((await verifyArchive(files)).overall).toBe('intact');
    expect(source.recordExportFailure).not.toHaveBeenCalled();
  });

  test('the PDF reads each image from the source by its archive path, one capture at a time', async () => {
    // Arrange
    const captures = await threeCaptures();
    const source = createSource(captures);
    const loaded: string[] = [];
    const imaging = createImaging({
      renderReportPdf: async (input, locale, loadImage) => {
        for (const item of input.items) {
          const path = Object.values(item.files).find((candidate) => candidate.endsWith('post-image.png'))!;
          loaded.push(`${path} ${await sha256Hex(await loadImage(path))}`);
        }
        return new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]);
      },
    });

    // Act
    await exportArchive(source, REQUEST, { imaging });

    // Assert
    const expected = await Promise.all(
      ['items/2026-11-10_x_first_1/', 'items/2026-11-20_x_second_2/', 'items/2026-11-30_x_third_3/'].map(async (folder, index) => {
        const capture = [captures[1]!, captures[0]!, captures[2]!][index]!;
        return `${folder}post-image.png ${await sha256Hex(capture.blobs.get(`${capture.record.id}-post-image`)!)}`;
      }),
    );
    expect(loaded).toEqual(expected);
  });

  test("the custody log hides the details of items not in the archive and keeps this export's entry whole", async () => {
    // Arrange
    const source = createSource(await threeCaptures());

    // Act
    const { blob, fileName } = await exportArchive(source, { ...REQUEST, period: { from: '2026-11-15' } }, { imaging: createImaging() });
    const { files } = await readZip(blob);

    // Assert
    const lines = text(files.get('custody-log.jsonl')).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const actual = lines.map((line) => ({ subject: line['subject'], hasDetails: 'details' in line, detailsSha256: line['detailsSha256'] }));
    const redacted = (index: number) => ({ subject: source.chain[index]!.subject, hasDetails: false, detailsSha256: hashCustodyDetails(source.chain[index]!.details) });
    const whole = (index: number) => ({ subject: source.chain[index]!.subject, hasDetails: true, detailsSha256: undefined });
    expect(actual).toEqual([redacted(0), whole(1), redacted(2), whole(3), whole(4)]);
    expect(lines.at(-1)).toMatchObject({ action: 'exported', details: { archive: fileName, items: [ID(2), ID(3)] } });
    expect(text(files.get('custody-log.jsonl'))).not.toContain('secret');
  });
});
