import { defineConfig } from '@playwright/test';

// `npm run bench`: figures, not pass/fail; each is a ratio to a floor measured in the same run.
export default defineConfig({
  testDir: 'tests/bench',
  testMatch: '**/*.bench.ts',
  workers: 1,
  retries: 0,
  timeout: 600_000,
  reporter: [['list']],
});
