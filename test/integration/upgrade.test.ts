/**
 * Upgrade in place: a data folder from before encryption is encrypted at its first login, with
 * progress, every row kept, a slot for the person logging in and pending slots for the others,
 * and nothing plaintext left behind. A restart after a cut-short upgrade rolls it back or finishes it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeApp, openApp, type AppContext } from '../../main/context';
import { isPlaintextDatabase } from '../../main/db/cipher';
import { newSlotFile, readSlotFile, slotsPath } from '../../main/db/keySlots';
import { openKeyed } from '../../main/db/connection';
import Database from 'better-sqlite3-multiple-ciphers';
import { diskSpace, encryptDatabase, UPGRADE_MARKER, upgradeFiles, verifyEncryptedCopy, writeEncryptedCopy, type UpgradeProgress } from '../../main/db/upgrade';
import { recoveryKeyDue, recoveryKeyPrinted } from '../../main/services/auth/upgrade';
import { isSealed } from '../../main/db/sealedFiles';
import { databasePath } from '../../main/paths';
import { ADMIN_PASSWORD, call, errorCode, ok, TEST_PASSWORD_COST, TestClock, USER_PASSWORD } from '../helpers/app';
import { hashOf, makePlainOffice, plainOfficeToUpgrade } from './upgrade.helpers';

const opened: AppContext[] = [];
const dirs: string[] = [];

function start(dir: string): { app: AppContext; clock: TestClock } {
  const clock = new TestClock();
  const app = openApp({ dataDir: dir, transport: 'direct', clock: clock.now, passwordCost: TEST_PASSWORD_COST });
  opened.push(app);
  return { app, clock };
}

afterEach(() => {
  for (const app of opened.splice(0)) closeApp(app);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function backups(dir: string): string[] {
  const b = path.join(dir, 'backups');
  return fs.existsSync(b) ? fs.readdirSync(b).filter((f) => f.endsWith('.sqlite')) : [];
}

describe('upgrade of a plaintext data folder', () => {
  it('encrypts at the first login, keeps every row, shows progress and leaves nothing plaintext', async () => {
    const office = await makePlainOffice();
    dirs.push(office.dir);
    const db = databasePath(office.dir);
    const before = hashOf(db, undefined);
    expect(backups(office.dir)).toHaveLength(1);
    expect(isPlaintextDatabase(path.join(office.dir, 'backups', backups(office.dir)[0] as string))).toBe(true);

    const { app, clock } = start(office.dir);
    const session = app.sessions.create(clock.time);
    const events: { done: number; total: number; stage: string }[] = [];
    session.subscribe((event, payload) => {
      if (event === 'progress') events.push(payload as { done: number; total: number; stage: string });
    });
    const info = await ok(call(app, session, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }, { taskId: 'login-1' }));
    expect(info.user?.username).toBe('admin');
    expect(app.key).not.toBeNull();
    expect(isPlaintextDatabase(db)).toBe(false);
    // The person goes on working in the encrypted database.
    const list = await ok(call(app, session, 'persons.list', {}));
    expect(list.total).toBe(3);

    expect(events.length).toBeGreaterThan(2);
    expect(new Set(events.map((e) => e.stage))).toEqual(new Set(['progress.encryptDatabase', 'progress.encryptVerify', 'progress.encryptFinish']));
    const copying = events.filter((e) => e.stage === 'progress.encryptDatabase');
    expect(copying.every((e, i) => i === 0 || e.done >= (copying[i - 1]?.done ?? 0))).toBe(true);
    // The check of the copy moves table by table, up to its end.
    const verifying = events.filter((e) => e.stage === 'progress.encryptVerify').slice(1);
    expect(verifying.length).toBeGreaterThan(20);
    expect(verifying.every((e, i) => i === 0 || (e.done >= (verifying[i - 1]?.done ?? 0) && e.total === verifying[0]?.total))).toBe(true);
    expect(verifying.at(-1)?.done).toBe(verifying.at(-1)?.total);

    const after = hashOf(db, app.key as Buffer);
    expect(after.hash).toBe(before.hash);
    for (const [table, n] of Object.entries(before.counts)) if (table !== 'audit_log') expect(after.counts[table], table).toBe(n);

    // Slots: an ordinary one for the admin, a pending one for the enabled worker, none for the disabled.
    const slots = readSlotFile(slotsPath(office.dir));
    expect(slots.slots.map((s) => Boolean(s.pending)).sort()).toEqual([false, true]);
    expect(slots.office?.name).toBe('幸福里社区');
    expect(recoveryKeyDue(app)).toBe(true);
    recoveryKeyPrinted(app);
    expect(recoveryKeyDue(app)).toBe(false);

    // Keys sealed, plaintext backups gone, one encrypted backup; no temporary or marker files.
    expect(isSealed(fs.readFileSync(path.join(office.dir, 'keys', 'identity.json'), 'utf8'))).toBe(true);
    const files = backups(office.dir);
    expect(files).toHaveLength(1);
    expect(isPlaintextDatabase(path.join(office.dir, 'backups', files[0] as string))).toBe(false);
    const f = upgradeFiles(office.dir, db);
    for (const left of [f.encrypting, f.oldPlaintext, f.stagedSlots, f.marker, `${db}.plaintext-wal`]) expect(fs.existsSync(left), left).toBe(false);

    // Logged out and back in (the app closes the database and drops the key): the password opens it.
    await ok(call(app, session, 'auth.logout', {}));
    expect(app.isOpen).toBe(false);
    await ok(call(app, session, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }));
    expect(app.isOpen).toBe(true);
  });

  it('lets the other users in with the passwords they had; their pending slot becomes an ordinary one', async () => {
    const office = await makePlainOffice();
    dirs.push(office.dir);
    const { app, clock } = start(office.dir);
    const admin = app.sessions.create(clock.time);
    await ok(call(app, admin, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }));
    await ok(call(app, admin, 'auth.logout', {}));
    closeApp(opened.pop() as AppContext);

    const again = start(office.dir);
    const worker = again.app.sessions.create(again.clock.time);
    expect(await errorCode(call(again.app, worker, 'auth.login', { username: 'worker1', password: 'not-the-password1' }))).toBe('LOGIN_FAILED');
    expect(await errorCode(call(again.app, worker, 'auth.login', { username: 'worker2', password: USER_PASSWORD }))).toBe('LOGIN_FAILED');
    const info = await ok(call(again.app, worker, 'auth.login', { username: 'worker1', password: USER_PASSWORD }));
    expect(info.user?.username).toBe('worker1');
    const slots = readSlotFile(slotsPath(office.dir)).slots;
    expect(slots).toHaveLength(2);
    expect(slots.some((s) => s.pending)).toBe(false);
  });

  it('a pending slot follows its user: a reset replaces it, disabling removes it', async () => {
    const office = await makePlainOffice(1);
    dirs.push(office.dir);
    const { app, clock } = start(office.dir);
    const admin = app.sessions.create(clock.time);
    await ok(call(app, admin, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }));
    const users = await ok(call(app, admin, 'users.list', {}));
    const worker = users.find((u) => u.username === 'worker1');
    if (!worker) throw new Error('worker1 missing');
    const pendingOf = () => readSlotFile(slotsPath(office.dir)).slots.filter((s) => s.userId === worker.id);
    expect(pendingOf().map((s) => Boolean(s.pending))).toEqual([true]);
    await ok(call(app, admin, 'users.resetPassword', { id: worker.id, newPassword: 'Reset2026pass' }));
    expect(pendingOf().map((s) => Boolean(s.pending))).toEqual([false]);
    await ok(call(app, admin, 'users.update', { id: worker.id, disabled: true }));
    expect(pendingOf()).toEqual([]);
  });

  it('a wrong password upgrades nothing and counts for the lockout as before', async () => {
    const office = await makePlainOffice(1);
    dirs.push(office.dir);
    const { app, clock } = start(office.dir);
    const s = app.sessions.create(clock.time);
    expect(await errorCode(call(app, s, 'auth.login', { username: 'admin', password: 'wrong-password1' }))).toBe('LOGIN_FAILED');
    expect(isPlaintextDatabase(databasePath(office.dir))).toBe(true);
    expect(fs.existsSync(slotsPath(office.dir))).toBe(false);
    expect(app.key).toBeNull();
  });

  it('a restart after a cut-short upgrade rolls back before the commit and finishes after it', async () => {
    const { office, db, before, f, key } = await plainOfficeToUpgrade(dirs, 7);
    // Cut before the commit: a verified copy and staged slots, no marker.
    await writeEncryptedCopy(db, f.encrypting, key);
    fs.writeFileSync(f.stagedSlots, '{}');
    let { app } = start(office.dir);
    expect(app.isOpen).toBe(true);
    expect(app.key).toBeNull();
    expect(fs.existsSync(f.encrypting) || fs.existsSync(f.stagedSlots)).toBe(false);
    expect(hashOf(db, undefined).hash).toBe(before.hash);
    closeApp(opened.pop() as AppContext);

    // Cut after the commit, the plaintext already set aside: the start finishes the swap.
    await writeEncryptedCopy(db, f.encrypting, key);
    fs.copyFileSync(path.join(office.dir, 'backups', backups(office.dir)[0] as string), `${f.oldPlaintext}`);
    fs.renameSync(db, `${db}.gone`);
    fs.rmSync(`${db}.gone`);
    fs.writeFileSync(path.join(office.dir, UPGRADE_MARKER), '{}');
    ({ app } = start(office.dir));
    expect(app.isOpen).toBe(false);
    expect(isPlaintextDatabase(db)).toBe(false);
    expect(hashOf(db, key).hash).toBe(before.hash);
    for (const left of [f.encrypting, f.oldPlaintext, f.marker]) expect(fs.existsSync(left), left).toBe(false);
    expect(backups(office.dir)).toHaveLength(0);
  });
});

/** Every file of the folder with its bytes, the app's log left out (a refused login is logged). */
function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const name = path.join(rel, e.name);
      if (e.isDirectory()) {
        if (name !== 'logs') walk(name);
      } else out[name] = fs.readFileSync(path.join(dir, name)).toString('base64');
    }
  };
  walk('');
  return out;
}

