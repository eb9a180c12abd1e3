/**
 * A new volunteer — a retired official chosen from the registry, or someone from outside it (a
 * resident, a unit, other) typed by name — optionally joining a team at once; or changes to one.
 */
import { useEffect, useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import { FormDialog } from '../../components/FormDialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import { VOLUNTEER_KINDS, type VolunteerKind, type VolunteerRow } from '../../../shared/schemas/volunteers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { FormPersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { applyServerIssues, unmarkedError } from '../../components/serverIssues';
import { useWrite } from '../../components/useWrite';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { SelectField } from '../../components/SelectField';
import { FormDateField } from '../../components/FormDateField';
import { useToday, useTeams, volunteerKeys, volunteerKindLabel } from './common';

const formSchema = z.object({
  kind: z.enum(VOLUNTEER_KINDS),
  name: z.string().trim().max(40),
  phone: z.string().trim().max(40),
  organisation: z.string().trim().max(100),
  notes: z.string().trim().max(500),
  teamId: z.string(),
  joinedOn: z.string(),
  /** The registry person of a new retired official. */
  person: z.custom<PickedPerson | null>(),
});

/** A new volunteer is a registry person (a retired official) or has a typed name. */
function volunteerFormSchema(creating: boolean) {
  return formSchema.superRefine((v, ctx) => {
    if (!creating) return;
    if (v.kind !== 'retiree' && v.name === '') ctx.addIssue({ code: 'custom', path: ['name'], message: 'volunteers.nameRequired' });
    if (v.kind === 'retiree' && v.person === null) ctx.addIssue({ code: 'custom', path: ['person'], message: 'volunteers.personRequired' });
  });
}
type Values = { kind: VolunteerKind; name: string; phone: string; organisation: string; notes: string; teamId: string; joinedOn: string; person: PickedPerson | null };
type Parsed = z.output<typeof formSchema>;

function valuesOf(volunteer: VolunteerRow | null, person: PickedPerson | null, teamId: string | undefined, today: string): Values {
  if (volunteer) return { kind: volunteer.kind, name: volunteer.name, phone: volunteer.phone, organisation: volunteer.organisation, notes: volunteer.notes, teamId: '', joinedOn: '', person: null };
  return { kind: 'retiree', name: '', phone: '', organisation: '', notes: '', teamId: teamId ?? '', joinedOn: today, person };
}

function volunteerFieldOf(path: string): 'name' | 'phone' | 'organisation' | 'notes' | 'joinedOn' | 'person' | null {
  if (path === 'name' || path === 'phone' || path === 'organisation' || path === 'notes') return path;
  if (path === 'joinedOn' || path === 'fromDate') return 'joinedOn';
  if (path === 'personId') return 'person';
  return null;
}

export function VolunteerDialog({
  open,
  volunteer,
  person,
  teamId,
  onClose,
  onCreated,
}: {
  open: boolean;
  /** Editing this volunteer; otherwise a new one. */
  volunteer: VolunteerRow | null;
  /** A new volunteer for this registry person (from their page). */
  person?: PickedPerson | null;
  /** A new volunteer joins this team unless changed. */
  teamId?: string;
  onClose: () => void;
  onCreated?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const teams = useTeams();
  const today = useToday();
  const schema = useMemo(() => volunteerFormSchema(volunteer === null), [volunteer]);
  const { control, handleSubmit, reset, setError } = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(schema as unknown as z.ZodType<Parsed, Values>, { error: zodIssueMessage }),
    defaultValues: valuesOf(volunteer, person ?? null, teamId, today),
  });
  const kind = useWatch({ control, name: 'kind' });
  const chosenTeam = useWatch({ control, name: 'teamId' });
  const retiree = volunteer ? volunteer.kind === 'retiree' : kind === 'retiree';
  const save = useWrite({
    write: async (v: Parsed): Promise<{ id: string; changed: boolean }> => {
      if (volunteer) return { id: volunteer.id, ...(await request('volunteers.update', { id: volunteer.id, name: v.name, phone: v.phone, organisation: v.organisation, notes: v.notes })) };
      const isRetiree = v.kind === 'retiree';
      const created = await request('volunteers.create', {
        kind: v.kind,
        personId: isRetiree ? (v.person?.id ?? null) : null,
        name: isRetiree ? '' : v.name,
        phone: v.phone,
        organisation: v.organisation,
        notes: v.notes,
        teamId: v.teamId === '' ? null : v.teamId,
        joinedOn: v.teamId !== '' && v.joinedOn !== '' ? v.joinedOn : undefined,
      });
      return { id: created.id, changed: true };
    },
    invalidates: [volunteerKeys.all],
    onSuccess: ({ id, changed }, v) => {
      if (volunteer) notify(changed ? t('volunteers.people.saved', { name: v.name || volunteer.name }) : t('volunteers.unchanged'), changed ? 'success' : 'info');
      else {
        notify(t('volunteers.people.created', { name: v.kind === 'retiree' ? (v.person?.name ?? '') : v.name }));
        onCreated?.(id);
      }
      onClose();
    },
    onError: (err) => applyServerIssues(err, setError, volunteerFieldOf),
  });
  const { reset: resetSave } = save;

  useEffect(() => {
    if (open) {
      reset(valuesOf(volunteer, person ?? null, teamId, today));
      resetSave();
    }
  }, [open, volunteer, person, teamId, today, reset, resetSave]);

  const submit = handleSubmit((v) => save.mutate(v));

  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  return (
    <FormDialog control={control} open={open} onClose={save.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="volunteer-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="volunteer-dialog-title">
          {volunteer ? t('volunteers.people.editTitle', { name: volunteer.name }) : person ? t('volunteers.people.createFor', { name: person.name }) : t('volunteers.people.createTitle')}
        </DialogTitle>
        <DialogContent>
          {!volunteer && !person ? (
            <SelectField
              control={control}
              name="kind"
              label={t('volunteers.people.kind')}
              required
              options={VOLUNTEER_KINDS.map((k) => ({ value: k, label: volunteerKindLabel(k) }))}
              helperText={t('volunteers.people.kindHelp')}
            />
          ) : null}
          {!volunteer && retiree && !person ? (
            <FormPersonPicker control={control} name="person" label={t('volunteers.people.person')} helperText={t('volunteers.people.personHelp')} />
          ) : null}
          {volunteer && retiree ? (
            <TextField label={t('volunteers.people.name')} value={volunteer.name} disabled helperText={t('volunteers.people.nameFromRegistry')} />
          ) : null}
          {!retiree ? <FormTextField control={control} name="name" label={t('volunteers.people.name')} required autoComplete="off" helperText={t(`volunteers.people.nameHelp.${kind}`)} /> : null}
          <FormTextField control={control} name="phone" label={t('volunteers.people.phone')} autoComplete="off" helperText={retiree && !volunteer ? t('volunteers.people.phoneFromRegistry') : undefined} />
          {!retiree ? <FormTextField control={control} name="organisation" label={t('volunteers.people.organisation')} autoComplete="off" helperText={t('volunteers.people.organisationHelp')} /> : null}
          <FormTextField control={control} name="notes" label={t('volunteers.people.notes')} multiline minRows={2} helperText={t('volunteers.people.notesHelp')} />
          {!volunteer ? (
            teamOptions.length > 0 ? (
              <>
                <SelectField control={control} name="teamId" label={t('volunteers.people.joinTeam')} options={teamOptions} placeholder={t('volunteers.people.noTeam')} />
                {chosenTeam !== '' ? <FormDateField control={control} name="joinedOn" label={t('volunteers.members.fromDate')} /> : null}
              </>
            ) : (
              <Alert severity="info" sx={{ mt: 1 }}>
                {t('volunteers.people.noTeamsYet')}
              </Alert>
            )
          ) : null}
          <ErrorAlert error={unmarkedError(save.error, volunteerFieldOf)} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={save.isPending} />
      </form>
    </FormDialog>
  );
}
