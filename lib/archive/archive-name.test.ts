import { describe, expect, test } from 'vitest';
import { archiveFileName, slugifyLabel } from './archive-name.ts';

describe('archiveFileName', () => {
  test.each([
    ['no label', '2026-11-28T09:30:00Z', 'Europe/Amsterdam', undefined, 'safelog-evidence-2026-11-28.zip'],
    ['an empty label', '2026-11-28T09:30:00Z', 'Europe/Amsterdam', '', 'safelog-evidence-2026-11-28.zip'],
    ['a label of only symbols', '2026-11-28T09:30:00Z', 'Europe/Amsterdam', '!!! 🙂 ///', 'safelog-evidence-2026-11-28.zip'],
    ['a plain label', '2026-11-28T09:30:00Z', 'Europe/Amsterdam', 'Aangifte politie', 'safelog-evidence-2026-11-28-aangifte-politie.zip'],
    ['the zone date after midnight UTC+1', '2026-11-28T23:30:00Z', 'Europe/Amsterdam', undefined, 'safelog-evidence-2026-11-29.zip'],
    ['the zone date before midnight UTC-5', '2026-11-29T03:00:00Z', 'America/New_York', undefined, 'safelog-evidence-2026-11-28.zip'],
    ['summer time', '2026-07-01T22:30:00Z', 'Europe/Amsterdam', undefined, 'safelog-evidence-2026-07-02.zip'],
    ['a path in the label', '2026-11-28T09:30:00Z', 'UTC', '../../etc/passwd', 'safelog-evidence-2026-11-28-etc-passwd.zip'],
  ])('%s', (_name, instant, zone, label, expected) => {
    const actual = archiveFileName(new Date(instant), zone, label);
    expect(actual).toBe(expected);
  });
});

describe('slugifyLabel', () => {
  test.each([
    ['lower case', 'ZAAK', 'zaak'],
    ['accents dropped, not replaced', 'Café Noël', 'cafe-noel'],
    ['runs become one dash', 'a -- b__c  d', 'a-b-c-d'],
    ['no leading or trailing dash', '  -x- ', 'x'],
    ['NUL and RTL override', 'a\u0000b\u202Ec', 'a-b-c'],
    ['at most 40 characters', 'x'.repeat(500), 'x'.repeat(40)],
    ['no trailing dash after the cut', `${'x'.repeat(39)} yz`, 'x'.repeat(39)],
    ['fullwidth letters', 'ＡＢＣ', 'abc'],
  ])('%s', (_name, label, expected) => {
    const actual = slugifyLabel(label);
    expect(actual).toBe(expected);
    expect(actual).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/);
  });
});
