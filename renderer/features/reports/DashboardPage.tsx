/**
 * 统计概览: the catalogue's figures for a period, grouped as the catalogue groups them, each count
 * a link to the list behind it and each tile (and its rates, 元 and hours) to its 分项; figures
 * whose inputs are missing say so in amber (ADL 未评估 …); campaign coverage against the office's
 * goal in red/amber/green; and three charts — coverage per grid, planned and done visits per month,
 * ages by sex. The period lives in the address (?period=).
 */
import { Link as RouterLink, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { BarChart } from '@mui/x-charts/BarChart';
import { useTheme } from '@mui/material/styles';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { GROUP_LABELS, UNIT_EN, figureUnit, type Group, type IndicatorDef } from '../../../shared/reports/catalogue';
import { CAMPAIGNS, campaignLabel } from '../../../shared/reports/period';
import type { Dashboard, IndicatorResult } from '../../../shared/schemas/reports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useServerToday } from '../../components/serverToday';
import { useUrlFilters } from '../../components/useUrlFilters';
import { request } from '../../rpc';
import { PeriodPicker } from './PeriodPicker';
import { CoverageTable } from './CoverageTable';
import { RAG_COLOURS, def, dimValue, drillPath, figureName, figureText, indicatorName, lang, reportKeys, yearsFrom } from './common';
import { breakdownPath } from './breakdownLinks';
import { useCountyOffices } from './useCountyOffices';
import { isListed } from '../../../shared/reports/breakdown';

const GROUPS: Group[] = ['persons', 'care', 'visits', 'campaigns', 'requests', 'party', 'life'];

function unitText(d: IndicatorDef, figure: string): string {
  const unit = figureUnit(d, figure);
  if (unit === '%') return '';
  return lang() === 'en' ? UNIT_EN[unit] : unit;
}

/** The indicator's 分项 page for the period the tile was counted for (and the community a bureau is looking at). */
function breakdownOfTile(result: IndicatorResult): string {
  return breakdownPath({ key: result.key, period: result.period.text, office: result.office ?? undefined });
}

/**
 * A figure as a link: a count to its list when it is not zero; a rate, 元, hours or attendance (no
 * list of its own) to the indicator's 分项, where the counts it is made of each open theirs.
 */
function FigureLink({ result, figure, children }: { result: IndicatorResult; figure: string; children: React.ReactNode }) {
  const d = def(result.key);
  const value = result.figures[figure] ?? 0;
  if (isListed(d, figure) && !value) return <>{children}</>;
  const to = isListed(d, figure) ? drillPath({ key: result.key, measure: figure, period: result.period.text, office: result.office ?? undefined }) : breakdownOfTile(result);
  return (
    <Link component={RouterLink} to={to} underline="hover" data-figure={`${result.key}.${figure}`}>
      {children}
    </Link>
  );
}

function Tile({ result }: { result: IndicatorResult }) {
  const { t } = useTranslation();
  const d = def(result.key);
  const others = d.measures.filter((m) => !m.hidden && !m.incomplete && m.key !== d.headline);
  const derived = d.derived.filter((x) => x.key !== d.headline);
  const status = result.goal?.status ?? null;
  const headline = (
    <Typography component="span" sx={{ fontSize: '1.9rem', fontWeight: 700, lineHeight: 1.2, fontVariantNumeric: 'tabular-nums', color: status ? RAG_COLOURS[status] : 'text.primary' }}>
      {figureText(result, d.headline)}
      <Typography component="span" sx={{ ml: 0.5, fontSize: '0.95rem', fontWeight: 400 }} color="text.secondary">
        {unitText(d, d.headline)}
      </Typography>
    </Typography>
  );
  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 0.75, borderLeft: status ? `5px solid ${RAG_COLOURS[status]}` : undefined }} data-indicator={result.key}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, flexWrap: 'wrap' }}>
        <Typography sx={{ fontWeight: 600, flex: 1 }} title={d.description[lang()]}>
          <Link component={RouterLink} to={breakdownOfTile(result)} underline="hover" color="inherit" data-breakdown={result.key}>
            {indicatorName(result.key)}
          </Link>
        </Typography>
        <Link component={RouterLink} to={breakdownOfTile(result)} underline="hover" variant="body2" aria-label={t('reports.breakdown.openTitle', { indicator: indicatorName(result.key) })} sx={{ whiteSpace: 'nowrap' }}>
          {t('reports.breakdown.open')} ›
        </Link>
        {result.goal ? (
          <Chip
            size="small"
            label={`${t('reports.goal', { target: result.goal.target })} · ${t(`reports.rag.${status ?? 'none'}`)}`}
            sx={status ? { bgcolor: RAG_COLOURS[status], color: '#fff' } : undefined}
          />
        ) : null}
      </Box>
      <Box>
        <Typography component="span" variant="body2" color="text.secondary" sx={{ mr: 1 }}>
          {figureName(result.key, d.headline)}
        </Typography>
        <FigureLink result={result} figure={d.headline}>
          {headline}
        </FigureLink>
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1.5, rowGap: 0.25, fontSize: '0.9rem' }}>
        {[...others.map((m) => m.key), ...derived.map((x) => x.key)].map((f) => (
          <Box component="span" key={f} sx={{ whiteSpace: 'nowrap' }}>
            <Typography component="span" variant="body2" color="text.secondary">
              {figureName(result.key, f)}{' '}
            </Typography>
            <FigureLink result={result} figure={f}>
              <Typography component="span" variant="body2" sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
                {figureText(result, f)}
              </Typography>
            </FigureLink>
          </Box>
        ))}
      </Box>
      {result.incomplete.map((i) => (
        <Link
          key={i.key}
          component={RouterLink}
          to={drillPath({ key: result.key, measure: i.key, period: result.period.text, office: result.office ?? undefined })}
          underline="hover"
          sx={{ color: 'warning.dark', fontSize: '0.9rem', fontWeight: 600 }}
          data-figure={`${result.key}.${i.key}`}
        >
          ⚠ {t('reports.incomplete', { label: figureName(result.key, i.key), count: i.count.toLocaleString('zh-CN'), unit: unitText(def(result.key), i.key) })}
        </Link>
      ))}
    </Paper>
  );
}

