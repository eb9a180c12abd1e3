/**
 * The calendar: arithmetic on 'YYYY-MM-DD' dates, the one place main/ and shared/ do it. Dates are
 * calendar dates, with no time of day and no time zone, so adding days or months never meets a
 * daylight-saving shift; they are worked with plain integers, which is many times cheaper than
 * building Date or dayjs objects (visit planning plans every person after every change, a roster
 * import 10,000 of them in one transaction). The results are those of dayjs's local-time
 * add/subtract/startOf/endOf on the same dates (test/unit/calendar.test.ts compares them over many
 * random dates). Reading and writing dates as text people type is shared/dates.ts.
 *
 * Day numbers count days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's
 * days_from_civil / civil_from_days).
 */

/** Milliseconds in a day: day numbers times this are the UTC midnights of their dates. */
export const DAY_MS = 86_400_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface Ymd {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] as number);
}

/** Whether year-month-day names a day of the calendar (no 31 April, no 29 February of a common year). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The parts of a real calendar date written as YYYY-MM-DD, or null for anything else. */
export function parseYmd(text: string): Ymd | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!isCalendarDate(year, month, day)) return null;
  return { year, month, day };
}

function requireYmd(text: string): Ymd {
  const ymd = parseYmd(text);
  if (!ymd) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(text)}`);
  return ymd;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const pad4 = (n: number) => (n >= 1000 ? String(n) : String(n).padStart(4, '0'));

export function formatYmd(year: number, month: number, day: number): string {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date. A day past the end of February counts on
 * into March (29 February of a common year is 1 March), as Date.UTC does.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

/** The date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): Ymd {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097; // [0, 146096]
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365); // [0, 399]
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // [0, 365]
  const mp = Math.floor((5 * doy + 2) / 153); // [0, 11]
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Day number of a YYYY-MM-DD date; throws on anything that is not a calendar date. */
export function dayNumber(date: string): number {
  const { year, month, day } = requireYmd(date);
  return daysFromCivil(year, month, day);
}

/** YYYY-MM-DD of a day number. */
export function dateOfDay(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return formatYmd(year, month, day);
}

/** `date` moved by `days` (negative: earlier). */
export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** The day of the week of `date`: 0 for Sunday to 6 for Saturday, as Date#getDay and dayjs day() number them. */
export function weekday(date: string): number {
  // Day 0, 1970-01-01, was a Thursday.
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** Months counted from year 0 (year × 12 + month − 1), so adding months is adding integers. */
export function monthIndex(year: number, month: number): number {
  return year * 12 + month - 1;
}

export function yearOfMonthIndex(index: number): number {
  return Math.floor(index / 12);
}

/** 1–12 */
export function monthOfMonthIndex(index: number): number {
  return index - Math.floor(index / 12) * 12 + 1;
}

/** The first day of a month (by month index), as YYYY-MM-DD. */
export function firstOfMonth(index: number): string {
  return formatYmd(yearOfMonthIndex(index), monthOfMonthIndex(index), 1);
}

/** The last day of a month (by month index), as YYYY-MM-DD. */
export function lastOfMonth(index: number): string {
  const year = yearOfMonthIndex(index);
  const month = monthOfMonthIndex(index);
  return formatYmd(year, month, daysInMonth(year, month));
}

/** YYYY-MM of a month (by month index). */
export function yearMonthOf(index: number): string {
  return `${pad4(yearOfMonthIndex(index))}-${pad2(monthOfMonthIndex(index))}`;
}

/** The month index of a YYYY-MM-DD date; throws on anything that is not a calendar date. */
export function monthIndexOf(date: string): number {
  const { year, month } = requireYmd(date);
  return monthIndex(year, month);
}

/** The month index of a 'YYYY-MM' month; throws on anything else. */
export function monthIndexOfYearMonth(yearMonth: string): number {
  return monthIndexOf(`${yearMonth}-01`);
}

/** 'YYYY-MM' moved by `months`. */
export function addYearMonths(yearMonth: string, months: number): string {
  return yearMonthOf(monthIndexOfYearMonth(yearMonth) + months);
}

/**
 * `date` moved by `months`, kept inside the month it lands in: 01-31 + 1 month is 02-28 (or
 * 02-29), not 03-03, as dayjs add(n, 'month') does.
 */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = requireYmd(date);
  const target = monthIndex(year, month) + months;
  const y = yearOfMonthIndex(target);
  const m = monthOfMonthIndex(target);
  return formatYmd(y, m, Math.min(day, daysInMonth(y, m)));
}

/** `date` moved by `years`; 29 February lands on the 28th in a common year, as dayjs add(n, 'year') does. */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** Days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The first and the last day of the month of `date`. */
export function startOfMonth(date: string): string {
  return firstOfMonth(monthIndexOf(date));
}

export function endOfMonth(date: string): string {
  return lastOfMonth(monthIndexOf(date));
}

/** The first and the last day of the quarter of `date` (January, April, July, October). */
export function startOfQuarter(date: string): string {
  const index = monthIndexOf(date);
  return firstOfMonth(index - ((monthOfMonthIndex(index) - 1) % 3));
}

export function endOfQuarter(date: string): string {
  const index = monthIndexOf(date);
  return lastOfMonth(index - ((monthOfMonthIndex(index) - 1) % 3) + 2);
}

/** The first and the last day of the year of `date`. */
export function startOfYear(date: string): string {
  return formatYmd(requireYmd(date).year, 1, 1);
}

export function endOfYear(date: string): string {
  return formatYmd(requireYmd(date).year, 12, 31);
}

/** Whole years from `birthDate` to `day` (both YYYY-MM-DD): the age on that day, birthdays included. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * The birth dates of people whose age on `day` is from `minAge` to `maxAge` inclusive: [from, to].
 * Born on or before `day` minAge years back is at least minAge; born after `day` maxAge + 1 years
 * back is at most maxAge. Years back are counted as ageOn counts birthdays: from a 29 February
 * `day`, a common year's 28 February has had its birthday and its 1 March has not.
 */
export function birthRangeForAges(day: string, minAge: number, maxAge: number): [string, string] {
  return [addDays(addYears(day, -(maxAge + 1)), 1), addYears(day, -minAge)];
}
