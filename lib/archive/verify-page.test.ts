// @vitest-environment jsdom
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LOCALES } from '../i18n.ts';
import { buildVerifyPage, VERIFY_MESSAGE_PREFIX, verifyPageCsp, verifyPageMessages } from './verify-page.ts';

const messages = verifyPageMessages(LOCALES);
const html = buildVerifyPage(messages);
const parse = (page: string): Document => new DOMParser().parseFromString(page, 'text/html');

describe('verify.html', () => {
  test('has exactly one script, an inline module', () => {
    const scripts = parse(html).querySelectorAll('script');

    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.type).toBe('module');
    expect(scripts[0]?.hasAttribute('src')).toBe(false);
  });

  test('forbids every fetch with its Content Security Policy', () => {
    const csp = parse(html).querySelector('meta[http-equiv="Content-Security-Policy"]');

    const script = html.slice(html.indexOf('<script type="module">') + '<script type="module">'.length, html.lastIndexOf('</script>'));
    expect(csp?.getAttribute('content')).toBe(verifyPageCsp(script));
    expect(csp?.getAttribute('content')).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]{43}='; /);
    expect(csp?.getAttribute('content')).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  test('refers to nothing outside itself', () => {
    const doc = parse(html);

    expect(doc.querySelectorAll('[src], [href], link, iframe, object, embed, base')).toHaveLength(0);
    expect(html).not.toMatch(/https?:\/\//);
    expect(doc.querySelector('style')?.textContent).not.toMatch(/@import|url\(/);
    expect(doc.querySelector('script')?.textContent).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|\bimport\s*\(/);
  });

  test('inlines both modules with no import left', () => {
    const script = parse(html).querySelector('script')?.textContent ?? '';

    expect(script).toContain('export async function verifyArchive');
    expect(script).toContain('export function startVerifyPage');
    expect(script.indexOf('function verifyArchive')).toBeLessThan(script.indexOf('function startVerifyPage'));
    expect(script).not.toMatch(/^\s*import\b/m);
    // Names and texts come from the archive: the page must never parse them as HTML.
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
  });

  test('is a script a browser can parse as a module (no name declared twice)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-page-'));
    try {
      const file = join(dir, 'page.mjs');
      writeFileSync(file, parse(html).querySelector('script')?.textContent ?? '');

      const result = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });

      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('keeps a message holding </script> or <!-- inside the script', () => {
    const hostile = '</script><script>window.pwned = 1</script><!--';
    const page = buildVerifyPage({ en: { ...messages.en, archiveVerifyTitle: hostile }, nl: messages.nl });
    const doc = parse(page);

    expect(doc.querySelectorAll('script')).toHaveLength(1);
    expect(doc.title).toBe(hostile);
    expect(doc.querySelector('script')?.textContent).not.toMatch(/<\/script|<!--/i);
  });

  test('carries the page shell: language, charset, title and a no-script note', () => {
    const doc = parse(html);

    expect(doc.documentElement.lang).toBe('en');
    expect(doc.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
    expect(doc.title).toBe(messages.en.archiveVerifyTitle);
    expect(doc.querySelector('main#verify-app')).not.toBeNull();
    expect(html).toContain(messages.nl.archiveVerifyNoScript);
  });
});

describe('verifyPageMessages', () => {
  test('takes only the verify page\'s keys, in both languages', () => {
    expect(Object.keys(messages.en).every((key) => key.startsWith(VERIFY_MESSAGE_PREFIX))).toBe(true);
    expect(Object.keys(messages.nl).sort()).toEqual(Object.keys(messages.en).sort());
    expect(messages.nl.archiveVerifyTitle).not.toBe(messages.en.archiveVerifyTitle);
  });

  test('has every key the page uses', () => {
    const sources = ['verify/verify-ui.js', 'verify-page.ts'].map((file) => readFileSync(join(import.meta.dirname, file), 'utf8')).join('\n');
    const used = new Set([...sources.matchAll(/'(archiveVerify\w+)'/g)].map(([, key]) => key));

    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((key) => key === undefined || !(key in messages.en))).toEqual([]);
  });
});
