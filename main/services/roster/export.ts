/**
 * The registry (the current filtered list, every page) to an .xlsx roster whose headers are the
 * ones the import matches, with Chinese values, so an exported roster can be edited and imported
 * back. ID numbers and phones are text cells (never numbers that lose digits), dates are date
 * cells; the header row is bold and frozen, and the coded columns offer their values in a list.
 * An export of the registry says above the headers which filter it holds (the import finds the
 * header row below such a title row); the template has no title. At the county bureau the first
 * column says which office sent each person, as the registry on screen does; it is no person field,
 * so the import passes over it.
 */
import type ExcelJS from 'exceljs';
import { xlsxBuffer, loadExcel } from '../spreadsheet';
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { DAY_MS, daysFromCivil, parseYmd } from '../../../shared/calendar';
import type { AGE_BANDS, PersonFieldsInput, PersonListQuery } from '../../../shared/schemas/persons';
import type { AdlBand } from '../../../shared/barthel';
import { CAPABILITY_GRADE_NAMES } from '../../../shared/capability/gbt42195';
import { dimNames } from '../reports/names';
import { bureauOfficeLabels } from '../reports/offices';
import { listPersons } from '../persons/persons';
import { ALL_PERSONS, type PersonScope } from '../scope';
import { OFFICE_HEADER, ROSTER_COLUMNS, type RosterField } from './headers';
import type { RosterTask } from './commit';
import { partialDateText } from '../../../shared/dates';
import {
  GENDER_LABELS,
  labelList,
  labelOf,
  LIVING_SITUATION_LABELS,
  POLITICAL_STATUS_LABELS,
  RETIREMENT_TYPE_LABELS,
  UNIT_KIND_LABELS,
  UNIT_LEVEL_LABELS,
} from './values';

export const ROSTER_SHEET_NAME = '离退休干部名册';

/** The office column's key among the sheet's columns (no person field is called so). */
const OFFICE_KEY = 'originOffice';

type AgeBand = (typeof AGE_BANDS)[number];

/** One person as the roster writes them. */
export type RosterPerson = Omit<PersonFieldsInput, 'photo'>;

/** A person of the registry as exported: their fields and the office that registered them. */
export type ExportedPerson = RosterPerson & { originOffice: string };

const TEXT_FIELDS = new Set<RosterField>(['idNumber', 'phones']);
const DATE_FIELDS = new Set<RosterField>(['birthDate', 'retirementDate']);

const LISTS: Partial<Record<RosterField, string[]>> = {
  gender: labelList(GENDER_LABELS),
  unitLevel: labelList(UNIT_LEVEL_LABELS),
  unitKind: labelList(UNIT_KIND_LABELS),
  politicalStatus: labelList(POLITICAL_STATUS_LABELS),
  retirementType: labelList(RETIREMENT_TYPE_LABELS),
  livingSituation: labelList(LIVING_SITUATION_LABELS),
};

function dateCell(value: unknown): Date | string | null {
  if (typeof value !== 'string') return null;
  // A year and month alone (离退休时间 from an old file) stays text: 2008年3月 reads back as such.
  if (/^\d{4}-\d{2}$/.test(value)) return partialDateText(value);
  const ymd = parseYmd(value);
  // A date cell is the UTC midnight of its day: what Excel shows as that date.
  return ymd ? new Date(daysFromCivil(ymd.year, ymd.month, ymd.day) * DAY_MS) : null;
}

/** The cell value of one field of a person. */
export function cellValueOf(person: RosterPerson, field: RosterField): string | Date | null {
  switch (field) {
    case 'gender':
      return person.gender ? labelOf(GENDER_LABELS, person.gender) : null;
    case 'unitLevel':
      return person.unitLevel ? labelOf(UNIT_LEVEL_LABELS, person.unitLevel) : null;
    case 'unitKind':
      return person.unitKind ? labelOf(UNIT_KIND_LABELS, person.unitKind) : null;
    case 'politicalStatus':
      return person.politicalStatus ? labelOf(POLITICAL_STATUS_LABELS, person.politicalStatus) : null;
    case 'retirementType':
      return labelOf(RETIREMENT_TYPE_LABELS, person.retirementType);
    case 'livingSituation':
      return person.livingSituation ? labelOf(LIVING_SITUATION_LABELS, person.livingSituation) : null;
    case 'phones':
      return person.phones && person.phones.length > 0 ? person.phones.join('、') : null;
    case 'birthDate':
    case 'retirementDate':
      return dateCell(person[field]);
    default: {
      const value = person[field];
      return typeof value === 'string' && value !== '' ? value : null;
    }
  }
}

