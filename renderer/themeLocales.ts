/**
 * The texts of the data grid and the date pickers in the reader's language, added to the app's theme
 * once someone has logged in: the login screen needs neither, and loads without them.
 */
import { createTheme, type Theme } from '@mui/material/styles';
import { zhCN as gridZhCN, enUS as gridEnUS } from '@mui/x-data-grid/locales';
import { zhCN as pickersZhCN, enUS as pickersEnUS } from '@mui/x-date-pickers/locales';
import type { Language } from '../shared/schemas/user';

export function withWorkLocales(theme: Theme, language: Language): Theme {
  return language === 'zh-CN' ? createTheme(theme, gridZhCN, pickersZhCN) : createTheme(theme, gridEnUS, pickersEnUS);
}
