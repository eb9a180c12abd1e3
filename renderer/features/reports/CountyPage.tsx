/**
 * 县级汇总 (bureau mode): the reporting board (报送情况) of which communities sent data when and
 * which forms of the current period each handed in (on time / late / missing, a hand-in opening
 * its comparison with the records now), with the ones to remind (催报) first and their list to
 * print; and the roll-up (汇总) of their key figures with the county total, to .xlsx and to print.
 * An office's name opens its whole dashboard as the office sees it.
 */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import CircularProgress from '@mui/material/CircularProgress';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import PrintIcon from '@mui/icons-material/Print';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { CountyBoard, CountyRollup, Staleness } from '../../../shared/schemas/reports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useServerToday } from '../../components/serverToday';
import { useUrlFilters } from '../../components/useUrlFilters';
import { request } from '../../rpc';
import { ExportButton } from '../../components/ExportButton';
import { PeriodPicker } from './PeriodPicker';
import { FORM_STATUS_COLOURS, RAG_COLOURS, figureName, indicatorName, officeNames, periodName, reportKeys, yearsFrom } from './common';
import { rollupCell, rollupGroups, rollupNote, rollupShort, rollupTotalNote } from './rollup';
import { countyPrintHash, openReportPrint } from './printing';

// Never heard from is as urgent as data too old: red.
const STATUS_COLOURS: Record<Staleness, string> = { ...RAG_COLOURS, never: RAG_COLOURS.red };

function StatusChip({ status }: { status: Staleness }) {
  const { t } = useTranslation();
  return <Chip size="small" label={t(`reports.county.status.${status}`)} sx={{ bgcolor: STATUS_COLOURS[status], color: '#fff', fontWeight: 600 }} />;
}

/** The name of an office, a link to its dashboard once it has sent something. */
function OfficeLink({ id, name, received, period }: { id: string; name: string; received: boolean; period: string }) {
  if (!received) return <>{name}</>;
  return (
    <Link component={RouterLink} to={`/reports?office=${encodeURIComponent(id)}&period=${encodeURIComponent(period)}`} underline="hover" data-office={id}>
      {name}
    </Link>
  );
}

function formHeader(t: (k: string, o?: Record<string, unknown>) => string, form: { form: string; period: string }): string {
  return form.form === 'annual' ? t('reports.county.columns.annual', { year: form.period }) : periodName(form.period);
}

function FormCell({ f }: { f: CountyBoard['rows'][number]['forms'][number] }) {
  const { t } = useTranslation();
  const chip = <Chip size="small" label={t(`reports.county.formStatus.${f.status}`)} sx={{ bgcolor: FORM_STATUS_COLOURS[f.status], color: f.status === 'notExpected' ? 'text.primary' : '#fff' }} />;
  return (
    <Box
      sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 0.25 }}
      title={f.status === 'notExpected' ? t('reports.county.notExpectedHelp') : t('reports.county.dueOn', { date: f.due })}
      data-form={`${f.form}:${f.period}`}
      data-status={f.status}
    >
      {chip}
      {f.submissionId ? (
        <Link component={RouterLink} to={`/reports/compare/${f.submissionId}`} variant="body2" underline="hover">
          {f.submittedOn}
        </Link>
      ) : null}
    </Box>
  );
}

/** Packets per month as small bars, the count under each: read on the screen and on paper alike. */
function MonthBars({ months, counts }: { months: readonly string[]; counts: readonly number[] }) {
  const { t } = useTranslation();
  const top = Math.max(1, ...counts);
  return (
    <Box sx={{ display: 'flex', gap: '2px', alignItems: 'flex-end' }} data-testid="packet-history">
      {months.map((m, i) => {
        const n = counts[i] ?? 0;
        return (
          <Box key={m} title={t('reports.county.historyMonth', { month: m, count: n })} data-month={m} data-count={n} sx={{ width: 13, textAlign: 'center' }}>
            <Box sx={{ height: 20, display: 'flex', alignItems: 'flex-end', justifyContent: 'center' }}>
              <Box sx={{ width: 9, height: n === 0 ? 1 : Math.max(3, Math.round((20 * n) / top)), bgcolor: n === 0 ? 'divider' : 'primary.main' }} />
            </Box>
            <Box sx={{ fontSize: 10, lineHeight: 1.2, color: n === 0 ? 'text.disabled' : 'text.primary', fontVariantNumeric: 'tabular-nums' }}>{n}</Box>
          </Box>
        );
      })}
    </Box>
  );
}

