/**
 * Turns the rows of a roster into person fields, checked by the one validation of a person
 * (personFieldsSchema), and reports every problem with the row and column a person sees.
 *
 * Two steps, so the first can run in slices between which a cancel is noticed:
 *   prepareRow   the cells → values of the fields (Chinese values → codes, dates, phones); no database;
 *   resolveRows  against the database: a row whose ID number is registered updates that person,
 *                duplicates within the file, then the schema on the complete fields.
 *
 * Updates change only what the roster says: a column not mapped, or an empty cell, keeps the
 * person's current value (an empty cell in an office spreadsheet means "not filled in", not "erase").
 */
import type { Db } from '../../db/connection';
import { parseIdNumber } from '../../../shared/idcard';
import { excelSerialToDate, parseDateText } from '../../../shared/dates';
import { personFieldsSchema, type PersonFields, type PersonFieldsInput } from '../../../shared/schemas/persons';
import { findByIdNumber, getPersonRow, type PersonDbRow } from '../persons/repo';
import { withKeptUnit } from '../units/link';
import { gridByName } from '../grids/places';
import { columnOf, ROSTER_FIELDS, type RosterField, type RosterMapping } from './headers';
import { cellText, type CellValue, type ParsedRoster, type RosterRow } from './read';
import type { RosterProblem } from './problems';
import {
  GENDER_LABELS,
  LIVING_SITUATION_LABELS,
  lookup,
  POLITICAL_STATUS_LABELS,
  RETIREMENT_TYPE_LABELS,
  UNIT_KIND_LABELS,
  UNIT_LEVEL_LABELS,
} from './values';

type Provided = Partial<Omit<PersonFieldsInput, 'photo'>>;

export interface PreparedRow {
  row: number;
  /** Values of the cells that hold something, converted; fields with a problem are left out. */
  provided: Provided;
  /** The text of each mapped cell, for problems. */
  raw: Partial<Record<RosterField, string>>;
  problems: RosterProblem[];
  /** The normalised ID number, when it is valid. */
  idNumber: string | null;
}

export interface FieldChange {
  field: RosterField;
  from: string;
  to: string;
}

export type RowKind = 'create' | 'update' | 'unchanged' | 'error';

export interface ResolvedRow {
  row: number;
  kind: RowKind;
  name: string;
  /** The registered person a row updates. */
  personId: string | null;
  fields: PersonFields | null;
  changes: FieldChange[];
  problems: RosterProblem[];
  /** The grid name the row gives that is not a grid yet: created with the row (createGrids), else the row is refused. */
  newGrid?: string | undefined;
}

/** How rows are resolved: whether a grid name that is not a grid yet is created (the person confirmed) or refused. */
export interface ResolveOptions {
  createGrids: boolean;
}

/** The mapping as used: every field, a column index or null. */
export type FullMapping = Record<RosterField, number | null>;

export function completeMapping(mapping: RosterMapping, width: number): FullMapping {
  const full = {} as FullMapping;
  for (const field of ROSTER_FIELDS) {
    const index = mapping[field];
    full[field] = index !== undefined && index !== null && index >= 0 && index < width ? index : null;
  }
  return full;
}

const readGender = lookup(GENDER_LABELS);
const readRetirementType = lookup(RETIREMENT_TYPE_LABELS);
const readUnitLevel = lookup(UNIT_LEVEL_LABELS);
const readUnitKind = lookup(UNIT_KIND_LABELS);
const readPoliticalStatus = lookup(POLITICAL_STATUS_LABELS);
const readLivingSituation = lookup(LIVING_SITUATION_LABELS);

const ENUM_READERS: Partial<Record<RosterField, (raw: string) => string | null>> = {
  gender: readGender,
  retirementType: readRetirementType,
  unitLevel: readUnitLevel,
  unitKind: readUnitKind,
  politicalStatus: readPoliticalStatus,
  livingSituation: readLivingSituation,
};

const halfWidthDigits = (s: string) => s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

type DateRead = { date: string } | { yearMonth: string } | null;

/** A date cell: date text (date cells arrive as YYYY-MM-DD), an Excel serial number, 19450315, or a year and month. */
export function readDate(value: CellValue): DateRead {
  if (value === null) return null;
  if (typeof value === 'number') {
    if (Number.isInteger(value)) {
      if (value >= 18500101 && value <= 22001231) {
        const d = parseDateText(String(value));
        return d ? { date: d } : null;
      }
      // A bare year is not a date (and as a serial number it would be a day in 1905).
      if (value >= 1850 && value <= 2200) return null;
      const d = excelSerialToDate(value);
      return d ? { date: d } : null;
    }
    // 1945.03 typed into a number cell: a year and month.
    const year = Math.floor(value);
    const month = Math.round((value - year) * 100);
    if (year >= 1850 && year <= 2200 && month >= 1 && month <= 12) return { yearMonth: `${year}-${String(month).padStart(2, '0')}` };
    const d = excelSerialToDate(value);
    return d ? { date: d } : null;
  }
  const text = halfWidthDigits(value.trim()).replace(/\s+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '');
  const d = parseDateText(text);
  if (d) return { date: d };
  const m = /^(\d{4})\s*[-/.年．／－]\s*(\d{1,2})\s*月?$/.exec(text);
  if (m) {
    const month = Number(m[2]);
    if (month >= 1 && month <= 12) return { yearMonth: `${m[1]}-${String(month).padStart(2, '0')}` };
  }
  return null;
}

