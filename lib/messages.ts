import { z } from 'zod';
import { ERROR_CODES } from './errors.ts';
import { postMetaSchema } from './evidence/schema.ts';
import { rectSchema } from './evidence/record.ts';

/**
 * Runtime messages between the background, the content script and the extension pages.
 * Every message is parsed on arrival: a page can't forge a content script's messages, but a
 * stale script from an older version can send shapes this one does not know.
 */

const layoutSchema = z.object({
  viewport: z.object({ width: z.number().positive(), height: z.number().positive(), devicePixelRatio: z.number().positive() }),
  scrollX: z.number(),
  scrollY: z.number(),
  /** Largest scrollY the page allows. */
  maxScrollY: z.number().nonnegative(),
  /** Fixed or sticky bars over the viewport's top and bottom edges, in CSS px. */
  obstructions: z.object({ top: z.number().nonnegative(), bottom: z.number().nonnegative() }),
});
export type PageLayout = z.infer<typeof layoutSchema>;

export const locateModeSchema = z.enum([
  'target', // the post under the pointer (right-click)
  'main', // the main post of a post's own page
  'page', // the whole page
]);
export type LocateMode = z.infer<typeof locateModeSchema>;

// Background → content script.
export const contentRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('locate'), mode: locateModeSchema, linkUrl: z.string().optional(), now: z.string() }),
  z.object({ type: z.literal('locate-picked'), now: z.string() }),
  z.object({ type: z.literal('scroll-to'), y: z.number() }),
  z.object({ type: z.literal('serialize-page') }),
  z.object({ type: z.literal('render-post') }),
  z.object({ type: z.literal('pick') }),
  z.object({ type: z.literal('toast'), state: z.enum(['saving', 'saved', 'failed']), errorCode: z.enum(ERROR_CODES).optional() }),
]);
export type ContentRequest = z.infer<typeof contentRequestSchema>;

export const locateResultSchema = z.discriminatedUnion('found', [
  z.object({
    found: z.literal(true),
    page: z.object({ url: z.string(), title: z.string() }),
    meta: postMetaSchema,
    /** The post (or page) rectangle in document CSS px. */
    rect: rectSchema,
    layout: layoutSchema,
  }),
  z.object({ found: z.literal(false) }),
]);
export type LocateResult = z.infer<typeof locateResultSchema>;
export type LocatedPost = Extract<LocateResult, { found: true }>;

/** After a scroll: where the window is, and where the post is now (a page that moved it is caught). */
export const scrollResultSchema = layoutSchema.omit({ obstructions: true }).extend({ postRect: rectSchema.optional() });
export type ScrollResult = z.infer<typeof scrollResultSchema>;
export const serializedPageSchema = z.object({ html: z.string() });
export const renderedPostSchema = z.object({ pngBase64: z.string(), width: z.number().int().positive(), height: z.number().int().positive() });

// Content script → background.
export const contentEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('picked') }),
  z.object({ type: z.literal('pick-page') }),
  z.object({ type: z.literal('pick-cancelled') }),
]);
export type ContentEvent = z.infer<typeof contentEventSchema>;

// Extension pages → background.
export const captureRequestSchema = z.object({
  type: z.literal('capture'),
  what: z.enum(['post', 'pick', 'page']),
  trigger: z.enum(['popup', 'toolbar', 'shortcut', 'context-menu']),
  /** The tab to capture; the active tab of the last focused window when absent. */
  tabId: z.number().int().nonnegative().optional(),
});
export type CaptureRequest = z.infer<typeof captureRequestSchema>;

export const captureOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), captureId: z.string() }),
  /** No post was found where the person asked: the picker is open in the page. */
  z.object({ status: z.literal('picking') }),
  z.object({ status: z.literal('failed'), code: z.enum(ERROR_CODES), detail: z.string().optional() }),
]);
export type CaptureOutcome = z.infer<typeof captureOutcomeSchema>;
