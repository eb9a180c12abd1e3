/**
 * 农历生日 and 整寿 as offices count them. Pure code over lunar-typescript.
 *
 * A lunar birthday is a month (1–12), a day (1–30) and whether the month is a leap month (闰月).
 * Which one is accepted:
 * - month 1–12 and day 1–30;
 * - the leap flag only for 二月 to 十一月: 闰正月 and 闰腊月 do not occur anywhere from 1800 to 2200;
 * - the date must exist in the person's lunar year of birth: that year's month (or leap month) must
 *   exist and be long enough (二月三十 is refused for someone born in a year whose 二月 has 29 days).
 * The lunar year of birth is the one, of the solar birth year and the year before, whose birthday lies
 * nearest the recorded date of birth: a true solar date of birth and a lunar date written as solar (as
 * on many old ID cards) both give the right year.
 *
 * Its solar date in a later lunar year: the leap month when that year has it, else the ordinary month
 * of that number; a 30th day in a month of 29 days is kept on the 29th (the month's last day).
 */
import { z } from 'zod';
import { Lunar, LunarMonth, LunarYear } from 'lunar-typescript';

export interface LunarBirthday {
  month: number;
  day: number;
  leap: boolean;
}

/** Months that can be leap months (闰正月 and 闰腊月 never occur from 1800 to 2200). */
export const LEAP_MONTHS_POSSIBLE: readonly number[] = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

export const lunarBirthdaySchema = z
  .object({
    month: z.number().int().min(1, { message: 'lunarBirthday.month' }).max(12, { message: 'lunarBirthday.month' }),
    day: z.number().int().min(1, { message: 'lunarBirthday.day' }).max(30, { message: 'lunarBirthday.day' }),
    leap: z.boolean().default(false),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.leap && !LEAP_MONTHS_POSSIBLE.includes(b.month)) ctx.addIssue({ code: 'custom', path: ['leap'], message: 'lunarBirthday.neverLeap' });
  });

const MONTHS_ZH = ['正', '二', '三', '四', '五', '六', '七', '八', '九', '十', '冬', '腊'];
const DAY_TENS = ['初', '十', '廿', '三'];
const DIGITS_ZH = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 闰四月十五, 正月初一, 腊月三十 … */
export function lunarBirthdayText(b: LunarBirthday): string {
  const day = b.day === 10 ? '初十' : b.day === 20 ? '二十' : b.day === 30 ? '三十' : `${DAY_TENS[Math.floor(b.day / 10)]}${DIGITS_ZH[b.day % 10]}`;
  return `${b.leap ? '闰' : ''}${MONTHS_ZH[b.month - 1]}月${day}`;
}

/** Stored as text: '04-15', or 'L04-15' for a leap month. */
export function encodeLunarBirthday(b: LunarBirthday | null): string | null {
  if (!b) return null;
  return `${b.leap ? 'L' : ''}${String(b.month).padStart(2, '0')}-${String(b.day).padStart(2, '0')}`;
}

export function decodeLunarBirthday(text: string | null | undefined): LunarBirthday | null {
  const m = text ? /^(L?)(\d{2})-(\d{2})$/.exec(text) : null;
  if (!m) return null;
  return { leap: m[1] === 'L', month: Number(m[2]), day: Number(m[3]) };
}

const cache = new Map<string, string | null>();

/** The number of days of a lunar month (negative: the leap month), or 0 when the year has no such month. */
function monthLength(year: number, month: number): number {
  if (month < 0 && LunarYear.fromYear(year).getLeapMonth() !== -month) return 0;
  return LunarMonth.fromYm(year, month)?.getDayCount() ?? 0;
}

/** The solar date of exactly this lunar date, or null when it does not exist in that year. */
export function exactSolarOf(year: number, b: LunarBirthday): string | null {
  const key = `x${year}:${encodeLunarBirthday(b)}`;
  if (cache.has(key)) return cache.get(key) ?? null;
  const month = b.leap ? -b.month : b.month;
  const length = monthLength(year, month);
  const value = length >= b.day ? Lunar.fromYmd(year, month, b.day).getSolar().toYmd() : null;
  cache.set(key, value);
  return value;
}

/**
 * The solar date of the birthday in lunar year `year`: the leap month when the year has it, else the
 * ordinary month; a 30th day in a month of 29 days falls on the 29th.
 */
export function solarOfLunarBirthday(year: number, b: LunarBirthday): string {
  const key = `s${year}:${encodeLunarBirthday(b)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const month = b.leap && LunarYear.fromYear(year).getLeapMonth() === b.month ? -b.month : b.month;
  const day = Math.min(b.day, monthLength(year, month));
  const value = Lunar.fromYmd(year, month, day).getSolar().toYmd();
  cache.set(key, value);
  return value;
}

function dayDistance(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`));
}

/**
 * The lunar year the person was born in, or null when the lunar birthday exists in neither the solar
 * birth year nor the year before (see the rule at the top).
 */
