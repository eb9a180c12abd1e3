/**
 * Every filtered list to .xlsx in one click, as it is shown: the worklist, service requests,
 * assistance pairs, dues arrears, the hotline log and the lists behind the statistics. Each export takes the list's
 * own query (every page, not only the one on screen), reads it through the list's own service (so a
 * grid worker exports only their own persons), and writes the filter into the title row, so a sheet
 * printed or sent on says what it holds. One writer, through main/services/spreadsheet.ts.
 */
import { cachedStatement } from '../../db/statements';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { xlsxBuffer, loadExcel } from '../spreadsheet';
import { CODES, PERSON_COLUMN_LABELS, DIM_LABELS, dimValueLabel, figureLabel, type FactColumn, type PersonColumn } from '../../../shared/reports/catalogue';
import { periodTextLabel } from '../../../shared/reports/period';
import type { User } from '../../../shared/schemas/user';
import type { activitiesExportSchema, arrearsExportSchema, callsExportSchema, volunteersExportSchema, drillExportSchema, pairsExportSchema, requestsExportSchema, worklistExportSchema } from '../../../shared/schemas/reports';
import { worklistFor } from '../visits/worklist';
import { listRequests } from '../requests/requests';
import { listPairs } from '../pairs/pairs';
import { arrears } from '../party/dues';
import { listCalls } from '../calls/calls';
import { listActivities } from '../activities/activities';
import { listVolunteers } from '../volunteers/people';
import { requireIndicator, drill } from './engine';
import type { ReportContext } from './scope';
import { dimNames } from './names';
import { OFFICE_HEADER, bureauOfficeLabels } from './offices';
import type { DrillRow } from '../../../shared/schemas/reports';
import { toDateString } from '../../../shared/dates';

type CellValue = string | number | null;
interface Column {
  header: string;
  width: number;
  kind?: 'text' | 'number' | 'yuan';
}

export interface ListFile {
  fileName: string;
  base64: string;
  count: number;
}

const zh = (set: string, code: string | null | undefined): string => (code ? (CODES[set]?.[code]?.['zh-CN'] ?? code) : '');
const GENDER: Record<string, string> = { male: '男', female: '女' };
const STATUS: Record<string, string> = { overdue: '逾期', due: '待走访', upcoming: '即将到期', missed: '漏访' };
const FLAGS: Record<string, string> = { alone: '独居', disabled: '失能', empty_nest_old: '空巢高龄', high_risk: '高风险' };
const HELPER_KINDS: Record<string, string> = { staff: '工作人员', volunteer: '志愿者', unit: '帮扶单位', retiree: '离退休干部' };
const HELP_KINDS: Record<string, string> = { daily_care: '生活照料', emotional: '精神慰藉', medical_escort: '就医陪护', errands: '代办服务', legal: '法律咨询', other: '其他' };
const FREQUENCIES: Record<string, string> = { weekly: '每周', biweekly: '每两周', monthly: '每月', quarterly: '每季度' };
const DUE: Record<string, string> = { overdue: '已逾期', due: '近期该联系', ok: '正常' };
const PAIR_STATUS: Record<string, string> = { current: '进行中', ended: '已结束', all: '全部' };
const CALL_CHANNELS: Record<string, string> = { phone: '来电', walk_in: '来访', wechat: '微信' };
const CALLER_KINDS: Record<string, string> = { person: '本人', family: '家属', other: '其他人' };
const CALL_ONLY_CATEGORIES: Record<string, string> = { enquiry: '咨询', complaint: '投诉', hospitalised: '报告住院', deceased: '报告去世' };
const URGENCIES: Record<string, string> = { normal: '一般', urgent: '紧急', emergency: '特急' };
const PLACE_KINDS: Record<string, string> = { community_centre: '社区活动中心', day_care: '日间照料中心', senior_university: '老年大学分校', other: '其他地点' };
const hours = (minutes: number): number => Math.round((minutes / 60) * 10) / 10;
const callCategory = (c: string): string => CALL_ONLY_CATEGORIES[c] ?? zh('category', c);

/** A list as read, before it is written. */
export interface ListSheet {
  name: string;
  title: string;
  filter: string[];
  columns: Column[];
  rows: CellValue[][];
}

/** A column of a list sheet: its header, its width, what it shows of a row, and how a number is written. */
type Field<R> = readonly [header: string, width: number, value: (row: R) => CellValue, kind?: Column['kind']];

