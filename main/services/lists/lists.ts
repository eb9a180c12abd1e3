/**
 * Printed lists: the visit list a grid worker takes out (走访名单) and 爱心服务卡, numbered per
 * month (2026-11-0007) and stored with a snapshot of what was printed, so "enter results for list
 * 2026-11-0007" finds exactly the rows on the paper and records them all at once.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { insertSynced, registerSyncedTable, tombstoneSynced, updateSynced, type WriteContext } from '../../db/sync';
import { selectPage, Where } from '../../db/paged';
import { AppError, fieldError } from '../../../shared/errors';
import { parseDateText, toDateString } from '../../../shared/dates';
import { ageOn } from '../../../shared/calendar';
import type { User } from '../../../shared/schemas/user';
import type { CreateListInput, ListParams, ListResult, ListRow, PrintedList, ServiceCard } from '../../../shared/schemas/lists';
import { needLines, type VisitMethod } from '../../../shared/schemas/visits';
import type { VisitReason } from '../../../shared/schedule/engine';
import { getSettings } from '../settings/settings';
import { getOffice } from '../app/office';
import { requireGrid } from '../grids/grids';
import { inScope, scopeCondition, scopeOf, type PersonScope } from '../scope';
import { lastVisitDates, riskFlags } from '../visits/flags';
import { plannedVisitsOf } from '../visits/planning';
import { recordVisit } from '../visits/records';

registerSyncedTable('printed_lists');

const collator = new Intl.Collator('zh-CN', { numeric: true });
const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 十二 → 12, 二十一 → 21, 三 → 3. */
function chineseNumber(text: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    const unit = CN_UNITS[ch];
    if (unit === undefined) digit = CN_DIGITS[ch] ?? 0;
    else {
      total += (digit || 1) * unit;
      digit = 0;
    }
  }
  return total + digit;
}

/** Text with Chinese numerals as digits, so 第二网格 sorts before 第十网格 and 3号楼 before 10号楼. */
function naturalKey(text: string): string {
  return text.replace(/[零〇一二两三四五六七八九十百千]+/g, (m) => String(chineseNumber(m)));
}

/** Walking order: grids and addresses compared by their numbers, then by pinyin. */
const addressOrder = { compare: (a: string, b: string) => collator.compare(naturalKey(a), naturalKey(b)) || collator.compare(a, b) };

/** The next number of the month in this office: 2026-11-0001, 2026-11-0002 … (deleted lists keep their numbers). */
export function nextListNo(db: Db, today: string): string {
  const month = today.slice(0, 7);
  const last = cachedStatement(db, "SELECT list_no FROM printed_lists WHERE origin_office = (SELECT id FROM office) AND list_no LIKE ? || '-%' ORDER BY list_no DESC LIMIT 1").get(month) as
    | { list_no: string }
    | undefined;
  const seq = last ? Number(last.list_no.slice(8)) + 1 : 1;
  return `${month}-${String(seq).padStart(4, '0')}`;
}

interface PersonListRow {
  id: string;
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  address: string;
  phones: string;
  grid: string;
  grid_name: string | null;
  status: string;
  status_date: string | null;
  living_situation: string;
  latest_adl_total: number | null;
  high_risk: number;
}

const PERSON_COLUMNS = `p.id, p.name, p.gender, p.birth_date, p.address, p.phones, p.grid, g.name AS grid_name, p.status, p.status_date,
  p.living_situation, p.latest_adl_total, p.high_risk`;

function userName(db: Db, id: string): string | null {
  return (cachedStatement(db, 'SELECT display_name FROM users WHERE id = ?').get(id) as { display_name: string } | undefined)?.display_name ?? null;
}

/** The user a grid worker may print for: themselves only. */
function listUser(user: User, requested: string | undefined): string | undefined {
  if (user.role !== 'gridworker') return requested;
  if (requested !== undefined && requested !== user.id) throw new AppError('FORBIDDEN', 'A grid worker prints lists of their own persons only.');
  return user.id;
}

