/**
 * The form of a pair: the person helped (new pairs only), who helps — a staff member (chosen from
 * the office's users or typed), a volunteer, a unit, or a retired official from the registry — what
 * kinds of help, how often they keep in touch and since when. Main checks everything again and its
 * answers are shown at the field concerned.
 */
import { useEffect, useMemo } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import { FormDialog } from '../../components/FormDialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useTranslation } from 'react-i18next';
import { HELP_KINDS, HELPER_KINDS, PAIR_FREQUENCIES, pairFieldsSchema, type HelpKind, type HelperKind, type PairFrequency, type PairSummary } from '../../../shared/schemas/pairs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDateField } from '../../components/FormDateField';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { FormPersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { SelectField } from '../../components/SelectField';
import { applyServerIssues, unmarkedError } from '../../components/serverIssues';
import { useWrite } from '../../components/useWrite';
import { fieldMessage, zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { useContactUsers } from '../../components/lookups';
import { pairKeys, pairLabel, problemKey } from './common';

interface Values {
  /** The person helped, when the dialog asks for them. */
  person: PickedPerson | null;
  helperKind: HelperKind;
  /** The retired official helping. */
  helper: PickedPerson | null;
  helperName: string;
  helperPhone: string;
  helpKinds: HelpKind[];
  frequency: PairFrequency | '';
  fromDate: string;
  notes: string;
}
type FormField = keyof Values;

/** The form field of a field of pairFieldsSchema (or of main's answer), when the form shows it. */
function formFieldOf(path: string): FormField | null {
  const field = path.split('.').pop() ?? '';
  if (field === 'helperPersonId') return 'helper';
  if (field === 'personId') return 'person';
  return (['helperName', 'helperPhone', 'helpKinds', 'frequency', 'fromDate', 'notes'] as const).find((f) => f === field) ?? null;
}

/** The fields pairFieldsSchema checks, as the form holds them. */
function pairFieldsOf(v: Values) {
  return {
    helperKind: v.helperKind,
    helperPersonId: v.helperKind === 'retiree' ? (v.helper?.id ?? null) : null,
    helperName: v.helperKind === 'retiree' ? '' : v.helperName,
    helperPhone: v.helperPhone.trim(),
    helpKinds: v.helpKinds,
    frequency: v.frequency,
    fromDate: v.fromDate,
    notes: v.notes,
  };
}

/**
 * pairFieldsSchema over the form's values, with the person helped when the dialog asks for them:
 * everything the form can check is checked at once, so all problems show at the first save.
 */
function pairFormSchema(asksPerson: boolean) {
  return z.custom<Values>().transform((v, ctx) => {
    if (asksPerson && v.person === null) ctx.addIssue({ code: 'custom', path: ['person'], message: 'choose' });
    if (v.frequency === '') ctx.addIssue({ code: 'custom', path: ['frequency'], message: 'choose' });
    const parsed = pairFieldsSchema.safeParse(pairFieldsOf(v), { error: zodIssueMessage });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = formFieldOf(String(issue.path[0] ?? ''));
        if (field !== null && !(field === 'frequency' && v.frequency === '')) ctx.addIssue({ code: 'custom', path: [field], message: problemKey(issue.message) });
      }
    }
    if (!parsed.success || (asksPerson && v.person === null)) return z.NEVER;
    return { person: v.person, fields: parsed.data };
  });
}
type Parsed = z.output<ReturnType<typeof pairFormSchema>>;

function initial(existing: PairSummary | null | undefined, today: string, person: PickedPerson | null): Values {
  if (!existing) return { person, helperKind: 'volunteer', helper: null, helperName: '', helperPhone: '', helpKinds: [], frequency: '', fromDate: today, notes: '' };
  return {
    person: { id: existing.personId, name: existing.personName, address: '' },
    helperKind: existing.helperKind,
    helper: existing.helperPersonId ? { id: existing.helperPersonId, name: existing.helperName, address: '' } : null,
    helperName: existing.helperName,
    helperPhone: existing.helperPhone,
    helpKinds: existing.helpKinds,
    frequency: existing.frequency,
    fromDate: existing.fromDate,
    notes: existing.notes,
  };
}

