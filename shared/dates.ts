/**
 * Dates as text: reading what people type or spreadsheets hold, and writing timestamps and dates
 * for storage and display. Arithmetic on dates is shared/calendar.ts.
 */
import dayjs from 'dayjs';
import { dateOfDay, daysFromCivil, formatYmd, isCalendarDate } from './calendar';

/** Timestamps are stored as ISO 8601 UTC strings with milliseconds, so text order is time order. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

/** How dayjs reads a text without a zone: 2026-03-01, 2026/3/1, 20260301, 2026-03-01 08:30:15.250, in local time. */
const LOCAL_TEXT = /^(\d{4})[-/]?(\d{1,2})?[-/]?(\d{0,2})[Tt\s]*(\d{1,2})?:?(\d{1,2})?:?(\d{1,2})?[.:]?(\d+)?$/;

/** The instant a text names, read as dayjs(text) reads it: local time unless it says otherwise. */
function instantOf(text: string): Date {
  if (!/Z$/i.test(text)) {
    const m = LOCAL_TEXT.exec(text);
    if (m) {
      const [, year, month, day, hours, minutes, seconds, fraction] = m;
      return new Date(
        Number(year),
        Number(month) - 1 || 0,
        Number(day || 1),
        Number(hours || 0),
        Number(minutes || 0),
        Number(seconds || 0),
        Number((fraction || '0').substring(0, 3)),
      );
    }
  }
  return new Date(text);
}

const pad = (n: number, length: number) => {
  const s = String(n);
  return s.length >= length ? s : `${'0'.repeat(length - s.length)}${s}`;
};

/**
 * The office's calendar date (local time) of an instant or of a text naming one, as YYYY-MM-DD:
 * what dayjs(d).format('YYYY-MM-DD') gives, 'Invalid Date' included for what names no instant.
 */
export function toDateString(d: Date | string): string {
  const at = d instanceof Date ? d : instantOf(d);
  if (Number.isNaN(at.getTime())) return 'Invalid Date';
  return `${pad(at.getFullYear(), 4)}-${pad(at.getMonth() + 1, 2)}-${pad(at.getDate(), 2)}`;
}

/** A timestamp for people to read (display only). */
export function formatDateTime(iso: string, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return locale === 'zh-CN' ? dayjs(iso).format('YYYY年M月D日 HH:mm') : dayjs(iso).format('YYYY-MM-DD HH:mm');
}

/** The years a date the app accepts falls in. */
const FIRST_YEAR = 1850;
const LAST_YEAR = 2200;

function isoDate(y: number, m: number, d: number): string | null {
  if (!isCalendarDate(y, m, d) || y < FIRST_YEAR || y > LAST_YEAR) return null;
  return formatYmd(y, m, d);
}

/**
 * Dates as people type them in Chinese offices: 1945-03-15, 1945/3/15, 1945.3.15, 1945年3月15日,
 * 19450315, with full-width digits too. Returns YYYY-MM-DD, or null when it is not a whole date.
 */
export function parseDateText(raw: string): string | null {
  const text = typedText(raw);
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  // ISO timestamps from other programs: take the date part.
  m = /^(\d{4})-(\d{2})-(\d{2})T[\d:.]+(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

function typedText(raw: string): string {
  return raw
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[／－．]/g, (c) => ({ '／': '/', '－': '-', '．': '.' })[c] ?? c);
}

/**
 * What is wrong with a typed date, as a validation key: a day its month does not have (2026-02-30)
 * says so with the year, month and day as parameters ('date.noSuchDay?year=2026&month=2&day=30');
 * anything else is 'date.format'.
 */
export function dateTextProblem(raw: string): string {
  const text = typedText(raw);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (year >= FIRST_YEAR && year <= LAST_YEAR && month >= 1 && month <= 12 && day >= 1 && !isCalendarDate(year, month, day)) {
      return `date.noSuchDay?year=${year}&month=${month}&day=${day}`;
    }
  }
  return 'date.format';
}

/**
 * A date or, where old paper files only have that (离退休时间, 入党时间), a year and month: 2008年3月,
 * 2008-03, 2008/3, 2008.3 or 200803. Answers YYYY-MM-DD or YYYY-MM, null when it is neither.
 */
export function parseDateOrMonthText(raw: string): string | null {
  const date = parseDateText(raw);
  if (date !== null) return date;
  const text = typedText(raw);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(text) ?? /^(\d{4})(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month] = [Number(m[1]), Number(m[2])];
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12) return null;
  return `${pad(year, 4)}-${pad(month, 2)}`;
}

/** A stored date or year-and-month as people read it: 2008年3月 for 2008-03 (2008-03 in English); a whole date as it is. */
export function partialDateText(value: string, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  if (!m || locale === 'en') return value;
  return `${Number(m[1])}年${Number(m[2])}月`;
}

/**
 * The day a stored date or year-and-month counts from in arithmetic (党龄, years since retirement):
 * a year-and-month counts from its first day.
 */
export function dayOfDateOrMonth(value: string): string {
  return /^\d{4}-\d{2}$/.test(value) ? `${value}-01` : value;
}

/** Excel's day 0: 1899-12-30 (the 1900 leap-year bug included, which this epoch absorbs for every date after February 1900). */
const EXCEL_EPOCH = daysFromCivil(1899, 12, 30);

/** Excel stores dates as days since 1899-12-30. */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 61 || serial > 120000) return null;
  const date = dateOfDay(EXCEL_EPOCH + Math.floor(serial));
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return isoDate(y, m, d);
}
