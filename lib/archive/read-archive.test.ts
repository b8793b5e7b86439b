import { beforeAll, describe, expect, test } from 'vitest';
import { findUnsafePathReason, readArchive } from './read-archive.ts';
import type { ArchiveLimits, ArchiveReadError, ReadResult, UnsafePathReason } from './read-archive.ts';
import {
  bytesOf,
  bytesOfBlob,
  CENTRAL_FILE_HEADER,
  createRandom,
  createZip,
  FIELDS,
  findRecords,
  LOCAL_FILE_HEADER,
  patchBothHeaders,
  renameInPlace,
  writeUint32,
  zeroStream,
} from './read-archive.test-helpers.ts';
import type { Bytes, TestEntry } from './read-archive.test-helpers.ts';

const MIB = 1024 * 1024;

function randomBytes(length: number, seed: number): Bytes {
  const random = createRandom(seed);
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

function errorOf(result: ReadResult): ArchiveReadError {
  if (result.ok) throw new Error(`expected an error, got files ${[...result.files.keys()].join(', ')}`);
  return result.error;
}

async function filesOf(result: ReadResult): Promise<Record<string, Uint8Array>> {
  if (!result.ok) throw new Error(`expected files, got ${JSON.stringify(result.error)}`);
  const entries = await Promise.all(
    [...result.files].map(async ([path, blob]) => [path, await bytesOfBlob(blob)] as const),
  );
  return Object.fromEntries(entries);
}

describe('readArchive on good archives', () => {
  const allByteValues = Uint8Array.from({ length: 256 }, (_, index) => index);
  const random = randomBytes(200_000, 1);

  test.each<[string, TestEntry[], Record<string, Uint8Array>]>([
    [
      'binary, deflated and stored',
      [
        { name: 'bytes.bin', data: allByteValues },
        { name: 'random.bin', data: random, options: { level: 0 } },
        { name: 'empty.txt', data: new Uint8Array(0) },
      ],
      { 'bytes.bin': allByteValues, 'random.bin': random, 'empty.txt': new Uint8Array(0) },
    ],
    [
      'UTF-8 names',
      [
        { name: 'items/café/naïve 日本語.txt', data: bytesOf('bonjour') },
        { name: 'items/emoji 🧾.json', data: bytesOf('{"ok":true}') },
      ],
      { 'items/café/naïve 日本語.txt': bytesOf('bonjour'), 'items/emoji 🧾.json': bytesOf('{"ok":true}') },
    ],
    [
      'directories skipped',
      [
        { name: 'items/', options: { directory: true } },
        { name: 'items/a/', options: { directory: true } },
        { name: 'items/a/report.html', data: bytesOf('<p>hi</p>') },
      ],
      { 'items/a/report.html': bytesOf('<p>hi</p>') },
    ],
    ['ZIP64 records', [{ name: 'z.bin', data: random, options: { zip64: true } }], { 'z.bin': random }],
    ['an empty archive', [], {}],
  ])('%s read back byte for byte', async (_name, entries, expected) => {
    const archive = await createZip(entries);

    const actual = await filesOf(await readArchive(archive));

    expect(actual).toEqual(expected);
  });

  test('reports progress up to the declared total', async () => {
    const archive = await createZip([
      { name: 'a.bin', data: random },
      { name: 'b.txt', data: bytesOf('hello') },
    ]);
    const calls: [number, number][] = [];

    await readArchive(archive, { onProgress: (done, total) => calls.push([done, total]) });

    const expected = random.length + 5;
    expect(calls.at(-1)).toEqual([expected, expected]);
    expect(calls.every(([done], index) => index === 0 || done >= (calls[index - 1]?.[0] ?? 0))).toBe(true);
  });

  test('a file of repeated bytes below the ratio floor is accepted', async () => {
    const archive = await createZip([{ name: 'zeros.bin', data: zeroStream(512 * 1024) }]);

    const actual = await readArchive(archive);

    expect(actual.ok).toBe(true);
  });
});

describe('readArchive refuses', () => {
  test.each<[string, Blob]>([
    ['an empty file', new Blob([])],
    ['text', new Blob(['hello, this is not a zip archive at all'])],
    ['a PNG header', new Blob([Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), new Uint8Array(64)])],
    ['random bytes', new Blob([randomBytes(4096, 2)])],
  ])('%s as not-a-zip', async (_name, source) => {
    const actual = errorOf(await readArchive(source));

    expect(actual.code).toBe('not-a-zip');
  });

  test('an archive cut at any of several offsets as truncated', async () => {
    const archive = await createZip([
      { name: 'a.txt', data: bytesOf('first file '.repeat(50)) },
      { name: 'b.bin', data: randomBytes(3000, 3) },
    ]);
    const cuts = [4, 10, 31, Math.floor(archive.size / 2), archive.size - 40, archive.size - 22, archive.size - 1];

    const actual = await Promise.all(cuts.map(async (cut) => [cut, errorOf(await readArchive(archive.slice(0, cut))).code]));

    expect(actual).toEqual(cuts.map((cut) => [cut, 'truncated']));
  });

  test('more entries than the limit as too-many-entries', async () => {
    const archive = await createZip(['1', '2', '3', '4', '5'].map((name) => ({ name, data: bytesOf(name) })));

    const actual = errorOf(await readArchive(archive, { limits: { maxEntries: 3 } }));

    expect(actual).toEqual({ code: 'too-many-entries', limit: 3, actual: 4 });
  });

  test.each<[string, Partial<ArchiveLimits>, ArchiveReadError]>([
    ['too-large', { maxTotalBytes: 2500 }, { code: 'too-large', path: 'c', limit: 2500, actual: 3000 }],
    ['entry-too-large', { maxEntryBytes: 999 }, { code: 'entry-too-large', path: 'a', limit: 999, actual: 1000 }],
  ])('declared sizes over the limit as %s, before extracting', async (_name, limits, expected) => {
    const archive = await createZip(['a', 'b', 'c'].map((name, index) => ({ name, data: randomBytes(1000, index) })));
    const progress: number[] = [];

    const actual = errorOf(await readArchive(archive, { limits, onProgress: (done) => progress.push(done) }));

    expect(actual).toEqual(expected);
    expect(progress).toEqual([]);
  });

  describe('a 50 MB zip bomb', () => {
    let bomb: Blob;
    beforeAll(async () => {
      bomb = await createZip([{ name: 'zeros.bin', data: zeroStream(50 * MIB), options: { level: 9 } }]);
    }, 30_000);

    test.each<[string, Partial<ArchiveLimits>, ArchiveReadError['code']]>([
      ['default limits', {}, 'suspicious-compression'],
      ['a small total', { maxTotalBytes: 10 * MIB, maxRatio: 1e6 }, 'too-large'],
      ['a small file size', { maxEntryBytes: 10 * MIB, maxRatio: 1e6 }, 'entry-too-large'],
    ])('with %s, without extracting a byte', async (_name, limits, expected) => {
      const progress: number[] = [];

      const actual = errorOf(await readArchive(bomb, { limits, onProgress: (done) => progress.push(done) }));

      expect(actual.code).toBe(expected);
      // Progress reports every extracted chunk: none means nothing was decompressed or held.
      expect(progress).toEqual([]);
    });
  });

  test('a header lying about the size: extraction stops at the declared size', async () => {
    const archive = await createZip([{ name: 'big.bin', data: new Uint8Array(5 * MIB), options: { dataDescriptor: false } }]);
    const bytes = await bytesOfBlob(archive);
    // Lie in both headers so zip.js's local-vs-central cross-check cannot be what catches it.
    patchBothHeaders(bytes, 'uncompressed', 1000);
    let extracted = 0;

    const actual = errorOf(await readArchive(new Blob([bytes]), { onProgress: (done) => (extracted = done) }));

    expect(actual).toMatchObject({ code: 'suspicious-compression', path: 'big.bin', reason: 'size-mismatch' });
    expect(extracted).toBeLessThanOrEqual(1000);
  });

  test('a central directory disagreeing with its local header', async () => {
    const archive = await createZip([{ name: 'a.txt', data: bytesOf('a'.repeat(5000)), options: { dataDescriptor: false } }]);
    const bytes = await bytesOfBlob(archive);
    const [central] = findRecords(bytes, CENTRAL_FILE_HEADER);
    writeUint32(bytes, (central ?? 0) + FIELDS.central.uncompressed, 100);

    const actual = errorOf(await readArchive(new Blob([bytes])));

    expect(actual).toMatchObject({ code: 'truncated', path: 'a.txt' });
  });

  test.each<[string, UnsafePathReason, boolean]>([
    ['../evil', 'parent-segment', false],
    ['items/../../evil', 'parent-segment', false],
    ['/abs', 'absolute', false],
    ['C:\\x', 'drive-letter', false],
    ['C:x', 'drive-letter', false],
    ['a\\b', 'backslash', false],
    ['a\0b', 'control-character', false],
    ['a\u0007b', 'control-character', false],
    ['a\u202egnp.exe', 'bidi-control', false],
    ['a//b', 'empty-segment', false],
    ['./a', 'dot-segment', false],
    ['../', 'parent-segment', true],
  ])('the name %j as unsafe-path (%s)', async (name, reason, directory) => {
    const archive = await createZip([
      { name: 'fine.txt', data: bytesOf('ok') },
      directory ? { name, options: { directory: true } } : { name, data: bytesOf('evil') },
    ]);

    const actual = errorOf(await readArchive(archive));

    expect(actual).toEqual({ code: 'unsafe-path', path: name, reason });
  });

  test.each<[string, string, string]>([
    ['case only', 'Report.html', 'report.HTML'],
    ['NFC and NFD', 'caf\u00e9.txt', 'cafe\u0301.txt'],
    ['case in a folder', 'items/A/x.png', 'items/a/x.png'],
    ['a file and a folder', 'items/a', 'items/a/b.png'],
    ['a folder and a file', 'items/a/b.png', 'items/A'],
  ])('two names colliding on disk (%s) as duplicate-path', async (_name, first, second) => {
    const archive = await createZip([
      { name: first, data: bytesOf('one') },
      { name: second, data: bytesOf('two') },
    ]);

    const actual = errorOf(await readArchive(archive));

    expect(actual).toEqual({ code: 'duplicate-path', path: second, otherPath: first });
  });

  test('the exact same name twice as duplicate-path', async () => {
    const archive = await createZip([
      { name: 'a.txt', data: bytesOf('one') },
      { name: 'b.txt', data: bytesOf('two') },
    ]);
    const bytes = await bytesOfBlob(archive);
    // zip.js will not write a duplicate, so rename the second in both its headers.
    renameInPlace(bytes, 'b.txt', 'a.txt');

    const actual = errorOf(await readArchive(new Blob([bytes])));

    expect(actual).toEqual({ code: 'duplicate-path', path: 'a.txt', otherPath: 'a.txt' });
  });

  test('a directory entry named like a file as duplicate-path', async () => {
    const archive = await createZip([
      { name: 'items', data: bytesOf('file') },
      { name: 'ITEMS/', options: { directory: true } },
    ]);

    const actual = errorOf(await readArchive(archive));

    expect(actual).toEqual({ code: 'duplicate-path', path: 'ITEMS/', otherPath: 'items' });
  });

  test.each<[string, (bytes: Uint8Array) => void, ArchiveReadError]>([
    [
      'an unknown compression method',
      (bytes) => patchBothHeaders(bytes, 'method', 12, 2),
      { code: 'unsupported', path: 'a.txt' },
    ],
  ])('%s as unsupported', async (_name, patch, expected) => {
    const archive = await createZip([{ name: 'a.txt', data: bytesOf('hello '.repeat(100)), options: { dataDescriptor: false } }]);
    const bytes = await bytesOfBlob(archive);
    patch(bytes);

    const actual = errorOf(await readArchive(new Blob([bytes])));

    expect(actual).toMatchObject(expected);
  });

  test('a symbolic link as unsupported', async () => {
    const archive = await createZip([{ name: 'link', data: bytesOf('/etc/passwd'), options: { unixMode: 0o120777 } }]);

    const actual = errorOf(await readArchive(archive));

    expect(actual).toMatchObject({ code: 'unsupported', path: 'link' });
  });

  test('data the local header points past the end of as truncated', async () => {
    const archive = await createZip([{ name: 'a.txt', data: bytesOf('hello') }]);
    const bytes = await bytesOfBlob(archive);
    const [local] = findRecords(bytes, LOCAL_FILE_HEADER);
    writeUint32(bytes, (local ?? 0) + 0, 0);

    const actual = errorOf(await readArchive(new Blob([bytes])));

    expect(actual).toMatchObject({ code: 'truncated', path: 'a.txt' });
  });
});

