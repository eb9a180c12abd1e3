/**
 * The period of the statistics as 年度 / 季度 / 月份 with a year (and a quarter or month), kept as
 * the period text of shared/reports/period.ts (2026, 2026-Q4, 2026-11).
 */
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Box from '@mui/material/Box';
import { useTranslation } from 'react-i18next';
import { parsePeriod } from '../../../shared/reports/period';

type Kind = 'year' | 'quarter' | 'month';

export function PeriodPicker({ value, onChange, years, kinds = ['year', 'quarter', 'month'] }: { value: string; onChange: (period: string) => void; years: number[]; kinds?: Kind[] }) {
  const { t } = useTranslation();
  const p = parsePeriod(value);
  const kind: Kind = p?.kind === 'quarter' ? 'quarter' : p?.kind === 'month' ? 'month' : 'year';
  const year = p && 'year' in p ? p.year : (years[0] ?? new Date().getFullYear());
  const quarter = p?.kind === 'quarter' ? p.quarter : 1;
  const month = p?.kind === 'month' ? p.month : 1;
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = (k: Kind, y: number, q: number, m: number) => (k === 'year' ? String(y) : k === 'quarter' ? `${y}-Q${q}` : `${y}-${pad(m)}`);
  const small = { size: 'small', margin: 'none' } as const;
  return (
    <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
      {kinds.length > 1 ? (
        <ToggleButtonGroup exclusive size="small" color="primary" value={kind} onChange={(_e, k: Kind | null) => k && onChange(text(k, year, quarter, month))} aria-label={t('reports.period.kind')}>
          {kinds.map((k) => (
            <ToggleButton key={k} value={k} sx={{ px: 2 }}>
              {t(`reports.period.kinds.${k}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      ) : null}
      <TextField select label={t('reports.period.year')} value={year} onChange={(e) => onChange(text(kind, Number(e.target.value), quarter, month))} sx={{ width: 120 }} {...small}>
        {(years.includes(year) ? years : [year, ...years]).map((y) => (
          <MenuItem key={y} value={y}>
            {y}
          </MenuItem>
        ))}
      </TextField>
      {kind === 'quarter' ? (
        <TextField select label={t('reports.period.quarter')} value={quarter} onChange={(e) => onChange(text(kind, year, Number(e.target.value), month))} sx={{ width: 130 }} {...small}>
          {[1, 2, 3, 4].map((q) => (
            <MenuItem key={q} value={q}>
              {t('reports.period.quarterN', { q })}
            </MenuItem>
          ))}
        </TextField>
      ) : null}
      {kind === 'month' ? (
        <TextField select label={t('reports.period.month')} value={month} onChange={(e) => onChange(text(kind, year, quarter, Number(e.target.value)))} sx={{ width: 110 }} {...small}>
          {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
            <MenuItem key={m} value={m}>
              {t('reports.period.monthN', { m })}
            </MenuItem>
          ))}
        </TextField>
      ) : null}
    </Box>
  );
}
