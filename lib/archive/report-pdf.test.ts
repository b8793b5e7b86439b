import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ReportFonts } from './report-fonts.ts';
import type { ReportItem } from './report-model.ts';
import { renderReportPdf } from './report-pdf.ts';
import { createReportInput, createReportItem, createTestPng, readReportFonts, recordAt } from './report-fixtures.ts';

let fonts: ReportFonts;
beforeAll(() => {
  fonts = readReportFonts();
});

const smallPng = createTestPng(300, 200, 4);
const loadSmall = async (): Promise<Uint8Array> => smallPng;

/** The text of a PDF as poppler reads it, or undefined where pdftotext is not installed. */
function pdfText(bytes: Uint8Array): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'safelog-pdf-'));
  writeFileSync(join(dir, 'r.pdf'), bytes);
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  } catch {
    return undefined;
  }
}

function items(count: number): ReportItem[] {
  return Array.from({ length: count }, (_, index) =>
    createReportItem(recordAt(new Date(Date.UTC(2026, 8, 1) + index * 86_400_000).toISOString(), index % 2 ? 'x' : 'instagram', `@user${index % 3}`)));
}

describe('renderReportPdf', () => {
  test.each([
    { count: 1, locale: 'en' as const },
    { count: 3, locale: 'nl' as const },
  ])('$count items in $locale: a valid PDF with cover + one page per item + verification', async ({ count, locale }) => {
    const bytes = await renderReportPdf(createReportInput(items(count)), locale, loadSmall, fonts);
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/startxref\s+\d+\s+%%EOF\s*$/);
    const reloaded = await PDFDocument.load(bytes);
    expect(reloaded.getPageCount()).toBe(1 + count + 1);
  });

  test('text holds a Dutch ĳ word, an author name and emoji codes survive', async () => {
    const item = createReportItem({ ...recordAt('2026-09-02T10:00:00Z'), }, ['Ik schrok ervan']);
    item.record.meta.text = 'Je ĳsje smelt, Ĳsbrand 👀';
    item.record.meta.author.displayName = 'Jan Ĳzerman';
    const bytes = await renderReportPdf(createReportInput([item]), 'nl', loadSmall, fonts);
    const text = pdfText(bytes);
    if (text === undefined) return; // poppler-utils not installed: the structure test above still ran
    expect(text).toContain('ĳsje');
    expect(text).toContain('Jan Ĳzerman');
    expect(text).toContain('Bewijsrapport');
    expect(text).toContain('Ik schrok ervan');
  });

  test.each([
    { name: 'script tag', text: '<script>alert(1)</script>' },
    { name: 'RTL override', text: 'invoice\u202Egnp.exe' },
    { name: 'Hebrew', text: 'שלום עליכם' },
    { name: 'controls and lone surrogate', text: 'a\u0000b\u0007c\uD800d\u200Be' },
    { name: 'PDF syntax', text: ') Tj ET BT (x) endstream %%EOF' },
    { name: 'very long word', text: 'x'.repeat(3000) },
  ])('hostile text ($name) makes a valid PDF and is shown as visible codes', async ({ text }) => {
    const item = createReportItem(recordAt('2026-09-02T10:00:00Z'));
    item.record.meta.text = text;
    item.record.meta.author.handle = text.slice(0, 40);
    const bytes = await renderReportPdf(createReportInput([item]), 'en', loadSmall, fonts);
    const reloaded = await PDFDocument.load(bytes);
    expect(reloaded.getPageCount()).toBeGreaterThanOrEqual(3);
    const extracted = pdfText(bytes);
    if (extracted !== undefined && text.includes('\u202E')) expect(extracted).toContain('U+202E');
  });

  test('an image that fails to load is reported in the PDF, not fatal', async () => {
    const bytes = await renderReportPdf(createReportInput(items(1)), 'en', async () => { throw new Error('gone'); }, fonts);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(3);
    expect(pdfText(bytes) ?? 'could not be placed').toContain('could not be placed');
  });

  test.each([
    { name: 'RGB', png: createTestPng(120, 80, 3) },
    { name: 'RGBA', png: createTestPng(120, 80, 4) },
  ])('embeds an opaque $name PNG losslessly', async ({ png }) => {
    const bytes = await renderReportPdf(createReportInput(items(1)), 'en', async () => png, fonts);
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text).toContain('/Width 120');
  });
});

// Figures for the choice of PDF route: SAFELOG_BENCH=1 npx vitest run lib/archive/report-pdf.test.ts
describe.runIf(process.env.SAFELOG_BENCH)('renderReportPdf timing', () => {
  test.each([
    { count: 10, channels: 4 as const },
    { count: 100, channels: 4 as const },
    { count: 10, channels: 3 as const },
    { count: 100, channels: 3 as const },
  ])('$count items, each with a 1280×2400 post image of $channels channels', async ({ count, channels }) => {
    const screenshot = createTestPng(1280, 2400, channels);
    const postImage = createTestPng(600, 900, channels);
    const list = items(count).map((item) => {
      const id = item.record.id;
      item.record.artifacts = [
        { id: `${id}-raw-0`, kind: 'raw-screenshot', mime: 'image/png', size: screenshot.length, sha256: 'a'.repeat(64), width: 1280, height: 2400 },
        { id: `${id}-post-0`, kind: 'post-image', mime: 'image/png', size: postImage.length, sha256: 'b'.repeat(64), width: 600, height: 900 },
      ];
      return item;
    });
    const input = createReportInput(list);
    const started = performance.now();
    let loads = 0;
    const bytes = await renderReportPdf(input, 'nl', async (path) => { loads += 1; return path.includes('raw') ? postImage : screenshot; }, fonts);
    const ms = performance.now() - started;
    console.log(`${count} items, ${channels} channels: ${(ms / 1000).toFixed(2)} s, ${(bytes.length / 1024).toFixed(0)} KiB, ${loads} images, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
    expect(bytes.length).toBeGreaterThan(0);
  }, 600_000);
});
