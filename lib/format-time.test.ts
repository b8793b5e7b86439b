import { describe, expect, test } from 'vitest';
import { formatCaptureTime, formatInstant, formatPostTime, formatUtc, isTimeZone } from './format-time.ts';

describe('formatInstant', () => {
  test.each([
    ['2025-11-27T13:03:12Z', 'en-GB', 'Europe/Amsterdam', '27 Nov 2025, 14:03:12 CET'],
    ['2025-07-01T08:00:00Z', 'en-GB', 'Europe/Amsterdam', '1 Jul 2025, 10:00:00 CEST'],
    ['2025-11-27T13:03:12Z', 'en-GB', 'UTC', '27 Nov 2025, 13:03:12 UTC'],
    ['2025-11-27T13:03:12+01:00', 'nl', 'Europe/Amsterdam', '27 nov 2025, 13:03:12 CET'],
  ])('%s in %s, %s', (iso, locale, timeZone, expected) => {
    // Intl may put a narrow no-break space in; compare with ordinary spaces.
    expect(formatInstant(iso, { locale, timeZone }).replace(/\s/g, ' ')).toBe(expected);
  });

  test('names the zone even without one given', () => {
    expect(formatInstant('2025-11-27T13:03:12Z', { locale: 'en' })).toMatch(/[A-Z]{2,}|GMT/);
  });

  test('an unreadable time comes back as it was', () => {
    expect(formatInstant('yesterday', { locale: 'en' })).toBe('yesterday');
  });
});

describe('formatUtc', () => {
  test.each([
    ['2025-11-27T13:03:12.456Z', '2025-11-27 13:03:12 UTC'],
    ['2025-11-27T14:03:12+01:00', '2025-11-27 13:03:12 UTC'],
    ['not a time', 'not a time'],
  ])('%s', (iso, expected) => {
    expect(formatUtc(iso)).toBe(expected);
  });
});

describe('formatCaptureTime', () => {
  const utc = '2025-11-27T13:03:12.000Z';
  test.each([
    ['Europe/Amsterdam', '27 Nov 2025, 14:03:12 CET'],
    ['America/New_York', '27 Nov 2025, 08:03:12 GMT-5'],
    ['Not/AZone', '27 Nov 2025, 13:03:12 UTC'],
  ])('in the capturing machine zone %s', (zone, expected) => {
    const actual = formatCaptureTime({ utc, zone, offset: '+01:00', local: '2025-11-27T14:03:12+01:00' }, 'en-GB');
    expect(actual.replace(/\s/g, ' ')).toBe(expected);
  });
});

describe('formatPostTime', () => {
  test.each([
    [{ shown: '3h', iso: '2025-11-27T10:00:00Z', source: 'datetime-attribute' as const }, { shown: '3h', local: '27 Nov 2025, 11:00:00 CET' }],
    [{ shown: '27 nov.', source: 'label' as const }, { shown: '27 nov.' }],
    [{ iso: '2025-11-27T10:00:00Z', source: 'json-ld' as const }, { local: '27 Nov 2025, 11:00:00 CET' }],
    [{ source: 'none' as const }, {}],
  ])('%j', (postTime, expected) => {
    const actual = formatPostTime(postTime, { locale: 'en-GB', timeZone: 'Europe/Amsterdam' });
    expect({ ...actual, ...(actual.local ? { local: actual.local.replace(/\s/g, ' ') } : {}) }).toEqual(expected);
  });
});

test.each([
  ['Europe/Amsterdam', true],
  ['UTC', true],
  ['Mars/Olympus', false],
])('isTimeZone(%s) is %s', (zone, expected) => {
  expect(isTimeZone(zone)).toBe(expected);
});
