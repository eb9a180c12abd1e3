/**
 * One grid (/grids/:id): who works it, the addresses in it, its persons, and those of them nobody is
 * responsible for yet; the one-step actions (assign the unassigned, change the worker, place by
 * address, service cards for the whole grid).
 */
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import EditIcon from '@mui/icons-material/Edit';
import GroupAddIcon from '@mui/icons-material/GroupAdd';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import PlaceIcon from '@mui/icons-material/Place';
import CardMembershipIcon from '@mui/icons-material/CardMembership';
import DeleteIcon from '@mui/icons-material/Delete';
import { useTranslation } from 'react-i18next';
import type { PersonRow } from '../../../shared/schemas/persons';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { BackButton, DetailFallback } from '../../components/DetailFallback';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { ServerDataGrid } from '../../components/ServerDataGrid';
import { request } from '../../rpc';
import { usePrintLauncher } from '../../print/usePrintLauncher';
import { valueLabel } from '../../components/labels';
import { CARE_KEYS, careKeys } from '../../components/queryKeys';
import { useWrite } from '../../components/useWrite';
import { useCanWrite, useCanVisit, useSeesOthers } from '../../components/access';
import { withPhone } from '../../components/labels';
import { AssignDialog, type AssignTarget } from './AssignDialog';
import { AssignGridDialog, ReassignWorkerDialog } from './GridActionDialogs';
import { GridDialog } from './GridDialog';
import { UnassignedTable } from './UnassignedTable';
import type { KindColumn } from '../../components/gridColumns';

