/**
 * 志愿者: everyone who volunteers — retired officials of the registry and people from outside it —
 * found by name or pinyin, narrowed by team and kind, with their hours this year and in all.
 */
import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import { useTranslation } from 'react-i18next';
import { VOLUNTEER_KINDS, type VolunteerKind, type VolunteerRow } from '../../../shared/schemas/volunteers';
import { CreateButton, FILTER_FIELD, FilterSelect, ListPage } from '../../components/ListPage';
import { SearchField } from '../../components/SearchField';
import { ExportButton } from '../../components/ExportButton';
import { useListFilters } from '../../components/useUrlFilters';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { VolunteerDialog } from './VolunteerDialog';
import { KIND_COLOURS, hoursLabel, useThisYear, volunteerKeys, volunteerKindLabel } from './common';
import { TeamFilter } from './TeamFilter';
import type { KindColumn } from '../../components/gridColumns';
import { OfficeFilter, useCountyOffices } from '../reports';

const filterSx = { width: 170 } as const;

export function VolunteersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const { year, known } = useThisYear();
  const { params: sp, setFilter, page, setPage, paging } = useListFilters();
  const q = sp.get('q') ?? '';
  const teamId = sp.get('team') ?? '';
  const kind = sp.get('kind') ?? '';
  const county = useCountyOffices();
  const office = county ? (sp.get('office') ?? '') : '';
  const [creating, setCreating] = useState(false);

  const query = {
    q: q.trim() || undefined,
    teamId: teamId || undefined,
    kind: (kind || undefined) as VolunteerKind | undefined,
    year,
    office: office || undefined,
    ...paging,
  };
  const list = useQuery({ queryKey: volunteerKeys.list(query), queryFn: () => request('volunteers.list', query), placeholderData: keepPreviousData, enabled: known });
  const filtered = q !== '' || teamId !== '' || kind !== '' || office !== '';

  const columns: KindColumn<VolunteerRow>[] = [
    {
      field: 'name',
      kind: 'name',
      headerName: t('volunteers.people.name'),
      width: 180,
      renderCell: ({ row }) => (
        <Link component={RouterLink} to={`/volunteers/people/${row.id}`} sx={{ fontWeight: 600 }}>
          {row.name}
        </Link>
      ),
    },
    {
      field: 'kind',
      kind: 'chip',
      headerName: t('volunteers.people.kind'),
      width: 130,
      renderCell: ({ row }) => <Chip size="small" variant="outlined" color={KIND_COLOURS[row.kind]} label={volunteerKindLabel(row.kind)} />,
    },
    { field: 'phone', kind: 'phone', headerName: t('volunteers.people.phone'), width: 130 },
    { field: 'organisation', kind: 'text', headerName: t('volunteers.people.organisation'), width: 170 },
    {
      field: 'teams',
      kind: 'text',
      headerName: t('volunteers.people.teams'),
      flex: 1,
      minWidth: 200,
      renderCell: ({ row }) => (
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
          {row.teams.map((name) => (
            <Chip key={name} size="small" label={name} />
          ))}
        </Box>
      ),
    },
    { field: 'minutesYear', kind: 'number', headerName: t('volunteers.people.hoursYear', { year }), width: 150, align: 'right', headerAlign: 'right', valueFormatter: (v: number) => hoursLabel(v) },
    { field: 'minutesTotal', kind: 'number', headerName: t('volunteers.people.hoursTotal'), width: 120, align: 'right', headerAlign: 'right', valueFormatter: (v: number) => hoursLabel(v) },
  ];
  if (county) columns.unshift({ field: 'originOffice', kind: 'text', headerName: t('persons.fields.originOffice'), width: 130, valueFormatter: (v: string) => county.names.get(v) ?? v });

  return (
    <ListPage
      filters={
        <>
          <OfficeFilter county={county} value={office} onChange={(v) => setFilter('office', v)} width={filterSx.width} />
          <SearchField live icon="small" label={t('volunteers.people.search')} placeholder={t('volunteers.people.searchPlaceholder')} value={q} onCommit={(v) => setFilter('q', v)} {...FILTER_FIELD} sx={{ width: 260 }} />
          <TeamFilter value={teamId} onChange={(v) => setFilter('team', v)} width={filterSx.width} />
          <FilterSelect
            label={t('volunteers.people.kind')}
            value={kind}
            onChange={(v) => setFilter('kind', v)}
            anyLabel={t('volunteers.any')}
            options={VOLUNTEER_KINDS.map((k) => ({ value: k, label: volunteerKindLabel(k) }))}
            sx={filterSx}
          />
        </>
      }
      barEnd={
        <>
          <ExportButton channel="reports.exportVolunteers" input={{ q: query.q, teamId: query.teamId, kind: query.kind, year, office: query.office }} disabled={!known || list.data?.total === 0} />
          {canWrite ? <CreateButton label={t('volunteers.people.create')} onClick={() => setCreating(true)} /> : null}
        </>
      }
      error={list.error}
      grid={{
        data: list.data,
        columns,
        loading: list.isFetching,
        page,
        onPageChange: setPage,
        label: t('volunteers.tabs.people'),
        emptyLabel: filtered ? t('volunteers.people.noneFound') : canWrite ? t('volunteers.people.emptyWrite') : t('volunteers.people.empty'),
      }}
    >
      <VolunteerDialog open={creating} volunteer={null} onClose={() => setCreating(false)} onCreated={(id) => void navigate(`/volunteers/people/${id}`)} />
    </ListPage>
  );
}
