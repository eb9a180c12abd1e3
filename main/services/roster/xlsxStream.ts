/**
 * An .xlsx read a row at a time, so a roster too long for the office's limit is refused after the
 * limit, not after the whole workbook was built in memory (exceljs's `xlsx.load` takes gigabytes
 * for a million rows).
 *
 * exceljs's streaming reader (ExcelJS.stream.xlsx.WorkbookReader) parses the parts, but reads the
 * zip front to back: Excel, WPS and exceljs itself put the sheets before the shared strings, and the
 * reader then copies every sheet, personal data and all, to a temporary file before reading a row.
 * The file is in memory already, so here the zip is opened by its directory (zip.ts) and the parts
 * handed to the reader's part parsers in the order that suits: workbook and styles (which cells are
 * dates) first, then the sheet, streamed, its text cells as numbers into the shared strings; only
 * then the shared strings, keeping those the rows kept use. A roster over the limit is refused
 * before its shared strings are read at all. Every part's unpacked size is counted as it comes.
 */
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../spreadsheet';
import { partText, zipEntries, type ZipEntry } from './zip';

/**
 * The part parsers of exceljs's streaming reader (exceljs 4.4.0, pinned in package.json; its last
 * release). They are not in its typings; the roster tests read real workbooks through them.
 */
interface WorkbookReaderParts {
  workbookRels?: { Id: string; Target: string; Type?: string }[];
  model?: { sheets?: ({ name: string; state?: string; rId: string } | undefined)[] };
  sharedStrings?: unknown;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  /** With sharedStrings 'emit': each string with its index, in order. */
  _parseSharedStrings(entry: Readable): AsyncGenerator<{ index: number; text: ExcelJS.CellValue }>;
  _parseWorksheet(chunks: AsyncIterable<string>, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
}

export interface XlsxSheet {
  name: string;
  hidden: boolean;
  entry: ZipEntry;
}

export interface XlsxLimits {
  /** Unpacked bytes allowed for the small parts and the shared strings together. */
  maxSharedBytes: number;
  /** Unpacked bytes allowed for the sheet read (streamed). */
  maxSheetBytes: number;
  /** Packed bytes of the sheet read so far, of all of them. */
  onSheetRead?: (done: number, total: number) => void;
}

/** Thrown when the workbook lacks a part every workbook has. */
export class XlsxMissingPart extends Error {}

function partPath(target: string): string {
  // Targets are relative to xl/ unless absolute.
  return (target.startsWith('/') ? target.slice(1) : `xl/${target}`).replace(/\/\.\//g, '/');
}

/** A cell of a sheet read before its shared strings: the string's number. */
export interface SharedStringRef {
  sharedString: number;
}

export function isSharedStringRef(value: unknown): value is SharedStringRef {
  return typeof value === 'object' && value !== null && typeof (value as { sharedString?: unknown }).sharedString === 'number';
}

export class StreamingWorkbook {
  private budget: number;

  private constructor(
    private readonly data: Buffer,
    private readonly reader: WorkbookReaderParts,
    private readonly entries: Map<string, ZipEntry>,
    readonly sheets: XlsxSheet[],
    private readonly limits: XlsxLimits,
    spent: number,
  ) {
    this.budget = limits.maxSharedBytes - spent;
  }

  /** Reads the workbook and its styles. Throws ZipFormatError, ZipPartTooLarge, XlsxMissingPart or a parse error. */
  static async open(data: Buffer, limits: XlsxLimits): Promise<StreamingWorkbook> {
    const entries = zipEntries(data);
    // The input stream is never read: the parts come from the directory.
    const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(Readable.from([]), {
      worksheets: 'emit',
      sharedStrings: 'emit',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    }) as unknown as WorkbookReaderParts;
    let spent = 0;
    const part = (entry: ZipEntry) => StreamingWorkbook.counted(partText(data, entry, { maxBytes: limits.maxSharedBytes - spent }), (n) => (spent += n));
    const rels = find(entries, 'xl/_rels/workbook.xml.rels');
    const workbook = find(entries, 'xl/workbook.xml');
    if (!rels || !workbook) throw new XlsxMissingPart('The workbook part is missing.');
    await reader._parseRels(part(rels));
    await reader._parseWorkbook(part(workbook));
    const styles = StreamingWorkbook.relPart(reader, entries, 'styles', 'xl/styles.xml');
    if (styles) await reader._parseStyles(part(styles));

    const sheets: XlsxSheet[] = [];
    for (const sheet of reader.model?.sheets ?? []) {
      if (!sheet) continue;
      const rel = (reader.workbookRels ?? []).find((r) => r.Id === sheet.rId);
      const entry = rel ? find(entries, partPath(rel.Target)) : undefined;
      if (!entry) continue;
      sheets.push({ name: sheet.name, hidden: sheet.state === 'hidden' || sheet.state === 'veryHidden', entry });
    }
    return new StreamingWorkbook(data, reader, entries, sheets, limits, spent);
  }

  /**
   * The rows of a sheet, in order, one at a time. Text cells held in the shared strings come as
   * SharedStringRef (they are read afterwards, by sharedStrings).
   */
  async *rows(sheet: XlsxSheet, index: number): AsyncGenerator<ExcelJS.Row> {
    const text = partText(this.data, sheet.entry, { maxBytes: this.limits.maxSheetBytes, onRead: this.limits.onSheetRead });
    for (const { value } of this.reader._parseWorksheet(text, String(index + 1))) {
      yield* value;
    }
  }

  /** The shared strings with these numbers; `between` runs between strings (a turn of the event loop). */
  async sharedStrings(wanted: ReadonlySet<number>, between: () => Promise<void>): Promise<Map<number, ExcelJS.CellValue>> {
    const found = new Map<number, ExcelJS.CellValue>();
    const entry = StreamingWorkbook.relPart(this.reader, this.entries, 'sharedStrings', 'xl/sharedStrings.xml');
    if (!entry || wanted.size === 0) return found;
    const text = StreamingWorkbook.counted(partText(this.data, entry, { maxBytes: this.budget }), (n) => (this.budget -= n));
    for await (const { index, text: value } of this.reader._parseSharedStrings(text)) {
      if (wanted.has(index)) found.set(index, value);
      await between();
    }
    return found;
  }

  private static relPart(reader: WorkbookReaderParts, entries: Map<string, ZipEntry>, type: string, fallback: string): ZipEntry | undefined {
    const rel = (reader.workbookRels ?? []).find((r) => (r.Type ?? '').endsWith(`/${type}`));
    return find(entries, rel ? partPath(rel.Target) : fallback);
  }

  /** A part as the stream the part parsers take, telling how many unpacked bytes it used. */
  private static counted(text: AsyncGenerator<string>, used: (bytes: number) => void): Readable {
    return Readable.from(
      (async function* () {
        for await (const piece of text) {
          used(Buffer.byteLength(piece));
          yield piece;
        }
      })(),
    );
  }
}

function find(entries: Map<string, ZipEntry>, path: string): ZipEntry | undefined {
  return entries.get(path.toLowerCase());
}
