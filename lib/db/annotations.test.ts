import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { verifyCustodyChain } from '../evidence/custody.ts';
import { createTestRecord } from '../evidence/test-records.ts';
import { getAnnotation, updateAnnotation } from './annotations.ts';
import { commitCapture, getCapture, listCustody } from './captures.ts';
import { openSafelogDb } from './open.ts';

let count = 0;
async function withCapture() {
  const db = await openSafelogDb({ name: `annotations-${(count += 1)}` });
  const record = createTestRecord();
  await commitCapture(db, {
    record,
    blobs: new Map([[record.artifacts[0]!.id, new Blob([new Uint8Array([1])])]]),
    custody: { at: record.capturedAt.utc, action: 'captured', details: {} },
  });
  return { db, record };
}

test('an edit is stored apart from the record, which stays as captured, and logged without its text', async () => {
  const { db, record } = await withCapture();

  const { annotation, entry } = await updateAnnotation(db, record.id, { tags: ['threat-violence'], note: 'At the school gate again.' }, new Date('2026-11-28T11:00:00Z'));

  expect(annotation).toMatchObject({ captureId: record.id, tags: ['threat-violence'], note: 'At the school gate again.' });
  expect(await getAnnotation(db, record.id)).toEqual(annotation);
  expect(await getCapture(db, record.id)).toEqual(record);
  expect(entry).toMatchObject({ seq: 2, action: 'edited', subject: record.id });
  expect(Object.keys(entry!.details).sort()).toEqual(['note', 'salt', 'tags']);
  expect(JSON.stringify(await listCustody(db))).not.toContain('school gate');
  expect(verifyCustodyChain(await listCustody(db))).toEqual({ ok: true, length: 2 });
});

test('an edit that changes nothing appends nothing', async () => {
  const { db, record } = await withCapture();
  await updateAnnotation(db, record.id, { severity: 'high' });

  const { entry } = await updateAnnotation(db, record.id, { severity: 'high' });

  expect(entry).toBeUndefined();
  expect((await listCustody(db)).map((row) => row.action)).toEqual(['captured', 'edited']);
});

test('a capture that does not exist cannot be annotated, and nothing is written', async () => {
  const { db } = await withCapture();

  await expect(updateAnnotation(db, 'no-such-capture', { note: 'x' })).rejects.toThrow(/No capture/);

  expect((await listCustody(db)).length).toBe(1);
  expect(await db.count('annotations')).toBe(0);
});
