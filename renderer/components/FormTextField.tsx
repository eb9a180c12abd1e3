import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';
import { fieldMessage } from '../i18n';

type Props<T extends FieldValues, TT = T> = {
  /** TT: the values the resolver hands to submit, when its schema transforms them. */
  control: Control<T, unknown, TT>;
  name: Path<T>;
} & Omit<TextFieldProps, 'name' | 'value' | 'onChange' | 'onBlur' | 'error' | 'inputRef'>;

/** A MUI TextField bound to react-hook-form; its error shows in the helper text, translated. */
export function FormTextField<T extends FieldValues, TT = T>({ control, name, helperText, type, ...props }: Props<T, TT>) {
  const { field, fieldState } = useController({ control, name });
  const numeric = type === 'number';
  const value: unknown = field.value;
  const shown = value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value)) ? '' : String(value);
  return (
    <TextField
      {...props}
      type={type}
      name={field.name}
      value={shown}
      inputRef={field.ref}
      onBlur={field.onBlur}
      onChange={(e) => {
        const raw = e.target.value;
        field.onChange(numeric ? (raw.trim() === '' ? Number.NaN : Number(raw)) : raw);
      }}
      error={fieldState.error !== undefined}
      helperText={fieldState.error ? fieldMessage(fieldState.error.message) : helperText}
    />
  );
}
