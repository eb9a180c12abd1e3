/**
 * 三会一课 of a branch for a year: each of the four meetings against its rhythm, quarter by quarter,
 * with what was missed in red. The rule and the counting are main's (main/services/party/life.ts).
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { BranchDetail, BranchLife } from '../../../shared/schemas/party';
import { ErrorAlert } from '../../components/ErrorAlert';
import { request } from '../../rpc';
import { partyKeys, partyLabel, usePartyToday } from './common';

type Quarter = BranchLife['rows'][number]['quarters'][number];

function QuarterCell({ q, per }: { q: Quarter; per: 'quarter' | 'month' }) {
  const { t } = useTranslation();
  if (q.state === 'future') return <TableCell sx={{ color: 'text.disabled' }}>{t('party.life.future')}</TableCell>;
  if (q.state === 'missing') {
    const text = per === 'month' ? t('party.life.missingMonths', { count: q.due - q.met }) : t('party.life.missing');
    return <TableCell sx={{ color: 'error.main', fontWeight: 700 }}>{text}</TableCell>;
  }
  if (q.state === 'open') return <TableCell sx={{ color: 'text.secondary' }}>{t('party.life.open', { held: q.held })}</TableCell>;
  return <TableCell sx={{ color: 'success.dark' }}>{t('party.life.ok', { held: q.held })}</TableCell>;
}

export function BranchLifePanel({ branch }: { branch: BranchDetail }) {
  const { t } = useTranslation();
  const thisYear = Number(usePartyToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const life = useQuery({ queryKey: partyKeys.life(branch.id, year), queryFn: () => request('party.branches.life', { branchId: branch.id, year }) });
  const rows = life.data?.rows ?? [];
  const missed = rows.filter((r) => r.applies).reduce((n, r) => n + r.quarters.filter((q) => q.state === 'missing').length, 0);
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          {t('party.life.title')}
        </Typography>
        <TextField select size="small" label={t('party.life.year')} value={year} onChange={(e) => setYear(Number(e.target.value))} sx={{ width: 120 }}>
          {[0, 1, 2, 3, 4].map((back) => (
            <MenuItem key={back} value={thisYear - back}>
              {thisYear - back}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('party.life.intro')}
      </Typography>
      <ErrorAlert error={life.error} sx={{ mb: 1 }} />
      {life.data ? (
        <>
          <Typography role="status" sx={{ mb: 1, fontWeight: 600, color: missed > 0 ? 'error.main' : 'success.dark' }}>
            {missed > 0 ? t('party.life.summaryMissing', { year, count: missed }) : t('party.life.summaryOk', { year })}
          </Typography>
          <Table size="small" aria-label={t('party.life.title')}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 200 }}>{t('party.life.form')}</TableCell>
                {[1, 2, 3, 4].map((q) => (
                  <TableCell key={q}>{t('party.life.quarter', { quarter: q })}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.form}>
                  <TableCell>
                    <Typography variant="body2" sx={{ fontWeight: 600 }}>
                      {partyLabel('meetingType', r.form)}
                    </Typography>
                    <Typography variant="caption" color="text.secondary">
                      {t(r.per === 'quarter' ? 'party.life.perQuarter' : 'party.life.perMonth')}
                    </Typography>
                  </TableCell>
                  {r.applies ? (
                    r.quarters.map((q) => <QuarterCell key={q.quarter} q={q} per={r.per} />)
                  ) : (
                    <TableCell colSpan={4} sx={{ color: 'text.secondary' }}>
                      {t('party.life.noGroups')}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      ) : null}
    </Paper>
  );
}
