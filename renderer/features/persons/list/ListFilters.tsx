import { useEffect, useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import SearchIcon from '@mui/icons-material/Search';
import ClearIcon from '@mui/icons-material/Clear';
import FilterAltOffIcon from '@mui/icons-material/FilterAltOff';
import { useTranslation } from 'react-i18next';
import { useGridNames } from '../../../components/lookups';
import { useCountyOffices } from '../../reports';
import { valueLabel } from '../../../components/labels';
import { gradeLabel } from '../../capability';
import { isFiltered, SELECT_FILTERS, STATUS_FILTERS, type ListState, type SelectFilter } from './listState';

// Long enough to skip the keystrokes in between, short enough that the list seems to follow the typing.
const SEARCH_DELAY_MS = 120;

/**
 * The one search box (typed text is sent after a short pause, an input method's word at once, and
 * nothing while a word is still being composed) and the filter selects.
 */
export function ListFilters({
  state,
  update,
  search,
  clear,
}: {
  state: ListState;
  update: (patch: Partial<ListState>) => void;
  /** Searches for the text (the list's `q`). */
  search: (q: string) => void;
  clear: () => void;
}) {
  const { t } = useTranslation();
  const grids = useGridNames();
  const county = useCountyOffices();
  const [text, setText] = useState(state.q);
  // While an input method composes a word, the box holds its pinyin letters: not a search yet.
  const [composing, setComposing] = useState(false);
  const sent = useRef(state.q);

  // Filters cleared elsewhere (the clear button, the address) show in the box too.
  useEffect(() => {
    if (state.q !== sent.current) {
      sent.current = state.q;
      setText(state.q);
    }
  }, [state.q]);

  // A change that adds two or more characters at once is a whole word: the input method's choice
  // (a Chinese name is committed in one go) or a paste. Nothing more is coming, so it goes at once.
  // The word an input method commits goes at once, too.
  const previous = useRef(text);
  const committed = useRef(false);
  useEffect(() => {
    if (composing) return;
    const value = text.trim();
    const wholeWord = committed.current || (text.length - previous.current.length >= 2 && text.startsWith(previous.current));
    previous.current = text;
    committed.current = false;
    if (value === sent.current) return;
    const send = () => {
      sent.current = value;
      search(value);
    };
    if (wholeWord) {
      send();
      return;
    }
    const timer = window.setTimeout(send, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text, composing, search]);

  const select = (name: SelectFilter | 'grid' | 'status' | 'office', label: string, options: { value: string; label: string }[], anyLabel?: string) => (
    <TextField
      select
      size="small"
      margin="none"
      label={label}
      value={state[name]}
      onChange={(e) => update({ [name]: e.target.value })}
      sx={{ minWidth: 124, flex: '1 1 124px', maxWidth: name === 'status' ? 230 : 180 }}
    >
      {anyLabel !== undefined ? <MenuItem value="">{anyLabel}</MenuItem> : null}
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );

  const coded = (name: Exclude<SelectFilter, 'capabilityGrade'>) => select(name, t(`persons.fields.${name === 'adlBand' ? 'adl' : name}`), SELECT_FILTERS[name].map((v) => ({ value: v, label: valueLabel(name, v) })), t('persons.filters.any'));

  return (
    <Box sx={{ mb: 2 }}>
      <TextField
        margin="none"
        size="small"
        label={t('persons.search.label')}
        placeholder={t('persons.search.placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onCompositionStart={() => setComposing(true)}
        onCompositionEnd={(e) => {
          committed.current = true;
          setText((e.target as HTMLInputElement).value);
          setComposing(false);
        }}
        fullWidth
        sx={{ maxWidth: 640, mb: 1.5 }}
        slotProps={{
          htmlInput: { 'aria-label': t('persons.search.label'), maxLength: 60 },
          inputLabel: { shrink: true },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon />
              </InputAdornment>
            ),
            endAdornment: text ? (
              <InputAdornment position="end">
                <IconButton size="small" aria-label={t('persons.search.clear')} onClick={() => setText('')} edge="end">
                  <ClearIcon fontSize="small" />
                </IconButton>
              </InputAdornment>
            ) : undefined,
          },
        }}
      />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}>
        {county
          ? select(
              'office',
              t('persons.fields.originOffice'),
              county.offices.map((o) => ({ value: o.id, label: o.label })),
              t('persons.filters.any'),
            )
          : null}
        {select(
          'grid',
          t('persons.fields.grid'),
          // A grid in the address but no longer in use still shows as chosen.
          [...new Set([...grids, ...(state.grid ? [state.grid] : [])])].map((g) => ({ value: g, label: g })),
          t('persons.filters.any'),
        )}
        {coded('ageBand')}
        {coded('livingSituation')}
        {coded('adlBand')}
        {select('capabilityGrade', t('capability.fields.capabilityGrade'), SELECT_FILTERS.capabilityGrade.map((v) => ({ value: v, label: gradeLabel(v) })), t('persons.filters.any'))}
        {coded('unitLevel')}
        {coded('politicalStatus')}
        {select(
          'status',
          t('persons.fields.status'),
          STATUS_FILTERS.map((s) => ({ value: s, label: s === 'all' ? t('persons.filters.allStatuses') : valueLabel('status', s) })),
        )}
        {isFiltered(state) ? (
          <Button startIcon={<FilterAltOffIcon />} onClick={clear} size="small">
            {t('persons.filters.clear')}
          </Button>
        ) : null}
      </Box>
    </Box>
  );
}
