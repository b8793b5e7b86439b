import { describe, expect, test } from 'vitest';
import type { Artifact, CaptureRecord } from '../evidence/record.ts';
import { createTestRecord } from '../evidence/test-records.ts';
import { compareArchiveOrder, planItemFiles } from './item-files.ts';

const ID = '3f2c1a9e-8b7d-4c6e-9f01-23456789abcd';
const hash = (char: string): string => char.repeat(64);

function recordWith(meta: Partial<CaptureRecord['meta']>, overrides: Partial<CaptureRecord> = {}): CaptureRecord {
  const base = createTestRecord({ id: ID });
  return { ...base, ...overrides, meta: { ...base.meta, ...meta } };
}

function artifact(id: string, kind: Artifact['kind'], extra: Partial<Artifact> = {}): Artifact {
  return { id, kind, mime: kind === 'page-snapshot' ? 'multipart/related' : 'image/png', size: 1, sha256: hash('b'), ...extra };
}

/** A path segment safe on every file system and inside a zip: nothing a page could use to escape. */
const SAFE_FOLDER = /^items\/\d{4}-\d{2}-\d{2}_[a-z0-9-]+_[A-Za-z0-9_.-]{1,30}_[A-Za-z0-9_-]{1,40}(?:-\d+)?\/$/;

describe('planItemFiles: folder names', () => {
  test.each([
    ['the usual case', { author: { handle: '@someone' }, postId: '1862000000000000001' }, 'items/2026-11-27_x_someone_1862000000000000001/'],
    ['no handle', { author: {}, postId: '1' }, 'items/2026-11-27_x_unknown_1/'],
    ['no post id: the capture id prefix', { postId: undefined }, 'items/2026-11-27_x_someone_3f2c1a9e/'],
    ['no post time: the capture date', { postTime: { source: 'none' } }, 'items/2026-11-28_x_someone_1862000000000000001/'],
    ['a post time with offset, read in UTC', { postTime: { iso: '2026-11-28T00:30:00+01:00', source: 'datetime-attribute' } }, 'items/2026-11-27_x_someone_1862000000000000001/'],
    ['path traversal in the handle', { author: { handle: '../../etc' } }, 'items/2026-11-27_x_....etc_1862000000000000001/'],
    ['slashes and backslashes', { author: { handle: 'a/b\\c' }, postId: '..\\..\\x/y' }, 'items/2026-11-27_x_abc_xy/'],
    ['NUL and RTL override', { author: { handle: 'ev\u0000il\u202Egnp.exe' }, postId: '1\u202E2' }, 'items/2026-11-27_x_evilgnp.exe_12/'],
    ['500 characters', { author: { handle: 'h'.repeat(500) }, postId: '9'.repeat(500) }, `items/2026-11-27_x_${'h'.repeat(30)}_${'9'.repeat(40)}/`],
    ['emoji only: unknown', { author: { handle: '😈😈' }, postId: '🔥' }, 'items/2026-11-27_x_unknown_3f2c1a9e/'],
    ['accents folded', { author: { handle: 'José' } }, 'items/2026-11-27_x_Jose_1862000000000000001/'],
    ['fullwidth solidus cannot become a slash', { author: { handle: 'a／..／b' } }, 'items/2026-11-27_x_a..b_1862000000000000001/'],
  ] as const)('%s', (_name, meta, expected) => {
    const actual = planItemFiles([recordWith(meta as Partial<CaptureRecord['meta']>)])[0]!.folder;
    expect(actual).toBe(expected);
    expect(actual).toMatch(SAFE_FOLDER);
  });

  test('a hostile post id never yields an empty id', () => {
    const actual = planItemFiles([recordWith({ postId: '../..' })])[0]!.folder;
    expect(actual).toBe('items/2026-11-27_x_someone_3f2c1a9e/');
  });

  test('the later of two records with the same folder gets -2, -3', () => {
    const records = [recordWith({}), recordWith({}), recordWith({}), recordWith({ author: { handle: 'SOMEONE' } })];
    const actual = planItemFiles(records).map((plan) => plan.folder);
    const expected = [
      'items/2026-11-27_x_someone_1862000000000000001/',
      'items/2026-11-27_x_someone_1862000000000000001-2/',
      'items/2026-11-27_x_someone_1862000000000000001-3/',
      // Differs only in case: one folder on Windows and macOS, so it is numbered too.
      'items/2026-11-27_x_SOMEONE_1862000000000000001-4/',
    ];
    expect(actual).toEqual(expected);
  });

  test('a suffixed name never takes a name another record has naturally', () => {
    const records = [recordWith({ postId: 'a' }), recordWith({ postId: 'a' }), recordWith({ postId: 'a-2' })];
    const actual = planItemFiles(records).map((plan) => plan.folder);
    expect(new Set(actual).size).toBe(3);
  });
});

