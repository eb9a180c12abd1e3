/**
 * 县级汇总 (bureau mode): the reporting board (报送情况) of which communities sent data when, with
 * the ones to remind (催报) first, and the roll-up (汇总) of their key figures with the county total.
 */
import { useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { CountyBoard, CountyRollup, Staleness } from '../../../shared/schemas/reports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useServerToday } from '../../components/serverToday';
import { useUrlFilters } from '../../components/useUrlFilters';
import { request } from '../../rpc';
import { PeriodPicker } from './PeriodPicker';
import { RAG_COLOURS, figureName, reportKeys, yearsFrom } from './common';

const STATUS_COLOURS: Record<Staleness, string> = { ...RAG_COLOURS, never: '#616161' };
const COUNT = new Intl.NumberFormat('en-US');

function StatusChip({ status }: { status: Staleness }) {
  const { t } = useTranslation();
  return <Chip size="small" label={t(`reports.county.status.${status}`)} sx={{ bgcolor: STATUS_COLOURS[status], color: '#fff', fontWeight: 600 }} />;
}

function Board({ board }: { board: CountyBoard }) {
  const { t } = useTranslation();
  const remind = new Set(board.remind);
  return (
    <Paper variant="outlined" sx={{ overflowX: 'auto', mb: 3 }} component="section" aria-label={t('reports.county.boardTitle')}>
      <Typography variant="h6" component="h2" sx={{ px: 2, pt: 1.5, fontSize: '1.05rem' }}>
        {t('reports.county.boardTitle')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ px: 2, pb: 1 }}>
        {t('reports.county.boardHelp', { remind: board.remind.length })}
      </Typography>
      <Table size="small" data-testid="county-board">
        <TableHead>
          <TableRow>
            {(['office', 'areaCode', 'status', 'lastReceived', 'dataAsOf', 'daysSince', 'packetsThisMonth', 'packetsTotal'] as const).map((c) => (
              <TableCell key={c} align={c.startsWith('packets') || c === 'daysSince' ? 'right' : 'left'} sx={{ whiteSpace: 'nowrap' }}>
                {t(`reports.county.columns.${c}`)}
              </TableCell>
            ))}
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('reports.county.columns.annual', { year: board.annualPeriod })}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {board.rows.map((r) => (
            <TableRow key={r.office.id} sx={remind.has(r.office.id) ? { '& td:first-of-type': { fontWeight: 700 } } : undefined}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.office.name}</TableCell>
              <TableCell sx={{ fontVariantNumeric: 'tabular-nums' }}>{r.office.areaCode}</TableCell>
              <TableCell>
                <StatusChip status={r.status} />
              </TableCell>
              <TableCell>{r.lastReceived ?? '—'}</TableCell>
              <TableCell>{r.dataAsOf ?? '—'}</TableCell>
              <TableCell align="right">{r.daysSince ?? '—'}</TableCell>
              <TableCell align="right">{r.packetsThisMonth}</TableCell>
              <TableCell align="right">{r.packetsTotal}</TableCell>
              <TableCell sx={{ color: r.annualSubmittedOn ? undefined : 'error.main' }}>{r.annualSubmittedOn ?? t('reports.county.notSubmitted')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

function Rollup({ rollup }: { rollup: CountyRollup }) {
  const { t } = useTranslation();
  const cell = (v: number | null | undefined, measure: string) => (v === null || v === undefined ? '—' : measure === 'completion' ? `${v.toFixed(1)}%` : COUNT.format(v));
  return (
    <Paper variant="outlined" sx={{ overflowX: 'auto' }} component="section" aria-label={t('reports.county.rollupTitle')}>
      <Typography variant="h6" component="h2" sx={{ px: 2, py: 1.5, fontSize: '1.05rem' }}>
        {t('reports.county.rollupTitle')}
      </Typography>
      <Table size="small" data-testid="county-rollup">
        <TableHead>
          <TableRow>
            <TableCell>{t('reports.county.columns.office')}</TableCell>
            {rollup.figures.map((f) => (
              <TableCell key={`${f.key}:${f.measure}`} align="right" sx={{ whiteSpace: 'nowrap' }}>
                {figureName(f.key, f.measure)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rollup.rows.map((r) => (
            <TableRow key={r.office.id}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {r.office.name}
                {r.received ? null : (
                  <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
                    {t('reports.county.status.never')}
                  </Typography>
                )}
              </TableCell>
              {rollup.figures.map((f) => (
                <TableCell key={`${f.key}:${f.measure}`} align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {cell(r.figures[`${f.key}:${f.measure}`], f.measure)}
                </TableCell>
              ))}
            </TableRow>
          ))}
          <TableRow sx={{ '& td': { fontWeight: 700 } }}>
            <TableCell>{t('reports.county.total')}</TableCell>
            {rollup.figures.map((f) => (
              <TableCell key={`${f.key}:${f.measure}`} align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                {cell(rollup.total[`${f.key}:${f.measure}`], f.measure)}
              </TableCell>
            ))}
          </TableRow>
        </TableBody>
      </Table>
    </Paper>
  );
}

export function CountyPage() {
  const { t } = useTranslation();
  const { today } = useServerToday();
  const [sp, setFilter] = useUrlFilters();
  const period = sp.get('period') ?? today.slice(0, 4);
  const board = useQuery({ queryKey: reportKeys.countyBoard(), queryFn: () => request('reports.countyBoard', {}), retry: false });
  const rollup = useQuery({ queryKey: reportKeys.countyRollup(period), queryFn: () => request('reports.countyRollup', { period }), retry: false });
  return (
    <>
      <PageHeader title={t('reports.county.title')} intro={t('reports.county.intro')} />
      <ErrorAlert error={board.error ?? rollup.error} sx={{ mb: 2 }} />
      {board.data ? <Board board={board.data} /> : null}
      <Paper variant="outlined" sx={{ p: 2, mb: 2, display: 'flex', gap: 2, alignItems: 'center' }}>
        <Typography sx={{ fontWeight: 600 }}>{t('reports.period.label')}</Typography>
        <PeriodPicker value={period} onChange={(p) => setFilter('period', p)} years={yearsFrom(`${Number(today.slice(0, 4)) - 4}-01-01`, today)} />
      </Paper>
      <Box>{rollup.data ? <Rollup rollup={rollup.data} /> : null}</Box>
    </>
  );
}
