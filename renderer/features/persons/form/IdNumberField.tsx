/**
 * The ID number, checked while it is typed (persons.checkIdNumber): a problem shows in words at
 * once, a valid number fills in the birth date and gender (when empty, or when they came from an
 * earlier number), and a number already registered names that person with a link to them.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import TextField from '@mui/material/TextField';
import { useController, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/contract';
import { fieldMessage } from '../../../i18n';
import { request } from '../../../rpc';
import { valueLabel } from '../../../components/labels';
import type { PersonFields } from '../../../../shared/schemas/persons';
import type { PersonFormValues } from './personForm';

type Check = ChannelOutput<'persons.checkIdNumber'>;

const CHECK_DELAY_MS = 250;

export function IdNumberField({ form, exceptId }: { form: UseFormReturn<PersonFormValues, unknown, PersonFields>; exceptId?: string }) {
  const { t } = useTranslation();
  const { field, fieldState } = useController({ control: form.control, name: 'idNumber' });
  const [check, setCheck] = useState<{ value: string; result: Check } | null>(null);
  const [blurred, setBlurred] = useState(false);
  /** Fields this component filled in, which a corrected number may fill in again. */
  const filled = useRef<{ birthDate: string | null; gender: string | null }>({ birthDate: null, gender: null });
  const value = field.value;
  const formRef = useRef(form);
  formRef.current = form;

  useEffect(() => {
    const typed = value.trim();
    if (typed === '') {
      setCheck(null);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      request('persons.checkIdNumber', { idNumber: typed.slice(0, 40), ...(exceptId ? { exceptId } : {}) })
        .then((result) => {
          if (!current) return;
          setCheck({ value: typed, result });
          if (!result.valid || !result.birthDate || !result.gender) return;
          const { getValues, setValue, formState, trigger } = formRef.current;
          const validate = formState.isSubmitted;
          const birthDate = getValues('birthDate').trim();
          if (birthDate === '' || birthDate === filled.current.birthDate) {
            setValue('birthDate', result.birthDate, { shouldDirty: true, shouldValidate: validate });
            filled.current.birthDate = result.birthDate;
          }
          const gender = getValues('gender');
          if (gender === '' || gender === filled.current.gender) {
            setValue('gender', result.gender, { shouldDirty: true, shouldValidate: validate });
            filled.current.gender = result.gender;
          }
          // The birth date and gender may agree with the number now: check them again after a failed save.
          if (validate) void trigger(['birthDate', 'gender']);
        })
        .catch(() => {
          // The check is a help while typing; saving checks everything again.
        });
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [value, exceptId]);

  const result = check && check.value === value.trim() ? check.result : null;
  // "Too short" only once the person has left the field or typed a whole number's length.
  const showProblem = result?.problem && (result.problem !== 'length' || blurred || value.trim().length >= 18);
  let error = false;
  let helper: ReactNode = t('persons.form.idHelp');
  if (result?.existing) {
    error = true;
    helper = (
      <Box component="span">
        {t('persons.form.idTaken', { name: result.existing.name })}{' '}
        <Link component={RouterLink} to={`/persons/${result.existing.id}`}>
          {t('persons.form.openExisting')}
        </Link>
      </Box>
    );
  } else if (showProblem) {
    error = true;
    helper = fieldMessage(`idNumber.${result.problem}`);
  } else if (fieldState.error) {
    error = true;
    helper = fieldMessage(fieldState.error.message);
  } else if (result?.valid && result.birthDate && result.gender) {
    helper = t('persons.form.idValid', { birthDate: result.birthDate, gender: valueLabel('gender', result.gender) });
  }

  return (
    <TextField
      required
      label={t('persons.fields.idNumber')}
      name={field.name}
      value={value}
      inputRef={field.ref}
      onChange={(e) => field.onChange(e.target.value)}
      onBlur={() => {
        setBlurred(true);
        field.onBlur();
      }}
      error={error}
      helperText={helper}
      autoComplete="off"
      slotProps={{
        htmlInput: { maxLength: 40, spellCheck: false, style: { fontVariantNumeric: 'tabular-nums', letterSpacing: '0.04em' } },
        formHelperText: { sx: { color: !error && result?.valid ? 'success.dark' : undefined } },
      }}
    />
  );
}
