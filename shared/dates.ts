import dayjs from 'dayjs';

/** Timestamps are stored as ISO 8601 UTC strings with milliseconds, so text order is time order. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

/** A calendar date as YYYY-MM-DD (local to the office; no time zone). */
export function toDateString(d: Date | string): string {
  return dayjs(d).format('YYYY-MM-DD');
}

export function formatDateTime(iso: string, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return locale === 'zh-CN' ? dayjs(iso).format('YYYY年M月D日 HH:mm') : dayjs(iso).format('YYYY-MM-DD HH:mm');
}

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 1850 || y > 2200) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Dates as people type them in Chinese offices: 1945-03-15, 1945/3/15, 1945.3.15, 1945年3月15日,
 * 19450315, with full-width digits too. Returns YYYY-MM-DD, or null when it is not a whole date.
 */
export function parseDateText(raw: string): string | null {
  const text = raw
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[／－．]/g, (c) => ({ '／': '/', '－': '-', '．': '.' })[c] ?? c);
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  // ISO timestamps from other programs: take the date part.
  m = /^(\d{4})-(\d{2})-(\d{2})T[\d:.]+(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/**
 * Excel stores dates as days since 1899-12-30 (the 1900 leap-year bug included, which the
 * 1899-12-30 epoch absorbs for every date after February 1900).
 */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 61 || serial > 120000) return null;
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000;
  const d = new Date(ms);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Whole years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The birth dates of people whose age on `day` is from `minAge` to `maxAge` inclusive: [from, to]. */
export function birthRangeForAges(day: string, minAge: number, maxAge: number): [string, string] {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const shift = (years: number, plusDay: boolean) => {
    const date = new Date(Date.UTC(y - years, m - 1, d));
    if (plusDay) date.setUTCDate(date.getUTCDate() + 1);
    return date.toISOString().slice(0, 10);
  };
  // Born on or before day-minAge years is at least minAge; born after day-(maxAge+1) years is at most maxAge.
  return [shift(maxAge + 1, true), shift(minAge, false)];
}
