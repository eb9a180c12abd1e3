/**
 * The recovery key (恢复密钥): the office's database key itself, printed on the recovery sheet at
 * setup and for an administrator who gives their password again. When every password is forgotten
 * it opens the database, and its holder must set a new password for an administrator (or name a new
 * one when none is enabled) before anything else: only then are they logged in, as that
 * administrator, and the audit log says the recovery key was used and whose password was set.
 *
 * A wrong recovery key is not counted towards any lockout: it is tried against no account (counting
 * it against the administrators would let anyone lock them out by typing nonsense), the key has 256
 * random bits so guessing gets nowhere, and a typo is caught by the sheet's check group before the
 * key is tried at all.
 */
import fs from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connection';
import type { Session, SessionRegistry } from '../../auth/session';
import type { PasswordCost } from '../../auth/password';
import type { SessionInfo, User } from '../../../shared/schemas/user';
import type { RecoveryAdmin, RecoverySheet } from '../../../shared/schemas/recovery';
import { AppError } from '../../../shared/errors';
import { formatRecoveryKeyText } from '../../../shared/recoveryKey';
import { cachedStatement } from '../../db/statements';
import { writeAudit, type Actor } from '../../db/audit';
import { openKeyed } from '../../db/connection';
import { parseRecoveryKey, type DatabaseKey } from '../../db/cipher';
import { keyMatches, readSlotFile, slotsPath } from '../../db/keySlots';
import { getOffice } from '../app/office';
import { createUserRow, getUser, setPassword } from '../users/users';
import { checkCredentials } from './credentials';
import { startSession } from './auth';

function wrongKey(): AppError {
  return new AppError('RECOVERY_KEY_WRONG', 'This recovery key does not open this office\'s database (a sheet of another office, or an old one).');
}

/**
 * The database key from a typed recovery key, proven against this data folder before anything is
 * opened: by the key file's check when it is there, else by opening the database with it. A key file
 * that is damaged is moved aside once the key is proven (it is rebuilt from the database when the
 * new password is set): that is what the message about a damaged key file tells people to do.
 */
export function keyFromRecoveryText(app: Pick<AppContext, 'dataDir' | 'dbPath'>, text: string): DatabaseKey {
  const key = parseRecoveryKey(text);
  const file = slotsPath(app.dataDir);
  let damaged = false;
  try {
    if (!keyMatches(readSlotFile(file), key)) throw wrongKey();
    return key;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === 'KEY_SLOTS_DAMAGED') damaged = true;
    else if (err.code !== 'KEY_SLOTS_MISSING') throw err;
  }
  if (!fs.existsSync(app.dbPath)) throw wrongKey();
  try {
    openKeyed(app.dbPath, key, { readonly: true, fileMustExist: true }).close();
  } catch (err) {
    if (err instanceof AppError && err.code === 'DB_KEY_WRONG') throw wrongKey();
    throw err;
  }
  if (damaged) fs.renameSync(file, `${file}.damaged-${Date.now()}`);
  return key;
}

/** The key of the open database matches the one typed (a call that came while someone else had it open). */
export function proveRecoveryKey(openKey: DatabaseKey | null, text: string): void {
  const key = parseRecoveryKey(text);
  if (openKey === null || openKey.length !== key.length || !timingSafeEqual(openKey, key)) throw wrongKey();
}

interface AdminRow {
  id: string;
  username: string;
  display_name: string;
}

/** The enabled administrators, who a recovery key can give a new password. */
export function recoveryAdmins(db: Db): RecoveryAdmin[] {
  const rows = cachedStatement(db, "SELECT id, username, display_name FROM users WHERE role = 'admin' AND disabled = 0 ORDER BY username").all() as AdminRow[];
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
}

/** A proven recovery key's answer: the administrators it can give a new password. */
export function checkRecoveryKey(db: Db, openKey: DatabaseKey | null, text: string): { admins: RecoveryAdmin[] } {
  proveRecoveryKey(openKey, text);
  return { admins: recoveryAdmins(db) };
}

export type RecoveryTarget = { userId: string } | { username: string; displayName: string };

/** Who did it in the audit log: whoever held the recovery key, not yet anyone of the users table. */
const RECOVERY_ACTOR: Actor = { userId: null, username: 'recovery-key' };

/**
 * Sets the new password of the chosen administrator (or creates the administrator named, when none
 * is enabled), records that the recovery key was used, and logs that administrator in on this
 * session. Their other sessions end: whoever had the old password is out with it.
 */
export function recoveryLogin(
  db: Db,
  sessions: Pick<SessionRegistry, 'renewId' | 'logoutUser'>,
  session: Session,
  recovery: { openKey: DatabaseKey | null; text: string },
  target: RecoveryTarget,
  newPassword: string,
  now: Date,
  cost: PasswordCost,
): SessionInfo {
  proveRecoveryKey(recovery.openKey, recovery.text);
  const at = now.toISOString();
  const admins = recoveryAdmins(db);
  let user: User | null;
  let created = false;
  if ('userId' in target) {
    if (!admins.some((a) => a.id === target.userId)) {
      throw new AppError('RECOVERY_NOT_AN_ADMIN', 'Only an enabled administrator can be given a new password with the recovery key.', { userId: target.userId });
    }
    setPassword(db, RECOVERY_ACTOR, target.userId, newPassword, at, 'changed', cost);
    user = getUser(db, target.userId);
  } else {
    if (admins.length > 0) {
      throw new AppError('RECOVERY_ADMIN_EXISTS', 'There is an enabled administrator: choose one of them instead of naming a new one.');
    }
    const id = createUserRow(db, RECOVERY_ACTOR, { username: target.username, displayName: target.displayName, role: 'admin', phone: null, password: newPassword }, at, cost);
    created = true;
    user = getUser(db, id);
  }
  if (!user) throw new AppError('INTERNAL', 'The administrator was not found after setting the password.');
  writeAudit(db, RECOVERY_ACTOR, at, {
    entity: 'user',
    entityId: user.id,
    action: 'recovery_login',
    changes: { passwordSetFor: user.username, displayName: user.displayName, newAdministrator: created },
  });
  sessions.logoutUser(user.id, 'passwordReset', { except: session });
  return startSession(db, sessions, session, user, now);
}

/**
 * The recovery sheet for an administrator who has just given their password again (a wrong one
 * counts towards the lockout as at login, and is answered WRONG_PASSWORD: they are logged in).
 */
export function recoverySheet(db: Db, key: DatabaseKey | null, user: User, password: string, now: Date): RecoverySheet {
  try {
    checkCredentials(db, user.username, password, now);
  } catch (err) {
    if (err instanceof AppError && err.code === 'LOGIN_FAILED') {
      throw new AppError('WRONG_PASSWORD', 'The password is wrong.', err.details, { keepWrites: true });
    }
    throw err;
  }
  if (key === null) throw new AppError('RECOVERY_KEY_UNAVAILABLE', 'The database is not encrypted yet, so it has no recovery key; log in again to encrypt it.');
  const office = getOffice(db);
  if (!office) throw new AppError('SETUP_REQUIRED', 'The office has not been set up yet.');
  const at = now.toISOString();
  writeAudit(db, { userId: user.id, username: user.username }, at, { entity: 'office', entityId: office.id, action: 'recovery_sheet' });
  return { officeName: office.name, areaCode: office.areaCode, recoveryKey: formatRecoveryKeyText(key.toString('hex')), issuedAt: at };
}
