import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { createTestRecord } from '../evidence/test-records.ts';
import { commitCapture, getArtifactBlob, listRecentCaptures } from './captures.ts';
import { DB_VERSION, MIGRATIONS, type Migration } from './migrations.ts';
import { openSafelogDb } from './open.ts';

test('version 1 creates every store and index', async () => {
  const db = await openSafelogDb({ name: 'migrations-v1' });
  expect(db.version).toBe(DB_VERSION);
  expect([...db.objectStoreNames].sort()).toEqual(['blobs', 'captures', 'custody', 'thumbnails']);
  expect([...db.transaction('captures').store.indexNames].sort()).toEqual(['by-captured', 'by-platform']);
  db.close();
});

test('a later step upgrades data written by the version before, keeping blobs intact', async () => {
  const name = 'migrations-upgrade';
  const v1 = await openSafelogDb({ name });
  const record = createTestRecord();
  await commitCapture(v1, {
    record,
    blobs: new Map([[record.artifacts[0]!.id, new Blob([new Uint8Array([9, 8, 7])])]]),
    custody: { at: record.capturedAt.utc, action: 'captured', details: {} },
  });
  v1.close();

  // A stand-in for a future step: adds an index and rewrites each row through a cursor.
  const step2: Migration = async (_db, tx) => {
    const store = tx.objectStore('captures');
    store.createIndex('by-page-url' as never, 'page.url');
    let cursor = await store.openCursor();
    while (cursor) {
      await cursor.update({ ...cursor.value, page: { ...cursor.value.page, title: `${cursor.value.page.title} (migrated)` } });
      cursor = await cursor.continue();
    }
  };
  const v2 = await openSafelogDb({ name, migrations: [...MIGRATIONS, step2] });
  expect(v2.version).toBe(DB_VERSION + 1);
  const [actual] = await listRecentCaptures(v2, 1);
  expect(actual?.page.title).toBe('Home / X (migrated)');
  expect(new Uint8Array(await (await getArtifactBlob(v2, record.artifacts[0]!.id))!.arrayBuffer())).toEqual(new Uint8Array([9, 8, 7]));
  v2.close();
});
