/**
 * The list behind a number (/reports/drill?key=…&measure=…&period=…[&by=…&value=…][&back=…]): the
 * persons or records the figure counts, paged by main, with the catalogue's columns; exported to
 * .xlsx (the filter in the title row) and printed on A4 in one click each.
 */
import { useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import PrintIcon from '@mui/icons-material/Print';
import { useTranslation } from 'react-i18next';
import type { DrillRow } from '../../../shared/schemas/reports';
import type { FactColumn, PersonColumn } from '../../../shared/reports/catalogue';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { ServerDataGrid } from '../../components/ServerDataGrid';
import type { ColumnKind, KindColumn } from '../../components/gridColumns';
import { request } from '../../rpc';
import { ExportButton } from '../../components/ExportButton';
import { cellText, columnLabel, def, dimName, dimValue, drillTargetOf, figureName, indicatorName, lang, periodName, reportKeys, shownColumns } from './common';
import { drillPrintHash, openReportPrint } from './printing';
import { breakdownOf, breakdownPath } from './breakdownLinks';

export function DrillPage() {
  const { t } = useTranslation();
  const [sp] = useSearchParams();
  const target = drillTargetOf(sp);
  const [page, setPage] = useState({ page: 0, pageSize: 50 });
  const [blocked, setBlocked] = useState(false);
  const query = target ? { ...target, limit: page.pageSize, offset: page.page * page.pageSize } : null;
  const list = useQuery({
    queryKey: reportKeys.drill(query),
    queryFn: () => request('reports.drill', query as NonNullable<typeof query>),
    enabled: query !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
  if (!target) return <Alert severity="error">{t('validation.report.noSuchMeasure')}</Alert>;
  const d = def(target.key);
  // Opened from an indicator's 分项 (?back=<breakdown>): back there, else to the dashboard.
  const backBy = breakdownOf(target.key, sp.get('back'));
  const back = backBy
    ? breakdownPath({ key: target.key, period: target.period, by: backBy, office: target.office })
    : `/reports?period=${encodeURIComponent(target.period)}${target.office ? `&office=${encodeURIComponent(target.office)}` : ''}`;
  const columns: KindColumn<DrillRow>[] = shownColumns(d, list.data?.rows ?? []).map((c) => {
    const key = typeof c === 'string' ? c : c.key;
    const base: KindColumn<DrillRow> = {
      field: key,
      kind: drillKind(c),
      headerName: columnLabel(c),
      flex: key === 'address' || key === 'description' || key === 'topic' || key === 'title' ? 2 : 1,
      minWidth: key === 'name' ? 90 : key === 'address' ? 180 : 80,
      valueGetter: (_v, row) => cellText(c, row.cells[key]),
    };
    if (key === 'name') {
      base.renderCell = ({ row }) =>
        row.personId ? (
          <Link component={RouterLink} to={`/persons/${row.personId}`} sx={{ fontWeight: 600 }}>
            {cellText(c, row.cells[key])}
          </Link>
        ) : (
          cellText(c, row.cells[key])
        );
    }
    return base;
  });
  const data = list.data;
  const title = t('reports.drill.heading', { indicator: indicatorName(target.key), figure: figureName(target.key, target.measure) });
  const exportInput = {
    key: target.key,
    measure: target.measure,
    period: target.period,
    ...(target.by !== undefined && target.value !== undefined ? { by: target.by, value: target.value } : {}),
    ...(target.office ? { office: target.office } : {}),
  };
  return (
    <Box>
      <Button component={RouterLink} to={back} startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
        {backBy ? t('reports.breakdown.back') : t('reports.drill.back')}
      </Button>
      <PageHeader
        title={title}
        intro={d.description[lang()]}
        actions={
          <>
            <ExportButton channel="reports.drillExport" input={exportInput} disabled={!data || data.total === 0} label={t('reports.drill.export')} />
            <Button
              variant="outlined"
              startIcon={<PrintIcon />}
              disabled={!data || data.total === 0}
              onClick={() => setBlocked(!openReportPrint(drillPrintHash(target, 'print')))}
            >
              {t('reports.drill.print')}
            </Button>
          </>
        }
      />
      {blocked ? (
        <Alert severity="warning" sx={{ mb: 2 }} onClose={() => setBlocked(false)}>
          {t('print.blocked')}{' '}
          <Link href={drillPrintHash(target, 'print')} target="_blank">
            {t('reports.drill.print')}
          </Link>
        </Alert>
      ) : null}
      <Paper variant="outlined" sx={{ p: 1.5, mb: 2, display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        {target.office && data ? <Chip label={data.officeName} color="secondary" variant="outlined" /> : null}
        <Chip label={periodName(data?.period.text ?? target.period)} color="primary" variant="outlined" />
        {target.by !== undefined && target.value !== undefined ? (
          <Chip label={t('reports.drill.filter', { dim: dimName(target.by), value: dimValue(target.by, target.value, data?.valueName ?? null) })} color="primary" variant="outlined" />
        ) : null}
        {data?.period.running ? <Chip label={t('reports.running', { date: data.period.asOf })} /> : null}
        <Box sx={{ flex: 1 }} />
        {data ? <Typography sx={{ fontWeight: 600 }}>{t('reports.drill.total', { count: data.total })}</Typography> : null}
      </Paper>
      <ErrorAlert error={list.error} sx={{ mb: 2 }} />
      <ServerDataGrid data={data} columns={columns} loading={list.isFetching} page={page} onPageChange={setPage} label={title} emptyLabel={t('reports.drill.empty')} />
    </Box>
  );
}

/** What a drill-down column holds, for its least width. */
function drillKind(c: PersonColumn | FactColumn): ColumnKind {
  if (typeof c === 'string') return ({ name: 'name', sex: 'short', age: 'number', rtype: 'short', grid: 'short', contact: 'name', address: 'address', phone: 'phone' } as const)[c];
  if (c.format === 'date' || c.format === 'timestamp') return 'date';
  if (c.format === 'fen' || c.format === 'minutes') return 'money';
  return 'text';
}
