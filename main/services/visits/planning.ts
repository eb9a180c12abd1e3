/**
 * Visit planning over the database: the pure engine (shared/schedule/engine.ts) says what should
 * exist for a person; this module compares it with what exists and writes the difference, in the
 * caller's transaction. Every write that changes what plans depend on (the person's record, status,
 * hospitalisations, ADL assessments, the high-risk flag, the rules) calls replanPerson for that one
 * person, so the cost is proportional to the person, not to the database.
 *
 * Done visits never change. Open visits no longer wanted are cancelled (reason 'rules', or the
 * person's new status), and come back if they are wanted again; a visit cancelled by hand stays
 * cancelled. A visit is only created while it can still be made: calendar visits (routine,
 * holidays, birthdays) when their due date is today or later, event visits (hospitalisation,
 * condolence) until the day they would be missed.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { insertSynced, registerSyncedTable, updateSynced, type WriteContext } from '../../db/sync';
import { writeAudit } from '../../db/audit';
import { getSettings } from '../settings/settings';
import { planVisits, reconcile, type PlannedVisit, type PlanningFacts, type Span, type VisitReason } from '../../../shared/schedule/engine';
import type { ScheduleRules } from '../../../shared/schedule/rules';
import { firstOfMonth, lastOfMonth, monthIndexOf } from '../../../shared/calendar';
import { toDateString } from '../../../shared/dates';
import { decodeLunarBirthday } from '../../../shared/lunarBirthday';
import type { CANCEL_REASONS } from '../../../shared/schemas/visits';

registerSyncedTable('planned_visits');

export type CancelReason = (typeof CANCEL_REASONS)[number];

/** Cancellations made by planning itself; a visit so cancelled is reopened when it is wanted again. */
const SYSTEM_CANCELS: ReadonlySet<string> = new Set<CancelReason>(['rules', 'deceased', 'moved_out', 'deleted']);
// A 能力评估 visit is still worth making after its due date: it stays creatable like the event visits.
const EVENT_REASONS: ReadonlySet<VisitReason> = new Set<VisitReason>(['hospitalisation', 'condolence', 'assessment']);

/** The dates planned: from the first of last month to the end of the month 13 months ahead. */
export function planningSpan(today: string): Span {
  const month = monthIndexOf(today);
  return { from: firstOfMonth(month - 1), to: lastOfMonth(month + 13) };
}