export function GridDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const canManage = useCanWrite();
  const canVisit = useCanVisit();
  const seesOthers = useSeesOthers();
  const printer = usePrintLauncher();
  const grid = useQuery({ queryKey: careKeys.grid(id), queryFn: () => request('grids.get', { id }) });
  const [page, setPage] = useState({ page: 0, pageSize: 25 });
  const name = grid.data?.name;
  const persons = useQuery({
    queryKey: ['persons', 'list', { grid: name, ...page }],
    // In walking order: by address.
    queryFn: () => request('persons.list', { grid: name ?? '', sort: 'address', limit: page.pageSize, offset: page.page * page.pageSize }),
    enabled: name !== undefined,
    placeholderData: keepPreviousData,
  });
  const [editing, setEditing] = useState(false);
  const [assigningGrid, setAssigningGrid] = useState(false);
  const [reassigning, setReassigning] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [assign, setAssign] = useState<AssignTarget | null>(null);

  const place = useWrite({
    write: () => request('grids.placeByAddress', { gridId: id }),
    invalidates: CARE_KEYS,
    onSuccess: ({ placed }) => notify(placed > 0 ? t('grids.placed', { count: placed }) : t('grids.placedNone'), placed > 0 ? 'success' : 'info'),
  });
  const cards = useWrite({
    write: () => request('lists.create', { kind: 'service_cards', gridId: id }),
    // The print window opens first, while the click still counts as the person's.
    onSuccess: async (list) => {
      printer.launch('service-cards', list.listNo);
      notify(t('lists.cardsCreated', { listNo: list.listNo, count: list.cards.length }));
      await queryClient.invalidateQueries({ queryKey: ['lists'] });
    },
  });
  const remove = useWrite({
    write: () => request('grids.delete', { id }),
    invalidates: CARE_KEYS,
    onSuccess: () => {
      notify(t('grids.deleted', { name: name ?? '' }));
      void navigate('/grids', { replace: true });
    },
  });

  const columns: KindColumn<PersonRow>[] = (
    [
    { field: 'name', kind: 'name', headerName: t('persons.fields.name'), width: 100, renderCell: ({ row }) => <Box component="span" sx={{ fontWeight: 600 }}>{row.name}</Box> },
    { field: 'gender', kind: 'short', headerName: t('persons.fields.gender'), width: 60, valueFormatter: (v: string) => valueLabel('gender', v) },
    { field: 'age', kind: 'number', headerName: t('persons.fields.age'), width: 60 },
    { field: 'address', kind: 'address', headerName: t('persons.fields.address'), flex: 1, minWidth: 180 },
    { field: 'phones', kind: 'phone', headerName: t('persons.fields.phones'), width: 130, valueFormatter: (v: string[]) => v.join('、') },
      { field: 'livingSituation', kind: 'text', headerName: t('persons.fields.livingSituation'), width: 130, valueFormatter: (v: string) => valueLabel('livingSituation', v) },
    ] satisfies KindColumn<PersonRow>[]
  ).map((c) => ({ ...c, sortable: false, filterable: false }));

  const back = <BackButton to="/grids" label={t('grids.backToList')} />;
  if (grid.error || !grid.data) return <DetailFallback back={back} error={grid.error} maxWidth={1300} />;
  const g = grid.data;
  return (
    <Box sx={{ maxWidth: 1300 }}>
      {back}
      <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 } }}>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <Box sx={{ flex: '1 1 360px' }}>
            <Typography variant="h4" component="h1" sx={{ fontWeight: 600 }}>
              {g.name}
            </Typography>
            {g.description ? <Typography sx={{ mt: 0.5 }}>{g.description}</Typography> : null}
            <Typography sx={{ mt: 1, fontSize: '1.1rem' }}>
              {t('grids.counts', { persons: g.personCount, unassigned: g.unassignedCount })}
            </Typography>
          </Box>
          {canManage ? (
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', justifyContent: 'flex-end', flex: '1 1 420px' }}>
              <Button variant="contained" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
                {t('grids.edit')}
              </Button>
              <Button variant="outlined" startIcon={<GroupAddIcon />} onClick={() => setAssigningGrid(true)} disabled={g.unassignedCount === 0 || g.workers.length === 0}>
                {t('grids.assignGrid')}
              </Button>
              <Button variant="outlined" startIcon={<SwapHorizIcon />} onClick={() => setReassigning(true)} disabled={g.workers.length === 0}>
                {t('grids.reassign')}
              </Button>
              <Button variant="outlined" startIcon={<PlaceIcon />} onClick={() => place.mutate()} disabled={place.isPending || g.places.length === 0}>
                {t('grids.placeHere')}
              </Button>
            </Box>
          ) : null}
        </Box>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2, mt: 2 }}>
          <Box>
            <Typography variant="body2" color="text.secondary">
              {t('grids.workers')}
            </Typography>
            <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', mt: 0.5 }}>
              {g.workers.length === 0 ? <Typography color="warning.main">{t('grids.noWorker')}</Typography> : null}
              {g.workers.map((w) => (
                <Chip key={w.userId} color="primary" variant="outlined" label={withPhone(w.name, w.phone)} />
              ))}
            </Box>
          </Box>
          <Box>
            <Typography variant="body2" color="text.secondary">
              {t('grids.places')}
            </Typography>
            <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', mt: 0.5 }}>
              {g.places.length === 0 ? <Typography color="text.secondary">{t('grids.noPlaces')}</Typography> : null}
              {g.places.map((p) => (
                <Chip key={p} variant="outlined" label={p} />
              ))}
            </Box>
          </Box>
        </Box>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 2 }}>
          {canVisit ? (
            <Button startIcon={<CardMembershipIcon />} onClick={() => cards.mutate()} disabled={cards.isPending || g.personCount === 0}>
              {t('grids.printCards')}
            </Button>
          ) : null}
          {canManage ? (
            <Button color="error" startIcon={<DeleteIcon />} onClick={() => setDeleting(true)}>
              {t('grids.delete')}
            </Button>
          ) : null}
        </Box>
        {printer.notice}
        <ErrorAlert error={place.error ?? cards.error} sx={{ mt: 1 }} />
      </Paper>

      {seesOthers && g.unassignedCount > 0 ? (
        <Paper variant="outlined" sx={{ mt: 2, p: { xs: 2, md: 3 } }}>
          <Typography variant="h6" component="h2">
            {t('grids.unassignedTitle', { count: g.unassignedCount })}
          </Typography>
          <UnassignedTable gridId={g.id} onAssign={canManage ? setAssign : undefined} />
        </Paper>
      ) : null}

      <Paper variant="outlined" sx={{ mt: 2 }}>
        <Typography variant="h6" component="h2" sx={{ px: 2, pt: 2 }}>
          {t(persons.data?.capped ? 'grids.personsTitleCapped' : 'grids.personsTitle', { count: persons.data?.total ?? g.personCount })}
        </Typography>
        <ErrorAlert error={persons.error} sx={{ m: 2 }} />
        <ServerDataGrid
          bare
          data={persons.data}
          columns={columns}
          loading={persons.isFetching}
          page={page}
          onPageChange={setPage}
          autoRowHeight={false}
          onRowClick={({ row }) => void navigate(`/persons/${row.id}`)}
          emptyLabel={t('grids.noPersons')}
          label={t(persons.data?.capped ? 'grids.personsTitleCapped' : 'grids.personsTitle', { count: persons.data?.total ?? 0 })}
        />
      </Paper>

      <GridDialog open={editing} grid={g} onClose={() => setEditing(false)} />
      <AssignGridDialog grid={g} open={assigningGrid} onClose={() => setAssigningGrid(false)} />
      <ReassignWorkerDialog grid={g} open={reassigning} onClose={() => setReassigning(false)} />
      <AssignDialog target={assign} onClose={() => setAssign(null)} />
      <ConfirmDialog
        open={deleting}
        title={t('grids.deleteTitle', { name: g.name })}
        confirmLabel={t('grids.deleteConfirm')}
        danger
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onCancel={() => {
          setDeleting(false);
          remove.reset();
        }}
      >
        <Typography>{t('grids.deleteBody', { count: g.personCount })}</Typography>
      </ConfirmDialog>
    </Box>
  );
}
