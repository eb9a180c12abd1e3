import { createContext, useContext, useEffect, useState, type KeyboardEvent } from 'react';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import { DesktopDatePicker } from '@mui/x-date-pickers/DesktopDatePicker';
import { usePickerContext, usePickerTranslations } from '@mui/x-date-pickers/hooks';
import { CalendarIcon } from '@mui/x-date-pickers/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { dateTextProblem, parseDateOrMonthText, parseDateText as parseDay, partialDateText } from '../../shared/dates';
import { fieldMessage } from '../i18n';

/** Why a typed text is no date: the key of its message ('date.noSuchDay?…' for 2026-02-30). */
function problemOf(text: string, monthAllowed: boolean): string {
  const problem = dateTextProblem(text);
  return monthAllowed && problem === 'date.format' ? 'date.formatOrMonth' : problem;
}

/** The calendar offers the years parseDateText reads. */
const FIRST_DAY = dayjs('1850-01-01');
const LAST_DAY = dayjs('2200-12-31');

/** The text box the picker shows as its field: what DateTextField worked out, handed down past the picker. */
const TypedBox = createContext<TextFieldProps | null>(null);

/**
 * The picker's field: the ordinary text box (typing stays as free as it was) with a calendar button at
 * its end. The picker anchors its calendar to the box and gives focus back to the button on closing.
 */
function TypedDateField() {
  const box = useContext(TypedBox);
  const picker = usePickerContext<Dayjs | null>();
  const translations = usePickerTranslations();
  if (box === null) return null;
  const chosen = picker.value?.isValid() ? picker.value.format('LL') : null;
  const { slotProps, onKeyDown, ...props } = box;
  const input = slotProps?.input && typeof slotProps.input === 'object' ? slotProps.input : {};
  // A box only to read (a viewer's) offers no calendar either.
  const readOnly = typeof slotProps?.htmlInput === 'object' && (slotProps.htmlInput as { readOnly?: unknown }).readOnly === true;
  if (readOnly) return <TextField {...box} ref={picker.rootRef} />;
  return (
    <TextField
      {...props}
      ref={picker.rootRef}
      onKeyDown={(e: KeyboardEvent<HTMLDivElement>) => {
        // Alt+↓ opens the calendar from the keyboard, as in a native date box.
        if (e.altKey && e.key === 'ArrowDown' && !props.disabled) {
          e.preventDefault();
          picker.setOpen(true);
        }
        onKeyDown?.(e);
      }}
      slotProps={{
        ...slotProps,
        input: {
          ...input,
          ref: picker.triggerRef,
          endAdornment: (
            <InputAdornment position="end">
              <IconButton
                edge="end"
                size={props.size === 'small' ? 'small' : 'medium'}
                aria-label={translations.openDatePickerDialogue(chosen)}
                disabled={props.disabled}
                onClick={() => picker.setOpen((open) => !open)}
              >
                <CalendarIcon fontSize={props.size === 'small' ? 'small' : 'medium'} />
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}

/**
 * A date typed the way people write it (2026-11-27, 2026年11月27日, 2026/11/27), as the registry's
 * forms take dates, with a calendar one click away (the button at the end of the box, or Alt+↓).
 * `value` and `onChange` carry YYYY-MM-DD, or '' for no date.
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
  monthAllowed = false,
  ...props
}: {
  value: string;
  onChange: (date: string) => void;
  filter?: boolean;
  /** A year and month alone is a value too (2008年3月 → 2008-03): for dates old paper files give only so. */
  monthAllowed?: boolean;
} & Omit<TextFieldProps, 'value' | 'onChange'>) {
  const { t } = useTranslation();
  const parseDateText = monthAllowed ? parseDateOrMonthText : parseDay;
  const shown = (v: string) => (monthAllowed ? partialDateText(v) : v);
  const [text, setText] = useState(shown(value));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    // A new value from outside (cleared filters, defaults, a form reset, a day picked on the calendar)
    // replaces what was typed; the value this box passed on itself (a date, or unreadable text as
    // typed) keeps the text.
    setText((current) => (current === value || parseDateText(current) === value || (current.trim() === '' && value === '') ? current : shown(value)));
    if (parseDateText(value) !== null || value === '') setBad(false);
  }, [value]);
  const readable = parseDateText(value);
  const box: TextFieldProps = {
    ...props,
    value: text,
    error: bad || error,
    helperText: bad && !error ? fieldMessage(problemOf(text, monthAllowed)) : helperText,
    placeholder: props.placeholder ?? t('common.datePlaceholder'),
    autoComplete: 'off',
    onChange: (e) => {
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
    },
    onBlur: (e) => {
      const parsed = parseDateText(text);
      setBad(text.trim() !== '' && parsed === null);
      if (parsed !== null && parsed !== text) setText(monthAllowed ? partialDateText(parsed) : parsed);
      props.onBlur?.(e);
    },
  };
  return (
    <TypedBox.Provider value={box}>
      <DesktopDatePicker
        value={readable === null ? null : dayjs(readable)}
        onChange={(picked) => {
          if (picked?.isValid()) onChange(picked.format('YYYY-MM-DD'));
        }}
        minDate={FIRST_DAY}
        maxDate={LAST_DAY}
        disabled={props.disabled}
        slots={{ field: TypedDateField }}
      />
    </TypedBox.Provider>
  );
}
