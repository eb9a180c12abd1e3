/**
 * 整寿 as offices count them: the settings (ages, 周岁/虚岁, solar/lunar), a person's 农历生日 on the
 * form, the planner, the home page's birthdays of the next 30 days and the campaign figure.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok, errorCode, dumpDatabase } from '../helpers/app';
import { personInput } from '../helpers/persons';
import { DEFAULT_SCHEDULE_RULES } from '../../shared/schedule/rules';
import { careOffice, addPerson, plannedOf, openKeys, setDay, type CareOffice } from './care.helpers';

describe('整寿 with lunar birthdays', () => {
  let o: CareOffice;
  beforeEach(async () => {
    o = await careOffice();
  });
  afterEach(() => o.t.close());

  const birthdays = (id: string) => plannedOf(o, id).filter((v) => v.reason === 'birthday' && v.cancelled_on === null).map((v) => [v.key, v.due_date]);
  const setRules = (rules: Partial<typeof DEFAULT_SCHEDULE_RULES>) => ok(call(o.t.app, o.admin, 'settings.update', { scheduleRules: { ...DEFAULT_SCHEDULE_RULES, ...rules } }));

  it('keeps the lunar birthday on the person, and the rules decide which birthday is visited', async () => {
    // Born 1937-01-20, 腊月初八 of lunar 1936: 90 in 2027 by the solar birthday, in lunar 2026 (2027-01-15) by the lunar one.
    const id = await addPerson(o, { name: '周福海', birthDate: '1937-01-20', lunarBirthday: { month: 12, day: 8, leap: false }, livingSituation: 'with_children' });
    const detail = await ok(call(o.t.app, o.viewer, 'persons.get', { id }));
    expect(detail.person.lunarBirthday).toEqual({ month: 12, day: 8, leap: false });
    expect(birthdays(id)).toEqual([['birthday:2027', '2027-01-20']]);

    await setRules({ birthdayCalendar: 'lunar' });
    expect(birthdays(id)).toEqual([['birthday:2026', '2027-01-15']]);
    // 虚岁: 90 was lunar 2025 (past); 91 is no milestone.
    await setRules({ birthdayCalendar: 'lunar', ageCounting: 'nominal' });
    expect(birthdays(id)).toEqual([]);

    // Counted by 虚岁 on the solar birthday, someone born 1948 turns 80 in 2027; someone born 1947 does not.
    await setRules({ ageCounting: 'nominal' });
    const nominal80 = await addPerson(o, { name: '吴桂兰', gender: 'female', birthDate: '1948-06-10', livingSituation: 'with_children' });
    const full80 = await addPerson(o, { name: '郑国华', birthDate: '1947-06-10', livingSituation: 'with_children' });
    expect(birthdays(nominal80)).toEqual([['birthday:2027', '2027-06-10']]);
    expect(birthdays(full80)).toEqual([]);

    // 70 and 75 are the office's choice.
    await setRules({ milestoneAges: [70, 75, 80, 85, 90, 95, 100] });
    const seventy = await addPerson(o, { name: '钱立新', birthDate: '1957-03-02', livingSituation: 'with_children' });
    expect(birthdays(seventy)).toEqual([['birthday:2027', '2027-03-02']]);
  });

  it('the home page and the campaign figure count the same birthdays as the planner', async () => {
    await setRules({ birthdayCalendar: 'lunar' });
    const id = await addPerson(o, { name: '周福海', birthDate: '1937-01-20', lunarBirthday: { month: 12, day: 8, leap: false }, livingSituation: 'with_children' });
    setDay(o, '2026-12-20');
    const m = await ok(call(o.t.app, o.viewer, 'reports.morning', {}));
    expect(m.birthdays).toEqual([expect.objectContaining({ personId: id, date: '2027-01-15', age: 90 })]);
    // The 2026 campaign of 整寿 (key birthday:2026) holds the lunar year 2026's birthday.
    const r = await ok(call(o.t.app, o.viewer, 'reports.indicator', { key: 'visits.campaign.birthday', period: '2026' }));
    expect(r.figures['due']).toBe(1);
    // 虚岁: the home page says 91 for the same day had it been planned; with 90 and 91 both milestones it is.
    await setRules({ birthdayCalendar: 'lunar', ageCounting: 'nominal', milestoneAges: [80, 85, 90, 91] });
    const n = await ok(call(o.t.app, o.viewer, 'reports.morning', {}));
    expect(n.birthdays).toEqual([expect.objectContaining({ personId: id, date: '2027-01-15', age: 91 })]);
  });

  it('the home page’s birthdays are the worklist of birthday visits due today to 30 days on: visited ones and later ones are not on either', async () => {
    // Registered in November: her 80th on 12-01 was planned, and is overdue by the 8th.
    setDay(o, '2026-11-20');
    const passed = await addPerson(o, { name: '孙秀英', gender: 'female', birthDate: '1946-12-01', livingSituation: 'with_children' });
    setDay(o, '2026-12-08');
    const visited = await addPerson(o, { name: '吴桂兰', gender: 'female', birthDate: '1946-12-10', livingSituation: 'with_children' });
    const ahead = await addPerson(o, { name: '郑国华', birthDate: '1936-12-25', livingSituation: 'with_children' });
    await addPerson(o, { name: '钱立新', birthDate: '1947-01-20', livingSituation: 'with_children' });
    const visit = plannedOf(o, visited).find((v) => v.reason === 'birthday');
    await ok(call(o.t.app, o.staff, 'visits.record', { personId: visited, plannedVisitIds: [visit?.id ?? ''], fields: { visitDate: '2026-12-08', method: 'home', summary: '身体尚好，送上生日蛋糕' } }));
    const m = await ok(call(o.t.app, o.viewer, 'reports.morning', {}));
    expect(m.birthdays.map((b) => [b.name, b.date, b.age])).toEqual([['郑国华', '2026-12-25', 90]]);
    expect(m.birthdaysUntil).toBe('2027-01-07');
    // The card's link: the worklist of birthday visits due from today to its last day.
    const list = await ok(call(o.t.app, o.viewer, 'visits.worklist', { scope: 'all', reason: 'birthday', from: m.today, to: m.birthdaysUntil }));
    expect(list.rows.map((r) => r.personId)).toEqual([ahead]);
    expect(list.total).toBe(m.birthdays.length);
    // The whole birthday worklist holds more: the one overdue since the 1st.
    const whole = await ok(call(o.t.app, o.viewer, 'visits.worklist', { scope: 'all', reason: 'birthday' }));
    expect(whole.rows.map((r) => r.personId).sort()).toEqual([ahead, passed].sort());
  });

  it('a leap-month birthday and a 30th are planned on the day the rule gives', async () => {
    await setRules({ birthdayCalendar: 'lunar', everyYearFrom: 80 });
    // 闰四月十一 1944 (1944 had 闰四月); 2027 has no 闰四月, so 四月十一 2027 = 2027-05-16.
    const leap = await addPerson(o, { name: '孙秀英', gender: 'female', birthDate: '1944-06-01', lunarBirthday: { month: 4, day: 11, leap: true }, livingSituation: 'with_children' });
    expect(birthdays(leap)).toEqual([['birthday:2027', '2027-05-16']]);
    // 八月三十 1939 (1939-10-12; that 八月 had 30 days); 2027's 八月 has 29, so the 29th: 2027-09-29.
    const thirtieth = await addPerson(o, { name: '李德明', birthDate: '1939-10-12', lunarBirthday: { month: 8, day: 30, leap: false }, livingSituation: 'with_children' });
    expect(birthdays(thirtieth)).toEqual([['birthday:2027', '2027-09-29']]);
  });

  it('refuses a lunar birthday that does not exist and leaves the person unchanged', async () => {
    const fields = (extra: object) => personInput({ seq: 7, name: '周福海', birthDate: '1946-04-01', livingSituation: 'with_children', ...extra });
    const { id } = await ok(call(o.t.app, o.admin, 'persons.create', fields({})));
    const before = dumpDatabase(o.t.app);
    for (const lunarBirthday of [
      { month: 2, day: 30, leap: false }, // 1946's 二月 had 29 days
      { month: 13, day: 1, leap: false },
      { month: 3, day: 31, leap: false },
      { month: 12, day: 1, leap: true }, // 闰腊月 never occurs
      { month: 4, day: 1, leap: true }, // no 闰四月 in 1945 or 1946
    ]) {
      expect(await errorCode(call(o.t.app, o.admin, 'persons.update', { id, fields: fields({ lunarBirthday }) }))).toBe('INVALID_INPUT');
    }
    expect(dumpDatabase(o.t.app)).toEqual(before);
    // 闰腊月 is refused for what it is, not also as missing from the year of birth.
    const r = await call(o.t.app, o.admin, 'persons.update', { id, fields: fields({ lunarBirthday: { month: 12, day: 8, leap: true } }) });
    expect(r.ok ? [] : (r.error.details?.['issues'] as { message: string }[]).map((i) => i.message)).toEqual(['lunarBirthday.neverLeap']);
    // Left out (as the roster import sends it), a recorded lunar birthday stays.
    await ok(call(o.t.app, o.admin, 'persons.update', { id, fields: fields({ lunarBirthday: { month: 2, day: 29, leap: false } }) }));
    await ok(call(o.t.app, o.admin, 'persons.update', { id, fields: fields({ livingSituation: 'other' }) }));
    expect((await ok(call(o.t.app, o.viewer, 'persons.get', { id }))).person.lunarBirthday).toEqual({ month: 2, day: 29, leap: false });
    expect(openKeys(o, id).length).toBeGreaterThan(0);
  });

  it('migration 0018: persons.lunar_birthday holds only month-day text, L first for a leap month', async () => {
    const id = await addPerson(o, { name: '周福海' });
    const set = (v: string | null) => o.t.app.db.prepare('UPDATE persons SET lunar_birthday = ? WHERE id = ?').run(v, id);
    for (const good of ['04-15', 'L04-15', null]) expect(() => set(good)).not.toThrow();
    for (const bad of ['4-15', 'X04-15', '四月十五', '04-45']) expect(() => set(bad)).toThrow(/CHECK/);
  });
});
