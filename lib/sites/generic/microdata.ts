import { readText } from '../shared/read-text.ts';
import { resolveUrl } from '../shared/resolve-url.ts';
import { shortType } from './json-ld.ts';
import type { LinkedAuthor, LinkedPost } from './json-ld.ts';

/** The schema.org types an `itemscope` element declares, short names (`Comment`, not the URL). */
export function itemTypes(element: Element): string[] {
  return (element.getAttribute('itemtype') ?? '').split(/\s+/).filter(Boolean).map(shortType);
}

/** The elements carrying property `name` of `item` itself, not of an item nested inside it. */
export function ownProperties(item: Element, name: string): Element[] {
  return Array.from(item.querySelectorAll('[itemprop]')).filter(
    (element) =>
      (element.getAttribute('itemprop') ?? '').split(/\s+/).includes(name) &&
      element.parentElement?.closest('[itemscope]') === item,
  );
}

/** A microdata property's value, by the element that carries it (HTML's microdata rules). */
export function propertyValue(element: Element, base: URL): string | undefined {
  const tag = element.tagName.toUpperCase();
  const attribute = (name: string): string | undefined => element.getAttribute(name)?.trim() || undefined;
  if (tag === 'META') return attribute('content');
  if (['A', 'AREA', 'LINK'].includes(tag)) return resolveUrl(element.getAttribute('href'), base);
  if (['IMG', 'AUDIO', 'VIDEO', 'SOURCE', 'IFRAME', 'EMBED'].includes(tag)) return resolveUrl(element.getAttribute('src'), base);
  if (tag === 'TIME') return attribute('datetime') ?? (readText(element) || undefined);
  if (tag === 'DATA' || tag === 'METER') return attribute('value');
  return readText(element, { layout: true }) || undefined;
}

/** The element and value of one property, or undefined. */
export function firstProperty(item: Element, names: readonly string[], base: URL): { element: Element; value: string } | undefined {
  for (const name of names) {
    for (const element of ownProperties(item, name)) {
      const value = propertyValue(element, base);
      if (value !== undefined) return { element, value };
    }
  }
  return undefined;
}

/** A microdata post item, read like a JSON-LD one; `authorElement` lets the caller leave avatars out of media. */
export function readMicrodataPost(item: Element, base: URL): LinkedPost & { authorElement?: Element; timeElement?: Element } {
  const authorElement = ownProperties(item, 'author')[0];
  let author: LinkedAuthor | undefined;
  if (authorElement?.hasAttribute('itemscope')) {
    const value = (names: string[]): string | undefined => firstProperty(authorElement, names, base)?.value;
    const url = value(['url']);
    author = { name: value(['name']), url: url && resolveUrl(url, base), identifier: value(['identifier']), alternateName: value(['alternateName']) };
  } else if (authorElement) {
    author = { name: propertyValue(authorElement, base) };
  }
  const published = firstProperty(item, ['datePublished', 'dateCreated'], base);
  const url = firstProperty(item, ['url'], base)?.value;
  return {
    types: itemTypes(item),
    headline: firstProperty(item, ['headline', 'name'], base)?.value,
    articleBody: firstProperty(item, ['articleBody', 'text'], base)?.value,
    datePublished: published?.value,
    timeElement: published?.element.tagName.toUpperCase() === 'TIME' ? published.element : undefined,
    url: url && resolveUrl(url, base),
    identifier: firstProperty(item, ['identifier'], base)?.value,
    author,
    authorElement,
  };
}
