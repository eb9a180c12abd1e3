import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { APP_VERSION } from '../../main/version';
import { MOCKING_TESTS } from '../../vitest.config';

describe('package', () => {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {
    version: string;
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };

  it('the app reports the version of package.json', () => {
    expect(APP_VERSION).toBe(pkg.version);
  });

  it('pins every dependency to an exact version', () => {
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('keeps better-sqlite3 at major 12 (13 needs Node 22 and crashes on 20)', () => {
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^12\./);
  });

  it('has the scripts a newcomer and CI rely on', () => {
    for (const script of ['start', 'start:browser', 'build', 'test', 'lint', 'typecheck', 'bench', 'dist', 'cli']) {
      expect(pkg.scripts[script], script).toBeTruthy();
    }
  });

  it('runs every folder of tests from the one command, npm test', () => {
    const folders = fs.readdirSync('test', { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'helpers').map((d) => `test/${d.name}`);
    expect(folders.sort()).toEqual(['test/e2e', 'test/electron', 'test/integration', 'test/tooling', 'test/unit']);
    const runs = (pkg.scripts['test'] ?? '').split('&&').filter((step) => step.trim().startsWith('vitest run'));
    for (const folder of folders) expect(runs.some((step) => step.split(/\s+/).includes(folder)), folder).toBe(true);
  });

  it('runs the unit and integration files that mock modules with modules of their own', () => {
    const mocking = ['test/unit', 'test/integration']
      .flatMap((folder) => fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((name) => path.posix.join(folder, name.split(path.sep).join('/'))))
      .filter((file) => file.endsWith('.test.ts') && /\bvi\.(do)?mock\(/.test(fs.readFileSync(file, 'utf8')));
    expect(mocking.sort()).toEqual([...MOCKING_TESTS].sort());
  });
});
