import { defineConfig } from '@playwright/test';

// Service-worker requests are reported only with this flag; the suite fails on any request
// that leaves the fixture server, so the extension's own worker must be watched too.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // One browser at a time: two cores, and the screenshot quota is per browser.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: { trace: 'off' },
});
