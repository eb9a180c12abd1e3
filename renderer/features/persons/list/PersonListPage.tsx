import { useCallback, useEffect, useMemo, useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { ColumnsPanelTrigger, DataGrid, Toolbar, type GridSortModel, type ToolbarPropsOverrides } from '@mui/x-data-grid';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import DownloadIcon from '@mui/icons-material/Download';
import DescriptionIcon from '@mui/icons-material/Description';
import ViewColumnIcon from '@mui/icons-material/ViewColumn';
import { useTranslation } from 'react-i18next';
import { ListPage } from '../../../components/ListPage';
import { useTask } from '../../../components/useTask';
import { request } from '../../../rpc';
import { rememberListSearch } from '../common';
import { useFileDownload } from '../../../components/useFileDownload';
import { useGridLocale } from '../../../components/useGridLocale';
import { personKeys } from '../../../components/queryKeys';
import { useCanWrite } from '../../../components/access';
import { useCountyOffices } from '../../reports';
import { CELL_PADDING_PX, usePersonColumns, useColumnVisibility } from './columns';
import { ListFilters } from './ListFilters';
import { filtersOf, isFiltered, listQueryOf, PAGE_SIZES, patched, useListState, type ListState } from './listState';

/** How long a fetched page of the list counts as current (a search's answer is not asked for twice). */
const JUST_FETCHED_MS = 2_000;

declare module '@mui/x-data-grid' {
  interface ToolbarPropsOverrides {
    total?: number;
    /** At least `total` match: main stopped counting at its cap. */
    capped?: boolean;
  }
}

/** Above the grid: how many persons match, and the button that chooses the columns. */
function ListToolbar({ total, capped }: ToolbarPropsOverrides) {
  const { t } = useTranslation();
  return (
    <Toolbar>
      <Typography sx={{ flex: 1, px: 1, fontWeight: 500 }} aria-live="polite">
        {total === undefined ? '' : t(capped ? 'persons.list.countCapped' : 'persons.list.count', { count: total })}
      </Typography>
      <ColumnsPanelTrigger startIcon={<ViewColumnIcon />} size="small">
        {t('persons.list.columns')}
      </ColumnsPanelTrigger>
    </Toolbar>
  );
}

/** 档案: everyone registered, found with one search box and a few filters; the server pages and sorts. */
export function PersonListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const { state, update: updateAddress, clear: clearAddress, search } = useListState();
  const queryClient = useQueryClient();
  const task = useTask();
  const county = useCountyOffices();
  const columns = usePersonColumns(county?.names ?? null);
  const [visibility, setVisibility] = useColumnVisibility(columns);

  useEffect(() => rememberListSearch(search), [search]);

  const filters = filtersOf(state);
  const query = listQueryOf(state);
  const list = useQuery({
    queryKey: personKeys.list(query),
    queryFn: () => request('persons.list', query),
    placeholderData: keepPreviousData,
    // A search's answer fetched just before the address changed (searchFor) is shown, not asked again.
    staleTime: JUST_FETCHED_MS,
  });

  // Typed text is searched before the address changes: the page then redraws once, with the answer,
  // instead of once for the loading bar and again for the rows (each redraw of the grid costs more
  // than the search). Only the latest search, or a later change of any filter, reaches the address.
  const latest = useRef(0);
  const update = useCallback(
    (patch: Partial<ListState>) => {
      latest.current += 1;
      updateAddress(patch);
    },
    [updateAddress],
  );
  const clear = useCallback(() => {
    latest.current += 1;
    clearAddress();
  }, [clearAddress]);
  const searchFor = useCallback(
    (q: string) => {
      latest.current += 1;
      const ticket = latest.current;
      const next = listQueryOf(patched(state, { q }));
      queryClient
        .fetchQuery({ queryKey: personKeys.list(next), queryFn: () => request('persons.list', next), staleTime: JUST_FETCHED_MS })
        // A refusal is shown by the page's own query, once the address holds the search.
        .catch(() => undefined)
        .finally(() => {
          if (ticket === latest.current) updateAddress({ q });
        });
    },
    [queryClient, state, updateAddress],
  );
  const total = list.data?.total;
  const localeText = useGridLocale(
    { noRowsLabel: isFiltered(state) ? t('persons.list.empty') : t('persons.list.emptyRegister') },
    list.data?.capped ?? false,
  );

  const sortModel = useMemo<GridSortModel>(() => (state.sortField ? [{ field: state.sortField, sort: state.dir }] : []), [state.sortField, state.dir]);

  const exportFile = useFileDownload(
    (query: typeof filters) => task.request('roster.export', query),
    (file) => t('persons.list.exported', { count: file.count, file: file.fileName }),
  );
  const templateFile = useFileDownload(
    () => task.request('roster.template', {}),
    (file) => t('persons.list.templateSaved', { file: file.fileName }),
  );
  // One refusal above the list: the last file's.
  const taskError = exportFile.error ?? templateFile.error;
  const exportList = () => {
    templateFile.download.reset();
    exportFile.download.mutate(filters);
  };
  const downloadTemplate = () => {
    exportFile.download.reset();
    templateFile.download.mutate();
  };

  return (
    <ListPage
      title={t('persons.title')}
      intro={t('persons.intro')}
      maxWidth={1600}
      actions={
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', justifyContent: 'flex-end' }}>
          {canWrite ? (
            <>
              <Button variant="contained" startIcon={<AddIcon />} component={Link} to="/persons/new">
                {t('persons.actions.create')}
              </Button>
              <Button variant="outlined" startIcon={<UploadFileIcon />} component={Link} to="/persons/import">
                {t('persons.actions.import')}
              </Button>
            </>
          ) : null}
          <Button variant="outlined" startIcon={<DownloadIcon />} onClick={exportList} disabled={task.running || total === 0}>
            {t('persons.actions.export')}
          </Button>
          {canWrite ? (
            <Button startIcon={<DescriptionIcon />} onClick={downloadTemplate} disabled={task.running}>
              {t('persons.actions.template')}
            </Button>
          ) : null}
        </Box>
      }
      ownBar={<ListFilters state={state} update={update} search={searchFor} clear={clear} />}
      error={list.error ?? taskError}
      grid={
        <Paper variant="outlined">
          <DataGrid
            autoHeight
            rows={list.data?.rows ?? []}
            rowCount={total ?? 0}
            columns={columns}
            loading={list.isFetching}
            paginationMode="server"
            sortingMode="server"
            filterMode="server"
            disableColumnFilter
            paginationModel={{ page: state.page, pageSize: state.pageSize }}
            onPaginationModelChange={(m) => update({ page: m.pageSize !== state.pageSize ? 0 : m.page, pageSize: m.pageSize })}
            pageSizeOptions={PAGE_SIZES}
            sortModel={sortModel}
            onSortModelChange={(m) => {
              const first = m[0];
              update({ sortField: first?.field ?? '', dir: first?.sort === 'desc' ? 'desc' : 'asc' });
            }}
            columnVisibilityModel={visibility}
            onColumnVisibilityModelChange={setVisibility}
            onRowClick={({ row }) => void navigate(`/persons/${row.id}`)}
            disableRowSelectionOnClick
            showToolbar
            slots={{ toolbar: ListToolbar }}
            slotProps={{ toolbar: { total, capped: list.data?.capped ?? false } }}
            localeText={localeText}
            label={t('persons.title')}
            sx={{
              border: 0,
              '& .MuiDataGrid-row': { cursor: 'pointer' },
              '& .MuiDataGrid-cell, & .MuiDataGrid-columnHeader': { px: `${CELL_PADDING_PX}px` },
              '& .digits': { fontVariantNumeric: 'tabular-nums' },
              '& .MuiDataGrid-overlay': { px: 3, textAlign: 'center' },
            }}
          />
        </Paper>
      }
    >
      {task.dialog}
    </ListPage>
  );
}
