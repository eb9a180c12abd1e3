/**
 * 服务需求: needs raised for a person (居家养老, 医疗保健, 文体活动, 困难帮扶, 精神慰藉, 其他), who
 * raised them and when, who takes care of them, and how they ended (resolved or declined, with what
 * and when). Every change is part of the person's history.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { insertSynced, registerSyncedTable, updateSynced, type WriteContext } from '../../db/sync';
import { selectPage, Where } from '../../db/paged';
import { AppError, assertNotInFuture } from '../../../shared/errors';
import type { RequestCategory, RequestListQuery, RequestStatus, ServiceRequest } from '../../../shared/schemas/requests';
import { requireContactUser } from '../grids/grids';
import type { User } from '../../../shared/schemas/user';
import { assertInScope, scopeCondition, scopeOf } from '../scope';

registerSyncedTable('service_requests');

interface RequestRow {
  id: string;
  person_office: string;
  person_id: string;
  person_name: string;
  category: RequestCategory;
  description: string;
  raised_by: string;
  raised_by_name: string | null;
  raised_on: string;
  assigned_to: string | null;
  assigned_to_name: string | null;
  status: RequestStatus;
  resolution: string;
  resolved_on: string | null;
  visit_record_id: string | null;
  created_at: string;
  updated_at: string;
}

const SELECT = `SELECT r.id, r.person_id, p.name AS person_name, r.category, r.description, r.raised_by, rb.display_name AS raised_by_name,
    r.raised_on, r.assigned_to, au.display_name AS assigned_to_name, r.status, r.resolution, r.resolved_on, r.visit_record_id,
    r.created_at, r.updated_at, p.origin_office AS person_office
  FROM service_requests r JOIN persons p ON p.id = r.person_id AND p.deleted_at IS NULL
  LEFT JOIN users rb ON rb.id = r.raised_by LEFT JOIN users au ON au.id = r.assigned_to`;

function toRequest(r: RequestRow): ServiceRequest {
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    category: r.category,
    description: r.description,
    raisedBy: r.raised_by,
    raisedByName: r.raised_by_name,
    raisedOn: r.raised_on,
    assignedTo: r.assigned_to,
    assignedToName: r.assigned_to_name,
    status: r.status,
    resolution: r.resolution,
    resolvedOn: r.resolved_on,
    visitRecordId: r.visit_record_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    originOffice: r.person_office,
  };
}

export interface NewRequest {
  personId: string;
  category: RequestCategory;
  description: string;
  assignedTo: string | null;
  raisedOn?: string | undefined;
}

export function createRequest(db: Db, ctx: WriteContext, input: NewRequest, today: string, visitRecordId: string | null = null, path = ''): string {
  const person = cachedStatement(db, 'SELECT status FROM persons WHERE id = ? AND deleted_at IS NULL').get(input.personId) as { status: string } | undefined;
  if (!person) throw new AppError('NOT_FOUND', `Person ${input.personId} not found.`, { entity: 'person', id: input.personId });
  // A person who moved away is looked after by the community they moved to; a need raised here would
  // sit in this office's lists with no one to serve it. (A deceased person's family may still need help.)
  if (person.status === 'moved_out') {
    throw new AppError('REQUEST_PERSON_MOVED_OUT', 'This person has moved out of the community; their new community handles their needs.', { id: input.personId });
  }
  if (input.assignedTo !== null) requireContactUser(db, input.assignedTo, `${path}assignedTo`);
  const raisedOn = input.raisedOn ?? today;
  assertNotInFuture(`${path}raisedOn`, raisedOn, today);
  return insertSynced(
    db,
    { ...ctx, subjectId: input.personId },
    'service_requests',
    {
      person_id: input.personId,
      category: input.category,
      description: input.description,
      raised_by: ctx.actor.userId ?? ctx.actor.username,
      raised_on: raisedOn,
      assigned_to: input.assignedTo,
      status: 'open',
      visit_record_id: visitRecordId,
    },
    'service_request',
  );
}

/**
 * A need raised by hand (not from a visit record). `user` is who raises it: a grid worker only for
 * the persons assigned to them (NOT_FOUND otherwise, the same answer as for a person who does not
 * exist); null, as for every function here that takes it, is no restriction.
 */
