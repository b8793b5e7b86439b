import type { CaptureTime } from './record.ts';

/**
 * The capture instant in UTC plus the person's zone and offset: police need both the
 * unambiguous instant and the wall-clock time the person saw.
 */
export function describeCaptureTime(date: Date, zone = Intl.DateTimeFormat().resolvedOptions().timeZone): CaptureTime {
  const offsetMinutes = zoneOffsetMinutes(date, zone);
  const offset = formatOffset(offsetMinutes);
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
  const local = shifted.toISOString().replace('Z', offset);
  return { utc: date.toISOString(), zone, offset, local };
}

/** Minutes east of UTC that `zone` observes at `date` (DST-aware). */
export function zoneOffsetMinutes(date: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(date);
  const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0; // "GMT" alone is UTC
  const sign = match[1] === '-' ? -1 : 1;
  return sign * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

/** +01:00 style. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