describe('readArchive with encryption', () => {
  const secret = bytesOf('the evidence');
  let archive: Blob;
  beforeAll(async () => {
    archive = await createZip([{ name: 'secret.txt', data: secret }], { password: 'correct horse', encryptionStrength: 3 });
  });

  test.each<[string, string | undefined, ArchiveReadError['code'] | 'ok']>([
    ['no password', undefined, 'encrypted-needs-password'],
    ['a wrong password', 'battery staple', 'wrong-password'],
    ['the right password', 'correct horse', 'ok'],
  ])('with %s', async (_name, password, expected) => {
    const result = await readArchive(archive, { password });

    const actual = result.ok ? 'ok' : result.error.code;

    expect(actual).toBe(expected);
    if (result.ok) expect(await filesOf(result)).toEqual({ 'secret.txt': secret });
    else expect(result.error).toMatchObject({ path: 'secret.txt' });
  });
});

describe('readArchive cancellation and callers', () => {
  const entries = ['a', 'b', 'c'].map((name, index) => ({ name, data: randomBytes(100_000, 10 + index) }));

  test('an already aborted signal as cancelled', async () => {
    const archive = await createZip(entries);
    const controller = new AbortController();
    controller.abort();

    const actual = errorOf(await readArchive(archive, { signal: controller.signal }));

    expect(actual.code).toBe('cancelled');
  });

  test('an abort during extraction as cancelled', async () => {
    const archive = await createZip(entries);
    const controller = new AbortController();

    const actual = errorOf(await readArchive(archive, { signal: controller.signal, onProgress: () => controller.abort() }));

    expect(actual.code).toBe('cancelled');
  });

  test('an onProgress that throws is the caller’s error, rethrown', async () => {
    const archive = await createZip(entries);
    const expected = new Error('caller bug');

    const actual = readArchive(archive, {
      onProgress: () => {
        throw expected;
      },
    });

    await expect(actual).rejects.toBe(expected);
  });

  test.each<[string, Partial<ArchiveLimits>]>([
    ['negative', { maxEntries: -1 }],
    ['NaN', { maxRatio: Number.NaN }],
  ])('a %s limit is a programmer error', async (_name, limits) => {
    const archive = await createZip(entries);

    await expect(readArchive(archive, { limits })).rejects.toThrow(RangeError);
  });
});

