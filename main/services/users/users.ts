import { hasSlot, putSlot } from '../../db/keySlots';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import type { Role } from '../../../shared/roles';
import { userPrefsSchema, type User, type UserPrefs } from '../../../shared/schemas/user';
import { AppError } from '../../../shared/errors';
import { writeAudit, diffFields, type Actor } from '../../db/audit';
import { hashPassword, type PasswordCost } from '../../auth/password';
import type { Session, SessionRegistry } from '../../auth/session';

/** A row of the users table; its password fields never leave main/services. */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  phone: string | null;
  password_hash: string;
  password_salt: string;
  disabled: 0 | 1;
  failed_attempts: number;
  locked_until: string | null;
  prefs: string;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  must_change_password: 0 | 1;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled === 1,
    phone: row.phone,
    prefs: userPrefsSchema.parse(JSON.parse(row.prefs)),
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
    mustChangePassword: row.must_change_password === 1,
  };
}

function getRow(db: Db, id: string): UserRow | undefined {
  return cachedStatement(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function getUser(db: Db, id: string): User | null {
  const row = getRow(db, id);
  return row ? toUser(row) : null;
}

export function listUsers(db: Db): User[] {
  return (cachedStatement(db, 'SELECT * FROM users ORDER BY disabled, role, username').all() as UserRow[]).map(toUser);
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  phone: string | null;
}

/**
 * Writes an account. `mustChangePassword` when someone else chose the password (an administrator):
 * the user must change it before anything else at their first login.
 */
export function createUserRow(db: Db, actor: Actor, input: NewUser, at: string, cost: PasswordCost, mustChangePassword = false): string {
  const existing = cachedStatement(db, 'SELECT id FROM users WHERE username = ?').get(input.username) as { id: string } | undefined;
  if (existing) throw new AppError('USERNAME_TAKEN', `The user name ${input.username} is taken.`, { username: input.username });
  const id = uuidv7();
  const { hash, salt } = hashPassword(input.password, cost);
  cachedStatement(
    db,
    `INSERT INTO users (id, username, display_name, role, phone, password_hash, password_salt, prefs, created_at, updated_at, must_change_password)
     VALUES (?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?)`,
  ).run(id, input.username, input.displayName, input.role, input.phone, hash, salt, at, at, mustChangePassword ? 1 : 0);
  // Their password opens the database too, from this commit on.
  putSlot(db, { id, username: input.username, passwordHash: hash }, input.password);
  writeAudit(db, actor, at, {
    entity: 'user',
    entityId: id,
    action: 'create',
    changes: { username: input.username, displayName: input.displayName, role: input.role, phone: input.phone },
  });
  return id;
}

/** A new account made by an administrator, as the user it became: its password is to be changed at the first login. */
export function createUser(db: Db, actor: Actor, input: NewUser, at: string, cost: PasswordCost): User {
  const id = createUserRow(db, actor, input, at, cost, true);
  const user = getUser(db, id);
  if (!user) throw new AppError('INTERNAL', 'The user was not created.');
  return user;
}

function enabledAdminCount(db: Db): number {
  return (cachedStatement(db, "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as { n: number }).n;
}

export interface UserPatch {
  displayName?: string | undefined;
  role?: Role | undefined;
  disabled?: boolean | undefined;
  phone?: string | null | undefined;
}

/**
 * Changes an account. A disabled account, or one whose role changed, is logged out of every session
 * at once (the one the change was made from too), not at its next call: what the person may do
 * changed under them, and their screens show what they could do before.
 */
export function updateUser(db: Db, sessions: Pick<SessionRegistry, 'logoutUser'>, actor: Actor, id: string, patch: UserPatch, at: string): User {
  const { before, after } = saveUser(db, actor, id, patch, at);
  if (after.disabled) sessions.logoutUser(after.id, 'accountDisabled');
  else if (after.role !== before.role) sessions.logoutUser(after.id, 'roleChanged');
  return after;
}

function saveUser(db: Db, actor: Actor, id: string, patch: UserPatch, at: string): { before: User; after: User } {
  const row = getRow(db, id);
  if (!row) throw new AppError('NOT_FOUND', `User ${id} not found.`, { entity: 'user', id });
  const before = toUser(row);
  const losesAdmin =
    before.role === 'admin' && !before.disabled && ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
  // An office without an enabled admin could never manage its users again.
  if (losesAdmin && enabledAdminCount(db) <= 1) {
    throw new AppError('LAST_ADMIN', 'This is the last administrator; make another user an administrator first.');
  }
  const changes = diffFields(before as unknown as Record<string, unknown>, { ...patch });
  if (Object.keys(changes).length === 0) return { before, after: before };
  cachedStatement(
    db,
    `UPDATE users SET display_name = ?, role = ?, disabled = ?, phone = ?, updated_at = ? WHERE id = ?`,
  ).run(
    patch.displayName ?? before.displayName,
    patch.role ?? before.role,
    (patch.disabled ?? before.disabled) ? 1 : 0,
    patch.phone === undefined ? before.phone : patch.phone,
    at,
    id,
  );
  writeAudit(db, actor, at, { entity: 'user', entityId: id, action: 'update', changes });
  return { before, after: getUser(db, id) as User };
}

/**
 * An administrator sets a new password for someone: every session of that user ends, since whoever
 * held one may be the reason for the reset. An administrator resetting their own password keeps
 * the session they did it from, as when changing it.
 */
export function resetPassword(
  db: Db,
  sessions: Pick<SessionRegistry, 'logoutUser'>,
  actor: Actor,
  from: Session,
  id: string,
  password: string,
  at: string,
  cost: PasswordCost,
): void {
  setPassword(db, actor, id, password, at, 'reset', cost);
  sessions.logoutUser(id, 'passwordReset', { except: from });
}

export function setPassword(db: Db, actor: Actor, id: string, password: string, at: string, reason: 'reset' | 'changed', cost: PasswordCost): void {
  const row = getRow(db, id);
  if (!row) throw new AppError('NOT_FOUND', `User ${id} not found.`, { entity: 'user', id });
  const { hash, salt } = hashPassword(password, cost);
  // A reset also lifts a lockout: the admin has just verified who the person is. A password the admin
  // chose for someone else is known to them, so it must be changed at the next login; the user's own
  // choice (a change, or an admin resetting their own) clears that.
  cachedStatement(
    db,
    'UPDATE users SET password_hash = ?, password_salt = ?, failed_attempts = 0, locked_until = NULL, must_change_password = ?, updated_at = ? WHERE id = ?',
  ).run(hash, salt, reason === 'reset' && actor.userId !== id ? 1 : 0, at, id);
  // The old password's slot goes once this commits (dispatch reconciles the slots after every write).
  putSlot(db, { id, username: row.username, passwordHash: hash }, password);
  writeAudit(db, actor, at, { entity: 'user', entityId: id, action: 'update', changes: { password: reason } });
}

/**
 * Gives a user who has no key slot (the database was upgraded, or their slot was lost) one for the
 * password they have just proven: they can then log in while the database is closed.
 */
export function ensurePasswordSlot(db: Db, id: string, password: string): void {
  if (hasSlot(db, id)) return;
  const row = getRow(db, id);
  if (row) putSlot(db, { id, username: row.username, passwordHash: row.password_hash }, password);
}

export function updatePrefs(db: Db, actor: Actor, id: string, patch: Partial<UserPrefs>, at: string): User {
  const row = getRow(db, id);
  if (!row) throw new AppError('NOT_FOUND', `User ${id} not found.`, { entity: 'user', id });
  const before = userPrefsSchema.parse(JSON.parse(row.prefs));
  const after = { ...before, ...patch };
  const changes = diffFields(before, patch);
  if (Object.keys(changes).length > 0) {
    cachedStatement(db, 'UPDATE users SET prefs = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(after), at, id);
    writeAudit(db, actor, at, { entity: 'user', entityId: id, action: 'update', changes });
  }
  return getUser(db, id) as User;
}

export function usernameOf(db: Db, id: string): string {
  const row = getRow(db, id);
  if (!row) throw new AppError('NOT_FOUND', `User ${id} not found.`, { entity: 'user', id });
  return row.username;
}
