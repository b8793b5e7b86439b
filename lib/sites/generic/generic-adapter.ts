import type { Author, MissingField, PostMeta, PostRef, PostTime, TimeSource } from '../../evidence/schema.ts';
import { normalizeIso } from '../shared/normalize-iso.ts';
import { readText } from '../shared/read-text.ts';
import { pushUnique, resolveUrl } from '../shared/resolve-url.ts';
import type { ReadContext, SiteAdapter } from '../types.ts';
import { POST_TYPES, readJsonLdPosts } from './json-ld.ts';
import type { LinkedPost } from './json-ld.ts';
import { itemTypes, readMicrodataPost } from './microdata.ts';
import { readPageMeta, readReadabilityMeta } from './page-meta.ts';
import type { PageMeta, ReadabilityMeta } from './page-meta.ts';

const ID = 'generic';
const VERSION = '1.0.0';

/** microdata item types read as posts; other `itemscope` elements (a Person, a Rating) are not. */
const POST_ITEM_TYPES: ReadonlySet<string> = new Set([
  'SocialMediaPosting', 'Comment', 'BlogPosting', 'Article', 'NewsArticle', 'DiscussionForumPosting',
]);
const CANDIDATES = 'article, [itemscope][itemtype]';
// Part of the page, not of the post, when the whole page stands in for one post.
const PAGE_CHROME = new Set(['NAV']);

/** Whether an element is a post by its own markup: an `<article>` or a schema.org post item. */
function isPostElement(element: Element): boolean {
  if (element.tagName.toUpperCase() === 'ARTICLE') return true;
  return element.hasAttribute('itemscope') && itemTypes(element).some((type) => POST_ITEM_TYPES.has(type));
}

function documentOf(root: ParentNode): Document | null {
  return root.nodeType === 9 ? (root as Document) : (root as Node).ownerDocument;
}

/** Posts marked up as posts; empty when the page marks up none. */
function findMarkedPosts(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(CANDIDATES)).filter(isPostElement);
}

/** The element standing in for the page when it marks up no post: `<main>`, else `<body>`. */
function pageElement(root: ParentNode): Element | null {
  const main = root.querySelector('main');
  if (main !== null) return main;
  if (root.nodeType === 9) return (root as Document).body;
  return root.nodeType === 1 ? (root as Element) : documentOf(root)?.body ?? null;
}

function isTopLevel(post: Element, posts: Element[]): boolean {
  return !posts.some((other) => other !== post && other.contains(post));
}

function declaresPost(document: Document, url: URL): boolean {
  const meta = readPageMeta(document, url);
  if (meta.type?.toLowerCase() === 'article') return true;
  return readJsonLdPosts(document, url).some((post) => post.types.some((type) => POST_TYPES.has(type)));
}

function findGenericMainPost(document: Document, url: URL): Element | null {
  const posts = findMarkedPosts(document);
  if (posts.length === 0) return pageElement(document);
  const topLevel = posts.filter((post) => isTopLevel(post, posts));
  if (topLevel.length === 1 || declaresPost(document, url)) return topLevel[0] ?? null;
  return null;
}

/** The fallback reader for any page: schema.org JSON-LD and microdata, OpenGraph, `<time>`, Readability. */
export const genericAdapter: SiteAdapter = {
  id: ID,
  version: VERSION,
  platform: 'web',

  matches() {
    return true;
  },

  findPosts(root) {
    const posts = findMarkedPosts(root);
    if (posts.length > 0) return posts;
    const page = pageElement(root);
    return page === null ? [] : [page];
  },

  closestPost(node) {
    for (let element: Element | null = node; element !== null; element = element.parentElement) {
      if (isPostElement(element)) return element;
    }
    const document = node.ownerDocument;
    if (findMarkedPosts(document).length > 0) return null;
    const page = pageElement(document);
    return page?.contains(node) ? page : document.body;
  },

  mainPost: findGenericMainPost,

  read(post, context) {
    return readGenericPost(post, context);
  },
};

