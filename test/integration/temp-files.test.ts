/**
 * SQLite's temporary files (temporary tables, and the b-trees of a sort or a DISTINCT larger than
 * memory) are not covered by the cipher: written to disk they hold what was sorted in the clear. The
 * office database keeps them in memory. Each is checked where SQLite left it: an open file already
 * removed from its folder, read through /proc/self/fd (Linux); the same search finds the names in
 * such a file when SQLite is told to keep temporary data on disk, so it is known to see them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/connection';
import { TEST_DB_KEY, tempDir } from '../helpers/app';

const MARKER = '温秘密测试姓名';
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The open files of this process SQLite made as temporary files, and whether each holds the marker. */
function temporaryFilesHolding(marker: string): { files: number; holding: number } {
  const needle = Buffer.from(marker, 'utf8');
  let files = 0;
  let holding = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = fs.readlinkSync(path.join('/proc/self/fd', fd));
    } catch {
      continue;
    }
    if (!path.basename(target).startsWith('etilqs_')) continue;
    files++;
    if (fs.readFileSync(path.join('/proc/self/fd', fd)).includes(needle)) holding++;
  }
  return { files, holding };
}

/** An encrypted office database with many rows holding the marker, more than SQLite's temporary cache holds. */
function databaseWithNames(): Db {
  const dir = tempDir('cadrecare-temp-');
  dirs.push(dir);
  const db = openDatabase(path.join(dir, 'cadrecare.sqlite'), { key: TEST_DB_KEY });
  db.exec('CREATE TABLE names (n TEXT)');
  const insert = db.prepare('INSERT INTO names (n) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 100_000; i++) insert.run(`${MARKER}${String(i).padStart(6, '0')}${'某'.repeat(40)}`);
  })();
  return db;
}

describe.skipIf(process.platform !== 'linux')('temporary data of an encrypted database', () => {
  it('a temporary table larger than memory leaves no name on disk', () => {
    const db = databaseWithNames();
    try {
      expect(db.pragma('temp_store', { simple: true })).toBe(2);
      db.exec('CREATE TEMP TABLE sorted AS SELECT DISTINCT n FROM names ORDER BY n DESC');
      expect(temporaryFilesHolding(MARKER).holding).toBe(0);
    } finally {
      db.close();
    }
  });

  it('the same table on disk, as SQLite keeps it by default, is found by the search', () => {
    const db = databaseWithNames();
    try {
      db.pragma('temp_store = DEFAULT');
      db.exec('CREATE TEMP TABLE sorted AS SELECT DISTINCT n FROM names ORDER BY n DESC');
      expect(temporaryFilesHolding(MARKER)).toMatchObject({ holding: 1 });
    } finally {
      db.close();
    }
  });
});
