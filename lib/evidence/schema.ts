import { z } from 'zod';

/** Platforms Safelog reads; `web` is the generic fallback for any other page. */
export const platformSchema = z.enum([
  'x', 'bluesky', 'mastodon', 'reddit', 'facebook', 'instagram', 'threads', 'tiktok',
  'youtube', 'linkedin', 'discord', 'whatsapp', 'telegram', 'web',
]);
export type Platform = z.infer<typeof platformSchema>;

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase SHA-256 hex digest');

/** An ISO-8601 timestamp that carries its offset (`Z` or `+01:00`). */
export const isoWithOffsetSchema = z.iso.datetime({ offset: true });

/** Where a post's time was read from: courts ask how a date is known, not only what it is. */
export const timeSourceSchema = z.enum([
  'datetime-attribute', // <time datetime="…">, the platform's own machine time
  'json-ld', // schema.org datePublished in a JSON-LD block
  'meta-tag', // OpenGraph article:published_time and the like
  'microdata', // itemprop="datePublished"
  'readability', // @mozilla/readability's publishedTime
  'label', // a shown label such as "3 h" or "27 nov.", parsed
  'id', // derived from the post id (X snowflake, Bluesky TID, …)
  'none',
]);
export type TimeSource = z.infer<typeof timeSourceSchema>;

export const postTimeSchema = z.object({
  /** The time exactly as the page shows it to a person. */
  shown: z.string().optional(),
  /** Machine time with offset. */
  iso: isoWithOffsetSchema.optional(),
  source: timeSourceSchema,
  precision: z.enum(['millisecond', 'second', 'minute', 'hour', 'day', 'month']).optional(),
});
export type PostTime = z.infer<typeof postTimeSchema>;

export const authorSchema = z.object({
  displayName: z.string().optional(),
  handle: z.string().optional(),
  profileUrl: z.string().optional(),
  /** A stable account id where the page exposes one: handles change, ids don't. */
  accountId: z.string().optional(),
});
export type Author = z.infer<typeof authorSchema>;

/** A field the adapter could not read, and why: a record says what it lacks. */
export const missingFieldSchema = z.object({ field: z.string(), reason: z.string() });
export type MissingField = z.infer<typeof missingFieldSchema>;

export const postRefSchema = z.object({
  permalink: z.string().optional(),
  postId: z.string().optional(),
  handle: z.string().optional(),
});
export type PostRef = z.infer<typeof postRefSchema>;

/** What an adapter reads from one post. */
export const postMetaSchema = z.object({
  platform: platformSchema,
  adapter: z.object({ id: z.string(), version: z.string() }),
  permalink: z.string().optional(),
  postId: z.string().optional(),
  author: authorSchema,
  postTime: postTimeSchema,
  text: z.string(),
  mediaUrls: z.array(z.string()),
  isReply: z.boolean(),
  /** The post this one replies to, where the page shows it. */
  parent: postRefSchema.optional(),
  /** The post this one quotes. */
  quoted: postRefSchema.optional(),
  missing: z.array(missingFieldSchema),
});
export type PostMeta = z.infer<typeof postMetaSchema>;
