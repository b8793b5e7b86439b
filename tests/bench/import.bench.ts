import { mkdirSync, writeFileSync } from 'node:fs';
import type { ImportFloorRun, ImportRun } from '../../lib/browser/import-bench-hooks.ts';
import { expect, test } from '../e2e/fixtures.ts';
import { openDashboard } from './dashboard.ts';
import { formatMs, formatRatio, quantile } from './stats.ts';

const IMAGE_BYTES = 300 * 1024;
const ITEMS = 100;
// Import and floor alternate, so a slow spell of the machine falls on both; the median is reported.
const RUNS = 5;

const megabytesPerS = (bytes: number, ms: number): number => bytes / 1024 / 1024 / (ms / 1000);

test('import throughput against the floor, an exported archive of 100 items of ~300 KB', async ({ context, extensionId }) => {
  // Arrange: the export bench's items, exported as the person exports them.
  const dashboard = await context.newPage();
  await openDashboard(dashboard, extensionId);
  const seed = await dashboard.evaluate(([count, bytes]) => globalThis.safelogTest!.seedItems(count, bytes), [ITEMS, IMAGE_BYTES] as const);
  const archive = await dashboard.evaluate(() => globalThis.safelogTest!.prepareImportArchive({ locale: 'en', label: 'bench' }));
  expect(archive.itemCount).toBe(ITEMS);

  // Act
  const imports: ImportRun[] = [];
  const floors: ImportFloorRun[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    floors.push(await dashboard.evaluate(() => globalThis.safelogTest!.importFloor()));
    imports.push(await dashboard.evaluate(() => globalThis.safelogTest!.importArchive()));
  }

  // Assert: every run imported every item, so each timed the whole import.
  for (const run of imports) {
    expect(run.failure).toBeUndefined();
    expect(run.counts).toEqual({ new: ITEMS, duplicate: 0, conflict: 0, invalid: 0 });
    expect(run.imported).toBe(ITEMS);
  }
  const median = (values: number[]): number => quantile(values, 0.5);
  const floorMs = median(floors.map((run) => run.ms));
  const inspectMs = median(imports.map((run) => run.inspectMs));
  const applyMs = median(imports.map((run) => run.applyMs));
  const importMs = median(imports.map((run) => run.totalMs));
  const results = {
    items: ITEMS,
    seedMs: seed.ms,
    archive,
    runs: RUNS,
    floor: { medianMs: floorMs, MBPerS: megabytesPerS(archive.zipBytes, floorMs), files: floors[0]!.files, uncompressedBytes: floors[0]!.bytes, runs: floors },
    import: {
      medianMs: importMs,
      MBPerS: megabytesPerS(archive.zipBytes, importMs),
      inspectMedianMs: inspectMs,
      inspectMBPerS: megabytesPerS(archive.zipBytes, inspectMs),
      applyMedianMs: applyMs,
      runs: imports,
    },
    throughputRatio: floorMs / importMs,
    inspectThroughputRatio: floorMs / inspectMs,
    throughputTarget: '≥ 0.5× the floor (inspect + apply)',
    floorMeasured:
      'The same zip Blob read with zip.js (ZipReader over a BlobReader, defaults: no CRC or overlap check, no limits, no workers), every entry to a Blob, then crypto.subtle.digest SHA-256 of each entry’s bytes, one after another.',
    importMeasured:
      'inspectArchive (read with limits and CRC checks, verify manifest hashes, signature, custody chain, schema, plan against an empty scratch database), then applyImport of every item into that scratch database with thumbnails, as the import panel does. MB/s are zip bytes per second.',
  };
  mkdirSync('.bench', { recursive: true });
  writeFileSync('.bench/import.json', `${JSON.stringify(results, null, 2)}\n`);

  const zipMB = (archive.zipBytes / 1024 / 1024).toFixed(1);
  console.log(
    `\nImport of an exported archive of ${ITEMS} ~300 KB RGBA PNG items (${zipMB} MB zip, ${floors[0]!.files} files; median of ${RUNS}):\n` +
      `  import ${formatMs(importMs)} (${results.import.MBPerS.toFixed(1)} MB/s): inspect ${formatMs(inspectMs)} (${results.import.inspectMBPerS.toFixed(1)} MB/s) + apply ${formatMs(applyMs)}\n` +
      `  floor ${formatMs(floorMs)} (${results.floor.MBPerS.toFixed(1)} MB/s): zip.js read to Blobs + SHA-256 of every entry\n` +
      `  → ratio ${formatRatio(results.throughputRatio)} (target ≥ 0.5×); inspect alone ${formatRatio(results.inspectThroughputRatio)}`,
  );
});
