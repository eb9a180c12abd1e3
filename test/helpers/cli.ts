/**
 * How tests run the command line as a real process: the installed command (bin/cadrecare.js over the
 * bundle dist/main/cli.js) when the bundle is newer than the sources, as after `npm test`'s build;
 * else the sources through tsx's loader, as `npm run cli` does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRecoveryKey } from '../../main/db/cipher';
import { newestMtime } from '../../bench/lib/build';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

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

/** Where the CLI tests keep a data folder's recovery key: a file beside the folder. */
export function recoveryKeyFileOf(dataDir: string): string {
  return `${path.resolve(dataDir)}.recovery-key`;
}

/**
 * A CLI command line with its unlock option: `init` writes the folder's recovery key beside it and
 * every later command opens the database with it, unless the line names its own way in.
 */
export function withUnlock(argv: readonly string[]): string[] {
  const at = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (at < 0) return [...argv];
  const arg = argv[at] as string;
  const dataDir = arg === '--data-dir' ? argv[at + 1] : arg.slice('--data-dir='.length);
  if (!dataDir || argv.some((a) => a === '--recovery-key-file' || a === '--user' || a.startsWith('--recovery-key-file=') || a.startsWith('--user='))) return [...argv];
  const end = argv.indexOf('--');
  const extra = ['--recovery-key-file', recoveryKeyFileOf(dataDir)];
  return end < 0 ? [...argv, ...extra] : [...argv.slice(0, end), ...extra, ...argv.slice(end)];
}

/** The database key of a data folder the CLI made (its recovery key), for tests that open it directly. */
export function cliDbKey(dataDir: string): Buffer {
  return parseRecoveryKey(fs.readFileSync(recoveryKeyFileOf(dataDir), 'utf8'));
}
