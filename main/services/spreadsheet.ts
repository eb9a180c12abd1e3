/**
 * Every .xlsx the app writes goes through here. A text cell that begins with = + - @ (or a tab or
 * carriage return) is stored as text, but becomes a live formula the moment someone edits the
 * cell in Excel or WPS: `=HYPERLINK(...)` in a note, or DDE in older Excel. As OWASP recommends for
 * spreadsheet injection, such text is written with a leading single quote, which the spreadsheet
 * shows and which the roster import takes off again, so an export re-imports unchanged.
 */
import type ExcelJS from 'exceljs';

let excelLoad: Promise<typeof ExcelJS> | null = null;

/**
 * exceljs with the zip and stream libraries it brings (1 MB of code): loaded the first time a
 * workbook is read or written, not with every process that may never touch one.
 */
export function loadExcel(): Promise<typeof ExcelJS> {
  excelLoad ??= import('exceljs').then((m) => m.default);
  return excelLoad;
}

const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
/**
 * Phone numbers and plain numbers ("+86 138 0013 8000", "0354-1234567、13800138000", "-5") start
 * with + or - but can only ever be arithmetic, never a function or a link: they stay as they are.
 * A lone "-" (a placeholder) is text like any other and is quoted.
 */
const NUMBER_LIKE = /^[\d\s()+\-.,、;，；]+$/;

/** Would this text become a formula when its cell is edited? */
export function isFormulaLike(text: string): boolean {
  if (text === '' || !TRIGGERS.has(text.charAt(0))) return false;
  return !(NUMBER_LIKE.test(text) && /\d/.test(text));
}

/** The text as it is safe to store in a cell. */
export function quoteCellText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/** The inverse, for text read back from a spreadsheet: a quote the export added is taken off. */
export function unquoteCellText(text: string): string {
  return text.startsWith("'") && isFormulaLike(text.slice(1)) ? text.slice(1) : text;
}

/** Quotes every formula-like text cell of every sheet; numbers, dates and real formulas are left alone. */
export function quoteFormulaLikeCells(workbook: ExcelJS.Workbook): void {
  workbook.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        // A merged range keeps its value in its first cell; the others only point to it.
        if (cell.isMerged && cell.master !== cell) return;
        const value = cell.value;
        if (typeof value === 'string') {
          if (isFormulaLike(value)) cell.value = quoteCellText(value);
          return;
        }
        if (value !== null && typeof value === 'object' && 'richText' in value) {
          const text = value.richText.map((r) => r.text).join('');
          const [first, ...rest] = value.richText;
          if (first && isFormulaLike(text)) cell.value = { richText: [{ ...first, text: `'${first.text}` }, ...rest] };
        }
      });
    });
  });
}

/** The workbook as .xlsx bytes, with formula-like text quoted. The one way the app writes .xlsx. */
export async function xlsxBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  quoteFormulaLikeCells(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
