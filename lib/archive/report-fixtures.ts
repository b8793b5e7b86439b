// Test data for the report tests: items shaped as the exporter hands them to the report.
import type { CaptureRecord } from '../evidence/record.ts';
import type { ReportFonts } from './report-fonts.ts';
import type { ReportInput, ReportItem } from './report-model.ts';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import { REPORT_FONT_MODULES } from './report-fonts.ts';
import { createTestRecord } from '../evidence/test-records.ts';
import { assemblePng } from '../capture/png-file.ts';

/** A report item whose record has one raw screenshot and one post image, with archive paths. */
export function createReportItem(overrides: Partial<CaptureRecord> = {}, notes?: string[]): ReportItem {
  const base = createTestRecord(overrides);
  const id = base.id;
  const record: CaptureRecord = {
    ...base,
    artifacts: overrides.artifacts ?? [
      { id: `${id}-raw-0`, kind: 'raw-screenshot', mime: 'image/png', size: 3, sha256: 'a'.repeat(64), width: 1280, height: 720, imageSource: 'pixels' },
      { id: `${id}-post-0`, kind: 'post-image', mime: 'image/png', size: 3, sha256: 'b'.repeat(64), width: 600, height: 400, imageSource: 'pixels' },
    ],
  };
  const folder = `items/${(record.meta.postTime.iso ?? record.capturedAt.utc).slice(0, 10)}_${record.meta.platform}_${(record.meta.author.handle ?? 'unknown').replace(/[^A-Za-z0-9_.-]/g, '')}_${id.slice(0, 8)}/`;
  const files: Record<string, string> = {};
  for (const artifact of record.artifacts) {
    if (artifact.kind === 'thumbnail') continue;
    const name = artifact.kind === 'raw-screenshot' ? 'raw-screenshot-1.png' : artifact.kind === 'post-image' ? (artifact.tile ? `post-image-${artifact.tile.index + 1}.png` : 'post-image.png') : 'page.mhtml';
    files[artifact.id] = `${folder}${name}`;
  }
  return { record, folder, files, ...(notes ? { notes } : {}) };
}

/** A report input around the given items, exported from Amsterdam in winter time. */
export function createReportInput(items: ReportItem[], overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    archiveName: 'safelog-evidence-2026-12-01-case',
    exportedAt: { utc: '2026-12-01T08:00:00.000Z', zone: 'Europe/Amsterdam', offset: '+01:00', local: '2026-12-01T09:00:00.000+01:00' },
    tool: { name: 'Safelog', version: '0.1.0', browser: 'Chromium 156' },
    fingerprint: '0123456789abcdef'.repeat(4),
    items,
    ...overrides,
  };
}

/** A record posted at `iso` on `platform` by `handle`. */
export function recordAt(iso: string, platform: CaptureRecord['meta']['platform'] = 'x', handle = '@someone'): Partial<CaptureRecord> {
  const base = createTestRecord();
  return {
    meta: { ...base.meta, platform, author: { ...base.meta.author, handle }, postTime: { iso, source: 'datetime-attribute', shown: iso.slice(0, 10) } },
  };
}

/**
 * A PNG that looks like a screenshot (white with dark "text" stripes), `channels` 3 (RGB) or 4 (RGBA),
 * encoded here so tests need no image files.
 */
export function createTestPng(width: number, height: number, channels: 3 | 4 = 4): Uint8Array {
  const stride = width * channels + 1;
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = y % 3; // a mix of filters none / sub / up, as real encoders use
    for (let x = 0; x < width; x++) {
      const ink = ((x >> 2) + (y >> 3)) % 7 === 0 && y % 40 < 30;
      const pixel = [ink ? 20 : 250, ink ? 20 : 250 - (y % 200), ink ? 30 : 250, 255];
      for (let c = 0; c < channels; c++) raw[y * stride + 1 + x * channels + c] = pixel[c] ?? 255;
    }
    // Apply the row's filter so the data is a valid filtered PNG stream.
    const row = raw.subarray(y * stride + 1, (y + 1) * stride);
    const original = Uint8Array.from(row);
    const above = y > 0 ? pngRows.get(y - 1) : undefined;
    if (raw[y * stride] === 1) for (let i = row.length - 1; i >= channels; i--) row[i] = ((original[i] ?? 0) - (original[i - channels] ?? 0)) & 0xff;
    if (raw[y * stride] === 2) for (let i = 0; i < row.length; i++) row[i] = ((original[i] ?? 0) - (above?.[i] ?? 0)) & 0xff;
    pngRows.set(y, original);
  }
  pngRows.clear();
  return assemblePng(width, height, channels === 4 ? 6 : 2, deflateSync(raw));
}

const pngRows = new Map<number, Uint8Array>();




/** The report fonts read straight from node_modules, as Node has no extension to fetch them from. */
export function readReportFonts(): ReportFonts {
  const require = createRequire(import.meta.url);
  const read = (specifier: string): Uint8Array => new Uint8Array(readFileSync(require.resolve(specifier)));
  return { regular: read(REPORT_FONT_MODULES.regular), bold: read(REPORT_FONT_MODULES.bold), emoji: read(REPORT_FONT_MODULES.emoji) };
}
