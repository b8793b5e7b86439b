// Adds messages to both locales: `node scripts/add-messages.mjs new.json` where new.json is
// { "key": { "en": "…", "nl": "…", "description": "…" }, … }. Keys already present are replaced.
// One short read-modify-write per locale, so several people adding keys at once don't clobber each other.
import { readFileSync, writeFileSync } from 'node:fs';

const additions = JSON.parse(readFileSync(process.argv[2], 'utf8'));
for (const locale of ['en', 'nl']) {
  const path = `public/_locales/${locale}/messages.json`;
  const messages = JSON.parse(readFileSync(path, 'utf8'));
  for (const [key, entry] of Object.entries(additions)) {
    if (!entry[locale]) throw new Error(`${key} has no ${locale} text`);
    messages[key] = { message: entry[locale], ...(entry.description ? { description: entry.description } : {}) };
  }
  writeFileSync(path, `${JSON.stringify(messages, null, 2)}\n`);
}
console.log(`added ${Object.keys(additions).length} messages`);
