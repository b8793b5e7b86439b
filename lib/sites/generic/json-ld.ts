import { resolveUrl } from '../shared/resolve-url.ts';

/** The author of a JSON-LD or microdata item. */
export interface LinkedAuthor {
  name?: string;
  url?: string;
  identifier?: string;
  alternateName?: string;
}

/** The fields of a schema.org post that a capture records. */
export interface LinkedPost {
  types: string[];
  headline?: string;
  articleBody?: string;
  datePublished?: string;
  url?: string;
  identifier?: string;
  author?: LinkedAuthor;
}

type JsonObject = Record<string, unknown>;

/** schema.org types that are a post, an article or a comment. */
export const POST_TYPES: ReadonlySet<string> = new Set([
  'Article', 'BlogPosting', 'NewsArticle', 'SocialMediaPosting', 'DiscussionForumPosting', 'Comment',
  'LiveBlogPosting', 'Report', 'OpinionNewsArticle', 'ReportageNewsArticle', 'AnalysisNewsArticle', 'TechArticle',
]);

/** `https://schema.org/BlogPosting`, `schema:BlogPosting` and `BlogPosting` all name `BlogPosting`. */
export function shortType(type: string): string {
  return type.split(/[/:#]/).at(-1) ?? type;
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseBlock(text: string): unknown[] {
  try {
    return [JSON.parse(text) as unknown];
  } catch {
    return []; // one broken block is the page's fault; the other blocks still count
  }
}

function collect(value: unknown, into: JsonObject[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
  } else if (isObject(value)) {
    into.push(value);
    if ('@graph' in value) collect(value['@graph'], into);
  }
}

function typesOf(node: JsonObject): string[] {
  const type = node['@type'];
  const list = Array.isArray(type) ? type : [type];
  return list.filter((item): item is string => typeof item === 'string').map(shortType);
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return asText(value[0]);
  // schema.org PropertyValue: { "@type": "PropertyValue", "value": "…" }
  if (isObject(value)) return asText(value['value'] ?? value['@value']);
  return undefined;
}

/**
 * Every schema.org post described by the page's JSON-LD blocks (`@graph` arrays included, `@id`
 * references resolved), in page order. URLs are absolute against `base`.
 */
export function readJsonLdPosts(document: Document, base: URL): LinkedPost[] {
  const nodes: JsonObject[] = [];
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    for (const value of parseBlock(script.textContent ?? '')) collect(value, nodes);
  }
  const byId = new Map<string, JsonObject>();
  for (const node of nodes) {
    if (typeof node['@id'] === 'string') byId.set(node['@id'], node);
  }
  const deref = (value: unknown): unknown => {
    const first = Array.isArray(value) ? value[0] : value;
    if (isObject(first) && typeof first['@id'] === 'string' && Object.keys(first).length === 1) {
      return byId.get(first['@id']) ?? first;
    }
    return first;
  };
  const urlOf = (value: unknown): string | undefined => {
    const target = deref(value);
    if (typeof target === 'string') return resolveUrl(target, base);
    if (isObject(target)) return resolveUrl(asText(target['url']) ?? asText(target['@id']), base);
    return undefined;
  };
  return nodes
    .filter((node) => typesOf(node).some((type) => POST_TYPES.has(type)))
    .map((node) => {
      const author = deref(node['author']);
      return {
        types: typesOf(node),
        headline: asText(node['headline']),
        articleBody: asText(node['articleBody']) ?? asText(node['text']),
        datePublished: asText(node['datePublished']) ?? asText(node['dateCreated']),
        url: resolveUrl(asText(node['url']), base) ?? urlOf(node['mainEntityOfPage']),
        identifier: asText(node['identifier']),
        author:
          typeof author === 'string'
            ? { name: author.trim() || undefined }
            : isObject(author)
              ? {
                  name: asText(author['name']),
                  url: resolveUrl(asText(author['url']), base),
                  identifier: asText(author['identifier']),
                  alternateName: asText(author['alternateName']),
                }
              : undefined,
      };
    });
}
