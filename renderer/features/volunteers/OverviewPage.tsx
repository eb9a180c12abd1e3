/**
 * 概览: the year's volunteering at a glance — hours, records and how many people served, hours per
 * month as bars, per team, and the 光荣榜 of those who gave the most hours.
 */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { BarChart } from '@mui/x-charts/BarChart';
import Avatar from '@mui/material/Avatar';
import { useTheme } from '@mui/material/styles';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
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
import EmojiEventsIcon from '@mui/icons-material/EmojiEvents';
import { useTranslation } from 'react-i18next';
import { hoursText, type VolunteerStats } from '../../../shared/schemas/volunteers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { request } from '../../rpc';
import { KIND_COLOURS, hoursLabel, teamKindLabel, useThisYear, volunteerKeys, volunteerKindLabel } from './common';

function Figure({ label, value, unit }: { label: string; value: string; unit: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 2, flex: '1 1 180px' }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="p" sx={{ fontSize: '2rem', fontWeight: 700, lineHeight: 1.3 }}>
        <span>{value}</span>
        <Typography component="span" sx={{ ml: 0.5, fontSize: '1rem', fontWeight: 400 }} color="text.secondary">
          {unit}
        </Typography>
      </Typography>
    </Paper>
  );
}

/** A month's short name on the chart: 1月…12月 in Chinese, Jan…Dec in English. */
function monthLabel(month: number, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en' : 'zh-CN', { month: 'short', timeZone: 'UTC' }).format(Date.UTC(2000, month - 1, 1));
}

/** Gold, silver and bronze for the first three ranks. */
const MEDALS = ['#d4a017', '#9e9e9e', '#b87333'];

function HonourRoll({ top }: { top: VolunteerStats['top'] }) {
  const { t } = useTranslation();
  if (top.length === 0) {
    return (
      <Typography color="text.secondary" sx={{ p: 2 }}>
        {t('volunteers.overview.noTop')}
      </Typography>
    );
  }
  return (
    <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }} aria-label={t('volunteers.overview.top')}>
      {top.map((p) => (
        <Box component="li" key={p.volunteerId} sx={{ display: 'flex', alignItems: 'center', gap: 1.5, py: 1, borderBottom: 1, borderColor: 'divider' }}>
          <Avatar sx={{ width: 32, height: 32, fontSize: '0.95rem', fontWeight: 700, bgcolor: MEDALS[p.rank - 1] ?? 'grey.300', color: p.rank <= 3 ? '#fff' : 'text.primary' }}>
            {p.rank}
          </Avatar>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Link component={RouterLink} to={`/volunteers/people/${p.volunteerId}`} sx={{ fontWeight: 600, fontSize: '1.05rem' }}>
              {p.name}
            </Link>
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 0.25 }}>
              <Chip size="small" variant="outlined" color={KIND_COLOURS[p.kind]} label={volunteerKindLabel(p.kind)} />
              <Typography variant="body2" color="text.secondary">
                {t('volunteers.teams.servicesCount', { count: p.services })}
              </Typography>
            </Box>
          </Box>
          <Typography sx={{ fontWeight: 700, fontSize: '1.1rem', whiteSpace: 'nowrap' }}>{hoursLabel(p.minutes)}</Typography>
        </Box>
      ))}
    </Box>
  );
}

