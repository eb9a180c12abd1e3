/**
 * The registry of original units (原工作单位) and the persons linked to them. A person linked to a
 * unit carries the unit's name and level in persons.original_unit / unit_level, so the list, search,
 * roster and every report that reads those columns stay right; renaming a unit rewrites them in the
 * same transaction, through updateSynced, so each person's history shows the change.
 */
import type { Db } from '../../db/connection';
import { insertSynced, registerSyncedTable, tombstoneSynced, updateSynced, type SqlValue, type WriteContext } from '../../db/sync';
import { cachedStatement } from '../../db/statements';
import { likeContains, Where } from '../../db/paged';
import { namePinyin } from '../persons/pinyin';
import { AppError, fieldError } from '../../../shared/errors';
import { ageOn } from '../../../shared/calendar';
import type { Unit, UnitDetail, UnitFields, UnitLevel, UnitListQuery, UnitPerson } from '../../../shared/schemas/units';
import { normaliseUnitName } from './similarity';

registerSyncedTable('units');

export interface UnitDbRow {
  id: string;
  name: string;
  level: UnitLevel;
  retiree_department: string;
  contact_person: string;
  contact_phone: string;
  party_contact: string;
  party_phone: string;
  address: string;
  notes: string;
  origin_office: string;
  created_at: string;
  updated_at: string;
  person_count: number;
  active_count: number;
}

const SELECT = `SELECT u.id, u.name, u.level, u.retiree_department, u.contact_person, u.contact_phone, u.party_contact, u.party_phone,
    u.address, u.notes, u.origin_office, u.created_at, u.updated_at,
    (SELECT count(*) FROM persons p WHERE p.unit_id = u.id AND p.deleted_at IS NULL) AS person_count,
    (SELECT count(*) FROM persons p WHERE p.unit_id = u.id AND p.deleted_at IS NULL AND p.status = 'active') AS active_count
  FROM units u`;

