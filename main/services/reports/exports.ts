/**
 * Every filtered list to .xlsx in one click, as it is shown: the worklist, service requests,
 * assistance pairs, dues arrears and the lists behind the statistics. Each export takes the list's
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
import type { arrearsExportSchema, drillExportSchema, pairsExportSchema, requestsExportSchema, worklistExportSchema } from '../../../shared/schemas/reports';
import { worklistFor } from '../visits/worklist';
import { listRequests } from '../requests/requests';
import { listPairs } from '../pairs/pairs';
import { arrears } from '../party/dues';
import { requireIndicator, drill } from './engine';
import type { ReportContext } from './scope';
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

/** A list as read, before it is written. */
export interface ListSheet {
  name: string;
  title: string;
  filter: string[];
  columns: Column[];
  rows: CellValue[][];
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

/** An office's name as the bureau knows it (itself or a trusted community). */
function officeName(db: Db, id: string | undefined): string | null {
  if (id === undefined) return null;
  const row = cachedStatement(db, 'SELECT coalesce((SELECT name FROM office WHERE id = @id), (SELECT name FROM trusted_offices WHERE office_id = @id)) AS name').get({ id }) as { name: string | null };
  return row.name ?? id;
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
  const filter: string[] = [];
  add(filter, '范围', query.scope === 'all' ? '全社区' : query.scope === 'unassigned' ? '无人负责的人员' : query.userId && query.userId !== user.id ? `${userName(db, query.userId) ?? ''}的走访` : '我的走访');
  if (query.includeBackup) filter.push('含备用联系的人员');
  add(filter, '网格', gridName(db, query.gridId));
  add(filter, '报送单位', officeName(db, query.office));
  add(filter, '事由', query.reason ? zh('reason', query.reason) : null);
  add(filter, '应走访日期', query.from || query.to ? `${query.from ?? '…'} 至 ${query.to ?? '…'}` : null);
  add(filter, '状态', query.statuses.map((s) => STATUS[s] ?? s).join('、'));
  const rows = all.rows.map((r) => [
    r.personName,
    GENDER[r.gender] ?? r.gender,
    r.age,
    r.gridName,
    r.address,
    r.phones.join('、'),
    zh('reason', r.reason),
    r.dueDate,
    STATUS[r.status] ?? r.status,
    r.lastVisitDate,
    r.flags.map((f) => FLAGS[f] ?? f).join('、'),
  ]);
  return {
    name: '走访工作清单',
    title: '走访工作清单',
    filter,
    columns: [
      { header: '姓名', width: 10 },
      { header: '性别', width: 6 },
      { header: '年龄', width: 6 },
      { header: '网格', width: 12 },
      { header: '住址', width: 28 },
      { header: '电话', width: 16, kind: 'text' },
      { header: '事由', width: 10 },
      { header: '应走访日期', width: 12 },
      { header: '状态', width: 9 },
      { header: '最近走访', width: 12 },
      { header: '标记', width: 16 },
    ],
    rows,
  };
}

export function requestsSheet(db: Db, user: User, query: z.output<typeof requestsExportSchema>): ListSheet {
  const all = listRequests(db, { ...query, limit: 1_000_000, offset: 0 }, user);
  const filter: string[] = [];
  add(filter, '人员', personName(db, query.personId));
  add(filter, '类别', query.category ? zh('category', query.category) : null);
  add(filter, '状态', query.status === 'active' ? '待办（待处理和处理中）' : query.status ? zh('requestStatus', query.status) : null);
  add(filter, '负责人', userName(db, query.assignedTo));
  add(filter, '网格', gridName(db, query.gridId));
  add(filter, '报送单位', officeName(db, query.office));
  const rows = all.rows.map((r) => [r.personName, zh('category', r.category), r.description, r.raisedOn, r.raisedByName, r.assignedToName, zh('requestStatus', r.status), r.resolvedOn, r.resolution]);
  return {
    name: '服务需求',
    title: '服务需求',
    filter,
    columns: [
      { header: '姓名', width: 10 },
      { header: '类别', width: 10 },
      { header: '需求内容', width: 36 },
      { header: '提出日期', width: 12 },
      { header: '提出人', width: 10 },
      { header: '负责人', width: 10 },
      { header: '状态', width: 8 },
      { header: '办结日期', width: 12 },
      { header: '办理结果', width: 30 },
    ],
    rows,
  };
}

export function pairsSheet(db: Db, query: z.output<typeof pairsExportSchema>, today: string): ListSheet {
  const all = listPairs(db, { ...query, limit: 1_000_000, offset: 0 }, today);
  const filter: string[] = [];
  add(filter, '状态', PAIR_STATUS[query.status] ?? query.status);
  add(filter, '帮扶人类型', query.helperKind ? HELPER_KINDS[query.helperKind] : null);
  add(filter, '搜索', query.search);
  add(filter, '报送单位', officeName(db, query.office));
  const rows = all.rows.map((r) => [
    r.personName,
    r.helperName,
    HELPER_KINDS[r.helperKind] ?? r.helperKind,
    r.helpKinds.map((k) => HELP_KINDS[k] ?? k).join('、'),
    FREQUENCIES[r.frequency] ?? r.frequency,
    r.fromDate,
    r.lastContactDate ?? '尚未联系',
    r.nextDueDate,
    r.dueStatus ? (DUE[r.dueStatus] ?? r.dueStatus) : '已结束',
    r.toDate,
    r.endReason,
  ]);
  return {
    name: '结对帮扶',
    title: '结对帮扶',
    filter,
    columns: [
      { header: '帮扶对象', width: 10 },
      { header: '帮扶人', width: 14 },
      { header: '帮扶人类型', width: 10 },
      { header: '帮扶内容', width: 20 },
      { header: '联系频率', width: 9 },
      { header: '开始日期', width: 12 },
      { header: '最近联系', width: 12 },
      { header: '下次联系', width: 12 },
      { header: '提醒', width: 10 },
      { header: '结束日期', width: 12 },
      { header: '结束原因', width: 20 },
    ],
    rows,
  };
}

export function arrearsSheet(db: Db, query: z.output<typeof arrearsExportSchema>): ListSheet {
  const all = arrears(db, query.month, query.branchId, query.office);
  const filter: string[] = [`统计至 ${query.month.slice(0, 4)}年${Number(query.month.slice(5))}月`];
  if (query.branchId) add(filter, '党支部', (cachedStatement(db, 'SELECT name FROM party_branches WHERE id = ?').get(query.branchId) as { name: string } | undefined)?.name ?? query.branchId);
  add(filter, '报送单位', officeName(db, query.office));
  const rows = all.map((r) => [r.branchName, r.personName, r.months.map((m) => `${Number(m.slice(5))}月`).join('、'), r.months.length, r.lastPaidMonth]);
  return {
    name: '党费欠缴',
    title: '党费欠缴名单',
    filter,
    columns: [
      { header: '党支部', width: 20 },
      { header: '姓名', width: 10 },
      { header: '欠缴月份', width: 36 },
      { header: '欠缴月数', width: 9, kind: 'number' },
      { header: '最近交纳', width: 12 },
    ],
    rows,
  };
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
  if (rc.bureauOwn) filter.push(`单位：${rc.officeName}（本单位登记的人员）`);
  const columns: Column[] = def.columns.map((c) => {
    if (typeof c === 'string') return { header: PERSON_COLUMN_LABELS[c]['zh-CN'], width: c === 'address' ? 28 : c === 'phone' ? 16 : 10, kind: c === 'phone' ? 'text' : undefined };
    return { header: c.label['zh-CN'], width: c.key === 'description' || c.key === 'topic' || c.key === 'title' ? 30 : 12, kind: c.format === 'fen' ? 'yuan' : undefined };
  });
  const rows = result.rows.map((r) => def.columns.map((c) => drillCellText(c, r.cells[typeof c === 'string' ? c : c.key] ?? null)));
  return { name: title.replace(/[\\/:*?"<>|：]/g, '-'), title, filter, columns, rows };
}
