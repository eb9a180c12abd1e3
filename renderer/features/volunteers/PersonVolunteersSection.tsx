/**
 * 志愿服务 on a retired official's page: their teams, hours this year and in all, their latest
 * service records; staff make them a volunteer or log their hours from here.
 */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useQuery } from '@tanstack/react-query';
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
import AddIcon from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { request } from '../../rpc';
import { personKeys } from '../../components/queryKeys';
import { useCanWrite } from '../../components/access';
import { Fact } from './Fact';
import { ServiceDialog } from './ServiceDialog';
import { VolunteerDialog } from './VolunteerDialog';
import { hoursLabel, useThisYear, volunteerKeys } from './common';

export function PersonVolunteersSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const { year, known } = useThisYear();
  const mine = useQuery({ queryKey: volunteerKeys.ofPerson(personId), queryFn: () => request('volunteers.ofPerson', { personId, year }), enabled: known });
  // The person's name for the dialog title, from the page's own query (already loaded).
  const person = useQuery({ queryKey: personKeys.detail(personId), queryFn: () => request('persons.get', { id: personId }) });
  const [creating, setCreating] = useState(false);
  const [logging, setLogging] = useState(false);
  const volunteer = mine.data?.volunteer ?? null;
  const personName = person.data?.person.name ?? '';

  return (
    <Box component="section" aria-labelledby="person-volunteers-title">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1, flexWrap: 'wrap' }}>
        <Typography id="person-volunteers-title" variant="h6" component="h2">
          {t('volunteers.person.title')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {volunteer ? (
          <>
            <Button component={RouterLink} to={`/volunteers/people/${volunteer.id}`}>
              {t('volunteers.person.open')}
            </Button>
            {canWrite ? (
              <Button variant="contained" startIcon={<AddIcon />} onClick={() => setLogging(true)}>
                {t('volunteers.services.create')}
              </Button>
            ) : null}
          </>
        ) : canWrite && mine.data ? (
          <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
            {t('volunteers.person.make')}
          </Button>
        ) : null}
      </Box>
      <ErrorAlert error={mine.error} sx={{ mb: 1 }} />
      {mine.data && !volunteer ? (
        <Typography color="text.secondary">{t('volunteers.person.none')}</Typography>
      ) : null}
      {volunteer ? (
        <>
          <Paper variant="outlined" sx={{ p: 2, mb: 2, display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'flex-start' }}>
            <Box sx={{ minWidth: 160 }}>
              <Typography variant="body2" color="text.secondary">
                {t('volunteers.people.teams')}
              </Typography>
              <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', mt: 0.5 }}>
                {volunteer.teams.length === 0 ? <Typography>{t('volunteers.person.noTeam')}</Typography> : volunteer.teams.map((name) => <Chip key={name} size="small" color="primary" variant="outlined" label={name} />)}
              </Box>
            </Box>
            <Fact label={t('volunteers.people.hoursYear', { year })} value={hoursLabel(volunteer.minutesYear)} strong />
            <Fact label={t('volunteers.people.hoursTotal')} value={hoursLabel(volunteer.minutesTotal)} />
            <Fact label={t('volunteers.people.servicesTotal')} value={t('volunteers.teams.servicesCount', { count: volunteer.servicesTotal })} />
          </Paper>
          {mine.data && mine.data.recent.length > 0 ? (
            <Paper variant="outlined">
              <Table size="small" aria-label={t('volunteers.person.recent')}>
                <TableHead>
                  <TableRow>
                    <TableCell sx={{ width: 110 }}>{t('volunteers.services.date')}</TableCell>
                    <TableCell sx={{ width: 160 }}>{t('volunteers.services.team')}</TableCell>
                    <TableCell sx={{ width: 100 }}>{t('volunteers.services.hoursShort')}</TableCell>
                    <TableCell>{t('volunteers.services.description')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {mine.data.recent.map((s) => (
                    <TableRow key={s.id}>
                      <TableCell>{s.date}</TableCell>
                      <TableCell>
                        {s.teamId && !s.teamDeleted ? (
                          <Link component={RouterLink} to={`/volunteers/teams/${s.teamId}`}>
                            {s.teamName}
                          </Link>
                        ) : (
                          (s.teamName ?? t('volunteers.services.noTeam'))
                        )}
                      </TableCell>
                      <TableCell>{hoursLabel(s.minutes)}</TableCell>
                      <TableCell>{s.description}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Paper>
          ) : (
            <Typography color="text.secondary">{t('volunteers.services.emptyVolunteer')}</Typography>
          )}
        </>
      ) : null}
      <VolunteerDialog open={creating} volunteer={null} person={{ id: personId, name: personName, address: '' }} onClose={() => setCreating(false)} />
      {volunteer ? (
        <ServiceDialog
          open={logging}
          service={null}
          volunteer={{ id: volunteer.id, name: volunteer.name, kind: volunteer.kind }}
          teamId={volunteer.memberships.find((m) => m.toDate === null && !m.teamDeleted)?.teamId}
          onClose={() => setLogging(false)}
        />
      ) : null}
    </Box>
  );
}
