import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const UI_DIRS = ['components', 'entrypoints/popup', 'entrypoints/options'];

// The same heuristics a reviewer applies by eye; tests and the fake actions are not UI.
const uiFiles = UI_DIRS.flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && name !== 'fake-evidence-actions.ts')
    .map((name) => ({ name: `${dir}/${name}`, text: readFileSync(join(ROOT, dir, name), 'utf8') })),
);

test.each(uiFiles)('$name never turns strings into HTML', ({ text }) => {
  expect(text).not.toMatch(/dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML/);
});

test.each(uiFiles.filter(({ name }) => name.startsWith('components/')))('$name never calls browser APIs: they come in through props', ({ text }) => {
  expect(text).not.toMatch(/\b(chrome|browser)\./);
});

test.each(uiFiles.filter(({ name }) => name.endsWith('.tsx')))('$name has no words hard-coded between tags', ({ text }) => {
  // `(?<!=)` skips arrow return types such as `=> Promise<void>`.
  expect(text.match(/(?<!=)>[ \t]*[A-Za-z][^<>{}\n]*</g) ?? []).toEqual([]);
});
