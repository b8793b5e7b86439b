import type { Author, MissingField, PostMeta, PostRef, PostTime } from '../../evidence/schema.ts';
import { normalizeIso } from '../shared/normalize-iso.ts';
import { readText } from '../shared/read-text.ts';
import { pushUnique, resolveUrl } from '../shared/resolve-url.ts';
import { snowflakeToDate } from '../shared/snowflake-time.ts';
import type { ReadContext, SiteAdapter } from '../types.ts';
import { followTestIdPattern, statusPathPattern, xHosts, xSelectors } from './selectors.ts';

const S = xSelectors;
const HANDLE_TEXT = /^@([A-Za-z0-9_]{1,15})$/;
// X writes a shortened link as hidden "https://" + shown part + hidden rest + "…".
const HIDDEN_SCHEME = /^https?:\/\/(?:www\.)?$/;

/** A post's own status link, read from the link that wraps its time (or, lacking one, any link to it). */
interface OwnStatus {
  id: string;
  handle?: string;
  permalink?: string;
  time?: Element;
}

const ID = 'x';
const VERSION = '1.0.0';

/** The reader for x.com / twitter.com. */
export const xAdapter: SiteAdapter = {
  id: ID,
  version: VERSION,
  platform: 'x',

  matches(document, url) {
    if (document.querySelector(S.post.css) !== null) return true;
    return xHosts.includes(url.hostname) && document.querySelector(S.appRoot.css) !== null;
  },

  findPosts: findXPosts,

  closestPost(node) {
    return node.closest(S.post.css);
  },

  mainPost: findMainPost,

  read(post, context) {
    const missing: MissingField[] = [];
    const scope = createScope(post);
    const status = readOwnStatus(post, context.url);
    const author = readAuthor(scope, context, missing);
    const postTime = readPostTime(status, missing);
    const { isReply, parent } = readReply(post, scope, context);
    const quoted = readQuoted(scope, status, context, missing);
    if (status === undefined) {
      missing.push({ field: 'permalink', reason: 'the post has no link to its own page (an ad, or X changed its markup)' });
      missing.push({ field: 'postId', reason: 'no status link to read the id from' });
    }
    return {
      platform: 'x',
      adapter: { id: ID, version: VERSION },
      permalink: status?.permalink,
      postId: status?.id,
      author,
      postTime,
      text: readPostText(scope, missing),
      mediaUrls: readMedia(scope, context),
      isReply,
      parent,
      quoted,
      missing,
    } satisfies PostMeta;
  },
};

function findXPosts(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(S.post.css));
}

/** On `/<handle>/status/<id>`, the article whose own status link has that id. */
function findMainPost(document: Document, url: URL): Element | null {
  const id = statusPathPattern.exec(url.pathname)?.[2];
  if (id === undefined) return null;
  return findXPosts(document).find((post) => readOwnStatus(post, url)?.id === id) ?? null;
}

/** The elements that belong to one article, leaving out a quoted post's card inside it. */
interface Scope {
  post: Element;
  quoteCards: Element[];
  all(css: string): Element[];
  first(css: string): Element | undefined;
}

function createScope(post: Element): Scope {
  const quoteCards = Array.from(post.querySelectorAll(S.quoteCard.css)).filter(
    (card) => card.closest(S.post.css) === post && card.querySelector(S.userName.css) !== null,
  );
  const isOwn = (element: Element): boolean =>
    element.closest(S.post.css) === post && !quoteCards.some((card) => card.contains(element));
  const all = (css: string): Element[] => Array.from(post.querySelectorAll(css)).filter(isOwn);
  return { post, quoteCards, all, first: (css) => all(css)[0] };
}

function parseStatusHref(href: string | null, base: URL): { handle?: string; id: string; exact: boolean } | undefined {
  const url = resolveUrl(href, base);
  if (url === undefined) return undefined;
  const { pathname } = new URL(url);
  const match = statusPathPattern.exec(pathname);
  if (match?.[2] === undefined) return undefined;
  const exact = pathname.replace(/\/$/, '').split('/').length === 4;
  return { handle: match[1], id: match[2], exact };
}

