import { annotationSchema, applyAnnotationPatch, emptyAnnotation, type Annotation, type AnnotationPatch } from '../evidence/annotations.ts';
import { createCustodyEntry, type CustodyEntry } from '../evidence/custody.ts';
import type { SafelogDb } from './schema.ts';

/** The person's annotation of a capture; an empty one when there is none yet. */
export async function getAnnotation(db: SafelogDb, captureId: string, now = new Date()): Promise<Annotation> {
  const row = await db.get('annotations', captureId);
  return row ? annotationSchema.parse(row) : emptyAnnotation(captureId, now.toISOString());
}

/**
 * Edits an annotation and appends an "edited" custody entry naming the changed fields (with hashes
 * of their new values), in one transaction. The capture record itself is never touched. An edit
 * that changes nothing writes nothing.
 */
export async function updateAnnotation(
  db: SafelogDb,
  captureId: string,
  patch: AnnotationPatch,
  now = new Date(),
): Promise<{ annotation: Annotation; entry?: CustodyEntry }> {
  const at = now.toISOString();
  const tx = db.transaction(['captures', 'annotations', 'custody'], 'readwrite');
  if ((await tx.objectStore('captures').count(captureId)) === 0) {
    tx.done.catch(() => undefined); // aborted on purpose: nothing to report
    tx.abort();
    throw new Error(`No capture ${captureId} to annotate`);
  }
  const stored = await tx.objectStore('annotations').get(captureId);
  const current = stored ? annotationSchema.parse(stored) : emptyAnnotation(captureId, at);
  const { next, changes } = applyAnnotationPatch(current, patch, at);
  if (Object.keys(changes).length === 0) {
    await tx.done;
    return { annotation: current };
  }
  const head = await tx.objectStore('custody').openCursor(null, 'prev');
  const entry = createCustodyEntry({ at, action: 'edited', subject: captureId, details: changes }, head?.value);
  await Promise.all([tx.objectStore('annotations').put(next), tx.objectStore('custody').add(entry), tx.done]);
  return { annotation: next, entry };
}
