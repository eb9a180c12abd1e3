/** 无负责联系人: active persons nobody is responsible for, by grid, with assignment one by one or per grid. */
import { useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import GroupAddIcon from '@mui/icons-material/GroupAdd';
import { useTranslation } from 'react-i18next';
import { FILTER_FIELD, ListPage } from '../../components/ListPage';
import { useCanWrite } from '../../components/access';
import { useGrids } from '../../components/lookups';
import { AssignDialog, type AssignTarget } from './AssignDialog';
import { AssignGridDialog } from './GridActionDialogs';
import { UnassignedTable } from './UnassignedTable';
import { OfficeFilter, useCountyOffices } from '../reports';

const NO_GRID = '__none__';

export function UnassignedPage() {
  const { t } = useTranslation();
  const canManage = useCanWrite();
  const grids = useGrids();
  const [filter, setFilter] = useState('');
  const [assign, setAssign] = useState<AssignTarget | null>(null);
  const [assigningGrid, setAssigningGrid] = useState(false);
  // At the county bureau: one office's persons, and only that office's grids to choose from.
  const county = useCountyOffices();
  const [sp, setSp] = useSearchParams();
  const office = county ? (sp.get('office') ?? '') : '';
  const shownGrids = (grids.data ?? []).filter((g) => !office || g.originOffice === office);
  const grid = shownGrids.find((g) => g.id === filter) ?? null;
  const chooseOffice = (value: string) => {
    setFilter('');
    setSp(value ? { office: value } : {}, { replace: true });
  };

  return (
    <Box sx={{ maxWidth: 1300 }}>
      <Button component={RouterLink} to="/grids" startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
        {t('grids.backToList')}
      </Button>
      <ListPage
        title={t('grids.unassignedPage')}
        intro={t('grids.unassignedIntro')}
        filters={
          <>
            {county ? <OfficeFilter county={county} value={office} onChange={chooseOffice} /> : null}
            <TextField select label={t('persons.fields.grid')} value={filter} onChange={(e) => setFilter(e.target.value)} {...FILTER_FIELD} sx={{ width: 220 }}>
              <MenuItem value="">{t('persons.filters.any')}</MenuItem>
              <MenuItem value={NO_GRID}>{t('grids.noGrid')}</MenuItem>
              {shownGrids.map((g) => (
                <MenuItem key={g.id} value={g.id}>
                  {g.name}
                </MenuItem>
              ))}
            </TextField>
            {canManage && grid && grid.workers.length > 0 && grid.unassignedCount > 0 ? (
              <Button variant="contained" startIcon={<GroupAddIcon />} onClick={() => setAssigningGrid(true)}>
                {t('grids.assignGridShort', { count: grid.unassignedCount, name: grid.workers.map((w) => w.name).join('、') })}
              </Button>
            ) : null}
          </>
        }
        grid={
          <Paper variant="outlined">
            <UnassignedTable
              key={`${office}:${filter}`}
              gridId={filter && filter !== NO_GRID ? filter : undefined}
              ungridded={filter === NO_GRID}
              office={office || undefined}
              onAssign={canManage ? setAssign : undefined}
            />
          </Paper>
        }
      >
        <AssignDialog target={assign} onClose={() => setAssign(null)} />
        {grid ? <AssignGridDialog grid={grid} open={assigningGrid} onClose={() => setAssigningGrid(false)} /> : null}
      </ListPage>
    </Box>
  );
}
