import { useMemo, type ReactNode } from 'react';
import { DataGrid, type DataGridProps, type GridPaginationModel, type GridValidRowModel } from '@mui/x-data-grid';
import Paper from '@mui/material/Paper';
import type { SxProps, Theme } from '@mui/material/styles';
import { useGridLocale } from './useGridLocale';
import { useFitColumns, type KindColumn } from './gridColumns';

const PAGE_SIZES = [25, 50, 100];
const DENSE_PADDING_PX = 7;

export interface ServerDataGridProps<R extends GridValidRowModel> {
  /** One page of the list as main returned it (undefined while the first page loads); `capped`: at least `total` match. */
  data: { rows: R[]; total: number; capped?: boolean } | undefined;
  /** Each with its kind (gridColumns.ts), which sets its least width. */
  columns: readonly KindColumn<R>[];
  loading: boolean;
  page: GridPaginationModel;
  onPageChange: (page: GridPaginationModel) => void;
  /** The grid's accessible name. */
  label: string;
  /** What the grid says when the page is empty (left out: the grid's own words). */
  emptyLabel?: string;
  pageSizeOptions?: number[];
  /** Rows grow with their content (wrapped text, chips) and cells centre vertically; off keeps the grid's fixed rows. */
  autoRowHeight?: boolean;
  /** Narrower cell padding (7 px instead of 10), for lists of many columns. */
  dense?: boolean;
  /** Clickable rows also get the pointer cursor. */
  onRowClick?: DataGridProps<R>['onRowClick'];
  getRowId?: DataGridProps<R>['getRowId'];
  /** Inside the card, above the grid: its heading, the count. */
  heading?: ReactNode;
  /** The grid without its card, for a card of the page's own. */
  bare?: boolean;
  /** Added to the grid's own styles (denser cells). */
  sx?: Exclude<SxProps<Theme>, readonly unknown[]>;
}

/**
 * A list paged by main (page number and size travel with the query) in an outlined card: sorting and
 * filtering happen in the list's own filter bar, so the grid's column menus, sorting and selection are off.
 */
export function ServerDataGrid<R extends GridValidRowModel>({
  data,
  columns,
  loading,
  page,
  onPageChange,
  label,
  emptyLabel,
  pageSizeOptions = PAGE_SIZES,
  autoRowHeight = true,
  dense = false,
  onRowClick,
  getRowId,
  heading,
  bare = false,
  sx,
}: ServerDataGridProps<R>) {
  const unsorted = useMemo(() => columns.map((c) => ({ ...c, sortable: false, filterable: false })), [columns]);
  const fitted = useFitColumns(unsorted, { paddingPx: dense ? DENSE_PADDING_PX : 10 });
  const localeText = useGridLocale(emptyLabel === undefined ? {} : { noRowsLabel: emptyLabel }, data?.capped ?? false);
  const grid = (
    <DataGrid
      autoHeight
      rows={data?.rows ?? []}
      rowCount={data?.total ?? 0}
      columns={fitted}
      loading={loading}
      paginationMode="server"
      paginationModel={page}
      onPaginationModelChange={onPageChange}
      pageSizeOptions={pageSizeOptions}
      disableColumnMenu
      disableRowSelectionOnClick
      getRowHeight={autoRowHeight ? () => 'auto' : undefined}
      getRowId={getRowId}
      onRowClick={onRowClick}
      localeText={localeText}
      label={label}
      sx={[
        {
          border: 0,
          ...(autoRowHeight ? { '& .MuiDataGrid-cell': { py: 1, display: 'flex', alignItems: 'center' } } : {}),
          ...(onRowClick ? { '& .MuiDataGrid-row': { cursor: 'pointer' } } : {}),
          ...(dense ? { '& .MuiDataGrid-cell, & .MuiDataGrid-columnHeader': { px: `${DENSE_PADDING_PX}px` } } : {}),
        },
        sx ?? {},
      ]}
    />
  );
  if (bare) return grid;
  return (
    <Paper variant="outlined">
      {heading}
      {grid}
    </Paper>
  );
}
