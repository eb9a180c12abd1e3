/**
 * The codes printed on a visit list, read back by a USB barcode scanner into 录入走访结果.
 *
 * Payload (QR, alphanumeric mode, so a version-2 symbol of 25 × 25 modules holds it at level M):
 *
 *   CC1:<area code>:<list number>          the page code, in the head of every page
 *   CC1:<area code>:<list number>:<row>    the row code, in the row's 序号 cell
 *
 *   e.g. CC1:140105001001:2026-11-0007:12
 *
 * - `CC1`: the app (CadreCare) and the payload's version; a later layout takes CC2 and this one keeps
 *   being read.
 * - area code: the office's 统计用区划代码 (12 digits, unique per community), so a list of another
 *   office is recognised as such and not taken for this office's list of the same number.
 * - list number as printed (year-month-sequence), row as printed (1…n, no leading zeros).
 *
 * A scanner types the payload like a keyboard and ends with Enter. What it types is read leniently:
 * full-width characters (a Chinese input method's ：and －), lower case (Caps Lock inverts a scanner's
 * letters) and surrounding spaces are accepted.
 */
import { asciiDigits } from './digits';

export const LIST_CODE_PREFIX = 'CC';
export const LIST_CODE_VERSION = 1;

export interface ListCode {
  version: number;
  areaCode: string;
  listNo: string;
  /** The row on the paper; null for a page code. */
  row: number | null;
}

/** The page code of a list. */
export function pageCodeText(areaCode: string, listNo: string): string {
  return `${LIST_CODE_PREFIX}${LIST_CODE_VERSION}:${areaCode}:${listNo}`;
}

/** The code of one row of a list. */
export function rowCodeText(areaCode: string, listNo: string, row: number): string {
  return `${pageCodeText(areaCode, listNo)}:${row}`;
}

/** Full-width letters, digits and punctuation (U+FF01…U+FF5E) as ASCII; then the dashes and spaces digitText knows. */
function normalise(text: string): string {
  return asciiDigits(text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .trim()
    .toUpperCase();
}

/** Text that starts like one of our codes (any version): worth answering "not readable" rather than "not a list number". */
export function looksLikeListCode(text: string): boolean {
  return /^CC\d+:/.test(normalise(text));
}

export type ParsedListCode = { ok: true; code: ListCode } | { ok: false; reason: 'not_a_code' | 'unknown_version' | 'malformed' };

/** Reads what a scanner typed. Only the layout of the payload is checked here; main checks office, list and row. */
export function parseListCode(text: string): ParsedListCode {
  const t = normalise(text);
  const head = /^CC(\d+):/.exec(t);
  if (!head) return { ok: false, reason: 'not_a_code' };
  if (Number(head[1]) !== LIST_CODE_VERSION) return { ok: false, reason: 'unknown_version' };
  const m = /^CC1:(\d{12}):(\d{4}-\d{2}-\d{4})(?::([1-9]\d{0,4}))?$/.exec(t);
  if (!m) return { ok: false, reason: 'malformed' };
  return { ok: true, code: { version: 1, areaCode: m[1] as string, listNo: m[2] as string, row: m[3] === undefined ? null : Number(m[3]) } };
}
