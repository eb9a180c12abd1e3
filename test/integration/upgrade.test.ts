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
import { readSlotFile, slotsPath } from '../../main/db/keySlots';
import { UPGRADE_MARKER, upgradeFiles, writeEncryptedCopy } from '../../main/db/upgrade';
import { recoveryKeyDue, recoveryKeyPrinted } from '../../main/services/auth/upgrade';
import { isSealed } from '../../main/db/sealedFiles';
import { databasePath } from '../../main/paths';
import { ADMIN_PASSWORD, call, errorCode, ok, TEST_PASSWORD_COST, TestClock, USER_PASSWORD } from '../helpers/app';
import { hashOf, makePlainOffice } from './upgrade.helpers';

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
    const office = await makePlainOffice(1);
    dirs.push(office.dir);
    const db = databasePath(office.dir);
    const before = hashOf(db, undefined);
    const f = upgradeFiles(office.dir, db);
    const key = Buffer.alloc(32, 7);
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
