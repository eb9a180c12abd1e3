/**
 * Visit records (走访记录): what was found on a visit, and the planned visits it resolves. From the
 * same input a visit can raise service requests and add a hospitalisation or an ADL assessment to
 * the health archive, through the registry's own services, so their audit, history and replanning
 * follow as if entered there.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { insertSynced, registerSyncedTable, tombstoneSynced, updateSynced, type WriteContext } from '../../db/sync';
import { selectPage, Where } from '../../db/paged';
import { AppError, fieldError, assertNotInFuture } from '../../../shared/errors';
import { NOT_SEEN_SUMMARY, type PlannedVisitOut, type RecordReason, type VisitRecord, type VisitRecordFields } from '../../../shared/schemas/visits';
import type { RequestCategory } from '../../../shared/schemas/requests';
import { visitStatus, type VisitReason } from '../../../shared/schedule/engine';
import { addAssessment, addHealthEvent, type HealthEventFields, type NewAssessment } from '../persons/health';
import { createRequest } from '../requests/requests';
import type { User } from '../../../shared/schemas/user';
import { assertInScope, scopeCondition, scopeOf } from '../scope';
import { plannedVisitsOf, type PlannedVisitRow } from './planning';

registerSyncedTable('visit_records');

export function toPlannedVisit(v: PlannedVisitRow, today: string): PlannedVisitOut {
  return {
    id: v.id,
    personId: v.person_id,
    key: v.key,
    reason: v.reason,
    dueDate: v.due_date,
    windowStart: v.window_start,
    missedAfter: v.missed_after,
    status: visitStatus({ dueDate: v.due_date, windowStart: v.window_start, missedAfter: v.missed_after, doneOn: v.done_on, cancelledOn: v.cancelled_on }, today),
    doneOn: v.done_on,
    visitRecordId: v.visit_record_id,
    cancelledOn: v.cancelled_on,
    cancelReason: v.cancel_reason,
    cancelNote: v.cancel_note,
  };
}

/**
 * A person's planned visits: the open ones (by due date), or all of them. `user` is who asks: a grid
 * worker reaches only their own persons (NOT_FOUND otherwise); null, as for every function here that
 * takes it, is no restriction (the office's own reads, the command line).
 */
export function visitsForPerson(db: Db, personId: string, today: string, include: 'open' | 'all', user: User | null = null): PlannedVisitOut[] {
  assertInScope(db, scopeOf(db, user), personId);
  const rows = plannedVisitsOf(db, personId).filter((v) => include === 'all' || (v.done_on === null && v.cancelled_on === null));
  return rows.map((v) => toPlannedVisit(v, today));
}

export interface RecordVisitInput {
  personId: string;
  /** Planned visits this visit resolves; left out, every open one whose window holds the visit date. */
  plannedVisitIds?: readonly string[] | undefined;
  fields: VisitRecordFields;
  requests?: readonly { category: RequestCategory; description: string; assignedTo: string | null }[] | undefined;
  healthEvent?: HealthEventFields | undefined;
  assessment?: NewAssessment | undefined;
  listId?: string | null | undefined;
}

export interface RecordVisitResult {
  id: string;
  resolved: string[];
  requestIds: string[];
  healthEventId: string | null;
  assessmentId: string | null;
}

/** The checks of a visit that can fail, before anything is written. */
export function checkVisit(db: Db, personId: string, visitDate: string, plannedVisitIds: readonly string[] | undefined, today: string, prefix = ''): void {
  assertNotInFuture(`${prefix}visitDate`, visitDate, today);
  if (plannedVisitIds) {
    const open = new Set(plannedVisitsOf(db, personId).filter((v) => v.done_on === null && v.cancelled_on === null).map((v) => v.id));
    plannedVisitIds.forEach((id, i) => {
      if (!open.has(id)) throw fieldError(`${prefix}plannedVisitIds.${i}`, 'visit.planNotOpen');
    });
  }
}

