import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { decodeQuotedPrintable, SafelogDriver } from './safelog-driver.ts';
import { expectedMeta, readTruth } from './truth.ts';

/** The rectangle of the X post whose own status link ends with `postId`, in CSS px. */
async function postBox(page: Page, postId: string) {
  return page.evaluate((id) => {
    const article = [...document.querySelectorAll('article[data-testid="tweet"]')].find((candidate) =>
      candidate.querySelector(`a[href$="/status/${id}"] time`),
    )!;
    const box = article.getBoundingClientRect();
    return { width: box.width, height: box.height, dpr: devicePixelRatio };
  }, postId);
}

test.describe('X', () => {
  test('the shortcut on a post page saves the main post with the facts police ask for', async ({ page, worker, server }) => {
    // Arrange
    const truth = readTruth('x/post');
    await page.goto(`${server.origin}${truth.page}`);
    const safelog = new SafelogDriver(worker, page);
    const box = await postBox(page, truth.meta.postId!);

    // Act
    await safelog.shortcut();
    const finished = await safelog.outcome(1);

    // Assert
    expect(finished.outcome).toMatchObject({ status: 'saved' });
    const { captures, artifacts, custody, thumbnails } = await safelog.store();
    expect(captures).toHaveLength(1);
    const record = captures[0]!;
    expect(record.meta).toMatchObject(expectedMeta(truth, server.origin));
    expect(record.meta.missing.map((missing) => missing.field)).toEqual(truth.meta.missing ?? []);
    expect(record.page).toEqual({ url: page.url(), title: await page.title() });
    expect(record.capturedAt.utc).toMatch(/Z$/);
    expect(record.environment.browser).toMatch(/^Chromium \d+/);

    const image = record.artifacts.find((artifact) => artifact.kind === 'post-image')!;
    expect(image.imageSource).toBe('pixels');
    expect(image.width).toBe(Math.round(box.width * box.dpr));
    expect(image.height).toBe(Math.round(box.height * box.dpr));
    for (const artifact of record.artifacts) {
      expect(artifacts[artifact.id], artifact.kind).toMatchObject({ sha256: artifact.sha256, size: artifact.size });
    }
    const snapshot = record.artifacts.find((artifact) => artifact.kind === 'page-snapshot')!;
    expect(record.snapshot.method).toBe('mhtml');
    // Emoji are <img alt> in X's DOM, so the page holds the text around them.
    const mhtml = decodeQuotedPrintable(artifacts[snapshot.id]!.text!);
    const fragments = truth.meta.text!.split(/[^\x20-\x7e]+/).map((part) => part.trim()).filter((part) => part.length > 3);
    expect(fragments.length).toBeGreaterThan(0);
    for (const fragment of fragments) expect(mhtml).toContain(fragment);
    expect(thumbnails).toEqual([record.id]);
    expect(custody).toMatchObject([{ seq: 1, action: 'captured', subject: record.id }]);
  });

  test('right-click saves exactly the post under the pointer', async ({ page, worker, server }) => {
    // Arrange: the pointer rests on the third post of the timeline, as after a right-click there.
    await page.goto(`${server.origin}/home`);
    const safelog = new SafelogDriver(worker, page);
    const third = page.locator('article[data-testid="tweet"]').nth(2);
    const expectedPermalink = await third.evaluate((article) => {
      const link = article.querySelector<HTMLAnchorElement>('a[href*="/status/"]:has(time)')!;
      return link.href;
    });
    await third.locator('[data-testid="tweetText"]').first().hover();

    // Act
    await safelog.menu('safelog-save-post');
    const finished = await safelog.outcome(1);

    // Assert
    expect(finished.outcome).toMatchObject({ status: 'saved' });
    const [record] = (await safelog.store()).captures;
    expect(record).toMatchObject({ trigger: 'context-menu', kind: 'post', meta: { platform: 'x', permalink: expectedPermalink } });
  });

  test('"Save whole page" from the menu keeps the page, not one post', async ({ page, worker, server }) => {
    await page.goto(`${server.origin}/home`);
    const safelog = new SafelogDriver(worker, page);

    await safelog.menu('safelog-save-page');
    const finished = await safelog.outcome(1);

    expect(finished.outcome).toMatchObject({ status: 'saved' });
    const [record] = (await safelog.store()).captures;
    expect(record).toMatchObject({ kind: 'page', trigger: 'context-menu' });
    const image = record!.artifacts.find((artifact) => artifact.kind === 'post-image')!;
    const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight * devicePixelRatio);
    expect(image.height).toBe(Math.round(pageHeight));
  });

  test('on a timeline the shortcut opens the picker; a click saves the post clicked', async ({ page, worker, server }) => {
    // Arrange
    await page.goto(`${server.origin}/home`);
    const safelog = new SafelogDriver(worker, page);
    const second = page.locator('article[data-testid="tweet"]').nth(1);
    const expectedPermalink = await second.evaluate((article) => article.querySelector<HTMLAnchorElement>('a[href*="/status/"]:has(time)')!.href);
    let navigations = 0;
    page.on('framenavigated', () => (navigations += 1));

    // Act
    await safelog.shortcut();
    expect((await safelog.outcome(1)).outcome).toEqual({ status: 'picking' });
    await expect(page.locator('[data-safelog-ui="picker"]')).toHaveCount(1);
    await second.locator('[data-testid="tweetText"]').first().click();
    const finished = await safelog.outcome(2);

    // Assert: saved, the picker gone, and the click did not follow the post's own links.
    expect(finished.outcome).toMatchObject({ status: 'saved' });
    await expect(page.locator('[data-safelog-ui="picker"]')).toHaveCount(0);
    expect(navigations).toBe(0);
    const [record] = (await safelog.store()).captures;
    expect(record).toMatchObject({ trigger: 'picker', meta: { permalink: expectedPermalink } });
  });

  test('Esc closes the picker and saves nothing', async ({ page, worker, server }) => {
    await page.goto(`${server.origin}/home`);
    const safelog = new SafelogDriver(worker, page);

    await safelog.shortcut();
    expect((await safelog.outcome(1)).outcome).toEqual({ status: 'picking' });
    await page.mouse.move(300, 300);
    await page.keyboard.press('Escape');

    await expect(page.locator('[data-safelog-ui="picker"]')).toHaveCount(0);
    expect((await safelog.store()).captures).toEqual([]);
  });

  test('a long X post is stitched under the sticky header', async ({ page, worker, server }) => {
    const truth = readTruth('x/long-post');
    await page.goto(`${server.origin}${truth.page}`);
    const safelog = new SafelogDriver(worker, page);
    const box = await postBox(page, truth.meta.postId!);
    expect(box.height).toBeGreaterThan(truth.layout!.minPostHeightPx!);

    await safelog.shortcut();
    const finished = await safelog.outcome(1);

    expect(finished.outcome).toMatchObject({ status: 'saved' });
    const [record] = (await safelog.store()).captures;
    expect(record!.meta).toMatchObject(expectedMeta(truth, server.origin));
    const image = record!.artifacts.find((artifact) => artifact.kind === 'post-image')!;
    expect(image.height).toBe(Math.round(box.height * box.dpr));
    expect(record!.artifacts.filter((artifact) => artifact.kind === 'raw-screenshot').length).toBeGreaterThan(2);

    // The text is laid on 24-px bands of two alternating colours. At the end of every band's middle
    // row the stitched image must show that band's colour: X's white sticky header, or a skipped or
    // doubled strip, at any seam would show something else.
    const bands = await page.evaluate((id) => {
      const article = [...document.querySelectorAll('article[data-testid="tweet"]')].find((candidate) =>
        candidate.querySelector(`a[href$="/status/${id}"] time`),
      )!;
      const post = article.getBoundingClientRect();
      const text = article.querySelector('[data-testid="tweetText"]')!.getBoundingClientRect();
      return { top: text.top - post.top, right: text.right - post.left, count: Math.floor(text.height / 24) };
    }, truth.meta.postId!);
    const points = Array.from({ length: bands.count }, (_, index) => ({
      x: Math.round((bands.right - 2) * box.dpr),
      y: Math.round((bands.top + index * 24 + 12) * box.dpr),
    }));
    const colours = [[255, 233, 184], [201, 228, 255]];
    const actual = await safelog.pixels(image.id, points);
    const wrong = actual.rgb
      .map((rgb, index) => ({ band: index, rgb, expected: colours[index % 2]! }))
      .filter(({ rgb, expected }) => rgb.some((value, channel) => Math.abs(value - expected[channel]!) > 3));
    expect(bands.count).toBeGreaterThan(90);
    expect(wrong).toEqual([]);
  });
});