function personsFor(db: Db, scope: PersonScope, opts: { userId?: string | undefined; gridId?: string | undefined; personIds?: readonly string[] | undefined; activeOnly: boolean }): PersonListRow[] {
  const sc = scopeCondition(scope);
  const where = new Where('p.deleted_at IS NULL').and(sc.sql, sc.params);
  if (opts.activeOnly) where.and("p.status = 'active'");
  where
    .andIf("p.id IN (SELECT person_id FROM contact_assignments WHERE user_id = @listUser AND role = 'primary' AND to_date IS NULL AND deleted_at IS NULL)", {
      listUser: opts.userId,
    })
    .andIf('p.grid_id = @gridId', { gridId: opts.gridId })
    .andIf('p.id IN (SELECT value FROM json_each(@personIds))', { personIds: opts.personIds === undefined ? undefined : JSON.stringify(opts.personIds) });
  const rows = cachedStatement(db, `SELECT ${PERSON_COLUMNS} FROM persons p LEFT JOIN grids g ON g.id = p.grid_id ${where.clause}`).all(where.params) as PersonListRow[];
  return rows.sort(
    (a, b) =>
      Number(a.grid_name === null && a.grid === '') - Number(b.grid_name === null && b.grid === '') ||
      addressOrder.compare(a.grid_name ?? a.grid, b.grid_name ?? b.grid) ||
      addressOrder.compare(a.address, b.address) ||
      addressOrder.compare(a.name, b.name),
  );
}

function visitRows(db: Db, persons: PersonListRow[], from: string, to: string, includeAll: boolean, today: string): ListRow[] {
  const riskAge = getSettings(db).scheduleRules.emptyNestRiskAge;
  const last = lastVisitDates(db, persons.map((p) => p.id));
  const rows: ListRow[] = [];
  for (const p of persons) {
    const open = plannedVisitsOf(db, p.id).filter((v) => v.done_on === null && v.cancelled_on === null);
    // One routine visit per period on the paper: the next period's is printed only when it falls due
    // within the list's range, not while this period's is still open (a quarter's list of
    // 12-05…01-04 is not the place for a visit due 03-31).
    const currentRoutine = open.find((v) => v.reason === 'routine' && v.missed_after >= today);
    const visits = open
      .filter((v) => v.window_start <= to && v.missed_after >= from)
      .filter((v) => v.reason !== 'routine' || currentRoutine === undefined || v.due_date <= currentRoutine.due_date || v.due_date <= to)
      .map((v) => ({ plannedVisitId: v.id, reason: v.reason, dueDate: v.due_date }));
    if (visits.length === 0 && !(includeAll && p.status === 'active')) continue;
    rows.push({
      row: rows.length + 1,
      personId: p.id,
      name: p.name,
      gender: p.gender,
      age: ageOn(p.birth_date, p.status === 'deceased' && p.status_date ? p.status_date : today),
      address: p.address,
      phone: (JSON.parse(p.phones) as string[])[0] ?? '',
      grid: p.grid_name ?? p.grid,
      flags: riskFlags(p, today, riskAge),
      visits,
      dueDate: visits[0]?.dueDate ?? null,
      lastVisitDate: last.get(p.id) ?? null,
    });
  }
  return rows;
}

export function serviceCardsFor(db: Db, persons: PersonListRow[]): ServiceCard[] {
  const contact = cachedStatement(
    db,
    `SELECT coalesce(u.display_name, a.user_name) AS name, u.phone FROM contact_assignments a LEFT JOIN users u ON u.id = a.user_id
     WHERE a.person_id = ? AND a.role = ? AND a.to_date IS NULL AND a.deleted_at IS NULL`,
  );
  return persons.map((p) => {
    const primary = contact.get(p.id, 'primary') as { name: string; phone: string | null } | undefined;
    const backup = contact.get(p.id, 'backup') as { name: string; phone: string | null } | undefined;
    return {
      personId: p.id,
      name: p.name,
      grid: p.grid_name ?? p.grid,
      contactName: primary?.name ?? null,
      contactPhone: primary?.phone ?? null,
      backupName: backup?.name ?? null,
      backupPhone: backup?.phone ?? null,
    };
  });
}

