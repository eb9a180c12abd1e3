import { defineConfig } from 'vitest/config';

const INTEGRATION = 'test/integration/**/*.test.ts';

export default defineConfig({
  test: {
    // Tests live under test/: npm test runs test/unit, test/integration and test/tooling (lint rules,
    // scripts, packaging), then the browser tests (test/e2e, test/electron).
    exclude: ['node_modules/**', 'dist/**', 'test/tooling/fixtures/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser tests start Chromium; two at once is what two cores bear.
    maxWorkers: 2,
    // expect.poll waits on a condition (the browser tests' pages); a loaded machine needs more than
    // its default second. It only takes this long when the condition never comes.
    expect: { poll: { timeout: 30_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'integration',
          include: [INTEGRATION],
          // The integration files load all of main/ (and exceljs, pinyin, age) and nothing else that
          // holds state between files: no mocks, every file and test on data folders of its own, main's
          // caches keyed by connection. So a worker loads the modules once for the files it runs,
          // instead of once per file, which took more time than the tests themselves.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // Unit tests stand in for 'electron' with mocks; browser tests each start their own host.
          name: 'isolated',
          include: ['test/**/*.test.ts'],
          exclude: ['node_modules/**', 'dist/**', 'test/tooling/fixtures/**', INTEGRATION],
        },
      },
    ],
  },
});
