/**
 * A new unit or changes to one: name, level, the retiree-work department and its contact, the party
 * contact for members whose party relation stays with the unit (双重管理), address and notes. Also
 * used by the matching screen to make a unit from a typed text (`save` then does the confirming).
 */
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import Box from '@mui/material/Box';
import { FormDialog } from '../../components/FormDialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { UNIT_LEVELS, unitFieldsSchema, type Unit, type UnitFields, type UnitLevel } from '../../../shared/schemas/units';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { applyServerIssues, unmarkedError } from '../../components/serverIssues';
import { useWrite } from '../../components/useWrite';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { SelectField } from '../../components/SelectField';
import { valueLabel } from '../../components/labels';
import { UNIT_WRITES } from './common';

interface Values {
  name: string;
  level: UnitLevel;
  retireeDepartment: string;
  contactPerson: string;
  contactPhone: string;
  partyContact: string;
  partyPhone: string;
  address: string;
  notes: string;
}

const FIELDS = ['name', 'level', 'retireeDepartment', 'contactPerson', 'contactPhone', 'partyContact', 'partyPhone', 'address', 'notes'] as const;

function valuesOf(unit: Unit | null, initial: Partial<Values> = {}): Values {
  if (unit) {
    const { name, level, retireeDepartment, contactPerson, contactPhone, partyContact, partyPhone, address, notes } = unit;
    return { name, level, retireeDepartment, contactPerson, contactPhone, partyContact, partyPhone, address, notes };
  }
  return { name: '', level: 'other', retireeDepartment: '', contactPerson: '', contactPhone: '', partyContact: '', partyPhone: '', address: '', notes: '', ...initial };
}

const twoColumns = { display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2 } as const;

export function UnitDialog({
  open,
  unit,
  initial,
  intro,
  save,
  onClose,
  onCreated,
}: {
  open: boolean;
  /** The unit to change; null: a new one. */
  unit: Unit | null;
  /** Prefilled values of a new unit (from a typed text). */
  initial?: Partial<Values>;
  intro?: string;
  /** Saves a new unit some other way (the matching screen confirms a group with it, and refreshes what that changes). */
  save?: (fields: UnitFields) => Promise<void>;
  onClose: () => void;
  onCreated?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { control, handleSubmit, reset, setError } = useForm<Values, unknown, UnitFields>({
    resolver: zodResolver(unitFieldsSchema as unknown as z.ZodType<UnitFields, Values>, { error: zodIssueMessage }),
    defaultValues: valuesOf(unit, initial),
  });
  const fieldOf = (path: string) => {
    const field = path.replace(/^(fields|newUnit)\./, '');
    return (FIELDS as readonly string[]).includes(field) ? (field as (typeof FIELDS)[number]) : null;
  };
  const write = useWrite({
    write: async (fields: UnitFields): Promise<{ id: string | null; personsUpdated: number }> => {
      if (save) {
        await save(fields);
        return { id: null, personsUpdated: 0 };
      }
      if (unit) return { id: unit.id, ...(await request('units.update', { id: unit.id, fields })) };
      return { id: (await request('units.create', fields)).id, personsUpdated: 0 };
    },
    invalidates: () => (save ? [] : UNIT_WRITES),
    onSuccess: ({ id, personsUpdated }, fields) => {
      if (!save && unit) notify(personsUpdated > 0 ? t('units.savedWithPersons', { name: fields.name, count: personsUpdated }) : t('units.saved', { name: fields.name }));
      else if (!save) {
        notify(t('units.created', { name: fields.name }));
        if (id !== null) onCreated?.(id);
      }
      onClose();
    },
    onError: (err) => applyServerIssues(err, setError, fieldOf),
  });
  const { reset: resetWrite } = write;

  useEffect(() => {
    if (open) {
      reset(valuesOf(unit, initial));
      resetWrite();
    }
    // `initial` is a fresh object on every render of the caller; the dialog takes it when it opens.
  }, [open, unit, reset, resetWrite]);

  const submit = handleSubmit((fields) => write.mutate(fields));

  return (
    <FormDialog control={control} open={open} onClose={write.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="unit-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="unit-dialog-title">{unit ? t('units.editTitle', { name: unit.name }) : t('units.createTitle')}</DialogTitle>
        <DialogContent>
          {intro ? (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {intro}
            </Typography>
          ) : null}
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '2fr 1fr' }, columnGap: 2 }}>
            <FormTextField control={control} name="name" label={t('units.fields.name')} required helperText={t('units.nameHelp')} autoComplete="off" autoFocus />
            <SelectField control={control} name="level" label={t('units.fields.level')} options={UNIT_LEVELS.map((l) => ({ value: l, label: valueLabel('unitLevel', l) }))} />
          </Box>
          <FormTextField control={control} name="retireeDepartment" label={t('units.fields.retireeDepartment')} helperText={t('units.departmentHelp')} autoComplete="off" />
          <Box sx={twoColumns}>
            <FormTextField control={control} name="contactPerson" label={t('units.fields.contactPerson')} autoComplete="off" />
            <FormTextField control={control} name="contactPhone" label={t('units.fields.contactPhone')} autoComplete="off" />
          </Box>
          <Typography variant="subtitle2" sx={{ mt: 1.5 }}>
            {t('units.partyHeading')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('units.partyHelp')}
          </Typography>
          <Box sx={twoColumns}>
            <FormTextField control={control} name="partyContact" label={t('units.fields.partyContact')} autoComplete="off" />
            <FormTextField control={control} name="partyPhone" label={t('units.fields.partyPhone')} autoComplete="off" />
          </Box>
          <FormTextField control={control} name="address" label={t('units.fields.address')} autoComplete="off" />
          <FormTextField control={control} name="notes" label={t('units.fields.notes')} multiline minRows={2} />
          <ErrorAlert error={unmarkedError(write.error, fieldOf)} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={write.isPending} />
      </form>
    </FormDialog>
  );
}
