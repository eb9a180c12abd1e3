import { describe, expect, it } from 'vitest';
import { LunarYear, Solar } from 'lunar-typescript';
import {
  birthdayOf,
  decodeLunarBirthday,
  encodeLunarBirthday,
  lunarBirthYear,
  lunarBirthdaySchema,
  lunarBirthdayText,
  milestoneBirthdays,
  parseLunarBirthdayText,
  solarOfLunarBirthday,
  type LunarBirthday,
} from '../../shared/lunarBirthday';
import { planVisits, type PlanningFacts } from '../../shared/schedule/engine';
import { DEFAULT_SCHEDULE_RULES } from '../../shared/schedule/rules';
import { personFieldsSchema } from '../../shared/schemas/persons';
import { personInput } from '../helpers/persons';

/**
 * The solar date of a lunar birthday in lunar year `year`, found independently of the module: every
 * solar day from 1 January of `year` to the end of March of the next year is converted to lunar, and
 * the day wanted is picked (the leap month if the year has it, else the ordinary one; the 29th when
 * the month has no 30th).
 */
const daysOfYear = new Map<number, { date: string; month: number; day: number }[]>();

function lunarDaysOf(year: number): { date: string; month: number; day: number }[] {
  let days = daysOfYear.get(year);
  if (days) return days;
  days = [];
  let s = Solar.fromYmd(year, 1, 1);
  while (s.getYear() === year || s.getMonth() <= 3) {
    const l = s.getLunar();
    if (l.getYear() === year) days.push({ date: s.toYmd(), month: l.getMonth(), day: l.getDay() });
    s = s.next(1);
  }
  daysOfYear.set(year, days);
  return days;
}

function independently(year: number, b: LunarBirthday): string {
  const days = lunarDaysOf(year);
  const inLeap = b.leap && days.some((d) => d.month === -b.month);
  const month = inLeap ? -b.month : b.month;
  const exact = days.find((d) => d.month === month && d.day === b.day);
  if (exact) return exact.date;
  const last = days.filter((d) => d.month === month).at(-1);
  if (!last || b.day !== 30 || last.day !== 29) throw new Error(`no ${year} ${month}-${b.day}`);
  return last.date;
}

const BIRTHDAYS: LunarBirthday[] = [
  { month: 1, day: 1, leap: false },
  { month: 2, day: 30, leap: false },
  { month: 4, day: 15, leap: false },
  { month: 4, day: 30, leap: true },
  { month: 6, day: 10, leap: true },
  { month: 2, day: 20, leap: true },
  { month: 11, day: 30, leap: true },
  { month: 8, day: 30, leap: false },
  { month: 12, day: 30, leap: false },
  { month: 12, day: 8, leap: false },
];

describe('lunar birthdays in solar dates, 2026–2060', () => {
  it('agree with lunar-typescript day by day, leap months and 30ths included', () => {
    let leapYearsUsed = 0;
    let thirtiethsMoved = 0;
    for (let year = 2026; year <= 2060; year++) {
      for (const b of BIRTHDAYS) {
        const got = solarOfLunarBirthday(year, b);
        expect(got, `${year} ${lunarBirthdayText(b)}`).toBe(independently(year, b));
        const l = Solar.fromYmd(...(got.split('-').map(Number) as [number, number, number])).getLunar();
        if (b.leap && l.getMonth() < 0) leapYearsUsed++;
        if (b.day === 30 && l.getDay() === 29) thirtiethsMoved++;
      }
    }
    // The span has leap months that the birthdays use (闰六月 2028, 闰四月 2039 …) and short months.
    expect(leapYearsUsed).toBeGreaterThan(3);
    expect(thirtiethsMoved).toBeGreaterThan(20);
  });

  it('a leap-month birthday falls in the leap month when the year has it, in the ordinary month otherwise', () => {
    expect(LunarYear.fromYear(2028).getLeapMonth()).toBe(5);
    // 闰五月初十 in 2028 (a year with 闰五月) and in 2029 (none): the ordinary 五月初十.
    const b = { month: 5, day: 10, leap: true };
    const y2028 = Solar.fromYmd(...(solarOfLunarBirthday(2028, b).split('-').map(Number) as [number, number, number])).getLunar();
    expect([y2028.getMonth(), y2028.getDay()]).toEqual([-5, 10]);
    const y2029 = Solar.fromYmd(...(solarOfLunarBirthday(2029, b).split('-').map(Number) as [number, number, number])).getLunar();
    expect([y2029.getMonth(), y2029.getDay()]).toEqual([5, 10]);
  });
});

