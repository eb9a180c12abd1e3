import { useEffect, useState } from 'react';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import { parseDateText } from '../../shared/dates';
import { fieldMessage } from '../i18n';

/**
 * A date typed the way people write it (2026-11-27, 2026年11月27日, 2026/11/27), as the registry's
 * forms take dates. `value` and `onChange` carry YYYY-MM-DD, or '' for no date.
 *
 * Text that cannot be read as a date (2026-02-30, a half-typed 2026-02-) is passed on exactly as
 * typed, so the form's dateSchema refuses it with the usual message: a form must never save a date
 * other than the one the box shows, nor quietly save no date. List filters (`filter`) instead keep
 * their last readable date while someone is still typing, so the list does not flash an error.
 */
export function DateTextField({
  value,
  onChange,
  helperText,
  error,
  filter = false,
  ...props
}: { value: string; onChange: (date: string) => void; filter?: boolean } & Omit<TextFieldProps, 'value' | 'onChange'>) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [bad, setBad] = useState(false);
  useEffect(() => {
    // A new value from outside (cleared filters, defaults, a form reset) replaces what was typed;
    // the value this box passed on itself (a date, or unreadable text as typed) keeps the text.
    setText((current) => (current === value || parseDateText(current) === value || (current.trim() === '' && value === '') ? current : value));
    if (parseDateText(value) !== null || value === '') setBad(false);
  }, [value]);
  return (
    <TextField
      {...props}
      value={text}
      error={bad || error}
      helperText={bad && !error ? fieldMessage('date.format') : helperText}
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
        } else if (!filter) {
          onChange(next);
        }
      }}
      onBlur={(e) => {
        const parsed = parseDateText(text);
        setBad(text.trim() !== '' && parsed === null);
        if (parsed !== null && parsed !== text) setText(parsed);
        props.onBlur?.(e);
      }}
    />
  );
}
