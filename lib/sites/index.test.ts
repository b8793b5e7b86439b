// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import type { PostMeta } from '../evidence/schema.ts';
import { adapters, createReadContext, genericAdapter, locatePost, pickAdapter, readPostSafely, xAdapter } from './index.ts';
import type { SiteAdapter } from './index.ts';

const TWEET = `
<div id="react-root"><main role="main">
  <article data-testid="tweet" role="article" tabindex="0">
    <div data-testid="User-Name">
      <div><a href="/mara" role="link"><span>Mara</span></a></div>
      <div><a href="/mara" role="link" tabindex="-1"><span>@mara</span></a></div>
    </div>
    <div data-testid="tweetText" lang="en"><span id="inside">stop ignoring me</span></div>
    <div><a href="/mara/status/2028471179408318465/analytics" role="link"></a></div>
  </article>
</main></div>`;

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

function firstPost(document: Document, adapter: SiteAdapter): Element {
  const post = adapter.findPosts(document)[0];
  if (post === undefined) throw new Error('fixture has no post');
  return post;
}

describe('pickAdapter', () => {
  test('X is first and the generic fallback last', () => {
    expect(adapters.map((adapter) => adapter.id)).toEqual(['x', 'generic']);
  });

  test('X is recognised by its DOM, wherever the page is served', () => {
    const actual = pickAdapter(parse(TWEET), new URL('http://127.0.0.1:4173/home'));
    expect(actual.id).toBe('x');
  });

  test('an x.com URL without X markup falls back to the generic adapter', () => {
    const actual = pickAdapter(parse('<p>Something went wrong.</p>'), new URL('https://x.com/home'));
    expect(actual.id).toBe('generic');
  });
});

describe('xAdapter without a time element', () => {
  test('takes the time from the snowflake id and says why', () => {
    const document = parse(TWEET);
    const context = createReadContext(document, 'https://x.com/home', new Date('2026-03-02T16:00:00Z'));
    const actual = xAdapter.read(firstPost(document, xAdapter), context);
    expect(actual.postId).toBe('2028471179408318465');
    expect(actual.permalink).toBe('https://x.com/mara/status/2028471179408318465');
    expect(actual.postTime).toEqual({ iso: '2026-03-02T14:03:11.000Z', source: 'id', precision: 'millisecond' });
    expect(actual.missing.map((entry) => entry.field)).toContain('postTime.shown');
  });
});

describe('readPostSafely', () => {
  const document = parse(TWEET);
  const context = createReadContext(document, 'https://x.com/home');
  const post = firstPost(document, xAdapter);

  test.each([
    ['throws', (): PostMeta => { throw new Error('selector drifted'); }, 'selector drifted'],
    ['returns a bad record', (): PostMeta => ({ platform: 'x' }) as unknown as PostMeta, 'did not fit the record'],
  ])('when an adapter %s, the generic adapter reads the post and the record says so', (_case, read, message) => {
    const broken: SiteAdapter = { ...xAdapter, id: 'broken', read };
    const actual = readPostSafely(broken, post, context);
    expect(actual.adapter.id).toBe('generic');
    expect(actual.platform).toBe('x');
    expect(actual.text).toContain('stop ignoring me');
    expect(actual.missing[0]?.field).toBe('adapter');
    expect(actual.missing[0]?.reason).toContain('broken');
    expect(actual.missing[0]?.reason).toContain(message);
  });

  test('a working adapter is returned as is', () => {
    const actual = readPostSafely(xAdapter, post, context);
    expect(actual.adapter.id).toBe('x');
  });

  test('even a failing generic adapter yields a record', () => {
    const broken: SiteAdapter = { ...genericAdapter, read: () => { throw new Error('boom'); } };
    const actual = readPostSafely(broken, post, context);
    expect(actual.text).toContain('stop ignoring me');
    expect(actual.missing.map((entry) => entry.field)).toEqual(['adapter']);
  });
});

describe('locatePost', () => {
  const document = parse(TWEET);
  const url = new URL('https://x.com/home');
  const post = firstPost(document, xAdapter);

  test('finds the post around the node', () => {
    const actual = locatePost(xAdapter, document, url, { node: document.getElementById('inside') });
    expect(actual).toBe(post);
  });

  test('finds the post holding a link to the URL', () => {
    const linkUrl = 'https://x.com/mara/status/2028471179408318465/analytics';
    const actual = locatePost(xAdapter, document, url, { node: null, linkUrl });
    expect(actual).toBe(post);
  });

  test('returns null when nothing matches', () => {
    const actual = locatePost(xAdapter, document, url, { linkUrl: 'https://x.com/someone/status/1' });
    expect(actual).toBeNull();
  });
});
