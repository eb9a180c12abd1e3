/**
 * 年度考核 (bureau mode): each community's 四个到位 checklist, visit, contact and campaign coverage
 * and reporting timeliness for a year, weighted with the bureau's settings and ranked; printable.
 */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import PrintIcon from '@mui/icons-material/Print';
import { useTranslation } from 'react-i18next';
import { SCORE_PARTS, type Scorecard } from '../../../shared/schemas/reports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useServerToday } from '../../components/serverToday';
import { useUrlFilters } from '../../components/useUrlFilters';
import { request } from '../../rpc';
import { officeNames, reportKeys, yearsFrom } from './common';
import { countyPrintHash, openReportPrint } from './printing';

const IN_PLACE = ['venue', 'funds', 'staff', 'services'] as const;

export function partText(v: number | null): string {
  return v === null ? '—' : v.toFixed(1);
}

export function ScorecardTable({ card, links }: { card: Scorecard; links: boolean }) {
  const { t } = useTranslation();
  const names = officeNames(card.rows.map((r) => r.office));
  return (
    <Table size="small" data-testid="scorecard">
      <TableHead>
        <TableRow>
          <TableCell>{t('reports.scorecard.rank')}</TableCell>
          <TableCell>{t('reports.county.columns.office')}</TableCell>
          <TableCell>{t('reports.profile.inPlace')}</TableCell>
          {SCORE_PARTS.map((p) => (
            <TableCell key={p} align="right" sx={{ whiteSpace: 'nowrap' }}>
              {t(`reports.scorecard.parts.${p}`)}
              <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 0.5 }}>
                ×{card.weights[p]}
              </Typography>
            </TableCell>
          ))}
          <TableCell align="right">{t('reports.scorecard.score')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {card.rows.map((r) => (
          <TableRow key={r.office.id} data-office-row={r.office.id} data-rank={r.rank}>
            <TableCell sx={{ fontWeight: 700 }}>{r.rank}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {links && r.received ? (
                <Link component={RouterLink} to={`/reports?office=${encodeURIComponent(r.office.id)}&period=${card.year}`} underline="hover">
                  {names.get(r.office.id)}
                </Link>
              ) : (
                names.get(r.office.id)
              )}
              {r.modelCommunity ? ` ${t('reports.scorecard.model')}` : ''}
              {r.received ? '' : ` （${t('reports.county.status.never')}）`}
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{IN_PLACE.map((k) => `${t(`reports.profile.items.${k}`)}${r.inPlace[k] ? '✓' : '✗'}`).join(' ')}</TableCell>
            {SCORE_PARTS.map((p) => (
              <TableCell key={p} align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                {partText(r.parts[p])}
                {p === 'reporting' && r.formsDue > 0 ? (
                  <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 0.5 }}>
                    ({r.formsOnTime}/{r.formsDue})
                  </Typography>
                ) : null}
              </TableCell>
            ))}
            <TableCell align="right" sx={{ fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>
              {r.score.toFixed(1)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function ScorecardPage() {
  const { t } = useTranslation();
  const { today } = useServerToday();
  const [sp, setFilter] = useUrlFilters();
  const year = Number(sp.get('year') ?? today.slice(0, 4));
  const [blocked, setBlocked] = useState(false);
  const card = useQuery({ queryKey: reportKeys.scorecard(year), queryFn: () => request('reports.scorecard', { year }), retry: false });
  return (
    <>
      <PageHeader
        title={t('reports.scorecard.title')}
        intro={t('reports.scorecard.intro')}
        actions={
          <Button variant="outlined" startIcon={<PrintIcon />} disabled={!card.data} onClick={() => setBlocked(!openReportPrint(countyPrintHash('scorecard', String(year), 'print')))}>
            {t('reports.scorecard.print')}
          </Button>
        }
      />
      {blocked ? (
        <Alert severity="warning" sx={{ mb: 2 }} onClose={() => setBlocked(false)}>
          {t('print.blocked')}{' '}
          <Link href={countyPrintHash('scorecard', String(year), 'print')} target="_blank">
            {t('reports.scorecard.print')}
          </Link>
        </Alert>
      ) : null}
      <Paper variant="outlined" sx={{ p: 2, mb: 2, display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField select size="small" label={t('reports.period.year')} value={year} onChange={(e) => setFilter('year', e.target.value)} sx={{ width: 140 }}>
          {yearsFrom(`${Number(today.slice(0, 4)) - 4}-01-01`, today).map((y) => (
            <MenuItem key={y} value={y}>
              {y}
            </MenuItem>
          ))}
        </TextField>
        {card.data ? (
          <Typography variant="body2" color="text.secondary">
            {t('reports.scorecard.asOf', { date: card.data.asOf })}
          </Typography>
        ) : null}
        <Box sx={{ flex: 1 }} />
        <Link component={RouterLink} to="/settings">
          {t('reports.scorecard.weightsLink')}
        </Link>
      </Paper>
      <ErrorAlert error={card.error} sx={{ mb: 2 }} />
      {card.data ? (
        <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
          <ScorecardTable card={card.data} links />
        </Paper>
      ) : null}
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
        {t('reports.scorecard.help')}
      </Typography>
    </>
  );
}
