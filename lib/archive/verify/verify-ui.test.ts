// @vitest-environment jsdom
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { LOCALES } from '../../i18n.ts';
import { verifyPageMessages } from '../verify-page.ts';
import { bytes, createArchive, ITEM } from './test-archive.ts';
import type { ArchiveFiles } from './verify-core.js';
import { fillMessage, filesFromInput, localeFromLanguage, readDroppedEntries, startVerifyPage } from './verify-ui.js';

const messages = verifyPageMessages(LOCALES);
const FOLDER = 'safelog-evidence-2026-12-01';

/** The archive as the folder picker hands it in: Files whose relative path starts with the folder. */
function asChosenFolder(files: ArchiveFiles): File[] {
  return [...files].map(([path, data]) => {
    const file = new File([data as BlobPart], path.split('/').at(-1) ?? path);
    Object.defineProperty(file, 'webkitRelativePath', { value: `${FOLDER}/${path}` });
    return file;
  });
}

/** Starts the page and "chooses" a folder through its input, as a person would. */
async function chooseFolder(files: ArchiveFiles, language = 'en-GB'): Promise<HTMLElement> {
  startVerifyPage(document, messages, { language });
  const input = document.querySelector<HTMLInputElement>('[data-testid=verify-folder]')!;
  Object.defineProperty(input, 'files', { value: asChosenFolder(files), configurable: true });
  input.dispatchEvent(new Event('change'));
  return vi.waitFor(() => {
    const summary = document.querySelector<HTMLElement>('[data-testid=verify-summary]');
    if (!summary) throw new Error('no verdict yet');
    return summary;
  });
}

const rows = (): { path: string | undefined; status: string | undefined }[] =>
  [...document.querySelectorAll<HTMLElement>('[data-testid=verify-file]')].map((row) => ({ path: row.dataset.path, status: row.dataset.status }));

beforeEach(() => {
  document.body.innerHTML = '<main id="verify-app"></main>';
});

