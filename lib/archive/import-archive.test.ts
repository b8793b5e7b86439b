import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, test } from 'vitest';
import { getCapture, listCustody } from '../db/captures.ts';
import { applyImport } from '../db/import.ts';
import type { SafelogDb } from '../db/schema.ts';
import { verifyCustodyChain } from '../evidence/custody.ts';
import { sha256Hex } from '../evidence/hash.ts';
import { inspectArchive, recordSha256, type ImportFailure, type InspectOptions, type InspectResult } from './import-archive.ts';
import {
  ARCHIVE_NAME,
  bytesOf,
  captureInto,
  createCapturedItem,
  createExportedArchive,
  createTestKey,
  openTestDb,
  seal,
  snapshotDb,
  textOf,
  zipFiles,
  type ArchiveFileMap,
  type Bytes,
  type TestKey,
} from './import-archive.test-helpers.ts';
import { zeroStream, createZip } from './read-archive.test-helpers.ts';

let archive: Awaited<ReturnType<typeof createExportedArchive>>;
let otherKey: TestKey;

beforeAll(async () => {
  archive = await createExportedArchive(2);
  otherKey = await createTestKey();
  expect(archive.files.has(POST_IMAGE)).toBe(true);
});

/** inspectArchive against `db`, the way the extension page calls it. */
function inspectInto(db: SafelogDb, zip: Blob, options: Partial<InspectOptions> = {}): Promise<InspectResult> {
  return inspectArchive(zip, {
    fileName: ARCHIVE_NAME,
    ownKeyKid: archive.key.publicJwk.kid,
    existing: (id) => getCapture(db, id),
    artifactOwner: async (id) => (await db.get('blobs', id))?.captureId,
    ...options,
  });
}

function failureOf(result: InspectResult): ImportFailure {
  if (result.ok) throw new Error(`expected a failure, got a plan with ${JSON.stringify(result.plan.counts)}`);
  return result.failure;
}

function planOf(result: InspectResult) {
  if (!result.ok) throw new Error(`expected a plan, got ${JSON.stringify(result.failure)}`);
  return result;
}

/** A copy of the sealed archive's files with one changed, for cases that need it. */
function withFile(path: string, data: Bytes | undefined): ArchiveFileMap {
  const files = new Map(archive.files);
  if (data === undefined) files.delete(path);
  else files.set(path, data);
  return files;
}

function flipByte(data: Bytes, at: number): Bytes {
  const copy = new Uint8Array(data);
  copy[at]! ^= 0x01;
  return copy;
}

/** The first item's post image, where FORMAT.md's folder rule puts it (checked in beforeAll). */
const POST_IMAGE = 'items/2026-11-27_x_someone_1862000000000000001/post-image.png';

function editEvidence(edit: (evidence: { items: { record: Record<string, unknown> & { artifacts: Record<string, unknown>[] }; files: Record<string, string> }[] }) => void): Bytes {
  const evidence = JSON.parse(textOf(archive.files.get('evidence.json')));
  edit(evidence);
  return bytesOf(`${JSON.stringify(evidence, null, 2)}\n`);
}

function editCustodyLine(line: number, edit: (entry: Record<string, unknown>) => void): Bytes {
  const lines = textOf(archive.files.get('custody-log.jsonl')).split('\n');
  const entry = JSON.parse(lines[line - 1]!);
  edit(entry);
  lines[line - 1] = JSON.stringify(entry);
  return bytesOf(lines.join('\n'));
}

