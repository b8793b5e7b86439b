import 'fake-indexeddb/auto';
import { beforeAll, expect, test } from 'vitest';
import { getCapture } from '../db/captures.ts';
import { applyImport } from '../db/import.ts';
import type { SafelogDb } from '../db/schema.ts';
import { inspectArchive, type InspectResult } from './import-archive.ts';
import {
  bytesOf,
  createExportedArchive,
  openTestDb,
  seal,
  textOf,
  zipFiles,
  type ArchiveFileMap,
  type Bytes,
} from './import-archive.test-helpers.ts';
import { createRandom } from './read-archive.test-helpers.ts';

/**
 * Mutated archives through the whole import: read, verify, plan, write. Every case must end in a
 * plan or a typed failure, never a throw, and the database must change by whole items or not at all.
 * Seeded from FUZZ_SEED (a failure prints the case's seed).
 */
const BASE_SEED = Number(process.env.FUZZ_SEED ?? 0x1a407) >>> 0;
const CASES = 1200;
const LIMITS = { maxEntries: 40, maxTotalBytes: 64 * 1024, maxEntryBytes: 32 * 1024, maxRatio: 50, ratioFloorBytes: 4 * 1024 };

type Random = () => number;
const integer = (random: Random, below: number): number => Math.floor(random() * below);

let archive: Awaited<ReturnType<typeof createExportedArchive>>;
let zipBytes: Bytes;
/** Re-zipped or re-sealed variants, made once: zipping per case would dominate the run. */
let variants: Bytes[];

function mutateBytes(random: Random, source: Bytes): Bytes {
  const bytes = new Uint8Array(source);
  switch (integer(random, 4)) {
    case 0: {
      for (let flips = 1 + integer(random, 4); flips > 0; flips -= 1) bytes[integer(random, bytes.length)]! ^= 1 << integer(random, 8);
      return bytes;
    }
    case 1:
      return bytes.slice(0, integer(random, bytes.length));
    case 2: {
      const at = integer(random, bytes.length);
      const insert = new Uint8Array(1 + integer(random, 16)).map(() => integer(random, 256));
      return new Uint8Array([...bytes.subarray(0, at), ...insert, ...bytes.subarray(at)]);
    }
    default: {
      // A 32-bit field set to an extreme: sizes, offsets and counts are what readers trust.
      const at = integer(random, Math.max(bytes.length - 4, 1));
      new DataView(bytes.buffer).setUint32(at, [0, 0xffffffff, 0x7fffffff, 1][integer(random, 4)]!, true);
      return bytes;
    }
  }
}

/** Content-level changes, re-sealed with the archive's own key so they reach the checks after the signature. */
async function createVariants(): Promise<Bytes[]> {
  const random = createRandom(BASE_SEED ^ 0x9e3779b9);
  const made: Bytes[] = [];
  const edits: ((files: ArchiveFileMap) => void)[] = [
    (files) => files.set('evidence.json', bytesOf(textOf(files.get('evidence.json')).replace('"post"', '"page"'))),
    (files) => files.set('evidence.json', bytesOf(textOf(files.get('evidence.json')).replace(/"sha256": "[0-9a-f]/, '"sha256": "0'))),
    (files) => files.set('evidence.json', bytesOf(textOf(files.get('evidence.json')).replace(/"size": \d+/, '"size": 1'))),
    (files) => files.set('evidence.json', bytesOf(textOf(files.get('evidence.json')).slice(0, 200))),
    (files) => files.set('custody-log.jsonl', bytesOf(textOf(files.get('custody-log.jsonl')).split('\n').reverse().join('\n'))),
    (files) => files.delete('public-key.jwk'),
    (files) => files.set('public-key.jwk', bytesOf('{"kty":"OKP"}')),
  ];
  for (const edit of edits) {
    const files = new Map(archive.files);
    edit(files);
    made.push(new Uint8Array(await (await zipFiles(await seal(files, archive.key))).arrayBuffer()));
  }
  // Random bytes flipped inside one file, re-zipped without sealing: a changed file.
  for (let count = 0; count < 5; count += 1) {
    const files = new Map(archive.files);
    const paths = [...files.keys()];
    const path = paths[integer(random, paths.length)]!;
    const data = new Uint8Array(files.get(path)!);
    if (data.length > 0) data[integer(random, data.length)]! ^= 0xff;
    files.set(path, data);
    made.push(new Uint8Array(await (await zipFiles(files)).arrayBuffer()));
  }
  return made;
}

async function counts(db: SafelogDb): Promise<{ captures: number; blobs: number; custody: number }> {
  return { captures: await db.count('captures'), blobs: await db.count('blobs'), custody: await db.count('custody') };
}

beforeAll(async () => {
  archive = await createExportedArchive(2);
  zipBytes = new Uint8Array(await archive.zip.arrayBuffer());
  variants = await createVariants();
}, 30_000);

test(`${CASES} mutated archives each end in a plan or a clear failure, and write whole items or nothing`, async () => {
  let db = await openTestDb('import-fuzz');
  const outcomes = new Map<string, number>();
  for (let index = 0; index < CASES; index += 1) {
    const seed = (BASE_SEED + index) >>> 0;
    const random = createRandom(seed);
    // Every 25th case starts over, so "new" stays reachable after earlier cases imported the items.
    if (index % 25 === 0) db = await openTestDb('import-fuzz');
    const source = random() < 0.3 ? variants[integer(random, variants.length)]! : zipBytes;
    const mutated = random() < 0.15 && source !== zipBytes ? source : mutateBytes(random, source);
    const before = await counts(db);
    let result: InspectResult;
    try {
      result = await inspectArchive(new Blob([mutated]), {
        limits: LIMITS,
        ownKeyKid: archive.key.publicJwk.kid,
        existing: (id) => getCapture(db, id),
        artifactOwner: async (id) => (await db.get('blobs', id))?.captureId,
      });
    } catch (error) {
      throw new Error(`seed ${seed}: inspectArchive threw ${String(error)}`);
    }
    let expected = before;
    if (result.ok) {
      const added = result.plan.items.filter((item) => item.status === 'new');
      await applyImport(db, result.plan, result.files);
      expected = {
        captures: before.captures + added.length,
        blobs: before.blobs + added.reduce((sum, item) => sum + item.record.artifacts.length, 0),
        custody: before.custody + added.length,
      };
    }
    const key = result.ok ? `ok:${result.plan.counts.new}new/${result.plan.counts.invalid}invalid` : result.failure.reason;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    expect(await counts(db), `seed ${seed}`).toEqual(expected);
  }
  // The mutations must reach past the reader: into verification, the signature, the chain and the plan.
  const reasons = [...outcomes.keys()];
  for (const reached of ['damaged', 'tampered', 'signature-invalid', 'chain-broken', 'schema-invalid']) {
    expect(reasons, JSON.stringify(Object.fromEntries(outcomes))).toContain(reached);
  }
  expect(reasons.some((reason) => reason.startsWith('ok:'))).toBe(true);
}, 60_000);
