/**
 * Passwords at the door: checking one for a login, an unlock or a password change, counting wrong
 * ones and locking the account after too many, and recording a login.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import type { User } from '../../../shared/schemas/user';
import { AppError } from '../../../shared/errors';
import { writeAudit } from '../../db/audit';
import { verifyPassword } from '../../auth/password';
import { passwordStamp, type SlotOpened } from '../../db/keySlots';
import { toUser, type UserRow } from '../users/users';

/** After this many wrong passwords in a row the account is locked for LOCKOUT_MINUTES. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 5;

/**
 * Checks a password for a login or an unlock and keeps the failed-attempt count. Throws with
 * `keepWrites` so the count survives the failed call's transaction.
 *
 * `opened` is the key slot this call's password opened, when the database was closed: if it is
 * this user's and was made with their current password hash, the password is proven and scrypt
 * does not run a second time (a login stays within its time). Any other slot (one left from an old
 * password by a power cut before the slots were tidied, another user's) proves nothing, and the
 * hash is checked as with the database open. Lockout and a disabled account are checked either way.
 */
export function checkCredentials(db: Db, username: string, password: string, now: Date, opened?: SlotOpened): User {
  const at = now.toISOString();
  const row = cachedStatement(db, 'SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  // Unknown user and wrong password answer the same, so names cannot be guessed one by one.
  if (!row) throw new AppError('LOGIN_FAILED', 'Wrong user name or password.');
  if (row.locked_until && row.locked_until > at) {
    const minutes = Math.max(1, Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 60000));
    throw new AppError('ACCOUNT_LOCKED', `Too many wrong passwords; try again in ${minutes} minutes.`, { minutes });
  }
  const proven = opened !== undefined && opened.userId === row.id && opened.stamp === passwordStamp(row.password_hash);
  if (!proven && !verifyPassword(password, { hash: row.password_hash, salt: row.password_salt })) {
    const failed = row.failed_attempts + 1;
    const actor = { userId: row.id, username: row.username };
    if (failed >= MAX_FAILED_ATTEMPTS) {
      const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60000).toISOString();
      cachedStatement(db, 'UPDATE users SET failed_attempts = 0, locked_until = ? WHERE id = ?').run(until, row.id);
      writeAudit(db, actor, at, { entity: 'user', entityId: row.id, action: 'login_failed', changes: { lockedUntil: until } });
      throw new AppError(
        'ACCOUNT_LOCKED',
        `Too many wrong passwords; try again in ${LOCKOUT_MINUTES} minutes.`,
        { minutes: LOCKOUT_MINUTES },
        { keepWrites: true },
      );
    }
    cachedStatement(db, 'UPDATE users SET failed_attempts = ? WHERE id = ?').run(failed, row.id);
    writeAudit(db, actor, at, { entity: 'user', entityId: row.id, action: 'login_failed', changes: { attempt: failed } });
    throw new AppError('LOGIN_FAILED', 'Wrong user name or password.', { remaining: MAX_FAILED_ATTEMPTS - failed }, { keepWrites: true });
  }
  if (row.disabled === 1) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled; ask the administrator.');
  cachedStatement(db, 'UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(row.id);
  return toUser(row);
}

export function recordLogin(db: Db, user: User, at: string): void {
  cachedStatement(db, 'UPDATE users SET last_login_at = ? WHERE id = ?').run(at, user.id);
  writeAudit(db, { userId: user.id, username: user.username }, at, { entity: 'user', entityId: user.id, action: 'login' });
}
