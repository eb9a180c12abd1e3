/**
 * A client's session over the accounts: logging in and out, unlocking the idle lock, changing one's
 * own password. The session (main/auth/session.ts) is the transport's; these decide what happens to it.
 */
import type { Db } from '../../db/connection';
import type { Session, SessionRegistry } from '../../auth/session';
import type { SessionInfo, User } from '../../../shared/schemas/user';
import type { PasswordCost } from '../../auth/password';
import type { SlotOpened } from '../../db/keySlots';
import { AppError } from '../../../shared/errors';
import { writeAudit } from '../../db/audit';
import { getSettings } from '../settings/settings';
import { ensurePasswordSlot, getUser, setPassword } from '../users/users';
import { checkCredentials, recordLogin } from './credentials';

export function sessionInfo(db: Db, session: Session): SessionInfo {
  return {
    user: session.userId ? getUser(db, session.userId) : null,
    locked: session.locked,
    idleLockMinutes: getSettings(db).idleLockMinutes,
  };
}

/**
 * Logs a user whose password was checked (or who was just created by setup) in on the session,
 * under a new session id: an id known before the login must not become a logged-in one.
 */
export function startSession(db: Db, sessions: Pick<SessionRegistry, 'renewId'>, session: Session, user: User, now: Date): SessionInfo {
  recordLogin(db, user, now.toISOString());
  session.login(user.id, user.username, now.getTime());
  sessions.renewId(session);
  return sessionInfo(db, session);
}

export function login(
  db: Db,
  sessions: Pick<SessionRegistry, 'renewId'>,
  session: Session,
  username: string,
  password: string,
  now: Date,
  opened?: SlotOpened,
): SessionInfo {
  const user = checkCredentials(db, username, password, now, opened);
  ensurePasswordSlot(db, user.id, password);
  return startSession(db, sessions, session, user, now);
}

export function logout(db: Db, session: Session, user: User, now: Date): void {
  writeAudit(db, { userId: user.id, username: user.username }, now.toISOString(), { entity: 'user', entityId: user.id, action: 'logout' });
  session.logout();
}

/** Lifts the idle lock with the password of the user already logged in; an unlock is not a new login. */
export function unlock(db: Db, session: Session, user: User, password: string, now: Date, opened?: SlotOpened): SessionInfo {
  try {
    checkCredentials(db, user.username, password, now, opened);
  } catch (err) {
    // Locked out while unlocking: the session ends, so the next person must log in afresh.
    if (err instanceof AppError && err.code === 'ACCOUNT_LOCKED') session.logout();
    throw err;
  }
  session.login(user.id, user.username, now.getTime());
  return sessionInfo(db, session);
}

/**
 * A user whose password an administrator chose (a new account, a reset) may do nothing but change it
 * (or log out) until they have: the administrator, and whoever saw the note it came on, knows it.
 * Checked by dispatch for every call, so a client that skips the change screen gains nothing.
 */
export function requireOwnPassword(user: User, allowedBeforeChange: boolean): void {
  if (user.mustChangePassword && !allowedBeforeChange) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Change the password the administrator gave you before going on.');
  }
}

/**
 * A user changes their own password, proving the current one. A wrong current password answers
 * WRONG_PASSWORD (not LOGIN_FAILED: the person is logged in) and still counts towards the lockout.
 * Every other session of the user ends: someone who learnt the old password is logged out with it.
 */
export function changePassword(
  db: Db,
  sessions: Pick<SessionRegistry, 'logoutUser'>,
  session: Session,
  user: User,
  currentPassword: string,
  newPassword: string,
  now: Date,
  cost: PasswordCost,
): void {
  try {
    checkCredentials(db, user.username, currentPassword, now);
  } catch (err) {
    if (err instanceof AppError && err.code === 'LOGIN_FAILED') {
      throw new AppError('WRONG_PASSWORD', 'The current password is wrong.', err.details, { keepWrites: true });
    }
    throw err;
  }
  setPassword(db, { userId: user.id, username: user.username }, user.id, newPassword, now.toISOString(), 'changed', cost);
  sessions.logoutUser(user.id, 'passwordChanged', { except: session });
}
