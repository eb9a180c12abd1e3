import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useTranslation } from 'react-i18next';
import type { TableReport } from '../../../shared/schemas/packets';
import i18n from '../../i18n';
import { tableLabel } from '../../components/records';

export const packetKeys = {
  all: ['packets'] as const,
  keys: ['packets', 'keys'] as const,
  card: ['packets', 'card'] as const,
  log: ['packets', 'log'] as const,
  conflicts: ['packets', 'conflicts'] as const,
  conflictCount: ['packets', 'conflicts', 'count'] as const,
};

/** A table's name for people: 'persons' → 人员档案 (the table's own name when there is none). */
export { tableLabel };

/** A column's name for people, for the conflicts screen. */
export function columnLabel(column: string): string {
  const key = `packets.columns.${column}`;
  if (i18n.exists(key)) return i18n.t(key);
  const field = `persons.fields.${camel(column)}`;
  return i18n.exists(field) ? i18n.t(field) : column;
}

function camel(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** A stored value for people: lists joined, codes translated where the registry knows them, nothing as a dash. */
export function valueText(column: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return i18n.t('common.dash');
  if (typeof value === 'string' && value.startsWith('[')) {
    try {
      const list = JSON.parse(value) as unknown;
      if (Array.isArray(list)) return list.length > 0 ? list.map(String).join('、') : i18n.t('common.dash');
    } catch {
      // not a list: shown as it is
    }
  }
  if (typeof value === 'string') {
    const coded = `persons.values.${camel(column)}.${value}`;
    return i18n.exists(coded) ? i18n.t(coded) : value;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Rows per table, with a total line. */
export function CountsTable({ counts, label }: { counts: Record<string, number>; label: string }) {
  const { t } = useTranslation();
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return (
    <Table size="small" aria-label={label} sx={{ maxWidth: 420 }}>
      <TableHead>
        <TableRow>
          <TableCell>{t('packets.table')}</TableCell>
          <TableCell align="right">{t('packets.records')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entries.map(([table, n]) => (
          <TableRow key={table}>
            <TableCell>{tableLabel(table)}</TableCell>
            <TableCell align="right">{n}</TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell sx={{ fontWeight: 600 }}>{t('packets.total')}</TableCell>
          <TableCell align="right" sx={{ fontWeight: 600 }}>
            {total}
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}

/** The import report: inserted / updated / unchanged / conflicts per table. */
export function ReportTable({ tables, totals, label }: { tables: Record<string, TableReport>; totals: TableReport; label: string }) {
  const { t } = useTranslation();
  const cols = ['inserted', 'updated', 'unchanged', 'conflicts'] as const;
  return (
    <Table size="small" aria-label={label} sx={{ maxWidth: 720 }}>
      <TableHead>
        <TableRow>
          <TableCell>{t('packets.table')}</TableCell>
          {cols.map((c) => (
            <TableCell key={c} align="right">
              {t(`packets.report.${c}`)}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {Object.entries(tables).map(([table, r]) => (
          <TableRow key={table}>
            <TableCell>{tableLabel(table)}</TableCell>
            {cols.map((c) => (
              <TableCell key={c} align="right" sx={c === 'conflicts' && r[c] > 0 ? { color: 'warning.dark', fontWeight: 600 } : undefined}>
                {r[c]}
              </TableCell>
            ))}
          </TableRow>
        ))}
        <TableRow>
          <TableCell sx={{ fontWeight: 600 }}>{t('packets.total')}</TableCell>
          {cols.map((c) => (
            <TableCell key={c} align="right" sx={{ fontWeight: 600 }}>
              {totals[c]}
            </TableCell>
          ))}
        </TableRow>
      </TableBody>
    </Table>
  );
}
