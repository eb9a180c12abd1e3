/**
 * 原工作单位 in the person form: chosen from the registry of units (then the person is linked, and the
 * name and level are the unit's), or typed freely for a unit not in the registry (not linked; the
 * text is kept as typed and can be matched later on the 匹配原单位 screen).
 */
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useController, type UseFormReturn } from 'react-hook-form';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { PersonFields } from '../../../shared/schemas/persons';
import type { Unit } from '../../../shared/schemas/units';
import { fieldMessage } from '../../i18n';
import { request } from '../../rpc';
import type { PersonFormValues } from '../persons';
import { valueLabel } from '../../components/labels';
import { unitKeys } from './common';

/** What the picker shows of a unit. */
type UnitChoice = Pick<Unit, 'id' | 'name' | 'level' | 'retireeDepartment'>;

/** How many units one search shows: enough to pick from, few enough for a county's registry. */
const CHOICES = 20;
/** Waits for a pause in typing before asking the server. */
const DEBOUNCE_MS = 250;

function useDebounced(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

export function UnitField({ form }: { form: UseFormReturn<PersonFormValues, unknown, PersonFields> }) {
  const { t } = useTranslation();
  const text = useController({ control: form.control, name: 'originalUnit' });
  const link = useController({ control: form.control, name: 'unitId' });
  // The registry is searched on the server as the user types (a county's registry has thousands of units).
  const search = useDebounced(text.field.value.trim());
  const units = useQuery({
    queryKey: unitKeys.choices(search),
    queryFn: () => request('units.list', { search, limit: CHOICES }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const options: UnitChoice[] = units.data?.rows ?? [];
  // A linked person's text is the unit's name (the server keeps it so), and the level is the unit's.
  const linked: UnitChoice | null =
    link.field.value === null ? null : { id: link.field.value, name: text.field.value, level: form.getValues('unitLevel'), retireeDepartment: '' };
  const typed = text.field.value.trim();

  const helper = text.fieldState.error
    ? fieldMessage(text.fieldState.error.message)
    : link.field.value !== null
      ? t('units.field.linked')
      : typed !== ''
        ? t('units.field.notInRegistry')
        : t('units.field.help');

  return (
    <Autocomplete<UnitChoice, false, false, true>
      freeSolo
      options={options}
      filterOptions={(found) => found}
      loading={units.isFetching}
      value={linked ?? (typed === '' ? null : text.field.value)}
      inputValue={text.field.value}
      getOptionLabel={(o) => (typeof o === 'string' ? o : o.name)}
      isOptionEqualToValue={(o, v) => typeof v !== 'string' && o.id === v.id}
      onInputChange={(_e, next, reason) => {
        if (reason === 'reset') return;
        text.field.onChange(next);
        // Typing something else than the linked unit's name: not that unit any more.
        if (link.field.value !== null && next.trim() !== text.field.value.trim()) link.field.onChange(null);
      }}
      onChange={(_e, next) => {
        if (next === null) {
          text.field.onChange('');
          link.field.onChange(null);
        } else if (typeof next === 'string') {
          text.field.onChange(next);
          link.field.onChange(null);
        } else {
          text.field.onChange(next.name);
          link.field.onChange(next.id);
          form.setValue('unitLevel', next.level, { shouldDirty: true });
        }
      }}
      renderOption={(props, o) => {
        const { key, ...rest } = props as typeof props & { key: string };
        return (
          <Box component="li" key={key} {...rest} sx={{ display: 'flex', gap: 1, alignItems: 'baseline' }}>
            <span>{o.name}</span>
            <Typography component="span" variant="body2" color="text.secondary">
              {valueLabel('unitLevel', o.level)}
              {o.retireeDepartment ? ` · ${o.retireeDepartment}` : ''}
            </Typography>
          </Box>
        );
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={t('persons.fields.originalUnit')}
          name="originalUnit"
          inputRef={text.field.ref}
          onBlur={text.field.onBlur}
          error={text.fieldState.error !== undefined || link.fieldState.error !== undefined}
          helperText={link.fieldState.error ? fieldMessage(link.fieldState.error.message) : helper}
        />
      )}
    />
  );
}