/**
 * Adds the roster sheet: an optional title row (merged across), headers, rows, widths, formats,
 * drop-down lists. `offices` (the county bureau's names of its offices) puts a 报送单位 column first.
 * Answers the sheet.
 */
export function addRosterSheet(
  workbook: ExcelJS.Workbook,
  persons: readonly (RosterPerson & { originOffice?: string })[],
  listRows = Math.max(1000, persons.length + 500),
  title?: string,
  offices?: ReadonlyMap<string, string>,
): ExcelJS.Worksheet {
  const headerRow = title === undefined ? 1 : 2;
  // The person fields' columns start after the office column, when there is one.
  const first = offices === undefined ? 1 : 2;
  const width = ROSTER_COLUMNS.length + first - 1;
  const sheet = workbook.addWorksheet(ROSTER_SHEET_NAME, { views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }] });
  sheet.columns = [
    ...(offices === undefined ? [] : [{ key: OFFICE_KEY, width: 16 }]),
    ...ROSTER_COLUMNS.map((c) => ({
      key: c.field,
      width: c.width,
      style: TEXT_FIELDS.has(c.field) ? { numFmt: '@' } : DATE_FIELDS.has(c.field) ? { numFmt: 'yyyy-mm-dd' } : {},
    })),
  ];
  if (title !== undefined) {
    sheet.mergeCells(1, 1, 1, width);
    const cell = sheet.getCell(1, 1);
    cell.value = title;
    cell.font = { bold: true, size: 14 };
    cell.alignment = { vertical: 'middle', horizontal: 'left' };
    sheet.getRow(1).height = 26;
  }
  const header = sheet.getRow(headerRow);
  if (offices !== undefined) header.getCell(1).value = OFFICE_HEADER;
  ROSTER_COLUMNS.forEach((c, i) => {
    header.getCell(i + first).value = c.header;
  });
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.height = 20;
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8EA9C1' } } };
  });
  for (const person of persons) {
    const row: Record<string, string | Date | null> = {};
    if (offices !== undefined && person.originOffice !== undefined) row[OFFICE_KEY] = offices.get(person.originOffice) ?? person.originOffice;
    for (const c of ROSTER_COLUMNS) row[c.field] = cellValueOf(person, c.field);
    sheet.addRow(row);
  }
  // Text cells stay text when a person types into the empty rows below, too.
  ROSTER_COLUMNS.forEach((c, i) => {
    const list = LISTS[c.field];
    if (!list) return;
    const letter = sheet.getColumn(i + first).letter;
    (sheet as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${letter}${headerRow + 1}:${letter}${listRows + headerRow}`,
      {
        type: 'list',
        allowBlank: true,
        formulae: [`"${list.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: c.header,
        error: `可选：${list.join('、')}`,
      },
    );
  });
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: width } };
  return sheet;
}

export type RosterExportQuery = Omit<PersonListQuery, 'limit' | 'offset'>;

const AGE_BAND_TEXT: Record<AgeBand, string> = { under70: '70岁以下', '70to79': '70～79岁', '80to89': '80～89岁', '90plus': '90岁及以上' };
const ADL_BAND_TEXT: Record<AdlBand, string> = { intact: '能力完好', mild: '轻度受损', moderate: '中度受损', severe: '重度受损' };
const STATUS_TEXT: Record<RosterExportQuery['status'], string> = { active: '在册', moved_out: '迁出', deceased: '去世', all: '全部（含迁出、去世）' };

