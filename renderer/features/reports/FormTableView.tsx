/**
 * A table of a statutory form, drawn from the same model as the .xlsx: the header with its merged
 * cells, group labels spanning their rows, totals in bold, numbers as the form writes them. Used by
 * the 报表 page and by the A4 print route.
 */
import type { FormTable } from '../../../shared/schemas/reports';

type Unit = FormTable['columnUnits'][number];

export function formCellText(value: string | number | null, unit: Unit): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (unit === 'yuan') return value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (unit === 'percent' || unit === 'years') return value.toLocaleString('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return value.toLocaleString('zh-CN');
}

/**
 * `marks`: cells that differ from a hand-in (`tableId:row:col` → the figure handed in), drawn
 * highlighted with the handed-in figure beside the one now.
 */
export function FormTableView({ table, className, marks }: { table: FormTable; className?: string; marks?: ReadonlyMap<string, string | number | null> }) {
  return (
    <table className={className ?? 'form-table'} data-table={table.id} aria-label={table.title}>
      <caption>{table.title}</caption>
      <thead>
        {table.header.map((cells, i) => (
          <tr key={i}>
            {cells.map((c, j) => (
              <th key={j} colSpan={c.colSpan} rowSpan={c.rowSpan} scope="col">
                {c.text}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.rows.map((row, i) => (
          <tr key={i} className={row.total ? 'total' : undefined}>
            {row.labels.map((l, j) => {
              if (l.rowSpan === 0) return null;
              const span = j === row.labels.length - 1 ? table.labelColumns - j : 1;
              return (
                <th key={j} scope="row" rowSpan={l.rowSpan} colSpan={span} className={row.labels.length > 1 && j === 0 ? 'group' : 'item'}>
                  {l.text}
                </th>
              );
            })}
            {row.cells.map((c, j) => {
              const unit = row.unit ?? table.columnUnits[j] ?? 'count';
              const key = `${table.id}:${i}:${j}`;
              if (marks?.has(key)) {
                return (
                  <td key={j} className={`${typeof c === 'number' ? 'num' : 'text'} changed`} style={{ background: '#fff3cd', fontWeight: 700 }} data-changed="1">
                    <s style={{ color: '#888', fontWeight: 400, marginRight: 4 }}>{formCellText(marks.get(key) ?? null, unit)}</s>
                    {formCellText(c, unit)}
                  </td>
                );
              }
              return (
                <td key={j} className={typeof c === 'number' ? 'num' : 'text'}>
                  {formCellText(c, unit)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Screen styles of a form table (the print route has its own, in millimetres). */
export const FORM_TABLE_SX = {
  '& table.form-table': { borderCollapse: 'collapse', width: '100%', mb: 2, fontSize: '0.9rem' },
  '& table.form-table caption': { captionSide: 'top', textAlign: 'left', fontWeight: 700, py: 1 },
  '& table.form-table th, & table.form-table td': { border: '1px solid', borderColor: 'grey.500', px: 1, py: 0.5 },
  '& table.form-table thead th': { bgcolor: 'grey.100', fontWeight: 700, textAlign: 'center', whiteSpace: 'nowrap' },
  '& table.form-table tbody th': { fontWeight: 400, textAlign: 'left', whiteSpace: 'nowrap' },
  '& table.form-table tbody th.group': { textAlign: 'center', fontWeight: 600 },
  '& table.form-table td.num': { textAlign: 'right', fontVariantNumeric: 'tabular-nums', minWidth: '5em' },
  '& table.form-table td.text': { textAlign: 'center' },
  '& table.form-table tr.total th, & table.form-table tr.total td': { fontWeight: 700 },
} as const;
