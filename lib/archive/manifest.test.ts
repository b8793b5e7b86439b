import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { sha256HexSync } from '../evidence/hash.ts';
import { buildManifest, compareCodePoints, ManifestPathError, parseManifest, type ManifestEntry } from './manifest.ts';

const h = (char: string): string => char.repeat(64);

describe('buildManifest', () => {
  test('writes "<hash>  <path>\\n", sorted by path in byte order', () => {
    const actual = buildManifest([
      { path: 'items/b/x.png', sha256: h('1') },
      { path: 'README.txt', sha256: h('2') },
      { path: 'items/a/x.png', sha256: h('3') },
      { path: 'évidence.txt', sha256: h('4') },
      { path: 'Z.txt', sha256: h('5') },
    ]);
    const expected = [
      `${h('2')}  README.txt`,
      `${h('5')}  Z.txt`,
      `${h('3')}  items/a/x.png`,
      `${h('1')}  items/b/x.png`,
      `${h('4')}  évidence.txt`,
      '',
    ].join('\n');
    expect(actual).toBe(expected);
  });

  test('byte order, not UTF-16 order, for characters beyond U+FFFF', () => {
    // U+FF5E is below U+1F600 in UTF-8 bytes, but its UTF-16 unit 0xFF5E is above the surrogate 0xD83D.
    const actual = ['\u{1F600}.txt', '\uFF5E.txt'].sort(compareCodePoints);
    const bytes = actual.map((name) => [...new TextEncoder().encode(name)]);
    expect(actual).toEqual(['\uFF5E.txt', '\u{1F600}.txt']);
    expect(bytes[0]![0]! < bytes[1]![0]!).toBe(true);
  });

  test.each([
    ['a newline', 'a\nb', 'control-character'],
    ['a carriage return', 'a\rb', 'control-character'],
    ['a backslash', 'items\\a.png', 'backslash'],
    ['a leading slash', '/etc/passwd', 'absolute'],
    ['a .. segment', 'items/../../x', 'dot-segment'],
    ['a leading .. segment', '../x', 'dot-segment'],
    ['a . segment', './x', 'dot-segment'],
    ['an empty segment', 'items//x', 'empty-segment'],
    ['an empty path', '', 'empty'],
  ])('rejects a path with %s', (_name, path, problem) => {
    const actual = (): string => buildManifest([{ path, sha256: h('a') }]);
    expect(actual).toThrow(ManifestPathError);
    expect(actual).toThrow(problem);
  });

  test.each([
    ['a duplicate path', [{ path: 'a', sha256: h('a') }, { path: 'a', sha256: h('b') }], 'duplicate'],
    ['an upper-case hash', [{ path: 'a', sha256: h('A') }], 'bad-hash'],
    ['a short hash', [{ path: 'a', sha256: 'abc' }], 'bad-hash'],
  ])('rejects %s', (_name, files, problem) => {
    expect(() => buildManifest(files)).toThrow(problem);
  });

  test('accepts a name with dots inside', () => {
    expect(buildManifest([{ path: 'items/a..b/x.stamped.png', sha256: h('a') }])).toBe(`${h('a')}  items/a..b/x.stamped.png\n`);
  });
});

describe('parseManifest', () => {
  const good = buildManifest([{ path: 'README.txt', sha256: h('1') }, { path: 'items/a/raw-screenshot-1.png', sha256: h('2') }]);

  test('reads back what buildManifest wrote', () => {
    const actual = parseManifest(good);
    const expected = { ok: true, entries: [{ path: 'README.txt', sha256: h('1') }, { path: 'items/a/raw-screenshot-1.png', sha256: h('2') }] };
    expect(actual).toEqual(expected);
  });

  test.each([
    ['an empty file', '', 1, 'no-entries'],
    ['no final newline', good.slice(0, -1), 2, 'line-end'],
    ['one space', `${h('1')} README.txt\n`, 1, 'format'],
    ['binary-mode star', `${h('1')} *README.txt\n`, 1, 'format'],
    ['an upper-case hash', `${h('A')}  README.txt\n`, 1, 'format'],
    ['a short hash', `${'1'.repeat(63)}  README.txt\n`, 1, 'format'],
    ['a CRLF line end', `${h('1')}  README.txt\r\n`, 1, 'control-character'],
    ['a blank line', `${good}\n`, 3, 'format'],
    ['a duplicate', `${h('1')}  a\n${h('2')}  a\n`, 2, 'duplicate'],
    ['unsorted lines', `${h('1')}  b\n${h('2')}  a\n`, 2, 'order'],
    ['an absolute path', `${h('1')}  /etc/passwd\n`, 1, 'absolute'],
    ['a .. path', `${h('1')}  a/../../b\n`, 1, 'dot-segment'],
    ['a backslash', `${h('1')}  a\\b\n`, 1, 'backslash'],
    ['a comment', `# made by hand\n${good}`, 1, 'format'],
  ])('rejects %s', (_name, text, line, problem) => {
    const actual = parseManifest(text);
    expect(actual).toEqual({ ok: false, line, problem });
  });
});

const hasSha256sum = spawnSync('sha256sum', ['--version']).status === 0;

describe('against the real sha256sum', () => {
  const dir = mkdtempSync(join(tmpdir(), 'safelog-manifest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const files: Record<string, string> = {
    'README.txt': 'read me\n',
    'evidence.csv': '\uFEFFa,b\r\n',
    'items/2026-11-27_x_someone_1862000000000000001/raw-screenshot-1.png': '\u0089PNG fake bytes',
    'items/2026-11-27_x_someone_1862000000000000001/raw-screenshot-1.stamped.png': 'stamped',
    'items/2026-11-27_x_a..b_1/page.mhtml': 'MIME-Version: 1.0',
    'naïve name with spaces.txt': 'x',
  };

  function writeArchive(): string {
    const entries: ManifestEntry[] = Object.entries(files).map(([path, content]) => {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
      return { path, sha256: sha256HexSync(content) };
    });
    const manifest = buildManifest(entries);
    writeFileSync(join(dir, 'manifest-sha256.txt'), manifest);
    return manifest;
  }

  // Skipped, not failed, where coreutils is missing (macOS without GNU tools, Windows): the format
  // itself is covered above; this only proves the real tool agrees.
  test.skipIf(!hasSha256sum)('sha256sum -c accepts the manifest, and fails after one byte changes', () => {
    writeArchive();
    const passed = spawnSync('sha256sum', ['--strict', '-c', 'manifest-sha256.txt'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    expect(passed.stderr).toBe('');
    expect(passed.status).toBe(0);
    expect(passed.stdout.trim().split('\n')).toHaveLength(Object.keys(files).length);

    writeFileSync(join(dir, 'README.txt'), 'read me!\n');
    const failed = spawnSync('sha256sum', ['--strict', '-c', 'manifest-sha256.txt'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    expect(failed.status).not.toBe(0);
    expect(failed.stdout).toContain('README.txt: FAILED');
  });
});
