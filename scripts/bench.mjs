// `npm run bench`: builds the e2e flavour (it exposes capture outcomes) and runs tests/bench.
import { spawnSync } from 'node:child_process';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const step = (args) => {
  const result = spawnSync(npx, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
step(['wxt', 'build', '--mode', 'e2e']);
step(['playwright', 'test', '--config', 'playwright.bench.config.ts']);
