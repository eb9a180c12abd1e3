/**
 * 月度工作小结 (/reports/work?period=2026-11): per grid worker and contact person, the persons they
 * are responsible for and the month's visits due, done, overdue and missed, the visits they recorded,
 * 慰问金 and requests resolved; the office's totals; printable for the office or one worker.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import PrintIcon from '@mui/icons-material/Print';
import { useTranslation } from 'react-i18next';
import type { WorkSummaryRow } from '../../../shared/schemas/reports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useServerToday } from '../../components/serverToday';
import { useUrlFilters } from '../../components/useUrlFilters';
import { request } from '../../rpc';
import { PeriodPicker } from './PeriodPicker';
import { reportKeys, yearsFrom } from './common';
import { openReportPrint, workPrintHash } from './printing';

const COLUMNS = ['persons', 'planned', 'done', 'overdue', 'missed', 'pending', 'completion', 'records', 'gift', 'requests'] as const;

type Counts = Omit<WorkSummaryRow, 'behind' | 'userId' | 'name' | 'role' | 'grids'>;

/** Counts with thousands separators, as on the dashboard and the forms (1,948). */
const COUNT = new Intl.NumberFormat('en-US');
const YUAN = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function cellOf(row: Counts, c: (typeof COLUMNS)[number]): string {
  if (c === 'completion') return row.completion === null ? '—' : `${row.completion.toFixed(1)}%`;
  if (c === 'gift') return YUAN.format(row.giftFen / 100);
  if (c === 'requests') return COUNT.format(row.requestsResolved);
  return COUNT.format(row[c]);
}

export function WorkSummaryPage() {
  const { t } = useTranslation();
  const { today } = useServerToday();
  const [sp, setFilter] = useUrlFilters();
  const period = sp.get('period') ?? today.slice(0, 7);
  const [blocked, setBlocked] = useState(false);
  const summary = useQuery({ queryKey: reportKeys.work({ period }), queryFn: () => request('reports.workSummary', { period }), retry: false });
  const s = summary.data;
  const print = (userId: string | null) => setBlocked(!openReportPrint(workPrintHash(period, userId, 'print')));
  return (
    <Box>
      <PageHeader
        title={t('reports.work.title')}
        intro={t('reports.work.intro')}
        actions={
          <Button variant="outlined" startIcon={<PrintIcon />} disabled={!s} onClick={() => print(null)}>
            {t('reports.work.print')}
          </Button>
        }
      />
      <Paper variant="outlined" sx={{ p: 2, mb: 2, display: 'flex', gap: 2, alignItems: 'center' }}>
        <Typography sx={{ fontWeight: 600 }}>{t('reports.work.month')}</Typography>
        <PeriodPicker value={period} onChange={(p) => setFilter('period', p)} years={yearsFrom(`${Number(today.slice(0, 4)) - 4}-01-01`, today)} kinds={['month']} />
      </Paper>
      {blocked ? (
        <Alert severity="warning" sx={{ mb: 2 }} onClose={() => setBlocked(false)}>
          {t('print.blocked')}
        </Alert>
      ) : null}
      <ErrorAlert error={summary.error} sx={{ mb: 2 }} />
      {s?.period.running ? <Alert severity="info" sx={{ mb: 2 }}>{t('reports.running', { date: s.period.asOf })}</Alert> : null}
      {s ? (
        <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={t('reports.work.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('reports.work.columns.name')}</TableCell>
                <TableCell>{t('reports.work.columns.grids')}</TableCell>
                {COLUMNS.map((c) => (
                  <TableCell key={c} align="right">
                    {t(`reports.work.columns.${c}`)}
                  </TableCell>
                ))}
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {s.rows.map((r) => (
                <TableRow key={r.userId ?? 'none'}>
                  <TableCell sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>{r.userId === null ? t('reports.morning.noContactName') : r.name}</TableCell>
                  <TableCell>{r.grids.join('、') || '—'}</TableCell>
                  {COLUMNS.map((c) => (
                    <TableCell key={c} align="right" sx={{ fontVariantNumeric: 'tabular-nums', color: (c === 'overdue' || c === 'missed') && r[c] > 0 ? 'error.main' : undefined }}>
                      {cellOf(r, c)}
                    </TableCell>
                  ))}
                  <TableCell>
                    {r.userId !== null ? (
                      <Button size="small" startIcon={<PrintIcon />} onClick={() => print(r.userId)}>
                        {t('reports.work.printOne')}
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
              <TableRow sx={{ '& td': { fontWeight: 700 } }}>
                <TableCell colSpan={2}>{t('reports.work.total')}</TableCell>
                {COLUMNS.map((c) => (
                  <TableCell key={c} align="right">
                    {cellOf(s.totals, c)}
                  </TableCell>
                ))}
                <TableCell />
              </TableRow>
            </TableBody>
          </Table>
        </Paper>
      ) : null}
    </Box>
  );
}
