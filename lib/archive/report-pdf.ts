// The report as a PDF a police officer can file and print. Made with @cantoo/pdf-lib and
// @cantoo/fontkit in the extension itself: printing report.html through the browser would need the
// `debugger` permission (chrome.printing/Page.printToPDF is not open to extensions otherwise), and
// Safelog will not ask for it.
//
// Measured in Node 20 on the 2-core dev machine (tests/bench in report-pdf.test.ts, one 1280×2400
// RGBA screenshot plus one 600×900 post image per item): see the report of the change for figures;
// pdf-lib's own PNG path alone took 0.5–1.1 s per screenshot, so pdf-image.ts embeds them natively.
//
// What the PDF cannot do, and says so on the page: pdf-lib lays out no bidirectional text, and the
// embedded fonts have no Hebrew or Arabic. Characters without a glyph (and all hidden controls such
// as U+202E) are written as visible ‹U+XXXX› codes with a note pointing at report.html, which
// shows the text exactly; nothing is silently dropped or reordered.
import type { PDFFont, PDFPage } from '@cantoo/pdf-lib';
import type { Locale, Translator } from '../i18n.ts';
import type { WeeklyCounts } from './chart-svg.ts';
import type { ReportFonts } from './report-fonts.ts';
import type { ReportInput, ReportItem } from './report-model.ts';
import { PDFDocument, rgb, StandardFonts } from '@cantoo/pdf-lib';
import fontkit from '@cantoo/fontkit';
import { ARTIFACT_KIND_LABELS, CAPTURE_KIND_LABELS, PLATFORM_LABELS, PRECISION_LABELS, SNAPSHOT_METHOD_LABELS, TIME_SOURCE_LABELS } from '../../components/labels.ts';
import { translatorFor } from '../i18n.ts';
import { formatInstant, formatUtc, isTimeZone } from '../format-time.ts';
import { describeEscalation, incidentTime, platformColour, platformName, weeklyCounts } from './chart-svg.ts';
import { revealHiddenCharacters } from './escape-markup.ts';
import { drawPdfImage, embedImage } from './pdf-image.ts';
import { loadBundledFonts } from './report-fonts.ts';
import { chronological, countByAccount, countByPlatform, groupFingerprint, incidentPeriod, itemFiles, itemImages } from './report-model.ts';

/** A4 in PostScript points. */
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 50, bottom: 50, left: 45, right: 45 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const LABEL_WIDTH = 150;
const BLACK = rgb(0.07, 0.07, 0.07);
const GREY = rgb(0.35, 0.35, 0.35);
const AMBER = rgb(0.54, 0.29, 0);
const RED = rgb(0.69, 0, 0);

/**
 * The dossier as PDF bytes, in `locale`. Images are requested one at a time through `loadImage`
 * (a path inside the archive) and embedded at once, so memory holds the finished PDF so far and one
 * image, never all of them. `fonts` defaults to the fonts bundled with the extension.
 */
