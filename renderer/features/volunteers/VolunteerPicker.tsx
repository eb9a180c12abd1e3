/**
 * Finding a volunteer by name, pinyin or initials (张建华, zjh): one, or several for joining a team.
 */
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Autocomplete from '@mui/material/Autocomplete';
import Chip from '@mui/material/Chip';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import type { VolunteerKind } from '../../../shared/schemas/volunteers';
import { request } from '../../rpc';
import { volunteerKeys, volunteerKindLabel } from './common';

export interface PickedVolunteer {
  id: string;
  name: string;
  kind: VolunteerKind;
}

function useFound(text: string, excludeIds: readonly string[] | undefined): { options: PickedVolunteer[]; loading: boolean } {
  const q = text.trim();
  const found = useQuery({
    queryKey: volunteerKeys.list({ pick: q }),
    queryFn: () => request('volunteers.list', { q: q === '' ? undefined : q, limit: 30 }),
    placeholderData: keepPreviousData,
  });
  const options = (found.data?.rows ?? []).filter((r) => !excludeIds?.includes(r.id)).map((r) => ({ id: r.id, name: r.name, kind: r.kind }));
  return { options, loading: found.isFetching };
}

const optionText = (v: PickedVolunteer) => `${v.name}（${volunteerKindLabel(v.kind)}）`;

interface Common {
  label: string;
  error?: boolean;
  helperText?: string;
  autoFocus?: boolean;
  excludeIds?: readonly string[];
  /** A filter rather than a form field: not required, small, "全部" when empty. */
  asFilter?: boolean;
}

export function VolunteerPicker({ value, onChange, label, error, helperText, autoFocus, excludeIds, asFilter }: Common & { value: PickedVolunteer | null; onChange: (v: PickedVolunteer | null) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const { options, loading } = useFound(text, excludeIds);
  return (
    <Autocomplete
      options={value && !options.some((o) => o.id === value.id) ? [value, ...options] : options}
      value={value}
      onChange={(_e, next) => onChange(next)}
      inputValue={text}
      onInputChange={(_e, next) => setText(next)}
      filterOptions={(x) => x}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      getOptionLabel={(v) => v.name}
      renderOption={(props, v) => (
        <li {...props} key={v.id}>
          {optionText(v)}
        </li>
      )}
      loading={loading}
      noOptionsText={t('volunteers.people.noneFound')}
      size={asFilter ? 'small' : 'medium'}
      renderInput={(params) =>
        asFilter ? (
          <TextField {...params} label={label} margin="none" placeholder={t('volunteers.any')} slotProps={{ ...params.slotProps, inputLabel: { ...params.slotProps.inputLabel, shrink: true } }} />
        ) : (
          <TextField {...params} label={label} required error={error} helperText={helperText ?? t('volunteers.people.searchHelp')} autoFocus={autoFocus} />
        )
      }
    />
  );
}

export function VolunteersPicker({ value, onChange, label, error, helperText, autoFocus, excludeIds }: Common & { value: PickedVolunteer[]; onChange: (v: PickedVolunteer[]) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const { options, loading } = useFound(text, excludeIds);
  return (
    <Autocomplete
      multiple
      options={[...value.filter((v) => !options.some((o) => o.id === v.id)), ...options]}
      value={value}
      onChange={(_e, next) => onChange(next)}
      inputValue={text}
      onInputChange={(_e, next, reason) => {
        if (reason !== 'reset') setText(next);
      }}
      filterOptions={(x) => x}
      filterSelectedOptions
      disableCloseOnSelect
      isOptionEqualToValue={(a, b) => a.id === b.id}
      getOptionLabel={(v) => v.name}
      renderOption={(props, v) => (
        <li {...props} key={v.id}>
          {optionText(v)}
        </li>
      )}
      renderValue={(values, getItemProps) => values.map((v, index) => <Chip {...getItemProps({ index })} key={v.id} label={v.name} size="small" />)}
      loading={loading}
      noOptionsText={t('volunteers.people.noneFound')}
      renderInput={(params) => <TextField {...params} label={label} required error={error} helperText={helperText ?? t('volunteers.people.searchHelp')} autoFocus={autoFocus} />}
    />
  );
}
