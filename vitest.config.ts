import { defineConfig } from 'vitest/config';

// Three projects, from cheapest to most complete:
// - unit: pure code, no servers at all.
// - integration: in-process servers (the emulator, PGlite) and the project's PostgreSQL; no Temporal.
// - e2e: everything above plus one real Temporal dev server started by the global setup.
// The Temporal core bridge is a native addon that crashes under worker threads, so every project uses forks.
export default defineConfig({
  test: {
    pool: 'forks',
    reporters: process.env.CI ? ['default'] : ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/setup/postgres.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/postgres.ts', 'test/setup/temporal.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
