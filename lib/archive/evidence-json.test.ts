import { describe, expect, test } from 'vitest';
import type { CaptureRecord } from '../evidence/record.ts';
import { createTestRecord } from '../evidence/test-records.ts';
import { archivePathSchema, buildEvidenceJson, evidenceArchiveSchema, evidenceJsonSchema, type EvidenceJsonInput } from './evidence-json.ts';
import { planItemFiles } from './item-files.ts';

function inputWith(records: CaptureRecord[]): EvidenceJsonInput {
  return {
    exportedAt: { utc: '2026-12-01T10:00:00.000Z', zone: 'Europe/Amsterdam', offset: '+01:00', local: '2026-12-01T11:00:00.000+01:00' },
    tool: { name: 'Safelog', version: '0.1.0', browser: 'Chromium 156' },
    label: 'aangifte',
    locale: 'nl',
    options: { includePrivateNotes: false, includeRiskChecklist: false, includeImpactNotes: true },
    items: planItemFiles(records).map((plan, index) => ({ record: records[index]!, folder: plan.folder, files: plan.files, stamped: plan.stampedPaths })),
  };
}

function recordAt(iso: string): CaptureRecord {
  const base = createTestRecord();
  return { ...base, meta: { ...base.meta, postTime: { iso, source: 'datetime-attribute' } } };
}

describe('buildEvidenceJson', () => {
  test('writes the format marker and every record exactly as given', () => {
    const records = [createTestRecord(), createTestRecord()];
    const actual = JSON.parse(buildEvidenceJson(inputWith(records))) as Record<string, unknown>;
    expect(actual).toMatchObject({ format: 'safelog-evidence', formatVersion: 1, locale: 'nl', label: 'aangifte' });
    const byId = (a: CaptureRecord, b: CaptureRecord): number => a.id.localeCompare(b.id);
    expect((actual.items as { record: CaptureRecord }[]).map((item) => item.record).sort(byId)).toEqual([...records].sort(byId));
    expect(evidenceArchiveSchema.safeParse(actual).success).toBe(true);
  });

  test('puts items in chronological order and ends with a newline', () => {
    const [late, early] = [recordAt('2026-11-27T20:00:00Z'), recordAt('2026-11-20T08:00:00Z')];
    const text = buildEvidenceJson(inputWith([late, early]));
    const actual = (JSON.parse(text) as { items: { record: CaptureRecord }[] }).items.map((item) => item.record.id);
    expect(actual).toEqual([early.id, late.id]);
    expect(text.endsWith('}\n')).toBe(true);
  });

  test.each([
    ['an invalid record', (input: EvidenceJsonInput) => { (input.items[0]!.record as { id: string }).id = 'not-a-uuid'; }],
    ['a path escaping the archive', (input: EvidenceJsonInput) => { input.items[0]!.folder = '../outside/'; }],
  ])('refuses %s', (_name, spoil) => {
    const input = inputWith([createTestRecord()]);
    spoil(input);
    expect(() => buildEvidenceJson(input)).toThrow();
  });
});

describe('archivePathSchema', () => {
  test.each([
    ['items/2026-11-27_x_a_1/', true],
    ['items/2026-11-27_x_a_1/raw-screenshot-1.png', true],
    ['README.txt', true],
    ['items/a..b/x.png', true],
    ['/etc/passwd', false],
    ['../x', false],
    ['items/../x', false],
    ['items/..', false],
    ['./x', false],
    ['items//x', false],
    ['items\\x', false],
    ['a\nb', false],
    ['a\u0000b', false],
    ['', false],
  ])('%j → %s', (path, expected) => {
    const actual = archivePathSchema.safeParse(path).success;
    expect(actual).toBe(expected);
  });
});

// A hand check instead of a validator dependency: the keywords zod emits, each implemented here,
// and the test fails on any keyword it does not know (so a zod update cannot slip one past it).
type Schema = Record<string, unknown>;
const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'format']);
const CHECKED = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'pattern', 'minLength', 'minItems', 'minimum', 'maximum', 'exclusiveMinimum', 'propertyNames']);

/** The JSON Schema 2020-12 keywords (core, applicator, validation, meta-data, format-annotation). */
const DRAFT_2020_12_KEYWORDS = new Set([
  '$schema', '$id', '$ref', '$defs', '$anchor', '$dynamicRef', '$dynamicAnchor', '$vocabulary', '$comment',
  'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas', 'prefixItems', 'items', 'contains',
  'properties', 'patternProperties', 'additionalProperties', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties',
  'type', 'enum', 'const', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength',
  'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxContains', 'minContains', 'maxProperties',
  'minProperties', 'required', 'dependentRequired', 'title', 'description', 'default', 'deprecated', 'readOnly',
  'writeOnly', 'examples', 'format', 'contentEncoding', 'contentMediaType', 'contentSchema',
]);