/** A list sheet from its rows and its columns, each column defined once with the value it shows. */
function listSheet<R>(name: string, title: string, filter: string[], rows: readonly R[], fields: readonly Field<R>[]): ListSheet {
  return {
    name,
    title,
    filter,
    columns: fields.map(([header, width, , kind]) => (kind === undefined ? { header, width } : { header, width, kind })),
    rows: rows.map((row) => fields.map(([, , value]) => value(row))),
  };
}

/** One sheet: the title with the filter, the count and when, the header (frozen, filterable), the rows. */
export async function writeList({ name, title, filter, columns, rows }: ListSheet, at: Date): Promise<ListFile> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'CadreCare';
  const sheet = workbook.addWorksheet(name.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const width = columns.length;
  sheet.mergeCells(1, 1, 1, width);
  const head = sheet.getCell(1, 1);
  head.value = filter.length > 0 ? `${title}（筛选：${filter.join('；')}）` : `${title}（全部）`;
  head.font = { bold: true, size: 14 };
  head.alignment = { vertical: 'middle', wrapText: true };
  sheet.getRow(1).height = 30;
  sheet.mergeCells(2, 1, 2, width);
  sheet.getCell(2, 1).value = `共 ${rows.length} 条    导出时间：${toDateString(at)} ${at.toTimeString().slice(0, 5)}`;
  const header = sheet.getRow(3);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const values of rows) {
    const row = sheet.addRow(values.map((v) => (v === null ? '' : v)));
    row.alignment = { vertical: 'top', wrapText: true };
    columns.forEach((c, i) => {
      if (c.kind === 'yuan') row.getCell(i + 1).numFmt = '#,##0.00';
      if (c.kind === 'text') row.getCell(i + 1).numFmt = '@';
    });
  }
  sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: width } };
  const stamp = toDateString(at).replaceAll('-', '');
  return { fileName: `${name}-${stamp}.xlsx`, base64: (await xlsxBuffer(workbook)).toString('base64'), count: rows.length };
}

