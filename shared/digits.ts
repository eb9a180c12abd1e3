/**
 * Numbers typed with a Chinese input method come as full-width characters (１３９, －, ．, （）) and
 * look the same as ASCII on screen. Every schema of a typed number (phones, area codes, list numbers,
 * months) and every amount of money reads them through here first, so the form, the roster import
 * and the command line accept the same text and store the ASCII.
 */
import { z } from 'zod';

const FULL_WIDTH = /[\uFF10-\uFF19\uFF08\uFF09\uFF0B\uFF0D\uFF0E\uFF0F]/g;

/** Full-width digits, ＋ － ． ／ and （ ）, the ideographic space and the dashes a phone number may be typed with, as ASCII. */
export function asciiDigits(text: string): string {
  return text
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[\u2010-\u2013\u2212]/g, '-');
}

/** A string schema whose checks see (and whose output is) the text with ASCII digits. */
export function digitText() {
  return z.string().overwrite(asciiDigits);
}
