/**
 * One volunteer: who they are, their hours this year and in all, the teams they are and were in,
 * and their service records; staff log hours, add them to a team, change or delete them.
 */
import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
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
import GroupAddIcon from '@mui/icons-material/GroupAdd';
import { useTranslation } from 'react-i18next';
import type { Membership, VolunteerDetail } from '../../../shared/schemas/volunteers';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { BackButton, DetailFallback } from '../../components/DetailFallback';
import { useNotify } from '../../components/Notifier';
import { request } from '../../rpc';
import { useWrite } from '../../components/useWrite';
import { useCanWrite } from '../../components/access';
import { Fact } from './Fact';
import { JoinTeamDialog, LeaveTeamDialog } from './MembershipDialogs';
import { ServiceDialog } from './ServiceDialog';
import { ServicesTable } from './ServicesTable';
import { VolunteerDialog } from './VolunteerDialog';
import { KIND_COLOURS, hoursLabel, invalidateVolunteers, useThisYear, volunteerKeys, volunteerKindLabel } from './common';

/** The teams a volunteer is and was in, with dates and this year's hours for each. */
export function MembershipsTable({ volunteer, canWrite, onLeave }: { volunteer: VolunteerDetail; canWrite: boolean; onLeave: (m: Membership) => void }) {
  const { t } = useTranslation();
  const { year } = useThisYear();
  if (volunteer.memberships.length === 0) {
    return (
      <Typography sx={{ p: 2 }} color="text.secondary">
        {t('volunteers.members.noTeams')}
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={t('volunteers.people.teams')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('volunteers.services.team')}</TableCell>
          <TableCell sx={{ width: 120 }}>{t('volunteers.members.fromDate')}</TableCell>
          <TableCell sx={{ width: 120 }}>{t('volunteers.members.toDate')}</TableCell>
          <TableCell sx={{ width: 140 }} align="right">
            {t('volunteers.members.hoursYear', { year })}
          </TableCell>
          {canWrite ? <TableCell sx={{ width: 90 }} /> : null}
        </TableRow>
      </TableHead>
      <TableBody>
        {volunteer.memberships.map((m) => (
          <TableRow key={m.id}>
            <TableCell>
              {m.teamDeleted ? (
                <Typography variant="body2" color="text.secondary">
                  {t('volunteers.services.teamDeleted', { name: m.teamName })}
                </Typography>
              ) : (
                <Link component={RouterLink} to={`/volunteers/teams/${m.teamId}`} sx={{ fontWeight: 600 }}>
                  {m.teamName}
                </Link>
              )}
            </TableCell>
            <TableCell>{m.fromDate}</TableCell>
            <TableCell>{m.toDate ?? <Chip size="small" color="success" variant="outlined" label={t('volunteers.members.active')} />}</TableCell>
            <TableCell align="right">{hoursLabel(m.minutesYear)}</TableCell>
            {canWrite ? (
              <TableCell align="right">
                {m.toDate === null && !m.teamDeleted ? (
                  <Button size="small" onClick={() => onLeave(m)}>
                    {t('volunteers.members.leave')}
                  </Button>
                ) : null}
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function VolunteerDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const canWrite = useCanWrite();
  const { year, known } = useThisYear();
  const volunteer = useQuery({ queryKey: volunteerKeys.detail(id, year), queryFn: () => request('volunteers.get', { id, year }), enabled: known });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [logging, setLogging] = useState(false);
  const [joining, setJoining] = useState(false);
  const [leaving, setLeaving] = useState<Membership | null>(null);
  const remove = useWrite({
    write: () => request('volunteers.delete', { id }),
    onSuccess: async () => {
      notify(t('volunteers.people.deleted', { name: volunteer.data?.name ?? '' }));
      setDeleting(false);
      void navigate('/volunteers/people');
      await invalidateVolunteers(queryClient);
    },
  });

  const back = <BackButton to="/volunteers/people" label={t('volunteers.people.back')} />;
  const data = volunteer.data;
  if (volunteer.error || !data) return <DetailFallback back={back} error={volunteer.error} loading="spinner" />;
  const picked = { id: data.id, name: data.name, kind: data.kind };

  return (
    <Box>
      {back}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap', mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 600 }}>
          {data.name}
        </Typography>
        <Chip variant="outlined" color={KIND_COLOURS[data.kind]} label={volunteerKindLabel(data.kind)} />
        {data.personId ? (
          <Link component={RouterLink} to={`/persons/${data.personId}?tab=participation`}>
            {t('volunteers.people.openRecord')}
          </Link>
        ) : null}
        <Box sx={{ flex: 1 }} />
        {canWrite ? (
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setLogging(true)}>
              {t('volunteers.services.create')}
            </Button>
            <Button variant="outlined" startIcon={<GroupAddIcon />} onClick={() => setJoining(true)}>
              {t('volunteers.members.joinTeam')}
            </Button>
            <Button onClick={() => setEditing(true)}>{t('volunteers.edit')}</Button>
            <Button color="error" onClick={() => setDeleting(true)}>
              {t('volunteers.delete')}
            </Button>
          </Box>
        ) : null}
      </Box>

      <Paper variant="outlined" sx={{ p: 2, mb: 2, display: 'flex', gap: 4, flexWrap: 'wrap' }}>
        <Fact label={t('volunteers.people.phone')} value={data.phone || '—'} />
        {data.kind !== 'retiree' ? <Fact label={t('volunteers.people.organisation')} value={data.organisation || '—'} /> : null}
        <Fact label={t('volunteers.people.hoursYear', { year })} value={hoursLabel(data.minutesYear)} strong />
        <Fact label={t('volunteers.people.servicesYear', { year })} value={t('volunteers.teams.servicesCount', { count: data.servicesYear })} />
        <Fact label={t('volunteers.people.hoursTotal')} value={hoursLabel(data.minutesTotal)} />
        <Fact label={t('volunteers.people.servicesTotal')} value={t('volunteers.teams.servicesCount', { count: data.servicesTotal })} />
        {data.notes ? <Fact label={t('volunteers.people.notes')} value={data.notes} wide /> : null}
      </Paper>

      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {t('volunteers.people.teams')}
      </Typography>
      <Paper variant="outlined" sx={{ mb: 2 }}>
        <MembershipsTable volunteer={data} canWrite={canWrite} onLeave={setLeaving} />
      </Paper>

      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {t('volunteers.services.ofVolunteer')}
      </Typography>
      <ServicesTable filter={{ volunteerId: data.id }} hide={['volunteer']} emptyLabel={t('volunteers.services.emptyVolunteer')} />

      <VolunteerDialog open={editing} volunteer={data} onClose={() => setEditing(false)} />
      <ServiceDialog open={logging} service={null} volunteer={picked} teamId={data.memberships.find((m) => m.toDate === null && !m.teamDeleted)?.teamId} onClose={() => setLogging(false)} />
      <JoinTeamDialog
        target={joining ? { volunteer: picked, currentTeamIds: data.memberships.filter((m) => m.toDate === null).map((m) => m.teamId) } : null}
        onClose={() => setJoining(false)}
      />
      <LeaveTeamDialog membership={leaving} onClose={() => setLeaving(null)} />
      <ConfirmDialog
        open={deleting}
        title={t('volunteers.people.deleteTitle', { name: data.name })}
        confirmLabel={t('volunteers.delete')}
        danger
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onCancel={() => {
          setDeleting(false);
          remove.reset();
        }}
      >
        <Typography>{t('volunteers.people.deleteBody', { count: data.servicesTotal, hours: hoursLabel(data.minutesTotal) })}</Typography>
        {data.personId ? (
          <Typography sx={{ mt: 1 }} color="text.secondary">
            {t('volunteers.people.deleteKeepsRecord')}
          </Typography>
        ) : null}
      </ConfirmDialog>
    </Box>
  );
}