describe('verify page UI', () => {
  test('offers a keyboard-operable folder picker with a label', () => {
    startVerifyPage(document, messages, { language: 'en' });

    const input = document.querySelector<HTMLInputElement>('[data-testid=verify-folder]')!;
    expect(input.type).toBe('file');
    expect(input.hasAttribute('webkitdirectory')).toBe(true);
    expect(document.querySelector(`label[for="${input.id}"]`)?.textContent).toBe(messages.en.archiveVerifyChooseFolder);
    expect(document.querySelector('main#verify-app h1')?.textContent).toBe(messages.en.archiveVerifyTitle);
  });

  test('says a good archive is intact, with every file in the table', async () => {
    const { files, kid } = await createArchive();

    const summary = await chooseFolder(files);

    expect(summary.dataset.overall).toBe('intact');
    expect(summary.querySelector('h2')?.textContent).toBe(
      fillMessage(messages.en.archiveVerifyIntact!, ['7', kid.match(/.{4}/g)!.join(' ')]),
    );
    expect(rows()).toHaveLength(7);
    expect(rows().every((row) => row.status === 'ok')).toBe(true);
    expect(document.activeElement).toBe(summary);
  });

  test('names the changed, missing and added files, problems first', async () => {
    const { files } = await createArchive();
    files.set(`${ITEM}raw-screenshot-1.png`, bytes('changed'));
    files.delete('README.txt');
    files.set('extra.txt', bytes('planted'));

    const summary = await chooseFolder(files);

    expect(summary.dataset.overall).toBe('problems');
    expect(rows().slice(0, 3)).toEqual([
      { path: 'README.txt', status: 'missing' },
      { path: `${ITEM}raw-screenshot-1.png`, status: 'changed' },
      { path: 'extra.txt', status: 'unlisted' },
    ]);
    const findings = [...summary.querySelectorAll('li')].map((item) => item.textContent);
    expect(findings).toContain(`✗${fillMessage(messages.en.archiveVerifyFilesChanged!, ['1', `${ITEM}raw-screenshot-1.png`])}`);
    expect(findings).toContain(`✗${fillMessage(messages.en.archiveVerifyFilesMissing!, ['1', 'README.txt'])}`);
  });

  test('shows file names from the archive as text, never as markup', async () => {
    const { files } = await createArchive();
    const name = '<img src=x onerror="window.pwned=1">.png';
    files.set(name, bytes('planted'));

    await chooseFolder(files);

    expect(document.querySelector('img')).toBeNull();
    expect(rows()).toContainEqual({ path: name, status: 'unlisted' });
    const row = [...document.querySelectorAll<HTMLElement>('[data-testid=verify-file]')].find((candidate) => candidate.dataset.path === name);
    expect(row?.querySelector('th')?.textContent).toBe(name);
  });

  test('speaks Dutch to a Dutch browser and switches language on request', async () => {
    const { files } = await createArchive();
    files.delete('README.txt');

    const summary = await chooseFolder(files, 'nl-NL');

    expect(document.documentElement.lang).toBe('nl');
    expect(summary.querySelector('h2')?.textContent).toBe(messages.nl.archiveVerifyProblems);
    document.querySelector<HTMLButtonElement>('button[data-locale=en]')!.click();
    const english = document.querySelector('[data-testid=verify-summary] h2');
    expect(english?.textContent).toBe(messages.en.archiveVerifyProblems);
    expect(document.querySelector('button[data-locale=en]')?.getAttribute('aria-pressed')).toBe('true');
    expect(document.documentElement.lang).toBe('en');
  });

  test('says so when the folder is not an archive', async () => {
    const summary = await chooseFolder(new Map([['holiday.jpg', bytes('jpeg')]]));

    expect(summary.dataset.overall).toBe('unreadable');
    expect(summary.querySelector('h2')?.textContent).toBe(messages.en.archiveVerifyUnreadableNoManifest);
  });
});

describe('reading the folder', () => {
  test('takes paths relative to the chosen folder', () => {
    const file = new File(['x'], 'a.png');
    Object.defineProperty(file, 'webkitRelativePath', { value: 'folder/items/a.png' });

    expect([...filesFromInput([file, new File(['y'], 'loose.txt')]).keys()]).toEqual(['items/a.png', 'loose.txt']);
  });

  test('walks a dropped folder in batches, without its own name', async () => {
    const fileEntry = (fullPath: string): FileSystemEntry =>
      ({ isFile: true, isDirectory: false, fullPath, file: (resolve: (file: File) => void) => resolve(new File([fullPath], fullPath)) }) as unknown as FileSystemEntry;
    const dirEntry = (fullPath: string, batches: FileSystemEntry[][]): FileSystemEntry =>
      ({
        isFile: false,
        isDirectory: true,
        fullPath,
        createReader: () => ({ readEntries: (resolve: (entries: FileSystemEntry[]) => void) => resolve(batches.shift() ?? []) }),
      }) as unknown as FileSystemEntry;
    const root = dirEntry('/archive', [
      [fileEntry('/archive/manifest-sha256.txt')],
      [dirEntry('/archive/items', [[fileEntry('/archive/items/a.png')]])],
    ]);

    const actual = await readDroppedEntries([root]);

    expect([...actual.keys()]).toEqual(['manifest-sha256.txt', 'items/a.png']);
  });

  test.each([
    ['nl-BE', 'nl'],
    ['NL', 'nl'],
    ['en-US', 'en'],
    ['de', 'en'],
    [undefined, 'en'],
  ])('chooses %s → %s', (language, expected) => {
    expect(localeFromLanguage(language)).toBe(expected);
  });

  test('fills placeholders like chrome.i18n', () => {
    expect(fillMessage('$1 of $2 cost $$3', ['a', 'b'])).toBe('a of b cost $3');
  });
});
