/**
 * Joining and leaving a team, both dated so the team's history stays: volunteers join a team (from
 * the team's page, several at once) or a volunteer joins a team (from their page); a member leaves.
 */
import { useEffect, useMemo } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import { FormDialog } from '../../components/FormDialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { dateSchema } from '../../../shared/schemas/common';
import type { Membership } from '../../../shared/schemas/volunteers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDateField } from '../../components/FormDateField';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { SelectField } from '../../components/SelectField';
import { applyServerIssues, unmarkedError } from '../../components/serverIssues';
import { useWrite } from '../../components/useWrite';
import { fieldMessage, zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { VolunteersPicker, type PickedVolunteer } from './VolunteerPicker';
import { useToday, useTeams, volunteerKeys } from './common';

/** A day of joining or leaving: asked for (main would take today for a missing one), then read as dateSchema. */
const dayField = z.string().min(1, { message: 'volunteers.dateRequired' }).pipe(dateSchema);

/** What volunteers.join takes, as the dialog fills it: volunteers for a team, or a team for a volunteer. */
function joinFormSchema(forTeam: boolean) {
  return z.object({
    volunteers: forTeam ? z.array(z.custom<PickedVolunteer>()).min(1, { message: 'volunteers.chooseVolunteers' }) : z.array(z.custom<PickedVolunteer>()),
    teamId: forTeam ? z.string() : z.string().min(1, { message: 'volunteers.chooseTeam' }),
    fromDate: dayField,
  });
}
type JoinValues = z.input<ReturnType<typeof joinFormSchema>>;
type Joining = z.output<ReturnType<typeof joinFormSchema>>;
const JOIN_FIELDS = ['volunteers', 'teamId', 'fromDate'] as const;
const joinFieldOf = (path: string) => (path === 'volunteerIds' ? 'volunteers' : (JOIN_FIELDS.find((f) => f === path) ?? null));

type JoinTarget = { team: { id: string; name: string }; currentIds: readonly string[] } | { volunteer: PickedVolunteer; currentTeamIds: readonly string[] };

export function JoinTeamDialog({ target, onClose }: { target: JoinTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const teams = useTeams();
  const today = useToday();
  const forTeam = target !== null && 'team' in target;
  const schema = useMemo(() => joinFormSchema(forTeam), [forTeam]);
  const { control, handleSubmit, reset, setError } = useForm<JoinValues, unknown, Joining>({
    resolver: zodResolver(schema as unknown as z.ZodType<Joining, JoinValues>, { error: zodIssueMessage }),
    defaultValues: { volunteers: [], teamId: '', fromDate: today },
  });
  const join = useWrite({
    write: ({ volunteers, teamId, fromDate }: Joining) =>
      target !== null && 'team' in target
        ? request('volunteers.join', { teamId: target.team.id, volunteerIds: volunteers.map((p) => p.id), fromDate })
        : request('volunteers.join', { teamId, volunteerIds: target ? [target.volunteer.id] : [], fromDate }),
    invalidates: [volunteerKeys.all],
    onSuccess: (_r, { volunteers, teamId }) => {
      if (target !== null && 'team' in target) notify(t('volunteers.members.joined', { count: volunteers.length, team: target.team.name }));
      else if (target !== null) notify(t('volunteers.members.joinedOne', { name: target.volunteer.name, team: teams.data?.find((x) => x.id === teamId)?.name ?? '' }));
      onClose();
    },
    onError: (err) => applyServerIssues(err, setError, joinFieldOf),
  });
  const { reset: resetJoin } = join;

  // Callers build the target afresh on every render: start over only when the dialog opens for someone else.
  const openedFor = target === null ? null : 'team' in target ? `team:${target.team.id}` : `volunteer:${target.volunteer.id}`;
  useEffect(() => {
    if (openedFor === null) return;
    reset({ volunteers: [], teamId: '', fromDate: today });
    resetJoin();
  }, [openedFor, today, reset, resetJoin]);

  const teamChoices = (teams.data ?? []).filter((team) => target !== null && 'volunteer' in target && !target.currentTeamIds.includes(team.id));
  const submit = handleSubmit((joining) => join.mutate(joining));
  return (
    <FormDialog control={control} open={target !== null} onClose={join.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="join-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="join-dialog-title">
          {target && 'team' in target ? t('volunteers.members.addTitle', { team: target.team.name }) : t('volunteers.members.joinTitle', { name: target && 'volunteer' in target ? target.volunteer.name : '' })}
        </DialogTitle>
        <DialogContent>
          {target && 'team' in target ? (
            <Controller
              control={control}
              name="volunteers"
              render={({ field, fieldState }) => (
                <VolunteersPicker
                  value={field.value}
                  onChange={field.onChange}
                  label={t('volunteers.members.volunteers')}
                  excludeIds={target.currentIds}
                  error={fieldState.error !== undefined}
                  helperText={fieldMessage(fieldState.error?.message) ?? t('volunteers.members.volunteersHelp')}
                  autoFocus
                />
              )}
            />
          ) : teamChoices.length === 0 ? (
            <Alert severity="info">{t('volunteers.members.noOtherTeams')}</Alert>
          ) : (
            <SelectField control={control} name="teamId" label={t('volunteers.services.team')} required helperText=" " options={teamChoices.map((team) => ({ value: team.id, label: team.name }))} />
          )}
          <FormDateField control={control} name="fromDate" label={t('volunteers.members.fromDate')} required helperText={t('volunteers.members.fromDateHelp')} />
          <ErrorAlert error={unmarkedError(join.error, joinFieldOf)} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={join.isPending} saveLabel={t('volunteers.members.join')} />
      </form>
    </FormDialog>
  );
}

const leaveFormSchema = z.object({ toDate: dayField });
type LeaveValues = z.input<typeof leaveFormSchema>;
type Leaving = z.output<typeof leaveFormSchema>;
const leaveFieldOf = (path: string) => (path === 'toDate' ? path : null);

export function LeaveTeamDialog({ membership, onClose }: { membership: Membership | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const today = useToday();
  const { control, handleSubmit, reset, setError } = useForm<LeaveValues, unknown, Leaving>({
    resolver: zodResolver(leaveFormSchema as unknown as z.ZodType<Leaving, LeaveValues>, { error: zodIssueMessage }),
    defaultValues: { toDate: today },
  });
  const leave = useWrite({
    write: ({ membershipId, toDate }: Leaving & { membershipId: string }) => request('volunteers.leave', { membershipId, toDate }),
    invalidates: [volunteerKeys.all],
    onSuccess: () => {
      if (membership) notify(t('volunteers.members.left', { name: membership.volunteerName, team: membership.teamName }));
      onClose();
    },
    onError: (err) => applyServerIssues(err, setError, leaveFieldOf),
  });
  const { reset: resetLeave } = leave;

  useEffect(() => {
    if (!membership) return;
    reset({ toDate: today });
    resetLeave();
  }, [membership, today, reset, resetLeave]);

  const submit = handleSubmit(({ toDate }) => {
    if (membership) leave.mutate({ membershipId: membership.id, toDate });
  });
  return (
    <FormDialog control={control} open={membership !== null} onClose={leave.isPending ? undefined : onClose} maxWidth="xs" fullWidth aria-labelledby="leave-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="leave-dialog-title">{t('volunteers.members.leaveTitle', { name: membership?.volunteerName ?? '', team: membership?.teamName ?? '' })}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('volunteers.members.leaveIntro', { date: membership?.fromDate ?? '' })}
          </Typography>
          <FormDateField control={control} name="toDate" label={t('volunteers.members.toDate')} required autoFocus helperText=" " />
          <ErrorAlert error={unmarkedError(leave.error, leaveFieldOf)} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={leave.isPending} saveLabel={t('volunteers.members.leave')} />
      </form>
    </FormDialog>
  );
}
