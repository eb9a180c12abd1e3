/**
 * Party members as a table (server-side paging and sorting): the whole community's with filters, or
 * one branch's. Each row: 党龄, where the relation is held, the management mode, the unit's party
 * contact; persons who moved away or died are flagged; writers get the membership actions.
 */
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { DataGrid, type GridSortModel } from '@mui/x-data-grid';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import EditIcon from '@mui/icons-material/Edit';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import DeleteIcon from '@mui/icons-material/Delete';
import { useTranslation } from 'react-i18next';
import { MEMBER_SORTS, type MemberListQuery, type Membership } from '../../../shared/schemas/party';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useGridLocale } from '../../components/useGridLocale';
import { useSticky } from '../../components/useSticky';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { valueLabel } from '../../components/labels';
import { useConfirmedDelete } from '../../components/useConfirmedDelete';
import { useNotify } from '../../components/Notifier';
import { invalidateParty, partyKeys, partyLabel } from './common';
import { MemberDialog } from './MemberDialog';
import { EndMemberDialog, MoveMemberDialog } from './MembershipDialogs';
import { RowMenu } from './RowMenu';
import { dateOrMonthText } from '../../components/labels';
import { useFitColumns, type KindColumn } from '../../components/gridColumns';

type Filters = Omit<MemberListQuery, 'limit' | 'offset' | 'sort' | 'desc'>;

