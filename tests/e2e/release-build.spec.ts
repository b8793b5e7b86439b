import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureServer } from '../fixture-server.mjs';
import { expect, isLocalRequest, launchWithExtension, RELEASE_BUILD, test } from './fixtures.ts';
import { SafelogDriver } from './safelog-driver.ts';
import { hasXvfbAndXdotool, startXvfb, xdotool } from './xvfb.ts';

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

test('the release manifest asks for no host permission and the build carries no test hook', () => {
  // Arrange
  const manifest = JSON.parse(readFileSync(join(RELEASE_BUILD, 'manifest.json'), 'utf8'));
  const scripts = filesUnder(RELEASE_BUILD).filter((file) => file.endsWith('.js'));

  // Assert
  expect(manifest.host_permissions ?? []).toEqual([]);
  expect(manifest.optional_host_permissions ?? []).toEqual([]);
  expect(manifest.content_scripts ?? []).toEqual([]);
  expect([...manifest.permissions].sort()).toEqual(['activeTab', 'contextMenus', 'pageCapture', 'scripting', 'storage', 'unlimitedStorage']);
  expect(manifest.content_security_policy.extension_pages).toMatch(/script-src 'self';/);
  expect(manifest.content_security_policy.extension_pages).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
  const withHooks = scripts.filter((file) => /safelogTest|searchParams\.get\("tab"\)|get\("tab"\)/.test(readFileSync(file, 'utf8')));
  expect(withHooks).toEqual([]);
});

test('the real Alt+Shift+S saves a post in the release build, with no host permission', async () => {
  test.skip(!hasXvfbAndXdotool(), 'needs Xvfb and xdotool: apt-get install xvfb xdotool');
  // Arrange: a headed Chromium on a virtual display, the release build, a local post page.
  const screen = await startXvfb();
  const server = await startFixtureServer();
  const launched = await launchWithExtension({ extensionPath: RELEASE_BUILD, headless: false, env: { DISPLAY: screen.display } });
  const requests: string[] = [];
  launched.context.on('request', (request) => requests.push(request.url()));
  try {
    const page = launched.context.pages()[0] ?? (await launched.context.newPage());
    await page.goto(`${server.origin}/article.html`);
    await page.bringToFront();
    const safelog = new SafelogDriver(launched.worker, page);
    const title = await page.title();
    const windowId = xdotool(screen.display, 'search', '--sync', '--onlyvisible', '--name', title).split('\n')[0]!;
    // The keys must reach this window, as they would once a person clicked into the page: click a
    // blank spot, then wait until the page itself sees a harmless key before pressing the shortcut.
    await page.evaluate(() => {
      (window as unknown as { seenKeys: number }).seenKeys = 0;
      addEventListener('keydown', () => ((window as unknown as { seenKeys: number }).seenKeys += 1), true);
    });
    await expect
      .poll(
        async () => {
          xdotool(screen.display, 'windowfocus', '--sync', windowId);
          xdotool(screen.display, 'mousemove', '--window', windowId, '20', '200', 'click', '1');
          xdotool(screen.display, 'key', 'shift');
          return page.evaluate(() => (window as unknown as { seenKeys: number }).seenKeys);
        },
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0);

    // Act: the keys a person presses; Chromium grants activeTab for the command.
    xdotool(screen.display, 'key', '--clearmodifiers', 'alt+shift+s');

    // Assert (the badge and tooltip say what happened, should no record appear)
    const status = async () => {
      const tabId = await safelog.tabId();
      const badge = await launched.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
      const tooltip = await launched.worker.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
      const result = { captures: (await safelog.store()).captures.length, badge, tooltip };
      return result;
    };
    await expect.poll(status, { timeout: 15_000 }).toMatchObject({ captures: 1 });
    const { captures, artifacts } = await safelog.store();
    const record = captures[0]!;
    expect(record.trigger).toBe('shortcut');
    expect(record.page.url).toBe(page.url());
    expect(record.artifacts.map((artifact) => artifact.kind)).toEqual(expect.arrayContaining(['raw-screenshot', 'post-image', 'page-snapshot']));
    for (const artifact of record.artifacts) expect(artifacts[artifact.id]?.sha256).toBe(artifact.sha256);
    expect(requests.filter((url) => !isLocalRequest(url, server.origin))).toEqual([]);
  } finally {
    await launched.close();
    await server.close();
    screen.stop();
  }
});
