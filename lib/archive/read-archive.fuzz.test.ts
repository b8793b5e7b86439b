import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ARCHIVE_READ_ERROR_CODES, findUnsafePathReason, readArchive } from './read-archive.ts';
import type { ArchiveLimits, ReadResult } from './read-archive.ts';
import {
  bytesOf,
  bytesOfBlob,
  CENTRAL_FILE_HEADER,
  createRandom,
  createZip,
  END_OF_CENTRAL_DIRECTORY,
  FIELDS,
  findRecords,
  LOCAL_FILE_HEADER,
  writeUint16,
  writeUint32,
} from './read-archive.test-helpers.ts';
import type { Bytes, TestEntry } from './read-archive.test-helpers.ts';

/**
 * Hostile-archive fuzzing. Every case is generated from its own seed, derived from FUZZ_SEED (set it
 * to explore other archives; a failure prints the seed that reproduces it).
 */
const BASE_SEED = Number(process.env.FUZZ_SEED ?? 0x5afe1096) >>> 0;
const CASE_TIMEOUT_MS = 5_000;
const PASSWORD = 'fuzz-password';

// Small limits so the limit branches run, and so each case stays cheap (the count is what matters).
const LIMITS: ArchiveLimits = {
  maxEntries: 40,
  maxTotalBytes: 32 * 1024,
  maxEntryBytes: 16 * 1024,
  maxRatio: 50,
  ratioFloorBytes: 2 * 1024,
};

type Random = () => number;

const integer = (random: Random, below: number): number => Math.floor(random() * below);
function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  // In range by construction; the cast only drops noUncheckedIndexedAccess's `| undefined`.
  return items[integer(random, items.length)] as T;
}

function randomBytes(random: Random, length: number): Bytes {
  const bytes = new Uint8Array(length);
  for (let index = 0; index < length; index += 1) bytes[index] = integer(random, 256);
  return bytes;
}

/** Valid archives the mutations start from: the shapes an exporter (or an attacker) would produce. */
let bases: Bytes[] = [];

async function createBases(): Promise<Bytes[]> {
  const random = createRandom(BASE_SEED);
  const content: TestEntry[] = [
    { name: 'README.txt', data: bytesOf('Safelog evidence. '.repeat(40)) },
    { name: 'items/', options: { directory: true } },
    { name: 'items/2026-03-02_x_someone_1/raw-screenshot-1.png', data: randomBytes(random, 3000) },
    { name: 'items/2026-03-02_x_someone_1/page.html', data: bytesOf('<p>post</p>'.repeat(100)) },
    { name: 'manifest-sha256.txt', data: bytesOf(`${'0'.repeat(64)}  README.txt\n`) },
  ];
  const variants = [
    {},
    { dataDescriptor: false },
    { level: 0 },
    { zip64: true },
    { password: PASSWORD, encryptionStrength: 3 as const },
    { password: PASSWORD, zipCrypto: true, dataDescriptor: false },
  ];
  return Promise.all(variants.map(async (options) => bytesOfBlob(await createZip(content, options))));
}

const INTERESTING_32 = [0, 1, 0x7f, 0xff, 0xffff, 0x7fffffff, 0xfffffffe, 0xffffffff];
const INTERESTING_16 = [0, 1, 0xff, 0x7fff, 0xfffe, 0xffff];

function interesting32(random: Random, bytes: Bytes): number {
  const choices = [...INTERESTING_32, bytes.length, bytes.length - 1, bytes.length + 1, integer(random, bytes.length)];
  return random() < 0.8 ? pick(random, choices) : integer(random, 2 ** 32);
}

function patchRecordField(random: Random, bytes: Bytes, signature: number, fields: readonly [number, 2 | 4][]): Bytes {
  const copy = bytes.slice();
  const offsets = findRecords(copy, signature);
  if (offsets.length === 0) return copy;
  const patches = 1 + integer(random, 3);
  for (let index = 0; index < patches; index += 1) {
    const record = pick(random, offsets);
    const [field, width] = pick(random, fields);
    if (record + field + width > copy.length) continue;
    if (width === 2) writeUint16(copy, record + field, random() < 0.8 ? pick(random, INTERESTING_16) : integer(random, 0x10000));
    else writeUint32(copy, record + field, interesting32(random, copy));
  }
  return copy;
}

