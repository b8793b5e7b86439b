import { test as base, chromium, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFixtureServer } from '../fixture-server.mjs';
import { findChromium } from './find-chromium.ts';

export const E2E_BUILD = resolve('.output/chrome-mv3-e2e');
export const RELEASE_BUILD = resolve('.output/chrome-mv3');

export interface FixtureServer {
  origin: string;
  requests: string[];
  close(): Promise<void>;
}

/** Flags for a quiet Chromium on a machine without network, with one unpacked extension. */
export function chromiumArgs(extensionPath: string, deviceScaleFactor?: number): string[] {
  return [
    ...(deviceScaleFactor ? [`--force-device-scale-factor=${deviceScaleFactor}`] : []),
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--window-size=1280,800',
  ];
}

export interface LaunchOptions {
  extensionPath?: string;
  headless?: boolean;
  env?: Record<string, string>;
  deviceScaleFactor?: number;
}

/** Launches Chromium with Safelog loaded, in a fresh profile that is removed on close. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<{ context: BrowserContext; worker: Worker; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'safelog-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    viewport: null,
    args: chromiumArgs(options.extensionPath ?? E2E_BUILD, options.deviceScaleFactor),
    env: options.env ? { ...process.env, ...options.env } as Record<string, string> : undefined,
  });
  const worker = context.serviceWorkers().find(isSafelog) ?? (await context.waitForEvent('serviceworker', { predicate: isSafelog }));
  return {
    context,
    worker,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function isSafelog(worker: Worker): boolean {
  return worker.url().startsWith('chrome-extension://') && worker.url().endsWith('/background.js');
}

/** True for what never leaves the machine: the fixture server, the extension, inline data. */
export function isLocalRequest(url: string, origin: string): boolean {
  return url.startsWith(`${origin}/`) || /^(chrome-extension|data|blob|about|chrome|file):/.test(url);
}

interface Fixtures {
  /** Device pixels per CSS pixel for this test's browser (set with test.use). */
  screenScale: number | undefined;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  page: Page;
  /** Every request seen from any context of the browser in this test. */
  requests: string[];
}

export const test = base.extend<Fixtures, { server: FixtureServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const server = (await startFixtureServer()) as FixtureServer;
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern -- as above
  requests: async ({}, use) => {
    await use([]);
  },
  screenScale: [undefined, { option: true }],
  context: async ({ requests, server, screenScale }, use) => {
    const launched = await launchWithExtension({ deviceScaleFactor: screenScale });
    launched.context.on('request', (request) => requests.push(request.url()));
    await use(launched.context);
    await launched.close();
    const outside = requests.filter((url) => !isLocalRequest(url, server.origin));
    expect(outside, 'requests that left the fixture server').toEqual([]);
  },
  worker: async ({ context }, use) => {
    await use(context.serviceWorkers().find(isSafelog)!);
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
  page: async ({ context }, use) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await use(page);
  },
});

export { expect };
