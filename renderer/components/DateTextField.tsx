import { useEffect, useState } from 'react';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import { parseDateText } from '../../shared/dates';
import { fieldMessage } from '../i18n';

/**
 * A date typed the way people write it (2026-11-27, 2026年11月27日, 2026/11/27), as the registry's
 * forms take dates. `value` and `onChange` carry YYYY-MM-DD, or '' for no date; what cannot be read
 * is shown as typed, marked, and not passed on.
 */
export function DateTextField({ value, onChange, helperText, error, ...props }: { value: string; onChange: (date: string) => void } & Omit<TextFieldProps, 'value' | 'onChange'>) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [bad, setBad] = useState(false);
  useEffect(() => {
    // A new value from outside (cleared filters, defaults) replaces what was typed.
    setText((current) => (parseDateText(current) === value || (current.trim() === '' && value === '') ? current : value));
    setBad(false);
  }, [value]);
  return (
    <TextField
      {...props}
      value={text}
      error={bad || error}
      helperText={bad ? fieldMessage('date.format') : helperText}
      placeholder={props.placeholder ?? t('common.datePlaceholder')}
      autoComplete="off"
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        if (next.trim() === '') {
          setBad(false);
          onChange('');
          return;
        }
        const parsed = parseDateText(next);
        // Half-typed dates are not marked while typing; leaving the box says whether it could be read.
        if (parsed !== null) {
          setBad(false);
          onChange(parsed);
        }
      }}
      onBlur={() => {
        const parsed = parseDateText(text);
        setBad(text.trim() !== '' && parsed === null);
        if (parsed !== null && parsed !== text) setText(parsed);
      }}
    />
  );
}
