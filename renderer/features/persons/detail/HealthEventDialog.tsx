import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import dayjs from 'dayjs';
import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslation } from 'react-i18next';
import { HEALTH_EVENT_KINDS, healthEventFieldsSchema, type HealthEvent } from '../../../../shared/schemas/persons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormTextField } from '../../../components/FormTextField';
import { useNotify } from '../../../components/Notifier';
import { zodIssueMessage } from '../../../i18n';
import { request } from '../../../rpc';
import { personKeys } from '../../../components/queryKeys';
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
  if (!event) return { kind: 'checkup', date: dayjs().format('YYYY-MM-DD'), endDate: '', institution: '', summary: '' };
  return { kind: event.kind, date: event.date, endDate: event.endDate ?? '', institution: event.institution, summary: event.summary };
}

/** Adds a check-up, hospital stay or note, or edits one (`event`). */
export function HealthEventDialog({ personId, open, event, onClose }: { personId: string; open: boolean; event: HealthEvent | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const { control, handleSubmit, reset, watch, formState } = useForm<Values, unknown, Fields>({
    resolver: zodResolver(schema, { error: zodIssueMessage }),
    defaultValues: valuesOf(event),
  });
  const kind = watch('kind');

  useEffect(() => {
    if (open) {
      reset(valuesOf(event));
      setError(null);
    }
  }, [open, event, reset]);

  const submit = handleSubmit(async (fields) => {
    setError(null);
    try {
      if (event) await request('health.updateEvent', { id: event.id, fields });
      else await request('health.addEvent', { personId, fields });
      notify(t('persons.health.eventSaved'));
      await queryClient.invalidateQueries({ queryKey: personKeys.all });
      onClose();
    } catch (err) {
      setError(err);
    }
  });

  return (
    <Dialog open={open} onClose={formState.isSubmitting ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="health-event-title">
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
            <FormTextField control={control} name="date" label={t('persons.health.eventDate')} required helperText={t('persons.form.dateHelp')} autoComplete="off" />
            {kind === 'hospitalisation' ? (
              <FormTextField control={control} name="endDate" label={t('persons.health.eventEndDate')} helperText={t('persons.form.dateHelp')} autoComplete="off" />
            ) : null}
            <FormTextField control={control} name="institution" label={t('persons.health.institution')} autoComplete="off" />
          </Box>
          <FormTextField control={control} name="summary" label={t('persons.health.summary')} multiline minRows={3} />
          <ErrorAlert error={error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={formState.isSubmitting} />
      </form>
    </Dialog>
  );
}
