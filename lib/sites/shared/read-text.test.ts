// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { isEmojiAlt, readText } from './read-text.ts';

function fragment(html: string): Element {
  // Test input written by us, parsed into a detached document: never the live one.
  const document = new DOMParser().parseFromString(`<div id="root">${html}</div>`, 'text/html');
  const root = document.getElementById('root');
  if (root === null) throw new Error('fixture did not parse');
  return root;
}

describe('readText', () => {
  test('keeps emoji images as their alt and newlines as typed', () => {
    const actual = readText(fragment('<span>hi </span><img alt="😀" src="/e.png"><span>\nbye</span>'), { imageAlt: 'always' });
    expect(actual).toBe('hi 😀\nbye');
  });

  test('leaves scripts, styles and svg titles out', () => {
    const actual = readText(fragment('a<script>b()</script><style>p{}</style><svg><title>c</title></svg>d'));
    expect(actual).toBe('ad');
  });

  test('lays out blocks as lines and keeps only emoji alts in laid-out text', () => {
    const actual = readText(fragment('<p>one\n   two</p><p>three <img alt="a photo"><img alt="👍🏽"></p>'), { layout: true });
    expect(actual).toBe('one two\nthree 👍🏽');
  });

  test('escaped markup stays text', () => {
    const actual = readText(fragment('&lt;img src=x onerror=alert(1)&gt;'));
    expect(actual).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('isEmojiAlt', () => {
  test.each([['😀', true], ['👩‍👩‍👧', true], ['🇳🇱', true], ['❤️', true], ['123', false], ['Image', false], ['', false]])(
    '%s: %s',
    (alt, expected) => {
      expect(isEmojiAlt(alt)).toBe(expected);
    },
  );
});
