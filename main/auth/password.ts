import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** scrypt's cost parameters; a stored hash names its own, so it verifies whatever the current cost. */
export interface PasswordCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * scrypt cost: N=2^15, r=8, p=1 (32 MiB, some tens of milliseconds): slow for guessing, fine for a
 * login. Synchronous on purpose: password checks run inside the write transaction of the login that
 * also counts failed attempts, and better-sqlite3 transactions are synchronous. Every entry point of
 * the app uses it; only tests open an app with a lower cost, to keep their many logins quick.
 */
export const PASSWORD_COST: PasswordCost = { N: 32768, r: 8, p: 1 };
const MAX_MEMORY = 64 * 1024 * 1024;
const KEY_LENGTH = 64;

export interface PasswordHash {
  /** "scrypt$N$r$p$<hex>" so the cost can be raised later without breaking stored hashes. */
  hash: string;
  salt: string;
}

export function hashPassword(password: string, cost: PasswordCost): PasswordHash {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, { ...cost, maxmem: MAX_MEMORY });
  return { hash: `scrypt$${cost.N}$${cost.r}$${cost.p}$${key.toString('hex')}`, salt: salt.toString('hex') };
}

export function verifyPassword(password: string, stored: PasswordHash): boolean {
  const [scheme, n, r, p, hex] = stored.hash.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !hex) return false;
  const expected = Buffer.from(hex, 'hex');
  const key = scryptSync(password.normalize('NFC'), Buffer.from(stored.salt, 'hex'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAX_MEMORY,
  });
  return timingSafeEqual(key, expected);
}
