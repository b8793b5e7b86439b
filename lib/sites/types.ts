import type { Platform, PostMeta } from '../evidence/schema.ts';

export interface ReadContext {
  /** The page's URL; links are resolved against it. */
  url: URL;
  document: Document;
  /** The capture time, for labels relative to now ("3 h"). */
  now: Date;
}

/**
 * One platform's reader. Every method takes the DOM it works on, so the same code runs
 * in the content script and over a fixture in a unit test.
 */
export interface SiteAdapter {
  readonly id: string;
  readonly version: string;
  readonly platform: Platform;
  /** Whether this adapter understands the page, judged by its DOM, not only its host name. */
  matches(document: Document, url: URL): boolean;
  /** Every post, message or comment element below `root`, in document order. */
  findPosts(root: ParentNode): Element[];
  /** The post element containing `node` (or `node` itself), or null. */
  closestPost(node: Element): Element | null;
  /** On a post's own page, its main post; elsewhere null. */
  mainPost(document: Document, url: URL): Element | null;
  /** Reads one post. Never throws for a field it cannot find: it names the field in `missing`. */
  read(post: Element, context: ReadContext): PostMeta;
}