export async function renderReportPdf(
  input: ReportInput,
  locale: Locale,
  loadImage: (path: string) => Promise<Uint8Array>,
  fonts?: ReportFonts,
): Promise<Uint8Array> {
  const t = translatorFor(locale);
  const fontBytes = fonts ?? (await loadBundledFonts());
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  // Subsetting keeps only the glyphs used: a few tens of kB instead of ~2 MB of font files.
  const fontSet: FontSet = {
    regular: await doc.embedFont(fontBytes.regular, { subset: true }),
    bold: await doc.embedFont(fontBytes.bold, { subset: true }),
    emoji: await doc.embedFont(fontBytes.emoji, { subset: true }),
    mono: await doc.embedFont(StandardFonts.Courier),
    charsets: new Map(),
  };
  doc.setTitle(`${t('archiveReportTitle')}: ${input.archiveName}`, { showInWindowTitleBar: true });
  doc.setProducer(`${input.tool.name} ${input.tool.version}`);
  doc.setCreator(`${input.tool.name} ${input.tool.version}`);
  doc.setLanguage(locale);
  doc.setCreationDate(new Date(input.exportedAt.utc));
  doc.setModificationDate(new Date(input.exportedAt.utc));

  const zone = isTimeZone(input.exportedAt.zone) ? input.exportedAt.zone : 'UTC';
  const writer = new PdfWriter(doc, fontSet);
  const items = chronological(input.items);
  const context: Context = { t, locale, zone, writer };

  writeCover(input, items, context);
  for (const [index, item] of items.entries()) {
    writer.newPage();
    await writeItem(item, index, items.length, input.archiveName, context, loadImage);
  }
  writer.newPage();
  writeVerification(input, context);

  const pages = doc.getPages();
  pages.forEach((page, index) => {
    writer.drawRuns(page, MARGIN.left, PAGE.height - 30, runsOf(input.archiveName, fontSet, fontSet.regular), 8, GREY);
    const label = `${t('archiveReportPageLabel')} ${index + 1} / ${pages.length}`;
    const runs = runsOf(label, fontSet, fontSet.regular);
    writer.drawRuns(page, PAGE.width - MARGIN.right - widthOf(runs, 8), 28, runs, 8, GREY);
  });
  return doc.save({ useObjectStreams: true });
}

interface FontSet {
  regular: PDFFont;
  bold: PDFFont;
  emoji: PDFFont;
  /** For hashes and paths: Courier is built into every PDF reader and ASCII is all they hold. */
  mono: PDFFont;
  charsets: Map<PDFFont, Set<number>>;
}

interface Context {
  t: Translator;
  locale: Locale;
  zone: string;
  writer: PdfWriter;
}

/** A piece of a line drawn in one font. */
interface Run {
  text: string;
  font: PDFFont;
}

function charsetOf(fonts: FontSet, font: PDFFont): Set<number> {
  let set = fonts.charsets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    fonts.charsets.set(font, set);
  }
  return set;
}

const EMOJI_JOINERS = new Set([0x200d, 0xfe0f, 0xfe0e]);
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|\uD802[\uDC00-\uDFFF]|\uD83A[\uDC00-\uDFFF]|\uD83B[\uDC00-\uDEFF]/;

interface Shaped {
  runs: Run[];
  /** Characters that no embedded font has, written as ⟨U+XXXX⟩ instead. */
  substituted: boolean;
}

/**
 * Splits text into runs by the font that has each character: the text font first, then the emoji
 * font; anything else becomes a visible ⟨U+XXXX⟩ code (hidden controls become codes before that).
 */
function shape(text: string, fonts: FontSet, base: PDFFont): Shaped {
  const runs: Run[] = [];
  let substituted = false;
  const push = (piece: string, font: PDFFont): void => {
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += piece;
    else runs.push({ text: piece, font });
  };
  const baseSet = charsetOf(fonts, base);
  const emojiSet = charsetOf(fonts, fonts.emoji);
  let previousFont: PDFFont | undefined;
  for (const char of revealHiddenCharacters(text)) {
    const code = char.codePointAt(0) ?? 0xfffd;
    const isSkinTone = code >= 0x1f3fb && code <= 0x1f3ff;
    if (previousFont === fonts.emoji && (EMOJI_JOINERS.has(code) || isSkinTone) && emojiSet.has(code)) {
      push(char, fonts.emoji);
    } else if (code === 0xfe0f || code === 0xfe0e || code === 0x200d || code === 0x200c) {
      // Presentation selectors and joiners after plain text change nothing visible.
      continue;
    } else if (code === 0x0a) {
      push(char, base); // a line break, taken by wrap() and never drawn
      previousFont = base;
    } else if ((code === 0x27e8 || code === 0x27e9) && !baseSet.has(code)) {
      // The brackets of our own ⟨U+XXXX⟩ markers: Noto Sans lacks them, ‹ › read the same.
      push(code === 0x27e8 ? '‹' : '›', fonts.regular);
      previousFont = fonts.regular;
    } else if (baseSet.has(code)) {
      push(char, base);
      previousFont = base;
    } else if (emojiSet.has(code)) {
      push(char, fonts.emoji);
      previousFont = fonts.emoji;
    } else {
      substituted = true;
      push(`‹U+${code.toString(16).toUpperCase().padStart(4, '0')}›`, fonts.regular);
      previousFont = fonts.regular;
    }
  }
  return { runs, substituted };
}

