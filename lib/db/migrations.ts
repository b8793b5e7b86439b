import type { IDBPDatabase } from 'idb';
import type { SafelogDbSchema, UpgradeTransaction } from './schema.ts';

/**
 * One step per version: step N turns a version N-1 database into version N. Steps are never
 * edited once released; a change of shape is a new step (with a test that upgrades data made
 * by the version before).
 */
export type Migration = (db: IDBPDatabase<SafelogDbSchema>, tx: UpgradeTransaction) => void | Promise<void>;

export const MIGRATIONS: readonly Migration[] = [
  // 1: captures, their blobs and thumbnails, and the custody log.
  (db) => {
    const captures = db.createObjectStore('captures', { keyPath: 'id' });
    captures.createIndex('by-captured', 'capturedAt.utc');
    captures.createIndex('by-platform', 'meta.platform');
    const blobs = db.createObjectStore('blobs', { keyPath: 'id' });
    blobs.createIndex('by-capture', 'captureId');
    db.createObjectStore('thumbnails', { keyPath: 'captureId' });
    const custody = db.createObjectStore('custody', { keyPath: 'seq' });
    custody.createIndex('by-subject', 'subject');
  },
  // 2: the archive signing key.
  (db) => {
    db.createObjectStore('keys', { keyPath: 'id' });
  },
  // 3: what the person adds to an item (tags, severity, notes), apart from the unchanged record.
  (db) => {
    db.createObjectStore('annotations', { keyPath: 'captureId' });
  },
];

/** The version a database has once every step has run. */
export const DB_VERSION = MIGRATIONS.length;

/** Runs the steps after `oldVersion` up to `newVersion`, in order, inside the upgrade transaction. */
export async function runMigrations(
  migrations: readonly Migration[],
  db: IDBPDatabase<SafelogDbSchema>,
  oldVersion: number,
  newVersion: number,
  tx: UpgradeTransaction,
): Promise<void> {
  for (let version = oldVersion + 1; version <= newVersion; version += 1) {
    const step = migrations[version - 1];
    if (!step) throw new Error(`No migration to version ${version}`);
    await step(db, tx);
  }
}
