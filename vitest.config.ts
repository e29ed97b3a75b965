import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (in-process, no network), `isolated` (in-process tests that replace a
 * module, each file with modules of its own) and `e2e` (the real bot against the fake Discord on
 * loopback, and the commands as processes). `vitest run` runs them all; `vitest run --project
 * unit` runs one.
 */
export default defineConfig({
  test: {
    // Compiles the entry points once for the tests that start them as processes.
    globalSetup: ['test/setup/compile.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Vitest's default on two cores is one worker; the e2e files wait on child processes and
    // timers, so a third worker keeps both cores busy meanwhile.
    maxWorkers: 3,
    // Worker threads rather than child processes: the same tests, ~2.5 s less wall time and
    // ~4.5 CPU-s less per run on two cores (measured alternating with forks, four runs each way).
    pool: 'threads',
    // Transformed modules are kept on disk (node_modules/.experimental-vitest-cache, keyed by
    // each file's content and the config): a run after the first skips ~5 s of transforming,
    // ~7 CPU-s. `npx vitest --clearCache` empties it.
    experimental: { fsModuleCache: true },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // In-process tests share their modules within a worker: loading the language model and
          // discord.js once per worker, not once per file, saves a third of the suite's time.
          // Tests that change a module's settings put them back (see test/core/bounded.test.ts).
          isolate: false,
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/e2e/**', 'test/isolated/**'],
        },
      },
      {
        extends: true,
        test: {
          // Tests that replace a module (vi.mock): each file gets its own modules, or a module
          // another file loaded first in the same worker would be the real one.
          name: 'isolated',
          include: ['test/isolated/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          isolate: false,
          include: ['test/e2e/**/*.test.ts'],
          // These start processes and wait on sockets: a busy machine may take tens of seconds.
          // They assert outcomes and order, never speed, so the limits only catch a hang.
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
