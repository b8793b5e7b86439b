import { defineConfig } from 'vitest/config';

// Storage tests run in the node environment: under jsdom, fake-indexeddb hands back empty Blobs.
// DOM tests opt in per file with `// @vitest-environment jsdom`.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    environment: 'node',
    include: ['lib/**/*.test.ts', 'components/**/*.test.tsx', 'tests/unit/**/*.test.ts'],
  },
});
