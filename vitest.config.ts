import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'dashboard/web/dist/**', 'data/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests share one Redis and one PostgreSQL; each file uses its own queue prefix and
    // schema, but keep parallelism modest on a 2-core machine.
    maxWorkers: 2,
    fileParallelism: true,
    // The UI is built once, before the browser tests start in parallel.
    globalSetup: ['test/global-setup.ts'],
  },
});
