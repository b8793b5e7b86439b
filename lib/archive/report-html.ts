import type { Locale, Translator } from '../i18n.ts';
import type { AccountCount, ReportInput, ReportItem } from './report-model.ts';
import { ARTIFACT_KIND_LABELS, CAPTURE_KIND_LABELS, PLATFORM_LABELS, PRECISION_LABELS, SNAPSHOT_METHOD_LABELS, TIME_SOURCE_LABELS } from '../../components/labels.ts';
import { translatorFor } from '../i18n.ts';
import { formatInstant, formatUtc, isTimeZone } from '../format-time.ts';
import { describeEscalation, incidentTime, renderWeeklyChartSvg, weeklyCounts } from './chart-svg.ts';
import { escapeHtml, escapePageText, revealHiddenCharacters, safeHttpUrl } from './escape-markup.ts';
import { chronological, countByAccount, countByPlatform, groupFingerprint, incidentPeriod, itemFiles, itemImages } from './report-model.ts';

export type { ReportInput, ReportItem } from './report-model.ts';

/**
 * The policy of the report page. No script may run at all; images only from the unzipped folder
 * (`'self'` for http(s), `file:` because that is where a downloaded archive is opened) or inline
 * (`data:`, the chart is inline SVG anyway); styles only from the page itself. Nothing is fetched
 * from the network, so opening the report tells nobody it was opened.
 */
export const REPORT_CSP = "default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * The readable dossier as one static HTML document: a cover page that shows the nature, duration,
 * frequency and channels of the harassment, then every item in order with its picture, metadata and
 * file hashes, then how to check it all. Everything from a web page is escaped and shown as text;
 * the language is `locale`, never the browser's.
 */
