import { useEffect } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import Button from '@mui/material/Button';
import { FormDialog } from '../../../components/FormDialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { PERSON_STATUSES, statusChangeSchema, type Person } from '../../../../shared/schemas/persons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormDateField } from '../../../components/FormDateField';
import { FormTextField } from '../../../components/FormTextField';
import { useNotify } from '../../../components/Notifier';
import { zodIssueMessage } from '../../../i18n';
import { request } from '../../../rpc';
import { PERSON_WRITES } from '../../../components/queryKeys';
import { useWrite } from '../../../components/useWrite';
import { localToday } from '../../../components/serverToday';
import { valueLabel } from '../../../components/labels';

type Values = z.input<typeof statusChangeSchema>;
type Status = Person['status'];

function defaults(person: Person): Values {
  const next: Status = person.status === 'active' ? 'moved_out' : 'active';
  return { id: person.id, status: next, date: localToday(), destination: '', note: '' };
}

/** 迁出 (with where to), 去世, or back to 在册: a dated change, kept in the record's history. */
export function StatusDialog({ person, open, onClose }: { person: Person; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { control, handleSubmit, reset, watch } = useForm<Values, unknown, z.output<typeof statusChangeSchema>>({
    resolver: zodResolver(statusChangeSchema, { error: zodIssueMessage }),
    defaultValues: defaults(person),
  });
  const status = watch('status');
  const save = useWrite({
    write: (values: z.output<typeof statusChangeSchema>) => request('persons.changeStatus', { ...values, destination: values.status === 'moved_out' ? values.destination : '' }),
    invalidates: PERSON_WRITES,
    onSuccess: (_r, values) => {
      notify(t('persons.status.saved', { name: person.name, status: valueLabel('status', values.status) }));
      onClose();
    },
  });
  const { reset: resetSave } = save;

  useEffect(() => {
    if (open) {
      reset(defaults(person));
      resetSave();
    }
  }, [open, person, reset, resetSave]);

  const submit = handleSubmit((values) => save.mutate(values));

  const choices = PERSON_STATUSES.filter((s) => s !== person.status);
  return (
    <FormDialog control={control} open={open} onClose={save.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="status-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="status-dialog-title">{t('persons.status.title', { name: person.name })}</DialogTitle>
        <DialogContent>
          <Typography sx={{ mb: 1 }}>{t('persons.status.current', { status: valueLabel('status', person.status) })}</Typography>
          <Controller
            control={control}
            name="status"
            render={({ field }) => (
              <FormControl>
                <FormLabel id="status-choice">{t('persons.status.choose')}</FormLabel>
                <RadioGroup aria-labelledby="status-choice" value={field.value} onChange={(e) => field.onChange(e.target.value)}>
                  {choices.map((s) => (
                    <FormControlLabel key={s} value={s} control={<Radio />} label={t(`persons.status.to.${s}`)} />
                  ))}
                </RadioGroup>
              </FormControl>
            )}
          />
          <FormDateField control={control} name="date" label={t(`persons.status.date.${status}`)} required helperText={t('persons.form.dateHelp')} placeholder="" />
          {status === 'moved_out' ? (
            <FormTextField control={control} name="destination" label={t('persons.status.destination')} required helperText={t('persons.status.destinationHelp')} autoComplete="off" />
          ) : null}
          <FormTextField control={control} name="note" label={t('persons.status.note')} multiline minRows={2} />
          <ErrorAlert error={save.error} sx={{ mt: 1 }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={save.isPending}>
            {t('persons.status.submit')}
          </Button>
        </DialogActions>
      </form>
    </FormDialog>
  );
}
