/** A new service team or changes to one: name, kind, leader, when it was founded, what it does. */
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { FormDialog } from '../../components/FormDialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslation } from 'react-i18next';
import { TEAM_KINDS, type TeamKind, type TeamRow } from '../../../shared/schemas/volunteers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { applyServerIssues, unmarkedError } from '../../components/serverIssues';
import { useWrite } from '../../components/useWrite';
import { zodIssueMessage } from '../../i18n';
import { ApiError } from '../../api';
import { request } from '../../rpc';
import { SelectField } from '../../components/SelectField';
import { FormDateField } from '../../components/FormDateField';
import { teamKindLabel, volunteerKeys } from './common';

const formSchema = z.object({
  name: z.string().trim().min(1, { message: 'volunteers.teamNameRequired' }).max(60),
  kind: z.enum(TEAM_KINDS),
  leader: z.string().trim().max(60),
  foundedOn: z.string(),
  description: z.string().trim().max(1000),
});
type Values = { name: string; kind: TeamKind; leader: string; foundedOn: string; description: string };
type Parsed = z.output<typeof formSchema>;

function valuesOf(team: TeamRow | null): Values {
  if (!team) return { name: '', kind: 'patrol', leader: '', foundedOn: '', description: '' };
  return { name: team.name, kind: team.kind, leader: team.leader, foundedOn: team.foundedOn ?? '', description: team.description };
}

const isNameTaken = (err: unknown) => err instanceof ApiError && err.code === 'TEAM_NAME_TAKEN';

export function TeamDialog({ open, team, onClose }: { open: boolean; team: TeamRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const navigate = useNavigate();
  const { control, handleSubmit, reset, setError } = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(formSchema as unknown as z.ZodType<Parsed, Values>, { error: zodIssueMessage }),
    defaultValues: valuesOf(team),
  });
  const fieldOf = (path: string) => (path === 'name' || path === 'foundedOn' ? path : null);
  const save = useWrite({
    write: async (v: Parsed): Promise<{ id: string; changed: boolean }> => {
      const fields = { ...v, foundedOn: v.foundedOn === '' ? null : v.foundedOn };
      if (team) return { id: team.id, ...(await request('volunteers.updateTeam', { id: team.id, ...fields })) };
      return { ...(await request('volunteers.createTeam', fields)), changed: true };
    },
    invalidates: [volunteerKeys.all],
    onSuccess: ({ id, changed }, v) => {
      if (team) notify(changed ? t('volunteers.teams.saved', { name: v.name }) : t('volunteers.unchanged'), changed ? 'success' : 'info');
      else notify(t('volunteers.teams.created', { name: v.name }));
      onClose();
      if (!team) void navigate(`/volunteers/teams/${id}`);
    },
    onError: (err) => {
      const marked = applyServerIssues(err, setError, fieldOf);
      // The name field is where the person can fix it.
      if (!marked && isNameTaken(err)) setError('name', { type: 'server', message: 'volunteers.teamNameTaken' }, { shouldFocus: true });
    },
  });
  const { reset: resetSave } = save;

  useEffect(() => {
    if (open) {
      reset(valuesOf(team));
      resetSave();
    }
  }, [open, team, reset, resetSave]);

  const submit = handleSubmit((v) => save.mutate(v));
  const shownError = isNameTaken(save.error) ? null : unmarkedError(save.error, fieldOf);

  return (
    <FormDialog control={control} open={open} onClose={save.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="team-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="team-dialog-title">{team ? t('volunteers.teams.editTitle', { name: team.name }) : t('volunteers.teams.createTitle')}</DialogTitle>
        <DialogContent>
          <FormTextField control={control} name="name" label={t('volunteers.teams.name')} required helperText={t('volunteers.teams.nameHelp')} autoComplete="off" autoFocus />
          <SelectField control={control} name="kind" label={t('volunteers.teams.kind')} required options={TEAM_KINDS.map((k) => ({ value: k, label: teamKindLabel(k) }))} />
          <FormTextField control={control} name="leader" label={t('volunteers.teams.leader')} helperText={t('volunteers.teams.leaderHelp')} autoComplete="off" />
          <FormDateField control={control} name="foundedOn" label={t('volunteers.teams.foundedOn')} />
          <FormTextField control={control} name="description" label={t('volunteers.teams.description')} helperText={t('volunteers.teams.descriptionHelp')} multiline minRows={2} />
          <ErrorAlert error={shownError} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={save.isPending} />
      </form>
    </FormDialog>
  );
}
