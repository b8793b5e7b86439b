// `npm start`: builds Safelog, serves the local demo pages on 127.0.0.1 and opens Chromium with
// Safelog loaded on them. Close the browser (or press Ctrl+C) to stop.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFixtureServer } from '../tests/fixture-server.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const build = spawnSync(npx, ['wxt', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];
const chromium = candidates.find((path) => path && existsSync(path));
if (!chromium) {
  console.error('No Chromium found. Install one (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH.');
  console.error(`Or load ${resolve('.output/chrome-mv3')} by hand: chrome://extensions, Developer mode, Load unpacked.`);
  process.exit(1);
}

const server = await startFixtureServer(resolve('tests/fixtures/pages'), Number(process.env.PORT ?? 0));
const profile = mkdtempSync(join(tmpdir(), 'safelog-demo-'));
const extension = resolve('.output/chrome-mv3');
console.log(`\nDemo pages: ${server.origin}/\nSafelog: ${extension}\n`);

const browser = spawn(
  chromium,
  [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    // Chromium refuses to start as root with its sandbox on (containers, CI machines).
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `${server.origin}/`,
  ],
  { stdio: 'ignore' },
);

const stop = async () => {
  browser.kill();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
  process.exit(0);
};
browser.on('exit', stop);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
