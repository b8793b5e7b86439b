import type { Page } from '@playwright/test';
import type { BenchHooks } from '../../lib/browser/bench-hooks.ts';

declare global {
  var safelogTest: BenchHooks | undefined;
}

/** Opens the options page of the e2e build and waits for its bench hooks. */
export async function openDashboard(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.waitForFunction(() => globalThis.safelogTest !== undefined);
}