/** The rules as canonical text (sorted keys), to tell whether a person was planned with the current rules. */
export function rulesHash(rules: ScheduleRules): string {
  const sorted = Object.fromEntries(Object.entries(rules).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify(sorted);
}

export function scheduleRulesOf(db: Db): ScheduleRules {
  return getSettings(db).scheduleRules;
}

/** Today, as the office's calendar date, for a write made at `ctx.at`. */
export function todayOf(ctx: Pick<WriteContext, 'at'>): string {
  return toDateString(ctx.at);
}

interface PersonPlanRow {
  id: string;
  birth_date: string;
  lunar_birthday: string | null;
  status: PlanningFacts['status'];
  status_date: string | null;
  living_situation: PlanningFacts['livingSituation'];
  latest_adl_total: number | null;
  latest_adl_date: string | null;
  latest_capability_date: string | null;
  high_risk: number;
  political_status: string;
  created_at: string;
  deleted_at: string | null;
  origin_office: string;
}

/**
 * The office whose persons this database plans for, or null for all of them. A community office
 * plans every person it holds; the county bureau holds the records of many offices, and each
 * office plans its own persons' visits, so the bureau plans only the persons it registered itself.
 */
export function planningOffice(db: Db): string | null {
  const office = cachedStatement(db, 'SELECT id, mode FROM office').get() as { id: string; mode: string } | undefined;
  return office?.mode === 'bureau' ? office.id : null;
}

export interface PlannedVisitRow {
  id: string;
  person_id: string;
  key: string;
  reason: VisitReason;
  due_date: string;
  window_start: string;
  missed_after: string;
  done_on: string | null;
  visit_record_id: string | null;
  cancelled_on: string | null;
  cancel_reason: CancelReason | null;
  cancel_note: string;
}

export interface PlanChanges {
  created: number;
  rescheduled: number;
  cancelled: number;
  reopened: number;
}

export const NO_CHANGES: PlanChanges = { created: 0, rescheduled: 0, cancelled: 0, reopened: 0 };

export function addChanges(a: PlanChanges, b: PlanChanges): PlanChanges {
  return { created: a.created + b.created, rescheduled: a.rescheduled + b.rescheduled, cancelled: a.cancelled + b.cancelled, reopened: a.reopened + b.reopened };
}

function latestOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

export function factsOf(db: Db, row: PersonPlanRow): PlanningFacts {
  const hospitalisations = cachedStatement(
    db,
    "SELECT id, date FROM health_events WHERE person_id = ? AND kind = 'hospitalisation' AND deleted_at IS NULL ORDER BY date, id",
  ).all(row.id) as { id: string; date: string }[];
  return {
    birthDate: row.birth_date,
    lunarBirthday: decodeLunarBirthday(row.lunar_birthday),
    status: row.status,
    statusDate: row.status_date,
    livingSituation: row.living_situation,
    adlTotal: row.latest_adl_total,
    highRisk: row.high_risk === 1,
    partyMember: row.political_status === 'cpc',
    registeredOn: toDateString(row.created_at),
    hospitalisations: hospitalisations.map((h) => ({ id: h.id, admitted: h.date })),
    lastAssessedOn: latestOf(row.latest_adl_date, row.latest_capability_date),
  };
}

export function plannedVisitsOf(db: Db, personId: string): PlannedVisitRow[] {
  return cachedStatement(
    db,
    `SELECT id, person_id, key, reason, due_date, window_start, missed_after, done_on, visit_record_id, cancelled_on, cancel_reason, cancel_note
       FROM planned_visits WHERE person_id = ? AND deleted_at IS NULL ORDER BY due_date, key`,
  ).all(personId) as PlannedVisitRow[];
}

const isOpen = (v: Pick<PlannedVisitRow, 'done_on' | 'cancelled_on'>) => v.done_on === null && v.cancelled_on === null;

/** Whether a visit the engine wants can still be made, so creating it today makes sense. */
function creatable(p: PlannedVisit, today: string): boolean {
  return EVENT_REASONS.has(p.reason) ? p.missedAfter >= today : p.dueDate >= today;
}

function cancel(db: Db, ctx: WriteContext, v: PlannedVisitRow, today: string, reason: CancelReason): void {
  updateSynced(db, ctx, 'planned_visits', v.id, { cancelled_on: today, cancel_reason: reason }, 'planned_visit');
}

/** The counts an audit entry of planning keeps: those that are not 0. */
function countsOf(changes: PlanChanges): Partial<PlanChanges> {
  return Object.fromEntries(Object.entries(changes).filter(([, n]) => n !== 0));
}

/**
 * Brings one person's planned visits in line with their facts and the rules. Safe to call any
 * number of times: a second call changes nothing. Call it inside the write transaction.
 */
export function replanPerson(db: Db, writeCtx: WriteContext, personId: string, today: string, rules: ScheduleRules = scheduleRulesOf(db)): PlanChanges {
  const changes = replanPersonRows(db, writeCtx, personId, today, rules);
  // One entry for the person's plan, with its counts, not one per visit (ten or so for a new person):
  // planning is bookkeeping, not part of the person's history, so the entry has no subject; the log
  // names the person from its entity id. A batch (replanAll) writes one entry for all its persons.
  if (writeCtx.auditRows !== false && changes.created + changes.rescheduled + changes.cancelled + changes.reopened > 0) {
    writeAudit(db, writeCtx.actor, writeCtx.at, { entity: 'visit_plan', entityId: personId, action: 'update', changes: countsOf(changes) });
  }
  return changes;
}

function replanPersonRows(db: Db, writeCtx: WriteContext, personId: string, today: string, rules: ScheduleRules): PlanChanges {
  const ctx: WriteContext = { actor: writeCtx.actor, officeId: writeCtx.officeId, at: writeCtx.at, auditRows: false };
  const person = cachedStatement(
    db,
    'SELECT id, birth_date, lunar_birthday, status, status_date, living_situation, latest_adl_total, latest_adl_date, latest_capability_date, high_risk, political_status, created_at, deleted_at, origin_office FROM persons WHERE id = ?',
  ).get(personId) as PersonPlanRow | undefined;
  if (!person) return NO_CHANGES;
  // At the bureau, another office's person is planned by that office; its visits arrive in packets.
  const own = planningOffice(db);
  if (own !== null && person.origin_office !== own) return NO_CHANGES;
  const existing = plannedVisitsOf(db, personId);
  const changes: PlanChanges = { ...NO_CHANGES };

  if (person.deleted_at !== null) {
    for (const v of existing.filter(isOpen)) {
      cancel(db, ctx, v, today, 'deleted');
      changes.cancelled++;
    }
    cachedStatement(db, 'DELETE FROM visit_plan_state WHERE person_id = ?').run(personId);
    return changes;
  }

  const span = planningSpan(today);
  const planned = planVisits(factsOf(db, person), rules, span);
  const result = reconcile(
    planned,
    existing.map((v) => ({ ...v, dueDate: v.due_date, windowStart: v.window_start, missedAfter: v.missed_after, open: isOpen(v) })),
    span,
  );

  for (const p of result.create) {
    if (!creatable(p, today)) continue;
    insertSynced(
      db,
      ctx,
      'planned_visits',
      { person_id: personId, key: p.key, reason: p.reason, due_date: p.dueDate, window_start: p.windowStart, missed_after: p.missedAfter },
      'planned_visit',
    );
    changes.created++;
  }
  for (const { existing: e, planned: p } of result.reschedule) {
    updateSynced(db, ctx, 'planned_visits', e.id, { due_date: p.dueDate, window_start: p.windowStart, missed_after: p.missedAfter }, 'planned_visit');
    changes.rescheduled++;
  }
  // Wanted again after planning cancelled it (the status was corrected, the risk came back).
  const byKey = new Map(existing.map((v) => [v.key, v]));
  for (const p of planned) {
    const e = byKey.get(p.key);
    if (!e || e.done_on !== null || e.cancelled_on === null || !SYSTEM_CANCELS.has(e.cancel_reason ?? '') || !creatable(p, today)) continue;
    updateSynced(
      db,
      ctx,
      'planned_visits',
      e.id,
      { cancelled_on: null, cancel_reason: null, cancel_note: '', due_date: p.dueDate, window_start: p.windowStart, missed_after: p.missedAfter },
      'planned_visit',
    );
    changes.reopened++;
  }
  if (person.status === 'active') {
    for (const e of result.cancel) {
      cancel(db, ctx, e, today, 'rules');
      changes.cancelled++;
    }
  } else {
    // 去世 or 迁出: every open visit but the one still wanted (the condolence visit) is cancelled,
    // whatever its date.
    const wanted = new Set(planned.map((p) => p.key));
    for (const e of existing) {
      if (!isOpen(e) || wanted.has(e.key)) continue;
      cancel(db, ctx, e, today, person.status);
      changes.cancelled++;
    }
  }
  cachedStatement(
    db,
    `INSERT INTO visit_plan_state (person_id, planned_month, rules_hash) VALUES (?, ?, ?)
     ON CONFLICT (person_id) DO UPDATE SET planned_month = excluded.planned_month, rules_hash = excluded.rules_hash`,
  ).run(personId, today.slice(0, 7), rulesHash(rules));
  return changes;
}

/**
 * Persons whose plans are not for this month and these rules (or every one, with force): those
 * on the register, and others who still have open visits to settle. At the bureau, only its own
 * persons (planningOffice).
 */
export function personsToReplan(db: Db, today: string, rules: ScheduleRules, force: boolean): string[] {
  const ids: string[] = [];
  for (let page = stalePage(db, today, rules, force, 0); page.ids.length > 0; page = stalePage(db, today, rules, force, page.last)) ids.push(...page.ids);
  return ids;
}

/**
 * How many persons one look for stale plans reads: a county's 100,000 take a blocking half second in
 * one, and a page of 2,000 still held a request up for ~100 ms on a busy machine.
 */
const STALE_PAGE = 250;

/** The next persons (after `afterRowid`, in rowid order) whose plans are stale; see personsToReplan. */
function stalePage(db: Db, today: string, rules: ScheduleRules, force: boolean, afterRowid: number): { ids: string[]; last: number } {
  const rows = cachedStatement(
    db,
    `SELECT p.rowid AS rid, p.id FROM persons p LEFT JOIN visit_plan_state s ON s.person_id = p.id
       WHERE p.rowid > @after
         AND p.deleted_at IS NULL
         AND (@office IS NULL OR p.origin_office = @office)
         AND (p.status = 'active' OR EXISTS (SELECT 1 FROM planned_visits v WHERE v.person_id = p.id AND v.deleted_at IS NULL AND v.done_on IS NULL AND v.cancelled_on IS NULL))
         AND (@force = 1 OR s.person_id IS NULL OR s.planned_month <> @month OR s.rules_hash <> @hash)
       ORDER BY p.rowid
       LIMIT @limit`,
  ).all({ after: afterRowid, limit: STALE_PAGE, force: force ? 1 : 0, month: today.slice(0, 7), hash: rulesHash(rules), office: planningOffice(db) }) as { rid: number; id: string }[];
  return { ids: rows.map((r) => r.id), last: rows.length > 0 ? (rows[rows.length - 1] as { rid: number }).rid : afterRowid };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** personsToReplan a page at a time, yielding between pages so the app keeps answering. */
async function personsToReplanInSteps(db: Db, today: string, rules: ScheduleRules, force: boolean, pause: () => Promise<void>): Promise<string[]> {
  const ids: string[] = [];
  for (let page = stalePage(db, today, rules, force, 0); page.ids.length > 0; page = stalePage(db, today, rules, force, page.last)) {
    ids.push(...page.ids);
    await pause();
  }
  return ids;
}

/** Replans the given persons in the caller's transaction. */
export function replanPersons(db: Db, ctx: WriteContext, personIds: readonly string[], today: string, rules: ScheduleRules = scheduleRulesOf(db)): PlanChanges {
  let total = NO_CHANGES;
  for (const id of personIds) total = addChanges(total, replanPerson(db, ctx, id, today, rules));
  return total;
}

export interface ReplanAllOptions {
  force?: boolean;
  /** At most this many persons per transaction. */
  batchSize?: number;
  /**
   * A transaction also ends once it has run this long, so a call waiting behind it waits no longer
   * (a county's 50,000 persons take minutes to replan at the first start of a month). Default 40 ms.
   */
  sliceMs?: number;
  progress?: (done: number, total: number) => void;
  throwIfCancelled?: () => void;
  /**
   * Awaited between two slices (and between two pages of the look for stale plans); by default one
   * turn of the event loop. A connection of its own (the background worker) waits a little longer,
   * so a write of the app's connection finds the database free between slices.
   */
  pause?: () => Promise<void>;
}

/**
 * Rolls every stale person's plans forward (at start, nightly, after a restore): in short slices,
 * each its own transaction, yielding between slices so the app keeps answering. A cancel stops it
 * between slices; what was planned stays planned (replanning is idempotent).
 */
export async function replanAll(
  db: Db,
  ctx: WriteContext,
  today: string,
  options: ReplanAllOptions = {},
): Promise<PlanChanges & { persons: number }> {
  const rules = scheduleRulesOf(db);
  const pause = options.pause ?? nextTurn;
  const ids = await personsToReplanInSteps(db, today, rules, options.force === true, pause);
  const size = Math.max(1, options.batchSize ?? 250);
  const sliceMs = options.sliceMs ?? 40;
  let total = NO_CHANGES;
  options.progress?.(0, ids.length);
  let done = 0;
  // Rolling plans forward is bookkeeping in bulk (tens of thousands of visits a month at a county):
  // one audit entry per slice with its counts, not one per visit, which made the log grow every month.
  const batchCtx: WriteContext = { ...ctx, auditRows: false };
  while (done < ids.length) {
    options.throwIfCancelled?.();
    const started = performance.now();
    const end = Math.min(ids.length, done + size);
    total = addChanges(
      total,
      db
        .transaction(() => {
          let changes = NO_CHANGES;
          const first = done;
          // At least one person per slice, however slow, so the work always moves on.
          do changes = addChanges(changes, replanPerson(db, batchCtx, ids[done++]!, today, rules));
          while (done < end && performance.now() - started < sliceMs);
          if (changes.created + changes.rescheduled + changes.cancelled + changes.reopened > 0) {
            writeAudit(db, ctx.actor, ctx.at, { entity: 'visit_plan', entityId: null, action: 'update', changes: { checked: done - first, ...countsOf(changes) } });
          }
          return changes;
        })
        .immediate(),
    );
    options.progress?.(done, ids.length);
    await pause();
  }
  return { ...total, persons: ids.length };
}
