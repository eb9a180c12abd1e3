/**
 * Building the tables of the statutory forms (a header of merged cells, rows with group labels) and
 * the checks they run before a hand-in. The print route and the .xlsx writer draw the same model.
 */
import type { FormCheck, FormTable } from '../../../../shared/schemas/reports';

export type Cell = number | string | null;
export type Row = FormTable['rows'][number];
export type ColumnUnit = FormTable['columnUnits'][number];

export function header(cells: [string, number?, number?][]): FormTable['header'][number] {
  return cells.map(([text, colSpan = 1, rowSpan = 1]) => ({ text, colSpan, rowSpan }));
}

/** Rows of one group: its label spans them all. */
export function group(label: string, items: { label: string; cells: Cell[]; total?: boolean }[]): Row[] {
  return items.map((item, i) => ({
    labels: [
      { text: label, rowSpan: i === 0 ? items.length : 0 },
      { text: item.label, rowSpan: 1 },
    ],
    cells: item.cells,
    total: item.total === true,
  }));
}

/** A row whose one label spans the label columns. */
export function single(label: string, cells: Cell[], total = false): Row {
  return { labels: [{ text: label, rowSpan: 1 }], cells, total };
}

export function rowLabel(row: Row): string {
  return row.labels
    .map((l) => l.text)
    .filter((t) => t !== '')
    .join('·');
}

const num = (c: Cell): number | null => (typeof c === 'number' ? c : null);

/** One check over many comparisons: ok when all hold, else the ones that fail, named. */
export function check(key: string, rule: string, failures: string[]): FormCheck {
  return failures.length === 0 ? { key, ok: true, text: `${rule}：相符` } : { key, ok: false, text: `${rule}：${failures.slice(0, 8).join('；')}${failures.length > 8 ? `；另有 ${failures.length - 8} 处` : ''}` };
}

/** Cells `parts` of each row add up to cell `whole` (indices into the cells). */
export function sumCheck(key: string, rule: string, rows: readonly Row[], whole: number, parts: readonly number[], names: readonly string[]): FormCheck {
  const failures: string[] = [];
  for (const row of rows) {
    const w = num(row.cells[whole] ?? null);
    const ps = parts.map((i) => num(row.cells[i] ?? null));
    if (w === null || ps.some((p) => p === null)) continue;
    const sum = (ps as number[]).reduce((a, b) => a + b, 0);
    if (sum !== w) failures.push(`“${rowLabel(row)}” ${parts.map((_, i) => `${names[i + 1]} ${ps[i]}`).join(' + ')} = ${sum}，${names[0]} ${w}`);
  }
  return check(key, rule, failures);
}

/** The rows of a group add up to a row, column by column. */
export function groupCheck(key: string, rule: string, parts: readonly Row[], whole: Row, columnNames: readonly string[]): FormCheck {
  const failures: string[] = [];
  whole.cells.forEach((w, i) => {
    const wn = num(w);
    if (wn === null) return;
    const sum = parts.reduce((a, r) => a + (num(r.cells[i] ?? null) ?? 0), 0);
    if (sum !== wn) failures.push(`${columnNames[i] ?? `第${i + 1}列`}：各项之和 ${sum}，“${rowLabel(whole)}” ${wn}`);
  });
  return check(key, rule, failures);
}

export function nonNegativeCheck(tables: readonly FormTable[]): FormCheck {
  const failures: string[] = [];
  for (const t of tables) for (const r of t.rows) r.cells.forEach((c) => typeof c === 'number' && c < 0 && failures.push(`“${rowLabel(r)}” ${c}`));
  return check('nonNegative', '没有负数', failures);
}
