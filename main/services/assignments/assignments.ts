/**
 * 分片包干联系制度: every person has a primary responsible contact (a staff member or grid worker)
 * and may have a backup. Assignments are dated records; a change closes the current record (to_date,
 * end_reason) and opens a new one, so the history is never overwritten.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { selectPage, Where } from '../../db/paged';
import { insertSynced, registerSyncedTable, updateSynced, type WriteContext } from '../../db/sync';
import { AppError, fieldError } from '../../../shared/errors';
import type { Assignment, ContactRole, PersonContacts } from '../../../shared/schemas/assignments';
import { ageOn } from '../../../shared/calendar';
import { requireContactUser } from '../grids/grids';
import { ALL_PERSONS, assertInScope, type PersonScope } from '../scope';

registerSyncedTable('contact_assignments');

export interface AssignmentRow {
  id: string;
  person_id: string;
  user_id: string;
  user_name: string;
  role: ContactRole;
  from_date: string;
  to_date: string | null;
  assigned_by: string;
  reason: string;
  end_reason: string;
  created_at: string;
}

const ASSIGNMENT_COLUMNS = 'a.id, a.person_id, a.user_id, a.user_name, a.role, a.from_date, a.to_date, a.assigned_by, a.reason, a.end_reason, a.created_at';

type AssignmentJoined = AssignmentRow & { display_name: string | null; phone: string | null; by_name: string | null };

const JOINED = `SELECT ${ASSIGNMENT_COLUMNS}, u.display_name, u.phone, b.display_name AS by_name
  FROM contact_assignments a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN users b ON b.id = a.assigned_by`;

function toAssignment(r: AssignmentJoined): Assignment {
  return {
    id: r.id,
    personId: r.person_id,
    userId: r.user_id,
    userName: r.display_name ?? r.user_name,
    userPhone: r.phone,
    role: r.role,
    fromDate: r.from_date,
    toDate: r.to_date,
    assignedBy: r.assigned_by,
    assignedByName: r.by_name,
    reason: r.reason,
    endReason: r.end_reason,
    createdAt: r.created_at,
  };
}

export function currentAssignment(db: Db, personId: string, role: ContactRole): AssignmentRow | undefined {
  return cachedStatement(db, `SELECT ${ASSIGNMENT_COLUMNS} FROM contact_assignments a WHERE a.person_id = ? AND a.role = ? AND a.to_date IS NULL AND a.deleted_at IS NULL`)
    .get(personId, role) as AssignmentRow | undefined;
}

/** Current primary and backup, and every record newest first; a person out of scope is NOT_FOUND. */
export function personContacts(db: Db, personId: string, scope: PersonScope = ALL_PERSONS): PersonContacts {
  assertInScope(db, scope, personId);
  const rows = (cachedStatement(db, `${JOINED} WHERE a.person_id = ? AND a.deleted_at IS NULL ORDER BY a.created_at DESC, a.id DESC`).all(personId) as AssignmentJoined[]).map(
    toAssignment,
  );
  return {
    primary: rows.find((a) => a.role === 'primary' && a.toDate === null) ?? null,
    backup: rows.find((a) => a.role === 'backup' && a.toDate === null) ?? null,
    history: rows,
  };
}

function requireLivePerson(db: Db, personId: string): void {
  if (!cachedStatement(db, 'SELECT 1 FROM persons WHERE id = ? AND deleted_at IS NULL').get(personId)) {
    throw new AppError('NOT_FOUND', `Person ${personId} not found.`, { entity: 'person', id: personId });
  }
}

/** Closes a current record: to_date today, with why. */
export function closeAssignment(db: Db, ctx: WriteContext, row: AssignmentRow, today: string, endReason: string): void {
  updateSynced(db, { ...ctx, subjectId: row.person_id }, 'contact_assignments', row.id, { to_date: today, end_reason: endReason }, 'contact_assignment');
}

function openAssignment(db: Db, ctx: WriteContext, personId: string, userId: string, userName: string, role: ContactRole, today: string, reason: string): string {
  return insertSynced(
    db,
    { ...ctx, subjectId: personId },
    'contact_assignments',
    { person_id: personId, user_id: userId, user_name: userName, role, from_date: today, assigned_by: ctx.actor.userId ?? ctx.actor.username, reason },
    'contact_assignment',
  );
}

export interface AssignInput {
  personId: string;
  userId: string;
  role: ContactRole;
  reason: string;
}