function readOwnStatus(post: Element, base: URL): OwnStatus | undefined {
  const scope = createScope(post);
  const time = scope.first(S.statusTime.css);
  const timeLink = time?.closest('a');
  let found = timeLink ? parseStatusHref(timeLink.getAttribute('href'), base) : undefined;
  if (found === undefined) {
    // No time link (rare): an exact status link, else a photo or analytics link, still names the post.
    const text = scope.first(S.text.css);
    const candidates = scope
      .all(S.statusLink.css)
      .filter((link) => !text?.contains(link))
      .map((link) => parseStatusHref(link.getAttribute('href'), base))
      .filter((status) => status !== undefined);
    found = candidates.find((status) => status.exact) ?? candidates[0];
  }
  if (found === undefined) return undefined;
  const path = found.handle !== undefined ? `/${found.handle}/status/${found.id}` : `/i/web/status/${found.id}`;
  return { id: found.id, handle: found.handle, permalink: resolveUrl(path, base), time: timeLink ? time : undefined };
}

function readHandle(container: Element): string | undefined {
  // The handle link and its "@handle" text agree; a display name that merely starts with "@" does not.
  for (const link of Array.from(container.querySelectorAll(S.profileLink.css))) {
    const handle = HANDLE_TEXT.exec(readText(link))?.[1];
    if (handle !== undefined && link.getAttribute('href')?.toLowerCase() === `/${handle.toLowerCase()}`) return handle;
  }
  // In a quote card nothing is a link: the last "@handle" span is the handle (the name comes first).
  const spans = Array.from(container.querySelectorAll('span')).map((span) => HANDLE_TEXT.exec(readText(span))?.[1]);
  return spans.filter((handle) => handle !== undefined).at(-1);
}

function readAuthor(scope: Scope, context: ReadContext, missing: MissingField[]): Author {
  const userName = scope.first(S.userName.css);
  const author: Author = {};
  if (userName === undefined) {
    missing.push({ field: 'author', reason: 'no User-Name block in the post: X changed its markup' });
    return author;
  }
  author.handle = readHandle(userName);
  const nameLink = userName.querySelector(S.profileLink.css);
  const nameBlock = nameLink ?? userName.firstElementChild;
  const displayName = nameBlock ? readText(nameBlock, { imageAlt: 'always' }) : '';
  if (displayName !== '') author.displayName = displayName;
  else missing.push({ field: 'author.displayName', reason: 'the User-Name block shows no name' });
  if (author.handle !== undefined) author.profileUrl = resolveUrl(`/${author.handle}`, context.url);
  else missing.push({ field: 'author.handle', reason: 'no "@handle" in the User-Name block' });
  if (author.profileUrl === undefined) missing.push({ field: 'author.profileUrl', reason: 'no handle to link to' });
  author.accountId = readAccountId(scope);
  if (author.accountId === undefined) {
    missing.push({
      field: 'author.accountId',
      reason: 'X shows no numeric account id with this post (no follow button or user_id link); the handle can change',
    });
  }
  return author;
}

function readAccountId(scope: Scope): string | undefined {
  for (const button of scope.all(S.followButton.css)) {
    const id = followTestIdPattern.exec(button.getAttribute('data-testid') ?? '')?.[1];
    if (id !== undefined) return id;
  }
  for (const link of scope.all(S.userIdLink.css)) {
    const id = /[?&]user_id=(\d{1,20})(?:&|$)/.exec(link.getAttribute('href') ?? '')?.[1];
    if (id !== undefined) return id;
  }
  return undefined;
}

function readPostTime(status: OwnStatus | undefined, missing: MissingField[]): PostTime {
  const shown = status?.time ? readText(status.time) : undefined;
  if (status?.time) {
    const normalized = normalizeIso(status.time.getAttribute('datetime'));
    if (normalized.ok) {
      return { shown, iso: normalized.iso, source: 'datetime-attribute', precision: normalized.precision };
    }
    missing.push({ field: 'postTime.iso', reason: `${normalized.reason}; the time comes from the post id` });
  }
  const fromId = status ? snowflakeToDate(status.id) : undefined;
  if (fromId !== undefined) {
    if (shown === undefined) missing.push({ field: 'postTime.shown', reason: 'X shows no time on this post; the time comes from its id' });
    return { shown, iso: fromId.toISOString(), source: 'id', precision: 'millisecond' };
  }
  missing.push({ field: 'postTime', reason: 'no time element and no post id to derive a time from' });
  return { shown, source: 'none' };
}

