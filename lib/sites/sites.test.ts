// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { postMetaSchema } from '../evidence/schema.ts';
import type { PostMeta } from '../evidence/schema.ts';
import { adapters, createReadContext, pickAdapter, readPostSafely } from './index.ts';

/**
 * The truth for one fixture page. Posts are in document order; each lists the PostMeta fields it pins
 * (`missing` as field names only: the reasons are prose). Only the adapter's `id` is pinned, not its version.
 */
interface ExpectedFixture {
  url: string;
  now: string;
  adapter: string;
  mainPost: number | null;
  posts: (Omit<Partial<PostMeta>, 'missing' | 'adapter'> & { adapter?: { id: string }; missing?: string[] })[];
}

const FIXTURES = join(import.meta.dirname, '../../tests/fixtures/sites');
const sites = readdirSync(FIXTURES);
const fixtures = sites.flatMap((site) =>
  readdirSync(join(FIXTURES, site))
    .filter((file) => file.endsWith('.html'))
    .map((file) => `${site}/${file.replace(/\.html$/, '')}`),
);

/** What a browser would fetch for a page: src, poster, stylesheets and inline url(…); never links or canonicals. */
function fetchedUrls(document: Document): string[] {
  return Array.from(document.querySelectorAll('[src], [poster], link[rel~="stylesheet"], [style*="url("]')).flatMap((element) =>
    [
      element.getAttribute('src'),
      element.getAttribute('poster'),
      element.tagName.toUpperCase() === 'LINK' ? element.getAttribute('href') : null,
      /url\(["']?([^"')]+)/.exec(element.getAttribute('style') ?? '')?.[1] ?? null,
    ].filter((value) => value !== null),
  );
}

function load(name: string): { document: Document; expected: ExpectedFixture } {
  const html = readFileSync(join(FIXTURES, `${name}.html`), 'utf8');
  const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as ExpectedFixture;
  return { document: new DOMParser().parseFromString(html, 'text/html'), expected };
}

function readFixture(name: string): { expected: ExpectedFixture; actual: PostMeta[]; document: Document } {
  const { document, expected } = load(name);
  const url = new URL(expected.url);
  const adapter = pickAdapter(document, url);
  const context = createReadContext(document, url, new Date(expected.now));
  const actual = adapter.findPosts(document).map((post) => readPostSafely(adapter, post, context));
  return { expected, actual, document };
}

describe.each(fixtures)('fixture %s', (name) => {
  const { expected, actual, document } = readFixture(name);
  const url = new URL(expected.url);

  test('is read by the expected adapter', () => {
    expect(pickAdapter(document, url).id).toBe(expected.adapter);
  });

  test('finds every post', () => {
    expect(actual.length).toBe(expected.posts.length);
  });

  test('finds the main post', () => {
    const adapter = pickAdapter(document, url);
    const main = adapter.mainPost(document, url);
    const actualIndex = main === null ? null : adapter.findPosts(document).indexOf(main);
    expect(actualIndex).toBe(expected.mainPost);
  });

  test('loads only local resources (e2e serves fixtures from 127.0.0.1)', () => {
    const actual = fetchedUrls(document).filter((value) => !value.startsWith('/'));
    expect(actual).toEqual([]);
  });

  test('every read fits the record schema', () => {
    for (const meta of actual) expect(postMetaSchema.safeParse(meta).success).toBe(true);
  });

  const rows = expected.posts.flatMap((post, index) =>
    Object.keys(post).map((field) => [index, field] as [number, keyof ExpectedFixture['posts'][number]]),
  );
  test.each(rows)('post %i: %s', (index, field) => {
    const expectedPost = expected.posts[index];
    const actualPost = actual[index];
    expect(actualPost).toBeDefined();
    if (expectedPost === undefined || actualPost === undefined) return;
    if (field === 'missing') {
      expect(actualPost.missing.map((entry) => entry.field).sort()).toEqual([...(expectedPost.missing ?? [])].sort());
    } else if (field === 'adapter') {
      expect(actualPost.adapter.id).toBe(expectedPost.adapter?.id);
    } else {
      expect(actualPost[field]).toEqual(expectedPost[field]);
    }
  });
});

describe('conventions', () => {
  test.each(adapters.map((adapter) => adapter.id))('adapter %s has a fixture folder with fixtures', (id) => {
    const expected = true;
    const actual = sites.includes(id) && fixtures.some((name) => name.startsWith(`${id}/`));
    expect(actual).toBe(expected);
  });

  test.each(fixtures)('%s has an expected.json naming a real adapter', (name) => {
    const { expected } = load(name);
    expect(adapters.map((adapter) => adapter.id)).toContain(expected.adapter);
  });
});

describe('hostile content comes back as literal text', () => {
  const { actual } = readFixture('x/hostile');
  const post = actual[0];

  test('markup in the display name is text, not elements', () => {
    expect(post?.author.displayName).toBe('<img src=x onerror=alert(1)><script>alert(1)</script> \u202eAdmin\u200b\u200dX');
  });

  test('markup, RTL override and zero-width characters in the text are kept as typed', () => {
    const actualText = post?.text ?? '';
    expect(actualText).toContain('<script>alert("xss")</script>');
    expect(actualText).toContain('<img src=x onerror=alert(1)>');
    expect(actualText).toContain('\u202egnp.exe\u200b');
    expect(actualText).toContain('zero\u200dwidth\ufeffjoin');
    expect(actualText).toContain('&amp; done');
  });
});

/** The e2e pages' truth files: what a capture of the main (or first) post must record. */
interface PageTruth {
  page: string;
  post: 'main' | 'first';
  meta: ExpectedFixture['posts'][number];
}

const PAGES = join(import.meta.dirname, '../../tests/fixtures/pages');
const ORIGIN = 'http://127.0.0.1:4173';
const routes = JSON.parse(readFileSync(join(PAGES, 'routes.json'), 'utf8')) as Record<string, string>;

/** Truth URLs are origin-relative so the e2e test can resolve them against its server's port. */
function resolveTruth(meta: PageTruth['meta']): PageTruth['meta'] {
  const resolve = (value: string | undefined): string | undefined => (value === undefined ? undefined : new URL(value, ORIGIN).href);
  const ref = <T extends { permalink?: string } | undefined>(value: T): T =>
    value === undefined ? value : { ...value, permalink: resolve(value.permalink) };
  return {
    ...meta,
    permalink: resolve(meta.permalink),
    author: meta.author && { ...meta.author, profileUrl: resolve(meta.author.profileUrl) },
    mediaUrls: meta.mediaUrls?.map((url) => new URL(url, ORIGIN).href),
    parent: ref(meta.parent),
    quoted: ref(meta.quoted),
  };
}

// Routes name files under tests/fixtures (a site snapshot is served as it is); truths sit in pages/.
describe.each(Object.entries(routes))('e2e page %s (%s)', (path, file) => {
  const truthFile = file.replace(/^(sites|pages)\//, '').replace(/\.html$/, '.truth.json');
  const truth = JSON.parse(readFileSync(join(PAGES, truthFile), 'utf8')) as PageTruth;
  const html = readFileSync(join(PAGES, '..', file), 'utf8');
  const document = new DOMParser().parseFromString(html, 'text/html');
  const url = new URL(path, ORIGIN);
  const adapter = pickAdapter(document, url);
  const post = truth.post === 'main' ? adapter.mainPost(document, url) : (adapter.findPosts(document)[0] ?? null);
  const expected = resolveTruth(truth.meta);

  test('the truth names this route', () => {
    expect(truth.page).toBe(path);
  });

  test('loads only local resources', () => {
    const actual = fetchedUrls(document).filter((value) => !value.startsWith('/'));
    expect(actual).toEqual([]);
  });

  test.each(Object.keys(truth.meta))('field %s', (field) => {
    expect(post).not.toBeNull();
    if (post === null) return;
    const actual = readPostSafely(adapter, post, createReadContext(document, url, new Date('2026-03-05T00:00:00Z')));
    const key = field as keyof typeof expected;
    if (key === 'missing') expect(actual.missing.map((entry) => entry.field).sort()).toEqual([...(expected.missing ?? [])].sort());
    else if (key === 'adapter') expect(actual.adapter.id).toBe(expected.adapter?.id);
    else expect(actual[key]).toEqual(expected[key]);
  });
});
