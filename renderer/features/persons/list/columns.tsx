/**
 * The list's columns and which of them show. The reader chooses the columns (the grid's column
 * panel); the choice is kept in this browser's storage.
 */
import { useCallback, useMemo, useState } from 'react';
import type { GridColDef, GridColumnVisibilityModel } from '@mui/x-data-grid';
import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { PersonRow } from '../../../../shared/schemas/persons';
import { formatDateTime } from '../../../../shared/dates';
import { currentLanguage } from '../../../i18n';
import { BAND_COLOURS, PERSON_STATUS_COLOURS as STATUS_COLOURS, dateOrMonthText, valueLabel } from '../../../components/labels';
import { adlBand } from '../../../../shared/barthel';
import { SORTABLE } from './listState';
import { GRADE_COLOURS, gradeLabel } from '../../capability';
import { fitColumns, type KindColumn } from '../../../components/gridColumns';

/** Kept in localStorage under its first name, so the columns a reader chose before stay chosen. */
const VISIBILITY_KEY = 'cadrecare.registry.columns';

/** The cells' padding on each side: narrower than the grid's, so the default columns fit a 1366-px screen. */
export const CELL_PADDING_PX = 7;

/** Shown unless the reader chose otherwise; every other column starts hidden. */
const DEFAULT_VISIBLE = ['originOffice', 'name', 'gender', 'age', 'idNumber', 'phones', 'grid', 'address', 'livingSituation', 'adl', 'capabilityGrade', 'politicalStatus', 'status'];

