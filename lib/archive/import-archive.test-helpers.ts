import { BlobWriter, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import { appendCustody, commitCapture, listAllCaptures, getArtifactBlob } from '../db/captures.ts';
import { openSafelogDb } from '../db/open.ts';
import type { SafelogDb } from '../db/schema.ts';
import type { CustodyEntry } from '../evidence/custody.ts';
import { sha256Hex } from '../evidence/hash.ts';
import type { CaptureRecord } from '../evidence/record.ts';
import { createTestRecord } from '../evidence/test-records.ts';
import { custodyLogLines } from './custody-log.ts';
import { buildEvidenceJson } from './evidence-json.ts';
import { compareArchiveOrder, planItemFiles } from './item-files.ts';
import { buildManifest } from './manifest.ts';
import { generateSigningKey, publicJwk, signManifest, type PublicSigningJwk } from './signing.ts';

// Test helpers for the import: archives laid out as the exporter lays them out, made from the same
// modules (exportArchive itself needs OffscreenCanvas for its stamped copies), from a real store.

export type Bytes = Uint8Array<ArrayBuffer>;
export type ArchiveFileMap = Map<string, Bytes>;

const encoder = new TextEncoder();
export const bytesOf = (text: string): Bytes => encoder.encode(text);
export const textOf = (data: Bytes | undefined): string => new TextDecoder().decode(data);

export interface TestKey {
  privateKey: CryptoKey;
  publicJwk: PublicSigningJwk;
}

/** A signing key as the extension makes one. */
export async function createTestKey(): Promise<TestKey> {
  const pair = await generateSigningKey();
  return { privateKey: pair.privateKey, publicJwk: await publicJwk(pair.publicKey) };
}

let dbCount = 0;
/** A fresh, empty Safelog database under fake-indexeddb. */
export function openTestDb(prefix = 'import-test'): Promise<SafelogDb> {
  return openSafelogDb({ name: `${prefix}-${(dbCount += 1)}` });
}

/** Deterministic bytes that start like a PNG, so each artifact differs. */
export function artifactBytes(seed: number, length = 64): Bytes {
  const bytes = new Uint8Array(length);
  bytes.set([0x89, 0x50, 0x4e, 0x47]);
  for (let index = 4; index < length; index += 1) bytes[index] = (seed * 31 + index * 7) & 0xff;
  return bytes;
}

/** A record with a screenshot, a post image and a page snapshot whose hashes and sizes match `blobs`. */
export async function createCapturedItem(seed: number, overrides: Partial<CaptureRecord> = {}): Promise<{ record: CaptureRecord; blobs: Map<string, Bytes> }> {
  const id = overrides.id ?? `00000000-0000-4000-8000-${String(seed).padStart(12, '0')}`;
  const screenshot = artifactBytes(seed * 3, 80);
  const image = artifactBytes(seed * 3 + 1, 48);
  const snapshot = bytesOf(`MIME-Version: 1.0\r\n\r\n<p>post ${seed} <script>alert(1)</script></p>`);
  const artifacts: CaptureRecord['artifacts'] = [
    { id: `${id}-raw-0`, kind: 'raw-screenshot', mime: 'image/png', size: screenshot.length, sha256: await sha256Hex(screenshot), width: 1280, height: 720, imageSource: 'pixels' },
    { id: `${id}-post-0`, kind: 'post-image', mime: 'image/png', size: image.length, sha256: await sha256Hex(image), width: 600, height: 300, imageSource: 'pixels' },
    { id: `${id}-page-0`, kind: 'page-snapshot', mime: 'multipart/related', size: snapshot.length, sha256: await sha256Hex(snapshot) },
  ];
  const base = createTestRecord({ id, ...overrides });
  const record: CaptureRecord = {
    ...base,
    capturedAt: { ...base.capturedAt, utc: `2026-11-28T09:${String(10 + seed).padStart(2, '0')}:00.000Z` },
    meta: { ...base.meta, postId: `18620000000000000${String(seed).padStart(2, '0')}`, text: `<b>post ${seed}</b> ../../etc/passwd` },
    artifacts,
  };
  const blobs = new Map(artifacts.map((artifact, index) => [artifact.id, [screenshot, image, snapshot][index]!]));
  return { record, blobs };
}

/** Captures items into `db` the way the capture service does (one `captured` entry each). */
export async function captureInto(db: SafelogDb, items: readonly { record: CaptureRecord; blobs: Map<string, Bytes> }[]): Promise<void> {
  for (const { record, blobs } of items) {
    await commitCapture(db, {
      record,
      blobs: new Map([...blobs].map(([id, data]) => [id, new Blob([data], { type: record.artifacts.find((artifact) => artifact.id === id)?.mime })])),
      custody: { at: record.capturedAt.utc, action: 'captured', details: { sha256: record.artifacts.map((artifact) => artifact.sha256) } },
    });
  }
}

export const ARCHIVE_NAME = 'safelog-evidence-2026-12-01-case.zip';

/**
 * The files of an archive of everything in `db`, as exportArchive writes them (stamped copies, the
 * report and the CSV left out: the import reads none of them), without the manifest and signature.
 */
export async function exportFiles(db: SafelogDb, key: TestKey): Promise<ArchiveFileMap> {
  const records = (await listAllCaptures(db)).sort(compareArchiveOrder);
  const plans = planItemFiles(records);
  const chain: CustodyEntry[] = await appendCustody(db, {
    at: '2026-12-01T08:00:00.000Z',
    action: 'exported',
    subject: `archive:${ARCHIVE_NAME}`,
    details: { archive: ARCHIVE_NAME, items: records.map((record) => record.id), encrypted: false },
  });
  const files: ArchiveFileMap = new Map();
  for (const [index, record] of records.entries()) {
    for (const artifact of record.artifacts) {
      const path = plans[index]!.files[artifact.id];
      const blob = await getArtifactBlob(db, artifact.id);
      if (path && blob) files.set(path, new Uint8Array(await blob.arrayBuffer()));
    }
  }
  const items = records.map((record, index) => ({ record, folder: plans[index]!.folder, files: plans[index]!.files, stamped: {} }));
  files.set(
    'evidence.json',
    bytesOf(
      buildEvidenceJson({
        exportedAt: { utc: '2026-12-01T08:00:00.000Z', zone: 'Europe/Amsterdam', offset: '+01:00', local: '2026-12-01T09:00:00.000+01:00' },
        tool: { name: 'Safelog', version: '0.1.0', browser: 'Chromium 156' },
        locale: 'en',
        options: { includePrivateNotes: false, includeRiskChecklist: false, includeImpactNotes: true },
        items,
      }),
    ),
  );
  files.set('custody-log.jsonl', bytesOf(custodyLogLines(chain, new Set([...records.map((record) => record.id), chain.at(-1)!.subject]))));
  files.set('public-key.jwk', bytesOf(`${JSON.stringify(key.publicJwk, null, 2)}\n`));
  files.set('README.txt', bytesOf('This is a Safelog evidence archive.\n'));
  files.set('verify.html', bytesOf('<!doctype html><title>verify</title>\n'));
  return files;
}

/** Writes the manifest over every other file and signs it, as the exporter (or a forger with a key) does. */
export async function seal(files: ArchiveFileMap, key: TestKey): Promise<ArchiveFileMap> {
  const sealed: ArchiveFileMap = new Map([...files].filter(([path]) => path !== 'manifest-sha256.txt' && path !== 'manifest.sig'));
  const hashes = await Promise.all([...sealed].map(async ([path, data]) => ({ path, sha256: await sha256Hex(data) })));
  const manifest = bytesOf(buildManifest(hashes));
  sealed.set('manifest-sha256.txt', manifest);
  sealed.set('manifest.sig', bytesOf(`${await signManifest(key.privateKey, manifest)}\n`));
  return sealed;
}

/** A zip of the files, as zip.js writes it for the exporter. */
export async function zipFiles(files: ArchiveFileMap, options: { password?: string } = {}): Promise<Blob> {
  const writer = new ZipWriter(new BlobWriter('application/zip'), {
    useWebWorkers: false,
    ...(options.password ? { password: options.password, encryptionStrength: 3 as const, zipCrypto: false } : {}),
  });
  for (const [path, data] of files) await writer.add(path, new Uint8ArrayReader(data), { level: /\.png$/.test(path) ? 0 : 6 });
  return writer.close();
}

/** A source profile with `count` captures and its sealed export: what most import tests start from. */
export async function createExportedArchive(count = 2): Promise<{ source: SafelogDb; key: TestKey; files: ArchiveFileMap; zip: Blob; items: { record: CaptureRecord; blobs: Map<string, Bytes> }[] }> {
  const source = await openTestDb('import-source');
  const key = await createTestKey();
  const items = await Promise.all(Array.from({ length: count }, (_, index) => createCapturedItem(index + 1)));
  await captureInto(source, items);
  const files = await seal(await exportFiles(source, key), key);
  return { source, key, files, zip: await zipFiles(files), items };
}

/** Every store of a database, for before/after comparisons (blobs by their bytes' hash). */
export async function snapshotDb(db: SafelogDb): Promise<Record<string, unknown[]>> {
  const blobs = await Promise.all(
    (await db.getAll('blobs')).map(async (row) => ({ id: row.id, captureId: row.captureId, type: row.blob.type, sha256: await sha256Hex(row.blob) })),
  );
  const thumbnails = (await db.getAll('thumbnails')).map((row) => ({ captureId: row.captureId, size: row.blob.size }));
  return {
    captures: await db.getAll('captures'),
    blobs,
    thumbnails,
    custody: await db.getAll('custody'),
    keys: (await db.getAll('keys')).map((row) => row.publicJwk.kid),
  };
}
