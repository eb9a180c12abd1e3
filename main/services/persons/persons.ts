import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { registerBulkyColumn } from '../../db/audit';
import { insertSynced, updateSynced, tombstoneSynced, registerSyncedTable, type WriteContext, type SqlValue } from '../../db/sync';
import { selectPage, selectRankedPage, Where, type RankedPart } from '../../db/paged';
import { AppError, fieldError } from '../../../shared/errors';
import type { IdNumberCheck, PersonFields, Person, PersonListQuery, PersonRow } from '../../../shared/schemas/persons';
import { AGE_BANDS } from '../../../shared/schemas/persons';
import { ADL_BAND_RANGES } from '../../../shared/barthel';
import { birthRangeForAges } from '../../../shared/calendar';
import { parseIdNumber } from '../../../shared/idcard';
import { encodeLunarBirthday } from '../../../shared/lunarBirthday';
import { namePinyin } from './pinyin';
import { searchCondition } from './search';
import { findByIdNumber, getPersonRow, LIST_COLUMNS, toPerson, toPersonRow, type PersonDbRow } from './repo';
import { gridByName, placementFor } from '../grids/places';
import { createGrid } from '../grids/grids';
import { replanPerson, todayOf } from '../visits/planning';
import { scopeCondition, type PersonScope, ALL_PERSONS } from '../scope';
import { unitLinkColumns } from '../units/link';

registerSyncedTable('persons');
registerBulkyColumn('persons', 'photo');
registerSyncedTable('person_status_events');

/** Person fields → persons columns. */
export function personColumns(fields: PersonFields): Record<string, SqlValue> {
  const { full, initials } = namePinyin(fields.name);
  return {
    name: fields.name,
    name_pinyin: full,
    name_initials: initials,
    gender: fields.gender,
    ethnicity: fields.ethnicity,
    id_number: fields.idNumber,
    birth_date: fields.birthDate,
    // Left out (roster import), the recorded lunar birthday stays.
    ...(fields.lunarBirthday === undefined ? {} : { lunar_birthday: encodeLunarBirthday(fields.lunarBirthday) }),
    phones: JSON.stringify(fields.phones),
    photo: fields.photo,
    retirement_type: fields.retirementType,
    retirement_date: fields.retirementDate,
    original_unit: fields.originalUnit,
    unit_level: fields.unitLevel,
    // Left out (a roster without the column), the recorded 单位性质 stays.
    ...(fields.unitKind === undefined ? {} : { unit_kind: fields.unitKind }),
    former_position: fields.formerPosition,
    rank: fields.rank,
    political_status: fields.politicalStatus,
    community: fields.community,
    grid: fields.grid,
    address: fields.address,
    living_situation: fields.livingSituation,
    household_registration: fields.householdRegistration,
    notes: fields.notes,
  };
}

function refuseDuplicate(db: Db, idNumber: string, exceptId?: string): void {
  const existing = findByIdNumber(db, idNumber);
  if (existing && existing.id !== exceptId) {
    throw new AppError('DUPLICATE_ID_NUMBER', `A person with ID number ${idNumber} is already registered: ${existing.name}.`, {
      existingId: existing.id,
      existingName: existing.name,
    });
  }
}

/**
 * Live feedback for the form: whether the ID number is valid (as of `now`), the birth date and
 * gender it gives, and who is registered under it already (other than `exceptId`, the person edited).
 */
export function checkIdNumber(db: Db, idNumber: string, exceptId: string | undefined, now: Date): IdNumberCheck {
  const parsed = parseIdNumber(idNumber, now);
  if (!parsed.ok) return { valid: false, problem: parsed.problem, normalised: null, birthDate: null, gender: null, existing: null };
  const existing = findByIdNumber(db, parsed.value);
  return {
    valid: true,
    problem: null,
    normalised: parsed.value,
    birthDate: parsed.birthDate,
    gender: parsed.gender,
    existing: existing && existing.id !== exceptId ? existing : null,
  };
}

/**
 * A grid typed for a person is one that exists: the form asks before creating one (createGrid true)
 * and otherwise the name is refused, so the registry never shows a grid the worklists do not know.
 */
