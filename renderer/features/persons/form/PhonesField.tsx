import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import { useController, type Control, type FieldError, type FieldValues, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldMessage } from '../../../i18n';

/**
 * A list of phone numbers, one field each, with add and remove. Blank rows are dropped before
 * validation, so an error at position k belongs to the k-th filled row.
 */
export function PhonesField<T extends FieldValues, TT = T>({ control, name, max, label }: { control: Control<T, unknown, TT>; name: Path<T>; max: number; label: (n: number) => string }) {
  const { t } = useTranslation();
  const { field, fieldState } = useController({ control, name });
  const phones = (field.value as string[] | undefined) ?? [''];
  const errors = fieldState.error as unknown as (FieldError | undefined)[] | FieldError | undefined;
  const listError = errors && !Array.isArray(errors) ? errors.message : undefined;
  const errorAt = (index: number): string | undefined => {
    if (!Array.isArray(errors) || phones[index]?.trim() === '') return undefined;
    const filledIndex = phones.slice(0, index).filter((p) => p.trim() !== '').length;
    return fieldMessage(errors[filledIndex]?.message);
  };
  const set = (next: string[]) => field.onChange(next);
  return (
    <Box>
      {phones.map((phone, index) => {
        const error = errorAt(index);
        return (
          <Box key={index} sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5 }}>
            <TextField
              label={label(index + 1)}
              value={phone}
              name={`${field.name}.${index}`}
              inputRef={index === 0 ? field.ref : undefined}
              onChange={(e) => set(phones.map((p, i) => (i === index ? e.target.value : p)))}
              onBlur={field.onBlur}
              error={error !== undefined}
              helperText={error ?? (index === 0 ? t('persons.form.phoneHelp') : undefined)}
              autoComplete="off"
              slotProps={{ htmlInput: { inputMode: 'tel', maxLength: 20 } }}
            />
            {phones.length > 1 ? (
              <IconButton aria-label={t('persons.form.removePhone', { n: index + 1 })} onClick={() => set(phones.filter((_p, i) => i !== index))} sx={{ mt: 3 }}>
                <DeleteOutlinedIcon />
              </IconButton>
            ) : null}
          </Box>
        );
      })}
      {listError ? <Box sx={{ color: 'error.main', fontSize: '0.8rem' }}>{fieldMessage(listError)}</Box> : null}
      {phones.length < max ? (
        <Button size="small" startIcon={<AddIcon />} onClick={() => set([...phones, ''])}>
          {t('persons.form.addPhone')}
        </Button>
      ) : null}
    </Box>
  );
}
