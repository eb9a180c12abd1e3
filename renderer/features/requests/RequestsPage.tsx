/**
 * 服务需求: needs raised by the persons (居家养老, 医疗保健 …), who takes care of each and where it
 * stands. The server filters and pages; staff change and close them.
 */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../components/ExportButton';
import { REQUEST_CATEGORIES, REQUEST_STATUSES, type ServiceRequest } from '../../../shared/schemas/requests';
import { CreateButton, FILTER_FIELD, FilterSelect, ListPage } from '../../components/ListPage';
import { useListFilters } from '../../components/useUrlFilters';
import { useSticky } from '../../components/useSticky';
import { request } from '../../rpc';
import { UserSelect } from '../../components/UserSelect';
import { careKeys } from '../../components/queryKeys';
import { label, REQUEST_STATUS_COLOURS } from '../../components/labels';
import { useCanWrite, useCanVisit, useSeesOthers } from '../../components/access';
import { useGrids } from '../../components/lookups';
import { OfficeFilter, useCountyOffices } from '../reports';
import { RequestDialog, RequestStatusDialog } from './RequestDialogs';
import type { KindColumn } from '../../components/gridColumns';

const filterSx = { width: 180 } as const;

export function RequestsPage() {
  const { t } = useTranslation();
  const canManage = useCanWrite();
  const canVisit = useCanVisit();
  const seesOthers = useSeesOthers();
  const grids = useGrids();
  const { params: sp, setFilter, page, setPage, paging } = useListFilters({ status: 'active' });
  const category = sp.get('category') ?? '';
  const status = sp.get('status') ?? 'active';
  const assignee = sp.get('assignee') ?? '';
  const gridId = sp.get('grid') ?? '';
  const county = useCountyOffices();
  const office = county ? (sp.get('office') ?? '') : '';
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<ServiceRequest | null>(null);
  const [moving, setMoving] = useState<ServiceRequest | null>(null);
  const shownEditing = useSticky(editing);

  const query = {
    category: (category || undefined) as ServiceRequest['category'] | undefined,
    status: (status === 'all' ? undefined : status) as ServiceRequest['status'] | 'active' | undefined,
    assignedTo: assignee || undefined,
    gridId: gridId || undefined,
    office: office || undefined,
    ...paging,
  };
  const list = useQuery({ queryKey: careKeys.requests(query), queryFn: () => request('requests.list', query), placeholderData: keepPreviousData });

  const columns: KindColumn<ServiceRequest>[] = [
    { field: 'raisedOn', kind: 'date', headerName: t('requests.raisedOn'), width: 108 },
    {
      field: 'personName',
      kind: 'name',
      headerName: t('persons.fields.name'),
      width: 96,
      renderCell: ({ row }) => (
        <Link component={RouterLink} to={`/persons/${row.personId}?tab=care`} sx={{ fontWeight: 600 }}>
          {row.personName}
        </Link>
      ),
    },
    { field: 'category', kind: 'text', headerName: t('requests.category'), width: 96, valueFormatter: (v: string) => label('requestCategory', v) },
    { field: 'description', kind: 'long', headerName: t('requests.description'), flex: 1, minWidth: 200 },
    { field: 'assignedToName', kind: 'name', headerName: t('requests.assignee'), width: 110, valueFormatter: (v: string | null) => v ?? t('requests.unassigned') },
    {
      field: 'status',
      kind: 'chip',
      headerName: t('requests.status'),
      width: 100,
      renderCell: ({ row }) => <Chip size="small" color={REQUEST_STATUS_COLOURS[row.status]} label={label('requestStatus', row.status)} />,
    },
    { field: 'resolution', kind: 'text', headerName: t('requests.resolution'), width: 180, valueGetter: (_v, row) => (row.resolvedOn ? `${row.resolvedOn} ${row.resolution}` : row.resolution) },
  ];
  if (county) columns.unshift({ field: 'originOffice', kind: 'text', headerName: t('persons.fields.originOffice'), width: 130, valueFormatter: (v: string) => county.names.get(v) ?? v });
  if (canManage) {
    columns.push({
      field: 'actions',
      kind: 'actions',
      headerName: t('grids.actions'),
      width: 150,
      renderCell: ({ row }) => (
        <Box sx={{ display: 'flex', gap: 0.5 }}>
          <Button size="small" onClick={() => setEditing(row)}>
            {t('requests.edit')}
          </Button>
          <Button size="small" variant="outlined" onClick={() => setMoving(row)}>
            {t('requests.handle')}
          </Button>
        </Box>
      ),
    });
  }

  const small = { ...FILTER_FIELD, sx: filterSx } as const;
  return (
    <ListPage
      filters={
        <>
          <OfficeFilter county={county} value={office} onChange={(v) => setFilter('office', v)} width={filterSx.width} />
          <FilterSelect
            label={t('requests.category')}
            value={category}
            onChange={(v) => setFilter('category', v)}
            anyLabel={t('persons.filters.any')}
            options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: label('requestCategory', c) }))}
            sx={filterSx}
          />
          <TextField select label={t('requests.status')} value={status} onChange={(e) => setFilter('status', e.target.value)} {...small}>
            <MenuItem value="active">{t('requests.activeStatuses')}</MenuItem>
            {REQUEST_STATUSES.map((s) => (
              <MenuItem key={s} value={s}>
                {label('requestStatus', s)}
              </MenuItem>
            ))}
            <MenuItem value="all">{t('persons.filters.any')}</MenuItem>
          </TextField>
          {seesOthers ? <UserSelect label={t('requests.assignee')} value={assignee} onChange={(id) => setFilter('assignee', id)} emptyLabel={t('persons.filters.any')} {...small} /> : null}
          <FilterSelect
            label={t('persons.fields.grid')}
            value={gridId}
            onChange={(v) => setFilter('grid', v)}
            anyLabel={t('persons.filters.any')}
            options={(grids.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
            sx={filterSx}
          />
        </>
      }
      barEnd={
        <>
          <ExportButton channel="reports.exportRequests" input={{ category: query.category, status: query.status, assignedTo: query.assignedTo, gridId: query.gridId, office: query.office }} disabled={list.data?.total === 0} />
          {canVisit ? <CreateButton label={t('requests.create')} onClick={() => setCreating(true)} /> : null}
        </>
      }
      error={list.error}
      grid={{ data: list.data, columns, loading: list.isFetching, page, onPageChange: setPage, label: t('requests.title'), emptyLabel: t('requests.empty') }}
    >
      <RequestDialog open={creating} onClose={() => setCreating(false)} />
      <RequestDialog open={editing !== null} existing={shownEditing} onClose={() => setEditing(null)} />
      <RequestStatusDialog target={moving} onClose={() => setMoving(null)} />
    </ListPage>
  );
}
