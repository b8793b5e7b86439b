import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Where a Chromium comes from: $CHROMIUM_PATH, Playwright's own download, or Debian's package. */
export function findChromium(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    safe(() => chromium.executablePath()),
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
  ];
  const found = candidates.find((path): path is string => Boolean(path) && existsSync(path!));
  if (found) return found;
  throw new Error(
    'No Chromium found for the e2e tests. Install one and run again:\n' +
      '  Debian/Ubuntu: sudo apt-get install chromium\n' +
      '  or: npx playwright install chromium\n' +
      '  or point CHROMIUM_PATH at a Chromium or Chrome for Testing binary.',
  );
}

function safe(get: () => string): string | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}
