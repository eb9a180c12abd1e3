import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import { request } from '../../rpc';

export interface PickedPerson {
  id: string;
  name: string;
  address: string;
}

/** Finds a person as the registry's search box does (name, pinyin initials, ID, phone, address). */
export function PersonPicker({ value, onChange, error, helperText, autoFocus }: { value: PickedPerson | null; onChange: (p: PickedPerson | null) => void; error?: boolean; helperText?: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const search = text.trim();
  const found = useQuery({
    queryKey: ['persons', 'list', { pick: search }],
    queryFn: () => request('persons.list', { search, limit: 20 }),
    placeholderData: keepPreviousData,
  });
  const options: PickedPerson[] = (found.data?.rows ?? []).map((r) => ({ id: r.id, name: r.name, address: r.address }));
  return (
    <Autocomplete
      options={value && !options.some((o) => o.id === value.id) ? [value, ...options] : options}
      value={value}
      onChange={(_e, next) => onChange(next)}
      inputValue={text}
      onInputChange={(_e, next) => setText(next)}
      filterOptions={(x) => x}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      getOptionLabel={(p) => p.name}
      renderOption={(props, p) => (
        <li {...props} key={p.id}>
          {p.name}
          {p.address ? `（${p.address}）` : ''}
        </li>
      )}
      loading={found.isFetching}
      noOptionsText={t('requests.noPersonFound')}
      renderInput={(params) => (
        <TextField {...params} label={t('requests.person')} required error={error} helperText={helperText ?? t('requests.personHelp')} autoFocus={autoFocus} />
      )}
    />
  );
}
