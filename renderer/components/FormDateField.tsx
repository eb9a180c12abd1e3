import type { TextFieldProps } from '@mui/material/TextField';
import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';
import { DateTextField } from './DateTextField';
import { fieldMessage } from '../i18n';

type Props<T extends FieldValues, TT = T> = {
  /** TT: the values the resolver hands to submit, when its schema transforms them. */
  control: Control<T, unknown, TT>;
  name: Path<T>;
  /** A year and month alone is a value too (2008年3月 → 2008-03). */
  monthAllowed?: boolean;
} & Omit<TextFieldProps, 'name' | 'value' | 'onChange' | 'error'>;

/**
 * A date typed as people write it (2026-11-27, 2026年11月27日), bound to react-hook-form as
 * YYYY-MM-DD, or '' for no date. Its error shows in the helper text, translated.
 */
export function FormDateField<T extends FieldValues, TT = T>({ control, name, helperText, ...props }: Props<T, TT>) {
  const { field, fieldState } = useController({ control, name });
  return (
    <DateTextField
      {...props}
      name={field.name}
      inputRef={field.ref}
      value={(field.value as string | null) ?? ''}
      onChange={(date) => field.onChange(date)}
      error={fieldState.error !== undefined}
      helperText={fieldState.error ? fieldMessage(fieldState.error.message) : helperText}
    />
  );
}
