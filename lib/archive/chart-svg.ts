import type { CaptureRecord } from '../evidence/record.ts';
import type { Platform } from '../evidence/schema.ts';
import type { Translator } from '../i18n.ts';
import { PLATFORM_LABELS } from '../../components/labels.ts';
import { escapeXml } from './escape-markup.ts';

/** How many weeks before a week its count is compared with. */
export const ESCALATION_WINDOW = 4;

/** One ISO week (Monday to Sunday, in the chosen zone) and what happened in it. */
export interface WeekCount {
  /** ISO week label, e.g. `2026-W48`. */
  week: string;
  /** The week's Monday, `YYYY-MM-DD`. */
  start: string;
  total: number;
  byPlatform: Partial<Record<Platform, number>>;
  /** At least two incidents, and more than the average of the {@link ESCALATION_WINDOW} weeks before it. */
  escalation: boolean;
  /** That average, when the week had enough weeks before it to judge. */
  priorAverage?: number;
}

export interface WeeklyCounts {
  /** Every week from the first incident's to the last's, weeks without incidents included. */
  weeks: WeekCount[];
  /** Platforms seen, most incidents first (ties by name), so stacks and legend keep one order. */
  platforms: Platform[];
  zone: string;
}

/**
 * When an incident happened: the post's own time when the page gave one, else the capture time.
 * Harassment is judged by when it was posted, not when the person found it.
 */
export function incidentTime(record: CaptureRecord): string {
  const postIso = record.meta.postTime.iso;
  if (postIso && !Number.isNaN(Date.parse(postIso))) return postIso;
  return record.capturedAt.utc;
}

const DAY_MS = 86_400_000;

/** The calendar date of an instant in `zone`, as a UTC midnight timestamp (so date arithmetic is exact). */
function zonedDay(iso: string, zone: string): number {
  // en-CA formats as YYYY-MM-DD.
  const text = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
  return Date.parse(`${text}T00:00:00Z`);
}

/** Monday of the ISO week holding the day `dayMs` (a UTC midnight). */
function mondayOf(dayMs: number): number {
  const weekday = (new Date(dayMs).getUTCDay() + 6) % 7; // Monday = 0
  return dayMs - weekday * DAY_MS;
}

