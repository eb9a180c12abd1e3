import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';
import type { TextFieldProps } from '@mui/material/TextField';
import { DateTextField } from '../../components/DateTextField';
import { fieldMessage } from '../../i18n';

/** A date typed as people write it, bound to react-hook-form ('' for no date). */
export function FormDateField<T extends FieldValues, TT = T>({
  control,
  name,
  helperText,
  ...props
}: { control: Control<T, unknown, TT>; name: Path<T> } & Omit<TextFieldProps, 'name' | 'value' | 'onChange' | 'error'>) {
  const { field, fieldState } = useController({ control, name });
  return (
    <DateTextField
      {...props}
      name={field.name}
      value={(field.value as string | null) ?? ''}
      onChange={field.onChange}
      inputRef={field.ref}
      error={fieldState.error !== undefined}
      helperText={fieldState.error ? fieldMessage(fieldState.error.message) : helperText}
    />
  );
}
