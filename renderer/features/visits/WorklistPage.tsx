/**
 * 我的走访: the open visits of the persons a worker is responsible for, overdue first, then due, then
 * upcoming; counts per status as cards that filter; grid, reason and date filters; staff pick any
 * worker (or the whole office, or persons nobody is responsible for). Below, the open service
 * requests of the same persons.
 */
import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import PrintIcon from '@mui/icons-material/Print';
import EditNoteIcon from '@mui/icons-material/EditNote';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../components/ExportButton';
import { OPEN_VISIT_STATUSES, VISIT_REASONS, type OpenVisitStatus, type WorklistRow } from '../../../shared/schemas/visits';
import type { ChannelInput } from '../../../shared/contract';
import { DateTextField } from '../../components/DateTextField';
import { FILTER_FIELD, FilterSelect, ListPage } from '../../components/ListPage';
import { useListFilters } from '../../components/useUrlFilters';
import { ServerDataGrid } from '../../components/ServerDataGrid';
import type { KindColumn } from '../../components/gridColumns';
import { request } from '../../rpc';
import { useSession } from '../../state';
import { valueLabel } from '../../components/labels';
import { responsibleUsers } from '../../components/UserSelect';
import { PrintListDialog, type VisitListDefaults } from '../lists';
import { careKeys } from '../../components/queryKeys';
import { FLAG_COLOURS, label, REQUEST_STATUS_COLOURS, VISIT_STATUS_COLOURS as STATUS_COLOURS } from '../../components/labels';
import { useCanVisit, useSeesOthers } from '../../components/access';
import { useContactUsers, useGrids } from '../../components/lookups';
import { OfficeFilter, useCountyOffices } from '../reports';

const DEFAULT_STATUSES: OpenVisitStatus[] = ['overdue', 'due', 'upcoming'];
const CARD_ORDER = ['overdue', 'due', 'upcoming', 'done', 'missed'] as const;
type CardId = (typeof CARD_ORDER)[number];

const CARD_TONES: Record<CardId, string> = {
  overdue: '#c62828',
  due: '#e65100',
  upcoming: '#1d5aa6',
  done: '#2e7d32',
  missed: '#616161',
};

function CountCard({ id, count, active, onClick }: { id: CardId; count: number; active: boolean; onClick?: () => void }) {
  const { t } = useTranslation();
  const tone = CARD_TONES[id];
  const body = (
    <Box sx={{ p: 1.5, textAlign: 'left', width: '100%' }}>
      <Typography sx={{ color: tone, fontWeight: 600 }}>{t(`visits.cards.${id}`)}</Typography>
      <Typography sx={{ fontSize: '2rem', fontWeight: 700, lineHeight: 1.2, color: count > 0 ? tone : 'text.disabled', fontVariantNumeric: 'tabular-nums' }}>{count}</Typography>
      <Typography variant="body2" color="text.secondary">
        {t(`visits.cardHints.${id}`)}
      </Typography>
    </Box>
  );
  return (
    <Paper
      variant="outlined"
      sx={{ borderColor: active ? tone : undefined, borderWidth: active ? 2 : 1, borderLeft: `6px solid ${tone}`, overflow: 'hidden' }}
      data-testid={`count-${id}`}
    >
      {onClick ? (
        <ButtonBase onClick={onClick} sx={{ width: '100%', display: 'block' }} aria-pressed={active} aria-label={t('visits.cardLabel', { label: t(`visits.cards.${id}`), count })}>
          {body}
        </ButtonBase>
      ) : (
        body
      )}
    </Paper>
  );
}

