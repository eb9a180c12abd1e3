/**
 * 走访规则 (administrators): how often persons are visited, the holiday and birthday visits, the
 * visits after a hospitalisation or a death, and the window of each visit. Saving replans every open
 * visit (main does it); "重新生成走访计划" rolls plans forward by hand.
 */
import { useEffect } from 'react';
import { Controller, useForm, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SCHEDULE_RULES, scheduleRulesSchema, type ScheduleRules } from '../../../shared/schedule/rules';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { isCancelled, useTask } from '../../components/useTask';
import { useWrite } from '../../components/useWrite';
import i18n, { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';

type Values = Omit<ScheduleRules, 'milestoneAges'> & { milestoneAges: string };

/** "80、85，90 95" → [80, 85, 90, 95]; anything not a whole number stays as typed, for zod to refuse. */
export function parseAges(text: string): unknown[] {
  return text
    .split(/[\s,，、;；]+/)
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const schema = z.preprocess((raw) => {
  const v = raw as Values;
  return { ...v, milestoneAges: parseAges(v.milestoneAges) };
}, scheduleRulesSchema) as unknown as z.ZodType<ScheduleRules, Values>;

const schemaResolver = zodResolver(schema, { error: zodIssueMessage });

/** An age that is not a whole number marks the one box of ages (the schema reports it by position in the list). */
const rulesResolver: Resolver<Values, unknown, ScheduleRules> = async (values, context, options) => {
  const result = await schemaResolver(values, context, options);
  const ages = result.errors.milestoneAges as unknown;
  if (ages && typeof ages === 'object' && !('message' in ages && typeof (ages as { message?: unknown }).message === 'string')) {
    (result.errors as Record<string, unknown>)['milestoneAges'] = { type: 'invalid', message: i18n.t('rules.agesInvalid') };
  }
  return result;
};

function valuesOf(rules: ScheduleRules): Values {
  return { ...rules, milestoneAges: rules.milestoneAges.join('、') };
}

const NUMBER_FIELDS: { name: keyof Values; min: number; max: number }[] = [
  { name: 'atRiskEveryMonths', min: 1, max: 12 },
  { name: 'othersEveryMonths', min: 1, max: 12 },
  { name: 'emptyNestRiskAge', min: 60, max: 120 },
  { name: 'everyYearFrom', min: 80, max: 130 },
  { name: 'hospitalisationWithinDays', min: 1, max: 30 },
  { name: 'condolenceWithinDays', min: 1, max: 30 },
  { name: 'reassessEveryMonths', min: 1, max: 60 },
  { name: 'showDaysBefore', min: 0, max: 60 },
  { name: 'missedAfterDays', min: 1, max: 120 },
];

export function ScheduleRulesCard() {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const task = useTask();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => request('settings.get', {}) });
  const { control, handleSubmit, reset, formState } = useForm<Values, unknown, ScheduleRules>({
    resolver: rulesResolver,
    defaultValues: valuesOf(DEFAULT_SCHEDULE_RULES),
  });
  useEffect(() => {
    if (settings.data) reset(valuesOf(settings.data.scheduleRules));
  }, [settings.data, reset]);

  // Main replans the open visits with the rules it saves.
  const save = useWrite({
    write: (rules: ScheduleRules) => request('settings.update', { scheduleRules: rules }),
    invalidates: [['visits']],
    onSuccess: (saved) => {
      queryClient.setQueryData(['settings'], saved);
      reset(valuesOf(saved.scheduleRules));
      notify(t('rules.saved'));
    },
  });
  const replan = useWrite({
    write: () => task.request('visits.replanAll', { force: true }),
    invalidates: [['visits']],
    onSuccess: (done) => notify(t('rules.replanned', { persons: done.persons, created: done.created, cancelled: done.cancelled })),
  });
  const taskError = isCancelled(replan.error) ? null : replan.error;

  const num = (name: keyof Values, min: number, max: number) => (
    <FormTextField
      key={name}
      control={control}
      name={name}
      type="number"
      label={t(`rules.${name}`)}
      helperText={t(`rules.${name}Help`)}
      slotProps={{ htmlInput: { min, max, step: 1 } }}
      disabled={!settings.data}
    />
  );

  return (
    <Paper variant="outlined" sx={{ p: 3 }}>
      <Typography variant="h6" component="h2">
        {t('rules.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('rules.intro')}
      </Typography>
      <ErrorAlert error={settings.error} sx={{ mt: 2 }} />
      <Box component="form" noValidate onSubmit={(e) => void handleSubmit((v) => save.mutate(v))(e)}>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2 }}>
          {NUMBER_FIELDS.slice(0, 3).map((f) => num(f.name, f.min, f.max))}
        </Box>
        <Typography sx={{ mt: 2, fontWeight: 500 }}>{t('rules.holidays')}</Typography>
        <FormGroup row>
          {(['springFestival', 'chongyang', 'partyDay'] as const).map((name) => (
            <Controller
              key={name}
              control={control}
              name={name}
              render={({ field }) => (
                <FormControlLabel
                  control={<Switch checked={field.value} onChange={(e) => field.onChange(e.target.checked)} onBlur={field.onBlur} disabled={!settings.data} />}
                  label={t(`rules.${name}`)}
                />
              )}
            />
          ))}
        </FormGroup>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2 }}>
          <FormTextField control={control} name="milestoneAges" label={t('rules.milestoneAges')} helperText={t('rules.milestoneAgesHelp')} disabled={!settings.data} autoComplete="off" />
          {NUMBER_FIELDS.slice(3).map((f) => num(f.name, f.min, f.max))}
        </Box>
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap', mt: 1 }}>
          {(
            [
              ['ageCounting', ['full', 'nominal']],
              ['birthdayCalendar', ['solar', 'lunar']],
            ] as const
          ).map(([name, options]) => (
            <Controller
              key={name}
              control={control}
              name={name}
              render={({ field }) => (
                <Box>
                  <FormLabel id={`rules-${name}`}>{t(`rules.${name}`)}</FormLabel>
                  <RadioGroup row aria-labelledby={`rules-${name}`} value={field.value} onChange={(e) => field.onChange(e.target.value)}>
                    {options.map((o) => (
                      <FormControlLabel key={o} value={o} control={<Radio size="small" />} label={t(`rules.${name}_${o}`)} disabled={!settings.data} />
                    ))}
                  </RadioGroup>
                </Box>
              )}
            />
          ))}
        </Box>
        <Typography variant="body2" color="text.secondary">
          {t('rules.birthdayCalendarHelp')}
        </Typography>
        <ErrorAlert error={save.error ?? taskError} sx={{ mt: 1 }} />
        <Box sx={{ display: 'flex', gap: 1, mt: 2, flexWrap: 'wrap' }}>
          <Button type="submit" variant="contained" disabled={!settings.data || save.isPending || !formState.isDirty}>
            {save.isPending ? t('common.saving') : t('rules.save')}
          </Button>
          <Button onClick={() => reset(valuesOf(DEFAULT_SCHEDULE_RULES), { keepDefaultValues: true })} disabled={!settings.data}>
            {t('rules.defaults')}
          </Button>
          <Button onClick={() => replan.mutate()} disabled={task.running}>
            {t('rules.replan')}
          </Button>
        </Box>
      </Box>
      {task.dialog}
    </Paper>
  );
}