/** X's shortened link: the full URL is in the DOM, split over hidden spans; use it whole. */
function expandShortenedLink(element: Element): string | undefined {
  const first = element.firstElementChild;
  if (first?.getAttribute('aria-hidden') !== 'true' || !HIDDEN_SCHEME.test(first.textContent ?? '')) return undefined;
  return (element.textContent ?? '').replace(/…$/, '');
}

function readPostText(scope: Scope, missing: MissingField[]): string {
  const textElement = scope.first(S.text.css);
  if (textElement === undefined) {
    missing.push({ field: 'text', reason: 'the post shows no text (media only), or X changed its markup' });
    return '';
  }
  if (scope.first(S.showMore.css) !== undefined) {
    missing.push({ field: 'text', reason: 'X shows this post shortened ("Show more"); the full text is on its own page' });
  }
  return readText(textElement, { imageAlt: 'always', replace: expandShortenedLink });
}

function readMedia(scope: Scope, context: ReadContext): string[] {
  const urls: string[] = [];
  for (const element of scope.all(`${S.photo.css}, ${S.videoPoster.css}`)) {
    const value = element.tagName.toUpperCase() === 'VIDEO' ? element.getAttribute('poster') : element.getAttribute('src');
    pushUnique(urls, resolveUrl(value, context.url));
  }
  return urls;
}

function refOf(post: Element, context: ReadContext): PostRef | undefined {
  const status = readOwnStatus(post, context.url);
  if (status === undefined) return undefined;
  const handle = status.handle ?? readHandle(createScope(post).first(S.userName.css) ?? post);
  return { permalink: status.permalink, postId: status.id, handle };
}

function readReply(
  post: Element,
  scope: Scope,
  context: ReadContext,
): { isReply: boolean; parent?: PostRef } {
  // "Replying to @a @b": profile links reading "@handle" outside the name and the text.
  const userName = scope.first(S.userName.css);
  const text = scope.first(S.text.css);
  const socialContext = scope.first(S.socialContext.css);
  const replyingTo = scope
    .all(S.profileLink.css)
    .filter((link) => !userName?.contains(link) && !text?.contains(link) && !socialContext?.contains(link))
    .map((link) => HANDLE_TEXT.exec(readText(link))?.[1])
    .filter((handle) => handle !== undefined);

  // On a post page the conversation is one column: ancestors, the focal post, then its replies.
  let parent: PostRef | undefined;
  const main = findMainPost(context.document, context.url);
  if (main !== null) {
    const posts = findXPosts(context.document);
    const index = posts.indexOf(post);
    const mainIndex = posts.indexOf(main);
    const parentPost = index > mainIndex ? main : index > 0 ? posts[index - 1] : undefined;
    if (index !== -1 && parentPost !== undefined) parent = refOf(parentPost, context);
  }
  if (parent === undefined && replyingTo[0] !== undefined) parent = { handle: replyingTo[0] };
  return { isReply: parent !== undefined || replyingTo.length > 0, parent };
}

function readQuoted(
  scope: Scope,
  status: OwnStatus | undefined,
  context: ReadContext,
  missing: MissingField[],
): PostRef | undefined {
  const card = scope.quoteCards[0];
  if (card !== undefined) {
    const userName = card.querySelector(S.userName.css);
    const handle = userName ? readHandle(userName) : undefined;
    const link = Array.from(card.querySelectorAll(S.statusLink.css))
      .map((element) => parseStatusHref(element.getAttribute('href'), context.url))
      .find((found) => found !== undefined);
    if (link === undefined) {
      missing.push({ field: 'quoted.permalink', reason: "X's quote card opens the quoted post by script; it has no link to read" });
      return { handle };
    }
    const quotedHandle = link.handle ?? handle;
    const path = quotedHandle !== undefined ? `/${quotedHandle}/status/${link.id}` : `/i/web/status/${link.id}`;
    return { permalink: resolveUrl(path, context.url), postId: link.id, handle: quotedHandle };
  }
  // Without a card, another post's status link outside the text is the quoted post.
  const text = scope.first(S.text.css);
  const other = scope
    .all(S.statusLink.css)
    .filter((link) => !text?.contains(link))
    .map((link) => parseStatusHref(link.getAttribute('href'), context.url))
    .find((found) => found !== undefined && found.id !== status?.id);
  if (other === undefined) return undefined;
  const path = other.handle !== undefined ? `/${other.handle}/status/${other.id}` : `/i/web/status/${other.id}`;
  return { permalink: resolveUrl(path, context.url), postId: other.id, handle: other.handle };
}
