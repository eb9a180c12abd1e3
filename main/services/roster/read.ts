/**
 * Reads a roster file into rows of cell values, a row at a time: .xlsx streamed (xlsxStream.ts),
 * or CSV text (UTF-8 with or without a byte-order mark, UTF-16 with one, and GBK/GB18030 — what
 * Chinese Excel writes — when the bytes are not valid UTF-8). Date cells become YYYY-MM-DD text; numbers stay numbers, so the
 * validator can tell an ID number that Excel stored as a number (its last digits already lost).
 */
import type ExcelJS from 'exceljs';
import { unquoteCellText } from '../spreadsheet';
import Papa from 'papaparse';
import { AppError } from '../../../shared/errors';
import { DAY_MS, dateOfDay } from '../../../shared/calendar';
import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings';
import { detectHeaderRow } from './headers';
import { isSharedStringRef, StreamingWorkbook, type SharedStringRef } from './xlsxStream';
import { ZipPartTooLarge } from './zip';
import { eventLoopTurns } from '../../tasks';

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

/** Larger files are refused before they are read (the contract's upload takes a little more). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_FILE_MB = MAX_FILE_BYTES / (1024 * 1024);
export const MAX_COLUMNS = 200;
/** The header is looked for among this many non-blank rows at the top. */
const HEADER_SEARCH = 10;
/**
 * Unpacked bytes allowed, per row the office allows: for the shared strings with the small parts,
 * and for the sheet. Generous for real rosters (a wide row of unique text is under 2 KB of shared
 * strings and 4 KB of sheet), and they stop a small file that unpacks to gigabytes.
 */
const SHARED_BYTES_PER_ROW = 2 * 1024;
const SHEET_BYTES_PER_ROW = 8 * 1024;
const MIN_UNPACKED_BYTES = 64 * 1024 * 1024;

export type UnreadableReason = 'empty' | 'legacyOrEncrypted' | 'corrupt' | 'noSheet';

function unreadable(reason: UnreadableReason, message: string): AppError {
  return new AppError('ROSTER_FILE_UNREADABLE', message, { reason });
}

export function tooManyRows(limit: number): AppError {
  return new AppError('ROSTER_TOO_MANY_ROWS', `The roster has more than ${limit} rows; nothing was imported.`, { limit });
}

export function fileTooLarge(): AppError {
  return new AppError('ROSTER_FILE_TOO_LARGE', `The roster file is larger than ${MAX_FILE_MB} MB or unpacks to too much; nothing was imported.`, {
    maxMb: MAX_FILE_MB,
  });
}

/** What reading needs of a task: progress and cancel (the TaskHandle of dispatch fits). */
export interface ReadTask {
  progress(done: number, total: number, stage: string): void;
  throwIfCancelled(): void;
}

export interface ReadOptions {
  /** Rows below the header a roster may have (the office setting rosterMaxRows). */
  maxRows: number;
  task?: ReadTask | undefined;
  /** Counts the rows read from the file, blank ones too: a refusal reads only a bounded number. */
  stats?: { rowsRead: number } | undefined;
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

/**
 * Keeps the non-blank rows as they are read and refuses as soon as there are more than the limit
 * below the header, wherever the header turns out to be: it is among the first HEADER_SEARCH.
 */
class RowCollector<C> {
  readonly rows: { row: number; cells: C[] }[] = [];

  constructor(
    private readonly maxRows: number,
    private readonly stats: { rowsRead: number } | undefined,
    private readonly blank: (cells: readonly C[]) => boolean,
  ) {}

  add(row: number, cells: C[]): void {
    if (this.stats) this.stats.rowsRead++;
    if (this.blank(cells)) return;
    this.rows.push({ row, cells });
    if (this.rows.length > this.maxRows + HEADER_SEARCH) throw tooManyRows(this.maxRows);
  }
}

/** Turns the non-blank rows (row number + cells, in order) into a ParsedRoster: finds the header row. */
export function fromGrid(fileName: string, sheetName: string, grid: RosterRow[], maxRows: number): ParsedRoster {
  const nonBlank = grid.filter((r) => !isBlank(r.cells));
  if (nonBlank.length === 0) throw unreadable('empty', 'The roster has no rows.');
  const top = nonBlank.slice(0, HEADER_SEARCH);
  const headerIndex = detectHeaderRow(top.map((r) => r.cells.map(cellText)));
  const header = top[headerIndex] ?? (nonBlank[0] as RosterRow);
  const rows = nonBlank.filter((r) => r.row > header.row);
  if (rows.length > maxRows) throw tooManyRows(maxRows);
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

/** A cell of a sheet as read, before its shared strings are: a value, or the number of its string. */
type SheetCell = CellValue | SharedStringRef;

function rowCells(row: ExcelJS.Row): SheetCell[] {
  const cells: SheetCell[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    if (col > MAX_COLUMNS) return;
    const value = cell.value as unknown;
    cells[col - 1] = isSharedStringRef(value) ? { sharedString: value.sharedString } : cellToValue(cell.value);
  });
  for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
  return cells;
}

/** Until its strings are read, a cell that names one counts as something (an empty string is rare). */
const sheetRowBlank = (cells: readonly SheetCell[]) => cells.every((c) => c === null);

/** A failure while unpacking or parsing, in the roster's words. */
function xlsxError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZipPartTooLarge) return fileTooLarge();
  return unreadable('corrupt', `The Excel file cannot be read: ${(err as Error).message}`);
}

