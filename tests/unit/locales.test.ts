import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import nl from '../../public/_locales/nl/messages.json';

const ROOT = join(import.meta.dirname, '../..');
const LOCALES: Record<string, Record<string, { message: string }>> = { en, nl };
const OTHER_LOCALES = Object.keys(LOCALES).filter((locale) => locale !== 'en');

/** `$1`..`$9` and named `$name$` references, sorted, so both languages can be compared. */
function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\$(?:[1-9]|[A-Za-z0-9_@]+\$)/g)].map(([match]) => match).sort();
}

/** Files below `dir` whose names match `pattern`. */
function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, pattern);
    return pattern.test(name) ? [path] : [];
  });
}

// Tests are left out: they may use keys that do not exist on purpose.
const sourceFiles = (dir: string): string[] => filesUnder(dir, /^(?!.*\.test\.tsx?$).*\.tsx?$/);

describe.each(OTHER_LOCALES)('locale %s', (locale) => {
  const messages = LOCALES[locale] ?? {};

  test('has exactly the keys of en', () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
  });

  test.each(Object.keys(en))('%s has the same placeholders as en', (key) => {
    expect(placeholdersOf(messages[key]?.message ?? '')).toEqual(placeholdersOf(LOCALES.en?.[key]?.message ?? ''));
  });
});

describe.each(Object.keys(LOCALES))('locale %s', (locale) => {
  test('every message is non-empty', () => {
    const empty = Object.entries(LOCALES[locale] ?? {}).filter(([, entry]) => !entry.message.trim());
    expect(empty.map(([key]) => key)).toEqual([]);
  });

  test('every key is a valid chrome.i18n name', () => {
    const invalid = Object.keys(LOCALES[locale] ?? {}).filter((key) => !/^[A-Za-z0-9_@]+$/.test(key));
    expect(invalid).toEqual([]);
  });
});

test('every t() key used in the source exists in en', () => {
  const used = ['components', 'entrypoints', 'lib'].flatMap((dir) =>
    sourceFiles(join(ROOT, dir)).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*['"`]([^'"`]+)['"`]/g)].map(([, key]) => ({ file: relative(ROOT, file), key })),
    ),
  );
  const unknown = used.filter(({ key }) => key !== undefined && !(key in en));
  expect(used.length).toBeGreaterThan(0);
  expect(unknown).toEqual([]);
});

test('every __MSG_…__ reference in the manifest config and HTML exists in en', () => {
  const files = [join(ROOT, 'wxt.config.ts'), ...sourceFiles(join(ROOT, 'entrypoints')), ...filesUnder(join(ROOT, 'entrypoints'), /\.html$/)];
  const unknown = files.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/__MSG_(\w+)__/g)].map(([, key]) => key).filter((key) => key !== undefined && !(key in en)),
  );
  expect(unknown).toEqual([]);
});
