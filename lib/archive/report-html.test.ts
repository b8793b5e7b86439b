// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { REPORT_CSP, renderReportHtml } from './report-html.ts';
import { createReportInput, createReportItem, recordAt } from './report-fixtures.ts';
import { escapeHtml, revealHiddenCharacters, safeHttpUrl } from './escape-markup.ts';

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

const HOSTILE = [
  { name: 'script tag', value: '<script>alert(1)</script>' },
  { name: 'attribute break-out', value: '"><img src=x onerror=alert(1)>' },
  { name: 'single-quote break-out', value: "'><svg onload=alert(1)>" },
  { name: 'style break-out', value: '</style><script>alert(1)</script>' },
  { name: 'comment', value: '<!-- --><script>alert(1)</script>' },
];

function hostileItem(value: string) {
  const item = createReportItem(recordAt('2026-11-27T18:02:11.000Z'), [value]);
  item.record.meta.text = value;
  item.record.meta.author = { displayName: value, handle: value, accountId: value, profileUrl: 'javascript:alert(1)' };
  item.record.meta.permalink = 'JaVaScRiPt:alert(1)';
  item.record.page = { url: 'data:text/html,<script>alert(1)</script>', title: value };
  item.record.meta.missing = [{ field: value, reason: value }];
  return item;
}