const { local, central, end } = FIELDS;
const LOCAL_FIELDS: [number, 2 | 4][] = [
  [6, 2], // flags
  [local.method, 2],
  [local.crc, 4],
  [local.compressed, 4],
  [local.uncompressed, 4],
  [local.nameLength, 2],
  [local.extraLength, 2],
];
const CENTRAL_FIELDS: [number, 2 | 4][] = [
  [8, 2], // flags
  [central.method, 2],
  [central.crc, 4],
  [central.compressed, 4],
  [central.uncompressed, 4],
  [central.nameLength, 2],
  [central.extraLength, 2],
  [central.commentLength, 2],
  [34, 2], // disk number start
  [38, 4], // external attributes
  [central.localOffset, 4],
];
const END_FIELDS: [number, 2 | 4][] = [
  [4, 2], // this disk
  [6, 2], // directory disk
  [end.diskEntries, 2],
  [end.entries, 2],
  [end.directorySize, 4],
  [end.directoryOffset, 4],
  [end.commentLength, 2],
];

/** A copy of `bytes` with `inserted` spliced in at `position`. */
function insertAt(bytes: Bytes, position: number, inserted: Bytes): Bytes {
  const result = new Uint8Array(bytes.length + inserted.length);
  result.set(bytes.subarray(0, position));
  result.set(inserted, position);
  result.set(bytes.subarray(position), position + inserted.length);
  return result;
}

const HOSTILE_PIECES = [
  '..', '.', '', ' ', 'C:', 'c:', '\\', 'a\\b', '\0', '\u0007', '\u202e', 'x'.repeat(200), '%2e%2e', 'con', 'a.', '~',
];
// Few, and folding onto each other (case, NFC/NFD), so generated archives collide often.
const SAFE_PIECES = ['a', 'A', 'items', 'ITEMS', 'report.html', 'Report.HTML', 'caf\u00e9', 'cafe\u0301', '日本'];

function generatedName(random: Random): string {
  const hostile = random() < 0.3;
  const segments = Array.from({ length: 1 + integer(random, 3) }, () =>
    hostile && random() < 0.5 ? pick(random, HOSTILE_PIECES) : pick(random, SAFE_PIECES),
  );
  const name = segments.join('/');
  return hostile && random() < 0.2 ? `/${name}` : name;
}

function generatedData(random: Random): Bytes {
  const size = pick(random, [0, 1, 100, 3_000, 12_000, 15_000, 17_000]);
  // Zeros compress beyond the ratio limit; random bytes do not compress and test the size limits.
  return random() < 0.4 ? new Uint8Array(size) : randomBytes(random, size);
}

async function generateHostileZip(random: Random): Promise<Bytes> {
  const many = random() < 0.1;
  const count = many ? LIMITS.maxEntries + integer(random, 10) : 1 + integer(random, 6);
  const options = pick(random, [{}, { level: 0 }, { dataDescriptor: false }, { zip64: true }, { password: PASSWORD }]);
  const entries: TestEntry[] = Array.from({ length: count }, (_, index) => {
    if (many) return { name: `items/${index}.txt`, data: new Uint8Array(1) };
    const name = generatedName(random);
    return random() < 0.1 ? { name: `${name}/`, options: { directory: true } } : { name, data: generatedData(random) };
  });
  // zip.js refuses exact duplicates; keep the first of each, the folded ones are what we want to test.
  const unique = [...new Map(entries.map((entry) => [entry.name, entry])).values()];
  return bytesOfBlob(await createZip(unique, options));
}

interface FuzzKind {
  name: string;
  count: number;
  make: (random: Random) => Bytes | Promise<Bytes>;
}

const KINDS: FuzzKind[] = [
  {
    name: 'flip random bytes',
    count: 150,
    make: (random) => {
      const copy = pick(random, bases).slice();
      const flips = 1 + integer(random, 8);
      for (let index = 0; index < flips; index += 1) {
        const at = integer(random, copy.length);
        copy[at] = (copy[at] ?? 0) ^ (1 + integer(random, 255));
      }
      return copy;
    },
  },
  {
    name: 'truncate at a random point',
    count: 100,
    make: (random) => {
      const base = pick(random, bases);
      return base.slice(0, integer(random, base.length));
    },
  },
  {
    name: 'duplicate a range',
    count: 100,
    make: (random) => {
      const base = pick(random, bases);
      const start = integer(random, base.length);
      const range = base.slice(start, start + 1 + integer(random, 400));
      return insertAt(base, integer(random, base.length + 1), range);
    },
  },
  {
    name: 'shuffle ranges',
    count: 100,
    make: (random) => {
      const base = pick(random, bases);
      const cuts = [...new Set(Array.from({ length: 1 + integer(random, 5) }, () => integer(random, base.length)))].sort(
        (a, b) => a - b,
      );
      const pieces = [0, ...cuts].map((start, index) => base.slice(start, cuts[index] ?? base.length));
      for (let index = pieces.length - 1; index > 0; index -= 1) {
        const other = integer(random, index + 1);
        [pieces[index], pieces[other]] = [pieces[other] ?? new Uint8Array(0), pieces[index] ?? new Uint8Array(0)];
      }
      const result = new Uint8Array(base.length);
      let offset = 0;
      for (const piece of pieces) {
        result.set(piece, offset);
        offset += piece.length;
      }
      return result;
    },
  },
  {
    name: 'patch end-of-central-directory fields',
    count: 150,
    make: (random) => patchRecordField(random, pick(random, bases), END_OF_CENTRAL_DIRECTORY, END_FIELDS),
  },
  {
    name: 'patch central header fields',
    count: 150,
    make: (random) => patchRecordField(random, pick(random, bases), CENTRAL_FILE_HEADER, CENTRAL_FIELDS),
  },
  {
    name: 'patch local header fields',
    count: 100,
    make: (random) => patchRecordField(random, pick(random, bases), LOCAL_FILE_HEADER, LOCAL_FIELDS),
  },
  {
    name: 'insert garbage',
    count: 100,
    make: (random) => {
      const base = pick(random, bases);
      const garbage = random() < 0.3 ? bytesOf('PK\u0005\u0006') : randomBytes(random, 1 + integer(random, 300));
      const at = pick(random, [0, base.length, integer(random, base.length + 1)]);
      return insertAt(base, at, garbage);
    },
  },
  { name: 'generated zips with hostile names and sizes', count: 200, make: generateHostileZip },
];

