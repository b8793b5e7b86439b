import { describe, expect, test } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { sha256HexSync } from './hash.ts';
import { annotationSchema, applyAnnotationPatch, emptyAnnotation, normaliseTags, tagSchema } from './annotations.ts';

const AT = '2026-11-28T10:00:00.000Z';
const LATER = '2026-11-28T11:00:00.000Z';

describe('tags', () => {
  test.each([
    ['threat-violence', true],
    ['doxing', true],
    ['own:neighbour', true],
    ['own:de buurman van 3 hoog', true],
    ['own:', false],
    ['own: padded', false],
    ['own:' + 'x'.repeat(61), false],
    ['threats', false],
    ['', false],
  ])('%j is a tag: %s', (tag, expected) => {
    expect(tagSchema.safeParse(tag).success).toBe(expected);
  });

  test('normalised once each, built-in in their order, own tags sorted after', () => {
    expect(normaliseTags(['own:b', 'doxing', 'unwanted-contact', 'own:a', 'doxing'])).toEqual(['unwanted-contact', 'doxing', 'own:a', 'own:b']);
  });
});

describe('applyAnnotationPatch', () => {
  test('records which fields changed, with a hash of the new value and never the value', () => {
    const current = emptyAnnotation('c1', AT);

    const { next, changes } = applyAnnotationPatch(current, { note: 'He stood at the school gate.', severity: 'high' }, LATER, 'f00d');

    expect(next).toEqual({ ...current, note: 'He stood at the school gate.', severity: 'high', updatedAt: LATER });
    expect(changes).toEqual({
      note: sha256HexSync('f00d' + canonicalJson('He stood at the school gate.')),
      severity: sha256HexSync('f00d' + canonicalJson('high')),
      salt: 'f00d',
    });
    expect(JSON.stringify(changes)).not.toContain('school');
  });

  test('each edit has its own salt, so the same severity never hashes the same twice', () => {
    const first = applyAnnotationPatch(emptyAnnotation('c1', AT), { severity: 'severe' }, LATER).changes;
    const second = applyAnnotationPatch(emptyAnnotation('c2', AT), { severity: 'severe' }, LATER).changes;

    expect(first['salt']).toMatch(/^[0-9a-f]{32}$/);
    expect(first['severity']).not.toBe(second['severity']);
  });

  test('an unchanged value is no change', () => {
    const current = { ...emptyAnnotation('c1', AT), tags: ['doxing' as const], note: 'same' };

    const { changes } = applyAnnotationPatch(current, { tags: ['doxing'], note: 'same' }, LATER);

    expect(changes).toEqual({});
  });

  test('invalid input is refused, not stored', () => {
    expect(() => applyAnnotationPatch(emptyAnnotation('c1', AT), { tags: ['not-a-tag' as never] }, LATER)).toThrow();
    expect(() => applyAnnotationPatch(emptyAnnotation('c1', AT), { severity: 'extreme' as never }, LATER)).toThrow();
  });

  test('the schema keeps hostile text as it is', () => {
    const note = '<script>alert(1)</script>\u202e';
    expect(annotationSchema.parse({ ...emptyAnnotation('c1', AT), note }).note).toBe(note);
  });
});
