import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, closeApp, type AppContext } from '../../main/context';
import { createBackup, restoreBackup } from '../../main/db/backup';
import { backupDir, databasePath } from '../../main/paths';
import { TestClock, call, ok, tempDir, TEST_PASSWORD_COST } from '../helpers/app';
import { SETUP } from '../helpers/closed';

/** Every folder and file under `root` (the root included) with its permission bits. */
function modes(root: string): { path: string; kind: 'dir' | 'file'; mode: string }[] {
  const out: { path: string; kind: 'dir' | 'file'; mode: string }[] = [];
  const visit = (p: string) => {
    const stat = fs.statSync(p);
    out.push({ path: path.relative(root, p) || '.', kind: stat.isDirectory() ? 'dir' : 'file', mode: (stat.mode & 0o777).toString(8) });
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
  };
  visit(root);
  return out;
}

function expectPrivate(root: string): void {
  const all = modes(root);
  expect(all.filter((e) => e.kind === 'dir').length).toBeGreaterThanOrEqual(2);
  expect(all.filter((e) => e.kind === 'file').length).toBeGreaterThanOrEqual(3);
  expect(all.filter((e) => e.mode !== (e.kind === 'dir' ? '700' : '600'))).toEqual([]);
}

describe.skipIf(process.platform === 'win32')('the data folder is for its user only', () => {
  let base: string;
  let app: AppContext | undefined;
  const umask = process.umask();
  beforeEach(() => {
    base = tempDir('cadrecare-perm-');
    // What a desktop session usually has: new files readable by every account.
    process.umask(0o022);
  });
  afterEach(() => {
    if (app) closeApp(app);
    app = undefined;
    process.umask(umask);
    fs.rmSync(base, { recursive: true, force: true });
  });

  async function setUp(dataDir: string): Promise<AppContext> {
    const clock = new TestClock();
    const opened = openApp({ dataDir, transport: 'direct', clock: clock.now, passwordCost: TEST_PASSWORD_COST });
    const session = opened.sessions.create(clock.time);
    await ok(call(opened, session, 'setup.create', SETUP));
    return opened;
  }

  it('a new data folder: the folder 0700, the database, its WAL, the lock and backups 0600, even under umask 022', async () => {
    const dataDir = path.join(base, 'new', 'CadreCare');
    app = await setUp(dataDir);
    const backup = await createBackup(app, 'manual');
    expect(fs.existsSync(`${databasePath(dataDir)}-wal`)).toBe(true);
    expect(fs.existsSync(backup.path)).toBe(true);
    expectPrivate(dataDir);
    // A restore swaps the database file: still private afterwards.
    await restoreBackup(app, backup.path);
    expectPrivate(dataDir);
  });

  it('a data folder an older version left readable by everyone is made private when opened', async () => {
    const dataDir = path.join(base, 'old');
    app = await setUp(dataDir);
    await createBackup(app, 'daily');
    closeApp(app);
    app = undefined;
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(backupDir(dataDir), 0o755);
    for (const e of modes(dataDir)) if (e.kind === 'file') fs.chmodSync(path.join(dataDir, e.path), 0o644);
    app = openApp({ dataDir, transport: 'direct' });
    expectPrivate(dataDir);
  });
});
