import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { createTestRecord } from '../evidence/test-records.ts';
import { commitCapture, getArtifactBlob, listCustody, listRecentCaptures } from './captures.ts';
import { DB_VERSION, MIGRATIONS, type Migration } from './migrations.ts';
import { openSafelogDb } from './open.ts';

test('the current version creates every store and index', async () => {
  const db = await openSafelogDb({ name: 'migrations-current' });
  expect(db.version).toBe(DB_VERSION);
  expect([...db.objectStoreNames].sort()).toEqual(['annotations', 'blobs', 'captures', 'custody', 'keys', 'thumbnails']);
  expect([...db.transaction('captures').store.indexNames].sort()).toEqual(['by-captured', 'by-platform']);
  db.close();
});

/** Writes a capture with a version-`version` database, as that version of Safelog would have. */
async function makeDataAtVersion(name: string, version: number) {
  const old = await openSafelogDb({ name, migrations: MIGRATIONS.slice(0, version) });
  expect(old.version).toBe(version);
  const record = createTestRecord();
  await commitCapture(old, {
    record,
    blobs: new Map([[record.artifacts[0]!.id, new Blob([new Uint8Array([9, 8, 7])])]]),
    custody: { at: record.capturedAt.utc, action: 'captured', details: { url: record.page.url } },
  });
  old.close();
  return record;
}

test.each(Array.from({ length: DB_VERSION - 1 }, (_, index) => index + 1))(
  'a database made by version %i upgrades to the current one with every record, blob and custody entry intact',
  async (version) => {
    const name = `migrations-from-${version}`;
    const record = await makeDataAtVersion(name, version);

    const upgraded = await openSafelogDb({ name });

    expect(upgraded.version).toBe(DB_VERSION);
    expect(await listRecentCaptures(upgraded, 10)).toEqual([record]);
    expect(new Uint8Array(await (await getArtifactBlob(upgraded, record.artifacts[0]!.id))!.arrayBuffer())).toEqual(new Uint8Array([9, 8, 7]));
    expect((await listCustody(upgraded)).map((entry) => entry.subject)).toEqual([record.id]);
    upgraded.close();
  },
);

test('a later step can rewrite rows through a cursor inside the upgrade', async () => {
  const name = 'migrations-future';
  const record = await makeDataAtVersion(name, DB_VERSION);
  // A stand-in for a future step: adds an index and rewrites each row.
  const next: Migration = async (_db, tx) => {
    const store = tx.objectStore('captures');
    store.createIndex('by-page-url' as never, 'page.url');
    let cursor = await store.openCursor();
    while (cursor) {
      await cursor.update({ ...cursor.value, page: { ...cursor.value.page, title: `${cursor.value.page.title} (migrated)` } });
      cursor = await cursor.continue();
    }
  };

  const upgraded = await openSafelogDb({ name, migrations: [...MIGRATIONS, next] });

  expect(upgraded.version).toBe(DB_VERSION + 1);
  const [actual] = await listRecentCaptures(upgraded, 1);
  expect(actual?.page.title).toBe(`${record.page.title} (migrated)`);
  upgraded.close();
});