export function renderReportHtml(input: ReportInput, locale: Locale): string {
  const t = translatorFor(locale);
  const items = chronological(input.items);
  const zone = isTimeZone(input.exportedAt.zone) ? input.exportedAt.zone : 'UTC';
  const context: RenderContext = { t, locale, zone, archiveName: input.archiveName, total: items.length };
  const title = t('archiveReportTitle');
  return [
    '<!DOCTYPE html>',
    `<html lang="${locale}" dir="ltr">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${title}: ${input.archiveName}`)}</title>`,
    `<style>${reportCss(input.archiveName, t)}</style>`,
    '</head>',
    '<body>',
    renderCover(input, items, context),
    '<main>',
    `<h2 class="list-heading">${escapeHtml(t('archiveReportItemsHeading', String(items.length)))}</h2>`,
    ...items.map((item, index) => renderItem(item, index, context)),
    '</main>',
    renderVerification(input, context),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

interface RenderContext {
  t: Translator;
  locale: Locale;
  /** The zone the person exported in: every local time in the report is shown in it. */
  zone: string;
  archiveName: string;
  total: number;
}

/** A CSS string literal; the archive name is ours and tame, but CSS escaping costs nothing. */
function cssString(text: string): string {
  return `"${text.replace(/[^A-Za-z0-9 _.,:-]/g, (char) => `\\${(char.codePointAt(0) ?? 0xfffd).toString(16)} `)}"`;
}

function reportCss(archiveName: string, t: Translator): string {
  return `
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, "Noto Sans", "Segoe UI", Arial, sans-serif; color: #111; background: #fff; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1.1rem; margin: 0 0 .5rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid #bbb; padding: .25rem .4rem; text-align: start; vertical-align: top; }
th { background: #f2f2f2; font-weight: 600; }
dl.fields { display: grid; grid-template-columns: minmax(9rem, max-content) 1fr; gap: .2rem .8rem; margin: .5rem 0; }
dl.fields dt { font-weight: 600; }
dl.fields dd { margin: 0; }
.url, .hash, .path { font-family: ui-monospace, "Noto Sans Mono", Consolas, monospace; font-size: .85em; overflow-wrap: anywhere; word-break: break-all; }
.post-text { white-space: pre-wrap; overflow-wrap: anywhere; border-inline-start: 4px solid #888; margin: .5rem 0; padding: .4rem .8rem; background: #f7f7f7; unicode-bidi: isolate; }
.case { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: isolate; }
.missing { color: #8a4b00; }
.note { font-size: .9em; color: #444; }
.escalation { color: #b00000; font-weight: 600; }
.chart svg { max-width: 100%; height: auto; }
figure { margin: .5rem 0; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid #999; }
figcaption { font-size: .85em; color: #444; }
.item { border-top: 2px solid #333; padding-top: 1rem; margin-top: 2rem; }
.running { font-size: .8em; color: #555; margin-bottom: .4rem; }
bdi { unicode-bidi: isolate; }
@page { size: A4; margin: 16mm 14mm 18mm; @top-center { content: ${cssString(archiveName)}; font-size: 8pt; color: #555; } @bottom-right { content: ${cssString(t('archiveReportPageLabel'))} " " counter(page); font-size: 8pt; color: #555; } }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .cover, .verification { break-after: page; }
  .item { break-before: page; border-top: none; margin-top: 0; padding-top: 0; }
  figure, tr, .fields dt, .fields dd { break-inside: avoid; }
  /* An image taller than a page is scaled to fit rather than cut between pages. */
  figure img { max-height: 235mm; width: auto; object-fit: contain; }
  a { color: inherit; text-decoration: none; }
}
`;
}

function renderCover(input: ReportInput, items: readonly ReportItem[], context: RenderContext): string {
  const { t } = context;
  const period = incidentPeriod(items);
  const counts = weeklyCounts(items.map((item) => item.record), context.zone);
  const exported = input.exportedAt;
  const lines: string[] = ['<section class="cover">', `<h1>${escapeHtml(t('archiveReportTitle'))}</h1>`];
  lines.push(
    '<dl class="fields">',
    field(t('archiveReportArchiveName'), `<span class="path">${escapeHtml(input.archiveName)}</span>`),
    field(t('archiveReportExportedAt'), timePair(exported.utc, exported.zone, exported.offset, context)),
    field(t('archiveReportTool'), escapeHtml([`${input.tool.name} ${input.tool.version}`, input.tool.browser].filter(Boolean).join(', '))),
    '</dl>',
  );
  if (input.caseDescription?.trim()) {
    lines.push(`<h2>${escapeHtml(t('archiveReportCaseHeading'))}</h2>`, `<p class="note">${escapeHtml(t('archiveReportCaseNote'))}</p>`, `<div class="case" dir="auto">${escapePageText(input.caseDescription)}</div>`);
  }
  lines.push(`<h2>${escapeHtml(t('archiveReportSummaryHeading'))}</h2>`);
  if (!period) {
    lines.push(`<p>${escapeHtml(t('archiveReportNoItems'))}</p>`);
  } else {
    const days = Math.floor((Date.parse(period.last) - Date.parse(period.first)) / 86_400_000) + 1;
    lines.push(
      '<dl class="fields">',
      field(t('archiveReportPeriod'), escapeHtml(t('archiveReportPeriodValue', localTime(period.first, context), localTime(period.last, context), String(days)))),
      field(t('archiveReportIncidentCount'), escapeHtml(t('archiveReportIncidentCountValue', String(items.length), String(counts.weeks.length)))),
      '</dl>',
      `<p class="note">${escapeHtml(t('archiveReportIncidentTimeNote'))}</p>`,
    );
  }
  lines.push(
    `<h3>${escapeHtml(t('archiveReportByPlatformHeading'))}</h3>`,
    '<table>',
    `<thead><tr><th scope="col">${escapeHtml(t('archiveReportPlatform'))}</th><th scope="col">${escapeHtml(t('archiveReportCount'))}</th></tr></thead><tbody>`,
    ...countByPlatform(items).map(({ platform, count }) => `<tr><td>${escapeHtml(t(PLATFORM_LABELS[platform]))}</td><td>${count}</td></tr>`),
    '</tbody></table>',
    `<h3>${escapeHtml(t('archiveReportByAccountHeading'))}</h3>`,
    '<table>',
    `<thead><tr><th scope="col">${escapeHtml(t('archiveReportPlatform'))}</th><th scope="col">${escapeHtml(t('archiveReportAuthorName'))}</th><th scope="col">${escapeHtml(t('archiveReportAuthorHandle'))}</th><th scope="col">${escapeHtml(t('archiveReportAccountId'))}</th><th scope="col">${escapeHtml(t('archiveReportCount'))}</th></tr></thead><tbody>`,
    ...countByAccount(items).map((account) => renderAccountRow(account, context)),
    '</tbody></table>',
  );
  if (counts.weeks.length > 0) {
    lines.push(
      `<h3>${escapeHtml(t('archiveReportChartHeading'))}</h3>`,
      `<div class="chart">${renderWeeklyChartSvg(counts, t)}</div>`,
      `<p class="escalation-text">${escapeHtml(describeEscalation(counts, t))}</p>`,
    );
  }
  lines.push('</section>');
  return lines.join('\n');
}

function renderAccountRow(account: AccountCount, context: RenderContext): string {
  const { t } = context;
  const list = (values: readonly string[]): string => values.map((value) => bdi(value)).join('<br>') || `<span class="missing">${escapeHtml(t('archiveReportUnknown'))}</span>`;
  return `<tr><td>${escapeHtml(t(PLATFORM_LABELS[account.platform]))}</td><td>${list(account.displayNames)}</td><td>${list(account.handles)}</td><td>${account.accountId ? `<span class="hash">${bdi(account.accountId)}</span>` : `<span class="missing">${escapeHtml(t('archiveReportUnknown'))}</span>`}</td><td>${account.count}</td></tr>`;
}

function renderItem(item: ReportItem, index: number, context: RenderContext): string {
  const { t } = context;
  const { record } = item;
  const { meta } = record;
  const handle = meta.author.handle ?? meta.author.displayName ?? t('archiveReportUnknown');
  const heading = `${index + 1}. ${t(PLATFORM_LABELS[meta.platform])} · ${localTime(incidentTime(record), context)}`;
  const lines: string[] = [
    `<section class="item" id="item-${index + 1}">`,
    `<div class="running">${escapeHtml(t('archiveReportRunningHeader', context.archiveName, String(index + 1), String(context.total)))}</div>`,
    `<h3>${escapeHtml(heading)} · ${bdi(handle)}</h3>`,
  ];
  for (const image of itemImages(item)) {
    const tile = image.artifact.tile;
    const caption = tile && tile.count > 1 ? t('archiveReportImageTile', String(tile.index + 1), String(tile.count), image.path) : image.path;
    lines.push(
      '<figure>',
      `<img src="${escapeHtml(encodePath(image.path))}" alt="${escapeHtml(t('archiveReportImageAlt', String(index + 1), t(ARTIFACT_KIND_LABELS[image.artifact.kind])))}"${image.artifact.width && image.artifact.height ? ` width="${image.artifact.width}" height="${image.artifact.height}"` : ''}>`,
      `<figcaption class="path">${escapeHtml(caption)}</figcaption>`,
      '</figure>',
    );
  }
  const unknown = `<span class="missing">${escapeHtml(t('archiveReportUnknown'))}</span>`;
  const postTime = meta.postTime;
  lines.push(
    '<dl class="fields">',
    field(t('archiveReportPlatform'), escapeHtml(`${t(PLATFORM_LABELS[meta.platform])} (${t(CAPTURE_KIND_LABELS[record.kind])})`)),
    field(t('archiveReportAuthorName'), meta.author.displayName ? bdi(meta.author.displayName) : unknown),
    field(t('archiveReportAuthorHandle'), meta.author.handle ? bdi(meta.author.handle) : unknown),
    field(t('archiveReportAccountId'), meta.author.accountId ? `<span class="hash">${bdi(meta.author.accountId)}</span>` : unknown),
    field(t('archiveReportProfileUrl'), meta.author.profileUrl ? renderUrl(meta.author.profileUrl) : unknown),
    field(t('archiveReportPostTimeShown'), postTime.shown ? bdi(postTime.shown) : unknown),
    field(t('archiveReportPostTimeIso'), postTime.iso ? `<span class="url">${escapeHtml(postTime.iso)}</span> (${escapeHtml(localTime(postTime.iso, context))})` : unknown),
    field(t('archiveReportPostTimeSource'), escapeHtml([t(TIME_SOURCE_LABELS[postTime.source]), postTime.precision ? t(PRECISION_LABELS[postTime.precision]) : ''].filter(Boolean).join(' · '))),
    field(t('archiveReportCapturedAt'), timePair(record.capturedAt.utc, record.capturedAt.zone, record.capturedAt.offset, context)),
    field(t('archiveReportPermalink'), meta.permalink ? renderUrl(meta.permalink) : unknown),
    field(t('archiveReportPageUrl'), renderUrl(record.page.url)),
    field(t('archiveReportPageTitle'), bdi(record.page.title)),
  );
  if (meta.parent?.permalink) lines.push(field(t('archiveReportReplyTo'), renderUrl(meta.parent.permalink)));
  if (meta.quoted?.permalink) lines.push(field(t('archiveReportQuoted'), renderUrl(meta.quoted.permalink)));
  lines.push(
    field(t('archiveReportSnapshot'), escapeHtml(t(SNAPSHOT_METHOD_LABELS[record.snapshot.method]))),
    field(t('archiveReportCaptureId'), `<span class="hash">${escapeHtml(record.id)}</span>`),
    '</dl>',
    `<h4>${escapeHtml(t('archiveReportText'))}</h4>`,
    meta.text ? `<blockquote class="post-text" dir="auto">${escapePageText(meta.text)}</blockquote>` : `<p>${unknown}</p>`,
  );
  if (meta.missing.length > 0) {
    lines.push(
      `<h4>${escapeHtml(t('archiveReportMissingHeading'))}</h4>`,
      '<ul class="missing">',
      ...meta.missing.map((missing) => `<li><span class="path">${escapeHtml(missing.field)}</span>: ${bdi(missing.reason)}</li>`),
      '</ul>',
    );
  }
  if (item.notes && item.notes.length > 0) {
    lines.push(`<h4>${escapeHtml(t('archiveReportNotesHeading'))}</h4>`, ...item.notes.map((note) => `<p class="case" dir="auto">${escapePageText(note)}</p>`));
  }
  lines.push(
    `<h4>${escapeHtml(t('archiveReportFilesHeading'))}</h4>`,
    '<table>',
    `<thead><tr><th scope="col">${escapeHtml(t('archiveReportFile'))}</th><th scope="col">${escapeHtml(t('archiveReportFileKind'))}</th><th scope="col">SHA-256</th></tr></thead><tbody>`,
    ...itemFiles(item).map(({ artifact, path }) => `<tr><td class="path">${escapeHtml(path)}</td><td>${escapeHtml(t(ARTIFACT_KIND_LABELS[artifact.kind]))}</td><td class="hash">${escapeHtml(artifact.sha256)}</td></tr>`),
    '</tbody></table>',
    '</section>',
  );
  return lines.join('\n');
}

function renderVerification(input: ReportInput, context: RenderContext): string {
  const { t } = context;
  return [
    '<section class="verification">',
    `<h2>${escapeHtml(t('archiveReportVerifyHeading'))}</h2>`,
    '<dl class="fields">',
    field(t('archiveReportFingerprint'), `<span class="hash">${escapeHtml(groupFingerprint(input.fingerprint))}</span>`),
    '</dl>',
    `<p>${escapeHtml(t('archiveReportVerifyFingerprint'))}</p>`,
    `<p>${escapeHtml(t('archiveReportVerifyHtml'))}</p>`,
    `<p>${escapeHtml(t('archiveReportVerifyByHand'))}</p>`,
    '<pre class="path">sha256sum -c manifest-sha256.txt</pre>',
    `<p>${escapeHtml(t('archiveReportVerifyReadme'))}</p>`,
    '</section>',
  ].join('\n');
}

function field(label: string, valueHtml: string): string {
  return `<dt>${escapeHtml(label)}</dt><dd>${valueHtml}</dd>`;
}

/** Page text in an isolate, so a right-to-left name cannot reorder the words around it. */
function bdi(text: string): string {
  return `<bdi>${escapePageText(text)}</bdi>`;
}

/** A URL printed in full; a link only when it is http(s). */
function renderUrl(url: string): string {
  const shown = `<span class="url">${escapeHtml(revealHiddenCharacters(url))}</span>`;
  const href = safeHttpUrl(url);
  return href ? `<a href="${escapeHtml(href)}" rel="noreferrer noopener">${shown}</a>` : shown;
}

/** Each segment percent-encoded, so a path is never read as a scheme or query. */
function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function localTime(iso: string, context: RenderContext): string {
  return formatInstant(iso, { locale: context.locale, timeZone: context.zone });
}

/** The instant in UTC and on the clock of the zone it was recorded in, with that zone named. */
function timePair(utc: string, zone: string, offset: string, context: RenderContext): string {
  const local = formatInstant(utc, { locale: context.locale, timeZone: isTimeZone(zone) ? zone : 'UTC' });
  return escapeHtml(`${formatUtc(utc)} · ${local} (${zone}, UTC${offset})`);
}