/** The months under the bars' heading: 1–12, January's with its year. */
function MonthScale({ months }: { months: readonly string[] }) {
  return (
    <Box sx={{ display: 'flex', gap: '2px' }} aria-hidden>
      {months.map((m) => (
        <Box key={m} sx={{ width: 13, textAlign: 'center', fontSize: 10, color: 'text.secondary', fontWeight: 400 }}>
          {Number(m.slice(5))}
        </Box>
      ))}
    </Box>
  );
}

function Board({ board, period }: { board: CountyBoard; period: string }) {
  const { t } = useTranslation();
  const remind = new Set(board.remind);
  const [blocked, setBlocked] = useState(false);
  const names = officeNames(board.rows.map((r) => r.office));
  return (
    <Paper variant="outlined" sx={{ overflowX: 'auto', mb: 3 }} component="section" aria-label={t('reports.county.boardTitle')}>
      <Typography variant="h6" component="h2" sx={{ px: 2, pt: 1.5, fontSize: '1.05rem' }}>
        {t('reports.county.boardTitle')}
      </Typography>
      <Box sx={{ px: 2, pb: 1, display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          {t('reports.county.boardHelp', { remind: board.remind.length })}
        </Typography>
        <Button variant="outlined" startIcon={<PrintIcon />} onClick={() => setBlocked(!openReportPrint(countyPrintHash('board', null, 'print')))}>
          {t('reports.county.printBoard')}
        </Button>
        <Button variant="outlined" startIcon={<PrintIcon />} disabled={board.remind.length === 0} onClick={() => setBlocked(!openReportPrint(countyPrintHash('remind', null, 'print')))}>
          {t('reports.county.printRemind')}
        </Button>
      </Box>
      {blocked ? (
        <Alert severity="warning" sx={{ mx: 2, mb: 1 }} onClose={() => setBlocked(false)}>
          {t('print.blocked')}{' '}
          <Link href={countyPrintHash('remind', null, 'print')} target="_blank">
            {t('reports.county.printRemind')}
          </Link>
        </Alert>
      ) : null}
      <Table size="small" data-testid="county-board">
        <TableHead>
          <TableRow>
            {(['office', 'areaCode', 'status', 'lastReceived', 'dataAsOf', 'daysSince', 'packetsThisMonth', 'packetsTotal'] as const).map((c) => (
              <TableCell key={c} align={c.startsWith('packets') || c === 'daysSince' ? 'right' : 'left'} sx={{ whiteSpace: 'nowrap' }}>
                {t(`reports.county.columns.${c}`)}
              </TableCell>
            ))}
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {t('reports.county.history')}
              <MonthScale months={board.months} />
            </TableCell>
            {board.expected.map((f) => (
              <TableCell key={`${f.form}:${f.period}`} sx={{ whiteSpace: 'nowrap' }} title={t('reports.county.dueOn', { date: f.due })}>
                {formHeader(t, f)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {board.rows.map((r) => (
            <TableRow key={r.office.id} sx={remind.has(r.office.id) ? { '& td:first-of-type': { fontWeight: 700 } } : undefined} data-office-row={r.office.id} data-status={r.status}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <OfficeLink id={r.office.id} name={names.get(r.office.id) ?? r.office.name} received={r.packetsTotal > 0} period={period} />
              </TableCell>
              <TableCell sx={{ fontVariantNumeric: 'tabular-nums' }}>{r.office.areaCode}</TableCell>
              <TableCell>
                <StatusChip status={r.status} />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.lastReceived ?? '—'}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.dataAsOf ?? '—'}</TableCell>
              <TableCell align="right">{r.daysSince ?? '—'}</TableCell>
              <TableCell align="right">{r.packetsThisMonth}</TableCell>
              <TableCell align="right">{r.packetsTotal}</TableCell>
              <TableCell>
                <MonthBars months={board.months} counts={r.packetsByMonth} />
              </TableCell>
              {r.forms.map((f) => (
                <TableCell key={`${f.form}:${f.period}`}>
                  <FormCell f={f} />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

const WARN = '#a15c00';
// The office's name stays in view while the many figures scroll sideways.
const STICKY = { position: 'sticky', left: 0, zIndex: 1, bgcolor: 'background.paper', borderRight: 1, borderRightColor: 'divider' } as const;

function Rollup({ rollup, campaigns, loading, onCampaigns }: { rollup: CountyRollup; campaigns: boolean; loading: boolean; onCampaigns: (on: boolean) => void }) {
  const { t } = useTranslation();
  const [blocked, setBlocked] = useState(false);
  const names = officeNames(rollup.rows.map((r) => r.office));
  const groups = rollupGroups(rollup.figures);
  const totalNote = rollupTotalNote(rollup);
  // Sorted on the screen: by office (area code order, as main sends them) or by a figure, offices without one last.
  const [sort, setSort] = useState<{ by: string; direction: 'asc' | 'desc' }>({ by: 'office', direction: 'asc' });
  const sortBy = (by: string) => setSort((s) => (s.by === by ? { by, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { by, direction: by === 'office' ? 'asc' : 'desc' }));
  const sign = sort.direction === 'asc' ? 1 : -1;
  const sorted =
    sort.by === 'office'
      ? sort.direction === 'asc'
        ? rollup.rows
        : [...rollup.rows].reverse()
      : [...rollup.rows].sort((a, b) => {
          const x = a.figures[sort.by] ?? null;
          const y = b.figures[sort.by] ?? null;
          if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
          return (x - y) * sign;
        });
  const head = { whiteSpace: 'nowrap', fontWeight: 600 } as const;
  // Each indicator's figures between lines of their own, so 应走访 of 春节 and of 重阳 are not mistaken.
  const groupStart = new Set(groups.map((g) => `${g.key}:${g.figures[0]?.measure ?? ''}`));
  const edge = (column: string) => (groupStart.has(column) ? { borderLeft: 1, borderLeftColor: 'divider' } : {});
  return (
    <Paper variant="outlined" component="section" aria-label={t('reports.county.rollupTitle')}>
      <Box sx={{ px: 2, py: 1.5, display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2" sx={{ fontSize: '1.05rem', flex: 1 }}>
          {t('reports.county.rollupTitle')}
        </Typography>
        <FormControlLabel
          control={<Switch checked={campaigns} onChange={(e) => onCampaigns(e.target.checked)} />}
          label={t('reports.county.campaigns')}
        />
        {loading ? (
          <Typography variant="body2" color="text.secondary" role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <CircularProgress size={16} />
            {t('reports.county.campaignsLoading')}
          </Typography>
        ) : null}
        <ExportButton channel="reports.countyRollupXlsx" input={{ period: rollup.period, campaigns: rollup.campaigns }} label={t('reports.county.exportRollup')} />
        <Button variant="outlined" startIcon={<PrintIcon />} onClick={() => setBlocked(!openReportPrint(countyPrintHash('rollup', rollup.period, 'print', rollup.campaigns)))}>
          {t('reports.county.printRollup')}
        </Button>
      </Box>
      {blocked ? (
        <Alert severity="warning" sx={{ mx: 2, mb: 1 }} onClose={() => setBlocked(false)}>
          {t('print.blocked')}{' '}
          <Link href={countyPrintHash('rollup', rollup.period, 'print', rollup.campaigns)} target="_blank">
            {t('reports.county.printRollup')}
          </Link>
        </Alert>
      ) : null}
      {totalNote ? (
        <Alert severity="warning" sx={{ mx: 2, mb: 1 }} data-testid="rollup-total-note">
          {totalNote}
        </Alert>
      ) : null}
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" data-testid="county-rollup">
          <TableHead>
            <TableRow>
              <TableCell rowSpan={2} sx={{ ...head, ...STICKY }} sortDirection={sort.by === 'office' ? sort.direction : false}>
                <TableSortLabel active={sort.by === 'office'} direction={sort.by === 'office' ? sort.direction : 'asc'} onClick={() => sortBy('office')}>
                  {t('reports.county.columns.office')}
                </TableSortLabel>
              </TableCell>
              <TableCell rowSpan={2} sx={head}>
                {t('reports.county.columns.dataAsOf')}
              </TableCell>
              {groups.map((g) => (
                <TableCell key={g.key} colSpan={g.figures.length} align="center" sx={{ ...head, borderLeft: 1, borderLeftColor: 'divider', py: 0.5 }}>
                  {indicatorName(g.key)}
                </TableCell>
              ))}
              <TableCell rowSpan={2} sx={{ ...head, borderLeft: 1, borderLeftColor: 'divider' }}>
                {t('reports.county.columns.note')}
              </TableCell>
            </TableRow>
            <TableRow>
              {rollup.figures.map((f) => {
                const column = `${f.key}:${f.measure}`;
                return (
                  <TableCell key={column} align="right" sx={{ whiteSpace: 'nowrap', ...edge(column) }} sortDirection={sort.by === column ? sort.direction : false}>
                    <TableSortLabel active={sort.by === column} direction={sort.by === column ? sort.direction : 'desc'} onClick={() => sortBy(column)} data-sort={column}>
                      {figureName(f.key, f.measure)}
                    </TableSortLabel>
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {sorted.map((r) => {
              const short = rollupShort(r);
              const note = rollupNote(r);
              return (
                <TableRow key={r.office.id} data-office-row={r.office.id} data-incomplete={short ? '1' : undefined} data-refused={r.refused ?? undefined}>
                  <TableCell sx={{ whiteSpace: 'nowrap', ...STICKY }}>
                    <OfficeLink id={r.office.id} name={names.get(r.office.id) ?? r.office.name} received={r.received} period={rollup.period} />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', ...(r.dataIncomplete ? { color: WARN, fontWeight: 600 } : {}) }} data-testid="rollup-data-as-of">
                    {r.dataAsOf ?? '—'}
                  </TableCell>
                  {rollup.figures.map((f) => {
                    const column = `${f.key}:${f.measure}`;
                    return (
                      <TableCell key={column} align="right" sx={{ fontVariantNumeric: 'tabular-nums', ...edge(column), ...(short ? { color: 'text.secondary', fontStyle: 'italic' } : {}) }}>
                        {rollupCell(f, r.figures[column])}
                      </TableCell>
                    );
                  })}
                  <TableCell sx={{ whiteSpace: 'nowrap', borderLeft: 1, borderLeftColor: 'divider', color: r.received && r.refused === null && !short ? 'text.secondary' : WARN, fontWeight: note ? 600 : 400 }} data-testid="rollup-note">
                    {note ? `${short ? '⚠ ' : ''}${note}` : ''}
                  </TableCell>
                </TableRow>
              );
            })}
            <TableRow sx={{ '& td': { fontWeight: 700 } }}>
              <TableCell sx={STICKY}>{t('reports.county.total')}</TableCell>
              <TableCell />
              {rollup.figures.map((f) => {
                const column = `${f.key}:${f.measure}`;
                return (
                  <TableCell key={column} align="right" sx={{ fontVariantNumeric: 'tabular-nums', ...edge(column) }}>
                    {rollupCell(f, rollup.total[column])}
                  </TableCell>
                );
              })}
              <TableCell sx={{ borderLeft: 1, borderLeftColor: 'divider' }} />
            </TableRow>
          </TableBody>
        </Table>
      </Box>
    </Paper>
  );
}

export function CountyPage() {
  const { t } = useTranslation();
  const { today } = useServerToday();
  const [sp, setFilter] = useUrlFilters();
  const period = sp.get('period') ?? today.slice(0, 4);
  const board = useQuery({ queryKey: reportKeys.countyBoard(), queryFn: () => request('reports.countyBoard', {}), retry: false });
  // 春节 and 重阳 are shown unless the bureau hides them (campaigns=0); the table shown meanwhile is
  // the one before, so the page does not jump while the other is counted.
  const campaigns = sp.get('campaigns') !== '0';
  const rollup = useQuery({
    queryKey: reportKeys.countyRollup(period, campaigns),
    queryFn: () => request('reports.countyRollup', { period, campaigns }),
    retry: false,
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title={t('reports.county.title')} intro={t('reports.county.intro')} />
      <ErrorAlert error={board.error ?? rollup.error} sx={{ mb: 2 }} />
      {board.data ? <Board board={board.data} period={period} /> : null}
      <Paper variant="outlined" sx={{ p: 2, mb: 2, display: 'flex', gap: 2, alignItems: 'center' }}>
        <Typography sx={{ fontWeight: 600 }}>{t('reports.period.label')}</Typography>
        <PeriodPicker value={period} onChange={(p) => setFilter('period', p)} years={yearsFrom(`${Number(today.slice(0, 4)) - 4}-01-01`, today)} />
      </Paper>
      <Box>{rollup.data ? <Rollup rollup={rollup.data} campaigns={campaigns} loading={rollup.isPlaceholderData} onCampaigns={(on) => setFilter('campaigns', on ? '' : '0')} /> : null}</Box>
    </>
  );
}
