import { z } from 'zod';
import { captureRecordSchema, captureTimeSchema } from '../evidence/record.ts';
import { compareArchiveOrder } from './item-files.ts';

export const EVIDENCE_FORMAT = 'safelog-evidence';
export const EVIDENCE_FORMAT_VERSION = 1;

/**
 * A path inside the archive: relative, `/`-separated, no empty, `.` or `..` segment, no backslash
 * or control character. A regex rather than a refine so the JSON Schema carries it as `pattern`.
 */
export const archivePathSchema = z
  .string()
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it must refuse
  .regex(/^(?!(?:[^/]*\/)*\.{1,2}(?:\/|$))(?:[^/\\\u0000-\u001f\u007f]+\/)*[^/\\\u0000-\u001f\u007f]+\/?$/, 'a relative archive path');

export const archiveItemSchema = z.object({
  /** The CaptureRecord exactly as stored. */
  record: captureRecordSchema,
  folder: archivePathSchema,
  /** Artifact id → path of the original file. */
  files: z.record(z.string(), archivePathSchema),
  /** Artifact id of an image → path of its stamped working copy. */
  stamped: z.record(z.string(), archivePathSchema),
});
export type ArchiveItem = z.infer<typeof archiveItemSchema>;

export const exportOptionsSchema = z.object({
  includePrivateNotes: z.boolean(),
  includeRiskChecklist: z.boolean(),
  includeImpactNotes: z.boolean(),
});
export type ExportOptions = z.infer<typeof exportOptionsSchema>;

export const toolSchema = z.object({ name: z.string(), version: z.string(), browser: z.string() });
export type ToolInfo = z.infer<typeof toolSchema>;

/** evidence.json, format 1 (FORMAT.md, "evidence.json"). */
export const evidenceArchiveSchema = z.object({
  format: z.literal(EVIDENCE_FORMAT),
  formatVersion: z.literal(EVIDENCE_FORMAT_VERSION),
  exportedAt: captureTimeSchema,
  tool: toolSchema,
  label: z.string().optional(),
  locale: z.enum(['en', 'nl']),
  caseDescription: z.string().optional(),
  options: exportOptionsSchema,
  items: z.array(archiveItemSchema),
});
export type EvidenceArchive = z.infer<typeof evidenceArchiveSchema>;

/** What the exporter knows; the format marker is added here so no caller can get it wrong. */
export type EvidenceJsonInput = Omit<EvidenceArchive, 'format' | 'formatVersion'>;

/**
 * The text of evidence.json: validated against the schema (a record that fails is a programmer
 * error, so this throws), items in chronological order, pretty-printed, ending in a newline.
 */
export function buildEvidenceJson(input: EvidenceJsonInput): string {
  const archive = evidenceArchiveSchema.parse({ ...input, format: EVIDENCE_FORMAT, formatVersion: EVIDENCE_FORMAT_VERSION });
  // A stable sort: items the exporter already put in order (and numbered folders by) stay as they are.
  archive.items = [...archive.items].sort((a, b) => compareArchiveOrder(a.record, b.record));
  return `${JSON.stringify(archive, null, 2)}\n`;
}

/** The JSON Schema (draft 2020-12) of evidence.json, written to schema.json so anyone can check it. */
export function evidenceJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(evidenceArchiveSchema, { target: 'draft-2020-12' }),
    title: 'Safelog evidence archive, format 1 (evidence.json)',
  };
}