function requireLivePerson(db: Db, personId: string): { id: string; status: string } {
  const row = cachedStatement(db, 'SELECT id, status FROM persons WHERE id = ? AND deleted_at IS NULL').get(personId) as { id: string; status: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Person ${personId} not found.`, { entity: 'person', id: personId });
  return row;
}

function summaryOf(fields: VisitRecordFields): string {
  return fields.notSeen && fields.summary === '' ? NOT_SEEN_SUMMARY : fields.summary;
}

/** Records a visit in the caller's transaction: health records first (they may plan a visit this one resolves), then the record, then requests. */
export function recordVisit(db: Db, ctx: WriteContext, input: RecordVisitInput, today: string, user: User | null = null): RecordVisitResult {
  requireLivePerson(db, input.personId);
  assertInScope(db, scopeOf(db, user), input.personId);
  const explicit = input.plannedVisitIds !== undefined && input.plannedVisitIds.length > 0 ? input.plannedVisitIds : undefined;
  checkVisit(db, input.personId, input.fields.visitDate, explicit, today);
  const subject: WriteContext = { ...ctx, subjectId: input.personId };

  const healthEventId = input.healthEvent ? addHealthEvent(db, ctx, input.personId, input.healthEvent) : null;
  const assessmentId = input.assessment ? addAssessment(db, ctx, input.personId, input.assessment) : null;

  const date = input.fields.visitDate;
  const open = plannedVisitsOf(db, input.personId).filter((v) => v.done_on === null && v.cancelled_on === null);
  // Not reaching the person resolves nothing: the visit is still to be made.
  const resolving = input.fields.notSeen
    ? []
    : explicit
      ? open.filter((v) => explicit.includes(v.id))
      : open.filter((v) => v.window_start <= date && date <= v.missed_after);
  resolving.sort((a, b) => a.due_date.localeCompare(b.due_date) || a.key.localeCompare(b.key));
  const first = resolving[0];
  const reason: RecordReason = input.fields.reason ?? first?.reason ?? 'ad_hoc';

  const id = insertSynced(
    db,
    subject,
    'visit_records',
    {
      person_id: input.personId,
      planned_visit_id: first?.id ?? null,
      visit_date: date,
      visitors: input.fields.visitors,
      method: input.fields.method,
      reason,
      summary: summaryOf(input.fields),
      findings_health: input.fields.findingsHealth,
      findings_living: input.fields.findingsLiving,
      findings_mood: input.fields.findingsMood,
      needs: input.fields.needs,
      follow_up: input.fields.followUp,
      gift_fen: input.fields.giftFen,
      gift_items: input.fields.giftItems,
      recorded_by: ctx.actor.userId ?? ctx.actor.username,
      list_id: input.listId ?? null,
    },
    'visit_record',
  );
  for (const v of resolving) updateSynced(db, subject, 'planned_visits', v.id, { done_on: date, visit_record_id: id }, 'planned_visit');
  const requestIds = (input.requests ?? []).map((r, i) =>
    createRequest(db, ctx, { personId: input.personId, category: r.category, description: r.description, assignedTo: r.assignedTo, raisedOn: date }, today, id, `requests.${i}.`),
  );
  return { id, resolved: resolving.map((v) => v.id), requestIds, healthEventId, assessmentId };
}

interface RecordRow {
  id: string;
  person_id: string;
  person_name: string;
  planned_visit_id: string | null;
  visit_date: string;
  visitors: string;
  method: VisitRecord['method'];
  reason: RecordReason;
  summary: string;
  findings_health: string;
  findings_living: string;
  findings_mood: string;
  needs: string;
  follow_up: string;
  gift_fen: number;
  gift_items: string;
  recorded_by: string;
  recorded_by_name: string | null;
  list_id: string | null;
  list_no: string | null;
  created_at: string;
}

const SELECT = `SELECT r.id, r.person_id, p.name AS person_name, r.planned_visit_id, r.visit_date, r.visitors, r.method, r.reason, r.summary,
    r.findings_health, r.findings_living, r.findings_mood, r.needs, r.follow_up, r.gift_fen, r.gift_items, r.recorded_by, u.display_name AS recorded_by_name,
    r.list_id, l.list_no, r.created_at
  FROM visit_records r JOIN persons p ON p.id = r.person_id AND p.deleted_at IS NULL
  LEFT JOIN users u ON u.id = r.recorded_by LEFT JOIN printed_lists l ON l.id = r.list_id`;

function toRecords(db: Db, rows: RecordRow[]): VisitRecord[] {
  const resolved = rows.length
    ? (cachedStatement(
        db,
          `SELECT id, reason, due_date, visit_record_id FROM planned_visits
           WHERE visit_record_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY due_date, key`,
        )
        .all(JSON.stringify(rows.map((r) => r.id))) as { id: string; reason: VisitReason; due_date: string; visit_record_id: string }[])
    : [];
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    plannedVisitId: r.planned_visit_id,
    resolvedVisits: resolved.filter((v) => v.visit_record_id === r.id).map((v) => ({ id: v.id, reason: v.reason, dueDate: v.due_date })),
    visitDate: r.visit_date,
    visitors: r.visitors,
    method: r.method,
    reason: r.reason,
    summary: r.summary,
    findingsHealth: r.findings_health,
    findingsLiving: r.findings_living,
    findingsMood: r.findings_mood,
    needs: r.needs,
    followUp: r.follow_up,
    giftFen: r.gift_fen,
    giftItems: r.gift_items,
    recordedBy: r.recorded_by,
    recordedByName: r.recorded_by_name,
    listId: r.list_id,
    listNo: r.list_no,
    createdAt: r.created_at,
  }));
}

export function getRecord(db: Db, id: string, user: User | null = null): VisitRecord {
  const row = cachedStatement(db, `${SELECT} WHERE r.id = ? AND r.deleted_at IS NULL`).get(id) as RecordRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Visit record ${id} not found.`, { entity: 'visit_record', id });
  assertInScope(db, scopeOf(db, user), row.person_id);
  return toRecords(db, [row])[0] as VisitRecord;
}

