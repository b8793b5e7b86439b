import { startFixtureServer } from '../fixture-server.mjs';
import { expect, isLocalRequest, launchWithExtension, test } from './fixtures.ts';

// The suite fails any test in which the browser asks for anything but the fixture server. These
// check the two halves of that guard: the watch sees what pages (and content scripts in them)
// request, and the extension's own contexts cannot make a request at all, not even to a server
// that is listening, because their CSP allows none.
test.describe('silence on the network', () => {
  test('the request watch sees what a web page asks for', async () => {
    const server = await startFixtureServer();
    const launched = await launchWithExtension();
    const seen: string[] = [];
    launched.context.on('request', (request) => seen.push(request.url()));
    try {
      const page = launched.context.pages()[0] ?? (await launched.context.newPage());
      await page.goto(`${server.origin}/article.html`);
      // A loopback address where nothing listens: the request is made and goes nowhere.
      await page.evaluate(() => fetch('http://127.0.0.2:9/from-page').catch(() => undefined));

      await expect.poll(() => seen.filter((url) => !isLocalRequest(url, server.origin))).toEqual(['http://127.0.0.2:9/from-page']);
    } finally {
      await launched.close();
      await server.close();
    }
  });

  test('the service worker and the extension pages cannot reach even a listening local server', async () => {
    const server = await startFixtureServer();
    const launched = await launchWithExtension();
    try {
      const target = `${server.origin}/article.html?from=`;
      const extensionPage = await launched.context.newPage();
      await extensionPage.goto(new URL('/popup.html', launched.worker.url()).href);

      const fromWorker = await launched.worker.evaluate((url) => fetch(`${url}worker`).then(() => 'reached', () => 'blocked'), target);
      const fromPage = await extensionPage.evaluate((url) => fetch(`${url}extension-page`).then(() => 'reached', () => 'blocked'), target);
      const imageFromPage = await extensionPage.evaluate(
        (url) =>
          new Promise<string>((resolve) => {
            const image = new Image();
            image.onload = () => resolve('reached');
            image.onerror = () => resolve('blocked');
            image.src = `${url}image`;
          }),
        target,
      );

      expect({ fromWorker, fromPage, imageFromPage }).toEqual({ fromWorker: 'blocked', fromPage: 'blocked', imageFromPage: 'blocked' });
      expect(server.requests.filter((path) => path.startsWith('/article.html'))).toEqual([]);
    } finally {
      await launched.close();
      await server.close();
    }
  });
});