function auditActions(file: string, key?: Buffer): string[] {
  const db = openKeyed(file, key, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT entity || '.' || action AS a FROM audit_log ORDER BY id").all() as { a: string }[]).map((r) => r.a);
  } finally {
    db.close();
  }
}

describe('an upgrade that cannot be done', () => {
  const freeBytes = diskSpace.freeBytes;
  afterEach(() => {
    diskSpace.freeBytes = freeBytes;
  });

  it('a disk too full for the encrypted copy: refused before anything is written, saying how much space to free', async () => {
    const office = await makePlainOffice(1);
    dirs.push(office.dir);
    const db = databasePath(office.dir);
    const before = hashOf(db, undefined);
    const size = fs.statSync(db).size;
    diskSpace.freeBytes = () => 3 * 1048576;
    const { app, clock } = start(office.dir);
    const files = filesOf(office.dir);
    const audit = auditActions(db);
    const s = app.sessions.create(clock.time);
    const r = await call(app, s, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    if (r.ok) throw new Error('the upgrade went ahead on a full disk');
    expect(r.error.code).toBe('DB_UPGRADE_NO_SPACE');
    const details = r.error.details as { neededMb: number; freeMb: number; missingMb: number };
    expect(details.freeMb).toBe(3);
    expect(details.neededMb).toBeGreaterThanOrEqual(Math.ceil(size / 1048576));
    expect(details.missingMb).toBe(details.neededMb - 3);
    expect(r.error.message).toContain(`${details.neededMb} MB`);
    expect(r.error.message).toMatch(/free up \d+ MB or more and log in again/);
    // Not logged in, the database still plaintext and open as before.
    expect(s.userId).toBeNull();
    expect(app.key).toBeNull();
    expect(app.isOpen).toBe(true);
    closeApp(opened.pop() as AppContext);
    // Every file as it was, but the database's record of the login itself (last login, audit "login").
    const others = (all: Record<string, string>) => Object.entries(all).filter(([name]) => !name.startsWith('cadrecare.sqlite') && !name.endsWith('.lock'));
    expect(others(filesOf(office.dir))).toEqual(others(files));
    expect(hashOf(db, undefined)).toEqual({ ...before, counts: { ...before.counts, audit_log: (before.counts['audit_log'] ?? 0) + 1 } });
    expect(auditActions(db)).toEqual([...audit, 'user.login']);

    // With room on the disk the next login encrypts it.
    diskSpace.freeBytes = freeBytes;
    const again = start(office.dir);
    await ok(call(again.app, again.app.sessions.create(again.clock.time), 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }));
    expect(isPlaintextDatabase(db)).toBe(false);
  });

  it('the plaintext database still open in another program: DB_UPGRADE_FAILED, nothing changed, the next login encrypts it', async () => {
    const office = await makePlainOffice(1);
    dirs.push(office.dir);
    const db = databasePath(office.dir);
    const before = hashOf(db, undefined);
    const { app, clock } = start(office.dir);
    const other = new Database(db);
    try {
      other.prepare('UPDATE office SET name = name').run();
      const r = await call(app, app.sessions.create(clock.time), 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
      expect(r).toMatchObject({ ok: false, error: { code: 'DB_UPGRADE_FAILED' } });
      expect(isPlaintextDatabase(db)).toBe(true);
      const f = upgradeFiles(office.dir, db);
      for (const left of [f.encrypting, f.stagedSlots, f.marker, f.oldPlaintext, f.slots]) expect(fs.existsSync(left), left).toBe(false);
      expect(backups(office.dir).every((b) => isPlaintextDatabase(path.join(office.dir, 'backups', b)))).toBe(true);
      expect(isSealed(fs.readFileSync(path.join(office.dir, 'keys', 'identity.json'), 'utf8'))).toBe(false);
      // Nothing in the database says it was encrypted.
      expect(auditActions(db)).not.toContain('database.update');
    } finally {
      other.close();
    }
    expect(hashOf(db, undefined).hash).toBe(before.hash);
    await ok(call(app, app.sessions.create(clock.time), 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }));
    expect(isPlaintextDatabase(db)).toBe(false);
    expect(auditActions(db, app.key as Buffer).filter((a) => a === 'database.update')).toHaveLength(1);
  });

  it('the check of the copy reports table by table and refuses a copy that is damaged, short of rows or of a table', async () => {
    const office = await makePlainOffice(1);
    dirs.push(office.dir);
    const db = databasePath(office.dir);
    const target = path.join(office.dir, 'check.sqlite');
    const key = Buffer.alloc(32, 9);
    const copy = await writeEncryptedCopy(db, target, key);
    const events: Parameters<UpgradeProgress>[0][] = [];
    await verifyEncryptedCopy(target, key, copy, { progress: (p) => events.push(p) });
    expect(events.every((e) => e.stage === 'verify')).toBe(true);
    expect(events.length).toBeGreaterThan(20);
    expect(events.every((e, i) => i === 0 || e.done >= (events[i - 1]?.done ?? 0))).toBe(true);
    expect(events.at(-1)?.done).toBe(events.at(-1)?.total);

    const persons = copy.counts.get('persons') as number;
    const short = { ...copy, counts: new Map([...copy.counts, ['persons', persons + 1]]) };
    await expect(verifyEncryptedCopy(target, key, short)).rejects.toMatchObject({ code: 'DB_UPGRADE_FAILED', details: { table: 'persons', expected: persons + 1, found: persons } });
    const missing = { ...copy, counts: new Map([...copy.counts, ['visit_ghosts', 2]]) };
    await expect(verifyEncryptedCopy(target, key, missing)).rejects.toMatchObject({ code: 'DB_UPGRADE_FAILED', details: { table: 'visit_ghosts', found: null } });
    await expect(verifyEncryptedCopy(target, Buffer.alloc(32, 8), copy)).rejects.toMatchObject({ code: 'DB_UPGRADE_FAILED' });

    // Pages of the copy overwritten (a bad disk, a copy cut short): refused.
    const fd = fs.openSync(target, 'r+');
    const pages = Math.floor(fs.statSync(target).size / 4096);
    for (let page = 2; page < pages; page += 3) fs.writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, page * 4096 + 512);
    fs.closeSync(fd);
    await expect(verifyEncryptedCopy(target, key, copy)).rejects.toMatchObject({ code: 'DB_UPGRADE_FAILED' });
  });

  it('a copy that fails its check is removed and the plaintext database is kept as it was', async () => {
    const { office, db, before, f, key } = await plainOfficeToUpgrade(dirs, 9);
    let closed = false;
    let damaged = false;
    const progress: UpgradeProgress = (p) => {
      if (p.stage !== 'verify' || damaged) return;
      damaged = true;
      const fd = fs.openSync(f.encrypting, 'r+');
      fs.writeSync(fd, Buffer.alloc(4096, 0x11), 0, 4096, 4096 * 3);
      fs.closeSync(fd);
    };
    await expect(encryptDatabase(office.dir, db, key, { slots: newSlotFile(key), progress, closeSource: () => (closed = true) })).rejects.toMatchObject({ code: 'DB_UPGRADE_FAILED' });
    expect(damaged).toBe(true);
    expect(closed).toBe(false);
    for (const left of [f.encrypting, f.stagedSlots, f.marker, f.oldPlaintext, f.slots]) expect(fs.existsSync(left), left).toBe(false);
    expect(isPlaintextDatabase(db)).toBe(true);
    expect(hashOf(db, undefined)).toEqual(before);
  });
});
