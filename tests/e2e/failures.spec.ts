import { expect, test } from './fixtures.ts';
import { SafelogDriver } from './safelog-driver.ts';

test('a page that navigates mid-capture gives a clear message and leaves no half record', async ({ page, worker, server }) => {
  // Arrange: this copy of the long post loads another page as soon as the capture scrolls it.
  await page.goto(`${server.origin}/generic/long-post.html?navigate-on-scroll`);
  const safelog = new SafelogDriver(worker, page);

  // Act
  await safelog.shortcut();
  const finished = await safelog.outcome(1);

  // Assert
  expect(finished.outcome).toMatchObject({ status: 'failed', code: 'page-changed' });
  await expect(page).toHaveURL(/elsewhere\.html$/);
  const stored = await safelog.store();
  expect(stored.captures).toEqual([]);
  expect(stored.artifacts).toEqual({});
  expect(stored.custody).toEqual([]);
  expect(stored.thumbnails).toEqual([]);
  const badge = await worker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), await safelog.tabId());
  expect(badge).toBe('!');
});

test('the PDF viewer is refused with a clear message and nothing stored', async ({ page, worker, server }) => {
  await page.goto(`${server.origin}/generic/letter.pdf`);
  const safelog = new SafelogDriver(worker, page);

  await safelog.shortcut();
  const finished = await safelog.outcome(1);

  expect(finished.outcome).toMatchObject({ status: 'failed', code: 'restricted-page' });
  expect((await safelog.store()).captures).toEqual([]);
});

test.describe('restricted pages', () => {
  for (const url of ['chrome://version/', 'chrome://extensions/']) {
    test(`${url} is refused with a clear message and nothing stored`, async ({ page, worker }) => {
      // Arrange
      await page.goto(url);
      const safelog = new SafelogDriver(worker, page);

      // Act
      await safelog.shortcut();
      const finished = await safelog.outcome(1);

      // Assert
      expect(finished.outcome).toMatchObject({ status: 'failed', code: 'restricted-page' });
      const title = await worker.evaluate((tabId) => chrome.action.getTitle({ tabId }), await safelog.tabId());
      expect(title).toContain('web page');
      expect((await safelog.store()).captures).toEqual([]);
    });
  }
});

test('a second save started in the same tab while the first runs is turned away, and the first lands whole', async ({ page, worker, server }) => {
  await page.goto(`${server.origin}/generic/long-post.html`);
  const safelog = new SafelogDriver(worker, page);

  await safelog.shortcut();
  await safelog.shortcut();
  const outcomes = [await safelog.outcome(1), await safelog.outcome(2)].map((finished) => finished.outcome);

  expect(outcomes).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'saved' }), { status: 'failed', code: 'busy' }]));
  const { captures, custody } = await safelog.store();
  expect(captures).toHaveLength(1);
  expect(custody).toHaveLength(1);
});
