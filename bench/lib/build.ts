/**
 * The built app (dist/), as an office runs it: benches that time a whole command run the bundle, not
 * the sources through tsx (whose TypeScript compilation no user pays), and build it first when a
 * bundle is missing or older than the sources.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './proc';

export const BUILT_CLI = path.join(ROOT, 'dist/main/cli.js');
export const BUILT_HOST = path.join(ROOT, 'dist/main/host.js');
export const BUILT_RENDERER = path.join(ROOT, 'dist/renderer');

/** The newest modification time of the files under a folder (ms); tests use it to tell a stale bundle too. */
export function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when a bundle is missing or older than the sources it comes from. */
export function ensureBuilt(log: (line: string) => void): void {
  const sources = Math.max(...['main', 'shared', 'renderer'].map((d) => newestMtime(path.join(ROOT, d))));
  const built = [BUILT_CLI, BUILT_HOST, path.join(BUILT_RENDERER, 'index.html')].map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0));
  if (Math.min(...built) > sources) return;
  log('building dist/ (npm run build) …');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** `cadrecare …` from the bundle. */
export function builtCliArgs(args: readonly string[]): [string, string[]] {
  return [process.execPath, [BUILT_CLI, ...args]];
}
