import { defineConfig } from 'vitest/config';

/**
 * Test files that stand in for modules with vi.mock ('electron' for the desktop-side units): a
 * mock must not meet a module another file already loaded, so they run with modules of their own.
 * test/tooling/package.test.ts checks this list against the files.
 */
export const MOCKING_TESTS = ['test/unit/electron-ipc-register.test.ts', 'test/unit/electron-preload.test.ts', 'test/unit/electron-print.test.ts'];

const EXCLUDE = ['node_modules/**', 'dist/**', 'test/tooling/fixtures/**'];

export default defineConfig({
  test: {
    // Tests live under test/: npm test runs test/unit, test/integration and test/tooling (lint rules,
    // scripts, packaging), then the browser tests (test/e2e, test/electron).
    exclude: EXCLUDE,
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
          name: 'shared-modules',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: [...EXCLUDE, ...MOCKING_TESTS],
          // These files load main/ and shared/ (and exceljs, pinyin, age) and nothing else that holds
          // state between files: no mocks, every file and test on data folders of its own, main's
          // caches keyed by connection. So a worker loads the modules once for the files it runs,
          // instead of once per file, which took more time than the tests themselves.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // Files that mock modules; tooling tests that run scripts and lint; browser tests, each
          // starting their own host and browser.
          name: 'isolated',
          include: [...MOCKING_TESTS, 'test/tooling/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/electron/**/*.test.ts'],
        },
      },
    ],
  },
});
