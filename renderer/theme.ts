/**
 * The MUI theme: Chinese fonts first, the locale of MUI core following the user's language, and a
 * large-text mode for readers who need it. The data grid's and date pickers' texts join it after
 * login (themeLocales.ts).
 */
import { createTheme, type Theme } from '@mui/material/styles';
import { zhCN as coreZhCN, enUS as coreEnUS } from '@mui/material/locale';
import type { Language } from '../shared/schemas/user';

export const FONT_STACK = [
  '"Noto Sans CJK SC"',
  '"Noto Sans SC"',
  '"Microsoft YaHei"',
  '"微软雅黑"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Source Han Sans SC"',
  '"WenQuanYi Micro Hei"',
  'system-ui',
  'sans-serif',
].join(', ');

/** Base body size in px; large text scales every variant by this factor. */
const BASE_FONT_SIZE = 15;
export const LARGE_FONT_SCALE = 1.25;

export function makeTheme(language: Language, largeFont: boolean): Theme {
  const locale = language === 'zh-CN' ? coreZhCN : coreEnUS;
  return createTheme(
    {
      // Blue as the working colour: a red focus ring would read as an error to the people using this.
      palette: {
        primary: { main: '#1d5aa6' },
        secondary: { main: '#a8322d' },
        background: { default: '#f4f6f9' },
      },
      typography: {
        fontFamily: FONT_STACK,
        fontSize: largeFont ? Math.round(BASE_FONT_SIZE * LARGE_FONT_SCALE) : BASE_FONT_SIZE,
        button: { textTransform: 'none', fontWeight: 500 },
      },
      shape: { borderRadius: 6 },
      components: {
        MuiTextField: { defaultProps: { fullWidth: true, margin: 'normal' } },
        // A button's words stay on one line: a bar that has no room wraps whole buttons, not their words.
        MuiButton: { defaultProps: { disableElevation: true }, styleOverrides: { root: { whiteSpace: 'nowrap', flexShrink: 0 } } },
        // A table's headers are never broken or cut: the table grows, and the page scrolls sideways if it must.
        MuiTableCell: { styleOverrides: { head: { whiteSpace: 'nowrap' } } },
        MuiTooltip: { defaultProps: { enterDelay: 400 } },
      },
    },
    locale,
  );
}
