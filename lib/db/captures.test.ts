import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { verifyCustodyChain } from '../evidence/custody.ts';
import { sha256Hex } from '../evidence/hash.ts';
import { createTestRecord } from '../evidence/test-records.ts';
import { SafelogError } from '../errors.ts';
import { commitCapture, countCaptures, getArtifactBlob, getCapture, listCustody, listCustodyFor, listRecentCaptures } from './captures.ts';
import { openSafelogDb } from './open.ts';

let dbCount = 0;
const freshDb = () => openSafelogDb({ name: `captures-test-${(dbCount += 1)}` });

function bytes(...values: number[]): Uint8Array<ArrayBuffer> {
  return new Uint8Array(values);
}

describe('commitCapture', () => {
  test('stores record, blob bytes and the first custody link, byte for byte', async () => {
    const db = await freshDb();
    const raw = bytes(0x89, 0x50, 0x4e, 0x47, 0, 255, 7);
    const record = createTestRecord();
    const artifact = { ...record.artifacts[0]!, size: raw.length, sha256: await sha256Hex(raw) };
    await commitCapture(db, {
      record: { ...record, artifacts: [artifact] },
      blobs: new Map([[artifact.id, new Blob([raw], { type: 'image/png' })]]),
      custody: { at: record.capturedAt.utc, action: 'captured', details: { sha256: [artifact.sha256] } },
    });

    const actualBlob = await getArtifactBlob(db, artifact.id);
    const actualBytes = new Uint8Array(await actualBlob!.arrayBuffer());
    expect(actualBytes).toEqual(raw);
    expect(await sha256Hex(actualBytes)).toBe(artifact.sha256);
    expect((await getCapture(db, record.id))?.meta.text).toBe('I know where you live 👀');
    const entries = await listCustodyFor(db, record.id);
    expect(entries.map((entry) => [entry.seq, entry.action])).toEqual([[1, 'captured']]);
  });

  test('concurrent commits all land and chain in order', async () => {
    const db = await freshDb();
    const records = Array.from({ length: 8 }, () => createTestRecord());
    await Promise.all(
      records.map((record) =>
        commitCapture(db, {
          record,
          blobs: new Map([[record.artifacts[0]!.id, new Blob([bytes(1, 2, 3)])]]),
          custody: { at: record.capturedAt.utc, action: 'captured', details: {} },
        }),
      ),
    );
    expect(await countCaptures(db)).toBe(8);
    const chain = await listCustody(db);
    expect(chain.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(verifyCustodyChain(chain)).toEqual({ ok: true, length: 8 });
  });

  test('a record without the bytes of one of its artifacts is refused and nothing is written', async () => {
    const db = await freshDb();
    const record = createTestRecord();
    await expect(
      commitCapture(db, { record, blobs: new Map(), custody: { at: record.capturedAt.utc, action: 'captured', details: {} } }),
    ).rejects.toThrow(/No bytes/);
    expect(await countCaptures(db)).toBe(0);
    expect(await listCustody(db)).toEqual([]);
  });

  test('a failing write rolls back the whole capture (no half record)', async () => {
    const db = await freshDb();
    const first = createTestRecord();
    const blob = new Blob([bytes(1)]);
    await commitCapture(db, { record: first, blobs: new Map([[first.artifacts[0]!.id, blob]]), custody: { at: first.capturedAt.utc, action: 'captured', details: {} } });
    // Same artifact id again: the blob add fails after the capture row was queued.
    const second = createTestRecord({ artifacts: first.artifacts });
    const actual = commitCapture(db, { record: second, blobs: new Map([[first.artifacts[0]!.id, blob]]), custody: { at: second.capturedAt.utc, action: 'captured', details: {} } });
    await expect(actual).rejects.toBeInstanceOf(SafelogError);
    expect(await getCapture(db, second.id)).toBeUndefined();
    expect((await listCustody(db)).length).toBe(1);
  });

  test('lists newest first and skips rows the schema rejects', async () => {
    const db = await freshDb();
    const times = ['2026-11-01T10:00:00.000Z', '2026-11-03T10:00:00.000Z', '2026-11-02T10:00:00.000Z'];
    for (const utc of times) {
      const record = createTestRecord({ capturedAt: { utc, zone: 'UTC', offset: '+00:00', local: utc.replace('Z', '+00:00') } });
      await commitCapture(db, { record, blobs: new Map([[record.artifacts[0]!.id, new Blob([bytes(1)])]]), custody: { at: utc, action: 'captured', details: {} } });
    }
    await db.put('captures', { id: 'broken', capturedAt: { utc: '2026-12-01T00:00:00.000Z' } } as never);
    const actual = (await listRecentCaptures(db, 10)).map((record) => record.capturedAt.utc);
    expect(actual).toEqual(['2026-11-03T10:00:00.000Z', '2026-11-02T10:00:00.000Z', '2026-11-01T10:00:00.000Z']);
  });
});
