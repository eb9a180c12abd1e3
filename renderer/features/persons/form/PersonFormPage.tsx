/**
 * Add a person (/persons/new) or edit one (/persons/:id/edit): one form in four groups,
 * validated by the same schema main uses, with the ID number checked while it is typed.
 */
import { useState, type ReactNode } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useForm, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api';
import { COMMON_RANKS, GENDERS, LIVING_SITUATIONS, POLITICAL_STATUSES, RETIREMENT_TYPES, UNIT_KINDS, UNIT_LEVELS, type PersonFields } from '../../../../shared/schemas/persons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormDateField } from '../../../components/FormDateField';
import { FormTextField } from '../../../components/FormTextField';
import { useNotify } from '../../../components/Notifier';
import { PageHeader } from '../../../components/PageHeader';
import { zodIssueMessage } from '../../../i18n';
import { parseLunarBirthdayText } from '../../../../shared/lunarBirthday';
import { request } from '../../../rpc';
import { listPath } from '../common';
import { careKeys, PERSON_WRITES, personKeys } from '../../../components/queryKeys';
import { useWrite } from '../../../components/useWrite';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { valueLabel, type CodedField } from '../../../components/labels';
import { IdNumberField } from './IdNumberField';
import { EMPTY_PERSON, personFormSchema, valuesOf, type PersonFormValues } from './personForm';
import { PhonesField } from './PhonesField';
import { PhotoField } from './PhotoField';
import { SelectField, SuggestField } from '../../../components/SelectField';
import { UnitField } from '../../units';

const schemaResolver = zodResolver(personFormSchema, { error: zodIssueMessage });

/** The schema's resolver, saying "此项必须填写" rather than "wrong format" for an empty birth date. */
const personResolver: Resolver<PersonFormValues, unknown, PersonFields> = async (values, context, options) => {
  const result = await schemaResolver(values, context, options);
  const birthDate = result.errors.birthDate;
  if (birthDate && values.birthDate.trim() === '') birthDate.message = 'required';
  const lunar = result.errors.lunarBirthday as { message?: string } | undefined;
  const lunarPart = (result.errors.lunarBirthday ?? {}) as Record<string, { message?: string } | undefined>;
  const lunarMessage = lunar?.message ?? lunarPart['month']?.message ?? lunarPart['day']?.message ?? lunarPart['leap']?.message;
  if (result.errors.lunarBirthday) {
    const unreadable = parseLunarBirthdayText(values.lunarBirthday) === 'invalid';
    (result.errors as Record<string, unknown>)['lunarBirthday'] = { type: 'invalid', message: unreadable ? 'lunarBirthday.format' : lunarMessage };
  }
  return result;
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" sx={{ p: { xs: 2, md: 3 }, mb: 2 }}>
      <Typography variant="h6" component="h2" sx={{ mb: 0.5 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

const columnsSx = { display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: 'repeat(3, 1fr)' }, columnGap: 2, alignItems: 'start' } as const;

function options(field: CodedField, codes: readonly string[]) {
  return codes.map((c) => ({ value: c, label: valueLabel(field, c) }));
}

/** The answer to a save that found the ID number taken: say whose it is and link to them. */
function SaveError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.code === 'DUPLICATE_ID_NUMBER') {
    const id = typeof error.details?.['existingId'] === 'string' ? error.details['existingId'] : null;
    return (
      <Alert severity="error" role="alert" sx={{ mb: 2 }}>
        {t('errors.DUPLICATE_ID_NUMBER', { existingName: String(error.details?.['existingName'] ?? '') })}{' '}
        {id ? (
          <Link component={RouterLink} to={`/persons/${id}`}>
            {t('persons.form.openExisting')}
          </Link>
        ) : null}
      </Alert>
    );
  }
  return <ErrorAlert error={error} sx={{ mb: 2 }} />;
}

export function PersonFormPage() {
  const { id } = useParams();
  const existing = useQuery({
    queryKey: personKeys.detail(id ?? ''),
    queryFn: () => request('persons.get', { id: id ?? '' }),
    enabled: id !== undefined,
  });
  if (id === undefined) return <PersonForm />;
  if (existing.error) return <ErrorAlert error={existing.error} />;
  if (!existing.data) return <CircularProgress aria-label="…" />;
  return <PersonForm id={id} initial={valuesOf(existing.data.person)} />;
}

