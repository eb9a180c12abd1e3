/**
 * The form of an activity: new (on a day chosen in the calendar, or today) or changing one.
 * Times are typed as people write them (9:30 → 09:30); capacity left empty means no limit.
 */
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Box from '@mui/material/Box';
import { FormDialog } from '../../components/FormDialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, PLACE_KINDS, checkActivityTimes, timeSchema, timesParsed, type Activity, type ActivityFieldsInput } from '../../../shared/schemas/activities';
import { parseDateText } from '../../../shared/dates';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { applyServerIssues, unmarkedError } from '../../components/serverIssues';
import { FormDateField } from '../../components/FormDateField';
import { useWrite } from '../../components/useWrite';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { SelectField } from '../../components/SelectField';
import { activityKeys, kindLabel, placeKindLabel } from './common';
import { digitText } from '../../../shared/digits';

const optionalTime = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(timeSchema.nullable());

/** As dateSchema, with a hint that shows a recent date (the registry's hint shows a 1950 birthday). */
const formDate = z.string().transform((value, ctx) => {
  const parsed = parseDateText(value);
  if (parsed === null) {
    ctx.addIssue({ code: 'custom', message: 'activities.dateFormat' });
    return z.NEVER;
  }
  return parsed;
});

const formSchema = z
  .object({
    kind: z.enum(ACTIVITY_KINDS),
    title: z.string().trim().min(1, { message: 'activities.titleRequired' }).max(100, { message: 'activities.titleLong' }),
    date: formDate,
    startTime: optionalTime,
    endTime: optionalTime,
    placeKind: z.enum(PLACE_KINDS),
    place: z.string().trim().max(200),
    organiser: z.string().trim().max(100),
    capacity: digitText()
      .trim()
      .transform((v, ctx) => {
        if (v === '') return null;
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 10000) {
          ctx.addIssue({ code: 'custom', message: 'activities.capacityPositive' });
          return z.NEVER;
        }
        return n;
      }),
    description: z.string().trim().max(2000),
  })
  .superRefine(checkActivityTimes, timesParsed);

type Values = z.input<typeof formSchema>;
type Parsed = ActivityFieldsInput & z.output<typeof formSchema>;

const FIELDS = ['kind', 'title', 'date', 'startTime', 'endTime', 'placeKind', 'place', 'organiser', 'capacity', 'description'] as const;

function valuesOf(existing: Activity | null | undefined, date: string): Values {
  if (!existing) {
    return { kind: '' as Values['kind'], title: '', date, startTime: '', endTime: '', placeKind: 'community_centre', place: '', organiser: '', capacity: '', description: '' };
  }
  return {
    kind: existing.kind,
    title: existing.title,
    date: existing.date,
    startTime: existing.startTime ?? '',
    endTime: existing.endTime ?? '',
    placeKind: existing.placeKind,
    place: existing.place,
    organiser: existing.organiser,
    capacity: existing.capacity === null ? '' : String(existing.capacity),
    description: existing.description,
  };
}

export function ActivityDialog({
  open,
  existing,
  date,
  onClose,
  onCreated,
}: {
  open: boolean;
  /** Changing this activity; otherwise a new one. */
  existing?: Activity | null;
  /** The day of a new activity. */
  date: string;
  onClose: () => void;
  onCreated?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { control, handleSubmit, reset, setError } = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(formSchema as unknown as z.ZodType<Parsed, Values>, { error: zodIssueMessage }),
    defaultValues: valuesOf(existing, date),
  });
  const fieldOf = (path: string) => FIELDS.find((f) => f === path) ?? null;
  const save = useWrite({
    write: async (v: Parsed): Promise<{ id: string; changed: boolean }> => {
      if (existing) return { id: existing.id, ...(await request('activities.update', { id: existing.id, ...v })) };
      return { ...(await request('activities.create', v)), changed: true };
    },
    invalidates: [activityKeys.all],
    onSuccess: ({ id, changed }, v) => {
      if (existing) notify(changed ? t('activities.updated') : t('persons.form.unchanged'), changed ? 'success' : 'info');
      else {
        notify(t('activities.created', { title: v.title }));
        onCreated?.(id);
      }
      onClose();
    },
    onError: (err) => applyServerIssues(err, setError, fieldOf),
  });
  const { reset: resetSave } = save;

  useEffect(() => {
    if (!open) return;
    reset(valuesOf(existing, date));
    resetSave();
  }, [open, existing, date, reset, resetSave]);

  const submit = handleSubmit((v) => save.mutate(v));

  const row = { display: 'flex', gap: 2, '& > *': { flex: 1 } } as const;
  return (
    <FormDialog control={control} open={open} onClose={save.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="activity-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="activity-dialog-title">{existing ? t('activities.editTitle', { title: existing.title }) : t('activities.createTitle')}</DialogTitle>
        <DialogContent>
          <FormTextField control={control} name="title" label={t('activities.fields.title')} required autoFocus slotProps={{ htmlInput: { maxLength: 100 } }} />
          <Box sx={row}>
            <SelectField
              control={control}
              name="kind"
              label={t('activities.fields.kind')}
              required
              placeholder={t('persons.form.choose')}
              options={ACTIVITY_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
            />
            <FormDateField control={control} name="date" label={t('activities.fields.date')} required />
          </Box>
          <Box sx={row}>
            <FormTextField control={control} name="startTime" label={t('activities.fields.startTime')} placeholder="09:30" helperText={t('activities.help.time')} autoComplete="off" />
            <FormTextField control={control} name="endTime" label={t('activities.fields.endTime')} placeholder="11:00" helperText={t('activities.help.time')} autoComplete="off" />
          </Box>
          <Box sx={row}>
            <SelectField control={control} name="placeKind" label={t('activities.fields.placeKind')} options={PLACE_KINDS.map((k) => ({ value: k, label: placeKindLabel(k) }))} />
            <FormTextField control={control} name="place" label={t('activities.fields.place')} helperText={t('activities.help.place')} />
          </Box>
          <Box sx={row}>
            <FormTextField control={control} name="organiser" label={t('activities.fields.organiser')} helperText={t('activities.help.organiser')} />
            <FormTextField control={control} name="capacity" label={t('activities.fields.capacity')} helperText={t('activities.help.capacity')} inputMode="numeric" autoComplete="off" />
          </Box>
          <FormTextField control={control} name="description" label={t('activities.fields.description')} multiline minRows={3} />
          <ErrorAlert error={unmarkedError(save.error, fieldOf)} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={save.isPending} />
      </form>
    </FormDialog>
  );
}