export interface CardsQuery {
  personIds?: readonly string[] | undefined;
  gridId?: string | undefined;
  userId?: string | undefined;
}

/** The persons of a service-card request: named persons (each must be visible), a grid, a worker's, or a grid worker's own. */
function cardPersons(db: Db, scope: PersonScope, user: User, query: CardsQuery): { persons: PersonListRow[]; userId: string | undefined } {
  const userId = listUser(user, query.userId);
  if (query.personIds !== undefined) {
    for (const id of query.personIds) {
      if (!inScope(db, scope, id) || !cachedStatement(db, 'SELECT 1 FROM persons WHERE id = ? AND deleted_at IS NULL').get(id)) {
        throw new AppError('NOT_FOUND', `Person ${id} not found.`, { entity: 'person', id });
      }
    }
  }
  if (query.gridId !== undefined) requireGrid(db, query.gridId);
  const persons = personsFor(db, scope, {
    personIds: query.personIds,
    gridId: query.gridId,
    userId: query.personIds === undefined ? userId : undefined,
    activeOnly: query.personIds === undefined,
  });
  return { persons, userId };
}

/** Service cards as asked by `user`, without storing a list. */
export function serviceCards(db: Db, user: User, query: CardsQuery) {
  const scope = scopeOf(db, user);
  if (query.personIds === undefined && query.gridId === undefined && query.userId === undefined && user.role !== 'gridworker') {
    throw fieldError('gridId', 'list.workerOrGrid');
  }
  const { persons } = cardPersons(db, scope, user, query);
  const settings = getSettings(db);
  return { officeName: getOffice(db)?.name ?? '', hotline: settings.hotline, hotline24h: settings.hotline24h, cards: serviceCardsFor(db, persons) };
}

/** Prints (stores and answers) a list as asked by `user`: a grid worker only for themselves and their own persons. */
export function createList(db: Db, ctx: WriteContext, user: User, input: CreateListInput, today: string): PrintedList {
  const scope = scopeOf(db, user);
  let params: ListParams;
  let rows: ListRow[] = [];
  let cards: ServiceCard[] = [];
  if (input.kind === 'visit_list') {
    const userId = listUser(user, input.userId);
    if (userId === undefined && input.gridId === undefined) throw fieldError('userId', 'list.workerOrGrid');
    if (input.to < input.from) throw fieldError('to', 'date.endBeforeStart');
    const grid = input.gridId === undefined ? null : requireGrid(db, input.gridId);
    const persons = personsFor(db, scope, { userId, gridId: input.gridId, activeOnly: false });
    rows = visitRows(db, persons, input.from, input.to, input.includeAllPersons, today);
    params = {
      userId: userId ?? null,
      userName: userId === undefined ? null : userName(db, userId),
      gridId: grid?.id ?? null,
      gridName: grid?.name ?? null,
      from: input.from,
      to: input.to,
      includeAllPersons: input.includeAllPersons,
      personIds: null,
    };
  } else {
    if (input.personIds === undefined && input.gridId === undefined && input.userId === undefined && user.role !== 'gridworker') {
      throw fieldError('gridId', 'list.workerOrGrid');
    }
    const { persons, userId } = cardPersons(db, scope, user, input);
    cards = serviceCardsFor(db, persons);
    const grid = input.gridId === undefined ? null : requireGrid(db, input.gridId);
    params = {
      userId: userId ?? null,
      userName: userId === undefined ? null : userName(db, userId),
      gridId: grid?.id ?? null,
      gridName: grid?.name ?? null,
      from: null,
      to: null,
      includeAllPersons: false,
      personIds: input.personIds === undefined ? null : [...input.personIds],
    };
  }
  const listNo = nextListNo(db, today);
  insertSynced(
    db,
    ctx,
    'printed_lists',
    {
      list_no: listNo,
      kind: input.kind,
      params_json: JSON.stringify(params),
      rows_json: JSON.stringify(input.kind === 'visit_list' ? rows : cards),
      results_json: '[]',
      printed_at: ctx.at,
      printed_by: ctx.actor.userId ?? ctx.actor.username,
    },
    'printed_list',
  );
  return toList(db, findList(db, listNo, scope), scope);
}

