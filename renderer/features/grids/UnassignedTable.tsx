import { useState } from 'react';
import { useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ServerDataGrid } from '../../components/ServerDataGrid';
import { request } from '../../rpc';
import { valueLabel } from '../../components/labels';
import { careKeys } from '../../components/queryKeys';
import type { AssignTarget } from './AssignDialog';
import type { KindColumn } from '../../components/gridColumns';
import { useCountyOffices } from '../reports';

type Row = ChannelOutput<'assignments.unassigned'>['rows'][number];

/** Active persons without a primary contact (of one grid, of no grid, or all), each with "指定负责人". */
export function UnassignedTable({
  gridId,
  ungridded = false,
  office,
  onAssign,
}: {
  gridId?: string;
  ungridded?: boolean;
  /** At the county bureau: one office's persons. */
  office?: string | undefined;
  onAssign?: ((target: AssignTarget) => void) | undefined;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const county = useCountyOffices();
  const [page, setPage] = useState({ page: 0, pageSize: 25 });
  const query = { gridId, ungridded, ...(office ? { office } : {}), limit: page.pageSize, offset: page.page * page.pageSize };
  const list = useQuery({ queryKey: careKeys.unassigned(query), queryFn: () => request('assignments.unassigned', query), placeholderData: keepPreviousData });

  const columns: KindColumn<Row>[] = [
    { field: 'name', kind: 'name', headerName: t('persons.fields.name'), width: 100, renderCell: ({ row }) => <Box component="span" sx={{ fontWeight: 600 }}>{row.name}</Box> },
    { field: 'gender', kind: 'short', headerName: t('persons.fields.gender'), width: 60, valueFormatter: (v: string) => valueLabel('gender', v) },
    { field: 'age', kind: 'number', headerName: t('persons.fields.age'), width: 60 },
    { field: 'gridName', kind: 'short', headerName: t('persons.fields.grid'), width: 110, valueFormatter: (v: string | null) => v ?? t('grids.noGrid') },
    { field: 'address', kind: 'address', headerName: t('persons.fields.address'), flex: 1, minWidth: 180 },
    { field: 'backupName', kind: 'name', headerName: t('labels.contactRole.backup'), width: 110, valueFormatter: (v: string | null) => v ?? '' },
  ];
  if (county) columns.unshift({ field: 'originOffice', kind: 'text', headerName: t('persons.fields.originOffice'), width: 130, valueFormatter: (v: string) => county.names.get(v) ?? v });
  if (onAssign) {
    columns.push({
      field: 'actions',
      kind: 'actions',
      headerName: t('grids.actions'),
      width: 130,
      renderCell: ({ row }) => (
        <Button
          size="small"
          variant="outlined"
          onClick={(e) => {
            e.stopPropagation();
            onAssign({ personId: row.personId, personName: row.name, role: 'primary' });
          }}
        >
          {t('contacts.assign')}
        </Button>
      ),
    });
  }

  return (
    <>
      <ErrorAlert error={list.error} sx={{ my: 1 }} />
      <ServerDataGrid
        bare
        getRowId={(r) => r.personId}
        data={list.data}
        columns={columns}
        loading={list.isFetching}
        page={page}
        onPageChange={setPage}
        autoRowHeight={false}
        onRowClick={({ row }) => void navigate(`/persons/${row.personId}?tab=care`)}
        emptyLabel={t('grids.unassignedNone')}
        label={t('grids.unassignedPage')}
      />
    </>
  );
}
