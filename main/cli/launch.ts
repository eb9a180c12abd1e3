/**
 * dist/main/cli.js, the `cadrecare` command's entry: picks the bundle of the command group the
 * command line names and runs it with V8's code cache.
 *
 * Why: most of a short command's time went to Node's ES-module loader (a file read, a link and a
 * compile per chunk, a facade per built-in module) and to compiling the same code again on every
 * run. scripts/build-main.mjs therefore builds the command line as one CommonJS bundle per command
 * group (holding only that group's code) plus one with every group (help, unknown commands). This
 * entry chooses among them with the rule the program itself uses (owningGroup), compiles the
 * bundle through vm.Script with the code V8 cached on an earlier run, and after a run without a
 * usable cache writes one beside the bundle for the next. The cache is named after the bundle's
 * content hash and V8 checks its own version and flags, so a stale or foreign cache is never used;
 * where the folder is read-only the command simply runs without one.
 *
 * Only node:module is imported as an ES module: importing built-ins that way builds a facade of each
 * (node:fs's loads its streams), while require() does not.
 */
import { createRequire } from 'node:module';
import type fsModule from 'node:fs';
import type pathModule from 'node:path';
import type vmModule from 'node:vm';
import type moduleModule from 'node:module';
import { owningGroup } from './groups';

/** A command group's bundle, as the build wrote it. */
export interface CliBundle {
  /** The top-level commands of the group (COMMAND_GROUPS' names). */
  readonly names: readonly string[];
  /** The bundle's file name beside the entry, e.g. cli-users.cjs. */
  readonly file: string;
  /** A hash of the bundle's content: part of its code cache's name. */
  readonly hash: string;
}

export interface CliBuild {
  readonly groups: readonly CliBundle[];
  /** The bundle with every group, for help, the version and unknown commands. */
  readonly all: CliBundle;
}

/** The bundle a command line runs: its group's, else the one with every group. */
export function bundleFor(argv: readonly string[], build: CliBuild): CliBundle {
  return owningGroup(argv, build.groups) ?? build.all;
}

/** The code cache's file for a bundle. */
export function cacheFileOf(dir: string, bundle: CliBundle): string {
  return `${dir}/${bundle.file}.${bundle.hash}.v8cache`;
}

type CommonJsWrapper = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;

const load = createRequire(import.meta.url);
const fs = load('node:fs') as typeof fsModule;
const path = load('node:path') as typeof pathModule;
const vm = load('node:vm') as typeof vmModule;
const { wrap } = load('node:module') as typeof moduleModule & { wrap(source: string): string };

export interface CompiledBundle {
  readonly script: vmModule.Script;
  /** True when no cache was there or V8 refused it (another Node version or other flags). */
  readonly cacheWanted: boolean;
}

/** Compiles a CommonJS file in require()'s wrapper, with its code cache when there is a usable one. */
export function compileBundle(file: string, cacheFile: string): CompiledBundle {
  const source = fs.readFileSync(file, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(wrap(source), { filename: file, cachedData });
  return { script, cacheWanted: cachedData === undefined || script.cachedDataRejected === true };
}

/** Writes a script's code cache (atomically, so a run never reads half of one); false where it cannot. */
export function saveCodeCache(script: vmModule.Script, cacheFile: string): boolean {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, cacheFile);
    return true;
  } catch {
    // A read-only install: every run compiles, as a plain require() would.
    fs.rmSync(temporary, { force: true });
    return false;
  }
}

/** Runs a CommonJS bundle as require() would, compiled with (and afterwards saving) V8's code cache. */
export function runBundle(file: string, cacheFile: string): void {
  const { script, cacheWanted } = compileBundle(file, cacheFile);
  // Saved at exit, once the run has compiled the functions it used: they are what the cache keeps.
  if (cacheWanted) process.once('exit', () => saveCodeCache(script, cacheFile));
  const run = script.runInThisContext() as CommonJsWrapper;
  const module = { exports: {} };
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
}

/** Starts the command line of this process from the build's bundles in `dir`. */
export function launch(build: CliBuild, dir: string): void {
  const bundle = bundleFor(process.argv.slice(2), build);
  runBundle(`${dir}/${bundle.file}`, cacheFileOf(dir, bundle));
}
