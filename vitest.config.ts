import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Integration suites each start a server and seed a database; two at a time suits two cores.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