describe('planItemFiles: file names by kind', () => {
  test('names each kind, numbers screenshots, stamps images, leaves thumbnails out', () => {
    const record = recordWith({}, {
      artifacts: [
        artifact('r1', 'raw-screenshot'),
        artifact('r2', 'raw-screenshot'),
        artifact('p', 'post-image'),
        artifact('s', 'page-snapshot'),
        artifact('t', 'thumbnail'),
      ],
    });
    const folder = 'items/2026-11-27_x_someone_1862000000000000001/';
    const expected = {
      recordId: ID,
      folder,
      files: { r1: `${folder}raw-screenshot-1.png`, r2: `${folder}raw-screenshot-2.png`, p: `${folder}post-image.png`, s: `${folder}page.mhtml` },
      stampedPaths: { r1: `${folder}raw-screenshot-1.stamped.png`, r2: `${folder}raw-screenshot-2.stamped.png`, p: `${folder}post-image.stamped.png` },
    };
    const actual = planItemFiles([record])[0];
    expect(actual).toEqual(expected);
  });

  test.each([
    ['tiles numbered from their index', [artifact('a', 'post-image', { tile: { index: 0, count: 2 } }), artifact('b', 'post-image', { tile: { index: 1, count: 2 } })], ['post-image-1.png', 'post-image-2.png']],
    ['an HTML snapshot', [artifact('a', 'page-snapshot', { mime: 'text/html' })], ['page.html']],
    ['a JPEG keeps its extension', [artifact('a', 'raw-screenshot', { mime: 'image/jpeg' })], ['raw-screenshot-1.jpg']],
    ['two snapshots do not collide', [artifact('a', 'page-snapshot'), artifact('b', 'page-snapshot', { mime: 'text/html' })], ['page.mhtml', 'page-2.html']],
    ['duplicate tile indexes do not collide', [artifact('a', 'post-image', { tile: { index: 0, count: 2 } }), artifact('b', 'post-image', { tile: { index: 0, count: 2 } })], ['post-image-1.png', 'post-image-1-2.png']],
  ] as const)('%s', (_name, artifacts, expected) => {
    const plan = planItemFiles([recordWith({}, { artifacts: [...artifacts] })])[0]!;
    const actual = Object.values(plan.files).map((path) => path.slice(plan.folder.length));
    expect(actual).toEqual(expected);
  });

  test('artifact ids from the page never reach a path', () => {
    const record = recordWith({}, { artifacts: [artifact('../../evil\\x', 'raw-screenshot')] });
    const actual = planItemFiles([record])[0]!.files['../../evil\\x'];
    expect(actual).toBe('items/2026-11-27_x_someone_1862000000000000001/raw-screenshot-1.png');
  });
});

describe('compareArchiveOrder', () => {
  test('orders by post time when known, else capture time', () => {
    const late = recordWith({ postTime: { iso: '2026-11-27T20:00:00Z', source: 'datetime-attribute' } }, { id: crypto.randomUUID() });
    const early = recordWith({ postTime: { iso: '2026-11-27T08:00:00Z', source: 'datetime-attribute' } }, { id: crypto.randomUUID() });
    const noTime = recordWith({ postTime: { source: 'none' } }, { id: crypto.randomUUID() }); // captured 2026-11-28
    const actual = [noTime, late, early].sort(compareArchiveOrder).map((record) => record.id);
    const expected = [early.id, late.id, noTime.id];
    expect(actual).toEqual(expected);
  });
});