describe('findUnsafePathReason', () => {
  test.each<[string, UnsafePathReason | undefined]>([
    ['items/2026-03-02_x_a_1/raw-screenshot-1.png', undefined],
    ['manifest-sha256.txt', undefined],
    ['caf\u00e9/日本.txt', undefined],
    ['a..b/c.', undefined],
    ['', 'empty'],
    ['/etc/passwd', 'absolute'],
    ['d:/x', 'drive-letter'],
    ['\\\\server\\share', 'backslash'],
    ['a\u0085b', 'control-character'],
    ['a\u007fb', 'control-character'],
    ['a\u2066b', 'bidi-control'],
    ['a/', 'empty-segment'],
    ['a/./b', 'dot-segment'],
    ['a/..', 'parent-segment'],
  ])('%j → %s', (path, expected) => {
    const actual = findUnsafePathReason(path);

    expect(actual).toBe(expected);
  });
});

test('many small entries of zeros, each under the per-entry floor, are refused as a whole', async () => {
  const { ZipWriter, BlobWriter, Uint8ArrayReader } = await import('@zip.js/zip.js');
  const writer = new ZipWriter(new BlobWriter('application/zip'), { useWebWorkers: false });
  const zeros = new Uint8Array(64 * 1024);
  for (let index = 0; index < 40; index += 1) await writer.add(`zeros-${index}.bin`, new Uint8ArrayReader(zeros), { level: 9 });
  const zip = await writer.close();

  const actual = await readArchive(zip, { limits: { ratioFloorBytes: 1024 * 1024, maxRatio: 100 } });

  expect(actual).toMatchObject({ ok: false, error: { code: 'suspicious-compression', reason: 'ratio' } });
});
