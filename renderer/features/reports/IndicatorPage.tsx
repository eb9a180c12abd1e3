/**
 * 分项 of one indicator (/reports/indicator/<key>?period=…&by=…[&office=…]), opened from its tile on
 * the dashboard: the indicator's figures for the period per value of one of the catalogue's
 * breakdowns (按网格, 按性别 …), every count a link to the list of that row, the rates, 元 and hours
 * beside them (which have no list of their own), the inputs that are missing, and the table to .xlsx
 * or on paper with the period and the breakdown in its title.
 */
import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import PrintIcon from '@mui/icons-material/Print';
import { useTranslation } from 'react-i18next';
import { UNIT_EN, figureUnit, indicator, type Dim, type IndicatorDef } from '../../../shared/reports/catalogue';
import { breakdownFigures, isListed } from '../../../shared/reports/breakdown';
import type { IndicatorResult, IndicatorRow } from '../../../shared/schemas/reports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { useServerToday } from '../../components/serverToday';
import { useUrlFilters } from '../../components/useUrlFilters';
import { request } from '../../rpc';
import { PeriodPicker } from './PeriodPicker';
import { RAG_COLOURS, dimName, dimValue, drillPath, figureName, figureText, indicatorName, lang, periodName, reportKeys, yearsFrom } from './common';
import { breakdownOf, breakdownPrintHash, firstBreakdown } from './breakdownLinks';
import { openReportPrint } from './printing';
import { useCountyOffices } from './useCountyOffices';

/** A figure's unit as its column head shows it under the name: （人）, （%）, （元）. */
function figureUnitText(d: IndicatorDef, figure: string): string {
  const unit = figureUnit(d, figure);
  return `（${unit === '%' || lang() !== 'en' ? unit : UNIT_EN[unit]}）`;
}

/** A figure's column head on one line (the printed table's): its name and its unit. */
export function figureHead(d: IndicatorDef, figure: string): string {
  return `${figureName(d.key, figure)}${figureUnitText(d, figure)}`;
}

