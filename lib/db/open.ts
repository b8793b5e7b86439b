import { openDB } from 'idb';
import { DB_VERSION, MIGRATIONS, runMigrations, type Migration } from './migrations.ts';
import { DB_NAME, type SafelogDb, type SafelogDbSchema } from './schema.ts';

export interface OpenOptions {
  name?: string;
  migrations?: readonly Migration[];
  /** Called when an old tab holds the database open at an older version. */
  onBlocked?: () => void;
}

/** Opens (and upgrades) Safelog's database. */
export function openSafelogDb(options: OpenOptions = {}): Promise<SafelogDb> {
  const migrations = options.migrations ?? MIGRATIONS;
  const version = options.migrations ? migrations.length : DB_VERSION;
  return openDB<SafelogDbSchema>(options.name ?? DB_NAME, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      // idb's upgrade callback is synchronous from IndexedDB's point of view; steps only queue requests.
      void runMigrations(migrations, db, oldVersion, newVersion ?? version, tx);
    },
    blocked() {
      options.onBlocked?.();
    },
    blocking(_current, _next, event) {
      // A newer Safelog page wants to upgrade: step aside instead of blocking it.
      (event.target as IDBDatabase).close();
    },
  });
}
