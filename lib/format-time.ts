import type { CaptureTime } from './evidence/record.ts';
import type { PostTime } from './evidence/schema.ts';

export interface TimeFormatOptions {
  /** BCP 47 tag for the words and order, e.g. `nl` or `en`. */
  locale: string;
  /** IANA zone to show the instant in; the machine's own zone when absent. */
  timeZone?: string;
}

/**
 * An instant as a person reads it, with the zone named so the reader knows whose clock it is,
 * e.g. "27 nov 2025, 14:03:12 CET". Unparseable input comes back unchanged rather than as "Invalid Date".
 */
export function formatInstant(iso: string, options: TimeFormatOptions): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(options.locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone: options.timeZone,
    timeZoneName: 'short',
  }).format(date);
}

/** The instant in UTC as `YYYY-MM-DD HH:MM:SS UTC`: the same in every language, for comparing records. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A capture's time on the machine that made it, in that machine's zone. */
export function formatCaptureTime(capturedAt: CaptureTime, locale: string): string {
  return formatInstant(capturedAt.utc, { locale, timeZone: isTimeZone(capturedAt.zone) ? capturedAt.zone : 'UTC' });
}

export interface PostTimeDisplay {
  /** Exactly what the page showed, e.g. "3 h". */
  shown?: string;
  /** The machine time in the viewer's zone. */
  local?: string;
}

/** A post's time both as the page showed it and as a full local time, where each is known. */
export function formatPostTime(postTime: PostTime, options: TimeFormatOptions): PostTimeDisplay {
  const display: PostTimeDisplay = {};
  if (postTime.shown) display.shown = postTime.shown;
  if (postTime.iso) display.local = formatInstant(postTime.iso, options);
  return display;
}

/** Whether Intl knows the zone; a record from an odd browser must not crash the view. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
