/**
 * 分项 as .xlsx: one indicator of a period per value of a breakdown (按网格, 按性别 …), the figures
 * the page shows, a 合计 row, and the notes of inputs that are missing. The title row names the
 * indicator, the breakdown, the period and (at the bureau) the community, so the sheet says what it
 * holds once printed or sent on. It is a table of figures rather than a list of persons, so it is
 * written here and not through writeList: numbers keep their decimals, the total row is bold and
 * the count line says how many values the breakdown has.
 */
import type { Db } from '../../db/connection';
import { loadExcel, xlsxBuffer } from '../spreadsheet';
import { DIM_LABELS, dimValueLabel, figureDecimals, figureLabel, figureUnit } from '../../../shared/reports/catalogue';
import { breakdownFigures } from '../../../shared/reports/breakdown';
import { periodTextLabel } from '../../../shared/reports/period';
import type { BreakdownExport, IndicatorResult } from '../../../shared/schemas/reports';
import { toDateString } from '../../../shared/dates';
import { computeIndicator, requireIndicator } from './engine';
import { officeContext } from './county';
import type { ReportContext } from './scope';
import type { ListFile } from './exports';

export interface BreakdownSheet {
  title: string;
  /** The indicator and the breakdown, for the sheet's and the file's name (在册人数-按性别). */
  name: string;
  /** 统计时点 and whose records, for the second row. */
  notes: string[];
  header: string[];
  /** The breakdown's values, each with its figures; the total last. */
  rows: { label: string; values: (number | null)[]; total: boolean }[];
  /** Excel number formats of the figure columns. */
  formats: string[];
  /** Inputs that are missing (ADL 未评估 3 人 …). */
  incomplete: string[];
  result: IndicatorResult;
}

function numberFormat(decimals: number, percent: boolean): string {
  const base = decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
  return percent ? `${base}"%"` : base;
}

export function breakdownSheet(rc: ReportContext, query: Omit<BreakdownExport, 'office'>): BreakdownSheet {
  const def = requireIndicator(query.key);
  const result = computeIndicator(rc, query.key, query.period, query.by);
  const figures = breakdownFigures(def);
  const dim = DIM_LABELS[query.by]['zh-CN'];
  const where = [`期间：${periodTextLabel(result.period.text)}`];
  if (rc.bureauOwn) where.push(`单位：${rc.officeName}（本单位登记的人员）`);
  else if (rc.office !== null) where.unshift(`报送单位：${rc.officeName}`);
  const notes = [`统计时点：${result.period.asOf}${result.period.running ? '（期间未结束）' : ''}`];
  return {
    title: `${def.label['zh-CN']}：按${dim}分项（${where.join('；')}）`,
    name: `${def.label['zh-CN']}-按${dim}`.replace(/[\\/:*?"<>|：]/g, '-'),
    notes,
    header: [dim, ...figures.map((f) => `${figureLabel(def, f)}（${figureUnit(def, f)}）`)],
    rows: [
      ...result.rows.map((row) => ({ label: dimValueLabel(query.by, row.key, row.name), values: figures.map((f) => row.figures[f] ?? null), total: false })),
      { label: '合计', values: figures.map((f) => result.figures[f] ?? null), total: true },
    ],
    formats: figures.map((f) => numberFormat(figureDecimals(def, f), figureUnit(def, f) === '%')),
    incomplete: result.incomplete.map((i) => `${figureLabel(def, i.key)} ${i.count} ${figureUnit(def, i.key)}`),
    result,
  };
}

export async function writeBreakdown(s: BreakdownSheet, at: Date): Promise<ListFile> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'CadreCare';
  const sheet = workbook.addWorksheet(s.name.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 3, xSplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
  });
  const width = s.header.length;
  sheet.columns = s.header.map((h, i) => ({ width: i === 0 ? 18 : Math.max(10, Math.min(22, h.length * 2)) }));
  sheet.mergeCells(1, 1, 1, width);
  const head = sheet.getCell(1, 1);
  head.value = s.title;
  head.font = { bold: true, size: 14 };
  head.alignment = { vertical: 'middle', wrapText: true };
  sheet.getRow(1).height = 36;
  sheet.mergeCells(2, 1, 2, width);
  sheet.getCell(2, 1).value = `${s.notes.join('    ')}    共 ${s.rows.length - 1} 项    导出时间：${toDateString(at)} ${at.toTimeString().slice(0, 5)}`;
  const header = sheet.getRow(3);
  s.header.forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const r of s.rows) {
    // A figure with nothing to divide by (a rate of no one) is left empty, as the page shows —.
    const row = sheet.addRow([r.label, ...r.values.map((v) => (v === null ? '—' : v))]);
    s.formats.forEach((fmt, i) => {
      const cell = row.getCell(i + 2);
      cell.numFmt = fmt;
      cell.alignment = { horizontal: 'right' };
    });
    if (r.total) {
      row.font = { bold: true };
      row.eachCell((cell) => (cell.border = { top: { style: 'thin' } }));
    }
  }
  if (s.incomplete.length > 0) {
    sheet.addRow([]);
    for (const text of s.incomplete) sheet.addRow([`注：${text}（缺少所需信息，单独列出，没有计入其他各项）`]);
  }
  const stamp = toDateString(at).replaceAll('-', '');
  return { fileName: `${s.name}-${stamp}.xlsx`, base64: (await xlsxBuffer(workbook)).toString('base64'), count: s.rows.length - 1 };
}

/** The breakdown read in one snapshot, then written as a workbook outside it. */
export function breakdownFile(db: Db, today: string, query: BreakdownExport, at: Date): Promise<ListFile> {
  const { office, ...rest } = query;
  const sheet = db.transaction(() => breakdownSheet(officeContext(db, today, office), rest)).deferred();
  return writeBreakdown(sheet, at);
}