describe('which lunar birthdays are accepted', () => {
  it('refuses month > 12, day > 30, day 0, 闰正月 and 闰腊月', () => {
    const messages = (v: unknown) => (lunarBirthdaySchema.safeParse(v).error?.issues ?? []).map((i) => i.message);
    expect(messages({ month: 13, day: 1, leap: false })).toEqual(['lunarBirthday.month']);
    expect(messages({ month: 2, day: 31, leap: false })).toEqual(['lunarBirthday.day']);
    expect(messages({ month: 2, day: 0, leap: false })).toEqual(['lunarBirthday.day']);
    expect(messages({ month: 1, day: 5, leap: true })).toEqual(['lunarBirthday.neverLeap']);
    expect(messages({ month: 12, day: 5, leap: true })).toEqual(['lunarBirthday.neverLeap']);
    expect(messages({ month: 11, day: 5, leap: true })).toEqual([]);
  });

  it('refuses a birthday that did not exist in the lunar year of birth (二月三十 of a year whose 二月 had 29 days, a leap month the year lacked)', () => {
    const issues = (birthDate: string, lunarBirthday: LunarBirthday) =>
      (personFieldsSchema.safeParse(personInput({ birthDate, lunarBirthday })).error?.issues ?? []).map((i) => `${i.path.join('.')}:${i.message}`);
    // 1946: 二月 had 29 days (1945 too) → refused.
    expect([1945, 1946].map((y) => lunarDaysOf(y).some((d) => d.month === 2 && d.day === 30))).toEqual([false, false]);
    expect(issues('1946-04-01', { month: 2, day: 30, leap: false })).toEqual(['lunarBirthday:lunarBirthday.notInBirthYear']);
    // 闰四月: 1944 had one (1944-05-22 was 闰四月初一) → a person born then is accepted; 1946 and 1945 had none.
    expect(LunarYear.fromYear(1944).getLeapMonth()).toBe(4);
    expect(issues('1944-06-01', { month: 4, day: 11, leap: true })).toEqual([]);
    expect(issues('1946-06-01', { month: 4, day: 11, leap: true })).toEqual(['lunarBirthday:lunarBirthday.notInBirthYear']);
    expect(issues('1946-06-01', { month: 4, day: 11, leap: false })).toEqual([]);
  });

  it('finds the lunar year of birth from a true solar date and from a lunar date written as solar', () => {
    // Born 1937-01-20 = 丙子年腊月初八 (lunar 1936).
    expect(lunarBirthYear('1937-01-20', { month: 12, day: 8, leap: false })).toBe(1936);
    // An old ID card that wrote 正月初十 1946 as 1946-01-10: the lunar year is 1946, not 1945.
    expect(lunarBirthYear('1946-01-10', { month: 1, day: 10, leap: false })).toBe(1946);
  });

  it('reads what staff type and writes it back', () => {
    expect(parseLunarBirthdayText('四月十五')).toEqual({ month: 4, day: 15, leap: false });
    expect(parseLunarBirthdayText('闰四月十五')).toEqual({ month: 4, day: 15, leap: true });
    expect(parseLunarBirthdayText('腊月初八')).toEqual({ month: 12, day: 8, leap: false });
    expect(parseLunarBirthdayText('冬月廿三')).toEqual({ month: 11, day: 23, leap: false });
    expect(parseLunarBirthdayText('农历正月三十')).toEqual({ month: 1, day: 30, leap: false });
    expect(parseLunarBirthdayText('十二月二十')).toEqual({ month: 12, day: 20, leap: false });
    expect(parseLunarBirthdayText('闰4-15')).toEqual({ month: 4, day: 15, leap: true });
    expect(parseLunarBirthdayText('4月15日')).toEqual({ month: 4, day: 15, leap: false });
    expect(parseLunarBirthdayText('')).toBeNull();
    expect(parseLunarBirthdayText('四月')).toBe('invalid');
    expect(parseLunarBirthdayText('十三月初一')).toBe('invalid');
    for (const b of BIRTHDAYS) {
      expect(parseLunarBirthdayText(lunarBirthdayText(b))).toEqual(b);
      expect(decodeLunarBirthday(encodeLunarBirthday(b))).toEqual(b);
    }
    expect(lunarBirthdayText({ month: 12, day: 8, leap: false })).toBe('腊月初八');
    expect(lunarBirthdayText({ month: 4, day: 21, leap: true })).toBe('闰四月廿一');
  });
});

