/**
 * Running a built CommonJS bundle with V8's code cache (the command line's entry, main/cli/launch.ts
 * and scripts/build-main.mjs). Node 20 keeps no compiled code between runs and its ES-module loader
 * costs a read, a link and a compile per chunk, a facade per built-in module; a single CommonJS
 * script compiled through vm.Script with the cache an earlier run saved skips most of that.
 *
 * Not used for browser mode: there one script would have to be compiled (or its cache read) whole
 * before the server listens, while the split ES-module build answers the page first and loads the
 * services behind it afterwards; measured, the first page came ~2x later for ~14 % less CPU.
 *
 * After a run without a usable cache, one is written beside the bundle at exit, once the run has
 * compiled the functions it used (they are what the cache keeps). It is named after the bundle's
 * content hash, and V8 checks its own version and flags, so a stale or foreign cache is never used;
 * where the folder is read-only the program simply runs without one.
 *
 * Built-ins come through require(): importing them as ES modules builds a facade of each (node:fs's
 * loads its streams).
 */
import { createRequire } from 'node:module';
import type fsModule from 'node:fs';
import type pathModule from 'node:path';
import type vmModule from 'node:vm';
import type moduleModule from 'node:module';

/** A bundle as the build wrote it: its file name beside the entry and a hash of its content. */
export interface BuiltBundle {
  readonly file: string;
  readonly hash: string;
}

/** The code cache's file for a bundle in `dir`. */
export function cacheFileOf(dir: string, bundle: BuiltBundle): string {
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

/** Runs the bundle `dir`/`bundle.file` as require() would, compiled with (and afterwards saving) V8's code cache. */
export function runBundle(dir: string, bundle: BuiltBundle): void {
  const file = `${dir}/${bundle.file}`;
  const cacheFile = cacheFileOf(dir, bundle);
  const { script, cacheWanted } = compileBundle(file, cacheFile);
  // Saved at exit, once the run has compiled the functions it used: they are what the cache keeps.
  if (cacheWanted) process.once('exit', () => saveCodeCache(script, cacheFile));
  const run = script.runInThisContext() as CommonJsWrapper;
  const module = { exports: {} };
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
}
