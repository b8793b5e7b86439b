/** How `readText` turns a subtree into a string. */
export interface ReadTextOptions {
  /** Elements left out with their whole subtree (a nested post, a quote card). */
  skip?: (element: Element) => boolean;
  /**
   * Returns the text to use for an element instead of walking into it, or undefined to walk on.
   * X uses it for links whose full URL sits in hidden spans.
   */
  replace?: (element: Element) => string | undefined;
  /** `always`: every image's alt counts as text (X puts only emoji images in text); `emoji`: only emoji alts. */
  imageAlt?: 'always' | 'emoji';
  /** Treat block elements as line breaks and collapse source whitespace, as a browser lays out ordinary HTML. */
  layout?: boolean;
}

// Never part of what a person reads on the page.
const SILENT_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'IFRAME', 'OBJECT', 'CANVAS']);
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL',
  'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TR', 'UL',
]);
const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;
// Emoji_Component covers the joiner, variation selectors, skin tones and keycap parts.
const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Component}|\s)+$/u;

/** Whether an image's alt text is an emoji rather than a description of a picture. */
export function isEmojiAlt(alt: string): boolean {
  return EMOJI.test(alt) && EMOJI_ONLY.test(alt);
}

/**
 * The text a person reads in `root`: text nodes, emoji images as their alt, `<br>` as a line break.
 * Page content is data: this reads text nodes and attributes only, never markup, so `<script>` typed into
 * a post comes back as those literal characters.
 */
export function readText(root: Element, options: ReadTextOptions = {}): string {
  const parts: string[] = [];
  walk(root, options, parts, true);
  const raw = parts.join('');
  if (!options.layout) return raw.trim();
  return raw
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

function walk(node: Node, options: ReadTextOptions, parts: string[], isRoot: boolean): void {
  if (node.nodeType === 3 /* TEXT_NODE */) {
    const data = (node as Text).data;
    // In laid-out HTML a source newline is only a space; X's text keeps its newlines (white-space: pre-wrap).
    parts.push(options.layout ? data.replace(/[ \t\n\r\f]+/g, ' ') : data);
    return;
  }
  if (node.nodeType !== 1 /* ELEMENT_NODE */) return;
  const element = node as Element;
  const tag = element.tagName.toUpperCase();
  if (SILENT_TAGS.has(tag)) return;
  if (!isRoot && options.skip?.(element)) return;
  const replacement = isRoot ? undefined : options.replace?.(element);
  if (replacement !== undefined) {
    parts.push(replacement);
    return;
  }
  if (tag === 'BR') {
    parts.push('\n');
    return;
  }
  if (tag === 'IMG') {
    const alt = element.getAttribute('alt') ?? '';
    if (options.imageAlt === 'always' || isEmojiAlt(alt)) parts.push(alt);
    return;
  }
  const block = options.layout === true && BLOCK_TAGS.has(tag);
  if (block) parts.push('\n');
  for (const child of Array.from(element.childNodes)) walk(child, options, parts, false);
  if (block) parts.push('\n');
}
