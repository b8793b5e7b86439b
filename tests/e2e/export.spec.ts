import { spawnSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BlobReader, Uint8ArrayWriter, ZipReader, configure } from '@zip.js/zip.js';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { hasPdftotext, pdfText } from './pdf-text.ts';
import { SafelogDriver } from './safelog-driver.ts';

configure({ useWebWorkers: false });

/** Unzips into a new temporary folder and returns it. */
async function unzip(zipPath: string): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'safelog-archive-'));
  const reader = new ZipReader(new BlobReader(new Blob([readFileSync(zipPath)])));
  for (const entry of await reader.getEntries()) {
    if (entry.directory || !entry.getData) continue;
    const target = join(folder, entry.filename);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, await entry.getData(new Uint8ArrayWriter()));
  }
  await reader.close();
  return folder;
}

/** Opens verify.html from the unzipped folder, gives it the folder, and returns its verdict. */
async function verifyInBrowser(page: Page, folder: string) {
  await page.goto(pathToFileURL(join(folder, 'verify.html')).href);
  await page.getByTestId('verify-folder').setInputFiles(folder);
  const summary = page.getByTestId('verify-summary');
  await expect(summary).toBeVisible();
  const rows = await page.getByTestId('verify-file').evaluateAll((elements) =>
    elements.map((element) => ({ path: element.getAttribute('data-path'), status: element.getAttribute('data-status') })),
  );
  return { overall: await summary.getAttribute('data-overall'), text: await summary.innerText(), rows };
}

test('an archive exported from the dashboard checks out by hand, by signature and in verify.html, and names a changed byte', async ({
  context,
  page,
  worker,
  server,
  extensionId,
}) => {
  test.setTimeout(120_000);
  // Arrange: two saved posts.
  const safelog = new SafelogDriver(worker, page);
  await safelog.saveByShortcut(`${server.origin}/harasser_0x/status/2028486597669851137`, 1);
  await safelog.saveByShortcut(`${server.origin}/2026/03/02/the-truth-about-sam-doe/`, 2);

  // Act: export from the dashboard, as a person does.
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/options.html`);
  const fingerprint = (await dashboard.getByTestId('signing-fingerprint').innerText()).replace(/\s/g, '');
  await dashboard.getByLabel('Name for the file (optional)').fill('Case 1');
  const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByRole('button', { name: 'Export', exact: true }).click()]);
  await expect(dashboard.getByTestId('export-result')).toContainText('with 2 items');
  const work = mkdtempSync(join(tmpdir(), 'safelog-download-'));
  const zipPath = join(work, download.suggestedFilename());
  await download.saveAs(zipPath);

  // Assert: the name, the files, and every check a third party can make without Safelog.
  expect(download.suggestedFilename()).toMatch(/^safelog-evidence-\d{4}-\d{2}-\d{2}-case-1\.zip$/);
  const folder = await unzip(zipPath);
  try {
    const byHand = spawnSync('sha256sum', ['-c', '--strict', 'manifest-sha256.txt'], { cwd: folder, encoding: 'utf8' });
    expect(byHand.status, byHand.stdout + byHand.stderr).toBe(0);

    const manifest = readFileSync(join(folder, 'manifest-sha256.txt'));
    const jwk = JSON.parse(readFileSync(join(folder, 'public-key.jwk'), 'utf8'));
    const signature = Buffer.from(readFileSync(join(folder, 'manifest.sig'), 'utf8').trim(), 'base64');
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    const algorithm = jwk.alg === 'EdDSA' ? null : 'sha256';
    const dsa = jwk.alg === 'EdDSA' ? {} : { dsaEncoding: 'ieee-p1363' as const };
    expect(verify(algorithm, manifest, { key, ...dsa }, signature)).toBe(true);
    expect(jwk.kid).toBe(fingerprint);

    const evidence = JSON.parse(readFileSync(join(folder, 'evidence.json'), 'utf8'));
    expect(evidence.items).toHaveLength(2);
    const log = readFileSync(join(folder, 'custody-log.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(log.map((entry) => entry.action)).toEqual(['captured', 'captured', 'exported']);
    expect(readFileSync(join(folder, 'report.html'), 'utf8')).not.toMatch(/<script/i);
    expect(readFileSync(join(folder, 'evidence.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    // report.pdf: made with the fonts bundled in the extension, listed and signed like every file.
    expect(manifest.toString('utf8')).toMatch(/^[0-9a-f]{64} {2}report\.pdf$/m);
    const pdf = readFileSync(join(folder, 'report.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(readFileSync(join(folder, 'README.txt'), 'utf8')).not.toContain('report.pdf is not in this archive');
    // Facts for the record, not assertions: the PDF's size and the PNG colour types (2 RGB, 6 RGBA) capture produced.
    const colourTypes = evidence.items.flatMap((item: { files: Record<string, string> }) =>
      Object.values(item.files).filter((path) => path.endsWith('.png')).map((path) => `${path.split('/').at(-1)}: ${readFileSync(join(folder, path))[25]}`),
    );
    test.info().annotations.push({ type: 'report.pdf', description: `${pdf.length} bytes; PNG colour types ${colourTypes.join(', ')}` });
    if (hasPdftotext()) {
      const handles: string[] = evidence.items.map((item: { record: { meta: { author: { handle?: string } } } }) => item.record.meta.author.handle).filter(Boolean);
      expect(handles.length).toBeGreaterThan(0);
      const text = pdfText(join(folder, 'report.pdf'));
      for (const handle of handles) expect(text).toContain(handle);
    }

    const viewer = await context.newPage();
    const intact = await verifyInBrowser(viewer, folder);
    expect(intact.overall, intact.text).toBe('intact');
    expect(intact.rows.filter((row) => row.status !== 'ok')).toEqual([]);

    // One byte of one original changed: verify.html names exactly that file.
    const image = Object.values(evidence.items[0].files as Record<string, string>).find((path) => path.endsWith('post-image.png'))!;
    const bytes = readFileSync(join(folder, image));
    bytes[bytes.length - 20]! ^= 0x01;
    writeFileSync(join(folder, image), bytes);
    const tampered = await verifyInBrowser(viewer, folder);
    expect(tampered.overall).toBe('problems');
    expect(tampered.rows.filter((row) => row.status !== 'ok')).toEqual([{ path: image, status: 'changed' }]);
    expect(spawnSync('sha256sum', ['-c', '--quiet', 'manifest-sha256.txt'], { cwd: folder, encoding: 'utf8' }).stdout).toContain(image);

    // The export is in the extension's own custody log.
    const { custody } = await safelog.store();
    expect(custody.at(-1)).toMatchObject({ action: 'exported', details: { archive: download.suggestedFilename() } });

    // A second export of one account only holds that account's post.
    await dashboard.reload();
    await dashboard.getByRole('checkbox', { name: /@harasser_0x/ }).check();
    const [second] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByRole('button', { name: 'Export', exact: true }).click()]);
    await expect(dashboard.getByTestId('export-result')).toContainText('with 1 item.');
    const secondZip = join(work, 'second.zip');
    await second.saveAs(secondZip);
    const secondFolder = await unzip(secondZip);
    const held = JSON.parse(readFileSync(join(secondFolder, 'evidence.json'), 'utf8')).items.map((item: { record: { meta: { author: { handle?: string } } } }) => item.record.meta.author.handle);
    rmSync(secondFolder, { recursive: true, force: true });
    expect(held).toEqual(['harasser_0x']);
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
});
