/**
 * 情况反馈 on a unit's page: choose the period (the last quarter unless changed), see what the feedback
 * says about each retiree, then print it on A4 or save it as .xlsx to send to the unit.
 */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import PrintIcon from '@mui/icons-material/Print';
import DownloadIcon from '@mui/icons-material/Download';
import { useTranslation } from 'react-i18next';
import type { FeedbackRow } from '../../../shared/schemas/units';
import { DateTextField } from '../../components/DateTextField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTask } from '../../components/useTask';
import { request } from '../../rpc';
import { useFileDownload } from '../../components/useFileDownload';
import { valueLabel } from '../../components/labels';
import { label } from '../../components/labels';
import { lastQuarter, unitKeys } from './common';
import { feedbackPrintHash, openFeedbackPrint } from './printFeedback';

function adlText(t: (key: string, o?: Record<string, unknown>) => string, r: FeedbackRow): string {
  if (r.adlTotal === null) return t('units.feedback.adlNone');
  if (r.adlChange === null || r.adlChange === 0) return t('units.feedback.adl', { total: r.adlTotal });
  return t(r.adlChange > 0 ? 'units.feedback.adlUp' : 'units.feedback.adlDown', { total: r.adlTotal, change: Math.abs(r.adlChange) });
}

export function FeedbackPanel({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const task = useTask();
  const [range, setRange] = useState(lastQuarter);
  const [blocked, setBlocked] = useState(false);
  const valid = range.from !== '' && range.to !== '' && range.from <= range.to;
  const query = { unitId, from: range.from, to: range.to };
  const feedback = useQuery({ queryKey: unitKeys.feedback(query), queryFn: () => request('units.feedback', query), enabled: valid });

  const xlsx = useFileDownload(
    (q: typeof query) => task.request('units.feedbackXlsx', q),
    (file) => t('units.feedback.saved', { file: file.fileName }),
  );

  const f = feedback.data;
  return (
    <Paper variant="outlined" component="section" sx={{ p: { xs: 2, md: 3 }, mt: 2 }} aria-labelledby="unit-feedback-title">
      <Typography variant="h6" component="h2" id="unit-feedback-title">
        {t('units.feedback.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('units.feedback.intro')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <DateTextField filter label={t('units.feedback.from')} value={range.from} onChange={(from) => setRange((r) => ({ ...r, from }))} fullWidth={false} sx={{ width: 170 }} />
        <DateTextField
          filter
          label={t('units.feedback.to')}
          value={range.to}
          onChange={(to) => setRange((r) => ({ ...r, to }))}
          fullWidth={false}
          sx={{ width: 170 }}
          error={range.to !== '' && range.from !== '' && range.to < range.from}
          helperText={range.to !== '' && range.from !== '' && range.to < range.from ? t('validation.date.endBeforeStart') : undefined}
        />
        <Button sx={{ mt: 3 }} onClick={() => setRange(lastQuarter())}>
          {t('units.feedback.lastQuarter')}
        </Button>
        <Box sx={{ flex: 1 }} />
        <Box sx={{ display: 'flex', gap: 1, mt: 2.5, flexWrap: 'wrap' }}>
          <Button
            variant="contained"
            startIcon={<PrintIcon />}
            disabled={!valid || !f}
            onClick={() => setBlocked(!openFeedbackPrint(unitId, range.from, range.to))}
          >
            {t('units.feedback.print')}
          </Button>
          <Button variant="outlined" startIcon={<DownloadIcon />} disabled={!valid || task.running} onClick={() => xlsx.download.mutate(query)}>
            {t('units.feedback.xlsx')}
          </Button>
        </Box>
      </Box>
      {blocked ? (
        <Alert severity="warning" sx={{ my: 1 }} onClose={() => setBlocked(false)}>
          {t('print.blocked')}{' '}
          <Link
            href={feedbackPrintHash(unitId, range.from, range.to, 'print')}
            onClick={(e) => {
              e.preventDefault();
              setBlocked(!openFeedbackPrint(unitId, range.from, range.to));
            }}
          >
            {t('units.feedback.openHere')}
          </Link>
        </Alert>
      ) : null}
      <ErrorAlert error={feedback.error ?? xlsx.error} sx={{ my: 1 }} />
      {f ? (
        <>
          <Typography sx={{ mt: 2, mb: 1 }}>
            {t('units.feedback.totals', {
              persons: f.totals.persons,
              visits: f.totals.visits,
              hospitalisations: f.totals.hospitalisations,
              raised: f.totals.needsRaised,
              resolved: f.totals.needsResolved,
            })}
            {f.totals.partyAtUnit > 0 ? t('units.feedback.partyAtUnit', { count: f.totals.partyAtUnit }) : ''}
          </Typography>
          {f.rows.length === 0 ? (
            <Typography color="text.secondary" sx={{ py: 2 }}>
              {t('units.feedback.noPersons')}
            </Typography>
          ) : (
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small" aria-label={t('units.feedback.title')}>
                <TableHead>
                  <TableRow>
                    <TableCell sx={{ width: 90 }}>{t('persons.fields.name')}</TableCell>
                    <TableCell sx={{ width: 110 }}>{t('units.feedback.col.status')}</TableCell>
                    <TableCell sx={{ width: 150 }}>{t('units.feedback.col.adl')}</TableCell>
                    <TableCell>{t('units.feedback.col.hospital')}</TableCell>
                    <TableCell sx={{ width: 140 }}>{t('units.feedback.col.visits')}</TableCell>
                    <TableCell>{t('units.feedback.col.needs')}</TableCell>
                    <TableCell>{t('units.feedback.col.party')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {f.rows.map((r) => (
                    <TableRow key={r.personId}>
                      <TableCell>
                        <Link component={RouterLink} to={`/persons/${r.personId}`} sx={{ fontWeight: 600 }}>
                          {r.name}
                        </Link>
                      </TableCell>
                      <TableCell>
                        {valueLabel('status', r.status)}
                        {r.statusChanges.map((c) => (
                          <Typography key={`${c.date}${c.status}`} variant="body2" color="text.secondary">
                            {t('units.feedback.statusChange', { date: c.date, status: valueLabel('status', c.status) })}
                          </Typography>
                        ))}
                      </TableCell>
                      <TableCell>{adlText(t, r)}</TableCell>
                      <TableCell>
                        {r.hospitalisations.length === 0 && r.checkups.length === 0 ? (
                          <Typography variant="body2" color="text.secondary">
                            {t('units.feedback.none')}
                          </Typography>
                        ) : null}
                        {r.hospitalisations.map((h) => (
                          <Typography key={h.date} variant="body2">
                            {t('units.feedback.hospitalLine', { from: h.date, to: h.endDate ?? t('units.feedback.ongoing'), institution: h.institution })}
                          </Typography>
                        ))}
                        {r.checkups.length > 0 ? (
                          <Typography variant="body2" color="text.secondary">
                            {t('units.feedback.checkups', { count: r.checkups.length })}
                          </Typography>
                        ) : null}
                      </TableCell>
                      <TableCell>
                        {t('units.feedback.visitCount', { count: r.visits })}
                        <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                          {r.lastVisitDate ? t('units.feedback.lastVisit', { date: r.lastVisitDate }) : t('units.feedback.neverVisited')}
                        </Typography>
                      </TableCell>
                      <TableCell>
                        {r.needsRaised.length === 0 ? <Typography variant="body2" color="text.secondary">{t('units.feedback.none')}</Typography> : null}
                        {r.needsRaised.map((n, i) => (
                          <Typography key={i} variant="body2">
                            {label('requestCategory', n.category)}：{n.description}{' '}
                            <Chip size="small" variant="outlined" label={label('requestStatus', n.status)} sx={{ height: 20 }} />
                          </Typography>
                        ))}
                      </TableCell>
                      <TableCell>
                        {r.party ? (
                          <>
                            <Typography variant="body2">{r.party.branchName}</Typography>
                            <Typography variant="body2" color="text.secondary">
                              {t(`units.feedback.relation.${r.party.relationHeld}`)}
                            </Typography>
                            <Typography variant="body2" color="text.secondary">
                              {t('units.feedback.meetings', { attended: r.party.meetingsAttended, held: r.party.meetingsHeld })}
                            </Typography>
                          </>
                        ) : (
                          <Typography variant="body2" color="text.secondary">
                            —
                          </Typography>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
        </>
      ) : null}
      {task.dialog}
    </Paper>
  );
}
