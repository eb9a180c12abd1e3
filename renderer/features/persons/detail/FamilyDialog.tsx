import { useEffect } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import { FormDialog } from '../../../components/FormDialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import { useTranslation } from 'react-i18next';
import { familyContactFieldsSchema, type FamilyContact } from '../../../../shared/schemas/persons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormTextField } from '../../../components/FormTextField';
import { useNotify } from '../../../components/Notifier';
import { zodIssueMessage } from '../../../i18n';
import { request } from '../../../rpc';
import { personKeys } from '../../../components/queryKeys';
import { useWrite } from '../../../components/useWrite';
import { filledPhones } from '../form/personForm';
import { PhonesField } from '../form/PhonesField';
import { SaveCancelActions } from '../../../components/SaveCancelActions';

interface Values {
  name: string;
  relation: string;
  phones: string[];
  livesNearby: boolean;
  isEmergency: boolean;
  note: string;
}
type Fields = z.output<typeof familyContactFieldsSchema>;

const schema = z.preprocess((raw) => {
  const v = raw as Values;
  return { ...v, phones: filledPhones(v.phones) };
}, familyContactFieldsSchema) as unknown as z.ZodType<Fields, Values>;

function valuesOf(contact: FamilyContact | null, firstIsEmergency: boolean): Values {
  if (!contact) return { name: '', relation: '', phones: [''], livesNearby: false, isEmergency: firstIsEmergency, note: '' };
  return {
    name: contact.name,
    relation: contact.relation,
    phones: contact.phones.length > 0 ? [...contact.phones] : [''],
    livesNearby: contact.livesNearby,
    isEmergency: contact.isEmergency,
    note: contact.note,
  };
}

/** Adds a family member or emergency contact, or edits one (`contact`). */
export function FamilyDialog({
  personId,
  open,
  contact,
  suggestEmergency,
  onClose,
}: {
  personId: string;
  open: boolean;
  contact: FamilyContact | null;
  /** No emergency contact yet: the new one is ticked as one. */
  suggestEmergency: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { control, handleSubmit, reset } = useForm<Values, unknown, Fields>({
    resolver: zodResolver(schema, { error: zodIssueMessage }),
    defaultValues: valuesOf(contact, suggestEmergency),
  });
  const save = useWrite({
    write: async (fields: Fields) => {
      if (contact) await request('family.update', { id: contact.id, fields });
      else await request('family.add', { personId, fields });
    },
    invalidates: [personKeys.all],
    onSuccess: (_r, fields) => {
      notify(t('persons.family.saved', { name: fields.name }));
      onClose();
    },
  });
  const { reset: resetSave } = save;

  useEffect(() => {
    if (open) {
      reset(valuesOf(contact, suggestEmergency));
      resetSave();
    }
  }, [open, contact, suggestEmergency, reset, resetSave]);

  const submit = handleSubmit((fields) => save.mutate(fields));

  const check = (name: 'livesNearby' | 'isEmergency', label: string, help?: string) => (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Box>
          <FormControlLabel control={<Checkbox checked={field.value} onChange={(e) => field.onChange(e.target.checked)} />} label={label} />
          {help ? <FormHelperText sx={{ mt: -0.5, ml: 4 }}>{help}</FormHelperText> : null}
        </Box>
      )}
    />
  );

  return (
    <FormDialog control={control} open={open} onClose={save.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="family-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="family-dialog-title">{contact ? t('persons.family.editTitle', { name: contact.name }) : t('persons.family.addTitle')}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2 }}>
            <FormTextField control={control} name="name" label={t('persons.family.name')} required autoComplete="off" autoFocus />
            <FormTextField control={control} name="relation" label={t('persons.family.relation')} helperText={t('persons.family.relationHelp')} autoComplete="off" />
          </Box>
          <PhonesField control={control} name="phones" max={3} label={(n) => `${t('persons.family.phones')} ${n}`} />
          <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap', mt: 1 }}>
            {check('isEmergency', t('persons.family.isEmergency'), t('persons.family.emergencyHelp'))}
            {check('livesNearby', t('persons.family.livesNearby'))}
          </Box>
          <FormTextField control={control} name="note" label={t('persons.family.note')} autoComplete="off" />
          <ErrorAlert error={save.error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={save.isPending} />
      </form>
    </FormDialog>
  );
}
