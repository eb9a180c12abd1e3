/**
 * The recovery key as printed on the recovery sheet (恢复密钥单) and typed back in.
 *
 * The key itself is the office's database key (32 random bytes), so it also opens a copy of the
 * database in Debian's `sqlcipher` tool. It is written as 64 hex digits in 16 groups of 4, upper case,
 * then a 17th group of 4 hex digits that is a check of the 16 before it:
 *
 *   3F9A-0C7E-…-91D2   +   -B4E1
 *   └── 16 groups: the key ──┘   └ check
 *
 * - Groups of 4 are easy to read aloud on the phone and to type; hex has no O, I or L, so a typed
 *   O is taken for 0 and I or L for 1.
 * - The check is CRC-16/CCITT of the 32 key bytes. It catches every single mistyped character and every
 *   two neighbouring characters typed the wrong way round (a CRC-16 finds every error within 16
 *   bits), and any other typo but once in 65 536, before the key is even tried.
 * - Spaces, dashes (also the full-width ones of a Chinese input method) and case do not matter.
 * - Only the 16 key groups are accepted too (64 digits without the check): that is what `sqlcipher`
 *   and the CLI's `--recovery-key-file` written by `init` take.
 *
 * Pure code, used by the renderer (to say at once what is wrong with what was typed) and by main.
 */

export const RECOVERY_KEY_GROUPS = 16;
const KEY_DIGITS = RECOVERY_KEY_GROUPS * 4;
const CHECK_DIGITS = 4;

export type ParsedRecoveryKey =
  | { ok: true; hex: string; withCheck: boolean }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'badChar'; char: string }
  | { ok: false; reason: 'length'; count: number }
  | { ok: false; reason: 'typo' };

function hexToBytes(hex: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hex.length; i += 2) out.push(parseInt(hex.slice(i, i + 2), 16));
  return out;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, initial 0xFFFF) of the key bytes, as 4 upper-case hex digits. */
export function recoveryCheck(keyHex: string): string {
  let crc = 0xffff;
  for (const byte of hexToBytes(keyHex)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(CHECK_DIGITS, '0');
}

/** The 17 groups as printed: 16 of the key, then the check. */
export function recoveryKeyGroups(keyHex: string): string[] {
  const hex = keyHex.toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) throw new Error('a recovery key is 64 hex digits');
  return [...(hex.match(/.{4}/g) ?? []), recoveryCheck(hex)];
}

/** The key as one line (what the QR code holds and a scanner types): groups joined by dashes. */
export function formatRecoveryKeyText(keyHex: string): string {
  return recoveryKeyGroups(keyHex).join('-');
}

/** What was typed or scanned, leniently: full-width forms, spaces, dashes, case; O for 0, I and L for 1. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .replace(/[\s\-_\u2010-\u2015\u2212\u30FC]/g, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export function parseRecoveryKeyText(text: string): ParsedRecoveryKey {
  const t = normalise(text);
  if (t === '') return { ok: false, reason: 'empty' };
  const bad = t.match(/[^0-9A-F]/);
  if (bad) return { ok: false, reason: 'badChar', char: bad[0] };
  if (t.length === KEY_DIGITS) return { ok: true, hex: t.toLowerCase(), withCheck: false };
  if (t.length !== KEY_DIGITS + CHECK_DIGITS) return { ok: false, reason: 'length', count: t.length };
  const key = t.slice(0, KEY_DIGITS);
  if (recoveryCheck(key) !== t.slice(KEY_DIGITS)) return { ok: false, reason: 'typo' };
  return { ok: true, hex: key.toLowerCase(), withCheck: true };
}
