import { mkdirSync, writeFileSync } from 'node:fs';
import type { CDPSession } from '@playwright/test';
import type { ExportRun } from '../../lib/browser/export-bench-hooks.ts';
import { expect, test } from '../e2e/fixtures.ts';
import { openDashboard } from './dashboard.ts';
import { formatMs, formatRatio } from './stats.ts';

const IMAGE_BYTES = 300 * 1024;
const SMALL = 100;
const LARGE = 1000;
const SAMPLE_EVERY_MS = 100;

/** Heap figures of the options page, from CDP: V8's heap and the ArrayBuffer backing stores outside it. */
interface MemorySample {
  usedHeap: number;
  backingStorage: number;
}

async function sampleMemory(cdp: CDPSession): Promise<MemorySample> {
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  return { usedHeap: usage.usedSize, backingStorage: usage.backingStorageSize ?? 0 };
}

/** Runs `work` while sampling the page's memory; returns its result and the peaks. */
async function withMemoryPeak<T>(cdp: CDPSession, work: () => Promise<T>): Promise<{ result: T; peakHeap: number; peakTotal: number; samples: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  let peakHeap = 0;
  let peakTotal = 0;
  let samples = 0;
  let running = true;
  const sampling = (async () => {
    while (running) {
      const sample = await sampleMemory(cdp);
      peakHeap = Math.max(peakHeap, sample.usedHeap);
      peakTotal = Math.max(peakTotal, sample.usedHeap + sample.backingStorage);
      samples += 1;
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
    }
  })();
  try {
    return { result: await work(), peakHeap, peakTotal, samples };
  } finally {
    running = false;
    await sampling;
  }
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const results: Record<string, unknown> = {};

test.afterAll(() => {
  mkdirSync('.bench', { recursive: true });
  writeFileSync('.bench/export.json', `${JSON.stringify(results, null, 2)}\n`);
});

test('export throughput and memory against the floor, 100 and 1,000 items of ~300 KB', async ({ context, extensionId }) => {
  const dashboard = await context.newPage();
  await openDashboard(dashboard, extensionId);
  const cdp = await context.newCDPSession(dashboard);
  await cdp.send('HeapProfiler.enable');

  const measure = async (count: number) => {
    const floor = await dashboard.evaluate(() => globalThis.safelogTest!.exportFloor());
    const run = await withMemoryPeak(cdp, () => dashboard.evaluate(() => globalThis.safelogTest!.exportArchive({ locale: 'en', label: 'bench' })));
    expect(run.result.itemCount).toBe(count);
    expect(run.result.reportPdfProblem).toBeUndefined();
    const megabytes = (count * IMAGE_BYTES) / 1024 / 1024;
    return {
      items: count,
      export: run.result satisfies ExportRun,
      exportItemsPerS: count / (run.result.totalMs / 1000),
      exportMBPerS: megabytes / (run.result.totalMs / 1000),
      floor,
      floorItemsPerS: count / (floor.ms / 1000),
      throughputRatio: floor.ms / run.result.totalMs,
      peakHeap: run.peakHeap,
      peakHeapPlusArrayBuffers: run.peakTotal,
      memorySamples: run.samples,
    };
  };

  const seedSmall = await dashboard.evaluate(([count, bytes]) => globalThis.safelogTest!.seedItems(count, bytes), [SMALL, IMAGE_BYTES] as const);
  const small = await measure(SMALL);
  const seedLarge = await dashboard.evaluate(([count, bytes]) => globalThis.safelogTest!.seedItems(count, bytes), [LARGE - SMALL, IMAGE_BYTES] as const);
  const large = await measure(LARGE);

  results.seedMs = seedSmall.ms + seedLarge.ms;
  results.small = small;
  results.large = large;
  results.throughputTarget = '≥ 0.7× the floor';
  results.memoryRatio = large.peakHeapPlusArrayBuffers / small.peakHeapPlusArrayBuffers;
  results.memoryTarget = '≤ 1.3× (1,000 items against 100)';
  results.memoryMeasured =
    'CDP Runtime.getHeapUsage every 100 ms: V8 heap plus ArrayBuffer backing stores. Blobs (the zip being written, IndexedDB reads) live in the browser process blob store and are not counted.';
  const lines = [SMALL, LARGE].map((count) => {
    const figures = count === SMALL ? small : large;
    return (
      `  ${count} items: export ${formatMs(figures.export.totalMs)} (${figures.exportItemsPerS.toFixed(1)} items/s, ${figures.exportMBPerS.toFixed(1)} MB/s), ` +
      `floor ${formatMs(figures.floor.ms)} (${figures.floorItemsPerS.toFixed(1)} items/s) → ratio ${formatRatio(figures.throughputRatio)} (target ≥ 0.7×)\n` +
      `    report.pdf ${mb(figures.export.reportPdfBytes)} in ${formatMs(figures.export.documentsMs)} (documents phase); deflate would make it ${formatRatio(figures.export.reportPdfDeflateRatio)} in ${formatMs(figures.export.reportPdfDeflateMs)}\n` +
      `    peak memory ${mb(figures.peakHeapPlusArrayBuffers)} (V8 heap ${mb(figures.peakHeap)}), zip ${mb(figures.export.zipBytes)}`
    );
  });
  console.log(
    `\nExport of ~300 KB RGBA PNG items (seeded in ${formatMs(results.seedMs as number)}):\n${lines.join('\n')}\n` +
      `  memory ${LARGE} against ${SMALL} items ${formatRatio(results.memoryRatio as number)} (target ≤ 1.3×); ${results.memoryMeasured as string}`,
  );
});
