/**
 * How tests run the command line as a real process: the installed command (bin/cadrecare.js over the
 * bundle dist/main/cli.js) when the bundle is newer than the sources, as after `npm test`'s build;
 * else the sources through tsx's loader, as `npm run cli` does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function builtIsFresh(built: string): boolean {
  return fs.existsSync(built) && fs.statSync(built).mtimeMs > Math.max(newestMtime(path.join(ROOT, 'main')), newestMtime(path.join(ROOT, 'shared')));
}

/** The command and its first arguments; append the CLI's own arguments. */
export function cliCommand(): string[] {
  if (builtIsFresh(path.join(ROOT, 'dist/main/cli.js'))) return [process.execPath, path.join(ROOT, 'bin/cadrecare.js')];
  return [process.execPath, '--import', 'tsx', path.join(ROOT, 'main/cli/index.ts')];
}

/** Browser mode's entry the same way: the built dist/main/host.js when fresh, else its sources. */
export function hostCommand(): string[] {
  const built = path.join(ROOT, 'dist/main/host.js');
  if (builtIsFresh(built)) return [process.execPath, built];
  return [process.execPath, '--import', 'tsx', path.join(ROOT, 'main/host/main.ts')];
}
