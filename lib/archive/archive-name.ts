/**
 * The archive's file name: `safelog-evidence-<YYYY-MM-DD>[-<label>].zip` (FORMAT.md, "File name").
 * The date is the export date in the person's zone, because that is the date they will look for.
 */
export function archiveFileName(date: Date, zone: string, label?: string): string {
  const slug = label === undefined ? '' : slugifyLabel(label);
  return `safelog-evidence-${localDate(date, zone)}${slug ? `-${slug}` : ''}.zip`;
}

/** The most characters of the person's label kept in a file name. */
export const MAX_LABEL_LENGTH = 40;

/**
 * The label reduced to `[a-z0-9-]`: accents are dropped first (NFKD) so "Café" becomes `cafe`,
 * not `caf`; every other run of characters becomes one `-`.
 */
export function slugifyLabel(label: string): string {
  const plain = label.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  return plain
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LABEL_LENGTH)
    .replace(/-+$/, '');
}

/** `YYYY-MM-DD` of `date` as a clock in `zone` shows it. */
function localDate(date: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
