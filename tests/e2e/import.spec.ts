import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobReader, BlobWriter, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter, configure } from '@zip.js/zip.js';
import type { Page } from '@playwright/test';
import { expect, isLocalRequest, launchWithExtension, test } from './fixtures.ts';
import { SafelogDriver } from './safelog-driver.ts';

configure({ useWebWorkers: false });

/** The zip with one byte of one file flipped, re-zipped: what a careless or hostile edit leaves. */
async function flipByteInside(zipPath: string, target: (path: string) => boolean): Promise<{ bytes: Uint8Array; path: string }> {
  const reader = new ZipReader(new BlobReader(new Blob([readFileSync(zipPath)])));
  const writer = new ZipWriter(new BlobWriter('application/zip'));
  let changed = '';
  for (const entry of await reader.getEntries()) {
    if (entry.directory || !entry.getData) continue;
    const data = await entry.getData(new Uint8ArrayWriter());
    if (!changed && target(entry.filename)) {
      data[data.length - 20]! ^= 0x01;
      changed = entry.filename;
    }
    await writer.add(entry.filename, new Uint8ArrayReader(data));
  }
  await reader.close();
  return { bytes: new Uint8Array(await (await writer.close()).arrayBuffer()), path: changed };
}

/** Chooses the file in the dashboard's import panel and presses Check. */
async function check(dashboard: Page, zipPath: string): Promise<void> {
  await dashboard.getByLabel('Archive (.zip)').setInputFiles(zipPath);
  await dashboard.getByRole('button', { name: 'Check', exact: true }).click();
}

test('an exported archive imports into a fresh profile field by field, and a tampered copy is refused by name', async ({ context, page, worker, server, extensionId }) => {
  test.setTimeout(120_000);
  // Arrange: two saved posts in the first profile, exported from its dashboard.
  const safelog = new SafelogDriver(worker, page);
  await safelog.saveByShortcut(`${server.origin}/harasser_0x/status/2028486597669851137`, 1);
  await safelog.saveByShortcut(`${server.origin}/2026/03/02/the-truth-about-sam-doe/`, 2);
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/options.html`);
  const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByRole('button', { name: 'Export', exact: true }).click()]);
  await expect(dashboard.getByTestId('export-result')).toContainText('with 2 items');
  const work = mkdtempSync(join(tmpdir(), 'safelog-import-'));
  const zipPath = join(work, download.suggestedFilename());
  await download.saveAs(zipPath);
  const original = await safelog.store();

  const second = await launchWithExtension();
  const requests: string[] = [];
  second.context.on('request', (request) => requests.push(request.url()));
  try {
    const secondId = new URL(second.worker.url()).host;
    const secondPage = second.context.pages()[0] ?? (await second.context.newPage());
    const secondDashboard = await second.context.newPage();
    await secondDashboard.goto(`chrome-extension://${secondId}/options.html`);
    const secondSafelog = new SafelogDriver(second.worker, secondPage);

    // Act: check and add the archive in the second profile, as a person does.
    await check(secondDashboard, zipPath);
    await expect(secondDashboard.getByTestId('import-verdict')).toBeVisible();
    await expect(secondDashboard.getByTestId('import-signer')).toHaveAttribute('data-signer', 'other');
    await expect(secondDashboard.getByTestId('import-signer')).toContainText('another Safelog');
    await expect(secondDashboard.getByTestId('import-counts')).toContainText('New: 2');
    await secondDashboard.getByRole('button', { name: 'Add 2 items' }).click();
    await expect(secondDashboard.getByTestId('import-done')).toHaveText('Added 2 items to your evidence.');

    // Assert: every record field by field, every artifact's bytes, and one imported entry each.
    const imported = await secondSafelog.store();
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(imported.captures)).toEqual(byId(original.captures));
    for (const record of original.captures) {
      for (const artifact of record.artifacts) {
        expect(imported.artifacts[artifact.id]?.sha256, artifact.id).toBe(original.artifacts[artifact.id]!.sha256);
        expect(imported.artifacts[artifact.id]?.sha256, artifact.id).toBe(artifact.sha256);
      }
    }
    expect(imported.custody.map((entry) => [entry.action, entry.details['archive']])).toEqual([
      ['imported', download.suggestedFilename()],
      ['imported', download.suggestedFilename()],
    ]);

    // A second check finds both already there.
    await check(secondDashboard, zipPath);
    await expect(secondDashboard.getByTestId('import-counts')).toContainText('Already here: 2');
    await expect(secondDashboard.getByRole('button', { name: 'Add 0 items' })).toBeDisabled();

    // One byte flipped in one file: refused, the file named, nothing changed.
    const tampered = await flipByteInside(zipPath, (path) => path.endsWith('/post-image.png'));
    const tamperedPath = join(work, 'tampered.zip');
    writeFileSync(tamperedPath, tampered.bytes);
    const before = await secondSafelog.store();
    await check(secondDashboard, tamperedPath);
    await expect(secondDashboard.getByTestId('import-refused')).toContainText(`Changed, added or missing: ${tampered.path}`);
    await expect(secondDashboard.getByRole('button', { name: /^Add/ })).toHaveCount(0);
    expect(await secondSafelog.store()).toEqual(before);
  } finally {
    await second.close();
    rmSync(work, { recursive: true, force: true });
  }
  expect(requests.filter((url) => !isLocalRequest(url, server.origin)), 'requests from the second profile').toEqual([]);
});