function ensureTypedGrid(db: Db, ctx: WriteContext, fields: PersonFields): void {
  if (fields.grid === '' || fields.createGrid === undefined || gridByName(db, fields.grid)) return;
  if (!fields.createGrid) {
    throw new AppError('GRID_NOT_FOUND', `There is no grid named ${fields.grid}.`, { name: fields.grid });
  }
  createGrid(db, ctx, { name: fields.grid, description: '', workerIds: [], places: [] });
}

/**
 * A new person: placed in a grid (by the grid name typed, else by address), and their visits planned.
 */
export function createPerson(db: Db, ctx: WriteContext, fields: PersonFields): string {
  refuseDuplicate(db, fields.idNumber);
  ensureTypedGrid(db, ctx, fields);
  const placement = placementFor(db, fields.grid, fields.address);
  const unit = unitLinkColumns(db, fields.unitId, null, fields.originalUnit);
  const id = insertSynced(db, ctx, 'persons', { ...personColumns(fields), ...unit, grid: placement.grid, grid_id: placement.gridId }, 'person', { subjectIsRow: true });
  replanPerson(db, ctx, id, todayOf(ctx));
  return id;
}

/** Updates the record; the grid is worked out again only when the grid text or the address changed. */
export function updatePerson(db: Db, ctx: WriteContext, id: string, fields: PersonFields): { changed: boolean } {
  const row = getPersonRow(db, id);
  if (!row) throw new AppError('NOT_FOUND', `Person ${id} not found.`, { entity: 'person', id });
  refuseDuplicate(db, fields.idNumber, id);
  const columns: Record<string, SqlValue> = { ...personColumns(fields), ...unitLinkColumns(db, fields.unitId, row.unit_id, fields.originalUnit) };
  if (fields.grid !== row.grid || fields.address !== row.address) {
    ensureTypedGrid(db, ctx, fields);
    const placement = placementFor(db, fields.grid, fields.address);
    columns['grid'] = placement.grid;
    columns['grid_id'] = placement.gridId;
  }
  const result = updateSynced(db, { ...ctx, subjectId: id }, 'persons', id, columns, 'person');
  if (result.changed) replanPerson(db, ctx, id, todayOf(ctx));
  return result;
}

export function deletePerson(db: Db, ctx: WriteContext, id: string): void {
  tombstoneSynced(db, { ...ctx, subjectId: id }, 'persons', id, 'person');
  replanPerson(db, ctx, id, todayOf(ctx));
}

/** 高风险: flagged by staff, visited monthly and marked on lists. */
export function setHighRisk(db: Db, ctx: WriteContext, id: string, highRisk: boolean): { changed: boolean } {
  if (!getPersonRow(db, id)) throw new AppError('NOT_FOUND', `Person ${id} not found.`, { entity: 'person', id });
  const result = updateSynced(db, { ...ctx, subjectId: id }, 'persons', id, { high_risk: highRisk ? 1 : 0 }, 'person');
  if (result.changed) replanPerson(db, ctx, id, todayOf(ctx));
  return result;
}

export interface StatusChange {
  id: string;
  status: Person['status'];
  date: string;
  destination: string;
  note: string;
}

/** 在册 → 迁出 / 去世 (and back, when a record was wrong): a dated event, and the current status beside it. */
export function changeStatus(db: Db, ctx: WriteContext, change: StatusChange): string {
  const row = getPersonRow(db, change.id);
  if (!row) throw new AppError('NOT_FOUND', `Person ${change.id} not found.`, { entity: 'person', id: change.id });
  if (row.status === change.status) throw new AppError('STATUS_UNCHANGED', 'The person already has this status.', { status: row.status });
  if (change.date < row.birth_date) throw fieldError('date', 'date.beforeBirth', 'The date is before the birth date.');
  const subject = { ...ctx, subjectId: change.id };
  const eventId = insertSynced(
    db,
    subject,
    'person_status_events',
    { person_id: change.id, status: change.status, date: change.date, destination: change.destination, note: change.note },
    'person_status',
  );
  updateSynced(db, subject, 'persons', change.id, { status: change.status, status_date: change.date }, 'person');
  // 去世: a condolence visit and every other visit cancelled; 迁出: every visit cancelled.
  replanPerson(db, ctx, change.id, todayOf(ctx));
  return eventId;
}