/** `2026-W48` for the week starting on `mondayMs`: ISO 8601 weeks belong to the year of their Thursday. */
export function isoWeekLabel(mondayMs: number): string {
  const thursday = new Date(mondayMs + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursdayWeekMonday = mondayOf(Date.UTC(year, 0, 4));
  const week = Math.round((mondayMs - firstThursdayWeekMonday) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Incidents per ISO week in `zone`, split by platform, with every week of the span present
 * (a quiet week is a fact too) and escalation weeks marked. Pure, so the dashboard can reuse it.
 */
export function weeklyCounts(items: readonly CaptureRecord[], zone: string): WeeklyCounts {
  const byMonday = new Map<number, Partial<Record<Platform, number>>>();
  const platformTotals = new Map<Platform, number>();
  for (const record of items) {
    const monday = mondayOf(zonedDay(incidentTime(record), zone));
    const bucket = byMonday.get(monday) ?? {};
    const platform = record.meta.platform;
    bucket[platform] = (bucket[platform] ?? 0) + 1;
    byMonday.set(monday, bucket);
    platformTotals.set(platform, (platformTotals.get(platform) ?? 0) + 1);
  }
  const platforms = [...platformTotals.entries()]
    .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b))
    .map(([platform]) => platform);
  if (byMonday.size === 0) return { weeks: [], platforms, zone };

  const mondays = [...byMonday.keys()];
  const first = Math.min(...mondays);
  const last = Math.max(...mondays);
  const weeks: WeekCount[] = [];
  // Mondays are UTC midnights of calendar dates, so stepping 7 days never drifts across DST.
  for (let monday = first; monday <= last; monday += 7 * DAY_MS) {
    const byPlatform = byMonday.get(monday) ?? {};
    const total = Object.values(byPlatform).reduce((sum, count) => sum + count, 0);
    const week: WeekCount = { week: isoWeekLabel(monday), start: new Date(monday).toISOString().slice(0, 10), total, byPlatform, escalation: false };
    const prior = weeks.slice(-ESCALATION_WINDOW);
    // Judged only with a full window (before that there is no baseline) and from two incidents on
    // (one post after a quiet month is not a rise in frequency): a court document must not overclaim.
    if (prior.length === ESCALATION_WINDOW) {
      const average = prior.reduce((sum, w) => sum + w.total, 0) / ESCALATION_WINDOW;
      week.priorAverage = average;
      week.escalation = total >= 2 && total > average;
    }
    weeks.push(week);
  }
  return { weeks, platforms, zone };
}

// Colour-blind-safe palette (Okabe–Ito), darkened where needed to print; a platform keeps its colour by order.
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#7a6a00', '#000000'];

/** The fill colour of the n-th platform of a chart. */
export function platformColour(index: number): string {
  return PALETTE[index % PALETTE.length] ?? '#000000';
}

/** A readable name for a platform in the report's language. */
export function platformName(platform: Platform, t: Translator): string {
  return t(PLATFORM_LABELS[platform]);
}

/** The weeks marked as escalation, for listing in text beside the chart. */
export function escalationWeeks(counts: WeeklyCounts): WeekCount[] {
  return counts.weeks.filter((week) => week.escalation);
}

/** A sentence listing the escalation weeks ("2026-W10 (7 incidents; 4 weeks before: 1.5 on average)"). */
export function describeEscalation(counts: WeeklyCounts, t: Translator): string {
  const weeks = escalationWeeks(counts);
  if (weeks.length === 0) return t('archiveReportChartNoEscalation', String(ESCALATION_WINDOW));
  const list = weeks
    .map((week) => t('archiveReportChartEscalationWeek', week.week, String(week.total), formatAverage(week.priorAverage ?? 0)))
    .join('; ');
  return t('archiveReportChartEscalationList', String(ESCALATION_WINDOW), list);
}

function formatAverage(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** A round step for the count axis so there are at most about five gridlines. */
function niceStep(max: number): number {
  const rough = Math.max(1, max / 5);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  for (const factor of [1, 2, 5, 10]) if (factor * magnitude >= rough) return factor * magnitude;
  return 10 * magnitude;
}

/**
 * The weekly counts as a self-contained SVG: bars stacked by platform, a count axis, week labels,
 * a legend, and escalation weeks outlined and flagged with ▲. Every text is escaped; a title and
 * `<desc>` say in words what the picture shows, for screen readers and for a reader who cannot see colour.
 */
export function renderWeeklyChartSvg(counts: WeeklyCounts, t: Translator): string {
  const { weeks, platforms } = counts;
  const width = 720;
  const left = 44;
  const right = 12;
  const top = 36;
  const plotHeight = 200;
  const axisBottom = top + plotHeight;
  const legendRows = Math.ceil((platforms.length + 1) / 4); // + 1 for the escalation mark
  const height = axisBottom + 46 + legendRows * 18 + 8;
  const plotWidth = width - left - right;
  const max = Math.max(1, ...weeks.map((week) => week.total));
  const step = niceStep(max);
  const axisMax = Math.ceil(max / step) * step;
  const scale = plotHeight / axisMax;
  const slot = weeks.length > 0 ? plotWidth / weeks.length : plotWidth;
  const barWidth = Math.max(1, slot * 0.8);
  // At most about 12 week labels so they never overlap, whatever the span.
  const labelEvery = Math.max(1, Math.ceil(weeks.length / 12));

  const title = t('archiveReportChartTitle');
  const total = weeks.reduce((sum, week) => sum + week.total, 0);
  const firstWeek = weeks[0]?.week ?? '';
  const lastWeek = weeks[weeks.length - 1]?.week ?? '';
  const busiest = weeks.reduce<WeekCount | undefined>((best, week) => (best && best.total >= week.total ? best : week), undefined);
  const desc = [
    t('archiveReportChartDesc', String(total), String(weeks.length), firstWeek, lastWeek, counts.zone),
    busiest ? t('archiveReportChartBusiest', busiest.week, String(busiest.total)) : '',
    platforms.map((platform) => `${platformName(platform, t)}: ${weeks.reduce((sum, week) => sum + (week.byPlatform[platform] ?? 0), 0)}`).join(', '),
    describeEscalation(counts, t),
  ].filter(Boolean).join(' ');

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="chart-title chart-desc" font-family="sans-serif" font-size="11">`,
    `<title id="chart-title">${escapeXml(title)}</title>`,
    `<desc id="chart-desc">${escapeXml(desc)}</desc>`,
    `<text x="${left}" y="16" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
  );
  // Count axis with gridlines.
  for (let value = 0; value <= axisMax; value += step) {
    const y = (axisBottom - value * scale).toFixed(1);
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${y}" y2="${y}" stroke="#ccc" stroke-width="0.5"/>`,
      `<text x="${left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${value}</text>`,
    );
  }
  parts.push(
    `<text transform="translate(12 ${top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeXml(t('archiveReportChartAxisCount'))}</text>`,
    `<line x1="${left}" x2="${width - right}" y1="${axisBottom}" y2="${axisBottom}" stroke="#000"/>`,
  );

  weeks.forEach((week, index) => {
    const x = left + index * slot + (slot - barWidth) / 2;
    let y = axisBottom;
    const tooltip = `${week.week}: ${week.total}`;
    parts.push(`<g><title>${escapeXml(tooltip)}</title>`);
    platforms.forEach((platform, platformIndex) => {
      const count = week.byPlatform[platform] ?? 0;
      if (count === 0) return;
      const barHeight = count * scale;
      y -= barHeight;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${barHeight.toFixed(1)}" fill="${platformColour(platformIndex)}"/>`);
    });
    if (week.escalation) {
      // A heavy outline and a ▲ mark escalation without relying on colour (it must survive a greyscale print).
      const barTop = axisBottom - week.total * scale;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${barTop.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(week.total * scale).toFixed(1)}" fill="none" stroke="#b00000" stroke-width="2" class="escalation"/>`,
        `<text x="${(x + barWidth / 2).toFixed(1)}" y="${(barTop - 4).toFixed(1)}" text-anchor="middle" fill="#b00000" font-weight="bold">▲</text>`,
      );
    }
    parts.push('</g>');
    if (index % labelEvery === 0) {
      parts.push(`<text x="${(left + index * slot + slot / 2).toFixed(1)}" y="${axisBottom + 14}" text-anchor="middle" font-size="9">${escapeXml(week.week.slice(2))}</text>`);
    }
  });
  parts.push(`<text x="${left + plotWidth / 2}" y="${axisBottom + 30}" text-anchor="middle">${escapeXml(t('archiveReportChartAxisWeeks', counts.zone))}</text>`);

  // Legend: platforms, then the escalation mark.
  const legendTop = axisBottom + 44;
  const entries = [...platforms.map((platform, index) => ({ label: platformName(platform, t), colour: platformColour(index), escalation: false })), { label: t('archiveReportChartEscalationLegend', String(ESCALATION_WINDOW)), colour: '#b00000', escalation: true }];
  entries.forEach((entry, index) => {
    const column = index % 4;
    const row = Math.floor(index / 4);
    const x = left + column * 170;
    const y = legendTop + row * 18;
    parts.push(
      entry.escalation
        ? `<text x="${x + 5}" y="${y + 9}" text-anchor="middle" fill="${entry.colour}" font-weight="bold">▲</text>`
        : `<rect x="${x}" y="${y}" width="10" height="10" fill="${entry.colour}"/>`,
      `<text x="${x + 14}" y="${y + 9}">${escapeXml(entry.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