function runsOf(text: string, fonts: FontSet, base: PDFFont): Run[] {
  return shape(text, fonts, base).runs;
}

// widthOfTextAtSize runs fontkit's whole layout each call; wrapping measures character by character,
// so widths at size 1 are remembered per font (measured: this made small reports ~5× faster).
const charWidths = new WeakMap<PDFFont, Map<string, number>>();

function charWidth(font: PDFFont, char: string, size: number): number {
  let widths = charWidths.get(font);
  if (!widths) {
    widths = new Map();
    charWidths.set(font, widths);
  }
  let width = widths.get(char);
  if (width === undefined) {
    width = font.widthOfTextAtSize(char, 1000) / 1000;
    widths.set(char, width);
  }
  return width * size;
}

function widthOf(runs: readonly Run[], size: number): number {
  return runs.reduce((sum, run) => sum + Array.from(run.text).reduce((total, char) => total + charWidth(run.font, char, size), 0), 0);
}

/** Breaks runs into lines no wider than `maxWidth`: at spaces, and inside a word (a URL, a hash) only when it must. */
function wrap(runs: readonly Run[], maxWidth: number, size: number): Run[][] {
  // Flatten to characters with their font, then rebuild lines; texts here are short enough.
  const chars: Run[] = runs.flatMap((run) => Array.from(run.text, (text) => ({ text, font: run.font })));
  const lines: Run[][] = [];
  let line: Run[] = [];
  let width = 0;
  let lastSpace = -1;
  const flush = (): void => {
    lines.push(merge(line));
    line = [];
    width = 0;
    lastSpace = -1;
  };
  for (const char of chars) {
    if (char.text === '\n') {
      flush();
      continue;
    }
    const advance = charWidth(char.font, char.text, size);
    if (width + advance > maxWidth && line.length > 0) {
      if (lastSpace >= 0 && char.text !== ' ') {
        const carry = line.slice(lastSpace + 1);
        line = line.slice(0, lastSpace);
        flush();
        line = carry;
        width = carry.reduce((sum, c) => sum + charWidth(c.font, c.text, size), 0);
      } else {
        flush();
      }
      if (char.text === ' ') continue;
    }
    if (char.text === ' ') lastSpace = line.length;
    line.push(char);
    width += advance;
  }
  flush();
  return lines;
}

function merge(chars: readonly Run[]): Run[] {
  const runs: Run[] = [];
  for (const char of chars) {
    const last = runs[runs.length - 1];
    if (last && last.font === char.font) last.text += char.text;
    else runs.push({ ...char });
  }
  return runs;
}

