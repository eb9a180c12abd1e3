/**
 * Bulk changes of responsibility: a grid's unassigned persons to its worker; everything of a worker
 * who leaves to another (with a preview that is exactly what the apply moves); a grid's worker
 * replaced in one action.
 */
import { fieldError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { updateSynced, type WriteContext } from '../../db/sync';
import type { ContactRole, TransferPlan } from '../../../shared/schemas/assignments';
import { visitStatus } from '../../../shared/schedule/engine';
import { gridWorkerIds, requireContactUser, requireGrid, setGridWorkers } from '../grids/grids';
import { assign, closeAssignment, currentAssignment } from './assignments';

/** The user named, or the grid's only worker. */
function workerOf(db: Db, gridId: string, userId: string | undefined, path: string): string {
  if (userId !== undefined) return userId;
  const workers = gridWorkerIds(db, gridId);
  if (workers.length !== 1) throw fieldError(path, workers.length === 0 ? 'grid.noWorker' : 'grid.whichWorker');
  return workers[0] as string;
}

/**
 * Assigns every active person of the grid who has no primary contact to the grid's worker (or the
 * user named). Where that user was the person's backup, they become the primary instead.
 */
export function assignGrid(db: Db, ctx: WriteContext, gridId: string, userId: string | undefined, reason: string, today: string): { assigned: number; personIds: string[] } {
  requireGrid(db, gridId);
  const worker = workerOf(db, gridId, userId, 'userId');
  requireContactUser(db, worker, 'userId');
  const persons = cachedStatement(
    db,
      `SELECT p.id FROM persons p WHERE p.grid_id = ? AND p.deleted_at IS NULL AND p.status = 'active'
         AND NOT EXISTS (SELECT 1 FROM contact_assignments a WHERE a.person_id = p.id AND a.role = 'primary' AND a.to_date IS NULL AND a.deleted_at IS NULL)
       ORDER BY p.address, p.name_pinyin`,
    )
    .all(gridId) as { id: string }[];
  for (const p of persons) {
    const backup = currentAssignment(db, p.id, 'backup');
    if (backup?.user_id === worker) closeAssignment(db, ctx, backup, today, reason);
    assign(db, ctx, { personId: p.id, userId: worker, role: 'primary', reason }, today);
  }
  return { assigned: persons.length, personIds: persons.map((p) => p.id) };
}

function checkFromUser(db: Db, fromUserId: string): void {
  const known =
    cachedStatement(db, 'SELECT 1 FROM users WHERE id = ?').get(fromUserId) !== undefined ||
    cachedStatement(db, 'SELECT 1 FROM contact_assignments WHERE user_id = ? AND deleted_at IS NULL LIMIT 1').get(fromUserId) !== undefined;
  if (!known) throw fieldError('fromUserId', 'assignment.userUnavailable');
}

/**
 * What moves from one user to another: their current assignments (of one grid's persons with
 * gridId), the open visits of the persons they are primary for, the open service requests assigned
 * to them, and their grids. Read-only; applyTransfer moves exactly this.
 */
export function transferPlan(db: Db, fromUserId: string, toUserId: string, today: string, gridId?: string): TransferPlan {
  checkFromUser(db, fromUserId);
  requireContactUser(db, toUserId, 'toUserId');
  if (fromUserId === toUserId) throw fieldError('toUserId', 'assignment.sameUser');
  const gridClause = gridId === undefined ? '' : 'AND p.grid_id = @gridId';
  const params = { from: fromUserId, to: toUserId, gridId: gridId ?? null, today };
  const persons = cachedStatement(
    db,
      `SELECT p.id, p.name, p.address, g.name AS grid_name, a.role,
         EXISTS (SELECT 1 FROM contact_assignments o WHERE o.person_id = p.id AND o.user_id = @to AND o.role <> a.role AND o.to_date IS NULL AND o.deleted_at IS NULL) AS replaces
       FROM contact_assignments a JOIN persons p ON p.id = a.person_id AND p.deleted_at IS NULL LEFT JOIN grids g ON g.id = p.grid_id
       WHERE a.user_id = @from AND a.to_date IS NULL AND a.deleted_at IS NULL ${gridClause}
       ORDER BY g.name IS NULL, g.name, p.address, p.name_pinyin, a.role DESC`,
    )
    .all(params) as { id: string; name: string; address: string; grid_name: string | null; role: ContactRole; replaces: number }[];
  const visits = cachedStatement(
    db,
      `SELECT v.id, v.person_id, p.name, v.reason, v.due_date, v.window_start, v.missed_after
       FROM contact_assignments a JOIN persons p ON p.id = a.person_id AND p.deleted_at IS NULL
       JOIN planned_visits v ON v.person_id = a.person_id AND v.deleted_at IS NULL AND v.done_on IS NULL AND v.cancelled_on IS NULL
       WHERE a.user_id = @from AND a.role = 'primary' AND a.to_date IS NULL AND a.deleted_at IS NULL AND v.missed_after >= @today ${gridClause}
       ORDER BY v.due_date, p.name_pinyin, v.key`,
    )
    .all(params) as { id: string; person_id: string; name: string; reason: string; due_date: string; window_start: string; missed_after: string }[];
  const requests = cachedStatement(
    db,
      `SELECT r.id, r.person_id, p.name, r.category, r.status, r.description
       FROM service_requests r JOIN persons p ON p.id = r.person_id AND p.deleted_at IS NULL
       WHERE r.assigned_to = @from AND r.status IN ('open', 'in_progress') AND r.deleted_at IS NULL ${gridClause}
       ORDER BY r.raised_on, r.id`,
    )
    .all(params) as { id: string; person_id: string; name: string; category: string; status: string; description: string }[];
  const grids = cachedStatement(
    db,
      `SELECT g.id, g.name FROM grid_workers w JOIN grids g ON g.id = w.grid_id AND g.deleted_at IS NULL
       WHERE w.user_id = @from AND w.deleted_at IS NULL ${gridId === undefined ? '' : 'AND g.id = @gridId'} ORDER BY g.name`,
    )
    .all(params) as { id: string; name: string }[];
  return {
    fromUserId,
    toUserId,
    persons: persons.map((p) => ({ personId: p.id, name: p.name, role: p.role, gridName: p.grid_name, address: p.address, replacesOtherRole: p.replaces === 1 })),
    openVisits: visits.map((v) => ({
      id: v.id,
      personId: v.person_id,
      personName: v.name,
      reason: v.reason,
      dueDate: v.due_date,
      status: visitStatus({ dueDate: v.due_date, windowStart: v.window_start, missedAfter: v.missed_after, doneOn: null, cancelledOn: null }, today),
    })),
    openRequests: requests.map((r) => ({ id: r.id, personId: r.person_id, personName: r.name, category: r.category, status: r.status, description: r.description })),
    grids,
  };
}

/**
 * Moves what transferPlan lists and answers that same plan. Where the receiving user already holds
 * the other role for a person: moving a primary closes their backup record and makes them primary;
 * moving a backup simply ends it (they are the primary already).
 */
export function applyTransfer(db: Db, ctx: WriteContext, fromUserId: string, toUserId: string, reason: string, today: string, gridId?: string): TransferPlan {
  const plan = transferPlan(db, fromUserId, toUserId, today, gridId);
  for (const item of plan.persons) {
    const moving = currentAssignment(db, item.personId, item.role);
    if (!moving || moving.user_id !== fromUserId) continue;
    if (item.replacesOtherRole) {
      const other = currentAssignment(db, item.personId, item.role === 'primary' ? 'backup' : 'primary');
      if (item.role === 'backup') {
        closeAssignment(db, ctx, moving, today, reason);
        continue;
      }
      if (other) closeAssignment(db, ctx, other, today, reason);
    }
    assign(db, ctx, { personId: item.personId, userId: toUserId, role: item.role, reason }, today);
  }
  for (const r of plan.openRequests) {
    updateSynced(db, { ...ctx, subjectId: r.personId }, 'service_requests', r.id, { assigned_to: toUserId }, 'service_request');
  }
  for (const g of plan.grids) {
    const workers = gridWorkerIds(db, g.id).map((id) => (id === fromUserId ? toUserId : id));
    setGridWorkers(db, ctx, g.id, [...new Set(workers)]);
  }
  return plan;
}

/**
 * Replaces a grid's worker in one action: the new worker takes the old one's place in the grid and
 * their contacts for the grid's persons, and the open requests of those persons assigned to them.
 * The old worker is the one named, or the grid's only worker; a grid without one just gains the new one.
 */
export function reassignGridWorker(
  db: Db,
  ctx: WriteContext,
  gridId: string,
  fromUserId: string | undefined,
  toUserId: string,
  reason: string,
  today: string,
): TransferPlan {
  requireGrid(db, gridId);
  requireContactUser(db, toUserId, 'toUserId');
  const workers = gridWorkerIds(db, gridId);
  if (fromUserId === undefined && workers.length === 0) {
    setGridWorkers(db, ctx, gridId, [toUserId]);
    return { fromUserId: '', toUserId, persons: [], openVisits: [], openRequests: [], grids: [] };
  }
  const from = workerOf(db, gridId, fromUserId, 'fromUserId');
  const plan = applyTransfer(db, ctx, from, toUserId, reason, today, gridId);
  // The grid changes hands even when the old worker was not (or no longer) listed as its worker.
  const after = gridWorkerIds(db, gridId).filter((id) => id !== from);
  setGridWorkers(db, ctx, gridId, [...new Set([...after, toUserId])]);
  return plan;
}
