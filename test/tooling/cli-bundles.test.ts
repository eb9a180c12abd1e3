/**
 * The command line's launcher (main/cli/launch.ts), its per-group bundles (scripts/build-main.mjs) and
 * the code cache the CLI and browser mode start with (main/codeCache.ts):
 * the build finds every command group, the launcher picks the bundle holding exactly the group the
 * program would load, and the code cache is used when valid and ignored (then rewritten) when not.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMAND_GROUPS, groupsFor, runCli } from '../../main/cli/program';
import { asksOnlyVersion, bundleFor, type CliBuild } from '../../main/cli/launch';
import { APP_VERSION } from '../../main/version';
import { cacheFileOf, compileBundle, saveCodeCache } from '../../main/codeCache';
import { commandGroupsOf } from '../../scripts/cli-groups.mjs';

const ROOT = path.resolve(__dirname, '../..');
const found = commandGroupsOf(fs.readFileSync(path.join(ROOT, 'main/cli/program.ts'), 'utf8'));
const build: CliBuild = {
  groups: found.map((g) => ({ names: g.names, file: `cli-${g.file}.cjs`, hash: 'h' })),
  all: { names: [], file: 'cli-all.cjs', hash: 'h' },
};

describe('the CLI bundles', () => {
  it('the build finds every command group of COMMAND_GROUPS, each with a file under main/cli/commands', () => {
    expect(found.map((g) => g.names)).toEqual(COMMAND_GROUPS.map((g) => [...g.names]));
    for (const g of found) expect(fs.existsSync(path.join(ROOT, 'main/cli/commands', `${g.file}.ts`))).toBe(true);
  });

  it('the launcher runs the bundle of the one group the program loads, else the bundle with every group', () => {
    const lines = [
      ['users', 'list', '--data-dir', 'x'],
      ['--json', 'backup', 'create'],
      ['restore', '--from', 'f'],
      ['help', 'packet'],
      ['help'],
      ['--help'],
      ['--version'],
      [],
      ['nosuch', 'users'],
      ['--data-dir', 'users', 'list'],
      ['--', 'users'],
      ['report', '--', 'users'],
    ];
    for (const argv of lines) {
      const groups = groupsFor(argv);
      const bundle = bundleFor(argv, build);
      if (groups.length === 1) expect(bundle.names, argv.join(' ')).toEqual(groups[0]?.names);
      else expect(bundle, argv.join(' ')).toBe(build.all);
    }
  });

  it('the launcher answers a version-only command line itself, with what the program prints for it', async () => {
    for (const argv of [['--version'], ['-V'], ['--json', '--version'], ['--version', '--json']]) {
      expect(asksOnlyVersion(argv), argv.join(' ')).toBe(true);
      const out: string[] = [];
      const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => out.push(t) });
      expect(code).toBe(0);
      expect(out.join(''), argv.join(' ')).toBe(`${APP_VERSION}\n`);
    }
    for (const argv of [[], ['--help'], ['users', '--version'], ['--version', 'users', 'list'], ['help'], ['--json']]) expect(asksOnlyVersion(argv), argv.join(' ')).toBe(false);
  });
});

describe('the code cache', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  function bundleIn(): { file: string; cache: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadrecare-launch-'));
    dirs.push(dir);
    const file = path.join(dir, 'cli-x.cjs');
    fs.writeFileSync(file, 'module.exports = function twice(n) { return n * 2; };\n');
    return { file, cache: cacheFileOf(dir, { file: 'cli-x.cjs', hash: 'abc' }) };
  }

  it('is wanted when missing, written, then used by the next run', () => {
    const { file, cache } = bundleIn();
    const first = compileBundle(file, cache);
    expect(first.cacheWanted).toBe(true);
    expect(saveCodeCache(first.script, cache)).toBe(true);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(compileBundle(file, cache).cacheWanted).toBe(false);
  });

  it('a damaged cache is refused by V8 and wanted again; the bundle still runs', () => {
    const { file, cache } = bundleIn();
    fs.writeFileSync(cache, Buffer.from('not a code cache at all, just bytes'));
    const compiled = compileBundle(file, cache);
    expect(compiled.cacheWanted).toBe(true);
    const module = { exports: {} as unknown };
    (compiled.script.runInThisContext() as (e: unknown, r: unknown, m: { exports: unknown }) => void)(module.exports, undefined, module);
    expect((module.exports as (n: number) => number)(21)).toBe(42);
  });

  it('a folder that cannot be written leaves the run without a cache and without stray files', () => {
    const { file } = bundleIn();
    const compiled = compileBundle(file, path.join(path.dirname(file), 'missing-folder', 'x.v8cache'));
    expect(saveCodeCache(compiled.script, path.join(path.dirname(file), 'missing-folder', 'x.v8cache'))).toBe(false);
  });
});