interface ListDbRow {
  id: string;
  list_no: string;
  kind: PrintedList['kind'];
  params_json: string;
  rows_json: string;
  results_json: string;
  printed_at: string;
  printed_by: string;
  printed_by_name: string | null;
  origin_office: string;
}

const LIST_SELECT = `SELECT l.id, l.list_no, l.kind, l.params_json, l.rows_json, l.results_json, l.printed_at, l.printed_by, u.display_name AS printed_by_name, l.origin_office
  FROM printed_lists l LEFT JOIN users u ON u.id = l.printed_by`;

/** A grid worker sees the lists printed by or for them, and only the rows of their own persons. */
function visibleTo(row: ListDbRow, scope: PersonScope): boolean {
  if (scope.userId === null) return true;
  const params = JSON.parse(row.params_json) as ListParams;
  return row.printed_by === scope.userId || params.userId === scope.userId;
}

function findList(db: Db, listNo: string, scope: PersonScope): ListDbRow {
  const row = cachedStatement(db, `${LIST_SELECT} WHERE l.list_no = ? AND l.deleted_at IS NULL ORDER BY l.origin_office = (SELECT id FROM office) DESC LIMIT 1`).get(listNo) as ListDbRow | undefined;
  if (!row) refuseIfCancelled(db, listNo, scope);
  if (!row || !visibleTo(row, scope)) throw new AppError('NOT_FOUND', `List ${listNo} not found.`, { entity: 'printed_list', listNo });
  return row;
}

/**
 * A number whose list this office cancelled (作废, a tombstone: the number is never given again) is
 * answered as cancelled, not as unknown, so whoever holds the old paper knows to take the new one.
 */
function refuseIfCancelled(db: Db, listNo: string, scope: PersonScope): void {
  const gone = cachedStatement(
    db,
    `SELECT l.id, l.list_no, l.kind, l.params_json, l.rows_json, l.results_json, l.printed_at, l.printed_by, NULL AS printed_by_name, l.deleted_at
     FROM printed_lists l WHERE l.list_no = ? AND l.origin_office = (SELECT id FROM office) AND l.deleted_at IS NOT NULL ORDER BY l.deleted_at DESC LIMIT 1`,
  ).get(listNo) as (ListDbRow & { deleted_at: string }) | undefined;
  if (gone && visibleTo(gone, scope)) {
    const on = toDateString(gone.deleted_at);
    throw new AppError('LIST_CANCELLED', `List ${listNo} was cancelled on ${on}.`, { listNo, cancelledOn: on });
  }
}

/**
 * Cancels (作废) a printed list that has no results yet, e.g. one printed with the wrong dates and
 * printed again: its number is kept, its paper and codes are refused from now on. A list with
 * results entered stays (LIST_HAS_RESULTS): the visits recorded from it point to it.
 */
export function cancelList(db: Db, ctx: WriteContext, user: User | null, listNo: string, reason: string): { listNo: string } {
  const scope = scopeOf(db, user);
  const row = findList(db, listNo, scope);
  const results = JSON.parse(row.results_json) as ListResult[];
  if (results.length > 0) throw new AppError('LIST_HAS_RESULTS', `List ${listNo} has results entered and cannot be cancelled.`, { listNo, rows: results.length });
  tombstoneSynced(db, { ...ctx, auditNote: { list_no: listNo, ...(reason === '' ? {} : { reason }) } }, 'printed_lists', row.id, 'printed_list');
  return { listNo };
}

