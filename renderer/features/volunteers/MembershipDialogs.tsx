/**
 * Joining and leaving a team, both dated so the team's history stays: volunteers join a team (from
 * the team's page, several at once) or a volunteer joins a team (from their page); a member leaves.
 */
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { Membership } from '../../../shared/schemas/volunteers';
import { DateTextField } from '../../components/DateTextField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { serverIssues } from '../../components/serverIssues';
import { fieldMessage } from '../../i18n';
import { request } from '../../rpc';
import { VolunteersPicker, type PickedVolunteer } from './VolunteerPicker';
import { invalidateVolunteers, useToday, useTeams } from './common';

type JoinTarget = { team: { id: string; name: string }; currentIds: readonly string[] } | { volunteer: PickedVolunteer; currentTeamIds: readonly string[] };

export function JoinTeamDialog({ target, onClose }: { target: JoinTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const teams = useTeams();
  const today = useToday();
  const [picked, setPicked] = useState<PickedVolunteer[]>([]);
  const [teamId, setTeamId] = useState('');
  const [date, setDate] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // Callers build the target afresh on every render: start over only when the dialog opens for someone else.
  const openedFor = target === null ? null : 'team' in target ? `team:${target.team.id}` : `volunteer:${target.volunteer.id}`;
  useEffect(() => {
    if (openedFor === null) return;
    setPicked([]);
    setTeamId('');
    setDate(today);
    setProblems({});
    setError(null);
  }, [openedFor, today]);

  const forTeam = target !== null && 'team' in target;
  const teamChoices = (teams.data ?? []).filter((team) => target !== null && 'volunteer' in target && !target.currentTeamIds.includes(team.id));

  const save = async () => {
    if (!target) return;
    const found: Record<string, string> = {};
    if (forTeam && picked.length === 0) found['volunteerIds'] = 'volunteers.chooseVolunteers';
    if (!forTeam && teamId === '') found['teamId'] = 'volunteers.chooseTeam';
    if (date === '') found['fromDate'] = 'volunteers.dateRequired';
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      if ('team' in target) {
        await request('volunteers.join', { teamId: target.team.id, volunteerIds: picked.map((p) => p.id), fromDate: date });
        notify(t('volunteers.members.joined', { count: picked.length, team: target.team.name }));
      } else {
        await request('volunteers.join', { teamId, volunteerIds: [target.volunteer.id], fromDate: date });
        notify(t('volunteers.members.joinedOne', { name: target.volunteer.name, team: teams.data?.find((x) => x.id === teamId)?.name ?? '' }));
      }
      await invalidateVolunteers(queryClient);
      onClose();
    } catch (err) {
      const marked: Record<string, string> = {};
      for (const issue of serverIssues(err)) marked[issue.path] = issue.message;
      setProblems(marked);
      setError(marked['fromDate'] ? null : err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={target !== null} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="join-dialog-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <DialogTitle id="join-dialog-title">
          {target && 'team' in target ? t('volunteers.members.addTitle', { team: target.team.name }) : t('volunteers.members.joinTitle', { name: target && 'volunteer' in target ? target.volunteer.name : '' })}
        </DialogTitle>
        <DialogContent>
          {target && 'team' in target ? (
            <VolunteersPicker
              value={picked}
              onChange={setPicked}
              label={t('volunteers.members.volunteers')}
              excludeIds={target.currentIds}
              error={problems['volunteerIds'] !== undefined}
              helperText={fieldMessage(problems['volunteerIds']) ?? t('volunteers.members.volunteersHelp')}
              autoFocus
            />
          ) : teamChoices.length === 0 ? (
            <Alert severity="info">{t('volunteers.members.noOtherTeams')}</Alert>
          ) : (
            <TextField
              select
              label={t('volunteers.services.team')}
              value={teamId}
              onChange={(e) => setTeamId(e.target.value)}
              required
              error={problems['teamId'] !== undefined}
              helperText={fieldMessage(problems['teamId']) ?? ' '}
            >
              {teamChoices.map((team) => (
                <MenuItem key={team.id} value={team.id}>
                  {team.name}
                </MenuItem>
              ))}
            </TextField>
          )}
          <DateTextField
            label={t('volunteers.members.fromDate')}
            value={date}
            onChange={setDate}
            required
            error={problems['fromDate'] !== undefined}
            helperText={fieldMessage(problems['fromDate']) ?? t('volunteers.members.fromDateHelp')}
          />
          <ErrorAlert error={error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} saveLabel={t('volunteers.members.join')} />
      </form>
    </Dialog>
  );
}

export function LeaveTeamDialog({ membership, onClose }: { membership: Membership | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const today = useToday();
  const [date, setDate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!membership) return;
    setDate(today);
    setProblem(null);
    setError(null);
  }, [membership, today]);

  const save = async () => {
    if (!membership) return;
    if (date === '') {
      setProblem('volunteers.dateRequired');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await request('volunteers.leave', { membershipId: membership.id, toDate: date });
      notify(t('volunteers.members.left', { name: membership.volunteerName, team: membership.teamName }));
      await invalidateVolunteers(queryClient);
      onClose();
    } catch (err) {
      const issue = serverIssues(err).find((i) => i.path === 'toDate');
      setProblem(issue?.message ?? null);
      setError(issue ? null : err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={membership !== null} onClose={busy ? undefined : onClose} maxWidth="xs" fullWidth aria-labelledby="leave-dialog-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <DialogTitle id="leave-dialog-title">{t('volunteers.members.leaveTitle', { name: membership?.volunteerName ?? '', team: membership?.teamName ?? '' })}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('volunteers.members.leaveIntro', { date: membership?.fromDate ?? '' })}
          </Typography>
          <DateTextField
            label={t('volunteers.members.toDate')}
            value={date}
            onChange={setDate}
            required
            autoFocus
            error={problem !== null}
            helperText={fieldMessage(problem ?? undefined) ?? ' '}
          />
          <ErrorAlert error={error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} saveLabel={t('volunteers.members.leave')} />
      </form>
    </Dialog>
  );
}
