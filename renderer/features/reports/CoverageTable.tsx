/**
 * 覆盖率明细 on the dashboard: one campaign's coverage per grid or per responsible contact, each row
 * against the office's goal in red/amber/green — the way a supervisor reads who is behind — and every
 * count a link to the persons behind it (未走访 of that grid or contact first of all).
 */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import MenuItem from '@mui/material/MenuItem';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { campaignLabel } from '../../../shared/reports/period';
import type { IndicatorResult, IndicatorRow } from '../../../shared/schemas/reports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { request } from '../../rpc';
import { RAG_COLOURS, def, dimName, dimValue, drillPath, figureName, figureText, lang, reportKeys } from './common';

const COUNTS = ['due', 'visited', 'notVisited'] as const;
type By = 'grid' | 'contact';

/**
 * `campaigns`: the dashboard's campaign results; those with anyone due can be chosen, the first one
 * behind its goal is shown first. `office`: at the bureau, the community whose dashboard it is.
 */
export function CoverageTable({ campaigns, office }: { campaigns: readonly IndicatorResult[]; office?: string | undefined }) {
  const { t } = useTranslation();
  const shown = campaigns.filter((r) => (r.figures['due'] ?? 0) > 0);
  const [chosen, setChosen] = useState<string | null>(null);
  const [by, setBy] = useState<By>('grid');
  const current = shown.find((r) => r.key === chosen) ?? shown.find((r) => r.goal?.status === 'red') ?? shown[0];
  const query = current ? { key: current.key, period: current.period.text, by, ...(office ? { office } : {}) } : null;
  const rows = useQuery({
    queryKey: reportKeys.indicator(query),
    queryFn: () => request('reports.indicator', query as NonNullable<typeof query>),
    enabled: query !== null,
    retry: false,
  });
  if (!current) return null;
  const campaignOf = (r: IndicatorResult) => campaignLabel(def(r.key).campaign ?? 'chongyang', lang());
  const cell = (row: IndicatorRow | null, figure: string) => {
    const value = row ? row.figures[figure] ?? 0 : current.figures[figure] ?? 0;
    const text = figureText({ key: current.key, figures: row ? row.figures : current.figures }, figure);
    if (!value) return text;
    const to = drillPath({ key: current.key, measure: figure, period: current.period.text, office, ...(row ? { by, value: row.key } : {}) });
    return (
      <Link component={RouterLink} to={to} underline="hover" data-figure={`${by}:${row?.key ?? 'total'}.${figure}`}>
        {text}
      </Link>
    );
  };
  const status = (s: IndicatorRow['status']) =>
    s ? <Chip size="small" label={t(`reports.rag.${s}`)} sx={{ bgcolor: RAG_COLOURS[s], color: '#fff', fontWeight: 600 }} /> : <Typography variant="body2" color="text.secondary">{t('reports.rag.none')}</Typography>;
  return (
    <Paper variant="outlined" sx={{ p: 2, mt: 1.5 }} component="section" aria-label={t('reports.coverageTable.title')} data-testid="coverage-table">
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="h6" component="h3" sx={{ fontSize: '1.05rem', flex: 1 }}>
          {t('reports.coverageTable.title')}
        </Typography>
        <TextField select size="small" label={t('reports.charts.campaign')} value={current.key} onChange={(e) => setChosen(e.target.value)} sx={{ width: 150 }}>
          {shown.map((r) => (
            <MenuItem key={r.key} value={r.key}>
              {campaignOf(r)}
            </MenuItem>
          ))}
        </TextField>
        <ToggleButtonGroup size="small" exclusive value={by} onChange={(_e, v: By | null) => v && setBy(v)} aria-label={t('reports.coverageTable.by')}>
          <ToggleButton value="grid">{dimName('grid')}</ToggleButton>
          <ToggleButton value="contact">{dimName('contact')}</ToggleButton>
        </ToggleButtonGroup>
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('reports.coverageTable.help', { name: campaignOf(current), target: current.goal?.target ?? 100 })}
      </Typography>
      <ErrorAlert error={rows.error} sx={{ mb: 1 }} />
      <Table size="small" aria-label={t('reports.coverageTable.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{dimName(by)}</TableCell>
            {COUNTS.map((f) => (
              <TableCell key={f} align="right">
                {figureName(current.key, f)}
              </TableCell>
            ))}
            <TableCell align="right">{figureName(current.key, 'coverage')}</TableCell>
            <TableCell>{t('reports.coverageTable.status')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(rows.data?.rows ?? [])
            .filter((row) => (row.figures['due'] ?? 0) > 0)
            .map((row) => (
              <TableRow key={row.key ?? 'none'} data-row={row.key ?? 'none'} data-status={row.status ?? 'none'}>
                <TableCell sx={{ fontWeight: 600 }}>{dimValue(by, row.key, row.name)}</TableCell>
                {COUNTS.map((f) => (
                  <TableCell key={f} align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                    {cell(row, f)}
                  </TableCell>
                ))}
                <TableCell align="right" sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums', color: row.status ? RAG_COLOURS[row.status] : undefined }}>
                  {figureText({ key: current.key, figures: row.figures }, 'coverage')}
                </TableCell>
                <TableCell>{status(row.status)}</TableCell>
              </TableRow>
            ))}
          <TableRow sx={{ '& td': { fontWeight: 700, borderTop: 2, borderColor: 'divider' } }}>
            <TableCell>{t('reports.coverageTable.total')}</TableCell>
            {COUNTS.map((f) => (
              <TableCell key={f} align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                {cell(null, f)}
              </TableCell>
            ))}
            <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', color: current.goal?.status ? RAG_COLOURS[current.goal.status] : undefined }}>
              {figureText(current, 'coverage')}
            </TableCell>
            <TableCell>{status(current.goal?.status ?? null)}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
    </Paper>
  );
}
