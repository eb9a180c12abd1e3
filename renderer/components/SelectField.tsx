import Autocomplete from '@mui/material/Autocomplete';
import MenuItem from '@mui/material/MenuItem';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';
import { fieldMessage } from '../i18n';

type Base<T extends FieldValues, TT> = { control: Control<T, unknown, TT>; name: Path<T>; label: string; helperText?: string; required?: boolean };

/** A select bound to the form; `placeholder` adds an empty first choice ("请选择"). */
export function SelectField<T extends FieldValues, TT = T>({
  control,
  name,
  label,
  options,
  placeholder,
  helperText,
  required,
  showPlaceholder = false,
  ...props
}: Base<T, TT> & {
  options: { value: string; label: string }[];
  placeholder?: string;
  /** The placeholder is a state of its own (未登记), shown in the box when nothing is chosen rather than a blank box. */
  showPlaceholder?: boolean;
} & Pick<TextFieldProps, 'sx' | 'disabled'>) {
  const { field, fieldState } = useController({ control, name });
  return (
    <TextField
      {...props}
      select
      required={required}
      label={label}
      name={field.name}
      value={(field.value as string | null) ?? ''}
      inputRef={field.ref}
      onChange={(e) => field.onChange(e.target.value)}
      onBlur={field.onBlur}
      error={fieldState.error !== undefined}
      helperText={fieldState.error ? fieldMessage(fieldState.error.message) : helperText}
      slotProps={showPlaceholder && placeholder !== undefined ? { select: { displayEmpty: true }, inputLabel: { shrink: true } } : undefined}
    >
      {placeholder !== undefined ? (
        <MenuItem value="">
          <em>{placeholder}</em>
        </MenuItem>
      ) : null}
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** Free text with suggestions (grid names, ranks): what is typed is the value. */
export function SuggestField<T extends FieldValues, TT = T>({ control, name, label, helperText, required, suggestions }: Base<T, TT> & { suggestions: readonly string[] }) {
  const { field, fieldState } = useController({ control, name });
  const value = (field.value as string | null) ?? '';
  return (
    <Autocomplete
      freeSolo
      options={[...suggestions]}
      inputValue={value}
      value={value}
      onInputChange={(_e, next) => field.onChange(next)}
      onChange={(_e, next) => field.onChange(typeof next === 'string' ? next : '')}
      renderInput={(params) => (
        <TextField
          {...params}
          required={required}
          label={label}
          name={field.name}
          inputRef={field.ref}
          onBlur={field.onBlur}
          error={fieldState.error !== undefined}
          helperText={fieldState.error ? fieldMessage(fieldState.error.message) : helperText}
        />
      )}
    />
  );
}