/** The title row of an exported registry: what the list holds, by the filter it was exported with. */
export function rosterTitle(db: Db, query: Partial<RosterExportQuery>): string {
  const parts: string[] = [];
  const add = (label: string, value: string | undefined) => {
    if (value !== undefined && value !== '') parts.push(`${label}：${value}`);
  };
  add('搜索', query.search?.trim());
  if (query.office !== undefined) add(OFFICE_HEADER, bureauOfficeLabels(db)?.get(query.office) ?? dimNames(db, 'office', [query.office]).get(query.office) ?? query.office);
  add('网格', query.grid);
  add('原单位级别', query.unitLevel ? UNIT_LEVEL_LABELS[query.unitLevel].label : undefined);
  add('年龄段', query.ageBand ? AGE_BAND_TEXT[query.ageBand] : undefined);
  add('居住状况', query.livingSituation ? LIVING_SITUATION_LABELS[query.livingSituation].label : undefined);
  add('自理能力', query.adlBand ? ADL_BAND_TEXT[query.adlBand] : undefined);
  add('能力等级', query.capabilityGrade ? (query.capabilityGrade === 'unassessed' ? '未评估' : CAPABILITY_GRADE_NAMES[query.capabilityGrade].zh) : undefined);
  add('政治面貌', query.politicalStatus ? POLITICAL_STATUS_LABELS[query.politicalStatus].label : undefined);
  const status = query.status ?? 'active';
  if (parts.length === 0) return status === 'active' ? `${ROSTER_SHEET_NAME}（全部在册人员）` : `${ROSTER_SHEET_NAME}（筛选：状态：${STATUS_TEXT[status]}）`;
  if (status !== 'active') parts.push(`状态：${STATUS_TEXT[status]}`);
  return `${ROSTER_SHEET_NAME}（筛选：${parts.join('；')}）`;
}

/** Every person of the filtered list, in the list's order, with the fields the list rows leave out. */
export function rosterPersons(db: Db, query: RosterExportQuery, today: string, scope: PersonScope = ALL_PERSONS): ExportedPerson[] {
  const extra = new Map(
    (cachedStatement(db, 'SELECT id, household_registration, notes, unit_kind FROM persons WHERE deleted_at IS NULL').all() as {
      id: string;
      household_registration: string;
      notes: string;
      unit_kind: RosterPerson['unitKind'];
    }[]).map((r) => [r.id, r]),
  );
  const out: ExportedPerson[] = [];
  const pageSize = 500;
  for (let offset = 0; ; offset += pageSize) {
    const page = listPersons(db, { ...query, limit: pageSize, offset }, today, scope);
    for (const p of page.rows) {
      const more = extra.get(p.id);
      out.push({
        name: p.name,
        gender: p.gender,
        ethnicity: p.ethnicity,
        idNumber: p.idNumber,
        birthDate: p.birthDate,
        phones: p.phones,
        retirementType: p.retirementType,
        retirementDate: p.retirementDate,
        originalUnit: p.originalUnit,
        unitLevel: p.unitLevel,
        unitKind: more?.unit_kind ?? null,
        formerPosition: p.formerPosition,
        rank: p.rank,
        politicalStatus: p.politicalStatus,
        community: p.community,
        grid: p.grid,
        address: p.address,
        livingSituation: p.livingSituation,
        householdRegistration: more?.household_registration ?? '',
        notes: more?.notes ?? '',
        originOffice: p.originOffice,
      });
    }
    if (page.rows.length < pageSize) break;
  }
  return out;
}

export async function rosterWorkbookBuffer(persons: readonly ExportedPerson[], title?: string, offices?: ReadonlyMap<string, string>): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'CadreCare';
  addRosterSheet(workbook, persons, undefined, title, offices);
  return xlsxBuffer(workbook);
}

export function exportFileName(today: string): string {
  return `离退休干部名册-${today.replaceAll('-', '')}.xlsx`;
}

/**
 * The filtered list as .xlsx bytes. The persons are read in one read transaction (a consistent
 * snapshot across pages); the workbook is written after it.
 */
export async function exportRoster(
  db: Db,
  query: RosterExportQuery,
  today: string,
  scope: PersonScope = ALL_PERSONS,
): Promise<{ fileName: string; data: Buffer; count: number }> {
  const { persons, title, offices } = db.transaction(() => ({ persons: rosterPersons(db, query, today, scope), title: rosterTitle(db, query), offices: bureauOfficeLabels(db) ?? undefined })).deferred();
  return { fileName: exportFileName(today), data: await rosterWorkbookBuffer(persons, title, offices), count: persons.length };
}

/** The list as the user sees it (a grid worker: their own persons), as a file for the renderer to save. */
export async function exportRosterFile(
  db: Db,
  query: RosterExportQuery,
  today: string,
  scope: PersonScope,
  task?: RosterTask,
): Promise<{ fileName: string; base64: string; count: number }> {
  task?.progress(0, 1, 'progress.rosterExport');
  const { fileName, data, count } = await exportRoster(db, query, today, scope);
  task?.progress(1, 1, 'progress.rosterExport');
  return { fileName, base64: data.toString('base64'), count };
}
