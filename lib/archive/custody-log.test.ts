import { describe, expect, test } from 'vitest';
import { canonicalJson } from '../evidence/canonical-json.ts';
import { createCustodyEntry, type CustodyEntry } from '../evidence/custody.ts';
import { custodyLogLines, verifyCustodyLog } from './custody-log.ts';

const INCLUDED = 'capture-in';
const OTHER = 'capture-private';

/** captured (in), captured (other), edited (other), edited (in), exported: the last is this export. */
function buildChain(): CustodyEntry[] {
  const drafts: Omit<CustodyEntry, 'seq' | 'prevHash' | 'hash'>[] = [
    { at: '2026-11-28T09:00:00.000Z', action: 'captured', subject: INCLUDED, details: { url: 'https://x.com/a' } },
    { at: '2026-11-28T09:01:00.000Z', action: 'captured', subject: OTHER, details: { url: 'https://x.com/private' } },
    { at: '2026-11-28T09:02:00.000Z', action: 'edited', subject: OTHER, details: { field: 'note', note: 'my secret' } },
    { at: '2026-11-28T09:03:00.000Z', action: 'edited', subject: INCLUDED, details: { tags: ['threat'] } },
    { at: '2026-12-01T10:00:00.000Z', action: 'exported', subject: 'archive', details: { fileName: 'safelog-evidence-2026-12-01.zip', items: [INCLUDED] } },
  ];
  const chain: CustodyEntry[] = [];
  for (const draft of drafts) chain.push(createCustodyEntry(draft, chain.at(-1)));
  return chain;
}

const logLines = (): string[] => custodyLogLines(buildChain(), new Set([INCLUDED])).split('\n').slice(0, -1);
const joined = (lines: string[]): string => lines.map((line) => `${line}\n`).join('');

describe('custodyLogLines', () => {
  test('writes canonical JSON lines ending in \\n, redacting only other items', () => {
    const text = custodyLogLines(buildChain(), new Set([INCLUDED]));
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const [index, line] of lines.entries()) expect(canonicalJson(parsed[index])).toBe(line);
    const actual = parsed.map((entry) => ('details' in entry ? 'full' : 'redacted'));
    expect(actual).toEqual(['full', 'redacted', 'redacted', 'full', 'full']);
    expect(text).not.toContain('my secret');
    expect(text).not.toContain('https://x.com/private');
  });

  test('keeps every entry whole when every subject is included', () => {
    const chain = buildChain();
    const actual = custodyLogLines(chain, new Set([INCLUDED, OTHER]));
    const expected = chain.map((entry) => `${canonicalJson(entry)}\n`).join('');
    expect(actual).toBe(expected);
  });
});

describe('verifyCustodyLog', () => {
  test('a chain made with createCustodyEntry verifies after redaction', () => {
    const actual = verifyCustodyLog(custodyLogLines(buildChain(), new Set([INCLUDED])));
    expect(actual.ok).toBe(true);
    expect(actual.entries).toHaveLength(5);
  });

  test('a chain with nothing redacted verifies too', () => {
    expect(verifyCustodyLog(custodyLogLines(buildChain(), new Set([INCLUDED, OTHER]))).ok).toBe(true);
  });

  const edit = (index: number, change: (entry: Record<string, unknown>) => void) => (lines: string[]): void => {
    const entry = JSON.parse(lines[index]!) as Record<string, unknown>;
    change(entry);
    lines[index] = canonicalJson(entry);
  };

  test.each([
    ['an edited detail', edit(3, (entry) => { entry.details = { tags: ['nothing'] }; }), 4, 'hash'],
    ['an edited time', edit(0, (entry) => { entry.at = '2026-11-28T08:00:00.000Z'; }), 1, 'hash'],
    ['a changed detailsSha256 of a redacted entry', edit(1, (entry) => { entry.detailsSha256 = '0'.repeat(64); }), 2, 'hash'],
    ['a changed hash', edit(2, (entry) => { entry.hash = 'f'.repeat(64); }), 3, 'hash'],
    ['a redacted entry un-redacted with other details', edit(1, (entry) => { delete entry.detailsSha256; entry.details = {}; }), 2, 'hash'],
    ['both details and detailsSha256', edit(1, (entry) => { entry.details = {}; }), 2, 'schema'],
    ['a removed line', (lines: string[]) => { lines.splice(2, 1); }, 3, 'sequence'],
    ['a removed first line', (lines: string[]) => { lines.shift(); }, 1, 'sequence'],
    ['a removed last line, renumbered', (lines: string[]) => { lines.pop(); }, 0, 'ok'],
    ['an inserted line', (lines: string[]) => { lines.splice(2, 0, lines[1]!); }, 3, 'sequence'],
    ['a renumbered inserted line', (lines: string[]) => {
      const forged = createCustodyEntry({ at: '2026-11-28T09:01:30.000Z', action: 'deleted', subject: INCLUDED, details: {} }, JSON.parse(lines[1]!) as CustodyEntry);
      lines.splice(2, 0, canonicalJson(forged));
    }, 4, 'sequence'],
    ['two lines swapped', (lines: string[]) => { [lines[1], lines[3]] = [lines[3]!, lines[1]!]; }, 2, 'sequence'],
    ['a line not in canonical form', (lines: string[]) => { lines[2] = JSON.stringify(JSON.parse(lines[2]!), null, 1).replaceAll('\n', ''); }, 3, 'not-canonical'],
    ['a Windows line end', (lines: string[]) => { lines[0] = `${lines[0]!}\r`; }, 1, 'not-canonical'],
    ['a blank line', (lines: string[]) => { lines.splice(1, 0, ''); }, 2, 'json'],
    ['a line of garbage', (lines: string[]) => { lines[4] = '{"seq":'; }, 5, 'json'],
  ] as const)('finds %s', (_name, tamper, line, problem) => {
    const lines = logLines();
    tamper(lines);
    const actual = verifyCustodyLog(joined(lines));
    // Dropping the final line leaves a shorter chain that is still whole: the archive check
    // catches that by requiring this export's entry last, and the manifest by the file's hash.
    const expected = problem === 'ok' ? { ok: true } : { ok: false, line, problem };
    expect(actual).toMatchObject(expected);
  });

  test.each([
    ['an empty file', '', 1, 'empty'],
    ['a missing final newline', joined(logLines()).slice(0, -1), 5, 'line-end'],
  ])('finds %s', (_name, text, line, problem) => {
    const actual = verifyCustodyLog(text);
    expect(actual).toMatchObject({ ok: false, line, problem });
  });
});