function toList(db: Db, row: ListDbRow, scope: PersonScope): PrintedList {
  const settings = getSettings(db);
  const keep = (personId: string) => inScope(db, scope, personId);
  const snapshot = JSON.parse(row.rows_json) as unknown[];
  const office = getOffice(db);
  return {
    id: row.id,
    listNo: row.list_no,
    kind: row.kind,
    officeName: office?.name ?? '',
    areaCode: office?.areaCode ?? '',
    hotline: settings.hotline,
    hotline24h: settings.hotline24h,
    params: JSON.parse(row.params_json) as ListParams,
    rows: row.kind === 'visit_list' ? (snapshot as ListRow[]).filter((r) => keep(r.personId)) : [],
    cards: row.kind === 'service_cards' ? (snapshot as ServiceCard[]).filter((c) => keep(c.personId)) : [],
    printedAt: row.printed_at,
    printedBy: row.printed_by,
    printedByName: row.printed_by_name,
    results: JSON.parse(row.results_json) as ListResult[],
  };
}

/**
 * A list by its number. `user` is who asks (here and below): a grid worker finds only the lists
 * printed by or for them, and on them only their own persons; null is no restriction.
 */
export function getList(db: Db, listNo: string, user: User | null = null): PrintedList {
  const scope = scopeOf(db, user);
  return toList(db, findList(db, listNo, scope), scope);
}

/** The lists printed, newest number first; a grid worker's only those printed by or for them. */
export function listLists(
  db: Db,
  user: User | null,
  query: { kind?: PrintedList['kind'] | undefined; month?: string | undefined; office?: string | undefined; limit: number; offset: number },
) {
  const scope = scopeOf(db, user);
  const where = new Where('l.deleted_at IS NULL')
    .andIf('l.kind = @kind', { kind: query.kind })
    .andIf("l.list_no LIKE @month || '-%'", { month: query.month })
    .andIf('l.origin_office = @office', { office: query.office });
  if (scope.userId !== null) where.and("(l.printed_by = @scopeUser OR json_extract(l.params_json, '$.userId') = @scopeUser)", { scopeUser: scope.userId });
  const { total, capped, rows } = selectPage<ListDbRow>(db, { select: LIST_SELECT, countFrom: 'FROM printed_lists l', orderBy: 'l.list_no DESC' }, where, query);
  return {
    total,
    capped,
    rows: rows.map((r) => {
      const list = toList(db, r, scope);
      return {
        id: list.id,
        listNo: list.listNo,
        kind: list.kind,
        params: list.params,
        rowCount: list.kind === 'visit_list' ? list.rows.length : list.cards.length,
        enteredCount: list.results.length,
        printedAt: list.printedAt,
        printedBy: list.printedBy,
        printedByName: list.printedByName,
        originOffice: r.origin_office,
      };
    }),
  };
}

export interface ResultInput {
  row: number;
  outcome: 'visited' | 'not_visited';
  visitDate: string;
  method?: VisitMethod | undefined;
  visitors: string;
  findings: string;
  needs: string;
  note: string;
  giftFen: number;
  giftItems: string;
}

export interface ResultProblem {
  row: number;
  field: string;
  code: string;
}

/**
 * Records the results of a printed visit list in one go: every visited row becomes a visit record
 * resolving the row's planned visits; rows not visited are noted on the list. Any problem in any
 * row refuses the whole entry (LIST_RESULTS_INVALID, every problem with its row) and writes nothing.
 */
