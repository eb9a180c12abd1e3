/**
 * 原工作单位: the units the community's retirees came from, with their retiree-work department and
 * contacts and how many of the registry's persons are linked to each; search by name, department or
 * contact, filter by level. Staff add units and match the units typed in the registry to them.
 */
import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import LinkIcon from '@mui/icons-material/Link';
import { useTranslation } from 'react-i18next';
import { UNIT_LEVELS, type Unit, type UnitLevel } from '../../../shared/schemas/units';
import { CreateButton, FilterSelect, ListPage } from '../../components/ListPage';
import { SearchField } from '../../components/SearchField';
import { useListFilters } from '../../components/useUrlFilters';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { valueLabel } from '../../components/labels';
import { unitKeys } from './common';
import { UnitDialog } from './UnitDialog';
import type { KindColumn } from '../../components/gridColumns';

export function UnitListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const { params: sp, setFilter, page, setPage, paging } = useListFilters({}, 50);
  const search = sp.get('q') ?? '';
  const level = (sp.get('level') ?? '') as UnitLevel | '';
  const [creating, setCreating] = useState(false);

  const query = { search, level: level || undefined, ...paging };
  const list = useQuery({ queryKey: unitKeys.list(query), queryFn: () => request('units.list', query), placeholderData: keepPreviousData });
  const filtered = search !== '' || level !== '';

  const columns: KindColumn<Unit>[] = [
    {
      field: 'name',
      kind: 'text',
      headerName: t('units.fields.name'),
      flex: 1.4,
      minWidth: 200,
      renderCell: ({ row }) => (
        <Link component={RouterLink} to={`/units/${row.id}`} sx={{ fontWeight: 600 }} onClick={(e) => e.stopPropagation()}>
          {row.name}
        </Link>
      ),
    },
    { field: 'level', kind: 'short', headerName: t('units.fields.level'), width: 80, valueFormatter: (v: string) => valueLabel('unitLevel', v) },
    { field: 'retireeDepartment', kind: 'text', headerName: t('units.fields.retireeDepartment'), flex: 1, minWidth: 140 },
    { field: 'contactPerson', kind: 'name', headerName: t('units.fields.contactPerson'), width: 100 },
    { field: 'contactPhone', kind: 'phone', headerName: t('units.fields.contactPhone'), width: 140 },
    {
      field: 'activeCount',
      kind: 'number',
      headerName: t('units.retirees'),
      width: 120,
      valueGetter: (_v, row) => row.activeCount,
      valueFormatter: (_v, row) => (row.personCount === row.activeCount ? t('units.personCount', { count: row.activeCount }) : t('units.personCountWithGone', { count: row.activeCount, all: row.personCount })),
    },
  ];

  return (
    <ListPage
      title={t('units.title')}
      intro={t('units.intro')}
      maxWidth={1400}
      actions={
        canWrite ? (
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', justifyContent: 'flex-end' }}>
            <CreateButton label={t('units.create')} onClick={() => setCreating(true)} />
            <Button variant="outlined" startIcon={<LinkIcon />} component={RouterLink} to="/units/match">
              {t('units.match.open')}
            </Button>
          </Box>
        ) : null
      }
      filters={
        <>
          <SearchField
            icon
            label={t('units.search')}
            placeholder={t('units.searchPlaceholder')}
            value={search}
            onCommit={(q) => setFilter('q', q)}
            sx={{ flex: '1 1 320px' }}
          />
          <FilterSelect
            label={t('units.fields.level')}
            value={level}
            onChange={(v) => setFilter('level', v)}
            anyLabel={t('persons.filters.any')}
            options={UNIT_LEVELS.map((l) => ({ value: l, label: valueLabel('unitLevel', l) }))}
            sx={{ width: 160 }}
          />
        </>
      }
      error={list.error}
      grid={{
        data: list.data,
        columns,
        loading: list.isFetching,
        page,
        onPageChange: setPage,
        onRowClick: ({ row }) => void navigate(`/units/${row.id}`),
        autoRowHeight: false,
        label: t('units.title'),
        emptyLabel: filtered ? t('units.noMatch') : canWrite ? t('units.emptyWrite') : t('units.empty'),
      }}
    >
      <UnitDialog open={creating} unit={null} onClose={() => setCreating(false)} onCreated={(id) => void navigate(`/units/${id}`)} />
    </ListPage>
  );
}
