import { z } from 'zod';
import { isoWithOffsetSchema, postMetaSchema, sha256HexSchema } from './schema.ts';

export const SCHEMA_VERSION = 1;

export const artifactKindSchema = z.enum([
  'raw-screenshot', // exactly the bytes captureVisibleTab returned, one per screen
  'post-image', // the post cut from the raw screenshots (one per tile when very tall)
  'page-snapshot', // MHTML from pageCapture, or serialized HTML where that API is missing
  'thumbnail', // small preview for lists; never evidence
]);
export type ArtifactKind = z.infer<typeof artifactKindSchema>;

export const artifactSchema = z.object({
  id: z.string().min(1),
  kind: artifactKindSchema,
  mime: z.string().min(1),
  /** Bytes stored; the hash is over exactly these bytes. */
  size: z.number().int().nonnegative(),
  sha256: sha256HexSchema,
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  /** `pixels`: cut from the browser's own screenshot; `rendered`: drawn by html2canvas, not the screen. */
  imageSource: z.enum(['pixels', 'rendered']).optional(),
  /** For a post image split beyond the canvas limits. */
  tile: z.object({ index: z.number().int().nonnegative(), count: z.number().int().positive() }).optional(),
  /** Hashes of the originals this artifact was made from (a crop is linked to its screenshots). */
  derivedFrom: z.array(sha256HexSchema).optional(),
});
export type Artifact = z.infer<typeof artifactSchema>;

export const captureTimeSchema = z.object({
  /** UTC, ISO-8601 with `Z`. */
  utc: z.iso.datetime(),
  /** IANA zone of the person's machine, e.g. Europe/Amsterdam. */
  zone: z.string().min(1),
  /** That zone's offset at the capture instant, e.g. +01:00. */
  offset: z.string().regex(/^[+-]\d{2}:\d{2}$/),
  /** The same instant as local time with offset. */
  local: isoWithOffsetSchema,
});
export type CaptureTime = z.infer<typeof captureTimeSchema>;

export const triggerSchema = z.enum(['context-menu', 'shortcut', 'toolbar', 'popup', 'picker']);
export type Trigger = z.infer<typeof triggerSchema>;

export const rectSchema = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
export type Rect = z.infer<typeof rectSchema>;

export const captureRecordSchema = z.object({
  id: z.string().uuid(),
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** `post`: one post, cut out; `page`: the whole page. */
  kind: z.enum(['post', 'page']),
  trigger: triggerSchema,
  capturedAt: captureTimeSchema,
  page: z.object({ url: z.string(), title: z.string() }),
  meta: postMetaSchema,
  artifacts: z.array(artifactSchema).min(1),
  /** The post's rectangle in document CSS pixels at capture. */
  postRect: rectSchema.optional(),
  viewport: z.object({
    width: z.number().positive(),
    height: z.number().positive(),
    devicePixelRatio: z.number().positive(),
  }),
  snapshot: z.object({ method: z.enum(['mhtml', 'html', 'none']), attempts: z.number().int().nonnegative(), error: z.string().optional() }),
  environment: z.object({
    browser: z.string(),
    userAgent: z.string(),
    extensionVersion: z.string(),
  }),
});
export type CaptureRecord = z.infer<typeof captureRecordSchema>;
