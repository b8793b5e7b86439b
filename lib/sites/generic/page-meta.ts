import { Readability } from '@mozilla/readability';
import { resolveUrl } from '../shared/resolve-url.ts';

/** What a page's `<head>` says about itself (OpenGraph and plain meta tags). */
export interface PageMeta {
  url?: string;
  canonical?: string;
  title?: string;
  description?: string;
  type?: string;
  publishedTime?: string;
  authorName?: string;
  authorUrl?: string;
}

function metaContent(document: Document, key: string): string | undefined {
  // OpenGraph is specified with `property`, but many pages write `name`.
  const element = document.querySelector(`meta[property="${key}"], meta[name="${key}"]`);
  return element?.getAttribute('content')?.trim() || undefined;
}

/** OpenGraph, `article:*` and `author` meta tags, and the canonical link; URLs absolute against `base`. */
export function readPageMeta(document: Document, base: URL): PageMeta {
  const articleAuthor = metaContent(document, 'article:author');
  const authorIsUrl = articleAuthor !== undefined && /^https?:\/\//i.test(articleAuthor);
  return {
    url: resolveUrl(metaContent(document, 'og:url'), base),
    canonical: resolveUrl(document.querySelector('link[rel~="canonical"]')?.getAttribute('href'), base),
    title: metaContent(document, 'og:title'),
    description: metaContent(document, 'og:description'),
    type: metaContent(document, 'og:type'),
    publishedTime: metaContent(document, 'article:published_time'),
    authorName: (authorIsUrl ? undefined : articleAuthor) ?? metaContent(document, 'author'),
    authorUrl: authorIsUrl ? resolveUrl(articleAuthor, base) : undefined,
  };
}

/** Readability's guess at the byline and publication time. */
export interface ReadabilityMeta {
  byline?: string;
  publishedTime?: string;
}

/**
 * Runs @mozilla/readability on a clone: Readability rewrites the document it is given, and the live
 * page is the person's (and the evidence). Undefined when Readability finds no article.
 */
export function readReadabilityMeta(document: Document): ReadabilityMeta | undefined {
  let article: ReturnType<Readability['parse']>;
  try {
    article = new Readability(document.cloneNode(true) as Document).parse();
  } catch {
    return undefined; // Readability throws on documents it cannot walk; the other sources still count
  }
  if (article === null) return undefined;
  return { byline: article.byline?.trim() || undefined, publishedTime: article.publishedTime?.trim() || undefined };
}
