/**
 * One process at a time per data folder. The desktop app, browser mode and the CLI all open the
 * database through openApp; a second process (a CLI restore while the app runs) would swap files
 * under the first one's feet. A lock file with the owner's pid says who holds the folder; a lock
 * left by a process that died is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';

export const LOCK_FILE = 'cadrecare.lock';

/** Folders locked by this process, since a pid alone cannot tell two opens in one process apart. */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(path.resolve(dataDir), LOCK_FILE);
  if (heldHere.has(file)) throw inUse(dataDir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }), { flag: 'wx', mode: 0o600 });
      heldHere.add(file);
      return () => {
        heldHere.delete(file);
        fs.rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(file);
      if (owner !== null && owner !== process.pid && alive(owner)) throw inUse(dataDir, owner);
      fs.rmSync(file, { force: true });
    }
  }
  throw inUse(dataDir, null);
}

function readOwner(file: string): number | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: unknown };
    return typeof parsed.pid === 'number' ? parsed.pid : null;
  } catch {
    return null;
  }
}

function inUse(dataDir: string, pid: number | null): AppError {
  return new AppError('DATA_DIR_IN_USE', `The data folder ${dataDir} is in use by another CadreCare (pid ${pid ?? '?'}); close it first.`, {
    dataDir,
    pid,
  });
}
