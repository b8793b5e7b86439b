import { openSafelogDb } from '../db/open.ts';
import type { SafelogDb } from '../db/schema.ts';

let opening: Promise<SafelogDb> | undefined;

/** The extension's one database connection per context, opened on first use. */
export function getDb(): Promise<SafelogDb> {
  opening ??= openSafelogDb().catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening;
}

/**
 * Asks the browser to keep Safelog's storage under pressure instead of evicting it.
 * With `unlimitedStorage` Chromium already treats it as persistent; Firefox may ask the person.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  return (await navigator.storage.persisted()) || navigator.storage.persist();
}
