import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import AddIcon from '@mui/icons-material/Add';
import type { GridValidRowModel } from '@mui/x-data-grid';
import { ErrorAlert } from './ErrorAlert';
import { PageHeader } from './PageHeader';
import { ServerDataGrid, type ServerDataGridProps } from './ServerDataGrid';

/** The props of a small filter select in a list's bar: its empty choice (全部) shows rather than a blank box. */
export const FILTER_FIELD = { margin: 'none', size: 'small', fullWidth: false, slotProps: { select: { displayEmpty: true }, inputLabel: { shrink: true } } } as const;

/** The list's create button (新建…), at the end of its bar or in its header. */
export function CreateButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button variant="contained" startIcon={<AddIcon />} onClick={onClick}>
      {label}
    </Button>
  );
}

/** The one row of a list's own table when it is empty: what there is not, and what to do. */
export function EmptyTableRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <TableRow>
      <TableCell colSpan={colSpan} sx={{ py: 4, textAlign: 'center', color: 'text.secondary' }}>
        {children}
      </TableCell>
    </TableRow>
  );
}

/** A select of a list's bar: the choice that means no filter (value '') first, then the options. */
export function FilterSelect({
  label,
  value,
  onChange,
  anyLabel,
  options,
  sx,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  anyLabel: string;
  options: readonly { value: string; label: ReactNode }[];
  sx?: TextFieldProps['sx'];
}) {
  return (
    <TextField select label={label} value={value} onChange={(e) => onChange(e.target.value)} {...FILTER_FIELD} sx={sx}>
      <MenuItem value="">{anyLabel}</MenuItem>
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/**
 * The page of a list: a header (title, intro, actions), a bar of filters with the search box
 * (SearchField) and the create button at its end, notices, the error of the list or of an action,
 * and the list itself, paged by main (ServerDataGrid; `grid` may instead be a grid of the page's own).
 * The page's dialogs come as children. Filters and the page live in useListFilters.
 */
export function ListPage<R extends GridValidRowModel>({
  title,
  intro,
  actions,
  maxWidth,
  filters,
  barEnd,
  plainBar = false,
  ownBar,
  notice,
  error,
  grid,
  children,
}: {
  /** No header when the list is a tab of a section that has one. */
  title?: string;
  intro?: string;
  actions?: ReactNode;
  maxWidth?: number;
  /** The bar's filters and search box, in the order they show. */
  filters?: ReactNode;
  /** At the far end of the bar: the create button. */
  barEnd?: ReactNode;
  /** The bar without its card (lists whose filters sit straight on the page). */
  plainBar?: boolean;
  /** A filter bar of the list's own, in place of `filters` (the registry's search and selects). */
  ownBar?: ReactNode;
  /** Between the bar and the list (a reminder, a notice of a print). */
  notice?: ReactNode;
  error?: unknown;
  grid: ServerDataGridProps<R> | ReactNode;
  children?: ReactNode;
}) {
  const content = (
    <>
      {filters}
      {barEnd ? (
        <>
          <Box sx={{ flex: 1 }} />
          {barEnd}
        </>
      ) : null}
    </>
  );
  let bar: ReactNode = null;
  if (filters !== undefined || barEnd !== undefined) {
    bar = plainBar ? (
      <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>{content}</Box>
    ) : (
      <Paper variant="outlined" sx={{ p: 2, mb: 2, display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
        {content}
      </Paper>
    );
  }
  return (
    <Box sx={maxWidth ? { maxWidth } : undefined}>
      {title ? <PageHeader title={title} intro={intro} actions={actions} /> : null}
      {ownBar ?? bar}
      {notice}
      <ErrorAlert error={error} sx={{ mb: 2 }} />
      {isGridProps<R>(grid) ? <ServerDataGrid {...grid} /> : grid}
      {children}
    </Box>
  );
}

function isGridProps<R extends GridValidRowModel>(grid: ServerDataGridProps<R> | ReactNode): grid is ServerDataGridProps<R> {
  return typeof grid === 'object' && grid !== null && 'columns' in grid && 'onPageChange' in grid;
}