/** Phones split on 、,，;；/ and line breaks; spaces separate two numbers, but not the groups of one ("138 0013 8000"). */
export function splitPhones(value: CellValue): string[] {
  if (value === null) return [];
  const text = typeof value === 'number' ? String(value) : halfWidthDigits(value);
  const phones: string[] = [];
  for (const part of text.split(/[、,，;；/\n]+/)) {
    let current = '';
    for (const token of part.trim().split(/[\s\u3000]+/)) {
      if (token === '') continue;
      current = current === '' ? token : `${current} ${token}`;
      if (current.replace(/\D/g, '').length >= 7) {
        phones.push(current);
        current = '';
      }
    }
    if (current !== '') {
      // A short tail belongs to the number before it (an extension), or stands alone.
      if (phones.length > 0 && part.trim().endsWith(current)) phones[phones.length - 1] += ` ${current}`;
      else phones.push(current);
    }
  }
  return phones;
}

/** Names padded for alignment ("张  三") lose the spaces; Latin names keep theirs. */
function cleanName(value: string): string {
  const trimmed = value.trim();
  const compact = trimmed.replace(/[\s\u3000]+/g, '');
  return /^[\u3400-\u9fff·\u00b7]+$/.test(compact) ? compact : trimmed;
}

/** "汉" → "汉族". */
function cleanEthnicity(value: string): string {
  const v = value.replace(/[\s\u3000]+/g, '');
  if (/^[\u4e00-\u9fff]{1,4}$/.test(v) && !v.endsWith('族') && !['其他', '其它', '不详', '未知'].includes(v)) return `${v}族`;
  return v;
}

function problem(row: number, field: RosterField | null, column: string, code: string, value: string, otherRow?: number): RosterProblem {
  return otherRow === undefined ? { row, column, field, code, value } : { row, column, field, code, value, otherRow };
}

/** The cells of one row → field values. Returns null for a row with nothing in the mapped columns. */
export function prepareRow(source: RosterRow, mapping: FullMapping, headers: readonly string[]): PreparedRow | null {
  const { row } = source;
  const provided: Provided = {};
  const raw: Partial<Record<RosterField, string>> = {};
  const problems: RosterProblem[] = [];
  const cells: Partial<Record<RosterField, CellValue>> = {};
  let any = false;
  for (const field of ROSTER_FIELDS) {
    const index = mapping[field];
    if (index === null) continue;
    const value = source.cells[index] ?? null;
    if (value === null) continue;
    cells[field] = value;
    raw[field] = cellText(value);
    any = true;
  }
  if (!any) return null;
  const header = (field: RosterField) => {
    const index = mapping[field];
    return (index !== null ? headers[index] : undefined) || columnOf(field).header;
  };
  const report = (field: RosterField, code: string) => problems.push(problem(row, field, header(field), code, raw[field] ?? ''));

  // The ID number first: gender and birth date may come from it.
  let idNumber: string | null = null;
  let id: ReturnType<typeof parseIdNumber> | null = null;
  const idCell = cells.idNumber;
  if (idCell !== undefined && idCell !== null) {
    if (typeof idCell === 'number') {
      // Excel keeps 15 significant digits: an 18-digit number has already lost its last ones.
      // A legacy 15-digit number survives intact.
      if (Number.isSafeInteger(idCell) && String(idCell).length === 15) provided.idNumber = String(idCell);
      else report('idNumber', 'roster.idNumberNumeric');
    } else {
      provided.idNumber = idCell;
    }
    if (provided.idNumber !== undefined) {
      id = parseIdNumber(provided.idNumber);
      if (id.ok) idNumber = id.value;
      else {
        report('idNumber', `idNumber.${id.problem}`);
        delete provided.idNumber;
      }
    }
  }
  const idOk = id !== null && id.ok ? id : null;

  for (const field of ROSTER_FIELDS) {
    const value = cells[field];
    if (value === undefined || value === null || field === 'idNumber') continue;
    const text = cellText(value);
    const reader = ENUM_READERS[field];
    if (reader) {
      const code = reader(text);
      if (code === null) report(field, 'roster.unknownValue');
      else (provided as Record<string, unknown>)[field] = code;
      continue;
    }
    switch (field) {
      case 'name':
        provided.name = cleanName(text);
        break;
      case 'ethnicity':
        provided.ethnicity = cleanEthnicity(text);
        break;
      case 'phones': {
        const phones = splitPhones(value);
        if (phones.length > 5) report(field, 'roster.tooManyPhones');
        else provided.phones = phones;
        break;
      }
      case 'birthDate': {
        const d = readDate(value);
        if (d === null) report(field, 'date.format');
        else if ('date' in d) provided.birthDate = d.date;
        else if (idOk && idOk.birthDate.startsWith(d.yearMonth)) provided.birthDate = idOk.birthDate;
        else report(field, idOk ? 'idNumber.birthMismatch' : 'date.format');
        break;
      }
      case 'retirementDate': {
        const d = readDate(value);
        if (d === null) report(field, 'date.format');
        else provided.retirementDate = 'date' in d ? d.date : d.yearMonth;
        break;
      }
      default:
        (provided as Record<string, unknown>)[field] = typeof value === 'number' ? String(value) : text;
    }
  }
  // What the ID number says fills what the roster leaves empty.
  if (idOk) {
    if (provided.gender === undefined && !problems.some((p) => p.field === 'gender')) provided.gender = idOk.gender;
    if (provided.birthDate === undefined && !problems.some((p) => p.field === 'birthDate')) provided.birthDate = idOk.birthDate;
  }
  return { row, provided, raw, problems, idNumber };
}