async function readXlsx(fileName: string, data: Buffer, options: ReadOptions): Promise<ParsedRoster> {
  const task = options.task;
  let lastDone = -1;
  const turn = eventLoopTurns();
  try {
    const book = await StreamingWorkbook.open(data, {
      maxSharedBytes: Math.max(MIN_UNPACKED_BYTES, options.maxRows * SHARED_BYTES_PER_ROW),
      maxSheetBytes: Math.max(MIN_UNPACKED_BYTES, options.maxRows * SHEET_BYTES_PER_ROW),
      onSheetRead: (done, total) => {
        if (done === lastDone) return;
        lastDone = done;
        task?.progress(done, total, 'progress.rosterRead');
      },
    });
    // The first visible sheet with something in it (the template's second sheet is its explanation).
    for (const [index, sheet] of book.sheets.entries()) {
      if (sheet.hidden) continue;
      const collector = new RowCollector<SheetCell>(options.maxRows, options.stats, sheetRowBlank);
      for await (const row of book.rows(sheet, index)) {
        collector.add(row.number, rowCells(row));
        task?.throwIfCancelled();
        await turn();
      }
      if (collector.rows.length === 0) continue;
      const wanted = new Set<number>();
      for (const r of collector.rows) for (const c of r.cells) if (isSharedStringRef(c)) wanted.add(c.sharedString);
      const strings = await book.sharedStrings(wanted, async () => {
        task?.throwIfCancelled();
        await turn();
      });
      const rows = collector.rows.map((r) => ({
        row: r.row,
        cells: r.cells.map((c) => (isSharedStringRef(c) ? cellToValue(strings.get(c.sharedString)) : c)),
      }));
      if (rows.some((r) => !isBlank(r.cells))) return fromGrid(fileName, sheet.name, rows, options.maxRows);
    }
  } catch (err) {
    throw xlsxError(err);
  }
  throw unreadable('empty', 'The workbook has no rows.');
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
// The platform's decoders (ICU, in Node and in Electron alike) rather than a 500 KB library loaded by every process.
const UTF16LE = new TextDecoder('utf-16le');
const UTF16BE = new TextDecoder('utf-16be');
const GB18030 = new TextDecoder('gb18030');

/** CSV bytes to text: a byte-order mark decides; otherwise UTF-8 if it is valid, else GB18030 (a superset of GBK). */
export function decodeText(data: Buffer): string {
  if (data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return data.subarray(3).toString('utf8');
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) return UTF16LE.decode(data.subarray(2));
  if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff) return UTF16BE.decode(data.subarray(2));
  try {
    return UTF8.decode(data);
  } catch {
    return GB18030.decode(data);
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

/** Text parsed between two turns of the event loop: a few hundred rows of a roster. */
const CSV_CHUNK_CHARS = 64 * 1024;

/**
 * RFC 4180 records (quoted fields may hold separators, doubled quotes and line breaks), parsed by
 * papaparse a chunk at a time: `onRecords` gets each chunk's records with where they end in the
 * text, and parsing waits for it, so a long file does not hold up the process and a refusal stops
 * the reading. A line break at the very end ends the last record; it does not start an empty one.
 */
function csvChunks(text: string, delimiter: string, onRecords: (records: string[][], end: number) => Promise<void>): Promise<void> {
  const body = text.replace(/(\r\n|\r|\n)$/, '');
  return new Promise((resolve, reject) => {
    let failed = false;
    Papa.parse<string[]>(body, {
      delimiter,
      chunkSize: CSV_CHUNK_CHARS,
      chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        parser.pause();
        onRecords(results.data, results.meta.cursor).then(
          () => parser.resume(),
          (err: unknown) => {
            failed = true;
            parser.abort();
            reject(err instanceof Error ? err : new Error(String(err)));
          },
        );
      },
      complete: () => {
        if (!failed) resolve();
      },
    });
  });
}

async function readCsv(fileName: string, data: Buffer, options: ReadOptions): Promise<ParsedRoster> {
  const text = decodeText(data);
  if (text.includes('\u0000')) throw unreadable('corrupt', 'The file is neither an Excel workbook nor CSV text.');
  const task = options.task;
  const collector = new RowCollector<CellValue>(options.maxRows, options.stats, isBlank);
  const turn = eventLoopTurns();
  let line = 0;
  await csvChunks(text, detectDelimiter(text), async (records, end) => {
    for (const fields of records) {
      line++;
      collector.add(line, fields.slice(0, MAX_COLUMNS).map((f) => cleanText(f)));
    }
    task?.throwIfCancelled();
    task?.progress(end, text.length, 'progress.rosterRead');
    await turn();
  });
  return fromGrid(fileName, 'CSV', collector.rows, options.maxRows);
}

/**
 * Reads an uploaded roster a row at a time, refusing a file larger than MAX_FILE_BYTES
 * (ROSTER_FILE_TOO_LARGE) and a roster with more rows than allowed as soon as it has read one too
 * many (ROSTER_TOO_MANY_ROWS). Throws ROSTER_FILE_UNREADABLE (with a `reason`) when it cannot read it.
 */
export async function readRoster(
  fileName: string,
  data: Buffer,
  options: ReadOptions = { maxRows: DEFAULT_SETTINGS.rosterMaxRows },
): Promise<ParsedRoster> {
  if (data.length === 0) throw unreadable('empty', 'The file is empty.');
  if (data.length > MAX_FILE_BYTES) throw fileTooLarge();
  // Decided by the bytes, not the name: a renamed file is still read for what it is.
  if (data[0] === 0x50 && data[1] === 0x4b) return readXlsx(fileName, data, options);
  // An OLE compound file: an old .xls workbook, or an .xlsx protected with a password.
  if (data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0) {
    throw unreadable('legacyOrEncrypted', 'This is an old .xls workbook or a password-protected one; save it as .xlsx without a password.');
  }
  if (/\.xlsx$/i.test(fileName)) throw unreadable('corrupt', 'The .xlsx file is damaged.');
  return readCsv(fileName, data, options);
}
