/**
 * The data folder holds ID numbers, health notes and password hashes: on Linux and macOS it is
 * the user's alone (folders 0700, files 0600), so another account on the same machine cannot read
 * it. On Windows the per-user profile folder the data lives in is the boundary, so nothing is done.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_FOLDER, LOG_FOLDER } from '../paths';
import { LOCK_FILE } from './lock';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const applies = (platform: NodeJS.Platform) => platform !== 'win32';

/**
 * For the entry points (desktop app, browser mode, CLI), before they create anything: every file
 * and folder this process makes is for its user only, whichever code makes it.
 */
export function keepNewFilesPrivate(platform: NodeJS.Platform = process.platform): void {
  if (applies(platform)) process.umask(0o077);
}

function chmodIfThere(file: string, mode: number): void {
  try {
    fs.chmodSync(file, mode);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Gone, or someone else's (a shared folder given with --data-dir): nothing this user can tighten.
    if (code !== 'ENOENT' && code !== 'EPERM') throw err;
  }
}

/** Creates (if needed) a folder only its user may enter, and makes an existing one so. */
export function privateDir(dir: string, platform: NodeJS.Platform = process.platform): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (applies(platform)) chmodIfThere(dir, PRIVATE_DIR_MODE);
}

/** Makes a file only its user may read, whatever mask it was created under. */
export function privateFile(file: string, platform: NodeJS.Platform = process.platform): void {
  if (applies(platform)) chmodIfThere(file, PRIVATE_FILE_MODE);
}

/** Folders of the data folder the app fills itself (backups, keys, packets, logs), tightened whole. */
const APP_FOLDERS = [BACKUP_FOLDER, 'keys', 'packets', LOG_FOLDER];

function tightenTree(dir: string): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  chmodIfThere(dir, PRIVATE_DIR_MODE);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) tightenTree(full);
    else if (entry.isFile()) chmodIfThere(full, PRIVATE_FILE_MODE);
  }
}

/**
 * On opening: the folder, the database with its WAL and shared-memory files, the lock, and what
 * the app keeps in its own folders, including what an older version left readable by everyone.
 * Only the app's own files: a folder given with --data-dir may hold other things.
 */
export function makeDataDirPrivate(dataDir: string, dbPath: string, platform: NodeJS.Platform = process.platform): void {
  if (!applies(platform)) return;
  chmodIfThere(dataDir, PRIVATE_DIR_MODE);
  for (const suffix of ['', '-wal', '-shm']) chmodIfThere(`${dbPath}${suffix}`, PRIVATE_FILE_MODE);
  chmodIfThere(path.join(dataDir, LOCK_FILE), PRIVATE_FILE_MODE);
  for (const folder of APP_FOLDERS) tightenTree(path.join(dataDir, folder));
}