export function toUnit(r: UnitDbRow): Unit {
  return {
    id: r.id,
    name: r.name,
    level: r.level,
    retireeDepartment: r.retiree_department,
    contactPerson: r.contact_person,
    contactPhone: r.contact_phone,
    partyContact: r.party_contact,
    partyPhone: r.party_phone,
    address: r.address,
    notes: r.notes,
    personCount: r.person_count,
    activeCount: r.active_count,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function columnsOf(fields: UnitFields): Record<string, SqlValue> {
  return {
    name: fields.name,
    level: fields.level,
    retiree_department: fields.retireeDepartment,
    contact_person: fields.contactPerson,
    contact_phone: fields.contactPhone,
    party_contact: fields.partyContact,
    party_phone: fields.partyPhone,
    address: fields.address,
    notes: fields.notes,
  };
}

export function findUnitRow(db: Db, id: string): UnitDbRow | undefined {
  return cachedStatement(db, `${SELECT} WHERE u.id = ? AND u.deleted_at IS NULL`).get(id) as UnitDbRow | undefined;
}

export function requireUnitRow(db: Db, id: string, path?: string): UnitDbRow {
  const row = findUnitRow(db, id);
  if (!row) {
    if (path !== undefined) {
      throw fieldError(path, 'units.unitGone', `Unit ${id} does not exist.`);
    }
    throw new AppError('NOT_FOUND', `Unit ${id} not found.`, { entity: 'unit', id });
  }
  return row;
}

/**
 * Names are unique per office once normalised: 县 水利局 and 县水利局（ ） are the same unit typed twice.
 * A unit received from another office may share a name with one of ours; that is theirs to keep.
 */
function refuseTakenName(db: Db, officeId: string, name: string, exceptId: string | null): void {
  const key = normaliseUnitName(name);
  const rows = cachedStatement(db, 'SELECT id, name FROM units WHERE origin_office = ? AND deleted_at IS NULL').all(officeId) as { id: string; name: string }[];
  const taken = rows.find((r) => r.id !== exceptId && normaliseUnitName(r.name) === key);
  if (taken) throw new AppError('UNIT_NAME_TAKEN', `A unit named ${taken.name} already exists.`, { name: taken.name, existingId: taken.id });
}

export function createUnit(db: Db, ctx: WriteContext, fields: UnitFields): string {
  refuseTakenName(db, ctx.officeId, fields.name, null);
  return insertSynced(db, ctx, 'units', columnsOf(fields), 'unit');
}

/** A unit's name and level, written into a linked person's record (only what differs, so history stays quiet). */
export function linkPerson(db: Db, ctx: WriteContext, personId: string, unit: { id: string; name: string; level: UnitLevel }): boolean {
  return updateSynced(db, { ...ctx, subjectId: personId }, 'persons', personId, { unit_id: unit.id, original_unit: unit.name, unit_level: unit.level }, 'person').changed;
}

function linkedPersonIds(db: Db, unitId: string): string[] {
  return (cachedStatement(db, 'SELECT id FROM persons WHERE unit_id = ? AND deleted_at IS NULL ORDER BY id').all(unitId) as { id: string }[]).map((r) => r.id);
}

export function updateUnit(db: Db, ctx: WriteContext, id: string, fields: UnitFields): { changed: boolean; personsUpdated: number } {
  const row = requireUnitRow(db, id);
  refuseTakenName(db, row.origin_office, fields.name, id);
  const result = updateSynced(db, ctx, 'units', id, columnsOf(fields), 'unit');
  let personsUpdated = 0;
  if (row.name !== fields.name || row.level !== fields.level) {
    for (const personId of linkedPersonIds(db, id)) {
      if (linkPerson(db, ctx, personId, { id, name: fields.name, level: fields.level })) personsUpdated++;
    }
  }
  return { changed: result.changed, personsUpdated };
}

export function deleteUnit(db: Db, ctx: WriteContext, id: string): void {
  const row = requireUnitRow(db, id);
  if (row.person_count > 0) throw new AppError('UNIT_IN_USE', `${row.person_count} persons are linked to unit ${row.name}.`, { count: row.person_count, name: row.name });
  tombstoneSynced(db, ctx, 'units', id, 'unit');
}

export function getUnit(db: Db, id: string, today: string): UnitDetail {
  const unit = toUnit(requireUnitRow(db, id));
  const persons = (
    cachedStatement(
      db,
      `SELECT id, name, gender, birth_date, status, status_date, former_position, political_status, address, phones
         FROM persons WHERE unit_id = ? AND deleted_at IS NULL
         ORDER BY CASE status WHEN 'active' THEN 0 ELSE 1 END, name_pinyin, id`,
    ).all(id) as {
      id: string;
      name: string;
      gender: UnitPerson['gender'];
      birth_date: string;
      status: UnitPerson['status'];
      status_date: string | null;
      former_position: string;
      political_status: string;
      address: string;
      phones: string;
    }[]
  ).map(
    (p): UnitPerson => ({
      id: p.id,
      name: p.name,
      gender: p.gender,
      age: ageOn(p.birth_date, p.status === 'deceased' && p.status_date ? p.status_date : today),
      status: p.status,
      formerPosition: p.former_position,
      politicalStatus: p.political_status,
      address: p.address,
      phones: JSON.parse(p.phones) as string[],
    }),
  );
  return { unit, persons };
}

export function listUnits(db: Db, query: UnitListQuery): { total: number; capped: boolean; rows: Unit[] } {
  const where = new Where('u.deleted_at IS NULL');
  if (query.search !== '') {
    where.and(
      `(u.name LIKE @search ESCAPE '\\' OR u.retiree_department LIKE @search ESCAPE '\\' OR u.contact_person LIKE @search ESCAPE '\\'
        OR u.party_contact LIKE @search ESCAPE '\\' OR u.contact_phone LIKE @search ESCAPE '\\')`,
      { search: likeContains(query.search) },
    );
  }
  where.andIf('u.level = @level', { level: query.level });
  // Ordered by the pinyin of the name, as the registry orders persons (东阳镇, 修文镇, 中国人民银行),
  // not by code point. An office has hundreds of units, so the order is made here and only the
  // page's rows are read in full.
  const matches = cachedStatement(db, `SELECT u.id, u.name FROM units u ${where.clause}`).all(where.params) as { id: string; name: string }[];
  const ordered = matches
    .map((u) => ({ id: u.id, key: unitSortKey(u.name) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const pageIds = ordered.slice(query.offset, query.offset + query.limit).map((u) => u.id);
  const byId = new Map(
    (cachedStatement(db, `${SELECT} WHERE u.id IN (SELECT value FROM json_each(@ids))`).all({ ids: JSON.stringify(pageIds) }) as UnitDbRow[]).map((r) => [r.id, r]),
  );
  return { total: matches.length, capped: false, rows: pageIds.flatMap((id) => (byId.has(id) ? [toUnit(byId.get(id) as UnitDbRow)] : [])) };
}

const sortKeys = new Map<string, string>();
/** The name's full pinyin, then the name itself so that homophones keep a fixed order. */
function unitSortKey(name: string): string {
  let key = sortKeys.get(name);
  if (key === undefined) {
    key = `${namePinyin(name).full}\u0000${name}`;
    if (sortKeys.size > 20_000) sortKeys.clear();
    sortKeys.set(name, key);
  }
  return key;
}