/** `officeNames`: at the county bureau, the names of the offices, shown in a column of their own. */
export function MembersTable({ filters, showBranch, officeNames }: { filters: Filters; showBranch: boolean; officeNames?: ReadonlyMap<string, string> | undefined }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const canWrite = useCanWrite();
  const [page, setPage] = useState({ page: 0, pageSize: 25 });
  const [sort, setSort] = useState<GridSortModel>([]);
  const [editing, setEditing] = useState<Membership | null>(null);
  const [moving, setMoving] = useState<Membership | null>(null);
  const [ending, setEnding] = useState<Membership | null>(null);
  const shownEditing = useSticky(editing);
  const shownMoving = useSticky(moving);
  const shownEnding = useSticky(ending);
  const remove = useConfirmedDelete<Membership>(async (m) => {
    await request('party.members.delete', { id: m.id });
    notify(t('party.members.deleted', { name: m.personName }));
    await invalidateParty(queryClient);
  });
  // New filters start again on the first page.
  const filterKey = JSON.stringify(filters);
  useEffect(() => setPage((p) => (p.page === 0 ? p : { ...p, page: 0 })), [filterKey]);
  const sortField = sort[0]?.field;
  const query = {
    ...filters,
    sort: (MEMBER_SORTS as readonly string[]).includes(sortField ?? '') ? (sortField as MemberListQuery['sort']) : 'name',
    desc: sort[0]?.sort === 'desc',
    limit: page.pageSize,
    offset: page.page * page.pageSize,
  };
  const list = useQuery({ queryKey: partyKeys.members(query), queryFn: () => request('party.members.list', query), placeholderData: keepPreviousData });
  const localeText = useGridLocale({ noRowsLabel: filters.search || filters.managementMode || filters.relationHeld ? t('party.members.noneFound') : t('party.members.empty') }, list.data?.capped ?? false);

  const columns: KindColumn<Membership>[] = [
    {
      field: 'name',
      kind: 'name',
      headerName: t('party.members.name'),
      width: 120,
      renderCell: ({ row }) => (
        <Box>
          <Link component={RouterLink} to={`/persons/${row.personId}?tab=participation`} sx={{ fontWeight: 600 }}>
            {row.personName}
          </Link>
          {row.personStatus !== 'active' ? <Chip size="small" color="warning" label={valueLabel('status', row.personStatus)} sx={{ ml: 0.5 }} /> : null}
        </Box>
      ),
    },
    ...(showBranch ? [{ field: 'branch', kind: 'text' as const, headerName: t('party.members.branch'), flex: 1, minWidth: 150, valueGetter: (_v: unknown, row: Membership) => row.branchName }] : []),
    {
      field: 'partyJoinedOn',
      kind: 'date',
      headerName: t('party.members.partyJoinedOn'),
      width: 110,
      valueFormatter: (v: string | null) => (v ? dateOrMonthText(v) : t('party.members.unknown')),
    },
    {
      field: 'partyStanding',
      kind: 'text',
      headerName: t('party.members.standing'),
      width: 70,
      sortable: false,
      valueFormatter: (v: number | null) => (v === null ? '—' : t('party.years', { count: v })),
    },
    { field: 'relationHeld', kind: 'text', headerName: t('party.members.relationHeld'), width: 120, sortable: false, valueFormatter: (v: string) => partyLabel('relation', v) },
    { field: 'managementMode', kind: 'text', headerName: t('party.members.managementMode'), width: 150, sortable: false, valueFormatter: (v: string) => partyLabel('mode', v) },
    {
      field: 'unitPartyContact',
      kind: 'text',
      headerName: t('party.members.unitPartyContact'),
      width: 150,
      sortable: false,
      renderCell: ({ row }) =>
        row.relationHeld === 'original_unit' ? (
          <Box>
            <Typography variant="body2">{row.unitPartyContact || t('party.members.contactMissing')}</Typography>
            {row.unitPartyPhone ? <Typography variant="body2" color="text.secondary">{row.unitPartyPhone}</Typography> : null}
          </Box>
        ) : null,
    },
    {
      field: 'fromDate',
      kind: 'date',
      headerName: t('party.members.fromDate'),
      width: 130,
      renderCell: ({ row }) => (
        <Box>
          <Typography variant="body2">{row.fromDate}</Typography>
          {row.toDate ? (
            <Typography variant="body2" color="text.secondary">
              {t('party.members.endedOn', { date: row.toDate, reason: partyLabel('endReason', row.endReason) })}
            </Typography>
          ) : null}
        </Box>
      ),
    },
    ...(canWrite
      ? [
          {
            field: 'actions',
            kind: 'actions',
            headerName: '',
            width: 60,
            sortable: false,
            renderCell: ({ row }: { row: Membership }) => (
              <RowMenu
                label={t('party.members.actions', { name: row.personName })}
                actions={[
                  { label: t('party.members.edit'), icon: EditIcon, onClick: () => setEditing(row) },
                  ...(row.toDate === null
                    ? [
                        { label: t('party.members.move'), icon: SwapHorizIcon, onClick: () => setMoving(row) },
                        { label: t('party.members.end'), icon: EventBusyIcon, onClick: () => setEnding(row) },
                      ]
                    : []),
                  { label: t('party.members.delete'), icon: DeleteIcon, danger: true, onClick: () => remove.ask(row) },
                ]}
              />
            ),
          } satisfies KindColumn<Membership>,
        ]
      : []),
  ];

  if (officeNames) columns.unshift({ field: 'originOffice', kind: 'text', headerName: t('persons.fields.originOffice'), width: 130, sortable: false, valueFormatter: (v: string) => officeNames.get(v) ?? v });
  const fitted = useFitColumns(columns.map((c) => ({ ...c, filterable: false, sortable: c.sortable !== false && (MEMBER_SORTS as readonly string[]).includes(c.field) })));

  return (
    <>
      <ErrorAlert error={list.error} sx={{ mb: 2 }} />
      <DataGrid
        autoHeight
        rows={list.data?.rows ?? []}
        rowCount={list.data?.total ?? 0}
        columns={fitted}
        loading={list.isFetching}
        paginationMode="server"
        sortingMode="server"
        sortModel={sort}
        onSortModelChange={setSort}
        paginationModel={page}
        onPaginationModelChange={setPage}
        pageSizeOptions={[25, 50, 100]}
        disableColumnMenu
        disableRowSelectionOnClick
        getRowHeight={() => 'auto'}
        localeText={localeText}
        label={t('party.members.title')}
        sx={{ border: 0, '& .MuiDataGrid-cell': { py: 1, display: 'flex', alignItems: 'center', whiteSpace: 'normal', lineHeight: 1.45 }, '& .MuiDataGrid-columnHeaderTitle': { whiteSpace: 'normal', lineHeight: 1.3 } }}
      />
      <MemberDialog open={editing !== null} existing={shownEditing} onClose={() => setEditing(null)} />
      <MoveMemberDialog member={moving === null ? null : shownMoving} onClose={() => setMoving(null)} />
      <EndMemberDialog member={ending === null ? null : shownEnding} onClose={() => setEnding(null)} />
      <ConfirmDialog title={t('party.members.deleteTitle', { name: remove.shown?.personName ?? '' })} confirmLabel={t('common.delete')} danger {...remove.dialog}>
        {t('party.members.deleteText')}
      </ConfirmDialog>
    </>
  );
}
