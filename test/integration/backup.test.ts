import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeApp, setupOffice, sessionAs, call, ok, errorCode, dumpDatabase, type TestApp, TEST_PASSWORD_COST, TEST_DB_KEY, openTestDb, tempDir, ADMIN_PASSWORD } from '../helpers/app';
import { openApp, closeApp } from '../../main/context';
import { databasePath } from '../../main/paths';
import { createBackup, listBackups, runDailyBackupIfDue, checkBackupFile, removeStalePartialBackups, scheduleDailyBackups } from '../../main/db/backup';
import { OPEN_CHECK_MS } from '../../main/tasks';
import { backupDir } from '../../main/paths';
import type { Session } from '../../main/auth/session';
import { latestVersion, loadMigrations } from '../../main/db/migrate';
import type { BackupInfo } from '../../shared/schemas/backup';

describe('backups and restore', () => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = makeApp();
    admin = await setupOffice(t);
  });
  afterEach(() => t.close());

  it('makes an on-demand backup with progress, readable on its own', async () => {
    const progress: unknown[] = [];
    admin.subscribe((name, payload) => progress.push({ name, payload }));
    const info = await ok(call(t.app, admin, 'backup.create', {}, { taskId: 'b1' }));
    expect(info.reason).toBe('manual');
    expect(fs.existsSync(info.path)).toBe(true);
    expect(progress.some((p) => (p as { payload: { taskId: string } }).payload.taskId === 'b1')).toBe(true);
    expect(checkBackupFile(info.path, undefined, TEST_DB_KEY).officeName).toBe('幸福里社区');
    expect(fs.existsSync(`${info.path}-wal`)).toBe(false);
    const list = await ok(call(t.app, admin, 'backup.list', {}));
    expect(list.map((b) => b.name)).toContain(info.name);
  });

  it('restores a backup: later changes are gone, a safety backup keeps them, everyone logs in again', async () => {
    const backup = await ok(call(t.app, admin, 'backup.create', {}));
    t.clock.advance(1000);
    await sessionAs(t, admin, 'staff', 'later');
    expect((await ok(call(t.app, admin, 'users.list', {}))).map((u) => u.username)).toContain('later');
    const result = await ok(call(t.app, admin, 'backup.restore', { name: backup.name }));
    expect(result.safetyBackup.reason).toBe('before-restore');
    expect(admin.userId).toBeNull();
    const again = t.app.sessions.create();
    await ok(call(t.app, again, 'auth.login', { username: 'admin', password: 'Admin2026pass' }));
    expect((await ok(call(t.app, again, 'users.list', {}))).map((u) => u.username)).toEqual(['admin']);
    // The safety backup still has the user made after the restored backup.
    const safety = openTestDb(result.safetyBackup.path, { readonly: true });
    expect(safety.prepare("SELECT count(*) AS n FROM users WHERE username = 'later'").get()).toEqual({ n: 1 });
    safety.close();
    const log = await ok(call(t.app, again, 'audit.list', { entity: 'backup', limit: 10 }));
    expect(log.entries.map((e) => e.action)).toContain('restore_backup');
  });

  it('refuses a damaged backup and leaves the data exactly as it was', async () => {
    const backup = await ok(call(t.app, admin, 'backup.create', {}));
    const bytes = fs.readFileSync(backup.path);
    // Overwrite a page in the middle with garbage; the header stays so it still opens.
    bytes.fill(0x5a, 4096 * 2, 4096 * 2 + 2000);
    fs.writeFileSync(backup.path, bytes);
    const before = dumpDatabase(t.app);
    expect(await errorCode(call(t.app, admin, 'backup.restore', { name: backup.name }))).toBe('BACKUP_INVALID');
    expect(dumpDatabase(t.app)).toEqual(before);
    expect(admin.userId).not.toBeNull();
  });

  it('refuses a file that is not a database at all', async () => {
    const name = 'cadrecare-20260101-000000-000-manual.sqlite';
    fs.mkdirSync(backupDir(t.dir), { recursive: true });
    fs.writeFileSync(path.join(backupDir(t.dir), name), '这不是数据库 not a database'.repeat(100));
    const before = dumpDatabase(t.app);
    expect(await errorCode(call(t.app, admin, 'backup.restore', { name }))).toBe('BACKUP_INVALID');
    expect(dumpDatabase(t.app)).toEqual(before);
  });

  it('refuses a backup from a newer app version', async () => {
    const backup = await ok(call(t.app, admin, 'backup.create', {}));
    const db = openTestDb(backup.path);
    db.pragma(`user_version = ${latestVersion(loadMigrations()) + 1}`);
    db.close();
    const before = dumpDatabase(t.app);
    expect(await errorCode(call(t.app, admin, 'backup.restore', { name: backup.name }))).toBe('BACKUP_FROM_NEWER_VERSION');
    expect(dumpDatabase(t.app)).toEqual(before);
  });

  it('names backups only by file name: paths are refused at the contract', async () => {
    expect(await errorCode(call(t.app, admin, 'backup.restore', { name: '../../etc/passwd' }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(t.app, admin, 'backup.restore', { name: 'cadrecare-20260101-000000-000-manual.sqlite' }))).toBe('BACKUP_NOT_FOUND');
  });

  it('makes the daily backup once a day and keeps only the last N', async () => {
    await ok(call(t.app, admin, 'settings.update', { backupKeep: 3, idleLockMinutes: 0 }));
    expect(await runDailyBackupIfDue(t.app)).not.toBeNull();
    t.clock.advance(60 * 60 * 1000);
    expect(await runDailyBackupIfDue(t.app)).toBeNull();
    for (let day = 0; day < 5; day++) {
      t.clock.advance(24 * 60 * 60 * 1000);
      expect(await runDailyBackupIfDue(t.app)).not.toBeNull();
    }
    const manual = await createBackup(t.app, 'manual');
    const all = listBackups(t.dir);
    expect(all.filter((b) => b.reason === 'daily')).toHaveLength(3);
    expect(all.map((b) => b.name)).toContain(manual.name);
    await ok(call(t.app, admin, 'settings.update', { dailyBackup: false }));
    t.clock.advance(48 * 60 * 60 * 1000);
    expect(await runDailyBackupIfDue(t.app)).toBeNull();
  });

  it('makes the daily backup a moment after the first login of a locked start, not at the next hourly check', async () => {
    const locked = makeApp(tempDir(), { closed: true });
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let stop = () => undefined as void;
    try {
      const first = await setupOffice(locked);
      await ok(call(locked.app, first, 'auth.logout', {}));
      expect(locked.app.isOpen).toBe(false);
      stop = scheduleDailyBackups(locked.app);
      vi.advanceTimersByTime(OPEN_CHECK_MS * 3);
      // Locked: nothing can be backed up.
      expect(listBackups(locked.dir)).toEqual([]);
      await ok(call(locked.app, locked.app.sessions.create(locked.clock.time), 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }));
      expect(locked.app.isOpen).toBe(true);
      vi.advanceTimersByTime(OPEN_CHECK_MS);
      await vi.waitFor(() => expect(listBackups(locked.dir).map((b) => b.reason)).toEqual(['daily']), { timeout: 5000 });
    } finally {
      stop();
      vi.useRealTimers();
      locked.close();
    }
  });

  it('takes no daily backup of an office not yet set up (an empty database)', async () => {
    const fresh = makeApp();
    try {
      expect(await runDailyBackupIfDue(fresh.app)).toBeNull();
      expect(listBackups(fresh.dir)).toEqual([]);
      // Once set up, the next check makes the first one.
      await setupOffice(fresh);
      expect((await runDailyBackupIfDue(fresh.app))?.reason).toBe('daily');
    } finally {
      fresh.close();
    }
  });

  it('shows the backup folder and saves a copy where the person chooses, or hands the file over to download', async () => {
    expect(await ok(call(t.app, admin, 'backup.folder', {}))).toEqual({ folder: backupDir(t.dir) });
    const info = await ok(call(t.app, admin, 'backup.create', {}));
    const original = fs.readFileSync(info.path);

    // Browser mode: no save dialog, so the bytes come back for the browser to download.
    const download = await ok(call(t.app, admin, 'backup.saveCopy', { name: info.name }));
    expect(download.savedTo).toBeNull();
    expect(download.download?.fileName).toBe(info.name);
    expect(Buffer.from(download.download?.base64 ?? '', 'base64').equals(original)).toBe(true);

    // The desktop app: its save dialog says where; a cancelled dialog copies nothing.
    const usb = fs.mkdtempSync(path.join(t.dir, 'usb-'));
    const target = path.join(usb, '幸福里备份.sqlite');
    t.app.saveAs = () => Promise.resolve(null);
    expect(await ok(call(t.app, admin, 'backup.saveCopy', { name: info.name }))).toEqual({ savedTo: null, download: null });
    expect(fs.readdirSync(usb)).toEqual([]);
    t.app.saveAs = (name) => {
      expect(name).toBe(info.name);
      return Promise.resolve(target);
    };
    expect(await ok(call(t.app, admin, 'backup.saveCopy', { name: info.name }))).toEqual({ savedTo: target, download: null });
    expect(fs.readFileSync(target).equals(original)).toBe(true);
    expect(checkBackupFile(target, undefined, TEST_DB_KEY).officeName).toBe('幸福里社区');

    // Taking the data out is in the audit log; only administrators may, and only a backup of the folder.
    const { entries } = await ok(call(t.app, admin, 'audit.list', { entity: 'backup', limit: 50 }));
    expect(entries.filter((e) => e.action === 'save_backup_copy').map((e) => e.changes)).toEqual([{ savedTo: target }, { savedTo: info.name }]);
    const staff = await sessionAs(t, admin, 'staff');
    expect(await errorCode(call(t.app, staff, 'backup.saveCopy', { name: info.name }))).toBe('FORBIDDEN');
    expect(await errorCode(call(t.app, admin, 'backup.saveCopy', { name: 'cadrecare-20200101-000000-000-manual.sqlite' }))).toBe('BACKUP_NOT_FOUND');
  });

  it('a cancelled backup leaves no file behind', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(createBackup(t.app, 'manual', { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fs.readdirSync(backupDir(t.dir))).toEqual([]);
  });

  /** What a backup (or a restore) killed half-way leaves: a partial copy as large as the database. */
  function leaveKilledBackup(): string[] {
    const dir = backupDir(t.dir);
    fs.mkdirSync(dir, { recursive: true });
    const names = ['cadrecare-20260101-000000-000-daily.sqlite.partial', 'cadrecare-20260102-000000-000-manual.sqlite.partial', 'cadrecare-20260102-000000-000-manual.sqlite.partial-journal'];
    for (const name of names) fs.writeFileSync(path.join(dir, name), Buffer.alloc(64 * 1024, 1));
    return names;
  }

  it('removes the partial files of a killed backup before the next backup, and nothing else', async () => {
    const kept = await createBackup(t.app, 'manual');
    fs.writeFileSync(path.join(backupDir(t.dir), 'notes.txt'), '手写的说明');
    leaveKilledBackup();
    t.clock.advance(1000);
    const made = await createBackup(t.app, 'manual');
    expect(fs.readdirSync(backupDir(t.dir)).sort()).toEqual([kept.name, made.name, 'notes.txt', `${kept.name}.keys.json`, `${made.name}.keys.json`].sort());
    expect(checkBackupFile(kept.path, undefined, TEST_DB_KEY).officeName).toBe('幸福里社区');
  });

  it('removes the partial files of a killed backup or restore when the data folder is opened', async () => {
    const kept = await createBackup(t.app, 'manual');
    closeApp(t.app);
    leaveKilledBackup();
    fs.writeFileSync(`${databasePath(t.dir)}.restoring`, Buffer.alloc(64 * 1024, 1));
    t.app = openApp({ dataDir: t.dir, transport: 'direct', clock: t.clock.now, passwordCost: TEST_PASSWORD_COST, key: TEST_DB_KEY });
    expect(fs.readdirSync(backupDir(t.dir)).sort()).toEqual([kept.name, `${kept.name}.keys.json`]);
    expect(fs.existsSync(`${databasePath(t.dir)}.restoring`)).toBe(false);
    expect(listBackups(t.dir).map((b) => b.name)).toEqual([kept.name]);
  });

  it('two backups at once: cleaning before one leaves the file of the other under way alone', async () => {
    // Enough pages that the copy takes several steps; the second starts while the first is under way.
    t.app.db.exec(
      'CREATE TABLE filler (b BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) INSERT INTO filler SELECT randomblob(4000) FROM n',
    );
    let second: Promise<BackupInfo> | undefined;
    const first = createBackup(t.app, 'manual', {
      progress: () => {
        second ??= createBackup(t.app, 'daily');
      },
    });
    const a = await first;
    expect(second).toBeDefined();
    const b = await (second as Promise<BackupInfo>);
    expect(checkBackupFile(a.path, undefined, TEST_DB_KEY).officeName).toBe('幸福里社区');
    expect(checkBackupFile(b.path, undefined, TEST_DB_KEY).officeName).toBe('幸福里社区');
    expect(removeStalePartialBackups(t.dir)).toEqual([]);
  });
});
