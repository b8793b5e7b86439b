import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { inspectArchive, type ImportPlan } from '../archive/import-archive.ts';
import {
  captureInto,
  createCapturedItem,
  createExportedArchive,
  openTestDb,
  snapshotDb,
} from '../archive/import-archive.test-helpers.ts';
import { verifyCustodyChain } from '../evidence/custody.ts';
import { SafelogError } from '../errors.ts';
import { getCapture, listCustody } from './captures.ts';
import { applyImport, ImportMismatchError } from './import.ts';
import type { SafelogDb } from './schema.ts';

let archive: Awaited<ReturnType<typeof createExportedArchive>>;

beforeAll(async () => {
  archive = await createExportedArchive(3);
});

/** A plan made without an artifact check, so a clash shows only when the write runs. */
async function planFor(db: SafelogDb): Promise<{ plan: ImportPlan; files: Map<string, Blob> }> {
  const result = await inspectArchive(archive.zip, { fileName: 'a.zip', existing: async (id) => getCapture(db, id) });
  if (!result.ok) throw new Error(JSON.stringify(result.failure));
  return result;
}

describe('applyImport', () => {
  test('appends one imported entry per item after the chain already there, and the chain stays intact', async () => {
    const target = await openTestDb();
    await captureInto(target, [await createCapturedItem(20)]);
    const { plan, files } = await planFor(target);

    const actual = await applyImport(target, plan, files);

    const chain = await listCustody(target);
    expect(chain.map((entry) => [entry.seq, entry.action])).toEqual([
      [1, 'captured'],
      [2, 'imported'],
      [3, 'imported'],
      [4, 'imported'],
    ]);
    expect(verifyCustodyChain(chain).ok).toBe(true);
    expect(actual.entries).toEqual(chain.slice(1));
  });

  test('a write failing midway (a blob id already stored) aborts everything', async () => {
    const target = await openTestDb();
    const { plan, files } = await planFor(target);
    // The third item's second artifact id is taken after the plan was made: its `add` fails last but one.
    const third = plan.items[2]!;
    await target.put('blobs', { id: third.record.artifacts[1]!.id, captureId: 'someone-else', blob: new Blob(['x']) });
    const before = await snapshotDb(target);

    const attempt = applyImport(target, plan, files);

    await expect(attempt).rejects.toBeInstanceOf(SafelogError);
    await expect(attempt).rejects.toMatchObject({ code: 'storage-failed' });
    expect(await snapshotDb(target)).toEqual(before);
  });

  test('a record stored meanwhile under the same id aborts everything', async () => {
    const target = await openTestDb();
    const { plan, files } = await planFor(target);
    await captureInto(target, [archive.items[1]!]);
    const before = await snapshotDb(target);

    await expect(applyImport(target, plan, files)).rejects.toMatchObject({ code: 'storage-failed' });

    expect(await snapshotDb(target)).toEqual(before);
  });

  test('files that are not the ones checked are refused before anything is written', async () => {
    const target = await openTestDb();
    const { plan, files } = await planFor(target);
    const swapped = new Map(files);
    const path = Object.values(plan.items[1]!.files)[0]!;
    swapped.set(path, new Blob(['other bytes']));
    const before = await snapshotDb(target);

    await expect(applyImport(target, plan, swapped)).rejects.toBeInstanceOf(ImportMismatchError);

    expect(await snapshotDb(target)).toEqual(before);
  });

  test('makes a thumbnail from the post image when given a way to, and goes on without one when it fails', async () => {
    const target = await openTestDb();
    const { plan, files } = await planFor(target);
    let calls = 0;
    const makeThumbnail = vi.fn(async (image: Blob) => {
      calls += 1;
      if (calls === 2) throw new Error('no canvas');
      return { blob: new Blob(['thumb']), width: 32, height: 16, source: image.size };
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    await applyImport(target, plan, files, { makeThumbnail });

    const expected = plan.items.filter((_, index) => index !== 1).map((item) => item.captureId).sort();
    expect((await target.getAllKeys('thumbnails')).sort()).toEqual(expected);
    const postImage = plan.items[0]!.record.artifacts.find((artifact) => artifact.kind === 'post-image')!;
    expect(makeThumbnail.mock.calls[0]![0].size).toBe(postImage.size);
    expect(await target.count('captures')).toBe(3);
  });
});
