import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests live under test/: npm test runs test/unit, test/integration and test/tooling (lint rules,
    // scripts, packaging), then the browser tests (test/e2e, test/electron).
    include: ['test/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'test/tooling/fixtures/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser tests start Chromium; two at once is what two cores bear.
    maxWorkers: 2,
    // expect.poll waits on a condition (the browser tests' pages); a loaded machine needs more than
    // its default second. It only takes this long when the condition never comes.
    expect: { poll: { timeout: 30_000 } },
  },
});
