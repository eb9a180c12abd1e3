/**
 * The recovery key: the sheet an administrator prints (setup, settings) and the login with its key
 * when every password is forgotten, which sets a new administrator password before anything else.
 * On an office that starts closed, as the desktop app does.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSlotFile, slotsPath } from '../../main/db/keySlots';
import { formatRecoveryKeyText, parseRecoveryKeyText, recoveryCheck, recoveryKeyGroups } from '../../shared/recoveryKey';
import { ADMIN_PASSWORD, TEST_DB_KEY, call, errorCode, makeApp, ok, setupOffice, USER_PASSWORD } from '../helpers/app';
import { openKeyed } from '../../main/db/connection';
import { closedApps, SETUP } from '../helpers/closed';

const NEW_PASSWORD = 'Recovered2026';

describe('the recovery key as printed and typed', () => {
  const hex = TEST_DB_KEY.toString('hex');

  it('prints 16 groups of the key and a check group, and reads them back leniently', () => {
    const groups = recoveryKeyGroups(hex);
    expect(groups).toHaveLength(17);
    expect(groups.slice(0, 16).join('')).toBe(hex.toUpperCase());
    expect(groups[16]).toBe(recoveryCheck(hex));
    const text = formatRecoveryKeyText(hex);
    for (const typed of [text, text.toLowerCase(), text.replace(/-/g, ' '), `  ${text.replace(/-/g, '')}\n`, text.replace(/-/g, '－'), hex]) {
      expect(parseRecoveryKeyText(typed)).toMatchObject({ ok: true, hex });
    }
  });

  it('catches every single mistyped character and every two neighbours swapped, by the check group', () => {
    const text = formatRecoveryKeyText('0123456789abcdef'.repeat(4)).replace(/-/g, '');
    for (let i = 0; i < text.length; i++) {
      for (const c of '0123456789ABCDEF') {
        if (c === text[i]) continue;
        const typo = text.slice(0, i) + c + text.slice(i + 1);
        expect(parseRecoveryKeyText(typo).ok, `${i}:${c}`).toBe(false);
      }
      if (i + 1 < text.length && text[i] !== text[i + 1]) {
        const swapped = text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
        expect(parseRecoveryKeyText(swapped), `swap ${i}`).toEqual({ ok: false, reason: 'typo' });
      }
    }
    expect(parseRecoveryKeyText(text.slice(0, 60))).toEqual({ ok: false, reason: 'length', count: 60 });
    expect(parseRecoveryKeyText(`${text.slice(0, 10)}G${text.slice(11)}`)).toEqual({ ok: false, reason: 'badChar', char: 'G' });
    expect(parseRecoveryKeyText(' - ')).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('recovery sheet and recovery-key login', () => {
  const { closedApp } = closedApps();

  /** A closed office with its admin and a staff member, and the recovery key the setup's sheet showed. */
  async function officeWithSheet() {
    const t = closedApp();
    const s = t.app.sessions.create();
    await ok(call(t.app, s, 'setup.create', SETUP));
    expect(await errorCode(call(t.app, s, 'recovery.sheet', { password: 'Wrong2026pass' }))).toBe('WRONG_PASSWORD');
    const sheet = await ok(call(t.app, s, 'recovery.sheet', { password: ADMIN_PASSWORD }));
    await ok(call(t.app, s, 'users.create', { username: 'li', displayName: '李干事', role: 'staff', password: USER_PASSWORD, phone: null }));
    await ok(call(t.app, s, 'auth.logout', {}));
    expect(t.app.isOpen).toBe(false);
    return { ...t, sheet };
  }

  it('shows the sheet only to an administrator who gives the password again, and logs that it was shown', async () => {
    const t = makeApp();
    try {
      const admin = await setupOffice(t);
      const sheet = await ok(call(t.app, admin, 'recovery.sheet', { password: ADMIN_PASSWORD }));
      expect(sheet).toMatchObject({ officeName: expect.any(String), areaCode: expect.stringMatching(/^\d{12}$/), recoveryKey: formatRecoveryKeyText(TEST_DB_KEY.toString('hex')) });
      expect(sheet.issuedAt).toBe(t.clock.now().toISOString());
      await ok(call(t.app, admin, 'users.create', { username: 'li', displayName: '李干事', role: 'staff', password: USER_PASSWORD, phone: null }));
      const staff = t.app.sessions.create();
      await ok(call(t.app, staff, 'auth.login', { username: 'li', password: USER_PASSWORD }));
      await ok(call(t.app, staff, 'auth.changePassword', { currentPassword: USER_PASSWORD, newPassword: 'Mine2026pass' }));
      const again = t.app.sessions.create();
      await ok(call(t.app, again, 'auth.login', { username: 'li', password: 'Mine2026pass' }));
      expect(await errorCode(call(t.app, again, 'recovery.sheet', { password: 'Mine2026pass' }))).toBe('FORBIDDEN');
      const audit = await ok(call(t.app, admin, 'audit.list', {} as never));
      expect(audit.entries.filter((e) => e.action === 'recovery_sheet')).toHaveLength(1);
    } finally {
      t.close();
    }
  });

  it('logs in with the right key only after a new administrator password, which then opens the office next time', async () => {
    const t = await officeWithSheet();
    const s = t.app.sessions.create();
    // Typed as people type it: lower case, spaces instead of dashes.
    const typed = t.sheet.recoveryKey.toLowerCase().replace(/-/g, ' ');
    const check = await ok(call(t.app, s, 'recovery.check', { recoveryKey: typed }));
    expect(check.admins.map((a) => a.username)).toEqual(['admin']);
    // Checking logs nobody in: the database closes again.
    expect(t.app.isOpen).toBe(false);
    expect(await errorCode(call(t.app, s, 'persons.list', {} as never))).toBe('UNAUTHENTICATED');
    const adminId = check.admins[0]?.id ?? '';
    const info = await ok(call(t.app, s, 'recovery.login', { recoveryKey: typed, admin: { userId: adminId }, newPassword: NEW_PASSWORD }));
    expect(info.user).toMatchObject({ username: 'admin', mustChangePassword: false });
    await ok(call(t.app, s, 'persons.list', {} as never));

    const audit = await ok(call(t.app, s, 'audit.list', {} as never));
    const used = audit.entries.find((e) => e.action === 'recovery_login');
    expect(used).toMatchObject({ username: 'recovery-key', entityId: adminId });
    expect(used?.changes).toMatchObject({ passwordSetFor: 'admin', newAdministrator: false });

    // The slots follow: one for the admin's new password, the staff member's untouched.
    const slots = readSlotFile(slotsPath(t.dir)).slots;
    expect(slots.filter((x) => x.userId === adminId)).toHaveLength(1);
    expect(slots).toHaveLength(2);
    await ok(call(t.app, s, 'auth.logout', {}));
    expect(t.app.isOpen).toBe(false);
    expect(await errorCode(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }))).toBe('LOGIN_FAILED');
    const next = t.app.sessions.create();
    await ok(call(t.app, next, 'auth.login', { username: 'admin', password: NEW_PASSWORD }));
    await ok(call(t.app, next, 'auth.logout', {}));
    await ok(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'li', password: USER_PASSWORD }));
  });

  it('refuses a wrong key, a typo and a malformed key each with its own code, opening and changing nothing', async () => {
    const t = await officeWithSheet();
    const before = fs.readFileSync(slotsPath(t.dir), 'utf8');
    const other = formatRecoveryKeyText(Buffer.alloc(32, 7).toString('hex'));
    const groups = t.sheet.recoveryKey.split('-');
    const typo = [...groups.slice(0, 3), groups[3] === 'AAAA' ? 'AAAB' : 'AAAA', ...groups.slice(4)].join('-');
    const cases: [string, string][] = [
      [other, 'RECOVERY_KEY_WRONG'],
      [typo, 'RECOVERY_KEY_TYPO'],
      [groups.slice(0, 15).join('-'), 'RECOVERY_KEY_INVALID'],
      [`${t.sheet.recoveryKey.slice(0, 5)}X${t.sheet.recoveryKey.slice(6)}`, 'RECOVERY_KEY_INVALID'],
    ];
    for (const [key, code] of cases) {
      const s = t.app.sessions.create();
      expect(await errorCode(call(t.app, s, 'recovery.check', { recoveryKey: key })), key).toBe(code);
      expect(await errorCode(call(t.app, s, 'recovery.login', { recoveryKey: key, admin: { username: 'neu', displayName: '新' }, newPassword: NEW_PASSWORD }))).toBe(code);
      expect(t.app.isOpen).toBe(false);
    }
    // Not counted towards a lockout: the admin's password still logs in at once.
    expect(fs.readFileSync(slotsPath(t.dir), 'utf8')).toBe(before);
    await ok(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }));
  });

  it('gives a new password to an enabled administrator only; names a new one when none is enabled', async () => {
    const t = await officeWithSheet();
    const key = t.sheet.recoveryKey;
    const s = t.app.sessions.create();
    const { admins } = await ok(call(t.app, s, 'recovery.check', { recoveryKey: key }));
    expect(await errorCode(call(t.app, s, 'recovery.login', { recoveryKey: key, admin: { username: 'zhang', displayName: '张' }, newPassword: NEW_PASSWORD }))).toBe(
      'RECOVERY_ADMIN_EXISTS',
    );
    expect(await errorCode(call(t.app, s, 'recovery.login', { recoveryKey: key, admin: { userId: 'nobody' }, newPassword: NEW_PASSWORD }))).toBe('RECOVERY_NOT_AN_ADMIN');
    expect(await errorCode(call(t.app, s, 'recovery.login', { recoveryKey: key, admin: { userId: admins[0]?.id ?? '' }, newPassword: 'short' }))).toBe('INVALID_INPUT');
    expect(t.app.isOpen).toBe(false);

    // No administrator enabled (the app refuses to disable the last one; a database edited by hand can have none).
    const parsed = parseRecoveryKeyText(key);
    if (!parsed.ok) throw new Error('the sheet reads back');
    const raw = openKeyed(t.app.dbPath, Buffer.from(parsed.hex, 'hex'));
    raw.prepare("UPDATE users SET disabled = 1 WHERE role = 'admin'").run();
    raw.close();
    expect((await ok(call(t.app, s, 'recovery.check', { recoveryKey: key }))).admins).toEqual([]);
    const info = await ok(call(t.app, s, 'recovery.login', { recoveryKey: key, admin: { username: 'zhaozhuren', displayName: '赵主任' }, newPassword: NEW_PASSWORD }));
    expect(info.user).toMatchObject({ username: 'zhaozhuren', role: 'admin', disabled: false, mustChangePassword: false });
    const audit = await ok(call(t.app, s, 'audit.list', {} as never));
    expect(audit.entries.find((e) => e.action === 'recovery_login')?.changes).toMatchObject({ passwordSetFor: 'zhaozhuren', newAdministrator: true });
    await ok(call(t.app, s, 'auth.logout', {}));
    await ok(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'zhaozhuren', password: NEW_PASSWORD }));
  });

  it('a damaged key file is set aside once the recovery key is proven, and rebuilt with the new password', async () => {
    const t = await officeWithSheet();
    fs.writeFileSync(slotsPath(t.dir), '{"format":');
    const s = t.app.sessions.create();
    expect(await errorCode(call(t.app, s, 'recovery.check', { recoveryKey: formatRecoveryKeyText(Buffer.alloc(32, 7).toString('hex')) }))).toBe('RECOVERY_KEY_WRONG');
    expect(fs.readFileSync(slotsPath(t.dir), 'utf8')).toBe('{"format":');
    const { admins } = await ok(call(t.app, s, 'recovery.check', { recoveryKey: t.sheet.recoveryKey }));
    await ok(call(t.app, s, 'recovery.login', { recoveryKey: t.sheet.recoveryKey, admin: { userId: admins[0]?.id ?? '' }, newPassword: NEW_PASSWORD }));
    await ok(call(t.app, s, 'auth.logout', {}));
    expect(fs.readdirSync(t.dir).some((f) => f.startsWith('cadrecare.keys.json.damaged-'))).toBe(true);
    await ok(call(t.app, t.app.sessions.create(), 'auth.login', { username: 'admin', password: NEW_PASSWORD }));
  });
});
