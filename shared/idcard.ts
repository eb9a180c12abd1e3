/**
 * 居民身份证号 (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence (odd for men,
 * even for women), and a check character from ISO 7064 MOD 11-2. Legacy 15-digit numbers (before
 * 1999) have a 2-digit year and no check character; they convert to 18 digits.
 */
import { DAY_MS, daysFromCivil, isCalendarDate } from './calendar';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CODES = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

export type IdCardProblem =
  | 'empty'
  | 'chars'
  | 'length'
  | 'checksum'
  | 'birthDate'
  | 'scientific';

export type Gender = 'male' | 'female';

export type IdCardResult =
  | { ok: true; value: string; birthDate: string; gender: Gender; converted: boolean }
  | { ok: false; problem: IdCardProblem };

/** Full-width digits and letters (０-９, Ｘ) to ASCII, spaces and dashes removed, x to X. */
export function normaliseIdNumber(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000-]/g, '')
    .toUpperCase();
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CODES[sum % 11] as string;
}

/** 15 → 18 digits: the year gets "19" and the check character is computed. */
export function convert15To18(id15: string): string {
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + checkCharacter(first17);
}

export function parseIdNumber(raw: string, today: Date = new Date()): IdCardResult {
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  // Excel shows long numbers as 1.10105E+17: the last digits are already lost.
  if (/^\d(\.\d+)?E\+\d+$/i.test(trimmed)) return { ok: false, problem: 'scientific' };
  const id = normaliseIdNumber(trimmed);
  let value: string;
  let converted = false;
  if (/^\d{15}$/.test(id)) {
    value = convert15To18(id);
    converted = true;
  } else if (/^\d{17}[\dX]$/.test(id)) {
    value = id;
  } else if (/^[\dX]+$/.test(id)) {
    return { ok: false, problem: 'length' };
  } else {
    return { ok: false, problem: 'chars' };
  }
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  if (!isCalendarDate(y, m, d) || y < 1890 || daysFromCivil(y, m, d) * DAY_MS > today.getTime()) return { ok: false, problem: 'birthDate' };
  if (!converted && checkCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'checksum' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const gender: Gender = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, birthDate, gender, converted };
}
