import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Then one line: how many tests were skipped, and why (test/reporters/skip-summary.ts).
    reporters: ['default', './test/reporters/skip-summary.ts'],
  },
});