export function IndicatorPage() {
  const { t } = useTranslation();
  const { key = '' } = useParams();
  const d = indicator(key);
  const { today } = useServerToday();
  const [sp, setFilter] = useUrlFilters();
  const [blocked, setBlocked] = useState(false);
  const county = useCountyOffices();
  // A campaign is counted by its year: a quarter or a month is read as the year it falls in.
  const asked = sp.get('period') ?? today.slice(0, 4);
  const period = d?.use === 'campaign' && !/^\d{4}$/.test(asked) && !asked.includes(':') ? asked.slice(0, 4) : asked;
  const by = breakdownOf(key, sp.get('by')) ?? firstBreakdown(key);
  const office = sp.get('office') ?? undefined;
  const query = d ? { key, period, ...(by ? { by } : {}), ...(office ? { office } : {}) } : null;
  const result = useQuery({
    queryKey: reportKeys.indicator(query),
    queryFn: () => request('reports.indicator', query as NonNullable<typeof query>),
    enabled: query !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
  if (!d) return <Alert severity="error">{t('validation.report.unknownIndicator')}</Alert>;
  const r = result.data;
  const years = yearsFrom(r?.period.recordsFrom ?? `${Number(today.slice(0, 4)) - 4}-01-01`, today);
  const back = `/reports?period=${encodeURIComponent(period)}${office ? `&office=${encodeURIComponent(office)}` : ''}`;
  const target = { key, period: r?.period.text ?? period, by, office };
  return (
    <Box>
      <Button component={RouterLink} to={back} startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
        {t('reports.drill.back')}
      </Button>
      <PageHeader
        title={t('reports.breakdown.heading', { indicator: indicatorName(key) })}
        intro={d.description[lang()]}
        actions={
          by ? (
            <>
              <ExportButton channel="reports.breakdownExport" input={{ key, period, by, ...(office ? { office } : {}) }} disabled={!r} label={t('reports.breakdown.export')} />
              <Button variant="outlined" startIcon={<PrintIcon />} disabled={!r} onClick={() => setBlocked(!openReportPrint(breakdownPrintHash(target, 'print')))}>
                {t('reports.breakdown.print')}
              </Button>
            </>
          ) : null
        }
      />
      {blocked ? (
        <Alert severity="warning" sx={{ mb: 2 }} onClose={() => setBlocked(false)}>
          {t('print.blocked')}{' '}
          <Link href={breakdownPrintHash(target, 'print')} target="_blank">
            {t('reports.breakdown.print')}
          </Link>
        </Alert>
      ) : null}
      <Paper variant="outlined" sx={{ p: 2, mb: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography sx={{ fontWeight: 600 }}>{t('reports.period.label')}</Typography>
          <PeriodPicker value={period} onChange={(p) => setFilter('period', p)} years={years} kinds={d.use === 'campaign' ? ['year'] : undefined} />
          {office && county ? <Chip label={county.names.get(office) ?? office} color="secondary" variant="outlined" /> : null}
          {r ? <Chip label={periodName(r.period.text)} color="primary" variant="outlined" /> : null}
          {r ? (
            <Typography variant="body2" color="text.secondary">
              {t('reports.asOfNote', { date: r.period.asOf })}
            </Typography>
          ) : null}
        </Box>
        {d.breakdowns.length > 0 ? (
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography sx={{ fontWeight: 600 }} id="breakdown-chooser">
              {t('reports.breakdown.chooser')}
            </Typography>
            <ToggleButtonGroup exclusive size="small" color="primary" value={by ?? null} onChange={(_e, v: Dim | null) => v && setFilter('by', v)} aria-labelledby="breakdown-chooser" sx={{ flexWrap: 'wrap' }}>
              {d.breakdowns.map((dim) => (
                <ToggleButton key={dim} value={dim} sx={{ px: 1.5 }}>
                  {t('reports.breakdown.by', { dim: dimName(dim) })}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </Box>
        ) : null}
      </Paper>
      {result.isFetching ? <LinearProgress sx={{ mb: 1 }} /> : null}
      <ErrorAlert error={result.error} sx={{ mb: 2 }} />
      {r ? (
        <>
          {r.period.running ? <Alert severity="info" sx={{ mb: 2 }}>{t('reports.running', { date: r.period.asOf })}</Alert> : null}
          {r.incomplete.length > 0 ? (
            <Alert severity="warning" sx={{ mb: 2 }} data-testid="breakdown-incomplete">
              {t('reports.incompleteNote')}{' '}
              {r.incomplete.map((i, n) => (
                <span key={i.key}>
                  {n > 0 ? '；' : null}
                  <Link component={RouterLink} to={drillPath({ key, measure: i.key, period: r.period.text, office })} sx={{ fontWeight: 600 }}>
                    {figureName(key, i.key)} {i.count.toLocaleString('zh-CN')} {lang() === 'en' ? UNIT_EN[figureUnit(d, i.key)] : figureUnit(d, i.key)}
                  </Link>
                </span>
              ))}
            </Alert>
          ) : null}
          <BreakdownTable d={d} result={r} office={office} />
        </>
      ) : null}
    </Box>
  );
}

function BreakdownTable({ d, result, office }: { d: IndicatorDef; result: IndicatorResult; office: string | undefined }) {
  const { t } = useTranslation();
  const by = result.by;
  const figures = breakdownFigures(d);
  const goal = d.goal?.figure;
  const cell = (row: IndicatorRow | null, figure: string) => {
    const figuresOf = row ? row.figures : result.figures;
    const value = figuresOf[figure] ?? 0;
    const text = figureText({ key: d.key, figures: figuresOf }, figure);
    if (!isListed(d, figure) || !value) return text;
    // `back` names this breakdown, so the list's back button returns here rather than to the dashboard.
    const to = `${drillPath({ key: d.key, measure: figure, period: result.period.text, office, ...(row && by ? { by, value: row.key } : {}) })}${by ? `&back=${by}` : ''}`;
    return (
      <Link component={RouterLink} to={to} underline="hover" data-figure={`${row ? (row.key ?? 'none') : 'total'}.${figure}`}>
        {text}
      </Link>
    );
  };
  const colour = (status: IndicatorRow['status'], figure: string) => (figure === goal && status ? RAG_COLOURS[status] : undefined);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={t('reports.breakdown.heading', { indicator: indicatorName(d.key) })}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'baseline', flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="h6" component="h2" sx={{ fontSize: '1.05rem', flex: 1 }}>
          {by ? t('reports.breakdown.printTitle', { indicator: indicatorName(d.key), dim: dimName(by) }) : indicatorName(d.key)}
        </Typography>
        {by ? (
          <Typography variant="body2" color="text.secondary">
            {t('reports.breakdown.values', { count: result.rows.length })}
          </Typography>
        ) : null}
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {by ? t('reports.breakdown.help') : t('reports.breakdown.none')}
      </Typography>
      <TableContainer sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={by ? dimName(by) : indicatorName(d.key)} data-testid="breakdown-table" sx={{ '& td, & th': { whiteSpace: 'nowrap' }, '& thead th': { verticalAlign: 'bottom' } }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ fontWeight: 700, position: 'sticky', left: 0, bgcolor: 'background.paper' }}>{by ? dimName(by) : ''}</TableCell>
              {figures.map((f) => (
                <TableCell key={f} align="right" sx={{ fontWeight: 700, lineHeight: 1.3 }}>
                  {/* The unit on a line of its own keeps thirteen columns of a campaign narrow enough to read. */}
                  <Box component="span" sx={{ display: 'block' }}>
                    {figureName(d.key, f)}
                  </Box>
                  <Box component="span" sx={{ display: 'block', fontWeight: 400, fontSize: '0.8rem', color: 'text.secondary' }}>
                    {figureUnitText(d, f)}
                  </Box>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {by && result.rows.length === 0 ? (
              <TableRow>
                <TableCell colSpan={figures.length + 1}>
                  <Typography color="text.secondary">{t('reports.breakdown.empty')}</Typography>
                </TableCell>
              </TableRow>
            ) : null}
            {by
              ? result.rows.map((row) => (
                  <TableRow key={row.key ?? 'none'} data-row={row.key ?? 'none'} hover>
                    <TableCell sx={{ fontWeight: 600, position: 'sticky', left: 0, bgcolor: 'background.paper' }}>{dimValue(by, row.key, row.name)}</TableCell>
                    {figures.map((f) => (
                      <TableCell key={f} align="right" sx={{ fontVariantNumeric: 'tabular-nums', color: colour(row.status, f), fontWeight: colour(row.status, f) ? 700 : undefined }}>
                        {cell(row, f)}
                      </TableCell>
                    ))}
                  </TableRow>
                ))
              : null}
            <TableRow data-row="total" sx={{ '& td': { fontWeight: 700, borderTop: 2, borderColor: 'divider' } }}>
              <TableCell sx={{ position: 'sticky', left: 0, bgcolor: 'background.paper' }}>{t('reports.breakdown.total')}</TableCell>
              {figures.map((f) => (
                <TableCell key={f} align="right" sx={{ fontVariantNumeric: 'tabular-nums', color: colour(result.goal?.status ?? null, f) }}>
                  {cell(null, f)}
                </TableCell>
              ))}
            </TableRow>
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}
