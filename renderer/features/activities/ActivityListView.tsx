/**
 * The plain list of activities, newest first: by date range, kind and text (name, place, organiser),
 * with sign-ups, attendance and the attendance rate. Filters live in the address.
 */
import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, type Activity, type ActivityKind } from '../../../shared/schemas/activities';
import { DateTextField } from '../../components/DateTextField';
import { ExportButton } from '../../components/ExportButton';
import { CreateButton, FILTER_FIELD, FilterSelect, ListPage } from '../../components/ListPage';
import { SearchField } from '../../components/SearchField';
import { useListFilters } from '../../components/useUrlFilters';
import { fieldMessage } from '../../i18n';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { useServerToday } from '../../components/serverToday';
import { OfficeFilter, useCountyOffices } from '../reports';
import { ActivityDialog } from './ActivityDialog';
import { activityKeys, KIND_COLOURS, kindLabel, percent, placeText, timeSpan } from './common';
import type { KindColumn } from '../../components/gridColumns';

/** Room for a typed date and the calendar button. */
const DATE_FILTER_WIDTH = 175;

export function ActivityListView() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const { today } = useServerToday();
  const { params: sp, setFilter, page, setPage, paging } = useListFilters();
  const from = sp.get('from') ?? '';
  const to = sp.get('to') ?? '';
  const kind = (sp.get('kind') ?? '') as ActivityKind | '';
  const search = sp.get('q') ?? '';
  const county = useCountyOffices();
  const office = county ? (sp.get('office') ?? '') : '';
  const [creating, setCreating] = useState(false);

  const query = {
    from: from || undefined,
    to: to || undefined,
    kind: kind || undefined,
    search: search || undefined,
    office: office || undefined,
    ...paging,
  };
  // A range that ends before it starts is said at the field rather than asked of main.
  const reversed = from !== '' && to !== '' && from > to;
  const list = useQuery({
    queryKey: activityKeys.list(query),
    queryFn: () => request('activities.list', query),
    placeholderData: keepPreviousData,
    enabled: !reversed,
  });

  const columns: KindColumn<Activity>[] = [
    { field: 'date', kind: 'date', headerName: t('activities.fields.date'), width: 105 },
    { field: 'time', kind: 'text', headerName: t('activities.fields.time'), width: 110, valueGetter: (_v, row) => timeSpan(row) },
    {
      field: 'kind',
      kind: 'chip',
      headerName: t('activities.fields.kind'),
      width: 100,
      renderCell: ({ row }) => (
        <Box component="span" sx={{ px: 1, py: 0.25, borderRadius: 1, fontSize: 13, color: '#fff', bgcolor: KIND_COLOURS[row.kind], whiteSpace: 'nowrap' }}>
          {kindLabel(row.kind)}
        </Box>
      ),
    },
    {
      field: 'title',
      kind: 'long',
      headerName: t('activities.fields.title'),
      flex: 1,
      minWidth: 180,
      renderCell: ({ row }) => (
        <Link component={RouterLink} to={`/activities/${row.id}`} sx={{ fontWeight: 600 }}>
          {row.title}
        </Link>
      ),
    },
    { field: 'place', kind: 'text', headerName: t('activities.fields.place'), width: 200, valueGetter: (_v, row) => placeText(row) },
    { field: 'organiser', kind: 'name', headerName: t('activities.fields.organiser'), width: 120 },
    {
      field: 'signedUpCount',
      kind: 'number',
      headerName: t('activities.fields.signedUp'),
      width: 70,
      valueGetter: (_v, row) => (row.capacity === null ? String(row.signedUpCount) : `${row.signedUpCount}/${row.capacity}`),
    },
    { field: 'attendedCount', kind: 'number', headerName: t('activities.fields.attended'), width: 60, valueGetter: (_v, row) => (row.attendanceRecorded ? row.attendedCount : '—') },
    { field: 'attendanceRate', kind: 'number', headerName: t('activities.fields.rate'), width: 70, valueGetter: (_v, row) => percent(row.attendanceRate) },
  ];
  if (county) columns.unshift({ field: 'originOffice', kind: 'text', headerName: t('persons.fields.originOffice'), width: 130, valueFormatter: (v: string) => county.names.get(v) ?? v });

  return (
    <ListPage
      filters={
        <>
          <OfficeFilter county={county} value={office} onChange={(v) => setFilter('office', v)} />
          <DateTextField filter label={t('activities.list.from')} value={from} onChange={(v) => setFilter('from', v)} margin="none" size="small" fullWidth={false} sx={{ width: DATE_FILTER_WIDTH }} slotProps={{ inputLabel: { shrink: true } }} />
          <DateTextField
            filter
            label={t('activities.list.to')}
            value={to}
            onChange={(v) => setFilter('to', v)}
            error={reversed}
            helperText={reversed ? fieldMessage('activities.rangeReversed') : undefined}
            margin="none"
            size="small"
            fullWidth={false}
            sx={{ width: DATE_FILTER_WIDTH }}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <FilterSelect
            label={t('activities.fields.kind')}
            value={kind}
            onChange={(v) => setFilter('kind', v)}
            anyLabel={t('activities.anyKind')}
            options={ACTIVITY_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
            sx={{ width: 150 }}
          />
          <SearchField
            label={t('activities.list.search')}
            placeholder={t('activities.list.searchPlaceholder')}
            value={search}
            onCommit={(q) => setFilter('q', q)}
            sx={{ width: 240 }}
            {...FILTER_FIELD}
          />
        </>
      }
      barEnd={
        <>
          <ExportButton
            channel="reports.exportActivities"
            input={{ from: query.from, to: query.to, kind: query.kind, search: query.search, office: query.office }}
            disabled={reversed || list.data?.total === 0}
          />
          {canWrite ? <CreateButton label={t('activities.create')} onClick={() => setCreating(true)} /> : null}
        </>
      }
      error={list.error}
      grid={{ data: list.data, columns, loading: list.isFetching, page, onPageChange: setPage, label: t('activities.tabs.list'), emptyLabel: t('activities.list.empty') }}
    >
      <ActivityDialog open={creating} date={today} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/activities/${id}`)} />
    </ListPage>
  );
}
