/**
 * A statutory form as an .xlsx laid out like the paper one: the title, 填报单位 and 统计时点, each
 * table with its merged multi-level header, group labels merged down their rows, totals in bold,
 * thin borders, number formats (counts, one-decimal rates and ages, 元 with two decimals), notes, and
 * the signature line (单位负责人 / 填报人 / 联系电话 / 填报日期). A4 portrait, fitted to one page wide,
 * print area set. A handed-in form's 说明 also lists the checks that failed and the office's
 * explanation (formNoteLines), as the print does. Table headers are not repeated on a second page:
 * a sheet repeats one band of rows, and each table of a form has a header of its own.
 * Written through the one .xlsx writer.
 */
import type ExcelJS from 'exceljs';
import { xlsxBuffer, loadExcel } from '../../spreadsheet';
import type { FormData, FormTable } from '../../../../shared/schemas/reports';
import { formNoteLines } from '../../../../shared/reports/formNotes';

const FORMATS: Record<FormTable['columnUnits'][number], string> = {
  count: '0',
  percent: '0.0"%"',
  yuan: '#,##0.00',
  years: '0.0',
  text: '@',
};

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

const zhDate = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** Columns the widest table needs: its label columns and its figures. */
function widthOf(t: FormTable): number {
  return t.labelColumns + t.columnUnits.length;
}

export function formFileName(f: FormData): string {
  const office = f.officeName.replace(/[\\/:*?"<>|]/g, '');
  return `${f.title}-${office}-${f.period.text.replace(':', '-')}.xlsx`;
}

function writeTable(sheet: ExcelJS.Worksheet, t: FormTable, start: number): number {
  let r = start;
  sheet.mergeCells(r, 1, r, widthOf(t));
  const title = sheet.getCell(r, 1);
  title.value = t.title;
  title.font = { bold: true, size: 11 };
  r += 1;
  // The header: each cell placed at the first free column of its row, merged over its spans.
  const taken = new Set<string>();
  t.header.forEach((cells, i) => {
    let c = 1;
    for (const cell of cells) {
      while (taken.has(`${r + i}:${c}`)) c += 1;
      for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) taken.add(`${r + i + dr}:${c + dc}`);
      if (cell.rowSpan > 1 || cell.colSpan > 1) sheet.mergeCells(r + i, c, r + i + cell.rowSpan - 1, c + cell.colSpan - 1);
      const x = sheet.getCell(r + i, c);
      x.value = cell.text;
      c += cell.colSpan;
    }
  });
  for (let i = 0; i < t.header.length; i++) {
    const row = sheet.getRow(r + i);
    row.height = 20;
    for (let c = 1; c <= widthOf(t); c++) {
      const x = row.getCell(c);
      x.font = { bold: true };
      x.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      x.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
      x.border = THIN;
    }
  }
  r += t.header.length;
  for (const row of t.rows) {
    const excelRow = sheet.getRow(r);
    let c = 1;
    row.labels.forEach((label, i) => {
      const span = i === row.labels.length - 1 ? t.labelColumns - c + 1 : 1;
      if (label.rowSpan > 0) {
        if (label.rowSpan > 1 || span > 1) sheet.mergeCells(r, c, r + Math.max(label.rowSpan, 1) - 1, c + span - 1);
        excelRow.getCell(c).value = label.text;
      }
      c += span;
    });
    row.cells.forEach((value, i) => {
      const x = excelRow.getCell(t.labelColumns + 1 + i);
      const unit = row.unit ?? t.columnUnits[i] ?? 'count';
      if (value === null) {
        x.value = '—';
        x.alignment = { horizontal: 'center' };
      } else {
        x.value = value;
        if (typeof value === 'number') x.numFmt = FORMATS[unit];
        x.alignment = { horizontal: typeof value === 'number' ? 'right' : 'center', vertical: 'middle' };
      }
    });
    for (let k = 1; k <= widthOf(t); k++) {
      const x = excelRow.getCell(k);
      x.border = THIN;
      if (k <= t.labelColumns) x.alignment = { horizontal: k === 1 && t.labelColumns === 2 ? 'center' : 'left', vertical: 'middle', wrapText: true };
      if (row.total) x.font = { bold: true };
    }
    r += 1;
  }
  return r;
}

export async function formWorkbook(f: FormData): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'CadreCare';
  const width = Math.max(...f.tables.map(widthOf));
  const sheet = workbook.addWorksheet(f.title.slice(0, 31), {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P / &N 页' },
  });
  sheet.columns = Array.from({ length: width }, (_, i) => ({ width: i === 0 ? 12 : i === 1 && f.tables.some((t) => t.labelColumns === 2) ? 16 : 11 }));

  sheet.mergeCells(1, 1, 1, width);
  const title = sheet.getCell(1, 1);
  title.value = f.title;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 30;
  const half = Math.ceil(width / 2);
  sheet.mergeCells(2, 1, 2, half);
  sheet.getCell(2, 1).value = `填报单位：${f.officeName}（盖章）`;
  sheet.mergeCells(2, half + 1, 2, width);
  const when = sheet.getCell(2, half + 1);
  when.value = `统计时点：${f.asOfLabel}`;
  when.alignment = { horizontal: 'right' };
  sheet.mergeCells(3, 1, 3, width);
  sheet.getCell(3, 1).value = `统计期间：${f.periodLabel}`;

  let r = 5;
  for (const t of f.tables) r = writeTable(sheet, t, r) + 1;
  const notes = formNoteLines(f);
  if (notes.length > 0) {
    sheet.mergeCells(r, 1, r, width);
    sheet.getCell(r, 1).value = '说明：';
    sheet.getCell(r, 1).font = { bold: true };
    r += 1;
    notes.forEach((note, i) => {
      sheet.mergeCells(r, 1, r, width);
      const x = sheet.getCell(r, 1);
      x.value = `${i + 1}. ${note}`;
      x.alignment = { wrapText: true, vertical: 'top' };
      sheet.getRow(r).height = Math.max(16, Math.ceil(note.length / (width * 6)) * 15);
      r += 1;
    });
  }
  const s = f.submission;
  const sign: [string, string][] = [
    ['单位负责人', s?.headName ?? ''],
    ['填报人', s?.fillerName ?? ''],
    ['联系电话', s?.fillerPhone ?? ''],
    ['填报日期', s ? zhDate(s.submittedOn) : ''],
  ];
  r += 1;
  const block = Math.max(1, Math.floor(width / 4));
  sign.forEach(([label, value], i) => {
    const from = 1 + i * block;
    const to = i === 3 ? width : from + block - 1;
    if (to > from) sheet.mergeCells(r, from, r, to);
    sheet.getCell(r, from).value = `${label}：${value}`;
  });
  sheet.getRow(r).height = 24;
  sheet.pageSetup.printArea = `A1:${sheet.getColumn(width).letter}${r}`;
  return xlsxBuffer(workbook);
}
