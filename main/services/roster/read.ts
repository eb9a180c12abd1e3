/**
 * Reads a roster file into rows of cell values: .xlsx with exceljs, or CSV text (UTF-8 with or
 * without a byte-order mark, UTF-16 with one, and GBK/GB18030 — what Chinese Excel writes — when
 * the bytes are not valid UTF-8). Date cells become YYYY-MM-DD text; numbers stay numbers, so the
 * validator can tell an ID number that Excel stored as a number (its last digits already lost).
 */
import ExcelJS from 'exceljs';
import { unquoteCellText } from '../spreadsheet';
import iconv from 'iconv-lite';
import { AppError } from '../../../shared/errors';
import { DAY_MS, dateOfDay } from '../../../shared/calendar';
import { detectHeaderRow } from './headers';

export type CellValue = string | number | null;

export interface RosterRow {
  /** The row number a person sees in Excel (the line number in a CSV file). */
  row: number;
  cells: CellValue[];
}

export interface ParsedRoster {
  fileName: string;
  sheetName: string;
  /** Header texts of the header row, one per column ('' where a column has none). */
  headers: string[];
  /** The Excel row number of the header row. */
  headerRow: number;
  /** The rows below the header with something in them. */
  rows: RosterRow[];
}

/** Larger rosters are refused rather than held in memory; a county has a few thousand persons. */
export const MAX_ROWS = 100_000;
export const MAX_COLUMNS = 200;

export type UnreadableReason = 'empty' | 'legacyOrEncrypted' | 'corrupt' | 'noSheet' | 'tooManyRows';

function unreadable(reason: UnreadableReason, message: string): AppError {
  return new AppError('ROSTER_FILE_UNREADABLE', message, { reason });
}

/** A date cell as YYYY-MM-DD. Excel dates are UTC midnights give or take a rounding error. */
export function dateCellText(d: Date): string | null {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) return null;
  return dateOfDay(Math.floor((ms + 1000) / DAY_MS));
}

function cleanText(text: string): string | null {
  // A quote the export put before formula-like text (see spreadsheet.ts) is not part of the value.
  const trimmed = unquoteCellText(text.trim());
  return trimmed === '' ? null : trimmed;
}

/** One exceljs cell value as text, number or nothing. */
export function cellToValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return cleanText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return dateCellText(value);
  if ('richText' in value) return cleanText(value.richText.map((r) => r.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) return cellToValue(value.result as ExcelJS.CellValue | undefined);
  if ('hyperlink' in value) return cleanText(String(value.text ?? ''));
  if ('error' in value) return null;
  return null;
}

export function cellText(value: CellValue): string {
  return value === null ? '' : String(value);
}

function isBlank(cells: readonly CellValue[]): boolean {
  return cells.every((c) => c === null);
}

/** Turns a grid (row number + cells) into a ParsedRoster: finds the header row, drops blank rows. */
export function fromGrid(fileName: string, sheetName: string, grid: RosterRow[]): ParsedRoster {
  const nonBlank = grid.filter((r) => !isBlank(r.cells));
  if (nonBlank.length === 0) throw unreadable('empty', 'The roster has no rows.');
  const top = nonBlank.slice(0, 10);
  const headerIndex = detectHeaderRow(top.map((r) => r.cells.map(cellText)));
  const header = top[headerIndex] ?? (nonBlank[0] as RosterRow);
  const rows = nonBlank.filter((r) => r.row > header.row);
  if (rows.length > MAX_ROWS) throw unreadable('tooManyRows', `The roster has more than ${MAX_ROWS} rows.`);
  let width = header.cells.length;
  for (const r of rows) width = Math.max(width, r.cells.length);
  // Trailing columns with neither a header nor a value are not columns.
  while (width > 0 && cellText(header.cells[width - 1] ?? null) === '' && rows.every((r) => (r.cells[width - 1] ?? null) === null)) width--;
  const headers = Array.from({ length: width }, (_, i) => cellText(header.cells[i] ?? null).replace(/\s+/g, ' ').trim());
  return {
    fileName,
    sheetName,
    headers,
    headerRow: header.row,
    rows: rows.map((r) => ({ row: r.row, cells: Array.from({ length: width }, (_, i) => r.cells[i] ?? null) })),
  };
}

async function readXlsx(fileName: string, data: Buffer): Promise<ParsedRoster> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its Buffer as an ArrayBuffer; at run time it takes a Node Buffer.
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw unreadable('corrupt', `The Excel file cannot be read: ${(err as Error).message}`);
  }
  // The first visible sheet with something in it (the template's second sheet is its explanation).
  const sheet = workbook.worksheets.find((ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden' && ws.actualRowCount > 0);
  if (!sheet) throw unreadable('empty', 'The workbook has no rows.');
  if (sheet.actualRowCount > MAX_ROWS + 20) throw unreadable('tooManyRows', `The roster has more than ${MAX_ROWS} rows.`);
  const grid: RosterRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col <= MAX_COLUMNS) cells[col - 1] = cellToValue(cell.value);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    grid.push({ row: rowNumber, cells });
  });
  return fromGrid(fileName, sheet.name, grid);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** CSV bytes to text: a byte-order mark decides; otherwise UTF-8 if it is valid, else GB18030 (a superset of GBK). */
export function decodeText(data: Buffer): string {
  if (data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return data.subarray(3).toString('utf8');
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) return iconv.decode(data.subarray(2), 'utf16le');
  if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff) return iconv.decode(data.subarray(2), 'utf16be');
  try {
    return UTF8.decode(data);
  } catch {
    return iconv.decode(data, 'gb18030');
  }
}

/** The separator of the first lines: comma, tab (Excel's "Unicode text") or semicolon. */
function detectDelimiter(text: string): string {
  const head = text.split(/\r?\n/, 10).join('\n');
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';']) {
    const count = head.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** RFC 4180 records: quoted fields may hold separators, doubled quotes and line breaks. */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
      i++;
    } else if (ch === delimiter) {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
    if (records.length > MAX_ROWS + 20) throw unreadable('tooManyRows', `The roster has more than ${MAX_ROWS} rows.`);
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function readCsv(fileName: string, data: Buffer): ParsedRoster {
  const text = decodeText(data);
  if (text.includes('\u0000')) throw unreadable('corrupt', 'The file is neither an Excel workbook nor CSV text.');
  const grid = parseCsv(text).map((fields, index) => ({
    row: index + 1,
    cells: fields.slice(0, MAX_COLUMNS).map((f) => cleanText(f)),
  }));
  return fromGrid(fileName, 'CSV', grid);
}

/** Reads an uploaded roster. Throws ROSTER_FILE_UNREADABLE (with a `reason`) when it cannot. */
export async function readRoster(fileName: string, data: Buffer): Promise<ParsedRoster> {
  if (data.length === 0) throw unreadable('empty', 'The file is empty.');
  // Decided by the bytes, not the name: a renamed file is still read for what it is.
  if (data[0] === 0x50 && data[1] === 0x4b) return readXlsx(fileName, data);
  // An OLE compound file: an old .xls workbook, or an .xlsx protected with a password.
  if (data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0) {
    throw unreadable('legacyOrEncrypted', 'This is an old .xls workbook or a password-protected one; save it as .xlsx without a password.');
  }
  if (/\.xlsx$/i.test(fileName)) throw unreadable('corrupt', 'The .xlsx file is damaged.');
  return readCsv(fileName, data);
}
