import { describe, expect, test } from 'vitest';
import type { CaptureRecord } from '../evidence/record.ts';
import { createTestRecord } from '../evidence/test-records.ts';
import { csvCell, csvSeparatorFor, toCsv } from './csv.ts';
import type { ArchiveItem } from './evidence-json.ts';
import { planItemFiles } from './item-files.ts';

function itemsOf(records: CaptureRecord[]): ArchiveItem[] {
  return planItemFiles(records).map((plan, index) => ({ record: records[index]!, folder: plan.folder, files: plan.files, stamped: plan.stampedPaths }));
}

function recordWithText(text: string): CaptureRecord {
  const base = createTestRecord();
  return { ...base, meta: { ...base.meta, text } };
}

/** A strict RFC 4180 reader, to prove what a spreadsheet would see. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (char === '"') quoted = false; else cell += char;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === separator) { row.push(cell); cell = ''; }
    else if (char === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i += 1; }
    else if (char === '"' || char === '\r' || char === '\n') throw new Error(`bare ${JSON.stringify(char)} at ${i}`);
    else cell += char;
  }
  if (cell !== '' || row.length > 0) throw new Error('no CRLF after the last row');
  return rows;
}

describe('toCsv', () => {
  test.each([
    ['en', ',', 'Captured (UTC)', 'no'],
    ['nl', ';', 'Vastgelegd (UTC)', 'nee'],
  ] as const)('%s: BOM, CRLF, separator %s, translated headers', (locale, separator, firstHeader, no) => {
    const text = toCsv(itemsOf([createTestRecord()]), locale);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const [header, row] = parseCsv(text.slice(1), separator);
    expect(header![0]).toBe(firstHeader);
    expect(header).toHaveLength(17);
    expect(row).toHaveLength(17);
    expect(row![header!.indexOf(locale === 'en' ? 'Reply' : 'Reactie')]).toBe(no);
  });

  test('one row per item with every field', () => {
    const base = createTestRecord();
    const record: CaptureRecord = {
      ...base,
      meta: { ...base.meta, author: { displayName: 'Some One', handle: '@someone', accountId: '42', profileUrl: 'https://x.com/someone' }, mediaUrls: ['https://a/1.jpg', 'https://a/2.jpg'] },
      artifacts: [...base.artifacts, { id: 'thumb', kind: 'thumbnail', mime: 'image/png', size: 1, sha256: 'c'.repeat(64) }],
    };
    const [, actual] = parseCsv(toCsv(itemsOf([record]), 'en').slice(1), ',');
    const expected = [
      '2026-11-28T09:30:00.000Z', '2026-11-28T10:30:00.000+01:00', 'Europe/Amsterdam', 'x', 'Some One', "'@someone", '42', // a leading @ is a formula to Excel
      'https://x.com/someone', '2026-11-27T18:02:11.000Z', 'Nov 27', 'https://x.com/someone/status/1862000000000000001', 'https://x.com/home',
      'I know where you live 👀', 'https://a/1.jpg https://a/2.jpg', 'no', `raw-screenshot: ${'a'.repeat(64)}`,
      'items/2026-11-27_x_someone_1862000000000000001/',
    ];
    expect(actual).toEqual(expected);
  });

  test.each([
    ['commas and semicolons', 'a, b; c'],
    ['quotes', 'she said "stop"'],
    ['CRLF, LF and CR inside', 'line 1\r\nline 2\nline 3\rline 4'],
    ['emoji and RTL', 'ik weet 👀 \u202Eevil'],
  ])('text with %s survives a strict reader in both locales', (_name, text) => {
    for (const locale of ['en', 'nl'] as const) {
      const rows = parseCsv(toCsv(itemsOf([recordWithText(text)]), locale).slice(1), csvSeparatorFor(locale));
      const actual = rows[1]![12];
      expect(actual).toBe(text);
    }
  });
});

describe('csvCell', () => {
  test.each([
    ['plain', 'hello', 'hello'],
    ['empty', '', ''],
    ['a formula', '=HYPERLINK("http://evil","click")', `"'=HYPERLINK(""http://evil"",""click"")"`],
    ['plus', '+31 6 1234', "'+31 6 1234"],
    ['minus', '-2+3', "'-2+3"],
    ['at', '@SUM(A1)', "'@SUM(A1)"],
    ['after leading spaces', '   =1+1', "'   =1+1"],
    ['a leading tab', '\tx', "'\tx"],
    ['a leading CR', '\r=1', `"'\r=1"`],
    ['full-width equals', '＝1+1', "'＝1+1"],
    ['an equals sign later is fine', 'a=b', 'a=b'],
    ['a separator of either kind is quoted', 'a;b', '"a;b"'],
  ])('%s', (_name, value, expected) => {
    const actual = csvCell(value, ',');
    expect(actual).toBe(expected);
  });
});