function gridName(db: Db, id: string | undefined): string | null {
  if (id === undefined) return null;
  return (cachedStatement(db, 'SELECT name FROM grids WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? id;
}

function userName(db: Db, id: string | undefined): string | null {
  if (id === undefined) return null;
  return (cachedStatement(db, 'SELECT display_name FROM users WHERE id = ?').get(id) as { display_name: string } | undefined)?.display_name ?? id;
}

/** The office a filter names, as the bureau's lists name it (itself or a trusted community). */
function officeName(db: Db, offices: ReadonlyMap<string, string> | null, id: string | undefined): string | null {
  if (id === undefined) return null;
  return offices?.get(id) ?? dimNames(db, 'office', [id]).get(id) ?? id;
}

/**
 * At the county bureau a sheet, like its list on screen, begins with whose each row is (a sheet sent
 * on or pasted together must still say which community a row came from); in a community office,
 * whose lists hold only its own records, the columns are as they were.
 */
function withOffice<R>(offices: ReadonlyMap<string, string> | null, officeOf: (row: NoInfer<R>) => string, fields: readonly Field<R>[]): readonly Field<R>[] {
  if (offices === null) return fields;
  return [[OFFICE_HEADER, 16, (row) => offices.get(officeOf(row)) ?? officeOf(row)], ...fields];
}

const originOf = (row: { originOffice: string }): string => row.originOffice;

function teamName(db: Db, id: string): string | null {
  return (cachedStatement(db, 'SELECT name FROM volunteer_teams WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? null;
}

function personName(db: Db, id: string | undefined): string | null {
  if (id === undefined) return null;
  return (cachedStatement(db, 'SELECT name FROM persons WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? id;
}

const add = (out: string[], label: string, value: string | null | undefined) => {
  if (value !== null && value !== undefined && value !== '') out.push(`${label}：${value}`);
};

export function worklistSheet(db: Db, user: User, query: z.output<typeof worklistExportSchema>, today: string): ListSheet {
  const all = worklistFor(db, user, { ...query, limit: 100_000, offset: 0 }, today);
  const offices = bureauOfficeLabels(db);
  const filter: string[] = [];
  // At the bureau "all" is every office's persons, not a community's.
  add(filter, '范围', query.scope === 'all' ? (offices ? '全部报送单位' : '全社区') : query.scope === 'unassigned' ? '无人负责的人员' : query.userId && query.userId !== user.id ? `${userName(db, query.userId) ?? ''}的走访` : '我的走访');
  if (query.includeBackup) filter.push('含备用联系的人员');
  add(filter, '网格', gridName(db, query.gridId));
  add(filter, OFFICE_HEADER, officeName(db, offices, query.office));
  add(filter, '事由', query.reason ? zh('reason', query.reason) : null);
  add(filter, '应走访日期', query.from || query.to ? `${query.from ?? '…'} 至 ${query.to ?? '…'}` : null);
  add(filter, '状态', query.statuses.map((s) => STATUS[s] ?? s).join('、'));
  return listSheet('走访工作清单', '走访工作清单', filter, all.rows, withOffice(offices, originOf, [
    ['姓名', 10, (r) => r.personName],
    ['性别', 6, (r) => GENDER[r.gender] ?? r.gender],
    ['年龄', 6, (r) => r.age],
    ['网格', 12, (r) => r.gridName],
    ['住址', 28, (r) => r.address],
    ['电话', 16, (r) => r.phones.join('、'), 'text'],
    ['事由', 10, (r) => zh('reason', r.reason)],
    ['应走访日期', 12, (r) => r.dueDate],
    ['状态', 9, (r) => STATUS[r.status] ?? r.status],
    ['最近走访', 12, (r) => r.lastVisitDate],
    ['标记', 16, (r) => r.flags.map((f) => FLAGS[f] ?? f).join('、')],
  ]));
}

export function requestsSheet(db: Db, user: User, query: z.output<typeof requestsExportSchema>): ListSheet {
  const all = listRequests(db, { ...query, limit: 1_000_000, offset: 0 }, user);
  const offices = bureauOfficeLabels(db);
  const filter: string[] = [];
  add(filter, '人员', personName(db, query.personId));
  add(filter, '类别', query.category ? zh('category', query.category) : null);
  add(filter, '状态', query.status === 'active' ? '待办（待处理和处理中）' : query.status ? zh('requestStatus', query.status) : null);
  add(filter, '负责人', userName(db, query.assignedTo));
  add(filter, '网格', gridName(db, query.gridId));
  add(filter, OFFICE_HEADER, officeName(db, offices, query.office));
  return listSheet('服务需求', '服务需求', filter, all.rows, withOffice(offices, originOf, [
    ['姓名', 10, (r) => r.personName],
    ['类别', 10, (r) => zh('category', r.category)],
    ['需求内容', 36, (r) => r.description],
    ['提出日期', 12, (r) => r.raisedOn],
    ['提出人', 10, (r) => r.raisedByName],
    ['负责人', 10, (r) => r.assignedToName],
    ['状态', 8, (r) => zh('requestStatus', r.status)],
    ['办结日期', 12, (r) => r.resolvedOn],
    ['办理结果', 30, (r) => r.resolution],
  ]));
}

export function pairsSheet(db: Db, query: z.output<typeof pairsExportSchema>, today: string): ListSheet {
  const all = listPairs(db, { ...query, limit: 1_000_000, offset: 0 }, today);
  const offices = bureauOfficeLabels(db);
  const filter: string[] = [];
  add(filter, '状态', PAIR_STATUS[query.status] ?? query.status);
  add(filter, '提醒', query.due ? DUE[query.due] : null);
  add(filter, '帮扶人类型', query.helperKind ? HELPER_KINDS[query.helperKind] : null);
  add(filter, '搜索', query.search);
  add(filter, OFFICE_HEADER, officeName(db, offices, query.office));
  return listSheet('结对帮扶', '结对帮扶', filter, all.rows, withOffice(offices, originOf, [
    ['帮扶对象', 10, (r) => r.personName],
    ['帮扶人', 14, (r) => r.helperName],
    ['帮扶人类型', 10, (r) => HELPER_KINDS[r.helperKind] ?? r.helperKind],
    ['帮扶内容', 20, (r) => r.helpKinds.map((k) => HELP_KINDS[k] ?? k).join('、')],
    ['联系频率', 9, (r) => FREQUENCIES[r.frequency] ?? r.frequency],
    ['开始日期', 12, (r) => r.fromDate],
    ['最近联系', 12, (r) => r.lastContactDate ?? '尚未联系'],
    ['下次联系', 12, (r) => r.nextDueDate],
    ['提醒', 10, (r) => (r.dueStatus ? (DUE[r.dueStatus] ?? r.dueStatus) : '已结束')],
    ['结束日期', 12, (r) => r.toDate],
    ['结束原因', 20, (r) => r.endReason],
  ]));
}

/** 来电来访登记 as the log shows it: a day in the order the calls came, else newest first. */
export function callsSheet(db: Db, query: z.output<typeof callsExportSchema>): ListSheet {
  const all = listCalls(db, { ...query, limit: 1_000_000, offset: 0 });
  const offices = bureauOfficeLabels(db);
  const filter: string[] = [];
  add(filter, '日期', query.from !== undefined && query.from === query.to ? query.from : [query.from, query.to].some((d) => d !== undefined) ? `${query.from ?? ''} 至 ${query.to ?? ''}` : null);
  add(filter, '人员', personName(db, query.personId));
  add(filter, '类别', query.category ? callCategory(query.category) : null);
  add(filter, '查找', query.q);
  add(filter, OFFICE_HEADER, officeName(db, offices, query.office));
  return listSheet('来电来访登记', '来电来访登记', filter, all.rows, withOffice(offices, originOf, [
    ['日期', 12, (r) => r.date],
    ['时刻', 7, (r) => r.time],
    ['方式', 6, (r) => CALL_CHANNELS[r.channel] ?? r.channel],
    ['来电人', 12, (r) => (r.callerKind === 'other' ? r.callerName : `${r.callerName}（${CALLER_KINDS[r.callerKind] ?? r.callerKind}）`)],
    ['电话', 14, (r) => r.callerPhone, 'text'],
    ['涉及人员', 10, (r) => r.personName],
    ['类别', 10, (r) => callCategory(r.category)],
    ['紧急程度', 8, (r) => URGENCIES[r.urgency] ?? r.urgency],
    ['来电内容', 36, (r) => r.content],
    ['处理结果', 28, (r) => (r.requestId && !r.outcome.includes('已转为服务需求') ? `${r.outcome}${r.outcome ? '；' : ''}已转为服务需求` : r.outcome)],
    ['接听人', 10, (r) => r.takenByName ?? r.takenBy],
  ]));
}

/** 学习活动 as the plain list shows them: newest first (or in calendar order), with sign-ups and attendance. */
export function activitiesSheet(db: Db, query: z.output<typeof activitiesExportSchema>): ListSheet {
  const all = listActivities(db, { ...query, limit: 1_000_000, offset: 0 });
  const offices = bureauOfficeLabels(db);
  const filter: string[] = [];
  add(filter, OFFICE_HEADER, officeName(db, offices, query.office));
  add(filter, '日期', query.from !== undefined || query.to !== undefined ? `${query.from ?? '…'} 至 ${query.to ?? '…'}` : null);
  add(filter, '类型', query.kind ? zh('activityKind', query.kind) : null);
  add(filter, '搜索', query.search);
  return listSheet('学习活动', '学习活动', filter, all.rows, withOffice(offices, originOf, [
    ['日期', 12, (r) => r.date],
    // No time given is an all-day activity, as the list on screen says.
    // As the list shows it (timeSpan in renderer/features/activities/common.ts): 09:30—11:00.
    ['时间', 14, (r) => (r.startTime ? `${r.startTime}${r.endTime ? `—${r.endTime}` : ''}` : '全天')],
    ['类型', 10, (r) => zh('activityKind', r.kind)],
    ['活动名称', 28, (r) => r.title],
    ['地点', 22, (r) => [r.placeKind === 'other' && r.place !== '' ? '' : (PLACE_KINDS[r.placeKind] ?? r.placeKind), r.place].filter((x) => x !== '').join(' · ')],
    ['组织者', 12, (r) => r.organiser],
    ['报名', 8, (r) => r.signedUpCount, 'number'],
    ['名额', 8, (r) => r.capacity, 'number'],
    ['参加', 8, (r) => (r.attendanceRecorded ? r.attendedCount : null), 'number'],
    ['出勤率（%）', 10, (r) => (r.attendanceRate === null ? null : Math.round(r.attendanceRate * 1000) / 10), 'number'],
  ]));
}

/** 志愿者 as the list shows them, with their hours in the year of the list and in all. */
export function volunteersSheet(db: Db, query: z.output<typeof volunteersExportSchema>, year: number): ListSheet {
  const all = listVolunteers(db, { ...query, limit: 1_000_000, offset: 0 }, year);
  const offices = bureauOfficeLabels(db);
  const filter: string[] = [];
  add(filter, OFFICE_HEADER, officeName(db, offices, query.office));
  add(filter, '搜索', query.q);
  add(filter, '队伍', query.teamId ? (teamName(db, query.teamId) ?? query.teamId) : null);
  add(filter, '类别', query.kind ? zh('volunteerKind', query.kind) : null);
  return listSheet('志愿者', '志愿者', filter, all.rows, withOffice(offices, originOf, [
    ['姓名', 10, (r) => r.name],
    ['类别', 10, (r) => zh('volunteerKind', r.kind)],
    ['电话', 16, (r) => r.phone, 'text'],
    ['所在单位', 20, (r) => r.organisation],
    ['所在队伍', 24, (r) => r.teams.join('、')],
    [`${year}年服务时长（小时）`, 12, (r) => hours(r.minutesYear), 'number'],
    ['累计服务时长（小时）', 12, (r) => hours(r.minutesTotal), 'number'],
    ['备注', 20, (r) => r.notes],
  ]));
}

export function arrearsSheet(db: Db, query: z.output<typeof arrearsExportSchema>): ListSheet {
  const all = arrears(db, query.month, query.branchId, query.office);
  const offices = bureauOfficeLabels(db);
  const filter: string[] = [`统计至 ${query.month.slice(0, 4)}年${Number(query.month.slice(5))}月`];
  if (query.branchId) add(filter, '党支部', (cachedStatement(db, 'SELECT name FROM party_branches WHERE id = ?').get(query.branchId) as { name: string } | undefined)?.name ?? query.branchId);
  add(filter, OFFICE_HEADER, officeName(db, offices, query.office));
  return listSheet('党费欠缴', '党费欠缴名单', filter, all, withOffice(offices, originOf, [
    ['党支部', 20, (r) => r.branchName],
    ['姓名', 10, (r) => r.personName],
    ['欠缴月份', 36, (r) => r.months.map((m) => `${Number(m.slice(5))}月`).join('、')],
    ['欠缴月数', 9, (r) => r.months.length, 'number'],
    ['最近交纳', 12, (r) => r.lastPaidMonth],
  ]));
}

/** A cell of a list behind a figure, written for a reader: codes as words, 元 from fen, hours from minutes, days of timestamps. */
export function drillCellText(column: PersonColumn | FactColumn, value: CellValue): CellValue {
  if (value === null) return null;
  if (typeof column === 'string') {
    if (column === 'sex') return GENDER[String(value)] ?? String(value);
    if (column === 'rtype') return zh('rtype', String(value));
    return value;
  }
  const f = column.format;
  if (f === 'fen') return Number(value) / 100;
  if (f === 'minutes') return Math.round((Number(value) / 60) * 10) / 10;
  if (f === 'timestamp') return toDateString(String(value));
  if (f !== undefined && typeof f === 'object') return zh(f.codes, String(value));
  return value;
}

export function drillSheet(rc: ReportContext, query: z.output<typeof drillExportSchema>): ListSheet {
  const def = requireIndicator(query.key);
  const result = drill(rc, { ...query, limit: null, offset: 0 });
  const title = `${def.label['zh-CN']}：${figureLabel(def, query.measure)}`;
  const filter = [`期间：${periodTextLabel(query.period)}`];
  if (result.by) filter.push(`${DIM_LABELS[result.by]['zh-CN']}：${dimValueLabel(result.by, result.value, result.valueName)}`);
  const offices = bureauOfficeLabels(rc.db);
  const office = (rc.office !== null ? offices?.get(rc.office) : undefined) ?? rc.officeName;
  if (rc.bureauOwn) filter.push(`单位：${office}（本单位登记的人员）`);
  // The bureau exporting one community's list: the sheet names that community.
  else if (rc.office !== null) filter.unshift(`${OFFICE_HEADER}：${office}`);
  const fields = def.columns.map((c): Field<DrillRow> => {
    const value = (r: DrillRow) => drillCellText(c, r.cells[typeof c === 'string' ? c : c.key] ?? null);
    if (typeof c === 'string') return c === 'phone' ? [PERSON_COLUMN_LABELS[c]['zh-CN'], 16, value, 'text'] : [PERSON_COLUMN_LABELS[c]['zh-CN'], c === 'address' ? 28 : 10, value];
    const width = c.key === 'description' || c.key === 'topic' || c.key === 'title' ? 30 : 12;
    return c.format === 'fen' ? [c.label['zh-CN'], width, value, 'yuan'] : [c.label['zh-CN'], width, value];
  });
  // A drill-down is one office's list: at the bureau every row carries that office, as the other sheets do.
  return listSheet(title.replace(/[\\/:*?"<>|：]/g, '-'), title, filter, result.rows, withOffice(offices, () => rc.office ?? '', fields));
}
