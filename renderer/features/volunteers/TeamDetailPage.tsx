/**
 * One team: what it is, its totals, who is in it (and who was, with dates), its service records;
 * staff add members, record a patrol for several members at once, change or delete the team.
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
import GroupAddIcon from '@mui/icons-material/GroupAdd';
import PlaylistAddIcon from '@mui/icons-material/PlaylistAdd';
import { useTranslation } from 'react-i18next';
import type { Membership } from '../../../shared/schemas/volunteers';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { BackButton, DetailFallback } from '../../components/DetailFallback';
import { useNotify } from '../../components/Notifier';
import { useCanWrite } from '../../components/access';
import { request } from '../../rpc';
import { useWrite } from '../../components/useWrite';
import { BatchServiceDialog } from './BatchServiceDialog';
import { JoinTeamDialog, LeaveTeamDialog } from './MembershipDialogs';
import { ServicesTable } from './ServicesTable';
import { TeamDialog } from './TeamDialog';
import { Fact } from './Fact';
import { KIND_COLOURS, hoursLabel, invalidateVolunteers, teamKindLabel, useThisYear, volunteerKeys, volunteerKindLabel } from './common';

function MembersTable({ rows, canWrite, onLeave, past }: { rows: Membership[]; canWrite: boolean; onLeave: (m: Membership) => void; past: boolean }) {
  const { t } = useTranslation();
  const { year } = useThisYear();
  return (
    <Table size="small" aria-label={past ? t('volunteers.members.past') : t('volunteers.members.current')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('volunteers.people.name')}</TableCell>
          <TableCell sx={{ width: 130 }}>{t('volunteers.people.kind')}</TableCell>
          <TableCell sx={{ width: 130 }}>{t('volunteers.members.fromDate')}</TableCell>
          {past ? <TableCell sx={{ width: 130 }}>{t('volunteers.members.toDate')}</TableCell> : null}
          <TableCell sx={{ width: 150 }} align="right">
            {t('volunteers.members.hoursYear', { year })}
          </TableCell>
          {canWrite && !past ? <TableCell sx={{ width: 100 }} /> : null}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((m) => (
          <TableRow key={m.id}>
            <TableCell>
              <Link component={RouterLink} to={`/volunteers/people/${m.volunteerId}`} sx={{ fontWeight: 600 }}>
                {m.volunteerName}
              </Link>
            </TableCell>
            <TableCell>
              <Chip size="small" variant="outlined" color={KIND_COLOURS[m.volunteerKind]} label={volunteerKindLabel(m.volunteerKind)} />
            </TableCell>
            <TableCell>{m.fromDate}</TableCell>
            {past ? <TableCell>{m.toDate}</TableCell> : null}
            <TableCell align="right">{hoursLabel(m.minutesYear)}</TableCell>
            {canWrite && !past ? (
              <TableCell align="right">
                <Button size="small" onClick={() => onLeave(m)}>
                  {t('volunteers.members.leave')}
                </Button>
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function TeamDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const canWrite = useCanWrite();
  const { year, known } = useThisYear();
  const team = useQuery({ queryKey: volunteerKeys.team(id, year), queryFn: () => request('volunteers.team', { id, year }), enabled: known });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [adding, setAdding] = useState(false);
  const [batch, setBatch] = useState(false);
  const [leaving, setLeaving] = useState<Membership | null>(null);
  const remove = useWrite({
    write: () => request('volunteers.deleteTeam', { id }),
    onSuccess: async () => {
      notify(t('volunteers.teams.deleted', { name: team.data?.name ?? '' }));
      setDeleting(false);
      void navigate('/volunteers/teams');
      await invalidateVolunteers(queryClient);
    },
  });

  const back = <BackButton to="/volunteers/teams" label={t('volunteers.teams.back')} />;
  const data = team.data;
  if (team.error || !data) return <DetailFallback back={back} error={team.error} loading="spinner" />;
  const current = data.members.filter((m) => m.toDate === null);
  const past = data.members.filter((m) => m.toDate !== null);

  return (
    <Box>
      {back}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap', mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 600 }}>
          {data.name}
        </Typography>
        <Chip color="primary" variant="outlined" label={teamKindLabel(data.kind)} />
        <Box sx={{ flex: 1 }} />
        {canWrite ? (
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            <Button variant="contained" startIcon={<PlaylistAddIcon />} onClick={() => setBatch(true)} disabled={current.length === 0}>
              {t('volunteers.batch.open')}
            </Button>
            <Button variant="outlined" startIcon={<GroupAddIcon />} onClick={() => setAdding(true)}>
              {t('volunteers.members.add')}
            </Button>
            <Button onClick={() => setEditing(true)}>{t('volunteers.edit')}</Button>
            <Button color="error" onClick={() => setDeleting(true)}>
              {t('volunteers.delete')}
            </Button>
          </Box>
        ) : null}
      </Box>

      <Paper variant="outlined" sx={{ p: 2, mb: 2, display: 'flex', gap: 4, flexWrap: 'wrap' }}>
        <Fact label={t('volunteers.teams.leader')} value={data.leader || '—'} />
        <Fact label={t('volunteers.teams.foundedOn')} value={data.foundedOn ?? '—'} />
        <Fact label={t('volunteers.teams.members')} value={t('volunteers.teams.memberCount', { count: data.memberCount })} />
        <Fact label={t('volunteers.teams.hoursYear', { year })} value={hoursLabel(data.minutesYear)} strong />
        <Fact label={t('volunteers.teams.hoursTotal')} value={hoursLabel(data.minutesTotal)} />
        {data.description ? <Fact label={t('volunteers.teams.description')} value={data.description} wide /> : null}
      </Paper>

      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {t('volunteers.members.current')}
      </Typography>
      <Paper variant="outlined" sx={{ mb: 2 }}>
        {current.length === 0 ? (
          <Typography sx={{ p: 3, textAlign: 'center' }} color="text.secondary">
            {canWrite ? t('volunteers.members.emptyWrite') : t('volunteers.members.empty')}
          </Typography>
        ) : (
          <MembersTable rows={current} canWrite={canWrite} onLeave={setLeaving} past={false} />
        )}
      </Paper>
      {past.length > 0 ? (
        <>
          <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
            {t('volunteers.members.past')}
          </Typography>
          <Paper variant="outlined" sx={{ mb: 2 }}>
            <MembersTable rows={past} canWrite={canWrite} onLeave={setLeaving} past />
          </Paper>
        </>
      ) : null}

      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {t('volunteers.services.ofTeam')}
      </Typography>
      <ServicesTable filter={{ teamId: data.id }} hide={['team']} emptyLabel={t('volunteers.services.emptyTeam')} />

      <TeamDialog open={editing} team={data} onClose={() => setEditing(false)} />
      <JoinTeamDialog target={adding ? { team: { id: data.id, name: data.name }, currentIds: current.map((m) => m.volunteerId) } : null} onClose={() => setAdding(false)} />
      <LeaveTeamDialog membership={leaving} onClose={() => setLeaving(null)} />
      <BatchServiceDialog open={batch} team={{ id: data.id, name: data.name }} members={data.members} onClose={() => setBatch(false)} />
      <ConfirmDialog
        open={deleting}
        title={t('volunteers.teams.deleteTitle', { name: data.name })}
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
        <Typography>{t('volunteers.teams.deleteBody', { count: current.length, hours: hoursLabel(data.minutesTotal) })}</Typography>
      </ConfirmDialog>
    </Box>
  );
}