interface Sources {
  micro?: ReturnType<typeof readMicrodataPost>;
  jsonLd?: LinkedPost;
  page: PageMeta;
  readability: () => ReadabilityMeta | undefined;
}

function gatherSources(post: Element, context: ReadContext, isPagePost: boolean): Sources {
  const micro = post.hasAttribute('itemscope') ? readMicrodataPost(post, context.url) : undefined;
  if (!isPagePost) return { micro, page: {}, readability: () => undefined };
  const jsonLd = readJsonLdPosts(context.document, context.url)[0];
  let readability: ReadabilityMeta | undefined | null = null;
  return {
    micro,
    jsonLd,
    page: readPageMeta(context.document, context.url),
    // Readability walks the whole page: run it only when closer sources say nothing.
    readability: () => (readability === null ? (readability = readReadabilityMeta(context.document)) : readability),
  };
}

/** A query over `post` that leaves out the posts nested inside it (comments under an article). */
function createOwnQuery(post: Element, marked: Element[]): (css: string) => Element[] {
  const nested = marked.filter((other) => other !== post && post.contains(other));
  return (css) => Array.from(post.querySelectorAll(css)).filter((element) => !nested.some((other) => other.contains(element)));
}

function readGenericPost(post: Element, context: ReadContext): PostMeta {
  const missing: MissingField[] = [];
  const marked = findMarkedPosts(context.document);
  const nested = marked.filter((other) => other !== post && post.contains(other));
  const own = createOwnQuery(post, marked);
  const isPagePost = findGenericMainPost(context.document, context.url) === post;
  const sources = gatherSources(post, context, isPagePost);
  const relAuthor = own('a[rel~="author"]')[0];

  const author = readAuthor(sources, relAuthor, context, missing);
  const postTime = readTime(sources, own('time[datetime]')[0], missing);
  const permalink = readPermalink(post, sources, own, context);
  if (permalink === undefined) missing.push({ field: 'permalink', reason: 'the page names no address for this post' });
  const postId = sources.micro?.identifier ?? sources.jsonLd?.identifier;
  if (postId === undefined) missing.push({ field: 'postId', reason: 'the page gives this post no identifier' });

  const skip = (element: Element): boolean =>
    nested.includes(element) || (marked.length === 0 && PAGE_CHROME.has(element.tagName.toUpperCase()));
  const text =
    sources.micro?.articleBody ??
    (readText(post, { layout: true, imageAlt: 'emoji', skip }) ||
      sources.jsonLd?.articleBody ||
      sources.page.description ||
      '');
  if (text === '') missing.push({ field: 'text', reason: 'the post shows no text' });

  const authorBox = sources.micro?.authorElement;
  const mediaUrls: string[] = [];
  for (const element of own('img[src], video[poster]')) {
    // Avatars are not the post's media: inside the author markup, or an image linking to the author's page.
    if (authorBox?.contains(element) || relAuthor?.contains(element)) continue;
    const link = resolveUrl(element.closest('a')?.getAttribute('href'), context.url);
    if (link !== undefined && link === author.profileUrl) continue;
    const value = element.tagName.toUpperCase() === 'VIDEO' ? element.getAttribute('poster') : element.getAttribute('src');
    pushUnique(mediaUrls, resolveUrl(value, context.url));
  }

  const { isReply, parent } = readReply(post, marked, sources, context);
  return {
    platform: 'web',
    adapter: { id: ID, version: VERSION },
    permalink,
    postId,
    author,
    postTime,
    text,
    mediaUrls,
    isReply,
    parent,
    missing,
  };
}

// Readability returns the byline as shown ("By Kim Poster"); the word before the name is not part of it.
const BYLINE_PREFIX = /^(?:by|door|von|par|por|di)\s+/i;

function stripBylinePrefix(byline: string | undefined): string | undefined {
  return byline?.replace(BYLINE_PREFIX, '').trim() || undefined;
}

