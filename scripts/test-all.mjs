// `npm test`: typecheck, lint, unit tests, both builds, then the e2e suite in Chromium.
// Every tier runs even when an earlier one fails; the last line totals them all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = [];

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(name, command, args) {
  console.log(`\n── ${name} ──`);
  const ok = run(command, args);
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
  return ok;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

mkdirSync('test-results', { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

check('typecheck', npx, ['tsc', '--noEmit']);
check('lint', npx, ['eslint', '.']);

console.log('\n── unit tests ──');
rmSync('test-results/unit.json', { force: true });
const unitOk = run(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json']);
const unit = readJson('test-results/unit.json');
results.push(
  unit
    ? { name: 'unit', passed: unit.numPassedTests, failed: unit.numFailedTests + (unitOk || unit.numFailedTests ? 0 : 1), skipped: unit.numPendingTests + unit.numTodoTests }
    : { name: 'unit', passed: 0, failed: 1, skipped: 0 },
);

// Old builds are removed first: the e2e tests must never pass on a build this run did not make.
rmSync('.output', { recursive: true, force: true });
const built = [check('release build', npx, ['wxt', 'build']), check('e2e build', npx, ['wxt', 'build', '--mode', 'e2e'])].every(Boolean);

console.log('\n── e2e tests (Chromium) ──');
rmSync('test-results/e2e.json', { force: true });
const e2eOk = built && existsSync('.output/chrome-mv3-e2e/manifest.json') && run(npx, ['playwright', 'test']);
const e2e = readJson('test-results/e2e.json');
results.push(
  e2e?.stats
    ? {
        name: 'e2e',
        passed: e2e.stats.expected + e2e.stats.flaky,
        failed: e2e.stats.unexpected + (e2eOk || e2e.stats.unexpected ? 0 : 1),
        skipped: e2e.stats.skipped,
      }
    : { name: 'e2e', passed: 0, failed: 1, skipped: 0 },
);

console.log('\n── summary ──');
for (const tier of results) {
  console.log(`${tier.name.padEnd(14)} ${tier.passed} passed, ${tier.failed} failed${tier.skipped ? `, ${tier.skipped} skipped` : ''}`);
}
const total = (key) => results.reduce((sum, tier) => sum + tier[key], 0);
const skipped = total('skipped');
console.log(`${total('passed')} passed, ${total('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(total('failed') === 0 ? 0 : 1);