export function PairDialog({
  open,
  existing,
  person,
  today,
  onClose,
  onCreated,
}: {
  open: boolean;
  existing?: PairSummary | null;
  /** The person helped of a new pair (from their page); left out, the dialog asks. */
  person?: PickedPerson | null;
  today: string;
  onClose: () => void;
  onCreated?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const users = useContactUsers();
  const asksPerson = !existing && !person;
  const schema = useMemo(() => pairFormSchema(asksPerson), [asksPerson]);
  const { control, handleSubmit, reset, setError, setValue, getValues } = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(schema as unknown as z.ZodType<Parsed, Values>, { error: zodIssueMessage }),
    defaultValues: initial(existing, today, person ?? null),
  });
  const helperKind = useWatch({ control, name: 'helperKind' });
  const target = useWatch({ control, name: 'person' });
  const save = useWrite({
    write: async ({ person: helped, fields }: Parsed): Promise<{ id: string; changed: boolean }> => {
      if (existing) return { id: existing.id, ...(await request('pairs.update', { id: existing.id, ...fields })) };
      return { ...(await request('pairs.create', { personId: helped?.id ?? '', ...fields })), changed: true };
    },
    invalidates: [pairKeys.all],
    onSuccess: (result, { person: helped }) => {
      if (existing) notify(result.changed ? t('pairs.updated') : t('persons.form.unchanged'), result.changed ? 'success' : 'info');
      else {
        notify(t('pairs.created', { name: helped?.name ?? '' }));
        onCreated?.(result.id);
      }
      onClose();
    },
    onError: (err) => applyServerIssues(err, setError, formFieldOf, problemKey),
  });
  const { reset: resetSave } = save;

  useEffect(() => {
    if (!open) return;
    reset(initial(existing, today, person ?? null));
    resetSave();
  }, [open, existing, person, today, reset, resetSave]);

  const staffNames = (users.data ?? []).filter((u) => !u.disabled && u.role !== 'viewer');
  const submit = handleSubmit((parsed) => save.mutate(parsed));
  const busy = save.isPending;

  const row = { display: 'flex', gap: 2, '& > *': { flex: 1 } } as const;
  return (
    <FormDialog control={control} open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="pair-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="pair-dialog-title">{existing ? t('pairs.editTitle', { name: existing.personName }) : t('pairs.createTitle')}</DialogTitle>
        <DialogContent>
          {asksPerson ? (
            <FormPersonPicker control={control} name="person" label={t('pairs.fields.person')} autoFocus />
          ) : (
            <TextField label={t('pairs.fields.person')} value={target?.name ?? ''} disabled />
          )}
          <Controller
            control={control}
            name="helperKind"
            render={({ field }) => (
              <FormControl sx={{ mt: 2, mb: 1 }} fullWidth>
                <FormLabel id="helper-kind-label" sx={{ mb: 0.5 }}>
                  {t('pairs.fields.helperKind')}
                </FormLabel>
                <ToggleButtonGroup
                  exclusive
                  size="small"
                  color="primary"
                  value={field.value}
                  onChange={(_e, v: HelperKind | null) => {
                    if (v) field.onChange(v);
                  }}
                  aria-labelledby="helper-kind-label"
                >
                  {HELPER_KINDS.map((k) => (
                    <ToggleButton key={k} value={k} sx={{ px: 2 }}>
                      {pairLabel('helperKinds', k)}
                    </ToggleButton>
                  ))}
                </ToggleButtonGroup>
              </FormControl>
            )}
          />
          {helperKind === 'retiree' ? (
            <FormPersonPicker control={control} name="helper" label={t('pairs.helperLabels.retiree')} excludeIds={target ? [target.id] : []} helperText={t('pairs.help.retiree')} />
          ) : helperKind === 'staff' ? (
            <Controller
              control={control}
              name="helperName"
              render={({ field, fieldState }) => (
                <Autocomplete
                  freeSolo
                  options={staffNames.map((u) => u.displayName)}
                  inputValue={field.value}
                  onInputChange={(_e, v) => {
                    field.onChange(v);
                    const user = staffNames.find((u) => u.displayName === v);
                    if (user?.phone && getValues('helperPhone') === '') setValue('helperPhone', user.phone);
                  }}
                  renderInput={(params) => (
                    <TextField
                      {...params}
                      required
                      label={t('pairs.helperLabels.staff')}
                      inputRef={field.ref}
                      error={fieldState.error !== undefined}
                      helperText={fieldMessage(fieldState.error?.message) ?? t('pairs.help.staff')}
                    />
                  )}
                />
              )}
            />
          ) : (
            <FormTextField
              control={control}
              name="helperName"
              required
              label={t(`pairs.helperLabels.${helperKind}`)}
              helperText={t(`pairs.help.${helperKind}`)}
              slotProps={{ htmlInput: { maxLength: 100 } }}
            />
          )}
          <FormTextField
            control={control}
            name="helperPhone"
            label={t('pairs.fields.helperPhone')}
            helperText={helperKind === 'retiree' ? t('pairs.help.retireePhone') : t('pairs.help.phone')}
            inputMode="tel"
            autoComplete="off"
          />
          <Controller
            control={control}
            name="helpKinds"
            render={({ field, fieldState }) => (
              <FormControl error={fieldState.error !== undefined} component="fieldset" sx={{ mt: 1 }} required>
                <FormLabel component="legend">{t('pairs.fields.helpKinds')}</FormLabel>
                <FormGroup row>
                  {HELP_KINDS.map((k) => (
                    <FormControlLabel
                      key={k}
                      control={
                        <Checkbox
                          checked={field.value.includes(k)}
                          onChange={(e) => field.onChange(e.target.checked ? HELP_KINDS.filter((x) => x === k || field.value.includes(x)) : field.value.filter((x) => x !== k))}
                        />
                      }
                      label={pairLabel('helpKinds', k)}
                    />
                  ))}
                </FormGroup>
                {fieldState.error ? <FormHelperText>{fieldMessage(fieldState.error.message)}</FormHelperText> : null}
              </FormControl>
            )}
          />
          <Box sx={row}>
            <SelectField
              control={control}
              name="frequency"
              required
              label={t('pairs.fields.frequency')}
              helperText={t('pairs.help.frequency')}
              options={PAIR_FREQUENCIES.map((f) => ({ value: f, label: pairLabel('frequencies', f) }))}
            />
            <FormDateField control={control} name="fromDate" required label={t('pairs.fields.fromDate')} />
          </Box>
          <FormTextField control={control} name="notes" label={t('pairs.fields.notes')} multiline minRows={2} helperText={t('pairs.help.notes')} slotProps={{ htmlInput: { maxLength: 1000 } }} />
          <ErrorAlert error={unmarkedError(save.error, formFieldOf)} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} />
      </form>
    </FormDialog>
  );
}
