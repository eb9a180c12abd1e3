import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Box from '@mui/material/Box';
import { FormDialog } from '../../../components/FormDialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslation } from 'react-i18next';
import { HEALTH_EVENT_KINDS, healthEventFieldsSchema, type HealthEvent } from '../../../../shared/schemas/persons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormDateField } from '../../../components/FormDateField';
import { FormTextField } from '../../../components/FormTextField';
import { useNotify } from '../../../components/Notifier';
import { zodIssueMessage } from '../../../i18n';
import { request } from '../../../rpc';
import { personKeys } from '../../../components/queryKeys';
import { useWrite } from '../../../components/useWrite';
import { localToday } from '../../../components/serverToday';
import { SelectField } from '../../../components/SelectField';
import { SaveCancelActions } from '../../../components/SaveCancelActions';

interface Values {
  kind: HealthEvent['kind'];
  date: string;
  endDate: string;
  institution: string;
  summary: string;
}
type Fields = z.output<typeof healthEventFieldsSchema>;

const schema = z.preprocess((raw) => {
  const v = raw as Values;
  return { ...v, endDate: v.endDate.trim() === '' ? null : v.endDate };
}, healthEventFieldsSchema) as unknown as z.ZodType<Fields, Values>;

function valuesOf(event: HealthEvent | null): Values {
  if (!event) return { kind: 'checkup', date: localToday(), endDate: '', institution: '', summary: '' };
  return { kind: event.kind, date: event.date, endDate: event.endDate ?? '', institution: event.institution, summary: event.summary };
}

/** Adds a check-up, hospital stay or note, or edits one (`event`). */
export function HealthEventDialog({ personId, open, event, onClose }: { personId: string; open: boolean; event: HealthEvent | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { control, handleSubmit, reset, watch } = useForm<Values, unknown, Fields>({
    resolver: zodResolver(schema, { error: zodIssueMessage }),
    defaultValues: valuesOf(event),
  });
  const kind = watch('kind');
  const save = useWrite({
    write: async (fields: Fields) => {
      if (event) await request('health.updateEvent', { id: event.id, fields });
      else await request('health.addEvent', { personId, fields });
    },
    invalidates: [personKeys.all],
    onSuccess: () => {
      notify(t('persons.health.eventSaved'));
      onClose();
    },
  });
  const { reset: resetSave } = save;

  useEffect(() => {
    if (open) {
      reset(valuesOf(event));
      resetSave();
    }
  }, [open, event, reset, resetSave]);

  const submit = handleSubmit((fields) => save.mutate(fields));

  return (
    <FormDialog control={control} open={open} onClose={save.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="health-event-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="health-event-title">{event ? t('persons.health.eventEditTitle') : t('persons.health.eventAddTitle')}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2 }}>
            <SelectField
              control={control}
              name="kind"
              label={t('persons.health.eventKind')}
              options={HEALTH_EVENT_KINDS.map((k) => ({ value: k, label: t(`persons.health.eventKinds.${k}`) }))}
            />
            <FormDateField control={control} name="date" label={t('persons.health.eventDate')} required helperText={t('persons.form.dateHelp')} placeholder="" />
            {kind === 'hospitalisation' ? (
              <FormDateField control={control} name="endDate" label={t('persons.health.eventEndDate')} helperText={t('persons.form.dateHelp')} placeholder="" />
            ) : null}
            <FormTextField control={control} name="institution" label={t('persons.health.institution')} autoComplete="off" />
          </Box>
          <FormTextField control={control} name="summary" label={t('persons.health.summary')} multiline minRows={3} />
          <ErrorAlert error={save.error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={save.isPending} />
      </form>
    </FormDialog>
  );
}
