import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../shared/contract';
import { fieldMessage } from '../i18n';
import { request } from '../rpc';

export interface PickedPerson {
  id: string;
  name: string;
  address: string;
}

type PersonFilter = Omit<ChannelInput<'persons.list'>, 'search' | 'limit' | 'offset'>;

interface PersonPickerProps {
  value: PickedPerson | null;
  onChange: (p: PickedPerson | null) => void;
  error?: boolean;
  helperText?: string;
  autoFocus?: boolean;
  /** Defaults to 离退休干部 (the person a need or visit is about). */
  label?: string;
  required?: boolean;
  /** Narrows the choice, e.g. `{ politicalStatus: 'cpc' }` for party members. */
  filter?: PersonFilter;
  /** Persons that may not be picked (already members, already signed up…). */
  excludeIds?: readonly string[];
  /** Persons listed but not pickable, with the reason shown beside the name (e.g. 已报名): unlike
   * `excludeIds`, typing their name then explains why they cannot be chosen instead of finding nobody. */
  unavailable?: Readonly<Record<string, string>>;
}

/** Finds a person as the registry's search box does (name, pinyin initials, ID, phone, address). */
export function PersonPicker({ value, onChange, error, helperText, autoFocus, label, required = true, filter, excludeIds, unavailable }: PersonPickerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const search = text.trim();
  const found = useQuery({
    queryKey: ['persons', 'list', { pick: search, filter }],
    queryFn: () => request('persons.list', { ...filter, search, limit: 20 }),
    placeholderData: keepPreviousData,
  });
  const options: PickedPerson[] = (found.data?.rows ?? [])
    .filter((r) => !excludeIds?.includes(r.id))
    .map((r) => ({ id: r.id, name: r.name, address: r.address }));
  return (
    <Autocomplete
      options={value && !options.some((o) => o.id === value.id) ? [value, ...options] : options}
      value={value}
      onChange={(_e, next) => onChange(next)}
      inputValue={text}
      onInputChange={(_e, next) => setText(next)}
      filterOptions={(x) => x}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      getOptionDisabled={(p) => unavailable?.[p.id] !== undefined}
      getOptionLabel={(p) => p.name}
      renderOption={(props, p) => (
        <li {...props} key={p.id}>
          {p.name}
          {p.address ? `（${p.address}）` : ''}
          {unavailable?.[p.id] !== undefined ? (
            <Box component="span" sx={{ ml: 'auto', pl: 2, flexShrink: 0, fontSize: 14, color: 'text.secondary' }}>
              {unavailable[p.id]}
            </Box>
          ) : null}
        </li>
      )}
      loading={found.isFetching}
      noOptionsText={t('requests.noPersonFound')}
      renderInput={(params) => (
        <TextField {...params} label={label ?? t('requests.person')} required={required} error={error} helperText={helperText ?? t('requests.personHelp')} autoFocus={autoFocus} />
      )}
    />
  );
}

/** A PersonPicker bound to react-hook-form (a field holding a PickedPerson or null); its error shows in the helper text, translated. */
export function FormPersonPicker<T extends FieldValues, TT = T>({
  control,
  name,
  helperText,
  ...props
}: { control: Control<T, unknown, TT>; name: Path<T> } & Omit<PersonPickerProps, 'value' | 'onChange' | 'error'>) {
  const { field, fieldState } = useController({ control, name });
  return (
    <PersonPicker
      {...props}
      value={field.value as PickedPerson | null}
      onChange={field.onChange}
      error={fieldState.error !== undefined}
      helperText={fieldMessage(fieldState.error?.message) ?? helperText}
    />
  );
}