/** A cursor over pages: writes top to bottom and starts a new page when the next block does not fit. */
class PdfWriter {
  page: PDFPage;
  y = PAGE.height - MARGIN.top;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: FontSet,
  ) {
    this.page = doc.addPage([PAGE.width, PAGE.height]);
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN.top;
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  gap(points: number): void {
    this.y -= points;
  }

  drawRuns(page: PDFPage, x: number, y: number, runs: readonly Run[], size: number, colour = BLACK): void {
    let cursor = x;
    for (const run of runs) {
      page.drawText(run.text, { x: cursor, y, size, font: run.font, color: colour });
      cursor += widthOf([run], size);
    }
  }

  /** Wrapped text; returns whether any character had to be written as a code. */
  text(text: string, options: { size?: number; bold?: boolean; mono?: boolean; x?: number; width?: number; colour?: ReturnType<typeof rgb> } = {}): boolean {
    const size = options.size ?? 10;
    const base = options.mono ? this.fonts.mono : options.bold ? this.fonts.bold : this.fonts.regular;
    // Courier covers ASCII only: anything else in a "mono" text (never expected) falls back to Noto Sans.
    const shaped = options.mono && /^[\x20-\x7e\n]*$/.test(text) ? { runs: [{ text, font: base }], substituted: false } : shape(text, this.fonts, options.mono ? this.fonts.regular : base);
    const lineHeight = size * 1.35;
    for (const line of wrap(shaped.runs, options.width ?? CONTENT_WIDTH, size)) {
      this.ensure(lineHeight);
      this.y -= lineHeight;
      this.drawRuns(this.page, options.x ?? MARGIN.left, this.y + size * 0.3, line, size, options.colour);
    }
    return shaped.substituted;
  }

  heading(text: string, size: number): void {
    this.ensure(size * 3);
    this.gap(size * 0.6);
    this.text(text, { size, bold: true });
    this.gap(size * 0.3);
  }

  /** A label on the left, its value wrapped on the right; the pair stays on one page when it can. */
  field(label: string, value: string, options: { mono?: boolean; colour?: ReturnType<typeof rgb> } = {}): boolean {
    const size = 9.5;
    const valueWidth = CONTENT_WIDTH - LABEL_WIDTH;
    const valueRuns = shape(value, this.fonts, this.fonts.regular).runs;
    const labelLines = wrap(shape(label, this.fonts, this.fonts.bold).runs, LABEL_WIDTH - 8, size).length;
    const valueLines = wrap(valueRuns, valueWidth, size).length;
    // Keep a label with (the start of) its value; a very long value may run on over the page.
    this.ensure(Math.max(labelLines, Math.min(valueLines, 6), 1) * size * 1.35);
    const top = this.y;
    const pageBefore = this.page;
    this.text(label, { size, bold: true, width: LABEL_WIDTH - 8 });
    const afterLabel = this.y;
    this.y = top;
    const substituted = this.text(value, { size, x: MARGIN.left + LABEL_WIDTH, width: valueWidth, ...(options.mono ? { mono: true } : {}), ...(options.colour ? { colour: options.colour } : {}) });
    this.y = (this.page === pageBefore ? Math.min(this.y, afterLabel) : this.y) - 2;
    return substituted;
  }
}

function localTime(iso: string, context: Context): string {
  return formatInstant(iso, { locale: context.locale, timeZone: context.zone });
}

function timePair(utc: string, zone: string, offset: string, context: Context): string {
  const local = formatInstant(utc, { locale: context.locale, timeZone: isTimeZone(zone) ? zone : 'UTC' });
  return `${formatUtc(utc)} · ${local} (${zone}, UTC${offset})`;
}