export function WorklistPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSession();
  const canVisit = useCanVisit();
  const seesOthers = useSeesOthers();
  const users = useContactUsers();
  const grids = useGrids();
  const { params: sp, setFilter: set, page, setPage, paging } = useListFilters({}, 50);
  const who = sp.get('who') ?? '';
  const gridId = sp.get('grid') ?? '';
  const reason = sp.get('reason') ?? '';
  const from = sp.get('from') ?? '';
  const to = sp.get('to') ?? '';
  const status = sp.get('status') ?? '';
  const county = useCountyOffices();
  const office = county ? (sp.get('office') ?? '') : '';
  const [printing, setPrinting] = useState(false);
  const clear = () => ['who', 'grid', 'reason', 'from', 'to', 'status', 'office'].forEach((key) => set(key, ''));

  const statuses: OpenVisitStatus[] = (OPEN_VISIT_STATUSES as readonly string[]).includes(status) ? [status as OpenVisitStatus] : DEFAULT_STATUSES;
  const scope = who === 'all' || who === 'unassigned' ? who : 'user';
  const query: ChannelInput<'visits.worklist'> = {
    scope,
    userId: scope === 'user' && who !== '' && seesOthers ? who : undefined,
    gridId: gridId || undefined,
    office: office || undefined,
    reason: (reason || undefined) as WorklistRow['reason'] | undefined,
    from: from || undefined,
    to: to || undefined,
    statuses,
    ...paging,
  };
  const list = useQuery({ queryKey: careKeys.worklist(query), queryFn: () => request('visits.worklist', query), placeholderData: keepPreviousData });
  const counts = list.data?.counts;

  const columns: KindColumn<WorklistRow>[] = [
    {
      field: 'status',
      kind: 'chip',
      headerName: t('visits.status'),
      width: 84,
      renderCell: ({ row }) => <Chip size="small" color={STATUS_COLOURS[row.status]} variant={row.status === 'upcoming' ? 'outlined' : 'filled'} label={label('visitStatus', row.status)} />,
    },
    {
      field: 'personName',
      kind: 'name',
      headerName: t('persons.fields.name'),
      width: 96,
      renderCell: ({ row }) => (
        <Box>
          <Link component={RouterLink} to={`/persons/${row.personId}?tab=care`} sx={{ fontWeight: 600, display: 'block' }} onClick={(e) => e.stopPropagation()}>
            {row.personName}
          </Link>
          <Typography variant="body2" color="text.secondary" component="span">
            {valueLabel('gender', row.gender)} · {t('persons.detail.age', { age: row.age })}
          </Typography>
        </Box>
      ),
    },
    { field: 'gridName', kind: 'short', headerName: t('persons.fields.grid'), width: 86, valueFormatter: (v: string | null) => v ?? '' },
    { field: 'address', kind: 'address', headerName: t('persons.fields.address'), flex: 1, minWidth: 150 },
    { field: 'phones', kind: 'phone', headerName: t('persons.fields.phones'), width: 116, valueFormatter: (v: string[]) => v[0] ?? '' },
    {
      field: 'flags',
      kind: 'chip',
      headerName: t('visits.flags'),
      width: 104,
      renderCell: ({ row }) => (
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
          {row.flags.map((f) => (
            <Chip key={f} size="small" variant="outlined" color={FLAG_COLOURS[f]} label={label('riskFlag', f)} />
          ))}
        </Box>
      ),
    },
    { field: 'reason', kind: 'text', headerName: t('visits.reason'), width: 96, valueFormatter: (v: string) => label('visitReason', v) },
    { field: 'dueDate', kind: 'date', headerName: t('visits.dueDate'), width: 100 },
    { field: 'lastVisitDate', kind: 'date', headerName: t('visits.lastVisit'), width: 100, valueFormatter: (v: string | null) => v ?? t('visits.never') },
  ];
  if (county) columns.unshift({ field: 'originOffice', kind: 'text', headerName: t('persons.fields.originOffice'), width: 130, valueFormatter: (v: string) => county.names.get(v) ?? v });
  if (canVisit) {
    columns.push({
      field: 'actions',
      kind: 'actions',
      headerName: t('grids.actions'),
      width: 110,
      renderCell: ({ row }) => (
        <Button
          size="small"
          variant="outlined"
          startIcon={<EditNoteIcon />}
          onClick={(e) => {
            e.stopPropagation();
            void navigate(`/visits/record/${row.personId}?visit=${row.id}`);
          }}
        >
          {t('visits.record')}
        </Button>
      ),
    });
  }

  const small = { margin: 'none', size: 'small', fullWidth: false } as const;
  const printDefaults: VisitListDefaults = {
    userId: scope === 'user' ? (who || user.id) : undefined,
    gridId: gridId || undefined,
    from: from || undefined,
    to: to || undefined,
  };
  const whoseName = who === '' ? null : (users.data ?? []).find((u) => u.id === who)?.displayName;

  return (
    <ListPage
      title={who === 'all' ? t(county ? 'visits.titleAllCounty' : 'visits.titleAll') : who === 'unassigned' ? t('visits.titleUnassigned') : whoseName ? t('visits.titleOf', { name: whoseName }) : t('visits.title')}
      intro={list.data ? t('visits.intro', { today: list.data.today }) : undefined}
      actions={
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          <ExportButton channel="reports.exportWorklist" input={{ scope: query.scope, userId: query.userId, gridId: query.gridId, office: query.office, reason: query.reason, from: query.from, to: query.to, statuses: query.statuses }} disabled={list.data?.total === 0} />
          {canVisit ? (
            <>
              <Button variant="contained" startIcon={<PrintIcon />} onClick={() => setPrinting(true)}>
                {t('visits.printList')}
              </Button>
              <Button variant="outlined" startIcon={<EditNoteIcon />} component={RouterLink} to="/visits/lists">
                {t('visits.enterResults')}
              </Button>
            </>
          ) : null}
        </Box>
      }
      // The counts per status filter as well: they come before the bar.
      ownBar={
        <>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'repeat(2, 1fr)', sm: 'repeat(3, 1fr)', lg: 'repeat(5, 1fr)' }, gap: 1.5, mb: 2 }}>
            {CARD_ORDER.map((id) => (
              <CountCard
                key={id}
                id={id}
                count={counts?.[id] ?? 0}
                active={status === id}
                onClick={id === 'done' ? undefined : () => set('status', status === id ? '' : id)}
              />
            ))}
          </Box>

          <Paper variant="outlined" sx={{ p: 2, mb: 2, display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
            {seesOthers ? (
              <TextField select label={t('visits.whose')} value={who} onChange={(e) => set('who', e.target.value)} {...FILTER_FIELD} sx={{ minWidth: 200 }}>
                <MenuItem value="">{t('visits.mine')}</MenuItem>
                <MenuItem value="all">{t(county ? 'visits.everyoneCounty' : 'visits.everyone')}</MenuItem>
                <MenuItem value="unassigned">{t('visits.nobodys')}</MenuItem>
                {responsibleUsers(users.data)
                  .filter((u) => u.id !== user.id)
                  .map((u) => (
                    <MenuItem key={u.id} value={u.id}>
                      {t('visits.workerOption', { name: u.displayName, count: u.primaryCount })}
                    </MenuItem>
                  ))}
              </TextField>
            ) : null}
            <OfficeFilter county={county} value={office} onChange={(v) => set('office', v)} />
            <FilterSelect
              label={t('persons.fields.grid')}
              value={gridId}
              onChange={(v) => set('grid', v)}
              anyLabel={t('persons.filters.any')}
              options={(grids.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
              sx={{ width: 150 }}
            />
            <FilterSelect
              label={t('visits.reason')}
              value={reason}
              onChange={(v) => set('reason', v)}
              anyLabel={t('persons.filters.any')}
              options={VISIT_REASONS.map((r) => ({ value: r, label: label('visitReason', r) }))}
              sx={{ width: 150 }}
            />
            <DateTextField filter label={t('visits.dueFrom')} value={from} onChange={(d) => set('from', d)} {...small} sx={{ width: 175 }} />
            <DateTextField filter label={t('visits.dueTo')} value={to} onChange={(d) => set('to', d)} {...small} sx={{ width: 175 }} />
            {who || gridId || reason || from || to || status || office ? (
              <Button onClick={clear}>{t('persons.filters.clear')}</Button>
            ) : null}
          </Paper>
        </>
      }
      error={list.error}
      grid={
        <ServerDataGrid
          heading={
            <Typography sx={{ px: 2, pt: 1.5, fontWeight: 500 }} aria-live="polite">
              {list.data ? t('visits.count', { count: list.data.total }) : ''}
            </Typography>
          }
          data={list.data}
          columns={columns}
          loading={list.isFetching}
          page={page}
          onPageChange={setPage}
          onRowClick={canVisit ? ({ row }) => void navigate(`/visits/record/${row.personId}?visit=${row.id}`) : undefined}
          // A grid worker with an empty list may simply have no one assigned yet: say who can change that.
          emptyLabel={t(seesOthers ? 'visits.empty' : 'visits.emptyMine')}
          label={t('visits.title')}
          // Ten columns in a narrow window: denser cells.
          dense
          sx={{ '& .MuiDataGrid-cell': { py: 0.75, display: 'flex', alignItems: 'center' } }}
        />
      }
    >
      {list.data && list.data.requests.length > 0 ? (
        <Paper variant="outlined" sx={{ mt: 2, p: 2 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
            <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
              {t('visits.openRequests', { count: list.data.requests.length })}
            </Typography>
            <Button component={RouterLink} to="/visits/requests">
              {t('visits.allRequests')}
            </Button>
          </Box>
          <Table size="small" aria-label={t('visits.openRequests', { count: list.data.requests.length })}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 110 }}>{t('requests.raisedOn')}</TableCell>
                <TableCell sx={{ width: 100 }}>{t('persons.fields.name')}</TableCell>
                <TableCell sx={{ width: 100 }}>{t('requests.category')}</TableCell>
                <TableCell>{t('requests.description')}</TableCell>
                <TableCell sx={{ width: 110 }}>{t('requests.assignee')}</TableCell>
                <TableCell sx={{ width: 90 }}>{t('requests.status')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.data.requests.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>{r.raisedOn}</TableCell>
                  <TableCell>
                    <Link component={RouterLink} to={`/persons/${r.personId}?tab=care`}>
                      {r.personName}
                    </Link>
                  </TableCell>
                  <TableCell>{label('requestCategory', r.category)}</TableCell>
                  <TableCell>{r.description}</TableCell>
                  <TableCell>{r.assignedToName ?? t('requests.unassigned')}</TableCell>
                  <TableCell>
                    <Chip size="small" color={REQUEST_STATUS_COLOURS[r.status]} label={label('requestStatus', r.status)} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      ) : null}
      <PrintListDialog open={printing} defaults={printDefaults} onClose={() => setPrinting(false)} />
    </ListPage>
  );
}
