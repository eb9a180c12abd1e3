/**
 * A data folder held in memory and written out again: the tests' built offices (template.ts) and
 * the migrated empty database every new test app starts from (app.ts).
 */
import fs from 'node:fs';
import path from 'node:path';

interface Entry {
  /** Relative to the folder. */
  name: string;
  mode: number;
  /** null for a folder. */
  data: Buffer | null;
}

export type FolderSnapshot = readonly Entry[];

/** Every folder and file under `dir`, parents before their children. */
export function snapshotFolder(dir: string, base = ''): FolderSnapshot {
  const entries: Entry[] = [];
  for (const dirent of fs.readdirSync(path.join(dir, base), { withFileTypes: true })) {
    const name = path.join(base, dirent.name);
    const full = path.join(dir, name);
    const { mode } = fs.statSync(full);
    if (dirent.isDirectory()) {
      entries.push({ name, mode, data: null }, ...snapshotFolder(dir, name));
    } else if (dirent.isFile()) {
      entries.push({ name, mode, data: fs.readFileSync(full) });
    }
  }
  return entries;
}

/** Writes the snapshot into `dir`, which exists and is empty. */
export function restoreFolder(snapshot: FolderSnapshot, dir: string): void {
  for (const { name, mode, data } of snapshot) {
    const full = path.join(dir, name);
    if (data === null) fs.mkdirSync(full, { mode });
    else fs.writeFileSync(full, data, { mode });
  }
}