export function OverviewPage() {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  // Main's calendar year until someone picks another one (the browser's clock may say otherwise on New Year's Eve).
  const thisYear = useThisYear();
  const [chosen, setChosen] = useState<number | null>(null);
  const year = chosen ?? thisYear.year;
  const stats = useQuery({ queryKey: volunteerKeys.stats(year), queryFn: () => request('volunteers.stats', { year }), enabled: chosen !== null || thisYear.known });
  const data = stats.data;
  const years = data?.years ?? [year];
  const teamMax = Math.max(1, ...(data?.teams ?? []).map((x) => x.minutes));

  return (
    <Box>
      <PageHeader
        title={t('volunteers.overview.title')}
        intro={t('volunteers.overview.intro')}
        actions={
          <TextField select label={t('volunteers.overview.year')} value={year} onChange={(e) => setChosen(Number(e.target.value))} size="small" margin="none" sx={{ width: 130 }}>
            {years.map((y) => (
              <MenuItem key={y} value={y}>
                {t('volunteers.overview.yearValue', { year: y })}
              </MenuItem>
            ))}
          </TextField>
        }
      />
      <ErrorAlert error={stats.error} sx={{ mb: 2 }} />
      {data ? (
        <>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
            <Figure label={t('volunteers.overview.hours')} value={hoursText(data.totalMinutes)} unit={t('volunteers.overview.hoursUnit')} />
            <Figure label={t('volunteers.overview.services')} value={String(data.services)} unit={t('volunteers.overview.servicesUnit', { count: data.services })} />
            <Figure label={t('volunteers.overview.volunteers')} value={String(data.volunteers)} unit={t('volunteers.overview.volunteersUnit', { count: data.volunteers })} />
          </Box>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, gap: 2 }}>
            <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, minWidth: 0 }}>
              <Paper variant="outlined" sx={{ p: 2 }}>
                <Typography variant="h6" component="h2">
                  {t('volunteers.overview.byMonth', { year: data.year })}
                </Typography>
                <BarChart
                  height={280}
                  // Twelve short labels always fit; 'auto' hid them all when it could not measure the Chinese text.
                  xAxis={[{ scaleType: 'band', data: data.months.map((m) => monthLabel(m.month, i18n.language)), tickLabelInterval: () => true, height: 28 }]}
                  yAxis={[{ width: 40 }]}
                  series={[
                    {
                      data: data.months.map((m) => Number(hoursText(m.minutes))),
                      label: t('volunteers.overview.hours'),
                      color: theme.palette.primary.main,
                      valueFormatter: (v: number | null) => t('volunteers.hoursValue', { hours: (v ?? 0).toFixed(1) }),
                    },
                  ]}
                  hideLegend
                  grid={{ horizontal: true }}
                  margin={{ left: 8, right: 16, top: 16, bottom: 4 }}
                />
              </Paper>
              <Paper variant="outlined" sx={{ p: 2 }}>
                <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
                  {t('volunteers.overview.byTeam')}
                </Typography>
                {data.teams.length === 0 ? (
                  <Typography color="text.secondary">{t('volunteers.overview.noServices')}</Typography>
                ) : (
                  <Table size="small" aria-label={t('volunteers.overview.byTeam')}>
                    <TableHead>
                      <TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}>
                        <TableCell>{t('volunteers.services.team')}</TableCell>
                        <TableCell sx={{ width: '30%' }} />
                        <TableCell align="right">{t('volunteers.overview.hours')}</TableCell>
                        <TableCell align="right">{t('volunteers.overview.servicesShort')}</TableCell>
                        <TableCell align="right">{t('volunteers.overview.volunteersShort')}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {data.teams.map((row) => (
                        <TableRow key={row.teamId ?? 'none'}>
                          <TableCell>
                            {row.teamId && row.teamDeleted ? (
                              // The team page is gone; its records (and hours) are kept under its name.
                              <>
                                <Typography sx={{ fontWeight: 600, color: 'text.secondary' }}>
                                  {t('volunteers.services.teamDeleted', { name: row.teamName })}
                                </Typography>
                                <Typography variant="body2" color="text.secondary">
                                  {teamKindLabel(row.kind)}
                                </Typography>
                              </>
                            ) : row.teamId ? (
                              <>
                                <Link component={RouterLink} to={`/volunteers/teams/${row.teamId}`} sx={{ fontWeight: 600 }}>
                                  {row.teamName}
                                </Link>
                                <Typography variant="body2" color="text.secondary">
                                  {teamKindLabel(row.kind)}
                                </Typography>
                              </>
                            ) : (
                              <Typography color="text.secondary">{t('volunteers.overview.noTeam')}</Typography>
                            )}
                          </TableCell>
                          <TableCell>
                            <LinearProgress variant="determinate" value={(row.minutes / teamMax) * 100} sx={{ height: 10, borderRadius: 5, color: row.teamDeleted ? 'grey.500' : undefined }} aria-label={row.teamName ?? t('volunteers.overview.noTeam')} color={row.teamDeleted ? 'inherit' : 'primary'} />
                          </TableCell>
                          <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                            {hoursLabel(row.minutes)}
                          </TableCell>
                          <TableCell align="right">{row.services}</TableCell>
                          <TableCell align="right">{row.volunteers}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                )}
              </Paper>
            </Box>
            <Paper variant="outlined" sx={{ p: 2, alignSelf: 'start' }}>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                <EmojiEventsIcon sx={{ color: MEDALS[0] }} />
                <Typography variant="h6" component="h2">
                  {t('volunteers.overview.top')}
                </Typography>
              </Box>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                {t('volunteers.overview.topIntro', { year: data.year })}
              </Typography>
              <HonourRoll top={data.top} />
            </Paper>
          </Box>
        </>
      ) : null}
    </Box>
  );
}
