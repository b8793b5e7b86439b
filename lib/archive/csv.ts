import type { Locale, MessageKey } from '../i18n.ts';
import { translatorFor } from '../i18n.ts';
import type { ArchiveItem } from './evidence-json.ts';

/*
 * Which separator, so that a double-click opens evidence.csv in columns in Dutch and English Excel.
 *
 * Excel splits a .csv it opens by double-click on the Windows "list separator": `,` in English
 * locales, `;` in Dutch (and most locales with a decimal comma). Choices considered:
 * - A first line `sep=,`: Excel honours it in every locale, but it is widely reported that Excel then
 *   ignores the UTF-8 BOM and reads the file in the ANSI code page, so Dutch accents and emoji in the
 *   posts come out garbled; every other tool (LibreOffice, Python, R, pandas) shows it as a data row.
 *   Garbled evidence text is worse than an unsplit row, so no.
 * - Tab-separated UTF-16LE opens right everywhere, but FORMAT.md fixes UTF-8 with BOM, and tabs in a
 *   .csv confuse every non-Excel reader.
 * - The separator of the archive's language: `;` for nl, `,` for en. The file is made for the person
 *   who receives it (a Dutch archive for Dutch police, whose Excel uses `;`), it stays valid RFC 4180
 *   with a different delimiter, and LibreOffice and Excel's "Data > From Text/CSV" detect either.
 * We take the last; README.txt says which separator the file uses and how to open it when the
 * columns do not split. Cells holding either `,` or `;` are quoted, so a reader that guesses the
 * other separator still never splits inside a cell.
 */
const SEPARATORS: Readonly<Record<Locale, ',' | ';'>> = { en: ',', nl: ';' };

/** The column separator evidence.csv uses for an archive in `locale`. */
export function csvSeparatorFor(locale: Locale): ',' | ';' {
  return SEPARATORS[locale];
}

const BOM = '\uFEFF';
const LINE_END = '\r\n';

type Column = readonly [header: MessageKey, cell: (item: ArchiveItem, yesNo: (value: boolean) => string) => string];

const COLUMNS: readonly Column[] = [
  ['archiveCsvCapturedUtc', ({ record }) => record.capturedAt.utc],
  ['archiveCsvCapturedLocal', ({ record }) => record.capturedAt.local],
  ['archiveCsvZone', ({ record }) => record.capturedAt.zone],
  ['archiveCsvPlatform', ({ record }) => record.meta.platform],
  ['archiveCsvAuthorName', ({ record }) => record.meta.author.displayName ?? ''],
  ['archiveCsvHandle', ({ record }) => record.meta.author.handle ?? ''],
  ['archiveCsvAccountId', ({ record }) => record.meta.author.accountId ?? ''],
  ['archiveCsvProfileUrl', ({ record }) => record.meta.author.profileUrl ?? ''],
  ['archiveCsvPostTimeIso', ({ record }) => record.meta.postTime.iso ?? ''],
  ['archiveCsvPostTimeShown', ({ record }) => record.meta.postTime.shown ?? ''],
  ['archiveCsvPostUrl', ({ record }) => record.meta.permalink ?? ''],
  ['archiveCsvPageUrl', ({ record }) => record.page.url],
  ['archiveCsvText', ({ record }) => record.meta.text],
  ['archiveCsvMediaUrls', ({ record }) => record.meta.mediaUrls.join(' ')],
  ['archiveCsvIsReply', ({ record }, yesNo) => yesNo(record.meta.isReply)],
  ['archiveCsvFileHashes', ({ record, files }) => record.artifacts.filter((artifact) => artifact.id in files).map((artifact) => `${artifact.kind}: ${artifact.sha256}`).join(' ')],
  ['archiveCsvFolder', ({ folder }) => folder],
];

/**
 * evidence.csv: one row per item, headers in `locale`, UTF-8 with BOM (without it Excel reads the
 * file in the ANSI code page), CRLF line ends and RFC 4180 quoting. The CSV is a convenience view:
 * cells that Excel would run as a formula get a leading `'`, so the exact text is in evidence.json.
 */
export function toCsv(items: readonly ArchiveItem[], locale: Locale): string {
  const t = translatorFor(locale);
  const separator = csvSeparatorFor(locale);
  const yesNo = (value: boolean): string => t(value ? 'archiveCsvYes' : 'archiveCsvNo');
  const header = COLUMNS.map(([key]) => t(key));
  const rows = items.map((item) => COLUMNS.map(([, cell]) => cell(item, yesNo)));
  return BOM + [header, ...rows].map((row) => row.map((cell) => csvCell(cell, separator)).join(separator) + LINE_END).join('');
}

/**
 * One cell, neutralised and quoted. Excel starts a formula at `=`, `+`, `-` or `@` (also after
 * leading spaces, and in their full-width forms in East Asian locales), and OWASP adds tab and CR;
 * a `'` in front makes Excel show the cell as text.
 */
export function csvCell(value: string, separator: string): string {
  const safe = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/.test(value) ? `'${value}` : value;
  const needsQuotes = safe.includes(separator) || /[",;\r\n]/.test(safe);
  return needsQuotes ? `"${safe.replaceAll('"', '""')}"` : safe;
}
