/**
 * 匹配原单位 (/units/match): the units typed in the registry before there was a registry of units,
 * grouped by text (spaces and full-width forms do not split a group), each with the units it may mean
 * — the same name, a name containing it or contained in it, a name a typo away — or a new unit made
 * from the text. Nothing is linked until staff confirm a group; then exactly its persons are.
 */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Pagination from '@mui/material/Pagination';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import CheckIcon from '@mui/icons-material/Check';
import { useTranslation } from 'react-i18next';
import type { MatchGroup, UnitFields } from '../../../shared/schemas/units';
import { ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { PageHeader } from '../../components/PageHeader';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { useWrite } from '../../components/useWrite';
import { valueLabel } from '../../components/labels';
import { invalidateUnits, UNIT_WRITES, unitKeys } from './common';
import { UnitDialog } from './UnitDialog';

const PAGE_SIZE = 20;
const NEW = 'new';

/** A suggested unit's id, or NEW for a unit made from the typed text. */
const choiceSchema = z.object({ choice: z.string().min(1) });

const KIND_COLOURS = { exact: 'success', contains: 'info', similar: 'warning' } as const;

function GroupCard({ group, onCreate, onGone }: { group: MatchGroup; onCreate: (group: MatchGroup) => void; onGone: () => Promise<void> }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const exact = group.suggestions.find((s) => s.kind === 'exact');
  // Only a match equal once normalised is chosen beforehand; it is still linked only when confirmed.
  const { control, handleSubmit, watch } = useForm({
    resolver: zodResolver(choiceSchema, { error: zodIssueMessage }),
    defaultValues: { choice: exact?.unitId ?? '' },
  });
  const choice = watch('choice');
  const headingId = `match-${group.key}`;
  const link = useWrite({
    write: (unitId: string) => request('units.confirmMatches', { texts: group.texts, unitId }),
    invalidates: UNIT_WRITES,
    onSuccess: (result, unitId) => {
      const name = group.suggestions.find((s) => s.unitId === unitId)?.unitName ?? '';
      notify(t('units.match.linked', { count: result.linked, name }));
    },
    // The group changed meanwhile (someone linked some of it): show the groups as they are now.
    onError: (err) => (err instanceof ApiError && err.code === 'UNIT_MATCH_GONE' ? onGone() : undefined),
  });

  const confirm = handleSubmit((v) => {
    if (v.choice === NEW) onCreate(group);
    else link.mutate(v.choice);
  });

  return (
    <Paper variant="outlined" component="section" aria-labelledby={headingId} sx={{ p: 2, mb: 1.5, display: 'grid', gridTemplateColumns: { xs: '1fr', md: '5fr 7fr' }, gap: 2 }}>
      <Box>
        <Typography variant="body2" color="text.secondary">
          {t('units.match.typed')}
        </Typography>
        <Typography id={headingId} variant="h6" component="h2" sx={{ wordBreak: 'break-all' }}>
          {group.texts.map((text) => `“${text}”`).join(t('units.match.or'))}
        </Typography>
        <Typography sx={{ mt: 0.5 }}>
          {t('units.match.persons', { count: group.personCount })}
          <Typography component="span" color="text.secondary">
            {group.samplePersons.join('、')}
            {group.personCount > group.samplePersons.length ? t('units.match.andMore') : ''}
          </Typography>
        </Typography>
      </Box>
      <Box>
        <Controller
          control={control}
          name="choice"
          render={({ field }) => (
            <RadioGroup value={field.value} onChange={(e) => field.onChange(e.target.value)} aria-labelledby={headingId}>
              {group.suggestions.length === 0 ? (
                <Typography variant="body2" color="text.secondary" sx={{ mb: 0.5 }}>
                  {t('units.match.noSuggestion')}
                </Typography>
              ) : null}
              {group.suggestions.map((s) => (
                <FormControlLabel
                  key={s.unitId}
                  value={s.unitId}
                  control={<Radio size="small" />}
                  label={
                    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                      <span>{s.unitName}</span>
                      <Typography component="span" variant="body2" color="text.secondary">
                        {valueLabel('unitLevel', s.level)}
                      </Typography>
                      <Chip size="small" variant="outlined" color={KIND_COLOURS[s.kind]} label={t(`units.match.kind.${s.kind}`)} />
                    </Box>
                  }
                />
              ))}
              <FormControlLabel value={NEW} control={<Radio size="small" />} label={t('units.match.createFrom', { text: group.texts[0] ?? '' })} />
            </RadioGroup>
          )}
        />
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: 1 }}>
          <Button variant="contained" startIcon={<CheckIcon />} disabled={choice === '' || link.isPending} onClick={() => void confirm()}>
            {choice === NEW ? t('units.match.createAndLink') : t('units.match.confirm', { count: group.personCount })}
          </Button>
        </Box>
        <ErrorAlert error={link.error} sx={{ mt: 1 }} />
      </Box>
    </Paper>
  );
}

export function MatchPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState<MatchGroup | null>(null);
  const query = { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const list = useQuery({ queryKey: unitKeys.match(query), queryFn: () => request('units.matchSuggestions', query), placeholderData: keepPreviousData });
  const refresh = () => invalidateUnits(queryClient);
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  const createAndLink = async (fields: UnitFields) => {
    if (!creating) return;
    const result = await request('units.confirmMatches', { texts: creating.texts, newUnit: fields });
    notify(t('units.match.createdLinked', { count: result.linked, name: fields.name }));
    await refresh();
  };

  return (
    <Box sx={{ maxWidth: 1200 }}>
      <Button component={RouterLink} to="/units" startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
        {t('units.backToList')}
      </Button>
      <PageHeader title={t('units.match.title')} intro={t('units.match.intro')} />
      <ErrorAlert error={list.error} sx={{ mb: 2 }} />
      {data && data.total > 0 ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('units.match.summary', { persons: data.unlinkedPersons, groups: data.total })}
        </Alert>
      ) : null}
      {data && data.total === 0 ? (
        <Alert severity="success" sx={{ mb: 2 }}>
          {t('units.match.allDone')}
        </Alert>
      ) : null}
      {(data?.groups ?? []).map((g) => (
        <GroupCard key={`${g.key}|${g.personCount}|${g.suggestions.map((s) => s.unitId).join(',')}`} group={g} onCreate={setCreating} onGone={refresh} />
      ))}
      {pages > 1 ? <Pagination sx={{ mt: 2 }} count={pages} page={page} onChange={(_e, p) => setPage(p)} /> : null}
      <UnitDialog
        open={creating !== null}
        unit={null}
        initial={creating ? { name: (creating.texts[0] ?? '').trim(), level: creating.level } : undefined}
        intro={creating ? t('units.match.createIntro', { count: creating.personCount }) : undefined}
        save={createAndLink}
        onClose={() => setCreating(null)}
      />
    </Box>
  );
}