/** What must hold for an archive readArchive accepted. */
function findBrokenPromise(result: Extract<ReadResult, { ok: true }>): string | undefined {
  if (result.files.size > LIMITS.maxEntries) return `${result.files.size} files`;
  let total = 0;
  const seen = new Set<string>();
  for (const [path, blob] of result.files) {
    total += blob.size;
    if (blob.size > LIMITS.maxEntryBytes) return `${JSON.stringify(path)} has ${blob.size} bytes`;
    const unsafe = findUnsafePathReason(path);
    // An independent restatement of the rules, so a bug in findUnsafePathReason cannot hide itself.
    const looksUnsafe = /(^|\/)\.\.?(\/|$)|^\/|^[A-Za-z]:|\\|\/\/|\/$|^$/u.test(path);
    const hasControl = [...path].some((character) => (character.codePointAt(0) ?? 0) < 0x20);
    if (unsafe || looksUnsafe || hasControl) return `unsafe path ${JSON.stringify(path)}`;
    const key = path.normalize('NFC').toLowerCase();
    if (seen.has(key)) return `duplicate path ${JSON.stringify(path)}`;
    seen.add(key);
  }
  if (total > LIMITS.maxTotalBytes) return `${total} bytes in all`;
  return undefined;
}

async function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), milliseconds);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const KNOWN_CODES = new Set<string>(ARCHIVE_READ_ERROR_CODES);
const stats = { cases: 0, accepted: 0, codes: new Map<string, number>(), started: 0 };

describe('readArchive under fuzzing', () => {
  beforeAll(async () => {
    bases = await createBases();
    stats.started = performance.now();
  });

  afterAll(() => {
    const seconds = ((performance.now() - stats.started) / 1000).toFixed(1);
    const codes = [...stats.codes].map(([code, count]) => `${code} ${count}`).join(', ');
    console.info(`fuzz: ${stats.cases} archives in ${seconds} s (seed ${BASE_SEED}); ok ${stats.accepted}; ${codes}`);
  });

  test.each(KINDS.map((kind, kindIndex) => [kind.name, kind, kindIndex] as const))(
    '%s: every case resolves to files within the limits or a typed error',
    async (_name, kind, kindIndex) => {
      const failures: string[] = [];
      for (let index = 0; index < kind.count; index += 1) {
        const seed = (BASE_SEED ^ Math.imul(kindIndex * 10_000 + index + 1, 0x9e3779b1)) >>> 0;
        const random = createRandom(seed);
        const where = `${kind.name} #${index} (case seed ${seed}, FUZZ_SEED=${BASE_SEED})`;
        try {
          const archive = new Blob([await kind.make(random)]);
          const password = pick(random, [PASSWORD, PASSWORD, 'wrong', undefined]);
          const result = await withTimeout(readArchive(archive, { limits: LIMITS, password }), CASE_TIMEOUT_MS);
          stats.cases += 1;
          if (result === 'timeout') {
            failures.push(`${where}: no answer within ${CASE_TIMEOUT_MS} ms`);
          } else if (result.ok) {
            stats.accepted += 1;
            const broken = findBrokenPromise(result);
            if (broken) failures.push(`${where}: accepted, but ${broken}`);
          } else {
            stats.codes.set(result.error.code, (stats.codes.get(result.error.code) ?? 0) + 1);
            if (!KNOWN_CODES.has(result.error.code)) failures.push(`${where}: unknown code ${result.error.code}`);
          }
        } catch (error) {
          failures.push(`${where}: threw ${String(error)}`);
        }
      }

      expect(failures).toEqual([]);
    },
    60_000,
  );
});