export function lunarBirthYear(birthDate: string, b: LunarBirthday): number | null {
  const year = Number(birthDate.slice(0, 4));
  if (!Number.isInteger(year)) return null;
  let best: { year: number; distance: number } | null = null;
  for (const candidate of [year - 1, year]) {
    const solar = exactSolarOf(candidate, b);
    if (!solar) continue;
    const distance = dayDistance(solar, birthDate);
    if (!best || distance < best.distance) best = { year: candidate, distance };
  }
  return best?.year ?? null;
}

/** How the office counts 整寿. */
export interface MilestoneRules {
  milestoneAges: readonly number[];
  everyYearFrom: number;
  /** 周岁 (full years) or 虚岁 (one more: the age counted from birth as one). */
  ageCounting: 'full' | 'nominal';
  /** On the solar birthday, or on the 农历 birthday where the person has one. */
  birthdayCalendar: 'solar' | 'lunar';
}

export interface BirthdayOccurrence {
  /** The birthday's year: the solar year, or the lunar year for a lunar birthday (the visit key's year). */
  year: number;
  date: string;
  /** The age as the office counts it (周岁 or 虚岁). */
  age: number;
}

/** The birthday of solar `year`; 29 February falls on the 28th in common years. */
function solarBirthdayIn(birthDate: string, year: number): string {
  const m = Number(birthDate.slice(5, 7));
  let d = Number(birthDate.slice(8, 10));
  const leapYear = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (m === 2 && d === 29 && !leapYear) d = 28;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The birthday of `year` as the rules count it: on the lunar birthday when the office counts by the
 * lunar calendar and the person has one (and it exists in their year of birth), else on the solar one.
 */
export function birthdayOf(birthDate: string, lunar: LunarBirthday | null, rules: Pick<MilestoneRules, 'ageCounting' | 'birthdayCalendar'>, year: number): BirthdayOccurrence {
  const extra = rules.ageCounting === 'nominal' ? 1 : 0;
  const bornLunar = rules.birthdayCalendar === 'lunar' && lunar ? lunarBirthYear(birthDate, lunar) : null;
  if (lunar && bornLunar !== null) return { year, date: solarOfLunarBirthday(year, lunar), age: year - bornLunar + extra };
  return { year, date: solarBirthdayIn(birthDate, year), age: year - Number(birthDate.slice(0, 4)) + extra };
}

export function isMilestone(age: number, rules: Pick<MilestoneRules, 'milestoneAges' | 'everyYearFrom'>): boolean {
  return rules.milestoneAges.includes(age) || age >= rules.everyYearFrom;
}

/**
 * The 整寿 birthdays whose solar date lies from `from` to `to`. A lunar birthday of 腊月 falls in the
 * next solar year, so the lunar years looked at start one before the span's first year.
 */
export function milestoneBirthdays(birthDate: string, lunar: LunarBirthday | null, rules: MilestoneRules, from: string, to: string): BirthdayOccurrence[] {
  const out: BirthdayOccurrence[] = [];
  // A lost birth date (kept as '') gives no age, so no birthday is a milestone.
  if (birthDate === '') return out;
  for (let year = Number(from.slice(0, 4)) - 1; year <= Number(to.slice(0, 4)); year++) {
    const b = birthdayOf(birthDate, lunar, rules, year);
    if (b.date >= from && b.date <= to && isMilestone(b.age, rules)) out.push(b);
  }
  return out;
}

const MONTH_WORDS: Record<string, number> = { 正: 1, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 冬: 11, 十二: 12, 腊: 12 };
const DAY_UNITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function chineseDay(text: string): number | null {
  if (text === '初十') return 10;
  if (text === '二十') return 20;
  if (text === '三十' || text === '卅') return 30;
  const m = /^(初|十|廿|二十|三十)([一二三四五六七八九])$/.exec(text);
  if (!m) return null;
  const tens = m[1] === '初' ? 0 : m[1] === '十' ? 10 : m[1] === '三十' ? 30 : 20;
  return tens + (DAY_UNITS[m[2] as string] as number);
}

/**
 * A lunar birthday as typed: 四月十五, 闰四月十五, 腊月初八, 4-15, 闰4-15, 4月15日. Empty gives null; text that
 * reads as neither gives 'invalid'. Month and day are not checked for range here (the schema does).
 */
export function parseLunarBirthdayText(input: string): LunarBirthday | null | 'invalid' {
  let text = input.replace(/\s+/g, '').replace(/^农历/, '');
  if (text === '') return null;
  const leap = /^(闰|L|l)/.test(text);
  if (leap) text = text.slice(1);
  const numeric = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (numeric) return { month: Number(numeric[1]), day: Number(numeric[2]), leap };
  const words = /^(正|十一|十二|冬|腊|[一二三四五六七八九十])月(.+?)日?$/.exec(text);
  if (!words) return 'invalid';
  const day = chineseDay(words[2] as string);
  return day === null ? 'invalid' : { month: MONTH_WORDS[words[1] as string] as number, day, leap };
}
