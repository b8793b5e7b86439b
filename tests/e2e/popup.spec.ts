import { expect, test } from './fixtures.ts';
import { SafelogDriver } from './safelog-driver.ts';
import { expectedMeta, readTruth } from './truth.ts';

test('an article page is saved through the generic reader', async ({ page, worker, server }) => {
  const truth = readTruth('article');
  await page.goto(`${server.origin}${truth.page}`);
  const safelog = new SafelogDriver(worker, page);

  await safelog.shortcut();
  const finished = await safelog.outcome(1);

  expect(finished.outcome).toMatchObject({ status: 'saved' });
  const [record] = (await safelog.store()).captures;
  expect(record!.meta).toMatchObject(expectedMeta(truth, server.origin));
  expect(record!.meta.missing.map((missing) => missing.field)).toEqual(truth.meta.missing);
});

test('the popup saves the post of the page it was opened on, then lists it; a click opens its details', async ({ context, page, worker, server, extensionId }) => {
  // Arrange: the e2e build's popup opens as a tab and is told which tab it acts on.
  const truth = readTruth('x/post');
  await page.goto(`${server.origin}${truth.page}`);
  const safelog = new SafelogDriver(worker, page);
  const tabId = await safelog.tabId();
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await expect(popup.getByRole('button', { name: 'Save this post' })).toBeFocused();
  await expect(popup.getByText(/Nothing saved yet/)).toBeVisible();

  // Act: the person presses Enter on the focused button. (A real popup floats over the page; here
  // the page tab is brought back to the front first, as it must be to be photographed.)
  await page.bringToFront();
  await popup.getByRole('button', { name: 'Save this post' }).press('Enter');
  const finished = await safelog.outcome(1);

  // Assert: saved, and a fresh popup lists it with name, handle and a blurred thumbnail.
  expect(finished.outcome).toMatchObject({ status: 'saved' });
  expect(finished.trigger).toBe('popup');
  const listed = await context.newPage();
  await listed.goto(`chrome-extension://${extensionId}/popup.html`);
  const item = listed.getByRole('listitem').filter({ hasText: truth.meta.author!.displayName! });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(`@${truth.meta.author!.handle}`);
  await expect(item.locator('img')).toHaveCSS('filter', /blur/);

  const [options] = await Promise.all([context.waitForEvent('page'), item.locator('.capture-item__open').click()]);
  await options.waitForLoadState();
  expect(options.url()).toContain('/options.html#capture=');
  await expect(options.getByRole('heading', { name: `Post by ${truth.meta.author!.displayName!}` })).toBeVisible();
  await expect(options.getByText(truth.meta.postId!).first()).toBeVisible();
});

test('"Pick a post" in the popup opens the picker on the page; "Save whole page" keeps the page', async ({ context, page, worker, server, extensionId }) => {
  await page.goto(`${server.origin}/home`);
  const safelog = new SafelogDriver(worker, page);
  const tabId = await safelog.tabId();

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await popup.getByRole('button', { name: 'Pick a post' }).click();
  await expect(page.locator('[data-safelog-ui="picker"]')).toHaveCount(1);
  await page.bringToFront();
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-safelog-ui="picker"]')).toHaveCount(0);

  const again = await context.newPage();
  await again.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await page.bringToFront();
  await again.getByRole('button', { name: 'Save whole page' }).click();
  const finished = await safelog.outcome(1);
  expect(finished.outcome).toMatchObject({ status: 'saved' });
  const [record] = (await safelog.store()).captures;
  expect(record).toMatchObject({ kind: 'page', trigger: 'popup' });
});
