/**
 * The database at rest: encrypted under a random key, opened by a login through the user's key slot,
 * closed again when the last session ends; slots follow the users in the same call.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { closeApp, openApp, type AppContext } from '../../main/context';
import { readSlotFile, slotsPath, wrapKey, writeSlotFile, type KeySlot } from '../../main/db/keySlots';
import { formatRecoveryKey, isPlaintextDatabase, sqlcipherCliPragmas } from '../../main/db/cipher';
import { loadIdentity } from '../../main/services/packets/keys';
import { lockIdleSessions } from '../../main/services/auth/unlock';
import { personInput } from '../helpers/persons';
import { closedApps, SETUP } from '../helpers/closed';
import { ADMIN_PASSWORD, TEST_DB_KEY, TEST_PASSWORD_COST, call, errorCode, makeApp, ok, setupOffice, tempDir, USER_PASSWORD } from '../helpers/app';


const SQLCIPHER = '/usr/bin/sqlcipher';

describe('encrypted database and key slots', () => {
  const { closedApp, reopen, dirs } = closedApps();

  it('setup creates an encrypted database and a slot for the admin; the last logout closes it', async () => {
    const t = closedApp();
    expect((await ok(call(t.app, t.app.sessions.create(), 'app.info', {}))).setupNeeded).toBe(true);
    const s = t.app.sessions.create();
    await ok(call(t.app, s, 'setup.create', SETUP));
    expect(t.app.isOpen).toBe(true);
    const db = path.join(t.dir, 'cadrecare.sqlite');
    expect(isPlaintextDatabase(db)).toBe(false);
    const slots = readSlotFile(slotsPath(t.dir));
    expect(slots.slots).toHaveLength(1);
    expect(slots.office?.name).toBe('幸福里社区');
    // Nothing readable names the admin.
    expect(fs.readFileSync(slotsPath(t.dir), 'utf8')).not.toContain('admin');

    const key = t.app.key as Buffer;
    expect(key.equals(Buffer.alloc(32))).toBe(false);
    await ok(call(t.app, s, 'auth.logout', {}));
    expect(t.app.isOpen).toBe(false);
    expect(t.app.key).toBeNull();
    // The key's bytes are overwritten, not just let go.
    expect(key.equals(Buffer.alloc(32))).toBe(true);
    expect(() => t.app.db).toThrow(expect.objectContaining({ code: 'DATABASE_LOCKED' }));
    // The login screen still knows the office.
    const info = await ok(call(t.app, t.app.sessions.create(), 'app.info', {}));
    expect(info).toMatchObject({ setupNeeded: false, office: { name: '幸福里社区', areaCode: '140702001001' } });
    expect(await errorCode(call(t.app, t.app.sessions.create(), 'persons.list', {} as never))).toBe('UNAUTHENTICATED');

    const again = t.app.sessions.create();
    const info2 = await ok(call(t.app, again, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }));
    expect(info2.user?.username).toBe('admin');
    expect(t.app.isOpen).toBe(true);
  });

  it('the idle lock of the last one at work closes the database and drops the key; the password reopens it', async () => {
    const t = closedApp();
    const s = t.app.sessions.create(t.clock.time);
    await ok(call(t.app, s, 'setup.create', SETUP));
    await ok(call(t.app, s, 'settings.update', { idleLockMinutes: 10 }));
    const events: unknown[] = [];
    s.subscribe((name, payload) => events.push({ name, payload }));
    const other = t.app.sessions.create(t.clock.time);
    await ok(call(t.app, other, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }));

    // One session idle, the other at work: the idle one is locked, the database stays open.
    t.clock.advance(6 * 60_000);
    await ok(call(t.app, other, 'persons.list', {} as never));
    t.clock.advance(5 * 60_000);
    expect(lockIdleSessions(t.app, t.clock.now())).toBe(1);
    expect(events).toEqual([{ name: 'session', payload: { locked: true, loggedOut: false } }]);
    expect(t.app.isOpen).toBe(true);

    // The other goes idle too, without a single call: main's own check locks it and closes.
    const key = t.app.key as Buffer;
    t.clock.advance(11 * 60_000);
    expect(lockIdleSessions(t.app, t.clock.now())).toBe(1);
    expect(t.app.isOpen).toBe(false);
    expect(t.app.key).toBeNull();
    expect(key.equals(Buffer.alloc(32))).toBe(true);

    // Behind the lock, calls answer SESSION_LOCKED (the page keeps what was typed), not "log in".
    expect(await errorCode(call(t.app, s, 'persons.list', {} as never))).toBe('SESSION_LOCKED');
    expect(await errorCode(call(t.app, s, 'auth.unlock', { password: 'not-the-password' }))).toBe('LOGIN_FAILED');
    expect(t.app.isOpen).toBe(false);
    expect(readSlotFile(slotsPath(t.dir)).slots[0]?.failed).toBe(1);
    const unlocked = await ok(call(t.app, s, 'auth.unlock', { password: ADMIN_PASSWORD }));
    expect(unlocked).toMatchObject({ locked: false, user: { username: 'admin' } });
    expect(t.app.isOpen).toBe(true);
    expect((await ok(call(t.app, s, 'persons.list', {} as never))).total).toBe(0);

    // Locked by dispatch at its next call (no idle check ran): closed after that answer as well.
    await ok(call(t.app, other, 'auth.logout', {}));
    t.clock.advance(11 * 60_000);
    expect(await errorCode(call(t.app, s, 'persons.list', {} as never))).toBe('SESSION_LOCKED');
    expect(t.app.isOpen).toBe(false);
    // Logging out from the lock screen needs nothing open.
    await ok(call(t.app, s, 'auth.logout', {}));
    expect(s.userId).toBeNull();
    expect(await errorCode(call(t.app, s, 'persons.list', {} as never))).toBe('UNAUTHENTICATED');
  });

  it('a setup refused for its input leaves nothing behind', async () => {
    const t = closedApp();
    expect(await errorCode(call(t.app, t.app.sessions.create(), 'setup.create', { ...SETUP, adminPassword: 'short' }))).toBe('INVALID_INPUT');
    expect(fs.existsSync(path.join(t.dir, 'cadrecare.sqlite'))).toBe(false);
    expect(fs.existsSync(slotsPath(t.dir))).toBe(false);
    await ok(call(t.app, t.app.sessions.create(), 'setup.create', SETUP));
  });

  it('counts wrong passwords while closed and locks the account, before the database is open', async () => {
    const t = closedApp();
    const s = t.app.sessions.create();
    await ok(call(t.app, s, 'setup.create', SETUP));
    await ok(call(t.app, s, 'auth.logout', {}));
    for (let i = 0; i < 4; i++) {
      expect(await errorCode(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'admin', password: 'Wrong2026pass' }))).toBe('LOGIN_FAILED');
    }
    expect(await errorCode(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'admin', password: 'Wrong2026pass' }))).toBe('ACCOUNT_LOCKED');
    expect(await errorCode(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }))).toBe('ACCOUNT_LOCKED');
    expect(t.app.isOpen).toBe(false);
    // An unknown name answers like a wrong password.
    expect(await errorCode(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'nobody', password: ADMIN_PASSWORD }))).toBe('LOGIN_FAILED');
    t.clock.advance(6 * 60000);
    await ok(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }));
  });

  it('creating, resetting, changing, disabling a user updates the slots in the same call', async () => {
    const t = closedApp();
    const admin = t.app.sessions.create();
    await ok(call(t.app, admin, 'setup.create', SETUP));
    const user = await ok(call(t.app, admin, 'users.create', { username: 'li', displayName: '李', role: 'staff', password: USER_PASSWORD, phone: null }));
    expect(readSlotFile(slotsPath(t.dir)).slots.map((s) => s.userId)).toContain(user.id);

    await ok(call(t.app, admin, 'users.resetPassword', { id: user.id, newPassword: 'Reset2026pass' }));
    expect(readSlotFile(slotsPath(t.dir)).slots.filter((s) => s.userId === user.id)).toHaveLength(1);
    await ok(call(t.app, admin, 'auth.logout', {}));
    expect(t.app.isOpen).toBe(false);
    // The old password opens nothing any more; the new one does.
    expect(await errorCode(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'li', password: USER_PASSWORD }))).toBe('LOGIN_FAILED');
    const li = t.app.sessions.create();
    await ok(call(t.app, li, 'auth.login', { username: 'li', password: 'Reset2026pass' }));
    await ok(call(t.app, li, 'auth.changePassword', { currentPassword: 'Reset2026pass', newPassword: 'Mine2026pass' }));
    await ok(call(t.app, li, 'auth.logout', {}));
    expect(await errorCode(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'li', password: 'Reset2026pass' }))).toBe('LOGIN_FAILED');
    const admin2 = t.app.sessions.create();
    await ok(call(t.app, admin2, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }));
    await ok(call(t.app, admin2, 'users.update', { id: user.id, disabled: true }));
    expect(readSlotFile(slotsPath(t.dir)).slots.map((s) => s.userId)).not.toContain(user.id);
    await ok(call(t.app, admin2, 'auth.logout', {}));
    expect(await errorCode(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'li', password: 'Mine2026pass' }))).toBe('LOGIN_FAILED');
  });

  /** A slot as a power cut can leave one: put back into the file after the users table moved on. */
  function putBack(dir: string, slot: KeySlot): void {
    const file = readSlotFile(slotsPath(dir));
    file.slots.push(slot);
    writeSlotFile(slotsPath(dir), file);
  }

  function failedLogins(app: AppContext, userId: string): number {
    return (app.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'login_failed' AND entity_id = ?").get(userId) as { n: number }).n;
  }

  // A login that opens the database proves the password with the slot alone (scrypt runs once), but
  // only a slot made with the user's current password hash proves it: an old password's slot left by
  // a power cut (between the commit of a change and the slots being tidied) opens the database, and
  // the password is then checked against the hash as when the database is already open.
  it('after a password change only the new password logs in, even where the old one\'s slot was left behind', async () => {
    const t = closedApp();
    const admin = t.app.sessions.create();
    await ok(call(t.app, admin, 'setup.create', SETUP));
    const user = await ok(call(t.app, admin, 'users.create', { username: 'li', displayName: '李', role: 'staff', password: USER_PASSWORD, phone: null }));
    await ok(call(t.app, admin, 'auth.logout', {}));
    const li = t.app.sessions.create();
    await ok(call(t.app, li, 'auth.login', { username: 'li', password: USER_PASSWORD }));
    await ok(call(t.app, li, 'auth.changePassword', { currentPassword: USER_PASSWORD, newPassword: 'Mine2026pass' }));
    const oldSlot = readSlotFile(slotsPath(t.dir)).slots.find((s) => s.userId === user.id);
    expect(oldSlot).toBeDefined();
    await ok(call(t.app, li, 'auth.changePassword', { currentPassword: 'Mine2026pass', newPassword: 'Next2026pass' }));
    await ok(call(t.app, li, 'auth.logout', {}));
    expect(t.app.isOpen).toBe(false);
    putBack(t.dir, oldSlot as KeySlot);

    // The old password opens its leftover slot, and is still a wrong password, counted for lockout.
    const stale = await call(t.app, t.app.sessions.create(), 'auth.login', { username: 'li', password: 'Mine2026pass' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED', details: { remaining: 4 } } });
    expect(t.app.isOpen).toBe(false);
    // Opening the database tidied the slots: the leftover is gone.
    expect(readSlotFile(slotsPath(t.dir)).slots.filter((s) => s.userId === user.id)).toHaveLength(1);
    expect(await errorCode(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'li', password: 'Mine2026pass' }))).toBe('LOGIN_FAILED');
    expect(await errorCode(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'li', password: USER_PASSWORD }))).toBe('LOGIN_FAILED');

    const again = t.app.sessions.create();
    await ok(call(t.app, again, 'auth.login', { username: 'li', password: 'Next2026pass' }));
    expect(failedLogins(t.app, user.id)).toBe(1);
  });

  it('a wrong password that opens some slot still fails and counts, at a login and at the lock screen', async () => {
    const t = closedApp();
    const s = t.app.sessions.create(t.clock.time);
    await ok(call(t.app, s, 'setup.create', SETUP));
    await ok(call(t.app, s, 'settings.update', { idleLockMinutes: 10 }));
    const adminId = s.userId as string;
    const key = Buffer.from(t.app.key as Buffer);
    // A slot under a password the user does not have (not of their password hash): only the key's holder could make one.
    const file = readSlotFile(slotsPath(t.dir));
    const stray = wrapKey(file, key, { id: adminId, username: 'admin', passwordHash: 'scrypt$16$1$1$00' }, 'Stray2026pass', TEST_PASSWORD_COST);
    t.clock.advance(11 * 60_000);
    expect(lockIdleSessions(t.app, t.clock.now())).toBe(1);
    expect(t.app.isOpen).toBe(false);
    putBack(t.dir, stray);

    // The lock screen: the stray password opens the database but not the lock.
    const unlock = await call(t.app, s, 'auth.unlock', { password: 'Stray2026pass' });
    expect(unlock).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED', details: { remaining: 4 } } });
    expect(t.app.isOpen).toBe(false);
    expect(s.locked).toBe(true);
    putBack(t.dir, stray);
    // A login: the same, and the count goes on from the lock screen's.
    const login = await call(t.app, t.app.sessions.create(), 'auth.login', { username: 'admin', password: 'Stray2026pass' });
    expect(login).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED', details: { remaining: 3 } } });
    expect(t.app.isOpen).toBe(false);

    // Three more (the slot put back each time) lock the account, in the database: even the right
    // password, whose slot opens it, is then refused until the lockout is over.
    for (let i = 0; i < 3; i++) {
      putBack(t.dir, stray);
      const r = await call(t.app, t.app.sessions.create(), 'auth.login', { username: 'admin', password: 'Stray2026pass' });
      expect(r).toMatchObject({ ok: false, error: { code: i < 2 ? 'LOGIN_FAILED' : 'ACCOUNT_LOCKED' } });
    }
    expect(await errorCode(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }))).toBe('ACCOUNT_LOCKED');
    expect(t.app.isOpen).toBe(false);
    t.clock.advance(6 * 60_000);
    const unlocked = await ok(call(t.app, s, 'auth.unlock', { password: ADMIN_PASSWORD }));
    expect(unlocked).toMatchObject({ locked: false, user: { username: 'admin' } });
    expect(failedLogins(t.app, adminId)).toBe(5);
  });

  it('a disabled user\'s slot left behind opens nothing for them', async () => {
    const t = closedApp();
    const admin = t.app.sessions.create();
    await ok(call(t.app, admin, 'setup.create', SETUP));
    const user = await ok(call(t.app, admin, 'users.create', { username: 'li', displayName: '李', role: 'staff', password: USER_PASSWORD, phone: null }));
    const slot = readSlotFile(slotsPath(t.dir)).slots.find((x) => x.userId === user.id) as KeySlot;
    await ok(call(t.app, admin, 'users.update', { id: user.id, disabled: true }));
    await ok(call(t.app, admin, 'auth.logout', {}));
    putBack(t.dir, slot);
    expect(await errorCode(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'li', password: USER_PASSWORD }))).toBe('ACCOUNT_DISABLED');
    expect(t.app.isOpen).toBe(false);
    expect(readSlotFile(slotsPath(t.dir)).slots.map((x) => x.userId)).not.toContain(user.id);
  });

  it('a missing or damaged slot file has its own code and changes nothing', async () => {
    const t = closedApp();
    const s = t.app.sessions.create();
    await ok(call(t.app, s, 'setup.create', SETUP));
    await ok(call(t.app, s, 'auth.logout', {}));
    const file = slotsPath(t.dir);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.slice(0, 40));
    expect(await errorCode(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }))).toBe('KEY_SLOTS_DAMAGED');
    expect(fs.readFileSync(file, 'utf8')).toBe(text.slice(0, 40));
    fs.rmSync(file);
    const r = reopen(t);
    expect(await errorCode(call(r.app, r.app.sessions.create(), 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }))).toBe('KEY_SLOTS_MISSING');
  });

  it('a wrong key is refused with its own code', () => {
    const t = makeApp();
    closeApp(t.app);
    expect(() => openApp({ dataDir: t.dir, key: Buffer.alloc(32, 1) })).toThrow(expect.objectContaining({ code: 'DB_KEY_WRONG' }));
    fs.rmSync(t.dir, { recursive: true, force: true });
  });

  it('keeps the office private keys sealed under the database key, and seals a plain key file from before', async () => {
    const t = makeApp();
    try {
      const admin = await setupOffice(t);
      await ok(call(t.app, admin, 'keys.card', {}));
      const file = path.join(t.dir, 'keys', 'identity.json');
      const sealed = fs.readFileSync(file, 'utf8');
      expect(sealed).toMatch(/^cadrecare-sealed-v1:/);
      expect(sealed).not.toContain('AGE-SECRET-KEY');
      expect(sealed).not.toContain('PRIVATE KEY');
      const identity = loadIdentity(t.dir);
      expect(identity?.ageIdentity).toMatch(/^AGE-SECRET-KEY-1/);
      // A key file written before encryption is sealed the first time it is read.
      fs.writeFileSync(file, `${JSON.stringify({ version: 1, ...identity }, null, 2)}\n`);
      expect(loadIdentity(t.dir)?.signingKey).toBe(identity?.signingKey);
      expect(fs.readFileSync(file, 'utf8')).toMatch(/^cadrecare-sealed-v1:/);
    } finally {
      t.close();
    }
  });

  // The README's disaster recovery, command for command: a copy of a real office folder, the recovery
  // key as printed with its dashes taken out, the two pragmas, then a plain copy for any SQLite tool.
  it.skipIf(!fs.existsSync(SQLCIPHER))(`Debian's sqlcipher 3.4 opens a copy with the key from the recovery sheet (skipped without ${SQLCIPHER}; .ci/run installs it)`, async () => {
    const t = makeApp();
    dirs.push(t.dir);
    const admin = await setupOffice(t);
    await ok(call(t.app, admin, 'persons.create', personInput({ seq: 1, name: '张卫国', phones: ['13912345678'] })));
    closeApp(t.app);
    const copy = tempDir();
    dirs.push(copy);
    fs.cpSync(t.dir, copy, { recursive: true });
    const hex = formatRecoveryKey(TEST_DB_KEY).replaceAll('-', '');
    const plain = path.join(copy, 'plain.sqlite');
    const sql = [
      `PRAGMA key = "x'${hex}'";`,
      `PRAGMA cipher_page_size = 4096;`,
      'SELECT name FROM office;',
      'SELECT name, phones FROM persons;',
      'PRAGMA integrity_check;',
      `ATTACH DATABASE '${plain}' AS plain KEY '';`,
      "SELECT sqlcipher_export('plain');",
      'DETACH DATABASE plain;',
    ];
    expect(sql.slice(0, 2)).toEqual(sqlcipherCliPragmas(TEST_DB_KEY));
    const out = spawnSync(SQLCIPHER, [path.join(copy, 'cadrecare.sqlite')], { input: sql.join('\n') + '\n', encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(out.stdout.trim().split('\n')).toEqual(['幸福里社区', '张卫国|["13912345678"]', 'ok']);
    expect(isPlaintextDatabase(plain)).toBe(true);
    // Without the page size the tool reads nothing: the README says both lines are needed.
    const bare = spawnSync(SQLCIPHER, [path.join(copy, 'cadrecare.sqlite')], { input: `${sql[0]}\nSELECT name FROM office;\n`, encoding: 'utf8' });
    expect(bare.stderr).toMatch(/not a database/);
  });
});
