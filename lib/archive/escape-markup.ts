// Text from a harasser's page ends up in a document a police officer opens: it must never become
// markup, script or a link somewhere else, and it must not hide or reorder what it says.

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML or XML, in content and in quoted attributes alike. Lone surrogates and C0
 * controls, which are not allowed in XML and would make an SVG fail to render, become U+FFFD or markers first.
 */
export function escapeHtml(text: string): string {
  return toWellFormed(text).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** {@link escapeHtml} under the name SVG code reads better with. */
export const escapeXml = escapeHtml;

/** Replaces unpaired surrogates with U+FFFD (String.prototype.toWellFormed is not in Node 20). */
function toWellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * Invisible characters that change how text reads or hide what it is: bidirectional overrides,
 * embeddings, isolates and marks; zero-width spaces and word joiners; the byte-order mark; C0/C1
 * controls other than tab and newline. Zero-width joiner and non-joiner are left alone: emoji
 * sequences and Persian need them and they reorder nothing.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u180E\u200B\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g;

/** `⟨U+202E⟩` for each hidden control, so a reader sees that it is there and the text is not reordered by it. */
export function revealHiddenCharacters(text: string): string {
  return text.replace(HIDDEN, (char) => `⟨U+${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? 'FFFD'}⟩`);
}

/** Whether text holds any character that {@link revealHiddenCharacters} would mark. */
export function hasHiddenCharacters(text: string): boolean {
  HIDDEN.lastIndex = 0;
  const found = HIDDEN.test(text);
  HIDDEN.lastIndex = 0;
  return found;
}

/** Page text for HTML: hidden controls shown as markers, then escaped. */
export function escapePageText(text: string): string {
  return escapeHtml(revealHiddenCharacters(text));
}

/**
 * The URL when it is an absolute http(s) URL and so safe as a link target; `undefined` for
 * `javascript:`, `data:`, relative and unparsable ones, which are shown as text only.
 */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  // A control or space inside would be dropped by the URL parser and make the shown text differ from the link.
  if (/[\s\u0000-\u001F\u007F-\u009F]/.test(url) || hasHiddenCharacters(url)) return undefined; // eslint-disable-line no-control-regex -- see above
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