describe('inspectArchive and applyImport on a good archive', () => {
  test('every item is new, signed by this Safelog, and imports field by field and byte for byte', async () => {
    const target = await openTestDb();

    const inspected = planOf(await inspectInto(target, archive.zip));
    const expectedIds = archive.items.map((item) => item.record.id);
    expect(inspected.plan.counts).toEqual({ new: 2, duplicate: 0, conflict: 0, invalid: 0 });
    expect(inspected.plan.signer).toEqual({ kind: 'this-safelog', fingerprint: archive.key.publicJwk.kid, algorithm: 'Ed25519' });
    expect(inspected.plan.custody.map((entry) => entry.action)).toEqual(['captured', 'captured', 'exported']);
    expect(inspected.plan.items.map((item) => item.captureId).sort()).toEqual([...expectedIds].sort());

    const result = await applyImport(target, inspected.plan, inspected.files, { now: () => new Date('2026-12-02T10:00:00.000Z') });

    expect(result.imported.sort()).toEqual([...expectedIds].sort());
    for (const { record, blobs } of archive.items) {
      expect(await getCapture(target, record.id)).toEqual(record);
      for (const [artifactId, expected] of blobs) {
        const row = await target.get('blobs', artifactId);
        expect(new Uint8Array(await row!.blob.arrayBuffer())).toEqual(expected);
        expect(row!.blob.type).toBe(record.artifacts.find((artifact) => artifact.id === artifactId)!.mime);
      }
    }
    const chain = await listCustody(target);
    expect(verifyCustodyChain(chain)).toEqual({ ok: true, length: 2 });
    const sourceChain = await listCustody(archive.source);
    for (const entry of chain) {
      const record = archive.items.find((item) => item.record.id === entry.subject)!.record;
      const captured = sourceChain.find((source) => source.subject === record.id && source.action === 'captured')!;
      expect(entry).toMatchObject({
        action: 'imported',
        at: '2026-12-02T10:00:00.000Z',
        details: {
          archive: ARCHIVE_NAME,
          recordSha256: recordSha256(record),
          archiveRecordSha256: captured.details['recordSha256'],
          signer: archive.key.publicJwk.kid,
          signedByThisSafelog: true,
          custodyLogSha256: await sha256Hex(archive.files.get('custody-log.jsonl')!),
          manifestSha256: await sha256Hex(archive.files.get('manifest-sha256.txt')!),
        },
      });
    }
  });

  test('importing the same archive again finds every item already here and writes nothing', async () => {
    const target = await openTestDb();
    const first = planOf(await inspectInto(target, archive.zip));
    await applyImport(target, first.plan, first.files);
    const before = await snapshotDb(target);

    const again = planOf(await inspectInto(target, archive.zip));
    const result = await applyImport(target, again.plan, again.files);

    expect(again.plan.counts).toEqual({ new: 0, duplicate: 2, conflict: 0, invalid: 0 });
    expect(result).toEqual({ imported: [], entries: [] });
    expect(await snapshotDb(target)).toEqual(before);
  });

  test('an archive from this very profile is all duplicates', async () => {
    const actual = planOf(await inspectInto(archive.source, archive.zip));

    expect(actual.plan.counts).toEqual({ new: 0, duplicate: 2, conflict: 0, invalid: 0 });
  });

  test('a stored record with the same id but other content is a conflict, and is not written', async () => {
    const target = await openTestDb();
    const [first, second] = archive.items;
    const changed = { record: { ...first!.record, meta: { ...first!.record.meta, text: 'something else' } }, blobs: first!.blobs };
    await captureInto(target, [changed]);

    const inspected = planOf(await inspectInto(target, archive.zip));
    await applyImport(target, inspected.plan, inspected.files);

    expect(inspected.plan.items.map((item) => [item.captureId, item.status]).sort()).toEqual(
      [
        [first!.record.id, 'conflict'],
        [second!.record.id, 'new'],
      ].sort(),
    );
    expect((await getCapture(target, first!.record.id))?.meta.text).toBe('something else');
    expect(await getCapture(target, second!.record.id)).toEqual(second!.record);
  });

  test('an archive signed by another Safelog is reported with its fingerprint, not as tampering', async () => {
    const target = await openTestDb();
    const files = await seal(withFile('public-key.jwk', bytesOf(JSON.stringify(otherKey.publicJwk))), otherKey);

    const actual = planOf(await inspectInto(target, await zipFiles(files)));

    expect(actual.plan.signer).toEqual({ kind: 'other', fingerprint: otherKey.publicJwk.kid, algorithm: 'Ed25519' });
    expect(actual.plan.counts.new).toBe(2);
  });

  test('an encrypted archive asks for its password, refuses a wrong one and opens with the right one', async () => {
    const target = await openTestDb();
    const zip = await zipFiles(archive.files, { password: 'correct horse' });

    expect(failureOf(await inspectInto(target, zip))).toMatchObject({ reason: 'needs-password' });
    expect(failureOf(await inspectInto(target, zip, { password: 'wrong' }))).toMatchObject({ reason: 'wrong-password' });
    expect(planOf(await inspectInto(target, zip, { password: 'correct horse' })).plan.counts.new).toBe(2);
  });

  test.each<[string, (files: ArchiveFileMap) => void, { problem: string }[]]>([
    [
      'a file whose bytes no longer match the record (exported flagged, as the exporter does)',
      (files) => {
        const evidence = JSON.parse(textOf(files.get('evidence.json')));
        evidence.items[0].record.artifacts[1].sha256 = 'f'.repeat(64);
        files.set('evidence.json', bytesOf(JSON.stringify(evidence)));
      },
      // The record itself changed too, against the hash its capture sealed in the chain.
      [{ problem: 'artifact-hash' }, { problem: 'record-changed' }],
    ],
    [
      'a size that is not the file size',
      (files) => {
        const evidence = JSON.parse(textOf(files.get('evidence.json')));
        evidence.items[0].record.artifacts[0].size += 1;
        files.set('evidence.json', bytesOf(JSON.stringify(evidence)));
      },
      [{ problem: 'artifact-size' }, { problem: 'record-changed' }],
    ],
    [
      'an artifact without a file',
      (files) => {
        const evidence = JSON.parse(textOf(files.get('evidence.json')));
        delete evidence.items[0].files[evidence.items[0].record.artifacts[2].id];
        files.set('evidence.json', bytesOf(JSON.stringify(evidence)));
      },
      [{ problem: 'artifact-missing' }],
    ],
    [
      'a file for an artifact the record lacks',
      (files) => {
        const evidence = JSON.parse(textOf(files.get('evidence.json')));
        evidence.items[0].files['not-an-artifact'] = 'README.txt';
        files.set('evidence.json', bytesOf(JSON.stringify(evidence)));
      },
      [{ problem: 'unknown-artifact' }],
    ],
  ])('a signed item with %s is invalid, the rest still new', async (_name, edit, expectedReasons) => {
    const target = await openTestDb();
    const files = new Map(archive.files);
    edit(files);

    const actual = planOf(await inspectInto(target, await zipFiles(await seal(files, archive.key))));

    expect(actual.plan.counts).toEqual({ new: 1, duplicate: 0, conflict: 0, invalid: 1 });
    const invalid = actual.plan.items.find((item) => item.status === 'invalid');
    expect(invalid).toMatchObject({ index: 1, reasons: expectedReasons });
  });

  test('an evidence.json that repeats a capture id no longer lists what its export entry names: refused as changed', async () => {
    const target = await openTestDb();
    const files = new Map(archive.files);
    const evidence = JSON.parse(textOf(files.get('evidence.json')));
    evidence.items[1].record.id = evidence.items[0].record.id;
    files.set('evidence.json', bytesOf(JSON.stringify(evidence)));

    const actual = failureOf(await inspectInto(target, await zipFiles(await seal(files, archive.key))));

    expect(actual).toEqual({ reason: 'tampered', files: [{ path: 'evidence.json', status: 'changed' }] });
  });

  test('an item whose artifact id this Safelog already uses for another capture is invalid', async () => {
    const target = await openTestDb();
    const [first] = archive.items;
    const other = await createCapturedItem(40);
    const clash = first!.record.artifacts[0]!.id;
    const record = { ...other.record, artifacts: other.record.artifacts.map((artifact, index) => (index === 0 ? { ...artifact, id: clash } : artifact)) };
    await captureInto(target, [{ record, blobs: new Map([...other.blobs].map(([id, data], index) => [index === 0 ? clash : id, data])) }]);

    const actual = planOf(await inspectInto(target, archive.zip));

    expect(actual.plan.items.find((item) => item.captureId === first!.record.id)).toMatchObject({
      status: 'invalid',
      reasons: [{ problem: 'artifact-id-taken', artifactId: clash }],
    });
  });
});