describe('整寿 as the office counts it', () => {
  const lunar = { month: 12, day: 8, leap: false };
  const rules = { ...DEFAULT_SCHEDULE_RULES };

  it('周岁 or 虚岁, solar or lunar', () => {
    expect(birthdayOf('1937-01-20', lunar, rules, 2027)).toEqual({ year: 2027, date: '2027-01-20', age: 90 });
    expect(birthdayOf('1937-01-20', lunar, { ...rules, ageCounting: 'nominal' }, 2027)).toEqual({ year: 2027, date: '2027-01-20', age: 91 });
    // Lunar: the lunar year 2026's 腊月初八 is 2027-01-15; born in lunar 1936, so 90.
    expect(birthdayOf('1937-01-20', lunar, { ...rules, birthdayCalendar: 'lunar' }, 2026)).toEqual({ year: 2026, date: '2027-01-15', age: 90 });
    // Lunar counting, no lunar birthday recorded: the solar one.
    expect(birthdayOf('1937-01-20', null, { ...rules, birthdayCalendar: 'lunar' }, 2027)).toEqual({ year: 2027, date: '2027-01-20', age: 90 });
  });

  it('70 and 75 when the office adds them; every year from 100', () => {
    const span = ['2026-01-01', '2031-12-31'] as const;
    expect(milestoneBirthdays('1956-05-01', null, rules, ...span).map((b) => b.age)).toEqual([]);
    expect(milestoneBirthdays('1956-05-01', null, { ...rules, milestoneAges: [70, 75, 80, 85, 90, 95, 100] }, ...span).map((b) => b.age)).toEqual([70, 75]);
    expect(milestoneBirthdays('1926-05-01', null, rules, ...span).map((b) => b.age)).toEqual([100, 101, 102, 103, 104, 105]);
  });

  it('the planner plans the lunar 整寿 under the key of the lunar year', () => {
    const facts: PlanningFacts = {
      birthDate: '1937-01-20',
      lunarBirthday: lunar,
      status: 'active',
      statusDate: null,
      livingSituation: 'with_children',
      adlTotal: null,
      lastAssessedOn: '2026-09-01',
      highRisk: false,
      partyMember: false,
      registeredOn: '2026-01-01',
      hospitalisations: [],
    };
    const span = { from: '2026-10-01', to: '2027-12-31' };
    const birthdays = (r: typeof rules) => planVisits(facts, r, span).filter((v) => v.reason === 'birthday').map((v) => [v.key, v.dueDate]);
    expect(birthdays(rules)).toEqual([['birthday:2027', '2027-01-20']]);
    expect(birthdays({ ...rules, birthdayCalendar: 'lunar' })).toEqual([['birthday:2026', '2027-01-15']]);
    expect(birthdays({ ...rules, birthdayCalendar: 'lunar', ageCounting: 'nominal' })).toEqual([]);
  });
});