function readAuthor(sources: Sources, relAuthor: Element | undefined, context: ReadContext, missing: MissingField[]): Author {
  const { micro, jsonLd, page } = sources;
  const relName = relAuthor ? readText(relAuthor, { layout: true }) || undefined : undefined;
  const author: Author = {
    displayName: micro?.author?.name ?? relName ?? jsonLd?.author?.name ?? page.authorName,
    handle: micro?.author?.alternateName ?? jsonLd?.author?.alternateName,
    profileUrl:
      micro?.author?.url ?? resolveUrl(relAuthor?.getAttribute('href'), context.url) ?? jsonLd?.author?.url ?? page.authorUrl,
    accountId: micro?.author?.identifier ?? jsonLd?.author?.identifier,
  };
  author.displayName ??= stripBylinePrefix(sources.readability()?.byline);
  if (author.displayName === undefined) missing.push({ field: 'author.displayName', reason: 'the page names no author for this post' });
  if (author.handle === undefined) missing.push({ field: 'author.handle', reason: 'the page shows no account handle' });
  if (author.profileUrl === undefined) missing.push({ field: 'author.profileUrl', reason: 'the page links to no author page' });
  if (author.accountId === undefined) missing.push({ field: 'author.accountId', reason: 'the page gives no stable author id' });
  return author;
}

function readTime(sources: Sources, ownTime: Element | undefined, missing: MissingField[]): PostTime {
  const { micro, jsonLd, page } = sources;
  // Closest to the post first: its own markup, then the page's declarations, then Readability's guess.
  const candidates: { source: TimeSource; value: () => string | undefined; shown?: Element }[] = [
    { source: 'microdata', value: () => micro?.datePublished, shown: micro?.timeElement },
    { source: 'datetime-attribute', value: () => ownTime?.getAttribute('datetime') ?? undefined, shown: ownTime },
    { source: 'json-ld', value: () => jsonLd?.datePublished },
    { source: 'meta-tag', value: () => page.publishedTime },
    { source: 'readability', value: () => sources.readability()?.publishedTime },
  ];
  const reasons: string[] = [];
  for (const candidate of candidates) {
    const value = candidate.value();
    if (value === undefined) continue;
    const normalized = normalizeIso(value);
    if (normalized.ok) {
      const shown = candidate.shown ? readText(candidate.shown, { layout: true }) || undefined : undefined;
      return { shown, iso: normalized.iso, source: candidate.source, precision: normalized.precision };
    }
    reasons.push(`${candidate.source}: ${normalized.reason}`);
  }
  missing.push({ field: 'postTime', reason: reasons.length > 0 ? reasons.join('; ') : 'the page gives no time for this post' });
  return { source: 'none' };
}

function readPermalink(post: Element, sources: Sources, own: (css: string) => Element[], context: ReadContext): string | undefined {
  const { micro, jsonLd, page } = sources;
  // A post's time often links to the post itself (comment sections, forums).
  const timeLink = own('time')[0]?.closest('a');
  return (
    micro?.url ??
    resolveUrl(post.getAttribute('itemid'), context.url) ??
    jsonLd?.url ??
    page.url ??
    page.canonical ??
    resolveUrl(timeLink?.getAttribute('href'), context.url)
  );
}

function readReply(post: Element, marked: Element[], sources: Sources, context: ReadContext): { isReply: boolean; parent?: PostRef } {
  let enclosing: Element | null = null;
  for (let element = post.parentElement; element !== null && enclosing === null; element = element.parentElement) {
    if (marked.includes(element)) enclosing = element;
  }
  const isComment = sources.micro?.types.includes('Comment') ?? false;
  if (enclosing === null && isComment) {
    const main = findGenericMainPost(context.document, context.url);
    if (main !== null && main !== post && !post.contains(main)) enclosing = main;
  }
  if (enclosing === null) return { isReply: isComment };
  const parentIsPage = findGenericMainPost(context.document, context.url) === enclosing;
  const parentSources = gatherSources(enclosing, context, parentIsPage);
  const permalink = readPermalink(enclosing, parentSources, createOwnQuery(enclosing, marked), context);
  const postId = parentSources.micro?.identifier ?? parentSources.jsonLd?.identifier;
  return { isReply: true, parent: { permalink, postId, handle: parentSources.micro?.author?.alternateName } };
}