function writeCover(input: ReportInput, items: readonly ReportItem[], context: Context): void {
  const { t, writer } = context;
  writer.text(t('archiveReportTitle'), { size: 20, bold: true });
  writer.gap(6);
  writer.field(t('archiveReportArchiveName'), input.archiveName, { mono: true });
  writer.field(t('archiveReportExportedAt'), timePair(input.exportedAt.utc, input.exportedAt.zone, input.exportedAt.offset, context));
  writer.field(t('archiveReportTool'), [`${input.tool.name} ${input.tool.version}`, input.tool.browser].filter(Boolean).join(', '));
  if (input.caseDescription?.trim()) {
    writer.heading(t('archiveReportCaseHeading'), 13);
    writer.text(t('archiveReportCaseNote'), { size: 8.5, colour: GREY });
    if (writer.text(input.caseDescription, { size: 10 })) writer.text(t('archiveReportPdfGlyphNote'), { size: 8, colour: GREY });
  }
  writer.heading(t('archiveReportSummaryHeading'), 13);
  const period = incidentPeriod(items);
  const counts = weeklyCounts(items.map((item) => item.record), context.zone);
  if (!period) {
    writer.text(t('archiveReportNoItems'));
  } else {
    const days = Math.floor((Date.parse(period.last) - Date.parse(period.first)) / 86_400_000) + 1;
    writer.field(t('archiveReportPeriod'), t('archiveReportPeriodValue', localTime(period.first, context), localTime(period.last, context), String(days)));
    writer.field(t('archiveReportIncidentCount'), t('archiveReportIncidentCountValue', String(items.length), String(counts.weeks.length)));
    writer.text(t('archiveReportIncidentTimeNote'), { size: 8, colour: GREY });
  }
  writer.heading(t('archiveReportByPlatformHeading'), 11);
  for (const { platform, count } of countByPlatform(items)) writer.field(t(PLATFORM_LABELS[platform]), String(count));
  writer.heading(t('archiveReportByAccountHeading'), 11);
  const unknown = t('archiveReportUnknown');
  for (const account of countByAccount(items)) {
    const who = [account.displayNames.join(' / ') || unknown, account.handles.join(' / ') || unknown, `${t('archiveReportAccountId')}: ${account.accountId ?? unknown}`].join(' · ');
    writer.field(`${t(PLATFORM_LABELS[account.platform])}: ${account.count}`, who);
  }
  if (counts.weeks.length > 0) {
    writer.heading(t('archiveReportChartHeading'), 11);
    drawChart(counts, context);
    writer.text(describeEscalation(counts, t), { size: 8.5 });
  }
}

/** The weekly bars drawn with PDF rectangles: the same counts and marks as the SVG in report.html. */
function drawChart(counts: WeeklyCounts, context: Context): void {
  const { t, writer } = context;
  const plotHeight = 130;
  const legendHeight = Math.ceil((counts.platforms.length + 1) / 3) * 12;
  writer.ensure(plotHeight + 40 + legendHeight);
  const page = writer.page;
  const left = MARGIN.left + 24;
  const width = CONTENT_WIDTH - 24;
  const bottom = writer.y - plotHeight - 8;
  const max = Math.max(1, ...counts.weeks.map((week) => week.total));
  const scale = plotHeight / max;
  const slot = width / counts.weeks.length;
  const barWidth = Math.max(0.5, slot * 0.8);
  page.drawLine({ start: { x: left, y: bottom }, end: { x: left + width, y: bottom }, thickness: 0.7, color: BLACK });
  writer.drawRuns(page, MARGIN.left, bottom + plotHeight - 6, runsOf(String(max), writer.fonts, writer.fonts.regular), 7);
  writer.drawRuns(page, MARGIN.left, bottom - 2, runsOf('0', writer.fonts, writer.fonts.regular), 7);
  const labelEvery = Math.max(1, Math.ceil(counts.weeks.length / 10));
  counts.weeks.forEach((week, index) => {
    const x = left + index * slot + (slot - barWidth) / 2;
    let y = bottom;
    counts.platforms.forEach((platform, platformIndex) => {
      const count = week.byPlatform[platform] ?? 0;
      if (count === 0) return;
      page.drawRectangle({ x, y, width: barWidth, height: count * scale, color: hexColour(platformColour(platformIndex)) });
      y += count * scale;
    });
    if (week.escalation) {
      page.drawRectangle({ x, y: bottom, width: barWidth, height: week.total * scale, borderColor: RED, borderWidth: 1.2 });
      drawTriangle(page, x + barWidth / 2, bottom + week.total * scale + 2);
    }
    if (index % labelEvery === 0) writer.drawRuns(page, left + index * slot, bottom - 10, runsOf(week.week.slice(2), writer.fonts, writer.fonts.regular), 6, GREY);
  });
  writer.y = bottom - 22;
  writer.text(t('archiveReportChartAxisWeeks', counts.zone), { size: 7, colour: GREY });
  const legend = [...counts.platforms.map((platform, index) => ({ label: platformName(platform, t), colour: hexColour(platformColour(index)), escalation: false }))];
  const entries = [...legend, { label: t('archiveReportChartEscalationLegend', '4'), colour: RED, escalation: true }];
  entries.forEach((entry, index) => {
    const column = index % 3;
    if (column === 0) writer.gap(12);
    const x = MARGIN.left + column * (CONTENT_WIDTH / 3);
    if (entry.escalation) drawTriangle(writer.page, x + 4, writer.y);
    else writer.page.drawRectangle({ x, y: writer.y, width: 8, height: 8, color: entry.colour });
    writer.drawRuns(writer.page, x + 12, writer.y + 1, runsOf(entry.label, writer.fonts, writer.fonts.regular), 7.5);
  });
  writer.gap(6);
}