export function raiseRequest(db: Db, ctx: WriteContext, input: NewRequest, today: string, user: User | null = null): string {
  assertInScope(db, scopeOf(db, user), input.personId);
  return createRequest(db, ctx, input, today);
}

function requireRequest(db: Db, id: string): { person_id: string; status: RequestStatus } {
  const row = cachedStatement(db, 'SELECT r.person_id, r.status FROM service_requests r JOIN persons p ON p.id = r.person_id AND p.deleted_at IS NULL WHERE r.id = ? AND r.deleted_at IS NULL')
    .get(id) as { person_id: string; status: RequestStatus } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Service request ${id} not found.`, { entity: 'service_request', id });
  return row;
}

export function updateRequest(
  db: Db,
  ctx: WriteContext,
  id: string,
  fields: { category: RequestCategory; description: string; assignedTo: string | null },
): { changed: boolean } {
  const row = requireRequest(db, id);
  if (fields.assignedTo !== null) requireContactUser(db, fields.assignedTo, 'assignedTo');
  return updateSynced(
    db,
    { ...ctx, subjectId: row.person_id },
    'service_requests',
    id,
    { category: fields.category, description: fields.description, assigned_to: fields.assignedTo },
    'service_request',
  );
}

/** open → in progress → resolved / declined (with what was done or why not), and back when reopened. */
export function setRequestStatus(
  db: Db,
  ctx: WriteContext,
  input: { id: string; status: RequestStatus; resolution: string; resolvedOn?: string | undefined },
  today: string,
): { changed: boolean } {
  const row = requireRequest(db, input.id);
  const closing = input.status === 'resolved' || input.status === 'declined';
  const resolvedOn = closing ? (input.resolvedOn ?? today) : null;
  if (resolvedOn !== null) assertNotInFuture('resolvedOn', resolvedOn, today);
  return updateSynced(
    db,
    { ...ctx, subjectId: row.person_id },
    'service_requests',
    input.id,
    { status: input.status, resolution: input.resolution, resolved_on: resolvedOn },
    'service_request',
  );
}

export function getRequest(db: Db, id: string, user: User | null = null): ServiceRequest {
  const row = cachedStatement(db, `${SELECT} WHERE r.id = ? AND r.deleted_at IS NULL`).get(id) as RequestRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Service request ${id} not found.`, { entity: 'service_request', id });
  assertInScope(db, scopeOf(db, user), row.person_id);
  return toRequest(row);
}

/** Open first, then in progress, then closed; newest raised first within each. */
export function listRequests(db: Db, query: RequestListQuery, user: User | null = null): { total: number; capped: boolean; rows: ServiceRequest[] } {
  const sc = scopeCondition(scopeOf(db, user), 'r.person_id');
  const where = new Where('r.deleted_at IS NULL')
    .and(sc.sql, sc.params)
    .andIf('r.person_id = @personId', { personId: query.personId })
    .andIf('r.category = @category', { category: query.category });
  if (query.status === 'active') where.and("r.status IN ('open', 'in_progress')");
  else where.andIf('r.status = @status', { status: query.status });
  where.andIf('r.assigned_to = @assignedTo', { assignedTo: query.assignedTo }).andIf('p.grid_id = @gridId', { gridId: query.gridId });
  where.andIf('p.origin_office = @office', { office: query.office });
  const { total, capped, rows } = selectPage<RequestRow>(
    db,
    {
      select: SELECT,
      countFrom: 'FROM service_requests r JOIN persons p ON p.id = r.person_id AND p.deleted_at IS NULL',
      orderBy: "CASE r.status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END, r.raised_on DESC, r.id DESC",
    },
    where,
    query,
  );
  return { total, capped, rows: rows.map(toRequest) };
}

/** Open and in-progress requests of the persons a SQL condition on `p` selects (worklists, the person page). */
export function activeRequestsWhere(db: Db, condition: string, params: Record<string, unknown>, limit = 200): ServiceRequest[] {
  // The condition is the caller's static SQL; the limit is bound, so each caller compiles one text.
  const rows = cachedStatement(db, `${SELECT} WHERE r.deleted_at IS NULL AND r.status IN ('open', 'in_progress') AND ${condition} ORDER BY r.raised_on, r.id LIMIT @requestLimit`).all({
    ...params,
    requestLimit: Math.floor(limit),
  }) as RequestRow[];
  return rows.map(toRequest);
}
