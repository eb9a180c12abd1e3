/**
 * 党费: one row per member per month, amount in fen. A branch's month is recorded in one go (all or
 * nothing), and the arrears list shows who is behind this year.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { registerPrivateColumn } from '../../db/audit';
import { insertSynced, registerSyncedTable, tombstoneSynced, updateSynced, type WriteContext } from '../../db/sync';
import { AppError, fieldError, assertNotInFuture } from '../../../shared/errors';
import { lastOfMonth, monthIndexOfYearMonth } from '../../../shared/calendar';
import { suggestedDuesFen, type ArrearsRow, type DuesMonthLine, type DuesRow, type RecordMonthInput, type SetPensionInput } from '../../../shared/schemas/party';
import { requireBranch } from './branches';
import { continuousSinceOfAll, membersOn } from './memberships';
import { dueMonths, monthOf } from './months';

registerSyncedTable('party_dues');
registerPrivateColumn('persons', 'monthly_pension_fen');

const SELECT = `SELECT d.id, d.person_id AS personId, p.name AS personName, d.month, d.amount_fen AS amountFen, d.paid_on AS paidOn, d.notes
  FROM party_dues d JOIN persons p ON p.id = d.person_id AND p.deleted_at IS NULL`;

/** The last day of a month, so "members during the month" includes whoever joined in it. */
function lastDay(month: string): string {
  return lastOfMonth(monthIndexOfYearMonth(month));
}

/** The month form of a branch: its members at the end of the month, their last amount, and the month's record if there is one. */
export function duesMonth(db: Db, branchId: string, month: string, options: { withPension: boolean }): DuesMonthLine[] {
  requireBranch(db, branchId);
  return membersOn(db, branchId, lastDay(month)).map((m) => {
    const pensionFen = options.withPension ? pensionOf(db, m.personId) : null;
    const record = (cachedStatement(db, `${SELECT} WHERE d.person_id = ? AND d.month = ? AND d.deleted_at IS NULL`).get(m.personId, month) as DuesRow | undefined) ?? null;
    const last = cachedStatement(
      db,
      'SELECT amount_fen FROM party_dues WHERE person_id = ? AND month < ? AND deleted_at IS NULL ORDER BY month DESC LIMIT 1',
    ).get(m.personId, month) as { amount_fen: number } | undefined;
    return {
      personId: m.personId,
      personName: m.personName,
      lastAmountFen: last?.amount_fen ?? null,
      record,
      pensionFen,
      suggestedFen: pensionFen === null ? null : suggestedDuesFen(pensionFen),
    };
  });
}

function pensionOf(db: Db, personId: string): number | null {
  const row = cachedStatement(db, 'SELECT monthly_pension_fen FROM persons WHERE id = ?').get(personId) as { monthly_pension_fen: number | null } | undefined;
  return row?.monthly_pension_fen ?? null;
}

/**
 * Records (or clears) a member's monthly pension, the base of the suggested dues. Only a person who is
 * or was a party member has one here: the party area is not a pension register.
 */
export function setPension(db: Db, ctx: WriteContext, input: SetPensionInput): { changed: boolean } {
  const member = cachedStatement(
    db,
    `SELECT 1 FROM party_memberships m JOIN persons p ON p.id = m.person_id AND p.deleted_at IS NULL
      WHERE m.person_id = ? AND m.deleted_at IS NULL LIMIT 1`,
  ).get(input.personId);
  if (!member) throw fieldError('personId', 'party.pensionNotMember', 'Not a party member of this office.');
  return updateSynced(db, { ...ctx, subjectId: input.personId }, 'persons', input.personId, { monthly_pension_fen: input.monthlyPensionFen }, 'person');
}

/** Records the ticked members' dues for a month; one duplicate or stranger refuses the whole batch. */
export function recordMonth(db: Db, ctx: WriteContext, input: RecordMonthInput, today: string): { count: number } {
  requireBranch(db, input.branchId);
  assertNotInFuture('paidOn', input.paidOn, today);
  const members = new Map(membersOn(db, input.branchId, lastDay(input.month)).map((m) => [m.personId, m.personName]));
  const seen = new Set<string>();
  input.entries.forEach((e, i) => {
    if (!members.has(e.personId) || seen.has(e.personId)) {
      throw fieldError(`entries.${i}.personId`, 'party.duesNotMember', 'Not a member of the branch that month.');
    }
    seen.add(e.personId);
    if (cachedStatement(db, 'SELECT 1 FROM party_dues WHERE person_id = ? AND month = ? AND deleted_at IS NULL').get(e.personId, input.month)) {
      throw new AppError('DUES_ALREADY_RECORDED', 'Dues already recorded.', { name: members.get(e.personId) ?? '', month: input.month });
    }
  });
  for (const e of input.entries) {
    insertSynced(db, { ...ctx, subjectId: e.personId }, 'party_dues', { person_id: e.personId, month: input.month, amount_fen: e.amountFen, paid_on: input.paidOn }, 'party_dues');
  }
  return { count: input.entries.length };
}