function drawTriangle(page: PDFPage, centreX: number, baseY: number): void {
  page.drawSvgPath(`M ${centreX - 3.5} 0 L ${centreX + 3.5} 0 L ${centreX} -6 Z`, { x: 0, y: baseY, color: RED });
}

function hexColour(hex: string): ReturnType<typeof rgb> {
  const value = Number.parseInt(hex.slice(1), 16);
  return rgb(((value >> 16) & 0xff) / 255, ((value >> 8) & 0xff) / 255, (value & 0xff) / 255);
}

async function writeItem(item: ReportItem, index: number, total: number, archiveName: string, context: Context, loadImage: (path: string) => Promise<Uint8Array>): Promise<void> {
  const { t, writer } = context;
  const { record } = item;
  const { meta } = record;
  const unknown = t('archiveReportUnknown');
  writer.text(t('archiveReportRunningHeader', archiveName, String(index + 1), String(total)), { size: 8, colour: GREY });
  writer.text(`${index + 1}. ${t(PLATFORM_LABELS[meta.platform])} · ${localTime(incidentTime(record), context)} · ${meta.author.handle ?? meta.author.displayName ?? unknown}`, { size: 13, bold: true });
  writer.gap(4);
  for (const image of itemImages(item)) {
    try {
      // One image at a time: loaded, embedded (compressed into the PDF) and released before the next.
      const embedded = await embedImage(writer.doc, await loadImage(image.path), image.artifact.mime);
      const maxHeight = PAGE.height - MARGIN.top - MARGIN.bottom - 30;
      const scale = Math.min(CONTENT_WIDTH / embedded.width, maxHeight / embedded.height, 1);
      const width = embedded.width * scale;
      const height = embedded.height * scale;
      // An image is never cut: when it does not fit below, it starts a page (scaled to fit one page).
      writer.ensure(height + 14);
      writer.y -= height;
      drawPdfImage(writer.page, embedded, { x: MARGIN.left, y: writer.y, width, height });
      writer.page.drawRectangle({ x: MARGIN.left, y: writer.y, width, height, borderColor: GREY, borderWidth: 0.5 });
      const tile = image.artifact.tile;
      writer.text(tile && tile.count > 1 ? t('archiveReportImageTile', String(tile.index + 1), String(tile.count), image.path) : image.path, { size: 7, colour: GREY });
    } catch (error) {
      writer.text(t('archiveReportPdfImageMissing', `${image.path} (${error instanceof Error ? error.message : String(error)})`), { size: 9, colour: AMBER });
    }
    writer.gap(4);
  }
  const postTime = meta.postTime;
  writer.field(t('archiveReportPlatform'), `${t(PLATFORM_LABELS[meta.platform])} (${t(CAPTURE_KIND_LABELS[record.kind])})`);
  let substituted = false;
  substituted = writer.field(t('archiveReportAuthorName'), meta.author.displayName ?? unknown) || substituted;
  substituted = writer.field(t('archiveReportAuthorHandle'), meta.author.handle ?? unknown) || substituted;
  substituted = writer.field(t('archiveReportAccountId'), meta.author.accountId ?? unknown) || substituted;
  substituted = writer.field(t('archiveReportProfileUrl'), meta.author.profileUrl ?? unknown) || substituted;
  substituted = writer.field(t('archiveReportPostTimeShown'), postTime.shown ?? unknown) || substituted;
  writer.field(t('archiveReportPostTimeIso'), postTime.iso ? `${postTime.iso} (${localTime(postTime.iso, context)})` : unknown);
  writer.field(t('archiveReportPostTimeSource'), [t(TIME_SOURCE_LABELS[postTime.source]), postTime.precision ? t(PRECISION_LABELS[postTime.precision]) : ''].filter(Boolean).join(' · '));
  writer.field(t('archiveReportCapturedAt'), timePair(record.capturedAt.utc, record.capturedAt.zone, record.capturedAt.offset, context));
  substituted = writer.field(t('archiveReportPermalink'), meta.permalink ?? unknown) || substituted;
  substituted = writer.field(t('archiveReportPageUrl'), record.page.url) || substituted;
  substituted = writer.field(t('archiveReportPageTitle'), record.page.title) || substituted;
  if (meta.parent?.permalink) substituted = writer.field(t('archiveReportReplyTo'), meta.parent.permalink) || substituted;
  if (meta.quoted?.permalink) substituted = writer.field(t('archiveReportQuoted'), meta.quoted.permalink) || substituted;
  writer.field(t('archiveReportSnapshot'), t(SNAPSHOT_METHOD_LABELS[record.snapshot.method]));
  writer.field(t('archiveReportCaptureId'), record.id, { mono: true });
  writer.heading(t('archiveReportText'), 10.5);
  substituted = writer.text(meta.text || unknown, { size: 10, x: MARGIN.left + 8, width: CONTENT_WIDTH - 8 }) || substituted;
  if (meta.missing.length > 0) {
    writer.heading(t('archiveReportMissingHeading'), 10.5);
    for (const missing of meta.missing) writer.text(`${missing.field}: ${missing.reason}`, { size: 9, colour: AMBER });
  }
  if (item.notes && item.notes.length > 0) {
    writer.heading(t('archiveReportNotesHeading'), 10.5);
    for (const note of item.notes) substituted = writer.text(note, { size: 9.5 }) || substituted;
  }
  if (substituted) writer.text(t('archiveReportPdfGlyphNote'), { size: 8, colour: GREY });
  if (RTL.test([meta.text, meta.author.displayName ?? '', meta.author.handle ?? '', ...(item.notes ?? [])].join(''))) writer.text(t('archiveReportPdfRtlNote'), { size: 8, colour: GREY });
  writer.heading(t('archiveReportFilesHeading'), 10.5);
  for (const { artifact, path } of itemFiles(item)) {
    writer.ensure(28);
    writer.text(`${path} (${t(ARTIFACT_KIND_LABELS[artifact.kind])})`, { size: 8 });
    writer.text(`SHA-256 ${artifact.sha256}`, { size: 8, mono: true, x: MARGIN.left + 8 });
  }
}

function writeVerification(input: ReportInput, context: Context): void {
  const { t, writer } = context;
  writer.heading(t('archiveReportVerifyHeading'), 14);
  writer.field(t('archiveReportFingerprint'), groupFingerprint(input.fingerprint), { mono: true });
  writer.gap(4);
  writer.text(t('archiveReportVerifyFingerprint'));
  writer.gap(4);
  writer.text(t('archiveReportVerifyHtml'));
  writer.gap(4);
  writer.text(t('archiveReportVerifyByHand'));
  writer.text('sha256sum -c manifest-sha256.txt', { mono: true, x: MARGIN.left + 12 });
  writer.gap(4);
  writer.text(t('archiveReportVerifyReadme'));
}
