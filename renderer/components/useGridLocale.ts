import { useTheme } from '@mui/material/styles';
import type { GridLocaleText } from '@mui/x-data-grid';

/**
 * The data grid's texts in the reader's language with some replaced (the empty-list message): a
 * `localeText` prop replaces the theme's locale rather than adding to it, so the two are merged here.
 * `capped`: main counted the list only up to its cap, so the pager says "1–50 共 1,000+".
 */
export function useGridLocale(overrides: Partial<GridLocaleText>, capped = false): Partial<GridLocaleText> {
  const theme = useTheme();
  const themeLocale = (theme.components as { MuiDataGrid?: { defaultProps?: { localeText?: Partial<GridLocaleText> } } } | undefined)?.MuiDataGrid?.defaultProps?.localeText;
  const displayed = themeLocale?.paginationDisplayedRows;
  return {
    ...themeLocale,
    ...(capped && displayed ? { paginationDisplayedRows: (page: Parameters<typeof displayed>[0]) => `${displayed(page)}+` } : {}),
    ...overrides,
  };
}