export function listStatusEvents(db: Db, personId: string) {
  return (
    cachedStatement(
      db,
        'SELECT id, status, date, destination, note, created_at FROM person_status_events WHERE person_id = ? AND deleted_at IS NULL ORDER BY date DESC, id DESC',
      )
      .all(personId) as { id: string; status: Person['status']; date: string; destination: string; note: string; created_at: string }[]
  ).map((r) => ({ id: r.id, status: r.status, date: r.date, destination: r.destination, note: r.note, createdAt: r.created_at }));
}

export function getPerson(db: Db, id: string, today: string): Person {
  const row = getPersonRow(db, id);
  if (!row) throw new AppError('NOT_FOUND', `Person ${id} not found.`, { entity: 'person', id });
  return toPerson(row, today);
}

const SORT_COLUMNS: Record<PersonListQuery['sort'], string> = {
  name: 'p.name_pinyin',
  birthDate: 'p.birth_date',
  createdAt: 'p.created_at',
  address: 'p.grid, p.address',
  updatedAt: 'p.updated_at',
};

const AGE_RANGES: Record<(typeof AGE_BANDS)[number], [number, number]> = {
  under70: [0, 69],
  '70to79': [70, 79],
  '80to89': [80, 89],
  '90plus': [90, 200],
};

/** The conditions of a list query: every value a bound parameter, every column name from this file. */
export function listFilter(
  query: Omit<PersonListQuery, 'limit' | 'offset' | 'sort' | 'direction'>,
  today: string,
  scope: PersonScope = ALL_PERSONS,
): Where {
  const where = new Where('p.deleted_at IS NULL');
  if (scope.userId !== null) {
    const condition = scopeCondition(scope);
    where.and(condition.sql, condition.params);
  }
  // Most persons are 在册, so tell the planner the status test is weak: without statistics it
  // would walk the whole status index and test each row against a search's few matches.
  if (query.status !== 'all') where.and('likelihood(p.status = @status, 0.9)', { status: query.status });
  if (query.grid !== undefined && query.grid !== '') where.and('p.grid = @grid', { grid: query.grid });
  if (query.unitLevel) where.and('p.unit_level = @unitLevel', { unitLevel: query.unitLevel });
  if (query.livingSituation) where.and('p.living_situation = @livingSituation', { livingSituation: query.livingSituation });
  if (query.office !== undefined) where.and('p.origin_office = @office', { office: query.office });
  if (query.politicalStatus) where.and('p.political_status = @politicalStatus', { politicalStatus: query.politicalStatus });
  if (query.ageBand) {
    const [min, max] = AGE_RANGES[query.ageBand];
    const [birthFrom, birthTo] = birthRangeForAges(today, min, max);
    where.and('p.birth_date BETWEEN @birthFrom AND @birthTo', { birthFrom, birthTo });
  }
  if (query.adlBand) {
    const [adlMin, adlMax] = ADL_BAND_RANGES[query.adlBand];
    where.and('p.latest_adl_total BETWEEN @adlMin AND @adlMax', { adlMin, adlMax });
  }
  if (query.capabilityGrade === 'unassessed') where.and('p.latest_capability_grade IS NULL');
  else if (query.capabilityGrade) where.and('p.latest_capability_grade = @capabilityGrade', { capabilityGrade: query.capabilityGrade });
  return where;
}

/**
 * From how many matches a search part spread over the list's order is walked in display order
 * rather than sorted: sorting reads each match's row (a few µs each), the walk reads index entries
 * (a fraction of a µs each) until the page is full, about (persons / matches) × page of them.
 */
const WALK_FROM = 400;

