const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** A size for people ("1.2 MB") with the exact byte count kept beside it for the record. */
export function formatBytes(size: number, locale: string): string {
  const exact = `${new Intl.NumberFormat(locale).format(size)} B`;
  if (size < 1024) return exact;
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  return `${rounded} ${UNITS[unit]} (${exact})`;
}
