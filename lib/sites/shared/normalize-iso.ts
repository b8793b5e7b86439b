import { isoWithOffsetSchema } from '../../evidence/schema.ts';
import type { PostTime } from '../../evidence/schema.ts';

type Precision = NonNullable<PostTime['precision']>;

export type NormalizedTime =
  | { ok: true; iso: string; precision: Precision }
  | { ok: false; reason: string };

const DATE_ONLY = /^(\d{4}-\d{2}-\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}:?\d{2})?$/;
// A free-form date names its zone with GMT/UTC/Z or a numeric offset; without one its instant is unknown.
const HAS_ZONE = /(?:\b(?:GMT|UTC)\b|[+-]\d{2}:?\d{2}\s*$|Z$)/i;

/**
 * A page's machine time as ISO-8601 with offset, keeping the page's own offset (it says where the
 * poster's clock was). A date without a time becomes midnight UTC with precision `day`; a time without
 * a zone is refused: guessing the zone would make the record say more than the page did.
 */
export function normalizeIso(value: string | null | undefined): NormalizedTime {
  const text = value?.trim() ?? '';
  if (text === '') return { ok: false, reason: 'the page gives no machine-readable time' };
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) return valid(`${dateOnly[1]}T00:00:00Z`, 'day');
  const parts = DATE_TIME.exec(text);
  if (parts) {
    const [, date, hoursMinutes, seconds, fraction, zone] = parts;
    if (zone === undefined) return { ok: false, reason: `the page's time "${text}" names no time zone` };
    const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    const precision: Precision =
      fraction !== undefined && /[1-9]/.test(fraction) ? 'millisecond' : seconds !== undefined ? 'second' : 'minute';
    const iso = `${date}T${hoursMinutes}:${seconds ?? '00'}${fraction !== undefined ? `.${fraction}` : ''}${offset}`;
    return valid(iso, precision);
  }
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) return { ok: false, reason: `the page's time "${text}" is not a date` };
  if (!HAS_ZONE.test(text)) return { ok: false, reason: `the page's time "${text}" names no time zone` };
  return valid(new Date(parsed).toISOString(), 'second');
}

function valid(iso: string, precision: Precision): NormalizedTime {
  if (isoWithOffsetSchema.safeParse(iso).success && !Number.isNaN(Date.parse(iso))) return { ok: true, iso, precision };
  return { ok: false, reason: `the page's time "${iso}" is not a valid date` };
}