export function enterResults(db: Db, ctx: WriteContext, user: User | null, listNo: string, input: readonly ResultInput[], today: string) {
  const scope = scopeOf(db, user);
  const row = findList(db, listNo, scope);
  if (row.kind !== 'visit_list') throw fieldError('listNo', 'list.notVisitList');
  const list = toList(db, row, scope);
  const byRow = new Map(list.rows.map((r) => [r.row, r]));
  const entered = new Map(list.results.map((r) => [r.row, r]));
  const problems: ResultProblem[] = [];
  const seen = new Set<number>();
  const dates = new Map<number, string>();
  for (const r of input) {
    const problem = (field: string, code: string) => problems.push({ row: r.row, field, code });
    const target = byRow.get(r.row);
    if (!target) {
      problem('row', 'list.noSuchRow');
      continue;
    }
    if (seen.has(r.row)) {
      problem('row', 'list.duplicateRow');
      continue;
    }
    seen.add(r.row);
    if (entered.get(r.row)?.outcome === 'visited') problem('row', 'list.rowAlreadyEntered');
    if (!cachedStatement(db, 'SELECT 1 FROM persons WHERE id = ? AND deleted_at IS NULL').get(target.personId)) problem('row', 'list.personGone');
    if (r.outcome === 'visited') {
      if (r.visitDate === '') problem('visitDate', 'list.dateRequired');
      else {
        const date = parseDateText(r.visitDate);
        if (date === null) problem('visitDate', 'date.format');
        else if (date > today) problem('visitDate', 'date.inFuture');
        else dates.set(r.row, date);
      }
      if (r.method === undefined) problem('method', 'list.methodRequired');
    }
  }
  if (problems.length > 0) {
    const rowsWithProblems = new Set(problems.map((p) => p.row)).size;
    throw new AppError('LIST_RESULTS_INVALID', `${rowsWithProblems} row(s) of the results have problems; nothing was recorded.`, {
      listNo,
      rows: rowsWithProblems,
      problems,
    });
  }

  const results = list.results.filter((r) => !seen.has(r.row));
  const at = ctx.at;
  const enteredBy = ctx.actor.userId ?? ctx.actor.username;
  const visitRecordIds: string[] = [];
  const resolvedVisits: string[] = [];
  const requestIds: string[] = [];
  let notVisited = 0;
  for (const r of input) {
    const target = byRow.get(r.row) as ListRow;
    if (r.outcome === 'not_visited') {
      results.push({ row: r.row, outcome: 'not_visited', visitRecordId: null, visitDate: null, note: r.note, enteredAt: at, enteredBy });
      notVisited++;
      continue;
    }
    const date = dates.get(r.row) as string;
    // The row's visits still open whose window holds the date; if none does, the earliest of them.
    // (A row may carry November's and December's visits: one visit in November resolves November's.)
    const onRow = new Set(target.visits.map((v) => v.plannedVisitId));
    const open = plannedVisitsOf(db, target.personId).filter((v) => onRow.has(v.id) && v.done_on === null && v.cancelled_on === null);
    const inWindow = open.filter((v) => v.window_start <= date && date <= v.missed_after);
    const ids = (inWindow.length > 0 ? inWindow : open.slice(0, 1)).map((v) => v.id);
    const reason: VisitReason | 'ad_hoc' | undefined = target.visits.length === 0 ? 'ad_hoc' : undefined;
    const recorded = recordVisit(
      db,
      ctx,
      {
        personId: target.personId,
        plannedVisitIds: ids.length > 0 ? ids : undefined,
        listId: list.id,
        fields: {
          visitDate: date,
          visitors: r.visitors || (list.params.userName ?? ''),
          method: r.method as VisitMethod,
          reason,
          summary: r.findings,
          notSeen: false,
          findingsHealth: '',
          findingsLiving: '',
          findingsMood: '',
          needs: r.needs,
          followUp: '',
          giftFen: r.giftFen,
          giftItems: r.giftItems,
        },
        // Each need written on the paper is a service request, as on the visit form; its kind is
        // not on the paper (其他 until whoever takes it up says), nor who will handle it.
        requests: needLines(r.needs).map((description) => ({ category: 'other' as const, description, assignedTo: null })),
      },
      today,
      user,
    );
    visitRecordIds.push(recorded.id);
    resolvedVisits.push(...recorded.resolved);
    requestIds.push(...recorded.requestIds);
    results.push({ row: r.row, outcome: 'visited', visitRecordId: recorded.id, visitDate: date, note: r.note, enteredAt: at, enteredBy });
  }
  results.sort((a, b) => a.row - b.row);
  updateSynced(db, ctx, 'printed_lists', list.id, { results_json: JSON.stringify(results) }, 'printed_list');
  return { listNo, recorded: visitRecordIds.length, notVisited, visitRecordIds, resolvedVisits, requests: requestIds.length, requestIds };
}
