import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'main/**/*.test.ts', 'shared/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'test/fixtures/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser tests start Chromium; two at once is what two cores bear.
    maxWorkers: 2,
  },
});