/** `offices`: at the county bureau, the office names by id, for the office column (left out elsewhere). */
export function usePersonColumns(offices: ReadonlyMap<string, string> | null = null): GridColDef<PersonRow>[] {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const theme = useTheme();
  return useMemo<GridColDef<PersonRow>[]>(() => {
    const f = (key: string) => t(`persons.fields.${key}`);
    const coded = (field: 'gender' | 'retirementType' | 'unitLevel' | 'politicalStatus' | 'livingSituation') => (value: string) => valueLabel(field, value);
    const columns: KindColumn<PersonRow>[] = [
      { field: 'name', kind: 'name', headerName: f('name'), width: 88, renderCell: ({ row }) => <Box component="span" sx={{ fontWeight: 600 }}>{row.name}</Box> },
      { field: 'gender', kind: 'short', headerName: f('gender'), width: 56, valueFormatter: coded('gender') },
      // An age as it is: the number type's own formatter (toLocaleString per cell) cost each redraw of the list more than the search.
      { field: 'age', kind: 'number', headerName: f('age'), width: 60, type: 'number', align: 'left', headerAlign: 'left', valueFormatter: (v: number | null) => (v === null || v === undefined ? '' : String(v)) },
      { field: 'idNumber', kind: 'idNumber', headerName: f('idNumber'), width: 172, cellClassName: 'digits' },
      { field: 'phones', kind: 'phone', headerName: f('phones'), width: 118, valueFormatter: (value: string[]) => value.join('、'), cellClassName: 'digits' },
      { field: 'grid', kind: 'short', headerName: f('grid'), width: 88 },
      { field: 'address', kind: 'address', headerName: f('address'), flex: 1, minWidth: 110 },
      { field: 'livingSituation', kind: 'text', headerName: f('livingSituation'), width: 126, valueFormatter: coded('livingSituation') },
      {
        field: 'adl',
        kind: 'chip',
        headerName: f('adl'),
        width: 150,
        valueGetter: (_v, row) => row.latestAdlTotal,
        renderCell: ({ row }) => {
          if (row.latestAdlTotal === null) {
            return (
              <Typography variant="body2" color="text.secondary" component="span">
                {t('persons.list.notAssessed')}
              </Typography>
            );
          }
          const band = adlBand(row.latestAdlTotal);
          return (
            <Chip
              size="small"
              variant="outlined"
              color={BAND_COLOURS[band]}
              label={`${row.latestAdlTotal} · ${valueLabel('adlBand', band)}`}
            />
          );
        },
      },
      {
        field: 'capabilityGrade',
        kind: 'chip',
        headerName: t('capability.fields.capabilityGrade'),
        width: 104,
        valueGetter: (_v, row) => row.latestCapabilityGrade,
        renderCell: ({ row }) =>
          row.latestCapabilityGrade === null ? (
            <Typography variant="body2" color="text.secondary" component="span">
              {t('persons.list.notAssessed')}
            </Typography>
          ) : (
            <Chip size="small" variant="outlined" color={GRADE_COLOURS[row.latestCapabilityGrade]} label={gradeLabel(row.latestCapabilityGrade)} />
          ),
      },
      { field: 'politicalStatus', kind: 'text', headerName: f('politicalStatus'), width: 88, valueFormatter: coded('politicalStatus') },
      {
        field: 'status',
        kind: 'chip',
        headerName: f('status'),
        width: 72,
        renderCell: ({ row }) => <Chip size="small" color={STATUS_COLOURS[row.status]} variant={row.status === 'active' ? 'outlined' : 'filled'} label={valueLabel('status', row.status)} />,
      },
      { field: 'ethnicity', kind: 'short', headerName: f('ethnicity'), width: 80 },
      { field: 'birthDate', kind: 'date', headerName: f('birthDate'), width: 112 },
      { field: 'retirementType', kind: 'text', headerName: f('retirementType'), width: 100, valueFormatter: coded('retirementType') },
      { field: 'retirementDate', kind: 'date', headerName: f('retirementDate'), width: 112, valueFormatter: (v: string | null) => dateOrMonthText(v) },
      { field: 'originalUnit', kind: 'text', headerName: f('originalUnit'), width: 170 },
      { field: 'unitLevel', kind: 'short', headerName: f('unitLevel'), width: 90, valueFormatter: coded('unitLevel') },
      { field: 'formerPosition', kind: 'text', headerName: f('formerPosition'), width: 120 },
      { field: 'rank', kind: 'text', headerName: f('rank'), width: 90 },
      { field: 'community', kind: 'text', headerName: f('community'), width: 120 },
      { field: 'latestAdlDate', kind: 'date', headerName: f('latestAdlDate'), width: 120 },
      { field: 'statusDate', kind: 'date', headerName: f('statusDate'), width: 112 },
      { field: 'createdAt', kind: 'dateTime', headerName: f('createdAt'), width: 170, valueFormatter: (v: string) => formatDateTime(v, currentLanguage()) },
      { field: 'updatedAt', kind: 'dateTime', headerName: f('updatedAt'), width: 170, valueFormatter: (v: string) => formatDateTime(v, currentLanguage()) },
    ];
    if (offices) columns.unshift({ field: 'originOffice', kind: 'text', headerName: f('originOffice'), width: 130, valueFormatter: (v: string) => offices.get(v) ?? v });
    // Only what the server can sort by offers sorting; nothing is filtered in the page.
    return fitColumns(
      columns.map((c) => ({ ...c, sortable: c.field in SORTABLE, filterable: false })),
      { fontPx: theme.typography.fontSize, fontFamily: theme.typography.fontFamily ?? 'sans-serif', paddingPx: CELL_PADDING_PX, columnMenu: true },
    );
    // Rebuilt when the language or the font changes, so headers and cells follow it.
  }, [t, language, offices, theme]);
}

function loadVisibility(): GridColumnVisibilityModel | null {
  try {
    const raw = localStorage.getItem(VISIBILITY_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === 'boolean')) as GridColumnVisibilityModel;
  } catch {
    return null;
  }
}

/** Which columns show: the reader's last choice, else the default set. */
export function useColumnVisibility(columns: GridColDef<PersonRow>[]): [GridColumnVisibilityModel, (model: GridColumnVisibilityModel) => void] {
  const [model, setModel] = useState<GridColumnVisibilityModel>(() => {
    const saved = loadVisibility();
    const defaults = Object.fromEntries(columns.map((c) => [c.field, DEFAULT_VISIBLE.includes(c.field)]));
    return { ...defaults, ...(saved ?? {}) };
  });
  const change = useCallback((next: GridColumnVisibilityModel) => {
    setModel(next);
    try {
      localStorage.setItem(VISIBILITY_KEY, JSON.stringify(next));
    } catch {
      // The choice holds for this visit only.
    }
  }, []);
  return [model, change];
}