export interface RecordQuery {
  personId?: string | undefined;
  recordedBy?: string | undefined;
  gridId?: string | undefined;
  method?: VisitRecord['method'] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

export function listRecords(db: Db, query: RecordQuery, user: User | null = null): { total: number; capped: boolean; rows: VisitRecord[] } {
  const sc = scopeCondition(scopeOf(db, user), 'r.person_id');
  const where = new Where('r.deleted_at IS NULL')
    .and(sc.sql, sc.params)
    .andIf('r.person_id = @personId', { personId: query.personId })
    .andIf('r.recorded_by = @recordedBy', { recordedBy: query.recordedBy })
    .andIf('p.grid_id = @gridId', { gridId: query.gridId })
    .andIf('r.method = @method', { method: query.method })
    .andIf('r.visit_date >= @from', { from: query.from })
    .andIf('r.visit_date <= @to', { to: query.to });
  const { total, capped, rows } = selectPage<RecordRow>(
    db,
    { select: SELECT, countFrom: 'FROM visit_records r JOIN persons p ON p.id = r.person_id AND p.deleted_at IS NULL', orderBy: 'r.visit_date DESC, r.created_at DESC' },
    where,
    query,
  );
  return { total, capped, rows: toRecords(db, rows) };
}

function requireRecord(db: Db, id: string): { person_id: string; list_id: string | null } {
  const row = cachedStatement(db, 'SELECT person_id, list_id FROM visit_records WHERE id = ? AND deleted_at IS NULL').get(id) as
    | { person_id: string; list_id: string | null }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Visit record ${id} not found.`, { entity: 'visit_record', id });
  return row;
}

/** Corrects what a record says; the planned visits it resolved move to the new date. */
export function updateRecord(db: Db, ctx: WriteContext, id: string, fields: VisitRecordFields, today: string): { changed: boolean } {
  const row = requireRecord(db, id);
  assertNotInFuture('fields.visitDate', fields.visitDate, today);
  const subject = { ...ctx, subjectId: row.person_id };
  const values: Record<string, string | number> = {
    visit_date: fields.visitDate,
    visitors: fields.visitors,
    method: fields.method,
    summary: summaryOf(fields),
    findings_health: fields.findingsHealth,
    findings_living: fields.findingsLiving,
    findings_mood: fields.findingsMood,
    needs: fields.needs,
    follow_up: fields.followUp,
    gift_fen: fields.giftFen,
    gift_items: fields.giftItems,
  };
  if (fields.reason !== undefined) values['reason'] = fields.reason;
  const result = updateSynced(db, subject, 'visit_records', id, values, 'visit_record');
  const resolved = cachedStatement(db, 'SELECT id FROM planned_visits WHERE visit_record_id = ? AND deleted_at IS NULL').all(id) as { id: string }[];
  for (const v of resolved) updateSynced(db, subject, 'planned_visits', v.id, { done_on: fields.visitDate }, 'planned_visit');
  return result;
}

/** Deletes a record (a tombstone): the planned visits it resolved are open again. */
export function deleteRecord(db: Db, ctx: WriteContext, id: string): void {
  const row = requireRecord(db, id);
  const subject = { ...ctx, subjectId: row.person_id };
  const resolved = cachedStatement(db, 'SELECT id FROM planned_visits WHERE visit_record_id = ? AND deleted_at IS NULL').all(id) as { id: string }[];
  for (const v of resolved) updateSynced(db, subject, 'planned_visits', v.id, { done_on: null, visit_record_id: null }, 'planned_visit');
  tombstoneSynced(db, subject, 'visit_records', id, 'visit_record');
  if (row.list_id !== null) {
    const list = cachedStatement(db, 'SELECT results_json FROM printed_lists WHERE id = ? AND deleted_at IS NULL').get(row.list_id) as { results_json: string } | undefined;
    if (list) {
      const results = (JSON.parse(list.results_json) as { visitRecordId: string | null }[]).filter((r) => r.visitRecordId !== id);
      updateSynced(db, ctx, 'printed_lists', row.list_id, { results_json: JSON.stringify(results) }, 'printed_list');
    }
  }
}

/** Cancels a planned visit by hand (it stays cancelled through replanning). */
export function cancelPlannedVisit(db: Db, ctx: WriteContext, id: string, note: string, today: string): void {
  const row = cachedStatement(db, 'SELECT person_id, done_on, cancelled_on FROM planned_visits WHERE id = ? AND deleted_at IS NULL').get(id) as
    | { person_id: string; done_on: string | null; cancelled_on: string | null }
    | undefined;
  if (!row || !cachedStatement(db, 'SELECT 1 FROM persons WHERE id = ? AND deleted_at IS NULL').get(row.person_id)) {
    throw new AppError('NOT_FOUND', `Planned visit ${id} not found.`, { entity: 'planned_visit', id });
  }
  if (row.done_on !== null || row.cancelled_on !== null) throw fieldError('id', 'visit.planNotOpen');
  updateSynced(db, { ...ctx, subjectId: row.person_id }, 'planned_visits', id, { cancelled_on: today, cancel_reason: 'manual', cancel_note: note }, 'planned_visit');
}