function monthText(key: string | null): string {
  if (!key) return '—';
  const m = Number(key.slice(5));
  return lang() === 'en' ? new Intl.DateTimeFormat('en', { month: 'short', timeZone: 'UTC' }).format(Date.UTC(2000, m - 1, 1)) : `${m}月`;
}

function CoverageChart({ results, period }: { results: IndicatorResult[]; period: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const shown = results.filter((r) => r.rows.some((row) => (row.figures['due'] ?? 0) > 0));
  if (shown.length === 0) return <Typography color="text.secondary">{t('reports.charts.noData')}</Typography>;
  const grids: { key: string | null; name: string }[] = [];
  for (const r of shown) for (const row of r.rows) if (!grids.some((g) => g.key === row.key)) grids.push({ key: row.key, name: dimValue('grid', row.key, row.name) });
  const palette = ['#c62828', '#1565c0', '#b8860b', '#6a1b9a'];
  return (
    <BarChart
      height={300}
      xAxis={[{ scaleType: 'band', data: grids.map((g) => g.name), tickLabelInterval: () => true, height: 28 }]}
      yAxis={[{ min: 0, max: 100, tickInterval: [0, 20, 40, 60, 80, 100], width: 56, label: t('reports.charts.coverageAxis') }]}
      series={shown.map((r) => {
        const c = def(r.key).campaign ?? 'chongyang';
        return {
          id: r.key,
          label: campaignLabel(c, lang()),
          color: palette[CAMPAIGNS.indexOf(c)] ?? '#555',
          data: grids.map((g) => r.rows.find((row) => row.key === g.key)?.figures['coverage'] ?? null),
          valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`),
        };
      })}
      onItemClick={(_e, item) => {
        const grid = grids[item.dataIndex];
        if (grid) navigate(drillPath({ key: String(item.seriesId), measure: 'notVisited', period, by: 'grid', value: grid.key, office: shown[0]?.office ?? undefined }));
      }}
      grid={{ horizontal: true }}
      margin={{ left: 8, right: 16, top: 16, bottom: 4 }}
    />
  );
}

function MonthlyChart({ result }: { result: IndicatorResult }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const theme = useTheme();
  if (result.rows.length === 0) return <Typography color="text.secondary">{t('reports.charts.noData')}</Typography>;
  const series = (['planned', 'done', 'missed'] as const).map((key) => ({
    id: key,
    label: t(`reports.charts.${key}`),
    color: key === 'planned' ? theme.palette.grey[500] : key === 'done' ? theme.palette.success.main : theme.palette.error.main,
    data: result.rows.map((r) => r.figures[key] ?? 0),
  }));
  return (
    <BarChart
      height={300}
      xAxis={[{ scaleType: 'band', data: result.rows.map((r) => monthText(r.key)), tickLabelInterval: () => true, height: 28 }]}
      yAxis={[{ width: 44 }]}
      series={series}
      onItemClick={(_e, item) => {
        const row = result.rows[item.dataIndex];
        if (row) navigate(drillPath({ key: 'visits.plan', measure: String(item.seriesId), period: result.period.text, by: 'month', value: row.key, office: result.office ?? undefined }));
      }}
      grid={{ horizontal: true }}
      margin={{ left: 8, right: 16, top: 16, bottom: 4 }}
    />
  );
}

const BANDS = [
  ['a100plus', '100plus'],
  ['a90to99', '90to99'],
  ['a80to89', '80to89'],
  ['a70to79', '70to79'],
  ['a60to69', '60to69'],
  ['under60', 'under60'],
] as const;

function PyramidChart({ result }: { result: IndicatorResult }) {
  const { t } = useTranslation();
  const male = result.rows.find((r) => r.key === 'male');
  const female = result.rows.find((r) => r.key === 'female');
  if (!male && !female) return <Typography color="text.secondary">{t('reports.charts.noData')}</Typography>;
  const labels = BANDS.map(([, band]) => dimValue('ageBand', band, null));
  return (
    <BarChart
      height={300}
      layout="horizontal"
      yAxis={[{ scaleType: 'band', data: labels, width: 90 }]}
      xAxis={[{ valueFormatter: (v: number) => String(Math.abs(v)), height: 28 }]}
      series={[
        { id: 'male', label: t('reports.charts.male'), color: '#1565c0', stack: 'age', data: BANDS.map(([m]) => -(male?.figures[m] ?? 0)), valueFormatter: (v: number | null) => String(Math.abs(v ?? 0)) },
        { id: 'female', label: t('reports.charts.female'), color: '#c2185b', stack: 'age', data: BANDS.map(([m]) => female?.figures[m] ?? 0), valueFormatter: (v: number | null) => String(v ?? 0) },
      ]}
      grid={{ vertical: true }}
      margin={{ left: 8, right: 16, top: 16, bottom: 4 }}
    />
  );
}

/** Whole days from one YYYY-MM-DD to another. */
const daysFrom = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * At the bureau, over another office's dashboard: whose figures these are, the day its data is as
 * of, and, when the period goes on past that day, that its figures are incomplete (a period that
 * begins after it is refused by main, with the day, in the error shown below).
 */
function OfficeDataNote({ dashboard: d, period }: { dashboard: Dashboard | undefined; period: string }) {
  const { t } = useTranslation();
  const data = d && !d.office.bureauOwn ? d.officeData : null;
  const incomplete = data?.incomplete === true && data.dataAsOf !== null;
  return (
    <Alert severity={incomplete ? 'warning' : 'info'} sx={{ mb: 2 }} data-testid="office-dashboard-note" data-incomplete={incomplete ? '1' : undefined}>
      {d && !d.office.bureauOwn ? t('reports.county.officeNote', { name: d.office.name }) : null}{' '}
      {data ? (
        <Box component="strong" sx={{ whiteSpace: 'nowrap' }} data-testid="office-data-as-of">
          {data.dataAsOf ? t('reports.county.officeDataAsOf', { date: data.dataAsOf }) : t('reports.county.officeDataUnknown')}
        </Box>
      ) : null}{' '}
      <Link component={RouterLink} to={`/reports/county?period=${encodeURIComponent(period.slice(0, 4))}`}>
        {t('reports.county.back')}
      </Link>
      {incomplete && d && data.dataAsOf ? (
        <Box sx={{ mt: 0.5, fontWeight: 600 }}>{t('reports.county.officeDataIncomplete', { date: data.dataAsOf, days: daysFrom(data.dataAsOf, d.period.asOf) })}</Box>
      ) : null}
    </Alert>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const { today } = useServerToday();
  const [sp, setFilter] = useUrlFilters();
  const period = sp.get('period') ?? today.slice(0, 4);
  // At the county bureau, ?office= is one community's dashboard, from the records it sent.
  const office = sp.get('office');
  const dashboard = useQuery({
    queryKey: reportKeys.dashboard(period, office),
    queryFn: () => request('reports.dashboard', office ? { period, office } : { period }),
    retry: false,
  });
  const d = dashboard.data;
  // The office's name from the bureau's list too, so a refused period still says whose page this is.
  const county = useCountyOffices();
  const officeName = office && !(d?.office.bureauOwn ?? false) ? (d?.office.name ?? county?.offices.find((o) => o.id === office && !o.own)?.label ?? null) : null;
  const years = yearsFrom(d?.period.recordsFrom ?? `${Number(today.slice(0, 4)) - 4}-01-01`, today);
  const chartPeriod = d ? d.coverageByGrid[0]?.period.text ?? period.slice(0, 4) : period.slice(0, 4);
  return (
    <Box>
      <PageHeader title={officeName ? t('reports.county.officeTitle', { name: officeName }) : t('reports.title')} intro={t('reports.intro')} />
      {office ? <OfficeDataNote dashboard={d} period={period} /> : null}
      <Paper variant="outlined" sx={{ p: 2, mb: 2, display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography sx={{ fontWeight: 600 }}>{t('reports.period.label')}</Typography>
        <PeriodPicker value={period} onChange={(p) => setFilter('period', p)} years={years} />
        {d ? (
          <Typography variant="body2" color="text.secondary">
            {t('reports.asOfNote', { date: d.period.asOf })}
          </Typography>
        ) : null}
      </Paper>
      {dashboard.isFetching ? <LinearProgress sx={{ mb: 1 }} /> : null}
      <ErrorAlert error={dashboard.error} sx={{ mb: 2 }} />
      {d ? (
        <>
          {d.office.bureauOwn ? <Alert severity="info" sx={{ mb: 2 }}>{t('reports.bureauOwn')}</Alert> : null}
          {d.period.running ? <Alert severity="info" sx={{ mb: 2 }}>{t('reports.running', { date: d.period.asOf })}</Alert> : null}
          {d.period.startsBeforeRecords ? <Alert severity="warning" sx={{ mb: 2 }}>{office && !d.office.bureauOwn ? t('reports.county.beforeRecords', { name: d.office.name, date: d.period.recordsFrom }) : t('reports.beforeRecords', { date: d.period.recordsFrom })}</Alert> : null}
          {d.refused.length > 0 ? <Alert severity="info" sx={{ mb: 2 }}>{t('reports.refused', { names: d.refused.map((r) => indicatorName(r.key)).join('、') })}</Alert> : null}
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2, mb: 2 }}>
            <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={t('reports.charts.coverage', { name: '' })}>
              <Typography variant="h6" component="h2" sx={{ fontSize: '1.05rem', mb: 1 }}>
                {t('reports.charts.coverage', { name: d.coverageByGrid.map((r) => campaignLabel(def(r.key).campaign ?? 'chongyang', lang())).join('、') })}
              </Typography>
              <CoverageChart results={d.coverageByGrid} period={chartPeriod} />
            </Paper>
            <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={t('reports.charts.visitsByMonth')}>
              <Typography variant="h6" component="h2" sx={{ fontSize: '1.05rem', mb: 1 }}>
                {t('reports.charts.visitsByMonth')}
              </Typography>
              {d.visitsByMonth ? <MonthlyChart result={d.visitsByMonth} /> : <Typography color="text.secondary">{t('reports.charts.noData')}</Typography>}
            </Paper>
          </Box>
          {GROUPS.map((g) => {
            const results = d.results.filter((r) => def(r.key).group === g);
            if (results.length === 0) return null;
            return (
              <Box component="section" key={g} aria-label={GROUP_LABELS[g][lang()]} sx={{ mb: 2.5 }}>
                <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
                  {GROUP_LABELS[g][lang()]}
                </Typography>
                <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))', gap: 1.5 }}>
                  {results.map((r) => (
                    <Tile key={r.key} result={r} />
                  ))}
                </Box>
                {g === 'campaigns' ? <CoverageTable campaigns={results} office={office ?? undefined} /> : null}
                {g === 'persons' && d.agePyramid ? (
                  <Paper variant="outlined" sx={{ p: 2, mt: 1.5 }} component="section" aria-label={t('reports.charts.pyramid')}>
                    <Typography variant="h6" component="h3" sx={{ fontSize: '1.05rem', mb: 1 }}>
                      {t('reports.charts.pyramid')}
                    </Typography>
                    <PyramidChart result={d.agePyramid} />
                  </Paper>
                ) : null}
              </Box>
            );
          })}
        </>
      ) : null}
    </Box>
  );
}
