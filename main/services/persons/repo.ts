import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import type { Person, PersonRow } from '../../../shared/schemas/persons';
import { ageOn } from '../../../shared/calendar';
import { decodeLunarBirthday } from '../../../shared/lunarBirthday';

export interface PersonDbRow {
  rowid: number;
  id: string;
  name: string;
  name_pinyin: string;
  name_initials: string;
  gender: Person['gender'];
  ethnicity: string;
  id_number: string;
  birth_date: string;
  lunar_birthday: string | null;
  phones: string;
  photo: string | null;
  retirement_type: Person['retirementType'];
  retirement_date: string | null;
  original_unit: string;
  unit_level: Person['unitLevel'];
  unit_kind: Person['unitKind'];
  unit_id: string | null;
  former_position: string;
  rank: string;
  political_status: Person['politicalStatus'];
  community: string;
  grid: string;
  grid_id: string | null;
  high_risk: number;
  address: string;
  living_situation: Person['livingSituation'];
  household_registration: string;
  notes: string;
  status: Person['status'];
  status_date: string | null;
  latest_adl_total: number | null;
  latest_adl_date: string | null;
  latest_capability_grade: Person['latestCapabilityGrade'];
  latest_capability_date: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  origin_office: string;
}

/** Columns of a list row: everything but the photo and long text. */
export const LIST_COLUMNS = `p.rowid, p.id, p.name, p.name_pinyin, p.gender, p.ethnicity, p.id_number, p.birth_date, p.phones,
  p.retirement_type, p.retirement_date, p.original_unit, p.unit_level, p.unit_id, p.former_position, p.rank, p.political_status,
  p.community, p.grid, p.grid_id, p.high_risk, p.address, p.living_situation, p.status, p.status_date, p.latest_adl_total, p.latest_adl_date,
  p.latest_capability_grade, p.latest_capability_date, p.created_at, p.updated_at, p.origin_office`;

export function toPersonRow(row: Omit<PersonDbRow, 'photo' | 'notes' | 'household_registration' | 'name_initials' | 'deleted_at' | 'lunar_birthday' | 'unit_kind'>, today: string): PersonRow {
  return {
    id: row.id,
    name: row.name,
    namePinyin: row.name_pinyin,
    gender: row.gender,
    ethnicity: row.ethnicity,
    idNumber: row.id_number,
    birthDate: row.birth_date,
    age: ageOn(row.birth_date, row.status === 'deceased' && row.status_date ? row.status_date : today),
    phones: JSON.parse(row.phones) as string[],
    retirementType: row.retirement_type,
    retirementDate: row.retirement_date,
    originalUnit: row.original_unit,
    unitLevel: row.unit_level,
    unitId: row.unit_id,
    formerPosition: row.former_position,
    rank: row.rank,
    politicalStatus: row.political_status,
    community: row.community,
    grid: row.grid,
    gridId: row.grid_id,
    highRisk: row.high_risk === 1,
    address: row.address,
    livingSituation: row.living_situation,
    status: row.status,
    statusDate: row.status_date,
    latestAdlTotal: row.latest_adl_total,
    latestAdlDate: row.latest_adl_date,
    latestCapabilityGrade: row.latest_capability_grade,
    latestCapabilityDate: row.latest_capability_date,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    originOffice: row.origin_office,
  };
}

export function toPerson(row: PersonDbRow, today: string): Person {
  return {
    ...toPersonRow(row, today),
    lunarBirthday: decodeLunarBirthday(row.lunar_birthday),
    unitKind: row.unit_kind,
    photo: row.photo,
    notes: row.notes,
    householdRegistration: row.household_registration,
  };
}

export function getPersonRow(db: Db, id: string): PersonDbRow | undefined {
  return cachedStatement(db, 'SELECT rowid, * FROM persons WHERE id = ? AND deleted_at IS NULL').get(id) as PersonDbRow | undefined;
}

export function findByIdNumber(db: Db, idNumber: string): { id: string; name: string } | undefined {
  return cachedStatement(db, 'SELECT id, name FROM persons WHERE id_number = ? AND deleted_at IS NULL').get(idNumber) as
    | { id: string; name: string }
    | undefined;
}
