/**
 * One service record: who, on which day, for how long (hours such as 2 or 1.5), what was done,
 * and for which of their teams (or none). New or changed.
 */
import { useEffect, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { FormDialog } from '../../components/FormDialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslation } from 'react-i18next';
import { MIN_HOURS_PER_SERVICE, type ServiceRow } from '../../../shared/schemas/volunteers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { applyServerIssues, unmarkedError } from '../../components/serverIssues';
import { useWrite } from '../../components/useWrite';
import { fieldMessage, zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { SelectField } from '../../components/SelectField';
import { FormDateField } from '../../components/FormDateField';
import { VolunteerPicker, type PickedVolunteer } from './VolunteerPicker';
import { useTeams, useThisYear, useToday, volunteerKeys } from './common';

/** Hours as typed: more than nothing, at most a day. */
export const hoursField = z
  .number({ message: 'volunteers.hoursRequired' })
  .refine((h) => Number.isFinite(h), { message: 'volunteers.hoursRequired' })
  .refine((h) => h > 0, { message: 'volunteers.hoursPositive' })
  .refine((h) => !(h > 0) || h >= MIN_HOURS_PER_SERVICE, { message: 'volunteers.hoursMin' })
  .refine((h) => h <= 24, { message: 'volunteers.hoursMax' });

const formSchema = z.object({
  teamId: z.string(),
  date: z.string().min(1, { message: 'volunteers.dateRequired' }),
  hours: hoursField,
  description: z.string().trim().min(1, { message: 'volunteers.descriptionRequired' }).max(500),
});
/** With the volunteer, when the dialog asks who served. */
function serviceFormSchema(asksVolunteer: boolean) {
  const volunteer = z.custom<PickedVolunteer | null>();
  return formSchema.extend({ volunteer: asksVolunteer ? volunteer.refine((v) => v !== null, { message: 'volunteers.chooseVolunteers' }) : volunteer });
}
type Values = { volunteer: PickedVolunteer | null; teamId: string; date: string; hours: number; description: string };
type Parsed = z.output<ReturnType<typeof serviceFormSchema>>;

function valuesOf(service: ServiceRow | null, volunteer: PickedVolunteer | null, teamId: string | undefined, today: string): Values {
  if (service) {
    const served = { id: service.volunteerId, name: service.volunteerName, kind: service.volunteerKind };
    return { volunteer: served, teamId: service.teamId ?? '', date: service.date, hours: Math.round(service.minutes / 6) / 10, description: service.description };
  }
  return { volunteer, teamId: teamId ?? '', date: today, hours: Number.NaN, description: '' };
}
const SERVICE_FIELDS = ['date', 'hours', 'description', 'teamId'] as const;
const serviceFieldOf = (path: string) => (path === 'volunteerId' ? 'volunteer' : (SERVICE_FIELDS.find((f) => f === path) ?? null));

export function ServiceDialog({
  open,
  service,
  volunteer,
  teamId,
  onClose,
}: {
  open: boolean;
  /** Changing this record; otherwise a new one. */
  service: ServiceRow | null;
  /** A new record for this volunteer; left out, the dialog asks. */
  volunteer?: PickedVolunteer | null;
  /** The team chosen first for a new record. */
  teamId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const today = useToday();
  const thisYear = useThisYear();
  const asksVolunteer = !service && !volunteer;
  const schema = useMemo(() => serviceFormSchema(asksVolunteer), [asksVolunteer]);
  const { control, handleSubmit, reset, setError, setValue } = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(schema as unknown as z.ZodType<Parsed, Values>, { error: zodIssueMessage }),
    defaultValues: valuesOf(service, volunteer ?? null, teamId, today),
  });
  const save = useWrite({
    write: async ({ volunteer: served, ...v }: Parsed) => {
      const fields = { teamId: v.teamId === '' ? null : v.teamId, date: v.date, hours: v.hours, description: v.description };
      if (service) return (await request('volunteers.updateService', { id: service.id, ...fields })).changed;
      await request('volunteers.logService', { volunteerId: served?.id ?? '', ...fields });
      return true;
    },
    invalidates: [volunteerKeys.all],
    onSuccess: (changed, { volunteer: served, hours }) => {
      if (service) notify(changed ? t('volunteers.services.saved') : t('volunteers.unchanged'), changed ? 'success' : 'info');
      else notify(t('volunteers.services.logged', { name: served?.name ?? '', hours }));
      onClose();
    },
    onError: (err) => applyServerIssues(err, setError, serviceFieldOf),
  });
  const { reset: resetSave } = save;

  useEffect(() => {
    if (open) {
      reset(valuesOf(service, volunteer ?? null, teamId, today));
      resetSave();
    }
  }, [open, service, volunteer, teamId, today, reset, resetSave]);

  const target = useWatch({ control, name: 'volunteer' });
  // The teams this volunteer is or was in: a record may count only for one of those.
  const detail = useQuery({
    queryKey: volunteerKeys.detail(target?.id ?? '', thisYear.year),
    queryFn: () => request('volunteers.get', { id: target?.id ?? '', year: thisYear.year }),
    enabled: open && target !== null && thisYear.known,
  });
  const teamOptions = new Map<string, string>();
  for (const m of detail.data?.memberships ?? []) {
    if (!m.teamDeleted) teamOptions.set(m.teamId, m.toDate ? t('volunteers.services.teamLeft', { name: m.teamName }) : m.teamName);
  }
  if (service?.teamId && service.teamName && !teamOptions.has(service.teamId)) teamOptions.set(service.teamId, service.teamName);
  // The team chosen before the volunteer's teams have loaded stays a choice (main checks it anyway).
  const chosenTeam = useWatch({ control, name: 'teamId' });
  const teams = useTeams();
  if (chosenTeam !== '' && !teamOptions.has(chosenTeam)) teamOptions.set(chosenTeam, teams.data?.find((x) => x.id === chosenTeam)?.name ?? service?.teamName ?? '…');

  const submit = handleSubmit((v) => save.mutate(v));

  return (
    <FormDialog control={control} open={open} onClose={save.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="service-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="service-dialog-title">
          {service ? t('volunteers.services.editTitle', { name: service.volunteerName }) : target && volunteer ? t('volunteers.services.createFor', { name: target.name }) : t('volunteers.services.createTitle')}
        </DialogTitle>
        <DialogContent>
          {asksVolunteer ? (
            <Controller
              control={control}
              name="volunteer"
              render={({ field, fieldState }) => (
                <VolunteerPicker
                  value={field.value}
                  onChange={(v) => {
                    field.onChange(v);
                    setValue('teamId', teamId ?? '');
                  }}
                  label={t('volunteers.services.volunteer')}
                  error={fieldState.error !== undefined}
                  helperText={fieldMessage(fieldState.error?.message)}
                  autoFocus
                />
              )}
            />
          ) : null}
          <FormDateField control={control} name="date" label={t('volunteers.services.date')} required />
          <FormTextField
            control={control}
            name="hours"
            type="number"
            label={t('volunteers.services.hours')}
            required
            helperText={t('volunteers.services.hoursHelp')}
            slotProps={{ htmlInput: { min: 0.1, max: 24, step: 0.5, inputMode: 'decimal' } }}
          />
          <FormTextField control={control} name="description" label={t('volunteers.services.description')} required multiline minRows={2} helperText={t('volunteers.services.descriptionHelp')} />
          <SelectField
            control={control}
            name="teamId"
            label={t('volunteers.services.team')}
            options={[...teamOptions].map(([value, label]) => ({ value, label }))}
            placeholder={t('volunteers.services.noTeam')}
            helperText={t('volunteers.services.teamHelp')}
          />
          <ErrorAlert error={unmarkedError(save.error, serviceFieldOf)} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={save.isPending} />
      </form>
    </FormDialog>
  );
}
