// The hooks tests/bench drives in the options page, as one object (`safelogTest`). Loaded only
// behind `import.meta.env.MODE` in entrypoints/options/main.tsx, so the release build carries none
// of it (tests/e2e/release-build.spec.ts greps for `safelogTest`).
import { createExportBenchHooks, type ExportBenchHooks } from './export-bench-hooks.ts';
import { createImportBenchHooks, type ImportBenchHooks } from './import-bench-hooks.ts';

export type BenchHooks = ExportBenchHooks & ImportBenchHooks;

/** Every bench hook over this page's database connection. */
export function createBenchHooks(): BenchHooks {
  return { ...createExportBenchHooks(), ...createImportBenchHooks() };
}