/** Makes `userId` the person's contact in `role`, closing whoever held it. No change when they already do. */
export function assign(db: Db, ctx: WriteContext, input: AssignInput, today: string): { changed: boolean } {
  requireLivePerson(db, input.personId);
  const user = requireContactUser(db, input.userId, 'userId');
  const current = currentAssignment(db, input.personId, input.role);
  if (current?.user_id === input.userId) return { changed: false };
  const other = currentAssignment(db, input.personId, input.role === 'primary' ? 'backup' : 'primary');
  if (other?.user_id === input.userId) throw fieldError('userId', 'assignment.sameUserBothRoles');
  if (current) closeAssignment(db, ctx, current, today, input.reason);
  openAssignment(db, ctx, input.personId, input.userId, user.display_name, input.role, today, input.reason);
  return { changed: true };
}

/** Ends the person's contact in `role` without a successor. */
export function endAssignment(db: Db, ctx: WriteContext, personId: string, role: ContactRole, reason: string, today: string): { changed: boolean } {
  requireLivePerson(db, personId);
  const current = currentAssignment(db, personId, role);
  if (!current) return { changed: false };
  closeAssignment(db, ctx, current, today, reason);
  return { changed: true };
}

/** Users who can be responsible for persons, with what they hold. */
export function assignableUsers(db: Db) {
  const users = cachedStatement(
    db,
      `SELECT u.id, u.username, u.display_name, u.role, u.phone, u.disabled,
         (SELECT count(*) FROM contact_assignments a WHERE a.user_id = u.id AND a.role = 'primary' AND a.to_date IS NULL AND a.deleted_at IS NULL) AS primary_count,
         (SELECT count(*) FROM contact_assignments a WHERE a.user_id = u.id AND a.role = 'backup' AND a.to_date IS NULL AND a.deleted_at IS NULL) AS backup_count
       FROM users u WHERE u.role IN ('admin', 'staff', 'gridworker') ORDER BY u.disabled, u.role DESC, u.display_name`,
    )
    .all() as {
    id: string;
    username: string;
    display_name: string;
    role: 'admin' | 'staff' | 'gridworker';
    phone: string | null;
    disabled: number;
    primary_count: number;
    backup_count: number;
  }[];
  const grids = cachedStatement(
    db,
    'SELECT g.id, g.name FROM grid_workers w JOIN grids g ON g.id = w.grid_id AND g.deleted_at IS NULL WHERE w.user_id = ? AND w.deleted_at IS NULL ORDER BY g.name',
  );
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    phone: u.phone,
    disabled: u.disabled === 1,
    primaryCount: u.primary_count,
    backupCount: u.backup_count,
    grids: grids.all(u.id) as { id: string; name: string }[],
  }));
}

const NO_PRIMARY = `NOT EXISTS (SELECT 1 FROM contact_assignments a WHERE a.person_id = p.id AND a.role = 'primary' AND a.to_date IS NULL AND a.deleted_at IS NULL)`;

/** Persons on the register without a responsible (primary) contact. */
export function unassignedPersons(db: Db, query: { gridId?: string | undefined; ungridded: boolean; office?: string | undefined; limit: number; offset: number }, today: string) {
  const where = new Where('p.deleted_at IS NULL', "p.status = 'active'", NO_PRIMARY);
  if (query.office !== undefined) where.and('p.origin_office = @office', { office: query.office });
  if (query.gridId !== undefined) where.and('p.grid_id = @gridId', { gridId: query.gridId });
  else if (query.ungridded) where.and('p.grid_id IS NULL');
  const { total, capped, rows } = selectPage<{
    id: string;
    name: string;
    gender: 'male' | 'female';
    birth_date: string;
    address: string;
    grid_id: string | null;
    grid_name: string | null;
    backup_name: string | null;
    origin_office: string;
  }>(
    db,
    {
      select: `SELECT p.id, p.name, p.gender, p.birth_date, p.address, p.grid_id, g.name AS grid_name, p.origin_office,
         (SELECT coalesce(u.display_name, a.user_name) FROM contact_assignments a LEFT JOIN users u ON u.id = a.user_id
           WHERE a.person_id = p.id AND a.role = 'backup' AND a.to_date IS NULL AND a.deleted_at IS NULL) AS backup_name
       FROM persons p LEFT JOIN grids g ON g.id = p.grid_id`,
      countFrom: 'FROM persons p',
      orderBy: 'g.name IS NULL, g.name, p.address, p.name_pinyin',
    },
    where,
    query,
  );
  return {
    total,
    capped,
    rows: rows.map((r) => ({
      personId: r.id,
      name: r.name,
      gender: r.gender,
      age: ageOn(r.birth_date, today),
      address: r.address,
      gridId: r.grid_id,
      gridName: r.grid_name,
      backupName: r.backup_name,
      originOffice: r.origin_office,
    })),
  };
}
