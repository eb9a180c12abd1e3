/**
 * The pairs: current ones with the most pressing contact first (overdue, then due soon), ended
 * ones with their end date and reason; by helper kind and by name. Filters live in the address.
 */
import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../components/ExportButton';
import { DUE_STATUSES, HELPER_KINDS, type DueStatus, type HelperKind, type PairSummary } from '../../../shared/schemas/pairs';
import { dayNumber } from '../../../shared/calendar';
import { CreateButton, FILTER_FIELD, FilterSelect, ListPage } from '../../components/ListPage';
import { SearchField } from '../../components/SearchField';
import { useListFilters } from '../../components/useUrlFilters';
import { request } from '../../rpc';
import { useUiPrefs } from '../../state';
import { LARGE_FONT_SCALE } from '../../theme';
import { useCanWrite } from '../../components/access';
import { useServerToday } from '../../components/serverToday';
import { DUE_COLOURS, helperText, helpKindsText, pairKeys, pairLabel } from './common';
import { PairDialog } from './PairDialog';
import type { KindColumn } from '../../components/gridColumns';
import { OfficeFilter, useCountyOffices } from '../reports';

type Status = 'current' | 'ended' | 'all';

export function PairListPage() {
  const { t, i18n } = useTranslation();
  const { ui } = useUiPrefs();
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const { today } = useServerToday();
  const { params: sp, setFilter, page, setPage, paging } = useListFilters({ status: 'current' });
  const status = (sp.get('status') ?? 'current') as Status;
  const helperKind = (sp.get('helper') ?? '') as HelperKind | '';
  const search = sp.get('q') ?? '';
  // Ended pairs have no contact state: the filter only applies to the current ones.
  const due = status === 'ended' ? '' : ((sp.get('due') ?? '') as DueStatus | '');
  const [creating, setCreating] = useState(false);

  const county = useCountyOffices();
  const office = county ? (sp.get('office') ?? '') : '';
  const query = { status, due: due || undefined, helperKind: helperKind || undefined, search: search || undefined, office: office || undefined, ...paging };
  const list = useQuery({ queryKey: pairKeys.list(query), queryFn: () => request('pairs.list', query), placeholderData: keepPreviousData });

  // Widths grow with large text, and the person column with the longer English heading, so that
  // headings, dates and the reminder chip are never cut off or broken across lines.
  const scale = ui.largeFont ? LARGE_FONT_SCALE : 1;
  const w = (px: number) => Math.round(px * scale);
  const oneLine = (text: string) => (
    <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
      {text}
    </Box>
  );
  const columns: KindColumn<PairSummary>[] = [
    {
      field: 'personName',
      kind: 'name',
      headerName: t('pairs.fields.person'),
      width: w(i18n.language.startsWith('zh') ? 90 : 125),
      renderCell: ({ row }) => (
        <Link component={RouterLink} to={`/pairs/${row.id}`} sx={{ fontWeight: 600 }}>
          {row.personName}
        </Link>
      ),
    },
    { field: 'helperName', kind: 'text', headerName: t('pairs.fields.helper'), flex: 1.3, minWidth: 160, valueGetter: (_v, row) => helperText(row) },
    { field: 'helpKinds', kind: 'text', headerName: t('pairs.list.helpKinds'), flex: 1, minWidth: 120, valueGetter: (_v, row) => helpKindsText(row) },
    { field: 'frequency', kind: 'short', headerName: t('pairs.list.frequency'), width: w(100), valueGetter: (_v, row) => pairLabel('frequencies', row.frequency) },
    { field: 'fromDate', kind: 'date', headerName: t('pairs.fields.fromDate'), width: w(108), renderCell: ({ row }) => oneLine(row.fromDate) },
    { field: 'lastContactDate', kind: 'date', headerName: t('pairs.fields.lastContact'), width: w(108), valueGetter: (_v, row) => row.lastContactDate ?? t('pairs.list.never') },
  ];
  if (county) columns.unshift({ field: 'originOffice', kind: 'text', headerName: t('persons.fields.originOffice'), width: 130, valueFormatter: (v: string) => county.names.get(v) ?? v });
  if (status !== 'ended') {
    // The next contact's date with the reminder under it: one column, so the chip has room in every language and size.
    columns.push({
      field: 'nextDueDate',
      kind: 'date',
      headerName: t('pairs.fields.nextDue'),
      width: w(140),
      renderCell: ({ row }) =>
        row.dueStatus && row.nextDueDate ? (
          <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 0.5 }}>
            {oneLine(row.nextDueDate)}
            <Chip
              size="small"
              color={DUE_COLOURS[row.dueStatus]}
              variant={row.dueStatus === 'ok' ? 'outlined' : 'filled'}
              label={row.dueStatus === 'overdue' ? t('pairs.list.overdueDays', { count: dayNumber(today) - dayNumber(row.nextDueDate) }) : pairLabel('due', row.dueStatus)}
            />
          </Box>
        ) : (
          <Chip size="small" label={pairLabel('statuses', 'ended')} />
        ),
    });
  }
  if (status !== 'current') {
    columns.push(
      { field: 'toDate', kind: 'date', headerName: t('pairs.fields.toDate'), width: w(108), renderCell: ({ row }) => oneLine(row.toDate ?? '—') },
      { field: 'endReason', kind: 'text', headerName: t('pairs.fields.endReason'), flex: 1, minWidth: 140 },
    );
  }

  const overdue = list.data?.overdueCount ?? 0;
  return (
    <ListPage
      title={t('pairs.title')}
      intro={t('pairs.intro')}
      maxWidth={1500}
      filters={
        <>
          <ToggleButtonGroup exclusive size="small" color="primary" value={status} onChange={(_e, v: Status | null) => v && setFilter('status', v)} aria-label={t('pairs.fields.status')}>
            {(['current', 'ended', 'all'] as const).map((s) => (
              <ToggleButton key={s} value={s} sx={{ px: 1.5 }}>
                {pairLabel('statuses', s)}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <OfficeFilter county={county} value={office} onChange={(v) => setFilter('office', v)} />
          {status !== 'ended' ? (
            <FilterSelect
              label={t('pairs.list.due')}
              value={due}
              onChange={(v) => setFilter('due', v)}
              anyLabel={t('pairs.list.anyDue')}
              options={DUE_STATUSES.map((d) => ({ value: d, label: pairLabel('due', d) }))}
              sx={{ width: 140 }}
            />
          ) : null}
          <FilterSelect
            label={t('pairs.fields.helperKind')}
            value={helperKind}
            onChange={(v) => setFilter('helper', v)}
            anyLabel={t('pairs.list.anyHelperKind')}
            options={HELPER_KINDS.map((k) => ({ value: k, label: pairLabel('helperKinds', k) }))}
            sx={{ width: 150 }}
          />
          <SearchField
            label={t('pairs.list.search')}
            placeholder={t('pairs.list.searchPlaceholder')}
            value={search}
            onCommit={(q) => setFilter('q', q)}
            // The search gives way first (down to 160) so 导出表格 and 新建结对 stay on the bar's line at 1366 px.
            sx={{ flex: '1 1 160px', minWidth: 160, maxWidth: 240 }}
            {...FILTER_FIELD}
          />
        </>
      }
      barEnd={
        <>
          <ExportButton channel="reports.exportPairs" input={{ status, due: query.due, helperKind: query.helperKind, search: query.search, office: query.office }} disabled={list.data?.total === 0} />
          {canWrite ? <CreateButton label={t('pairs.create')} onClick={() => setCreating(true)} /> : null}
        </>
      }
      notice={
        status !== 'ended' && list.data && list.data.total > 0 ? (
          <Alert severity={overdue > 0 ? 'warning' : 'success'} sx={{ mb: 2 }} data-testid="pairs-overdue">
            {overdue > 0 ? t('pairs.list.overdue', { count: overdue }) : t('pairs.list.noneOverdue')}
            {overdue > 0 && due !== 'overdue' ? (
              <Link component="button" type="button" onClick={() => setFilter('due', 'overdue')} sx={{ ml: 1, verticalAlign: 'baseline' }}>
                {t('pairs.list.onlyOverdue')}
              </Link>
            ) : null}
          </Alert>
        ) : null
      }
      error={list.error}
      grid={{ data: list.data, columns, loading: list.isFetching, page, onPageChange: setPage, label: t('pairs.title'), emptyLabel: t('pairs.list.empty') }}
    >
      <PairDialog open={creating} today={today} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/pairs/${id}`)} />
    </ListPage>
  );
}