describe('archives refused as a whole, with nothing written', () => {
  let target: SafelogDb;
  beforeAll(async () => {
    target = await openTestDb();
    await captureInto(target, [await createCapturedItem(30)]);
  });

  const reseal = async (files: ArchiveFileMap, key?: TestKey): Promise<Blob> => zipFiles(await seal(files, key ?? archive.key));

  test.each<[string, () => Promise<Blob>, Partial<InspectOptions>, ImportFailure | Record<string, unknown>]>([
    ['random bytes', async () => new Blob([bytesOf('this is not a zip at all, just text')]), {}, { reason: 'not-a-safelog-archive' }],
    ['an empty file', async () => new Blob([]), {}, { reason: 'not-a-safelog-archive' }],
    ['a zip of something else', async () => zipFiles(new Map([['holiday.jpg', bytesOf('jpeg')]])), {}, { reason: 'not-a-safelog-archive' }],
    ['a zip cut in half', async () => archive.zip.slice(0, Math.floor(archive.zip.size / 2)), {}, { reason: 'damaged' }],
    [
      'one byte changed in the zip itself',
      async () => {
        const bytes = new Uint8Array(await archive.zip.arrayBuffer());
        // Inside the first entry's data (a stored PNG), past its 30-byte header and name.
        const at = 30 + new TextEncoder().encode(POST_IMAGE).length + 40;
        return new Blob([flipByte(bytes, Math.min(at, bytes.length - 1))]);
      },
      {},
      { reason: 'damaged' },
    ],
    [
      'one byte changed in one file',
      async () => zipFiles(withFile(POST_IMAGE, flipByte(archive.files.get(POST_IMAGE)!, 10))),
      {},
      { reason: 'tampered', files: [{ path: POST_IMAGE, status: 'changed' }] },
    ],
    [
      'a file added',
      async () => zipFiles(withFile('items/extra.png', bytesOf('extra'))),
      {},
      { reason: 'tampered', files: [{ path: 'items/extra.png', status: 'unlisted' }] },
    ],
    ['a system file added', async () => zipFiles(withFile('.DS_Store', bytesOf('x'))), {}, { reason: 'tampered', files: [{ path: '.DS_Store', status: 'unlisted' }] }],
    ['a file removed', async () => zipFiles(withFile('README.txt', undefined)), {}, { reason: 'tampered', files: [{ path: 'README.txt', status: 'missing' }] }],
    ['the manifest removed', async () => zipFiles(withFile('manifest-sha256.txt', undefined)), {}, { reason: 'tampered', files: [{ path: 'manifest-sha256.txt', status: 'missing' }] }],
    [
      'evidence.json edited',
      async () => zipFiles(withFile('evidence.json', editEvidence((evidence) => (evidence.items[0]!.record['kind'] = 'page')))),
      {},
      { reason: 'tampered', files: [{ path: 'evidence.json', status: 'changed' }] },
    ],
    [
      'a custody line edited',
      async () => zipFiles(withFile('custody-log.jsonl', editCustodyLine(1, (entry) => (entry['at'] = '2020-01-01T00:00:00.000Z')))),
      {},
      { reason: 'tampered', files: [{ path: 'custody-log.jsonl', status: 'changed' }] },
    ],
    [
      'a custody line edited and the manifest signed again',
      async () => reseal(withFile('custody-log.jsonl', editCustodyLine(1, (entry) => (entry['at'] = '2020-01-01T00:00:00.000Z')))),
      {},
      { reason: 'chain-broken', line: 1, problem: 'hash' },
    ],
    [
      'the export entry cut off the custody log, signed again',
      async () => reseal(withFile('custody-log.jsonl', bytesOf(textOf(archive.files.get('custody-log.jsonl')).split('\n').slice(0, 2).join('\n') + '\n'))),
      {},
      { reason: 'chain-broken', problem: 'unterminated' },
    ],
    [
      'evidence.json edited off the schema, signed again',
      async () => reseal(withFile('evidence.json', editEvidence((evidence) => (evidence.items[0]!.record['id'] = 'not-a-uuid')))),
      {},
      { reason: 'schema-invalid' },
    ],
    ['evidence.json not JSON, signed again', async () => reseal(withFile('evidence.json', bytesOf('{"items": ['))), {}, { reason: 'schema-invalid' }],
    [
      'a signature by another key than the archive names',
      async () => {
        const files = await seal(archive.files, otherKey);
        files.set('public-key.jwk', archive.files.get('public-key.jwk')!);
        // The manifest lists the original key file's hash, so only the signature is wrong.
        return zipFiles(files);
      },
      {},
      { reason: 'signature-invalid', detail: 'invalid' },
    ],
    ['no signature', async () => zipFiles(withFile('manifest.sig', undefined)), {}, { reason: 'signature-invalid', detail: 'missing' }],
    ['a garbled signature', async () => zipFiles(withFile('manifest.sig', bytesOf('AAAA\n'))), {}, { reason: 'signature-invalid', detail: 'invalid' }],
    [
      'a key file whose kid is not its fingerprint, signed again',
      async () => reseal(withFile('public-key.jwk', bytesOf(JSON.stringify({ ...archive.key.publicJwk, kid: otherKey.publicJwk.kid })))),
      {},
      { reason: 'signature-invalid', detail: 'key-mismatch' },
    ],
    ['a path leaving the folder', async () => zipFiles(withFile('../evil.txt', bytesOf('evil'))), {}, { reason: 'unsafe', path: '../evil.txt' }],
    ['an absolute path', async () => zipFiles(withFile('/etc/evil.txt', bytesOf('evil'))), {}, { reason: 'unsafe', path: '/etc/evil.txt' }],
    [
      'a zip bomb (small limits)',
      async () => createZip([{ name: 'evidence.json', data: zeroStream(4 * 1024 * 1024), options: { level: 9 } }]),
      { limits: { maxRatio: 100, ratioFloorBytes: 1024 } },
      { reason: 'unsafe', path: 'evidence.json' },
    ],
    ['more than the size limit', async () => archive.zip, { limits: { maxTotalBytes: 1024 } }, { reason: 'too-large' }],
    ['more entries than the limit', async () => archive.zip, { limits: { maxEntries: 3 } }, { reason: 'too-large' }],
  ])('%s', async (_name, makeZip, options, expected) => {
    const zip = await makeZip();
    const before = await snapshotDb(target);

    const result = await inspectInto(target, zip, options);
    // Whatever came back, an import attempt must change nothing.
    if (result.ok) await applyImport(target, result.plan, result.files);

    expect(failureOf(result)).toMatchObject(expected);
    expect(await snapshotDb(target)).toEqual(before);
  });

  test('a cancelled check says so', async () => {
    const controller = new AbortController();
    controller.abort();

    const actual = failureOf(await inspectInto(target, archive.zip, { signal: controller.signal }));

    expect(actual).toEqual({ reason: 'cancelled' });
  });
});
