/**
 * The columns of every data grid, sized by what they hold: each column says its kind (a name, a
 * date, an ID number, a phone, an address, a chip …) and gets a minimum width that shows that kind
 * whole at the reader's font size, and never less than its header needs, so a header is never cut
 * (性… 年…). Widths written for the normal font grow with the large one. When the columns together are
 * wider than the screen the grid scrolls sideways instead of cutting them; what is still cut (a long
 * address, a third phone) shows whole on hover (OverflowTooltip).
 */
import { useMemo } from 'react';
import { useTheme } from '@mui/material/styles';
import type { GridColDef, GridValidRowModel } from '@mui/x-data-grid';

/** What a column holds, which sets the width it needs. */
export type ColumnKind =
  /** A person's name (two to four characters, a few longer). */
  | 'name'
  /** A code's word or two (性别, 民族, a grid's name). */
  | 'short'
  /** A few words (a category, a unit, a title). */
  | 'text'
  /** A longer free text (a visit's summary, a request's description): takes the room left. */
  | 'long'
  /** 2026-12-05 (or 2008年3月). */
  | 'date'
  /** 2026-12-05 14:30. */
  | 'dateTime'
  /** An 18-character ID number. */
  | 'idNumber'
  /** One or two phone numbers. */
  | 'phone'
  /** An address: takes the room left. */
  | 'address'
  /** A status or band in a chip (即将到期, 12 · 中度依赖). */
  | 'chip'
  /** A count or an age. */
  | 'number'
  /** An amount (12.50 元). */
  | 'money'
  /** A row's buttons. */
  | 'actions';

/** A grid column as the pages write it: the grid's own definition with its kind. */
export type KindColumn<R extends GridValidRowModel> = GridColDef<R> & { kind?: ColumnKind };

/** The body font size the written widths were chosen for (the theme's normal size). */
const NORMAL_FONT_PX = 15;

/**
 * The least width of each kind, in ems of the body font (a Han character is about 1 em, a digit about
 * 0.55 em), without the cell's padding; `grow`: the kind takes the room left, as a flex column.
 */
const KINDS: Record<ColumnKind, { em: number; grow?: number }> = {
  name: { em: 4.2 },
  short: { em: 4 },
  text: { em: 6 },
  long: { em: 10, grow: 2 },
  date: { em: 6 },
  dateTime: { em: 9.2 },
  idNumber: { em: 10.4 },
  phone: { em: 6.6 },
  address: { em: 9, grow: 1 },
  chip: { em: 5.6 },
  number: { em: 3 },
  money: { em: 5 },
  actions: { em: 4 },
};

/** The grid's header title weight, and the room a header's icon button (sort, menu) takes when it shows, in ems. */
const HEADER_WEIGHT = 500;
const HEADER_ICON_EM = 2.2;
/** Rounding and the column separator. */
const SLACK_PX = 6;

let canvas: HTMLCanvasElement | null = null;

/** The width of a header's text in the grid's header font (an estimate by characters where there is no canvas). */
export function textWidth(text: string, fontPx: number, fontFamily: string): number {
  if (typeof document !== 'undefined') {
    canvas ??= document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    if (ctx) {
      ctx.font = `${HEADER_WEIGHT} ${fontPx}px ${fontFamily}`;
      return Math.ceil(ctx.measureText(text).width);
    }
  }
  let em = 0;
  for (const ch of text) em += ch.charCodeAt(0) > 0x2e80 ? 1 : 0.6;
  return Math.ceil(em * fontPx);
}

export interface FitOptions {
  /** The body font size in px (15, or 19 with large text). */
  fontPx: number;
  fontFamily: string;
  /** The cells' horizontal padding on each side (the grid's is 10 px). */
  paddingPx?: number;
  /** The grid shows a column menu button in the header on hover (its column menu is not disabled). */
  columnMenu?: boolean;
}

/**
 * The grid's columns from the page's: each gets a minimum width from its kind and its header, a
 * written width grows with the font and never falls under that minimum, and the address and long
 * texts take the room left. The kind is taken off (the grid does not know it).
 */
export function fitColumns<R extends GridValidRowModel>(columns: readonly KindColumn<R>[], { fontPx, fontFamily, paddingPx = 10, columnMenu = false }: FitOptions): GridColDef<R>[] {
  const scale = fontPx / NORMAL_FONT_PX;
  const icon = Math.ceil(HEADER_ICON_EM * fontPx);
  return columns.map(({ kind, ...column }) => {
    const spec = kind ? KINDS[kind] : undefined;
    const padding = 2 * paddingPx + SLACK_PX;
    // The sort arrow and the menu button show beside the title on hover: room for them too.
    const icons = (column.sortable === false ? 0 : 1) + (columnMenu && column.disableColumnMenu !== true ? 1 : 0);
    const header = column.headerName ? textWidth(column.headerName, fontPx, fontFamily) + padding + icons * icon : 0;
    const content = spec ? Math.ceil(spec.em * fontPx) + padding : 0;
    const written = column.minWidth === undefined ? 0 : Math.round(column.minWidth * scale);
    const minWidth = Math.max(header, content, written, 40);
    const fitted: GridColDef<R> = { ...column, minWidth };
    if (column.width !== undefined) fitted.width = Math.max(Math.round(column.width * scale), minWidth);
    else if (column.flex === undefined && spec?.grow !== undefined) fitted.flex = spec.grow;
    else if (column.flex === undefined) fitted.width = minWidth;
    return fitted;
  });
}

/** fitColumns at the reader's font: the columns are fitted again when the font or the columns change. */
export function useFitColumns<R extends GridValidRowModel>(columns: readonly KindColumn<R>[], options: { paddingPx?: number; columnMenu?: boolean } = {}): GridColDef<R>[] {
  const theme = useTheme();
  const fontPx = theme.typography.fontSize;
  const fontFamily = theme.typography.fontFamily ?? 'sans-serif';
  const { paddingPx, columnMenu } = options;
  return useMemo(() => fitColumns(columns, { fontPx, fontFamily, paddingPx, columnMenu }), [columns, fontPx, fontFamily, paddingPx, columnMenu]);
}
