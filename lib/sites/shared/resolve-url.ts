/**
 * `value` as an absolute http(s) URL against `base`, or undefined when it is empty, unparsable or
 * another scheme (`javascript:`, `blob:` and `data:` say nothing a third party can check).
 */
export function resolveUrl(value: string | null | undefined, base: URL | string): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    return undefined; // not a URL: the caller records the field as missing
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

/** Adds `value` to `list` unless it is undefined or already there; keeps first-seen order. */
export function pushUnique(list: string[], value: string | undefined): void {
  if (value !== undefined && !list.includes(value)) list.push(value);
}
