// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import type { CaptureRecord } from '../evidence/record.ts';
import { translatorFor } from '../i18n.ts';
import { createTestRecord } from '../evidence/test-records.ts';
import { describeEscalation, incidentTime, isoWeekLabel, renderWeeklyChartSvg, weeklyCounts } from './chart-svg.ts';
import { recordAt } from './report-fixtures.ts';

function record(iso: string, platform: CaptureRecord['meta']['platform'] = 'x'): CaptureRecord {
  return createTestRecord(recordAt(iso, platform));
}

describe('isoWeekLabel', () => {
  test.each([
    { monday: '2026-11-23', expected: '2026-W48' },
    { monday: '2025-12-29', expected: '2026-W01' }, // the week of 1 Jan 2026 (a Thursday) is week 1 of 2026
    { monday: '2020-12-28', expected: '2020-W53' },
    { monday: '2027-01-04', expected: '2027-W01' },
  ])('$monday → $expected', ({ monday, expected }) => {
    expect(isoWeekLabel(Date.parse(`${monday}T00:00:00Z`))).toBe(expected);
  });
});

describe('incidentTime', () => {
  test('post time when known, else capture time', () => {
    const withPost = record('2026-03-01T10:00:00Z');
    const withoutPost = createTestRecord({ meta: { ...withPost.meta, postTime: { source: 'none' } } });
    expect(incidentTime(withPost)).toBe('2026-03-01T10:00:00Z');
    expect(incidentTime(withoutPost)).toBe(withoutPost.capturedAt.utc);
  });
});

describe('weeklyCounts', () => {
  test('counts per ISO week and platform, with empty weeks in between', () => {
    const items = [record('2026-03-02T10:00:00Z'), record('2026-03-03T10:00:00Z', 'instagram'), record('2026-03-20T10:00:00Z')];
    const actual = weeklyCounts(items, 'Europe/Amsterdam');
    expect(actual.weeks.map((week) => [week.week, week.total])).toEqual([['2026-W10', 2], ['2026-W11', 0], ['2026-W12', 1]]);
    expect(actual.weeks[0]?.byPlatform).toEqual({ x: 1, instagram: 1 });
    expect(actual.platforms).toEqual(['x', 'instagram']);
  });

  test.each([
    // Sunday 23:30 UTC is already Monday in Amsterdam: the zone decides the week.
    { zone: 'UTC', expected: '2026-W10' },
    { zone: 'Europe/Amsterdam', expected: '2026-W11' },
  ])('uses the zone $zone for the week boundary', ({ zone, expected }) => {
    expect(weeklyCounts([record('2026-03-08T23:30:00Z')], zone).weeks[0]?.week).toBe(expected);
  });

  test.each([
    { name: 'rise after a full baseline', perWeek: [1, 1, 1, 1, 3], expected: [false, false, false, false, true] },
    { name: 'no baseline yet', perWeek: [1, 5], expected: [false, false] },
    { name: 'steady', perWeek: [2, 2, 2, 2, 2], expected: [false, false, false, false, false] },
    { name: 'one post after a quiet month', perWeek: [1, 0, 0, 0, 0, 1], expected: [false, false, false, false, false, false] },
    { name: 'two posts after a quiet month', perWeek: [1, 0, 0, 0, 0, 2], expected: [false, false, false, false, false, true] },
  ])('escalation: $name', ({ perWeek, expected }) => {
    const items = perWeek.flatMap((count, week) => Array.from({ length: count }, (_, index) => record(new Date(Date.UTC(2026, 2, 2 + week * 7, 9 + index)).toISOString())));
    const actual = weeklyCounts(items, 'UTC').weeks.map((week) => week.escalation);
    expect(actual).toEqual(expected);
  });

  test('empty input gives no weeks', () => {
    expect(weeklyCounts([], 'UTC')).toEqual({ weeks: [], platforms: [], zone: 'UTC' });
  });
});

describe('renderWeeklyChartSvg', () => {
  const items = [1, 1, 1, 1, 4].flatMap((count, week) => Array.from({ length: count }, (_, index) => record(new Date(Date.UTC(2026, 2, 2 + week * 7, 9 + index)).toISOString(), index % 2 ? 'instagram' : 'x')));

  test.each(['en', 'nl'] as const)('parses as SVG with title, desc and the escalation week marked (%s)', (locale) => {
    const t = translatorFor(locale);
    const counts = weeklyCounts(items, 'UTC');
    const svg = renderWeeklyChartSvg(counts, t);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.querySelector('title')?.textContent).toBe(t('archiveReportChartTitle'));
    expect(doc.querySelector('desc')?.textContent).toContain('2026-W14');
    expect(doc.querySelectorAll('.escalation')).toHaveLength(1);
    expect(describeEscalation(counts, t)).toContain('2026-W14');
  });

  test('escapes every text it draws', () => {
    const t = (() => '<script>alert(1)</script>') as unknown as ReturnType<typeof translatorFor>;
    const svg = renderWeeklyChartSvg({ ...weeklyCounts(items, 'UTC'), zone: '"><script>' }, t);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
  });
});
