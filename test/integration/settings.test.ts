import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, setupOffice, sessionAs, call, ok, errorCode, dumpDatabase, type TestApp } from '../helpers/app';
import { personInput } from '../helpers/persons';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings';
import { DEFAULT_SCHEDULE_RULES } from '../../shared/schedule/rules';
import { getSettings } from '../../main/services/settings/settings';
import { updateSettings } from '../../main/services/settings/update';
import type { Session } from '../../main/auth/session';

describe('office settings', () => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = makeApp();
    admin = await setupOffice(t);
  });
  afterEach(() => t.close());

  /** The open routine visits of a person, by key. */
  const openRoutines = (personId: string): string[] =>
    (
      t.app.db
        .prepare(
          `SELECT key FROM planned_visits WHERE person_id = ? AND deleted_at IS NULL AND done_on IS NULL AND cancelled_on IS NULL
           AND key LIKE 'routine:%' ORDER BY due_date, key`,
        )
        .all(personId) as { key: string }[]
    ).map((r) => r.key);

  it('starts from the defaults, which every role reads', async () => {
    expect(await ok(call(t.app, admin, 'settings.get', {}))).toEqual(DEFAULT_SETTINGS);
    const gridworker = await sessionAs(t, admin, 'gridworker', 'wangge');
    expect(await ok(call(t.app, gridworker, 'settings.get', {}))).toEqual(DEFAULT_SETTINGS);
  });

  it('changes only the settings given, with one audit entry of before and after', async () => {
    const after = await ok(call(t.app, admin, 'settings.update', { backupKeep: 30, hotline: '0351-6012345' }));
    expect(after).toEqual({ ...DEFAULT_SETTINGS, backupKeep: 30, hotline: '0351-6012345' });
    expect(await ok(call(t.app, admin, 'settings.get', {}))).toEqual(after);
    const { entries } = await ok(call(t.app, admin, 'audit.list', { entity: 'settings' }));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ username: 'admin', action: 'update', changes: { backupKeep: [14, 30], hotline: ['', '0351-6012345'] } });
    // Saving the same values again writes nothing.
    const before = dumpDatabase(t.app);
    await ok(call(t.app, admin, 'settings.update', { backupKeep: 30, hotline: '0351-6012345' }));
    expect(dumpDatabase(t.app)).toEqual(before);
  });

  it('refuses values out of range, unknown settings and anyone but an administrator, writing nothing', async () => {
    const staff = await sessionAs(t, admin, 'staff', 'zhang');
    const before = dumpDatabase(t.app);
    for (const bad of [{ idleLockMinutes: 241 }, { idleLockMinutes: -1 }, { backupKeep: 0 }, { hotline: '电话' }, { dailyBackup: 'yes' }, { theme: 'dark' }]) {
      expect(await errorCode(call(t.app, admin, 'settings.update', bad as never)), JSON.stringify(bad)).toBe('INVALID_INPUT');
    }
    expect(await errorCode(call(t.app, admin, 'settings.update', { scheduleRules: { ...DEFAULT_SCHEDULE_RULES, atRiskEveryMonths: 0 } }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(t.app, staff, 'settings.update', { idleLockMinutes: 5 }))).toBe('FORBIDDEN');
    expect(dumpDatabase(t.app)).toEqual(before);
  });

  it('the most rows of a roster import is an office setting: 50,000 until an administrator changes it, within 100 to 100,000', async () => {
    expect((await ok(call(t.app, admin, 'settings.get', {}))).rosterMaxRows).toBe(50_000);
    const before = dumpDatabase(t.app);
    for (const bad of [99, 100_001, 1.5]) {
      expect(await errorCode(call(t.app, admin, 'settings.update', { rosterMaxRows: bad })), String(bad)).toBe('INVALID_INPUT');
    }
    expect(dumpDatabase(t.app)).toEqual(before);
    expect(await ok(call(t.app, admin, 'settings.update', { rosterMaxRows: 2000 }))).toMatchObject({ rosterMaxRows: 2000, backupKeep: 14 });
    expect((await ok(call(t.app, admin, 'settings.get', {}))).rosterMaxRows).toBe(2000);
  });

  it('a stored value that no longer fits falls back to its default; stored rules gain new fields from the defaults', () => {
    const put = t.app.db.prepare("INSERT OR REPLACE INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, '2026-01-01T00:00:00.000Z', NULL)");
    put.run('idleLockMinutes', '"soon"');
    put.run('backupKeep', '{not json');
    put.run('scheduleRules', JSON.stringify({ atRiskEveryMonths: 2 }));
    put.run('retired', '1');
    const settings = getSettings(t.app.db);
    expect(settings.idleLockMinutes).toBe(DEFAULT_SETTINGS.idleLockMinutes);
    expect(settings.backupKeep).toBe(DEFAULT_SETTINGS.backupKeep);
    expect(settings.scheduleRules).toEqual({ ...DEFAULT_SCHEDULE_RULES, atRiskEveryMonths: 2 });
    expect(settings).not.toHaveProperty('retired');
  });

  it('new visit rules replan open visits through the service alone, as any caller of it gets', async () => {
    await ok(call(t.app, admin, 'settings.update', { idleLockMinutes: 0 }));
    // 空巢 and 81: at risk, so visited monthly under the default rules.
    const { id } = await ok(call(t.app, admin, 'persons.create', personInput({ seq: 1 })));
    expect(openRoutines(id).slice(0, 2)).toEqual(['routine:2026-11', 'routine:2026-12']);
    const officeId = (t.app.db.prepare('SELECT id FROM office').get() as { id: string }).id;
    const ctx = { actor: { userId: null, username: 'system' }, officeId, at: t.clock.now().toISOString() };
    const rules = { ...DEFAULT_SCHEDULE_RULES, atRiskEveryMonths: 2 };

    const after = t.app.db.transaction(() => updateSettings(t.app.db, ctx, { scheduleRules: rules }, '2026-11-27')).immediate();
    expect(after.scheduleRules).toEqual(rules);
    expect(openRoutines(id).slice(0, 2)).toEqual(['routine:2026-11/2m', 'routine:2027-01/2m']);
    const cancelled = t.app.db.prepare("SELECT cancel_reason FROM planned_visits WHERE person_id = ? AND key = 'routine:2026-12'").get(id);
    expect(cancelled).toEqual({ cancel_reason: 'rules' });

    // Other settings, or the same rules again, leave the plans alone.
    const plans = dumpDatabase(t.app).planned_visits;
    t.app.db.transaction(() => updateSettings(t.app.db, ctx, { scheduleRules: rules, hotline: '0351-6012345' }, '2026-11-27')).immediate();
    expect(dumpDatabase(t.app).planned_visits).toEqual(plans);
  });
});
