/**
 * 原工作单位: the units the community's retirees came from, with their retiree-work department and
 * contacts and how many of the registry's persons are linked to each; search by name, department or
 * contact, filter by level. Staff add units and match the units typed in the registry to them.
 */
import { useUrlFilters } from '../../components/useUrlFilters';
import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { GridColDef } from '@mui/x-data-grid';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import InputAdornment from '@mui/material/InputAdornment';
import AddIcon from '@mui/icons-material/Add';
import LinkIcon from '@mui/icons-material/Link';
import SearchIcon from '@mui/icons-material/Search';
import { useTranslation } from 'react-i18next';
import { UNIT_LEVELS, type Unit, type UnitLevel } from '../../../shared/schemas/units';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { ServerDataGrid } from '../../components/ServerDataGrid';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { valueLabel } from '../../components/labels';
import { unitKeys } from './common';
import { UnitDialog } from './UnitDialog';

export function UnitListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const [sp, setUrlFilter] = useUrlFilters();
  const search = sp.get('q') ?? '';
  const level = (sp.get('level') ?? '') as UnitLevel | '';
  const [typed, setTyped] = useState(search);
  const [page, setPage] = useState({ page: 0, pageSize: 50 });
  const [creating, setCreating] = useState(false);
  const setParam = (key: string, value: string) => {
    setUrlFilter(key, value);
    setPage((p) => ({ ...p, page: 0 }));
  };

  const query = { search, level: level || undefined, limit: page.pageSize, offset: page.page * page.pageSize };
  const list = useQuery({ queryKey: unitKeys.list(query), queryFn: () => request('units.list', query), placeholderData: keepPreviousData });
  const filtered = search !== '' || level !== '';

  const columns: GridColDef<Unit>[] = [
    {
      field: 'name',
      headerName: t('units.fields.name'),
      flex: 1.4,
      minWidth: 200,
      renderCell: ({ row }) => (
        <Link component={RouterLink} to={`/units/${row.id}`} sx={{ fontWeight: 600 }} onClick={(e) => e.stopPropagation()}>
          {row.name}
        </Link>
      ),
    },
    { field: 'level', headerName: t('units.fields.level'), width: 80, valueFormatter: (v: string) => valueLabel('unitLevel', v) },
    { field: 'retireeDepartment', headerName: t('units.fields.retireeDepartment'), flex: 1, minWidth: 140 },
    { field: 'contactPerson', headerName: t('units.fields.contactPerson'), width: 100 },
    { field: 'contactPhone', headerName: t('units.fields.contactPhone'), width: 140 },
    {
      field: 'activeCount',
      headerName: t('units.retirees'),
      width: 120,
      valueGetter: (_v, row) => row.activeCount,
      valueFormatter: (_v, row) => (row.personCount === row.activeCount ? t('units.personCount', { count: row.activeCount }) : t('units.personCountWithGone', { count: row.activeCount, all: row.personCount })),
    },
  ];

  return (
    <Box sx={{ maxWidth: 1400 }}>
      <PageHeader
        title={t('units.title')}
        intro={t('units.intro')}
        actions={
          canWrite ? (
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', justifyContent: 'flex-end' }}>
              <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
                {t('units.create')}
              </Button>
              <Button variant="outlined" startIcon={<LinkIcon />} component={RouterLink} to="/units/match">
                {t('units.match.open')}
              </Button>
            </Box>
          ) : null
        }
      />
      <Paper variant="outlined" sx={{ p: 2, mb: 2, display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
        <Box
          component="form"
          role="search"
          sx={{ flex: '1 1 320px', display: 'flex' }}
          onSubmit={(e) => {
            e.preventDefault();
            setParam('q', typed.trim());
          }}
        >
          <TextField
            margin="none"
            size="small"
            label={t('units.search')}
            placeholder={t('units.searchPlaceholder')}
            value={typed}
            onChange={(e) => {
              setTyped(e.target.value);
              if (e.target.value === '') setParam('q', '');
            }}
            onBlur={() => setParam('q', typed.trim())}
            slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon /></InputAdornment> } }}
          />
        </Box>
        <TextField
          select
          margin="none"
          size="small"
          fullWidth={false}
          sx={{ width: 160 }}
          label={t('units.fields.level')}
          value={level}
          onChange={(e) => setParam('level', e.target.value)}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{t('persons.filters.any')}</MenuItem>
          {UNIT_LEVELS.map((l) => (
            <MenuItem key={l} value={l}>
              {valueLabel('unitLevel', l)}
            </MenuItem>
          ))}
        </TextField>
      </Paper>
      <ErrorAlert error={list.error} sx={{ mb: 2 }} />
      <ServerDataGrid
        data={list.data}
        columns={columns}
        loading={list.isFetching}
        page={page}
        onPageChange={setPage}
        onRowClick={({ row }) => void navigate(`/units/${row.id}`)}
        autoRowHeight={false}
        label={t('units.title')}
        emptyLabel={filtered ? t('units.noMatch') : canWrite ? t('units.emptyWrite') : t('units.empty')}
      />
      <UnitDialog open={creating} unit={null} onClose={() => setCreating(false)} onCreated={(id) => void navigate(`/units/${id}`)} />
    </Box>
  );
}