describe('renderReportHtml: nothing from a page becomes active', () => {
  test.each(HOSTILE)('$name stays text', ({ value }) => {
    const html = renderReportHtml(createReportInput([hostileItem(value)], { caseDescription: value }), 'en');
    const doc = parse(html);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(html).not.toMatch(/<script/i);
    // No element carries an event handler attribute.
    const handlers = [...doc.querySelectorAll('*')].flatMap((element) => [...element.attributes].filter((attribute) => /^on/i.test(attribute.name)));
    expect(handlers).toHaveLength(0);
    // Only the item's own image and the page's own elements exist; no injected img/svg.
    expect([...doc.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual([expect.stringMatching(/^items\/.+\/post-image\.png$/)]);
    expect(doc.querySelectorAll('svg')).toHaveLength(1);
    // The hostile value is shown, as text.
    expect(doc.querySelector('.post-text')?.textContent).toBe(value);
  });

  test('only http(s) URLs become links', () => {
    const doc = parse(renderReportHtml(createReportInput([hostileItem('x'), createReportItem(recordAt('2026-11-28T10:00:00Z'))]), 'en'));
    const hrefs = [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    expect(doc.body.textContent).toContain('javascript:alert(1)'); // shown in full, not linked
  });

  test('the document loads nothing from anywhere: strict CSP, no external URL in src or CSS', () => {
    const html = renderReportHtml(createReportInput([createReportItem(recordAt('2026-11-28T10:00:00Z'))]), 'en');
    const doc = parse(html);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toBe(REPORT_CSP);
    expect(REPORT_CSP).toMatch(/default-src 'none'/);
    expect(REPORT_CSP).not.toMatch(/script-src/);
    const sources = [...doc.querySelectorAll('[src]')].map((element) => element.getAttribute('src') ?? '');
    for (const src of sources) expect(src).not.toMatch(/^[a-z]+:|^\/\//i);
    expect(doc.querySelector('style')?.textContent).not.toMatch(/url\(|@import/);
    expect(doc.querySelectorAll('link, iframe, object, embed, form, base')).toHaveLength(0);
  });

  test('right-to-left override and zero-width characters are shown as markers, and isolated', () => {
    const item = createReportItem(recordAt('2026-11-28T10:00:00Z'));
    item.record.meta.text = 'factuur\u202Efdp.exe\u200B';
    item.record.meta.author.displayName = 'שלום\u202E';
    const doc = parse(renderReportHtml(createReportInput([item]), 'en'));
    expect(doc.querySelector('.post-text')?.textContent).toBe('factuur⟨U+202E⟩fdp.exe⟨U+200B⟩');
    expect(doc.querySelector('.post-text')?.getAttribute('dir')).toBe('auto');
    expect(doc.body.textContent).not.toContain('\u202E');
    expect([...doc.querySelectorAll('bdi')].some((bdi) => bdi.textContent === 'שלום⟨U+202E⟩')).toBe(true);
  });

  test('emoji and Dutch letters are kept as they are', () => {
    const item = createReportItem(recordAt('2026-11-28T10:00:00Z'));
    item.record.meta.text = 'Ĳsselmeer ĳs 👀 👨‍👩‍👧';
    const doc = parse(renderReportHtml(createReportInput([item]), 'nl'));
    expect(doc.querySelector('.post-text')?.textContent).toBe('Ĳsselmeer ĳs 👀 👨‍👩‍👧');
  });
});

describe('renderReportHtml: content', () => {
  const items = [
    createReportItem(recordAt('2026-11-27T18:02:11.000Z', 'x', '@harasser')),
    createReportItem(recordAt('2026-11-20T08:00:00.000Z', 'instagram', '@other')),
  ];

  test.each([
    { locale: 'en' as const, title: 'Evidence report', period: 'Nov 20, 2026, 09:00:00 GMT+1 to Nov 27, 2026, 19:02:11 GMT+1 (8 days)' },
    { locale: 'nl' as const, title: 'Bewijsrapport', period: '20 nov 2026, 09:00:00 CET tot en met 27 nov 2026, 19:02:11 CET (8 dagen)' },
  ])('$locale: language, period in the export zone, items in order', ({ locale, title, period }) => {
    const doc = parse(renderReportHtml(createReportInput(items), locale));
    expect(doc.documentElement.lang).toBe(locale);
    expect(doc.querySelector('h1')?.textContent).toBe(title);
    expect(doc.body.textContent).toContain(period);
    const headings = [...doc.querySelectorAll('.item h3')].map((h) => h.textContent ?? '');
    expect(headings[0]).toContain('@other');
    expect(headings[1]).toContain('@harasser');
  });

  test('capture time in UTC and local with zone; post time as shown, ISO and source', () => {
    const doc = parse(renderReportHtml(createReportInput([items[0]!]), 'en'));
    const text = doc.querySelector('.item')?.textContent ?? '';
    expect(text).toContain('2026-11-28 09:30:00 UTC · Nov 28, 2026, 10:30:00 GMT+1 (Europe/Amsterdam, UTC+01:00)');
    expect(text).toContain('2026-11-27T18:02:11.000Z');
    expect(text).toContain('2026-11-27'); // as shown
  });

  test('every file with its path and SHA-256; counts per platform and account; fingerprint grouped', () => {
    const input = createReportInput(items);
    const doc = parse(renderReportHtml(input, 'en'));
    const body = doc.body.textContent ?? '';
    for (const item of items) {
      for (const [id, path] of Object.entries(item.files)) {
        const sha = item.record.artifacts.find((artifact) => artifact.id === id)?.sha256 ?? 'missing';
        expect(body).toContain(path);
        expect(body).toContain(sha);
      }
    }
    expect(body).toContain('0123 4567 89ab cdef');
    expect(body).toContain('verify.html');
    expect(body).toContain('README.txt');
    expect(body).toContain('sha256sum -c manifest-sha256.txt');
    expect(doc.querySelectorAll('.cover table')).toHaveLength(2);
  });

  test('notes are rendered when present (the extension point for tags and notes)', () => {
    const doc = parse(renderReportHtml(createReportInput([createReportItem(recordAt('2026-11-28T10:00:00Z'), ['I no longer dare to go out'])]), 'en'));
    expect(doc.body.textContent).toContain('I no longer dare to go out');
  });

  test('an empty archive still renders', () => {
    const doc = parse(renderReportHtml(createReportInput([]), 'en'));
    expect(doc.body.textContent).toContain('This archive holds no items.');
  });
});

describe('escape helpers', () => {
  test.each([
    { input: '<a href="x">\'&', expected: '&lt;a href=&quot;x&quot;&gt;&#39;&amp;' },
    { input: 'lone \uD800 surrogate', expected: 'lone \uFFFD surrogate' },
  ])('escapeHtml($input)', ({ input, expected }) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  test.each([
    { input: 'a\u202Eb', expected: 'a⟨U+202E⟩b' },
    { input: 'a\u2066b\u2069', expected: 'a⟨U+2066⟩b⟨U+2069⟩' },
    { input: 'x\u0000y', expected: 'x⟨U+0000⟩y' },
    { input: '👨‍👩‍👧 keeps its joiners', expected: '👨‍👩‍👧 keeps its joiners' },
    { input: 'line\nbreak\ttab', expected: 'line\nbreak\ttab' },
  ])('revealHiddenCharacters($input)', ({ input, expected }) => {
    expect(revealHiddenCharacters(input)).toBe(expected);
  });

  test.each([
    { input: 'https://x.com/a', expected: 'https://x.com/a' },
    { input: 'http://example.org/?q=1', expected: 'http://example.org/?q=1' },
    { input: 'javascript:alert(1)', expected: undefined },
    { input: ' javascript:alert(1)', expected: undefined },
    { input: 'java\tscript:alert(1)', expected: undefined },
    { input: 'data:text/html,x', expected: undefined },
    { input: '/relative', expected: undefined },
    { input: 'https://x.com/\u202Egnp', expected: undefined },
    { input: undefined, expected: undefined },
  ])('safeHttpUrl($input)', ({ input, expected }) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });
});
