import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * scrypt cost: N=2^15, r=8, p=1 (32 MiB, some tens of milliseconds): slow for guessing, fine for a
 * login. Synchronous on purpose: password checks run inside the write transaction of the login that
 * also counts failed attempts, and better-sqlite3 transactions are synchronous.
 */
const PARAMS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 64;

export interface PasswordHash {
  /** "scrypt$N$r$p$<hex>" so the cost can be raised later without breaking stored hashes. */
  hash: string;
  salt: string;
}

export function hashPassword(password: string): PasswordHash {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, PARAMS);
  return { hash: `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${key.toString('hex')}`, salt: salt.toString('hex') };
}

export function verifyPassword(password: string, stored: PasswordHash): boolean {
  const [scheme, n, r, p, hex] = stored.hash.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !hex) return false;
  const expected = Buffer.from(hex, 'hex');
  const key = scryptSync(password.normalize('NFC'), Buffer.from(stored.salt, 'hex'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return timingSafeEqual(key, expected);
}
