import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PostMeta } from '../../lib/evidence/schema.ts';

/** What a fixture page's main (or first) post must be recorded as; URLs relative to the server. */
export interface PageTruth {
  page: string;
  post: 'main' | 'first';
  layout?: { columnPx: number; stickyHeaderPx: number; minPostHeightPx?: number };
  meta: Omit<Partial<PostMeta>, 'missing'> & { missing?: string[] };
}

const PAGES = 'tests/fixtures/pages';

export function readTruth(name: string): PageTruth {
  return JSON.parse(readFileSync(join(PAGES, `${name}.truth.json`), 'utf8')) as PageTruth;
}

/** The truth's meta with its relative URLs made absolute against the fixture server, `missing` left out. */
export function expectedMeta(truth: PageTruth, origin: string): Partial<PostMeta> {
  const absolute = (url: string | undefined) => (url === undefined ? undefined : new URL(url, `${origin}/`).href);
  const { missing: _missing, ...meta } = truth.meta;
  return JSON.parse(
    JSON.stringify({
      ...meta,
      permalink: absolute(meta.permalink),
      author: meta.author && { ...meta.author, profileUrl: absolute(meta.author.profileUrl) },
      mediaUrls: meta.mediaUrls?.map((url) => absolute(url)!),
      parent: meta.parent && { ...meta.parent, permalink: absolute(meta.parent.permalink) },
      quoted: meta.quoted && { ...meta.quoted, permalink: absolute(meta.quoted.permalink) },
    }),
  ) as Partial<PostMeta>;
}