/** The list's conditions, one set for each part of the search (see SearchCondition), ranked. */
export function listParts(
  db: Db,
  query: Omit<PersonListQuery, 'limit' | 'offset' | 'sort' | 'direction'>,
  today: string,
  scope: PersonScope = ALL_PERSONS,
): RankedPart[] {
  const search = searchCondition(query.search);
  if (!search) return [{ where: listFilter(query, today, scope), rank: 0 }];
  // With no filter but the status, whether a person is listed is read from persons_live, a small
  // index that stays in memory, rather than from the person's row: a count of a thousand matches
  // otherwise reads a thousand rows from all over the file.
  const statusOnly =
    query.status !== 'all' &&
    scope.userId === null &&
    [query.grid, query.unitLevel, query.livingSituation, query.office, query.politicalStatus, query.ageBand, query.adlBand, query.capabilityGrade].every((v) => v === undefined || v === '');
  const countFrom = (from: { source: string; key: string } | undefined) =>
    from === undefined ? 'FROM persons p' : `FROM ${from.source} CROSS JOIN persons p${statusOnly ? ' INDEXED BY persons_live' : ''} ON p.rowid = ${from.key}`;
  return search.parts.map((part, i) => {
    const where = listFilter(query, today, scope).and(part.sql, search.params);
    const count = part.count ? { countFrom: countFrom(part.count.from), countWhere: listFilter(query, today, scope).and(part.count.sql, search.params) } : {};
    const spread = part.spread;
    if (!spread) return { where, rank: part.rank, ...count };
    const from = spread.from ?? WALK_FROM;
    if (spread.once) {
      // The set read once: its row ids (distinct, each a person at most once) as a JSON list.
      const name = `set${i}`;
      const set = cachedStatement(db, `WITH s(k) AS (${spread.set}) SELECT count(*) AS n, json_group_array(k) AS ids FROM s`).get(search.params) as { n: number; ids: string };
      const ids = { [name]: set.ids };
      const inSet = `p.rowid IN (SELECT value FROM json_each(@${name}))`;
      return {
        where: listFilter(query, today, scope).and(set.n < from ? inSet : `+${inSet}`, ids),
        countFrom: countFrom({ source: `json_each(@${name}) j`, key: 'j.value' }),
        countWhere: listFilter(query, today, scope).and('p.rowid = j.value', ids),
        rank: part.rank,
      };
    }
    const upTo = Math.max(from, spread.probe?.from ?? 0);
    const many = cachedStatement(db, `SELECT count(*) AS n FROM (${spread.set} LIMIT ${upTo})`).get(search.params) as { n: number };
    if (many.n < from) return { where, rank: part.rank, ...count };
    const walk = spread.probe && many.n >= spread.probe.from ? spread.probe.walk : spread.walk;
    // The page walks; the count reads the set's rows, which stops at the cap.
    return { where: listFilter(query, today, scope).and(walk, search.params), countWhere: where, rank: part.rank, ...count };
  });
}

export function listPersons(db: Db, query: PersonListQuery, today: string, scope: PersonScope = ALL_PERSONS): { total: number; capped: boolean; rows: PersonRow[] } {
  const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
  const order = SORT_COLUMNS[query.sort]
    .split(', ')
    .map((c) => `${c} ${direction}`)
    .join(', ');
  // A person's row is wide: the page is chosen on the sort columns first, then read whole.
  const list = { select: `SELECT ${LIST_COLUMNS} FROM persons p`, countFrom: 'FROM persons p', orderBy: `${order}, p.id ${direction}`, key: 'p.rowid' };
  const parts = listParts(db, query, today, scope);
  const { total, capped, rows } =
    parts.length === 1 && parts[0] && !parts[0].countWhere && !parts[0].countFrom ? selectPage<PersonDbRow>(db, list, parts[0].where, query) : selectRankedPage<PersonDbRow>(db, list, parts, query);
  return { total, capped, rows: rows.map((r) => toPersonRow(r, today)) };
}

/** Names of the grids persons are in, for the registry's filter: only grids that exist (a person's grid_id). */
export function listGridNames(db: Db): string[] {
  return (cachedStatement(db, "SELECT DISTINCT grid FROM persons WHERE deleted_at IS NULL AND grid_id IS NOT NULL AND grid <> '' ORDER BY grid").all() as { grid: string }[]).map(
    (r) => r.grid,
  );
}
