import { useEffect } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { BLOOD_TYPES, COMMON_CONDITIONS, healthProfileFieldsSchema, type HealthProfile, type PersonDetail } from '../../../../shared/schemas/persons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormDateField } from '../../../components/FormDateField';
import { FormTextField } from '../../../components/FormTextField';
import { useNotify } from '../../../components/Notifier';
import { zodIssueMessage } from '../../../i18n';
import { request } from '../../../rpc';
import { personKeys } from '../../../components/queryKeys';
import { useWrite } from '../../../components/useWrite';
import { useCanWrite } from '../../../components/access';
import { SelectField } from '../../../components/SelectField';

interface Values {
  bloodType: string;
  chronicConditions: string[];
  allergies: string;
  medications: string;
  disabilityCertificate: string;
  insuranceType: string;
  familyDoctor: string;
  familyDoctorClinic: string;
  familyDoctorDate: string;
}
type Fields = z.output<typeof healthProfileFieldsSchema>;

const schema = z.preprocess((raw) => {
  const v = raw as Values;
  return { ...v, familyDoctorDate: v.familyDoctorDate.trim() === '' ? null : v.familyDoctorDate };
}, healthProfileFieldsSchema) as unknown as z.ZodType<Fields, Values>;

function valuesOf(h: HealthProfile): Values {
  return {
    bloodType: h.bloodType,
    chronicConditions: [...h.chronicConditions],
    allergies: h.allergies,
    medications: h.medications,
    disabilityCertificate: h.disabilityCertificate,
    insuranceType: h.insuranceType,
    familyDoctor: h.familyDoctor,
    familyDoctorClinic: h.familyDoctorClinic,
    familyDoctorDate: h.familyDoctorDate ?? '',
  };
}

/** Blood type, chronic conditions, allergies, medication, certificate, insurance and family doctor. */
export function HealthProfileForm({ detail }: { detail: PersonDetail }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const canWrite = useCanWrite();
  const { control, handleSubmit, reset, formState } = useForm<Values, unknown, Fields>({
    resolver: zodResolver(schema, { error: zodIssueMessage }),
    defaultValues: valuesOf(detail.health),
  });

  // After a save (or another user's), show what is stored; a refetch with the same content (after
  // an assessment was added, say) leaves unsaved typing alone.
  const stored = JSON.stringify(detail.health);
  useEffect(() => reset(valuesOf(JSON.parse(stored) as HealthProfile)), [stored, reset]);

  const save = useWrite({
    write: (fields: Fields) => request('health.saveProfile', { personId: detail.person.id, fields }),
    invalidates: [personKeys.all],
    onSuccess: () => notify(t('persons.health.profileSaved')),
  });
  const submit = handleSubmit((fields) => save.mutate(fields));

  const readOnly = !canWrite;
  const text = (name: Exclude<keyof Values, 'chronicConditions' | 'bloodType'>, label: string, helperText?: string, multiline = false) => (
    <FormTextField
      control={control}
      name={name}
      label={label}
      helperText={helperText}
      multiline={multiline}
      minRows={multiline ? 2 : undefined}
      autoComplete="off"
      slotProps={{ htmlInput: { readOnly } }}
    />
  );

  return (
    <Paper variant="outlined" component="section" sx={{ p: { xs: 2, md: 3 } }} aria-labelledby="health-profile-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Typography variant="h6" component="h2" id="health-profile-title">
          {t('persons.health.profileTitle')}
        </Typography>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 3fr' }, columnGap: 2 }}>
          <SelectField
            control={control}
            name="bloodType"
            label={t('persons.health.bloodType')}
            disabled={readOnly}
            options={BLOOD_TYPES.map((b) => ({ value: b, label: b === '' ? t('persons.health.bloodTypeUnknown') : b }))}
          />
          <Controller
            control={control}
            name="chronicConditions"
            render={({ field }) => (
              <Autocomplete
                multiple
                freeSolo
                readOnly={readOnly}
                options={COMMON_CONDITIONS}
                value={field.value}
                onChange={(_e, next) => field.onChange([...new Set(next.map((v) => v.trim()).filter((v) => v !== '').map((v) => v.slice(0, 40)))])}
                renderInput={(params) => (
                  <TextField {...params} label={t('persons.health.chronicConditions')} helperText={readOnly ? undefined : t('persons.health.chronicHelp')} />
                )}
              />
            )}
          />
        </Box>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2 }}>
          {text('allergies', t('persons.health.allergies'), undefined, true)}
          {text('medications', t('persons.health.medications'), undefined, true)}
          {text('disabilityCertificate', t('persons.health.disabilityCertificate'), t('persons.health.disabilityHelp'))}
          {text('insuranceType', t('persons.health.insuranceType'), t('persons.health.insuranceHelp'))}
        </Box>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 2fr 1fr' }, columnGap: 2 }}>
          {text('familyDoctor', t('persons.health.familyDoctor'))}
          {text('familyDoctorClinic', t('persons.health.familyDoctorClinic'))}
          <FormDateField
            control={control}
            name="familyDoctorDate"
            label={t('persons.health.familyDoctorDate')}
            helperText={readOnly ? undefined : t('persons.form.dateHelp')}
            placeholder=""
            slotProps={{ htmlInput: { readOnly } }}
          />
        </Box>
        <ErrorAlert error={save.error} sx={{ mt: 1 }} />
        {canWrite ? (
          <Box sx={{ display: 'flex', justifyContent: 'flex-end', gap: 1, mt: 1 }}>
            <Button onClick={() => reset(valuesOf(detail.health))} disabled={!formState.isDirty || save.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" variant="contained" disabled={!formState.isDirty || save.isPending}>
              {t('common.save')}
            </Button>
          </Box>
        ) : null}
      </form>
    </Paper>
  );
}
