/** Plain-text tables for the terminal: CJK characters count two columns, numbers align right. */
import type { BenchTable, Cell } from './types';

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

function isNumeric(cell: Cell): boolean {
  return typeof cell === 'number' || /^[-+]?[\d.,]+( ?(ms|s|%|x|MB))?$/.test(cell);
}

export function formatBenchTable(table: BenchTable): string {
  const header = table.columns;
  const rows = table.rows.map((r) => r.map((c) => String(c)));
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const pad = (text: string, i: number, right: boolean) => {
    const space = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(text)));
    return right ? space + text : text + space;
  };
  const line = (cells: string[], numeric: boolean[]) => cells.map((c, i) => pad(c, i, numeric[i] === true)).join('  ').trimEnd();
  const numericColumn = header.map((_, i) => table.rows.length > 0 && table.rows.every((r) => isNumeric(r[i] ?? '')));
  const out = [
    `== ${table.title}`,
    line(header, numericColumn),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map((r) => line(r, numericColumn)),
  ];
  for (const note of table.notes ?? []) out.push(`   ${note}`);
  return out.join('\n');
}