/** Yields to the event loop between slices, so progress is sent and a cancel can arrive. */
export async function prepareRows(
  roster: ParsedRoster,
  mapping: FullMapping,
  step?: { every: number; onSlice: (done: number, total: number) => void },
): Promise<PreparedRow[]> {
  const out: PreparedRow[] = [];
  const total = roster.rows.length;
  for (let i = 0; i < total; i++) {
    const prepared = prepareRow(roster.rows[i] as RosterRow, mapping, roster.headers);
    if (prepared) out.push(prepared);
    if (step && (i + 1) % step.every === 0) {
      step.onSlice(i + 1, total);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return out;
}

/** A registered person's fields, as the form would send them. */
export function fieldsOfRow(p: PersonDbRow): PersonFieldsInput {
  return {
    name: p.name,
    gender: p.gender,
    ethnicity: p.ethnicity,
    idNumber: p.id_number,
    birthDate: p.birth_date,
    phones: JSON.parse(p.phones) as string[],
    photo: p.photo,
    retirementType: p.retirement_type,
    retirementDate: p.retirement_date,
    originalUnit: p.original_unit,
    unitLevel: p.unit_level,
    unitKind: p.unit_kind,
    formerPosition: p.former_position,
    rank: p.rank,
    politicalStatus: p.political_status,
    community: p.community,
    grid: p.grid,
    address: p.address,
    livingSituation: p.living_situation,
    householdRegistration: p.household_registration,
    notes: p.notes,
  };
}

function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join('、');
  return String(value);
}

const MESSAGE_KEY = /^[a-zA-Z]+(\.[a-zA-Z]+)+$/;

const isRosterField = (key: unknown): key is RosterField => typeof key === 'string' && (ROSTER_FIELDS as readonly string[]).includes(key);

/**
 * Resolves prepared rows against the database, one after the other (it remembers the ID numbers
 * of the rows before, for duplicates within the file). Pure reads: run it inside the transaction
 * that writes what it found, so nothing can change in between.
 */
function rowResolver(db: Db, mapping: FullMapping, headers: readonly string[], options: ResolveOptions): (p: PreparedRow) => ResolvedRow {
  const firstRowOf = new Map<string, number>();
  const header = (field: RosterField) => {
    const index = mapping[field];
    return (index !== null ? headers[index] : undefined) || columnOf(field).header;
  };
  return (p) => {
    const problems = [...p.problems];
    const report = (field: RosterField | null, code: string, otherRow?: number) => {
      if (problems.some((q) => q.field === field && q.code === code)) return;
      problems.push(problem(p.row, field, field ? header(field) : '', code, field ? (p.raw[field] ?? '') : '', otherRow));
    };

    if (p.idNumber !== null) {
      const first = firstRowOf.get(p.idNumber);
      if (first !== undefined) report('idNumber', 'roster.duplicateInFile', first);
      else firstRowOf.set(p.idNumber, p.row);
    }
    const existingRef = p.idNumber !== null ? findByIdNumber(db, p.idNumber) : undefined;
    const existing = existingRef ? getPersonRow(db, existingRef.id) : undefined;
    const base: Partial<PersonFieldsInput> = existing ? fieldsOfRow(existing) : {};
    const input: Partial<PersonFieldsInput> = { ...base, ...p.provided };

    if (!existing) {
      for (const field of ROSTER_FIELDS) {
        if (!columnOf(field).required) continue;
        if (input[field] === undefined && !problems.some((q) => q.field === field)) report(field, 'roster.required');
      }
    }
    // The agreement checks of the schema, made here too: the schema skips them when another field fails.
    const parsedId = p.idNumber !== null ? parseIdNumber(p.idNumber) : null;
    if (parsedId?.ok) {
      if (typeof input.birthDate === 'string' && parseDateText(input.birthDate) !== null && parseDateText(input.birthDate) !== parsedId.birthDate) {
        report('birthDate', 'idNumber.birthMismatch');
      }
      if (input.gender !== undefined && input.gender !== parsedId.gender) report('gender', 'idNumber.genderMismatch');
    }

    const parsed = personFieldsSchema.safeParse({ photo: null, ...input });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0];
        const field = isRosterField(key) ? key : null;
        if (field !== null && problems.some((q) => q.field === field)) continue;
        if (field !== null && input[field] === undefined) {
          // Gender and birth date come from a valid ID number; without one, the ID's problem says it all.
          const derivable = field === 'gender' || field === 'birthDate';
          if (!(derivable && problems.some((q) => q.field === 'idNumber'))) report(field, 'roster.required');
          continue;
        }
        const code = MESSAGE_KEY.test(issue.message) ? issue.message : issue.code === 'too_big' ? 'roster.tooLong' : 'roster.invalid';
        report(field, code);
      }
    }
    const name = typeof input.name === 'string' ? input.name : '';
    if (problems.length > 0 || !parsed.success) {
      if (problems.length === 0) report(null, 'roster.invalid');
      return { row: p.row, kind: 'error', name, personId: existing?.id ?? null, fields: null, changes: [], problems };
    }
    // A text that still means the linked unit keeps the link (and the unit's name): no change to show.
    let fields = existing ? withKeptUnit(db, parsed.data, existing.unit_id) : parsed.data;
    // A grid name is placed (as the form does) on a new person, or when the grid or address changes: one
    // that is not a grid yet is created only when the person said so, never stored as bare text.
    const places = !existing || fields.grid !== existing.grid || fields.address !== existing.address;
    const newGrid = places && fields.grid !== '' && !gridByName(db, fields.grid) ? fields.grid : undefined;
    if (newGrid !== undefined && !options.createGrids) {
      report('grid', 'roster.unknownGrid');
      return { row: p.row, kind: 'error', name, personId: existing?.id ?? null, fields: null, changes: [], problems, newGrid };
    }
    if (newGrid !== undefined) fields = { ...fields, createGrid: true };
    if (!existing) {
      return { row: p.row, kind: 'create', name: fields.name, personId: null, fields, changes: [], problems: [], newGrid };
    }
    const before = personFieldsSchema.safeParse(fieldsOfRow(existing));
    const old: Partial<PersonFields> = before.success ? before.data : (fieldsOfRow(existing) as Partial<PersonFields>);
    const changes: FieldChange[] = [];
    for (const field of ROSTER_FIELDS) {
      if (JSON.stringify(old[field] ?? null) !== JSON.stringify(fields[field] ?? null)) {
        changes.push({ field, from: displayValue(old[field]), to: displayValue(fields[field]) });
      }
    }
    return {
      row: p.row,
      kind: changes.length > 0 ? 'update' : 'unchanged',
      name: fields.name,
      personId: existing.id,
      fields,
      changes,
      problems: [],
      newGrid,
    };
  };
}

/** Resolves every prepared row at once (see rowResolver). */
export function resolveRows(db: Db, prepared: readonly PreparedRow[], mapping: FullMapping, headers: readonly string[], options: ResolveOptions = { createGrids: false }): ResolvedRow[] {
  return prepared.map(rowResolver(db, mapping, headers, options));
}

/**
 * Resolves the prepared rows in slices of `every`; `between` runs after each (progress, a cancel,
 * a turn of the event loop), so a long roster does not hold up the process.
 */
export async function resolveRowsInSlices(
  db: Db,
  prepared: readonly PreparedRow[],
  mapping: FullMapping,
  headers: readonly string[],
  step: { every: number; between: (done: number, total: number) => Promise<void> },
  options: ResolveOptions = { createGrids: false },
): Promise<ResolvedRow[]> {
  const resolve = rowResolver(db, mapping, headers, options);
  const out: ResolvedRow[] = [];
  for (let i = 0; i < prepared.length; i++) {
    out.push(resolve(prepared[i] as PreparedRow));
    if ((i + 1) % step.every === 0) await step.between(i + 1, prepared.length);
  }
  return out;
}
