import { z } from 'zod';
import { canonicalJson } from './canonical-json.ts';
import { sha256HexSync } from './hash.ts';

/**
 * The forms of stalking a person can tag an item with (EVIDENCE.md), as stable ids; their words
 * in English and Dutch live in the locale files. A person's own tags are `own:<name>`.
 */
export const BUILT_IN_TAGS = [
  'unwanted-contact',
  'threat-violence',
  'threat-murder',
  'threat-suicide',
  'waiting-watching-following',
  'lies-rumours',
  'property-damaged',
  'orders-in-my-name',
  'people-around-me',
  'impersonation',
  'doxing',
  'sexual-harassment',
  'intimate-images',
  'hate',
] as const;
export type BuiltInTag = (typeof BUILT_IN_TAGS)[number];

const OWN_TAG = /^own:\S(?:.{0,58}\S)?$/u;

export const tagSchema = z.union([z.enum(BUILT_IN_TAGS), z.string().regex(OWN_TAG, 'own:<name>, 1 to 60 characters')]);
export type Tag = z.infer<typeof tagSchema>;

export const severitySchema = z.enum(['low', 'medium', 'high', 'severe']);
export type Severity = z.infer<typeof severitySchema>;

/**
 * What the person adds to an item. Kept apart from the capture record, which is never changed:
 * an annotation can be edited, each edit leaving an entry in the custody log.
 */
export const annotationSchema = z.object({
  captureId: z.string().min(1),
  tags: z.array(tagSchema).max(64),
  severity: severitySchema.optional(),
  /** Private by default: an export includes it only when the person says so. */
  note: z.string().max(20_000),
  /** "How this affected me": the impact courts weigh. */
  impact: z.string().max(20_000),
  updatedAt: z.iso.datetime(),
});
export type Annotation = z.infer<typeof annotationSchema>;
export type AnnotationPatch = Partial<Pick<Annotation, 'tags' | 'severity' | 'note' | 'impact'>>;

export function emptyAnnotation(captureId: string, at: string): Annotation {
  return { captureId, tags: [], note: '', impact: '', updatedAt: at };
}

/** Tags once each, in a stable order (built-in first, as listed, then the person's own, sorted). */
export function normaliseTags(tags: readonly Tag[]): Tag[] {
  const unique = [...new Set(tags)];
  const builtIn = BUILT_IN_TAGS.filter((tag) => unique.includes(tag));
  const own = unique.filter((tag) => !(BUILT_IN_TAGS as readonly string[]).includes(tag)).sort();
  return [...builtIn, ...own];
}

/**
 * Applies a patch and says what changed. The custody entry for the edit carries each changed
 * field's name and a salted hash of its new value, never the value: a private note must not travel
 * into an export's custody log, yet a note shown later (with the salt) can be checked against it.
 */
export function applyAnnotationPatch(
  current: Annotation,
  patch: AnnotationPatch,
  at: string,
  salt: string = randomSalt(),
): { next: Annotation; changes: Record<string, string> } {
  const next = annotationSchema.parse({
    ...current,
    ...patch,
    ...(patch.tags ? { tags: normaliseTags(patch.tags) } : {}),
    updatedAt: at,
  });
  const changes: Record<string, string> = {};
  for (const field of ['tags', 'severity', 'note', 'impact'] as const) {
    if (canonicalJson(next[field] ?? null) !== canonicalJson(current[field] ?? null)) {
      changes[field] = sha256HexSync(salt + canonicalJson(next[field] ?? null));
    }
  }
  // The salt makes a severity or a tag (a handful of possible values) impossible to guess from its hash.
  if (Object.keys(changes).length > 0) changes['salt'] = salt;
  return { next, changes };
}

function randomSalt(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