function keywordsOf(schema: Schema, found = new Set<string>()): Set<string> {
  for (const [key, value] of Object.entries(schema)) {
    found.add(key);
    if (key === 'properties') for (const child of Object.values(value as Record<string, Schema>)) keywordsOf(child, found);
    if ((key === 'items' || key === 'additionalProperties' || key === 'propertyNames') && typeof value === 'object') keywordsOf(value as Schema, found);
  }
  return found;
}

function errorsOf(schema: Schema, value: unknown, at = '$'): string[] {
  const errors: string[] = [];
  const fail = (why: string): number => errors.push(`${at}: ${why}`);
  const type = schema.type as string | undefined;
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (type === 'object' && !isObject) return [`${at}: not an object`];
  if (type === 'array' && !Array.isArray(value)) return [`${at}: not an array`];
  if (type === 'string' && typeof value !== 'string') return [`${at}: not a string`];
  if (type === 'number' && typeof value !== 'number') return [`${at}: not a number`];
  if (type === 'integer' && !Number.isInteger(value)) return [`${at}: not an integer`];
  if (type === 'boolean' && typeof value !== 'boolean') return [`${at}: not a boolean`];
  if ('const' in schema && value !== schema.const) fail('const');
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) fail('enum');
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern as string, 'u').test(value)) fail(`pattern ${String(schema.pattern)}`);
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) fail('minLength');
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail('minimum');
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail('maximum');
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) fail('exclusiveMinimum');
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail('minItems');
    if (schema.items) value.forEach((child, index) => errors.push(...errorsOf(schema.items as Schema, child, `${at}[${index}]`)));
  }
  if (isObject) {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in value)) fail(`missing ${key}`);
    for (const [key, child] of Object.entries(value)) {
      if (schema.propertyNames) errors.push(...errorsOf(schema.propertyNames as Schema, key, `${at}{${key}}`));
      if (key in properties) errors.push(...errorsOf(properties[key]!, child, `${at}.${key}`));
      else if (schema.additionalProperties === false) fail(`unexpected ${key}`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...errorsOf(schema.additionalProperties as Schema, child, `${at}.${key}`));
    }
  }
  return errors;
}

describe('evidenceJsonSchema', () => {
  const schema = evidenceJsonSchema();

  test('declares draft 2020-12 and uses only its keywords, each one checked here', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const used = [...keywordsOf(schema)];
    expect(used.filter((keyword) => !DRAFT_2020_12_KEYWORDS.has(keyword))).toEqual([]);
    expect(used.filter((keyword) => !CHECKED.has(keyword) && !ANNOTATIONS.has(keyword))).toEqual([]);
  });

  test('every pattern compiles as an ECMA-262 unicode regex', () => {
    const patterns = JSON.stringify(schema).match(/"pattern":"((?:[^"\\]|\\.)*)"/g) ?? [];
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) expect(() => new RegExp(JSON.parse(pattern.slice('"pattern":'.length)) as string, 'u')).not.toThrow();
  });

  test('a built evidence.json is valid against it', () => {
    const json = JSON.parse(buildEvidenceJson(inputWith([createTestRecord(), createTestRecord()]))) as unknown;
    const actual = errorsOf(schema, json);
    expect(actual).toEqual([]);
  });

  test.each([
    ['a missing record field', (json: Schema) => { delete ((json.items as Schema[])[0]!.record as Schema).capturedAt; }, 'missing capturedAt'],
    ['an upper-case hash', (json: Schema) => { (((json.items as Schema[])[0]!.record as Schema).artifacts as Schema[])[0]!.sha256 = 'A'.repeat(64); }, 'pattern'],
    ['a path with ..', (json: Schema) => { (json.items as Schema[])[0]!.folder = 'items/../x/'; }, 'pattern'],
    ['another format version', (json: Schema) => { json.formatVersion = 2; }, 'const'],
    ['an unknown field', (json: Schema) => { json.extra = true; }, 'unexpected extra'],
  ])('rejects %s', (_name, spoil, expected) => {
    const json = JSON.parse(buildEvidenceJson(inputWith([createTestRecord()]))) as Schema;
    spoil(json);
    const actual = errorsOf(schema, json).join('\n');
    expect(actual).toContain(expected);
  });
});