function PersonForm({ id, initial }: { id?: string; initial?: PersonFormValues }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  // The grids that exist: a name typed that is none of them is created only after asking.
  const gridList = useQuery({ queryKey: careKeys.grids, queryFn: () => request('grids.list', {}) });
  const grids = (gridList.data ?? []).map((g) => g.name);
  const [newGrid, setNewGrid] = useState<PersonFields | null>(null);
  const form = useForm<PersonFormValues, unknown, PersonFields>({
    resolver: personResolver,
    defaultValues: initial ?? EMPTY_PERSON,
  });
  const { control, handleSubmit, formState, watch } = form;
  const name = watch('name');
  const editing = id !== undefined;

  const save = useWrite({
    write: async (fields: PersonFields): Promise<{ id: string; changed: boolean }> => {
      if (id) return { id, ...(await request('persons.update', { id, fields })) };
      return { ...(await request('persons.create', fields)), changed: true };
    },
    invalidates: PERSON_WRITES,
    onSuccess: (saved, fields) => {
      if (id) {
        notify(saved.changed ? t('persons.form.updated', { name: fields.name }) : t('persons.form.unchanged'), saved.changed ? 'success' : 'info');
        void navigate(`/persons/${id}`);
      } else {
        notify(t('persons.form.created', { name: fields.name }));
        void navigate(`/persons/${saved.id}`, { replace: true });
      }
    },
  });
  const submit = handleSubmit((fields) => {
    if (fields.grid !== '' && gridList.data && !grids.includes(fields.grid)) setNewGrid(fields);
    else save.mutate({ ...fields, createGrid: false });
  });
  const saving = save.isPending;

  const cancelTo = id ? `/persons/${id}` : listPath();
  const hasErrors = Object.keys(formState.errors).length > 0;

  return (
    <Box component="form" noValidate onSubmit={(e) => void submit(e)} sx={{ maxWidth: 1200 }}>
      <PageHeader
        title={editing ? t('persons.form.editTitle', { name: initial?.name ?? name }) : t('persons.form.createTitle')}
        intro={t('persons.form.createIntro')}
      />
      <SaveError error={save.error} />
      {hasErrors ? (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {t('persons.form.fixErrors')}
        </Alert>
      ) : null}

      <Section title={t('persons.form.sections.basic')}>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 168px' }, columnGap: 3 }}>
          <Box sx={columnsSx}>
            <FormTextField control={control} name="name" label={t('persons.fields.name')} required autoComplete="off" autoFocus={!editing} />
            <IdNumberField form={form} exceptId={id} />
            <SelectField control={control} name="gender" label={t('persons.fields.gender')} required placeholder={t('persons.form.choose')} options={options('gender', GENDERS)} />
            <FormDateField control={control} name="birthDate" label={t('persons.fields.birthDate')} required helperText={t('persons.form.dateHelp')} placeholder="" />
            <FormTextField control={control} name="lunarBirthday" label={t('persons.fields.lunarBirthday')} helperText={t('persons.form.lunarBirthdayHelp')} autoComplete="off" />
            <FormTextField control={control} name="ethnicity" label={t('persons.fields.ethnicity')} helperText={t('persons.form.ethnicityHelp')} autoComplete="off" />
            <PhonesField control={control} name="phones" max={5} label={(n) => t('persons.form.phoneN', { n })} />
          </Box>
          <PhotoField control={control} alt={t('persons.detail.photoAlt', { name })} />
        </Box>
      </Section>

      <Section title={t('persons.form.sections.retirement')}>
        <Box sx={columnsSx}>
          <SelectField
            control={control}
            name="retirementType"
            label={t('persons.fields.retirementType')}
            required
            placeholder={t('persons.form.choose')}
            options={options('retirementType', RETIREMENT_TYPES)}
          />
          <FormDateField control={control} name="retirementDate" monthAllowed label={t('persons.fields.retirementDate')} helperText={t('persons.form.dateOrMonthHelp')} placeholder="" />
          <SelectField control={control} name="politicalStatus" label={t('persons.fields.politicalStatus')} options={options('politicalStatus', POLITICAL_STATUSES)} />
          <UnitField form={form} />
          {/* A linked unit decides the level. */}
          <SelectField control={control} name="unitLevel" label={t('persons.fields.unitLevel')} options={options('unitLevel', UNIT_LEVELS)} disabled={watch('unitId') !== null} />
          <SelectField
            control={control}
            name="unitKind"
            label={t('persons.fields.unitKind')}
            placeholder={t('persons.form.unitKindNone')}
            showPlaceholder
            helperText={t('persons.form.unitKindHelp')}
            options={options('unitKind', UNIT_KINDS)}
          />
          <FormTextField control={control} name="formerPosition" label={t('persons.fields.formerPosition')} autoComplete="off" />
          <SuggestField control={control} name="rank" label={t('persons.fields.rank')} helperText={t('persons.form.rankHelp')} suggestions={COMMON_RANKS} />
        </Box>
      </Section>

      <Section title={t('persons.form.sections.living')}>
        <Box sx={columnsSx}>
          <SelectField control={control} name="livingSituation" label={t('persons.fields.livingSituation')} options={options('livingSituation', LIVING_SITUATIONS)} />
          <FormTextField control={control} name="community" label={t('persons.fields.community')} autoComplete="off" />
          <SuggestField control={control} name="grid" label={t('persons.fields.grid')} helperText={t('persons.form.gridHelp')} suggestions={grids} />
        </Box>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '2fr 1fr' }, columnGap: 2 }}>
          <FormTextField control={control} name="address" label={t('persons.fields.address')} autoComplete="off" />
          <FormTextField control={control} name="householdRegistration" label={t('persons.fields.householdRegistration')} autoComplete="off" />
        </Box>
      </Section>

      <Section title={t('persons.form.sections.notes')}>
        <FormTextField control={control} name="notes" label={t('persons.fields.notes')} multiline minRows={3} />
      </Section>

      <Paper
        variant="outlined"
        sx={{ position: 'sticky', bottom: 0, p: 1.5, display: 'flex', gap: 1, justifyContent: 'flex-end', zIndex: 2, bgcolor: 'background.paper' }}
      >
        <Button component={RouterLink} to={cancelTo} disabled={saving}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="contained" disabled={saving}>
          {saving ? t('common.saving') : t('common.save')}
        </Button>
      </Paper>
      <ConfirmDialog
        open={newGrid !== null}
        title={t('persons.form.newGridTitle', { grid: newGrid?.grid ?? '' })}
        confirmLabel={t('persons.form.newGridConfirm')}
        onConfirm={() => {
          if (newGrid) save.mutate({ ...newGrid, createGrid: true });
          setNewGrid(null);
        }}
        onCancel={() => setNewGrid(null)}
      >
        <Typography>{t('persons.form.newGridBody', { grid: newGrid?.grid ?? '', name: newGrid?.name ?? '' })}</Typography>
      </ConfirmDialog>
    </Box>
  );
}
