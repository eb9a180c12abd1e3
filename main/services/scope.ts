/**
 * Which persons a user may see. Staff, admins and viewers see every person. A grid worker sees only
 * the persons assigned to them (primary or backup, current), from the first day: an account made
 * before the office has assigned anyone sees no one, rather than every archive and health record in
 * the community. Every read that returns person data applies this one condition, and a person out of
 * scope answers NOT_FOUND, so a grid worker cannot even learn that someone exists.
 */
import type { Db } from '../db/connection';
import { cachedStatement } from '../db/statements';
import type { User } from '../../shared/schemas/user';
import { AppError } from '../../shared/errors';

export interface PersonScope {
  /** The user whose persons are visible; null: every person. */
  userId: string | null;
}

export const ALL_PERSONS: PersonScope = { userId: null };

export function scopeOf(_db: Db, user: Pick<User, 'id' | 'role'> | null): PersonScope {
  if (user === null || user.role !== 'gridworker') return ALL_PERSONS;
  return { userId: user.id };
}

export interface ScopeCondition {
  sql: string;
  params: Record<string, string>;
}

/** A SQL condition on the person id column (`p.id` by default) with its parameters. */
export function scopeCondition(scope: PersonScope, column = 'p.id'): ScopeCondition {
  if (scope.userId === null) return { sql: '1 = 1', params: {} };
  return {
    sql: `${column} IN (SELECT person_id FROM contact_assignments WHERE user_id = @scopeUserId AND to_date IS NULL AND deleted_at IS NULL)`,
    params: { scopeUserId: scope.userId },
  };
}

export function inScope(db: Db, scope: PersonScope, personId: string): boolean {
  if (scope.userId === null) return true;
  return (
    cachedStatement(db, 'SELECT 1 FROM contact_assignments WHERE person_id = ? AND user_id = ? AND to_date IS NULL AND deleted_at IS NULL')
      .get(personId, scope.userId) !== undefined
  );
}

/** NOT_FOUND for a person out of scope, the same answer as for a person that does not exist. */
export function assertInScope(db: Db, scope: PersonScope, personId: string): void {
  if (!inScope(db, scope, personId)) throw new AppError('NOT_FOUND', `Person ${personId} not found.`, { entity: 'person', id: personId });
}