function requireDues(db: Db, id: string): { person_id: string } {
  const row = cachedStatement(db, 'SELECT person_id FROM party_dues WHERE id = ? AND deleted_at IS NULL').get(id) as { person_id: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Dues ${id} not found.`, { entity: 'party_dues', id });
  return row;
}

export function updateDues(db: Db, ctx: WriteContext, input: { id: string; amountFen: number; paidOn: string; notes: string }, today: string): { changed: boolean } {
  const row = requireDues(db, input.id);
  assertNotInFuture('paidOn', input.paidOn, today);
  return updateSynced(db, { ...ctx, subjectId: row.person_id }, 'party_dues', input.id, { amount_fen: input.amountFen, paid_on: input.paidOn, notes: input.notes }, 'party_dues');
}

export function deleteDues(db: Db, ctx: WriteContext, id: string): void {
  const row = requireDues(db, id);
  tombstoneSynced(db, { ...ctx, subjectId: row.person_id }, 'party_dues', id, 'party_dues');
}

export function duesOfPerson(db: Db, personId: string, fromMonth: string, toMonth: string): DuesRow[] {
  return cachedStatement(db, `${SELECT} WHERE d.person_id = ? AND d.deleted_at IS NULL AND d.month >= ? AND d.month <= ? ORDER BY d.month`).all(
    personId,
    fromMonth,
    toMonth,
  ) as DuesRow[];
}

/**
 * Months from max(start month, January) up to `month` without dues. `since` is when the member's
 * unbroken membership began (continuousSince), not the current branch's row: a move keeps the debt.
 */
export function monthsBehind(db: Db, personId: string, since: string, month: string): string[] {
  const owed = dueMonths(since, month);
  if (owed.length === 0) return [];
  const paid = new Set(duesOfPerson(db, personId, owed[0] ?? month, month).map((d) => d.month));
  return owed.filter((m) => !paid.has(m));
}

/**
 * 党费欠缴: every current member still living here with at least one unpaid month this year up to `month`, counted across branch moves.
 * Set-based for a county's thousands of members: one statement reads the current memberships with the
 * months paid this year (seeks on party_dues_month), one the branch moves; the months owed are worked
 * out in memory exactly as monthsBehind does, and only the members behind are then named and sorted.
 */
export function arrears(db: Db, month: string, branchId: string | undefined, office?: string): ArrearsRow[] {
  const current = cachedStatement(
    db,
    `SELECT m.id, m.person_id, m.from_date,
       (SELECT group_concat(d.month) FROM party_dues d WHERE d.person_id = m.person_id AND d.deleted_at IS NULL AND d.month >= @yearStart AND d.month <= @month) AS paid
     FROM party_memberships m
     WHERE m.to_date IS NULL AND m.deleted_at IS NULL AND (@branchId IS NULL OR m.branch_id = @branchId)`,
  ).all({ branchId: branchId ?? null, month, yearStart: `${month.slice(0, 4)}-01` }) as { id: string; person_id: string; from_date: string; paid: string | null }[];
  const sinceOf = continuousSinceOfAll(db);
  // dueMonths for everyone at once: this year's months up to `month`, each member owing those from their start on.
  const yearMonths = dueMonths(`${month.slice(0, 4)}-01-01`, month);
  const behindOf = new Map<string, string[]>();
  for (const m of current) {
    const started = monthOf(sinceOf({ id: m.id, personId: m.person_id, fromDate: m.from_date }));
    // Months are 'YYYY-MM' (the table checks it), so the comma list holds whole months only.
    const paid = m.paid === null ? [] : m.paid.split(',');
    const behind = yearMonths.filter((o) => o >= started && !paid.includes(o));
    if (behind.length > 0) behindOf.set(m.id, behind);
  }
  if (behindOf.size === 0) return [];
  const rows = cachedStatement(
    db,
    // CROSS JOIN keeps the members behind as the outer loop (SQLite would rather walk the registry's active persons).
    `SELECT m.id, m.person_id, p.name AS person_name, p.origin_office, m.branch_id, b.name AS branch_name,
       (SELECT max(d.month) FROM party_dues d WHERE d.person_id = m.person_id AND d.deleted_at IS NULL) AS last_paid
     FROM json_each(@ids) j CROSS JOIN party_memberships m ON m.id = j.value
       CROSS JOIN persons p ON p.id = m.person_id AND p.deleted_at IS NULL CROSS JOIN party_branches b ON b.id = m.branch_id
     -- Someone who died or moved away owes nothing more; the member list flags them so the membership gets ended.
     WHERE p.status = 'active' AND (@office IS NULL OR p.origin_office = @office)
     ORDER BY b.name, p.name_pinyin, p.id`,
  ).all({ ids: JSON.stringify([...behindOf.keys()]), office: office ?? null }) as { id: string; person_id: string; person_name: string; origin_office: string; branch_id: string; branch_name: string; last_paid: string | null }[];
  return rows.map((m) => ({
    personId: m.person_id,
    originOffice: m.origin_office,
    personName: m.person_name,
    branchId: m.branch_id,
    branchName: m.branch_name,
    months: behindOf.get(m.id) ?? [],
    lastPaidMonth: m.last_paid,
  }));
}
