import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/connection';
import type { Role } from '../../../shared/roles';
import { userPrefsSchema, type User, type UserPrefs } from '../../../shared/schemas/user';
import { AppError } from '../../../shared/errors';
import { writeAudit, diffFields, type Actor } from '../../db/audit';
import { hashPassword, verifyPassword } from '../../auth/password';

/** After this many wrong passwords in a row the account is locked for LOCKOUT_MINUTES. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 5;

interface UserRow {
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
}

function toUser(row: UserRow): User {
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
  };
}

function getRow(db: Db, id: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function getUser(db: Db, id: string): User | null {
  const row = getRow(db, id);
  return row ? toUser(row) : null;
}

export function listUsers(db: Db): User[] {
  return (db.prepare('SELECT * FROM users ORDER BY disabled, role, username').all() as UserRow[]).map(toUser);
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  phone: string | null;
}

export function createUserRow(db: Db, actor: Actor, input: NewUser, at: string): string {
  const existing = db.prepare('SELECT id FROM users WHERE username = ?').get(input.username) as { id: string } | undefined;
  if (existing) throw new AppError('USERNAME_TAKEN', `The user name ${input.username} is taken.`, { username: input.username });
  const id = uuidv7();
  const { hash, salt } = hashPassword(input.password);
  db.prepare(
    `INSERT INTO users (id, username, display_name, role, phone, password_hash, password_salt, prefs, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)`,
  ).run(id, input.username, input.displayName, input.role, input.phone, hash, salt, at, at);
  writeAudit(db, actor, at, {
    entity: 'user',
    entityId: id,
    action: 'create',
    changes: { username: input.username, displayName: input.displayName, role: input.role, phone: input.phone },
  });
  return id;
}

function enabledAdminCount(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as { n: number }).n;
}

export interface UserPatch {
  displayName?: string | undefined;
  role?: Role | undefined;
  disabled?: boolean | undefined;
  phone?: string | null | undefined;
}

export function updateUser(db: Db, actor: Actor, id: string, patch: UserPatch, at: string): User {
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
  if (Object.keys(changes).length === 0) return before;
  db.prepare(
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
  return getUser(db, id) as User;
}

export function setPassword(db: Db, actor: Actor, id: string, password: string, at: string, reason: 'reset' | 'changed'): void {
  if (!getRow(db, id)) throw new AppError('NOT_FOUND', `User ${id} not found.`, { entity: 'user', id });
  const { hash, salt } = hashPassword(password);
  // A reset also lifts a lockout: the admin has just verified who the person is.
  db.prepare(
    'UPDATE users SET password_hash = ?, password_salt = ?, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?',
  ).run(hash, salt, at, id);
  writeAudit(db, actor, at, { entity: 'user', entityId: id, action: 'update', changes: { password: reason } });
}

export function updatePrefs(db: Db, actor: Actor, id: string, patch: Partial<UserPrefs>, at: string): User {
  const row = getRow(db, id);
  if (!row) throw new AppError('NOT_FOUND', `User ${id} not found.`, { entity: 'user', id });
  const before = userPrefsSchema.parse(JSON.parse(row.prefs));
  const after = { ...before, ...patch };
  const changes = diffFields(before, patch);
  if (Object.keys(changes).length > 0) {
    db.prepare('UPDATE users SET prefs = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(after), at, id);
    writeAudit(db, actor, at, { entity: 'user', entityId: id, action: 'update', changes });
  }
  return getUser(db, id) as User;
}

/**
 * Checks a password for a login or an unlock and keeps the failed-attempt count. Throws with
 * `keepWrites` so the count survives the failed call's transaction.
 */
export function checkCredentials(db: Db, username: string, password: string, now: Date): User {
  const at = now.toISOString();
  const row = db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  // Unknown user and wrong password answer the same, so names cannot be guessed one by one.
  if (!row) throw new AppError('LOGIN_FAILED', 'Wrong user name or password.');
  if (row.locked_until && row.locked_until > at) {
    const minutes = Math.max(1, Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 60000));
    throw new AppError('ACCOUNT_LOCKED', `Too many wrong passwords; try again in ${minutes} minutes.`, { minutes });
  }
  if (!verifyPassword(password, { hash: row.password_hash, salt: row.password_salt })) {
    const failed = row.failed_attempts + 1;
    const actor = { userId: row.id, username: row.username };
    if (failed >= MAX_FAILED_ATTEMPTS) {
      const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60000).toISOString();
      db.prepare('UPDATE users SET failed_attempts = 0, locked_until = ? WHERE id = ?').run(until, row.id);
      writeAudit(db, actor, at, { entity: 'user', entityId: row.id, action: 'login_failed', changes: { lockedUntil: until } });
      throw new AppError(
        'ACCOUNT_LOCKED',
        `Too many wrong passwords; try again in ${LOCKOUT_MINUTES} minutes.`,
        { minutes: LOCKOUT_MINUTES },
        { keepWrites: true },
      );
    }
    db.prepare('UPDATE users SET failed_attempts = ? WHERE id = ?').run(failed, row.id);
    writeAudit(db, actor, at, { entity: 'user', entityId: row.id, action: 'login_failed', changes: { attempt: failed } });
    throw new AppError('LOGIN_FAILED', 'Wrong user name or password.', { remaining: MAX_FAILED_ATTEMPTS - failed }, { keepWrites: true });
  }
  if (row.disabled === 1) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled; ask the administrator.');
  db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(row.id);
  return toUser(row);
}

export function recordLogin(db: Db, user: User, at: string): void {
  db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(at, user.id);
  writeAudit(db, { userId: user.id, username: user.username }, at, { entity: 'user', entityId: user.id, action: 'login' });
}

export function usernameOf(db: Db, id: string): string {
  const row = getRow(db, id);
  if (!row) throw new AppError('NOT_FOUND', `User ${id} not found.`, { entity: 'user', id });
  return row.username;
}
