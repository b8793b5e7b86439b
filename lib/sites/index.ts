import { postMetaSchema } from '../evidence/schema.ts';
import type { PostMeta } from '../evidence/schema.ts';
import { genericAdapter } from './generic/generic-adapter.ts';
import { readText } from './shared/read-text.ts';
import { resolveUrl } from './shared/resolve-url.ts';
import type { ReadContext, SiteAdapter } from './types.ts';
import { xAdapter } from './x/x-adapter.ts';

export type { ReadContext, SiteAdapter } from './types.ts';
export { genericAdapter } from './generic/generic-adapter.ts';
export { xAdapter } from './x/x-adapter.ts';

/** Every site adapter, most specific first; the generic fallback is last and matches any page. */
export const adapters: readonly SiteAdapter[] = [xAdapter, genericAdapter];

/** What the person pointed at: the element under the context menu, or the link it was opened on. */
export interface PostHint {
  node?: Element | null;
  linkUrl?: string;
}

/** The first adapter that understands the page; the generic adapter when none does. */
export function pickAdapter(document: Document, url: URL): SiteAdapter {
  return adapters.find((adapter) => adapter.matches(document, url)) ?? genericAdapter;
}

/** A ReadContext for one capture. */
export function createReadContext(document: Document, url: URL | string, now: Date = new Date()): ReadContext {
  return { document, url: typeof url === 'string' ? new URL(url) : url, now };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}

/**
 * Reads one post and never throws: when `adapter` throws or returns something that fails the
 * PostMeta schema, the generic adapter reads the post instead and the record names the failure
 * in `missing`. A broken adapter never blocks a capture.
 */
export function readPostSafely(adapter: SiteAdapter, post: Element, context: ReadContext): PostMeta {
  let failure: string;
  try {
    const result = postMetaSchema.safeParse(adapter.read(post, context));
    if (result.success) return result.data;
    failure = `its result did not fit the record: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`;
  } catch (error) {
    failure = `it threw: ${describeError(error)}`;
  }
  const note = { field: 'adapter', reason: `the ${adapter.id} adapter ${adapter.version} failed (${failure}); read by the generic adapter` };
  if (adapter.id === genericAdapter.id) return { ...readBare(post, adapter), missing: [note] };
  const fallback = readPostSafely(genericAdapter, post, context);
  // The page is still the failed adapter's platform: say so, and which reader actually read it.
  return { ...fallback, platform: adapter.platform, missing: [note, ...fallback.missing] };
}

/** The least a record can hold when even the generic adapter fails: the post's visible text. */
function readBare(post: Element, adapter: SiteAdapter): PostMeta {
  let text = '';
  try {
    text = readText(post, { layout: true, imageAlt: 'emoji' });
  } catch (error) {
    text = `(text unreadable: ${describeError(error)})`;
  }
  return {
    platform: adapter.platform,
    adapter: { id: adapter.id, version: adapter.version },
    author: {},
    postTime: { source: 'none' },
    text,
    mediaUrls: [],
    isReply: false,
    missing: [],
  };
}

/**
 * The post the person meant: the one containing `hint.node`, else the one containing a link to
 * `hint.linkUrl` (the context menu on a post's timestamp gives only its URL), else null.
 */
export function locatePost(adapter: SiteAdapter, document: Document, url: URL, hint: PostHint): Element | null {
  if (hint.node) {
    const post = adapter.closestPost(hint.node);
    if (post !== null) return post;
  }
  const target = resolveUrl(hint.linkUrl, url);
  if (target === undefined) return null;
  for (const link of Array.from(document.querySelectorAll('a[href]'))) {
    if (resolveUrl(link.getAttribute('href'), url) !== target) continue;
    const post = adapter.closestPost(link);
    if (post !== null) return post;
  }
  return null;
}
