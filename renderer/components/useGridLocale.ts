import { useTheme } from '@mui/material/styles';
import type { GridLocaleText } from '@mui/x-data-grid';

/**
 * The data grid's texts in the reader's language with some replaced (the empty-list message): a
 * `localeText` prop replaces the theme's locale rather than adding to it, so the two are merged here.
 */
export function useGridLocale(overrides: Partial<GridLocaleText>): Partial<GridLocaleText> {
  const theme = useTheme();
  const themeLocale = (theme.components as { MuiDataGrid?: { defaultProps?: { localeText?: Partial<GridLocaleText> } } } | undefined)?.MuiDataGrid?.defaultProps?.localeText;
  return { ...themeLocale, ...overrides };
}
