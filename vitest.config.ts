import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Integration suites each start a server and seed a database; two at a time suits two cores.
    maxWorkers: 2,
    // The second names any file whose test process died mid-run (Vitest alone says only "Worker exited unexpectedly").
    reporters: ['default', './test/support/unfinished-reporter.ts'],
  },
});
