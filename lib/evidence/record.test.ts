import { describe, expect, test } from 'vitest';
import { describeCaptureTime } from './capture-time.ts';
import { captureRecordSchema } from './record.ts';
import { postMetaSchema } from './schema.ts';
import { createTestRecord } from './test-records.ts';

describe('capture record schema', () => {
  test('accepts a complete record', () => {
    expect(captureRecordSchema.safeParse(createTestRecord()).success).toBe(true);
  });

  test.each([
    ['an upper-case hash', (r: ReturnType<typeof createTestRecord>) => ({ ...r, artifacts: [{ ...r.artifacts[0]!, sha256: 'A'.repeat(64) }] })],
    ['no artifacts', (r: ReturnType<typeof createTestRecord>) => ({ ...r, artifacts: [] })],
    ['a capture time without Z', (r: ReturnType<typeof createTestRecord>) => ({ ...r, capturedAt: { ...r.capturedAt, utc: '2026-11-28T09:30:00' } })],
    ['a post time without offset', (r: ReturnType<typeof createTestRecord>) => ({ ...r, meta: { ...r.meta, postTime: { source: 'label', iso: '2026-11-27T18:02' } } })],
    ['an unknown platform', (r: ReturnType<typeof createTestRecord>) => ({ ...r, meta: { ...r.meta, platform: 'myspace' } })],
    ['a future schema version', (r: ReturnType<typeof createTestRecord>) => ({ ...r, schemaVersion: 2 })],
  ])('rejects %s', (_name, mutate) => {
    expect(captureRecordSchema.safeParse(mutate(createTestRecord())).success).toBe(false);
  });

  test('post meta keeps hostile text as it is', () => {
    const text = '<img src=x onerror=alert(1)>\u202Eevil\u200B';
    const parsed = postMetaSchema.parse({ ...createTestRecord().meta, text });
    expect(parsed.text).toBe(text);
  });
});

describe('describeCaptureTime', () => {
  test.each([
    ['2026-11-28T09:30:00.000Z', 'Europe/Amsterdam', '+01:00', '2026-11-28T10:30:00.000+01:00'],
    ['2026-07-01T09:30:00.000Z', 'Europe/Amsterdam', '+02:00', '2026-07-01T11:30:00.000+02:00'],
    ['2026-11-28T09:30:00.000Z', 'America/St_Johns', '-03:30', '2026-11-28T06:00:00.000-03:30'],
    ['2026-11-28T09:30:00.000Z', 'UTC', '+00:00', '2026-11-28T09:30:00.000+00:00'],
  ])('%s in %s', (utc, zone, expectedOffset, expectedLocal) => {
    const actual = describeCaptureTime(new Date(utc), zone);
    expect(actual).toEqual({ utc, zone, offset: expectedOffset, local: expectedLocal });
  });
});
