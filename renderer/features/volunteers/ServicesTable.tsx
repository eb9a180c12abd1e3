/**
 * Service records as a paged table: date, who, team, hours, what was done; staff change or delete
 * one (deleting asks first). Used by the records tab, a team's page and a volunteer's page.
 */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { ServiceRow } from '../../../shared/schemas/volunteers';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { ServerDataGrid } from '../../components/ServerDataGrid';
import { useSticky } from '../../components/useSticky';
import { request } from '../../rpc';
import { useWrite } from '../../components/useWrite';
import { useCanWrite } from '../../components/access';
import { ServiceDialog } from './ServiceDialog';
import { hoursLabel, volunteerKeys } from './common';
import type { KindColumn } from '../../components/gridColumns';
import { useCountyOffices } from '../reports';

export interface ServiceFilter {
  from?: string | undefined;
  to?: string | undefined;
  teamId?: string | undefined;
  volunteerId?: string | undefined;
  /** At the county bureau: one office's records. */
  office?: string | undefined;
}

/** `paused`: the filter cannot be asked as it stands (a range that ends before it starts): keep showing the last answer. */
export function ServicesTable({
  filter,
  hide = [],
  emptyLabel,
  paused = false,
}: {
  filter: ServiceFilter;
  hide?: readonly ('volunteer' | 'team')[];
  emptyLabel?: string;
  paused?: boolean;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const canWrite = useCanWrite();
  const county = useCountyOffices();
  const [page, setPage] = useState({ page: 0, pageSize: 25 });
  const [editing, setEditing] = useState<ServiceRow | null>(null);
  const [deleting, setDeleting] = useState<ServiceRow | null>(null);
  const shownEditing = useSticky(editing);
  const shownDeleting = useSticky(deleting);
  const query = { ...filter, limit: page.pageSize, offset: page.page * page.pageSize };
  const list = useQuery({ queryKey: volunteerKeys.services(query), queryFn: () => request('volunteers.services', query), placeholderData: keepPreviousData, enabled: !paused });
  const remove = useWrite({
    write: (id: string) => request('volunteers.deleteService', { id }),
    invalidates: [volunteerKeys.all],
    onSuccess: () => {
      notify(t('volunteers.services.deleted'));
      setDeleting(null);
    },
  });

  const columns: KindColumn<ServiceRow>[] = [{ field: 'date', kind: 'date', headerName: t('volunteers.services.date'), width: 110 }];
  // At the bureau, whose record it is (as the other bureau lists show); a team's or a volunteer's records are one office's.
  if (county && hide.length === 0) columns.unshift({ field: 'originOffice', kind: 'text', headerName: t('persons.fields.originOffice'), width: 130, valueFormatter: (v: string) => county.names.get(v) ?? v });
  if (!hide.includes('volunteer')) {
    columns.push({
      field: 'volunteerName',
      kind: 'name',
      headerName: t('volunteers.services.volunteer'),
      width: 150,
      renderCell: ({ row }) => (
        <Link component={RouterLink} to={`/volunteers/people/${row.volunteerId}`} sx={{ fontWeight: 600 }}>
          {row.volunteerName}
        </Link>
      ),
    });
  }
  if (!hide.includes('team')) {
    columns.push({
      field: 'teamName',
      kind: 'text',
      headerName: t('volunteers.services.team'),
      width: 170,
      renderCell: ({ row }) =>
        row.teamName === null ? (
          <Typography variant="body2" color="text.secondary">
            {t('volunteers.services.noTeam')}
          </Typography>
        ) : row.teamDeleted ? (
          <Typography variant="body2" color="text.secondary">
            {t('volunteers.services.teamDeleted', { name: row.teamName })}
          </Typography>
        ) : (
          <Link component={RouterLink} to={`/volunteers/teams/${row.teamId ?? ''}`}>
            {row.teamName}
          </Link>
        ),
    });
  }
  columns.push(
    { field: 'minutes', kind: 'number', headerName: t('volunteers.services.hoursShort'), width: 100, valueFormatter: (v: number) => hoursLabel(v) },
    { field: 'description', kind: 'long', headerName: t('volunteers.services.description'), flex: 1, minWidth: 220 },
  );
  if (canWrite) {
    columns.push({
      field: 'actions',
      kind: 'actions',
      headerName: t('volunteers.actions'),
      width: 150,
      renderCell: ({ row }) => (
        <Box sx={{ display: 'flex', gap: 0.5 }}>
          <Button size="small" onClick={() => setEditing(row)}>
            {t('volunteers.edit')}
          </Button>
          <Button size="small" color="error" onClick={() => setDeleting(row)}>
            {t('volunteers.delete')}
          </Button>
        </Box>
      ),
    });
  }

  return (
    <Box>
      <ErrorAlert error={list.error} sx={{ mb: 2 }} />
      {list.data && list.data.total > 0 ? (
        <Box sx={{ mb: 1, display: 'flex', gap: 1, alignItems: 'center' }}>
          <Chip color="primary" variant="outlined" label={t('volunteers.services.totals', { count: list.data.total, hours: hoursLabel(list.data.totalMinutes) })} />
        </Box>
      ) : null}
      <ServerDataGrid
        data={list.data}
        columns={columns}
        loading={list.isFetching}
        page={page}
        onPageChange={setPage}
        label={t('volunteers.tabs.services')}
        emptyLabel={emptyLabel ?? t('volunteers.services.empty')}
      />
      <ServiceDialog open={editing !== null} service={shownEditing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title={t('volunteers.services.deleteTitle')}
        confirmLabel={t('volunteers.delete')}
        danger
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => shownDeleting && remove.mutate(shownDeleting.id)}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        <Typography>
          {shownDeleting
            ? t('volunteers.services.deleteBody', { name: shownDeleting.volunteerName, date: shownDeleting.date, hours: hoursLabel(shownDeleting.minutes), description: shownDeleting.description })
            : ''}
        </Typography>
      </ConfirmDialog>
    </Box>
  );
}
