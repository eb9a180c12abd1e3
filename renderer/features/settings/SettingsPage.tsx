import { Suspense, useEffect } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { officeSettingsSchema, type OfficeSettings } from '../../../shared/schemas/settings';
import { LANGUAGES, type Language, type UserPrefs } from '../../../shared/schemas/user';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { PageHeader } from '../../components/PageHeader';
import { useWrite } from '../../components/useWrite';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { useSession, useUiPrefs } from '../../state';
import { ScheduleRulesCard } from './ScheduleRulesCard';
import { RecoverySheetCard } from '../auth';
import { BureauSettingsCard, OfficeProfileCard, ReportGoalsCard } from '../reports';

export function SettingsPage() {
  const { t } = useTranslation();
  const { user, info } = useSession();
  return (
    <Box sx={{ maxWidth: 760 }}>
      <PageHeader title={t('settings.title')} />
      <PreferencesCard />
      {user.role === 'admin' ? <OfficeSettingsCard /> : null}
      {user.role === 'admin' ? (
        <Suspense fallback={null}>
          <RecoverySheetCard />
        </Suspense>
      ) : null}
      {user.role === 'admin' ? <ScheduleRulesCard /> : null}
      {user.role === 'admin' ? <OfficeProfileCard /> : null}
      {user.role === 'admin' ? <ReportGoalsCard /> : null}
      {user.role === 'admin' && info.office?.mode === 'bureau' ? <BureauSettingsCard /> : null}
    </Box>
  );
}

/** Language and large text: applied at once, saved to the user's account. */
function PreferencesCard() {
  const { t } = useTranslation();
  const session = useSession();
  const { ui, setUi } = useUiPrefs();
  // Shown at once; put back as it was when the account refuses the change.
  const save = useWrite({
    write: ({ patch }: { patch: Partial<UserPrefs>; before: typeof ui }) => request('prefs.update', patch),
    onSuccess: (user) => session.setUser(user),
    onError: (_err, { before }) => setUi(before),
  });
  const change = (patch: Partial<UserPrefs>) => {
    setUi({ ...ui, ...patch });
    save.mutate({ patch, before: ui });
  };

  return (
    <Paper variant="outlined" sx={{ p: 3, mb: 3 }}>
      <Typography variant="h6" component="h2">
        {t('settings.prefsTitle')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('settings.prefsHelp')}
      </Typography>
      <FormControl component="fieldset" margin="normal" sx={{ display: 'block' }}>
        <FormLabel component="legend">{t('settings.language')}</FormLabel>
        <RadioGroup row value={ui.language} onChange={(e) => change({ language: e.target.value as Language })}>
          {LANGUAGES.map((lang) => (
            <FormControlLabel key={lang} value={lang} control={<Radio />} label={t(`language.${lang}`)} lang={lang} />
          ))}
        </RadioGroup>
      </FormControl>
      <FormControl margin="normal" sx={{ display: 'block' }}>
        <FormControlLabel
          control={<Switch checked={ui.largeFont} onChange={(e) => change({ largeFont: e.target.checked })} />}
          label={t('settings.largeFont')}
        />
        <FormHelperText sx={{ mt: 0 }}>{t('settings.largeFontHelp')}</FormHelperText>
      </FormControl>
      <ErrorAlert error={save.error} sx={{ mt: 1 }} />
    </Paper>
  );
}

/** Office-wide settings, for administrators. */
function OfficeSettingsCard() {
  const { t } = useTranslation();
  const notify = useNotify();
  const session = useSession();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => request('settings.get', {}) });
  const { control, handleSubmit, reset, formState } = useForm({
    resolver: zodResolver(officeSettingsSchema, { error: zodIssueMessage }),
    defaultValues: { idleLockMinutes: 15, dailyBackup: true, backupKeep: 14, hotline: '', hotline24h: '', rosterMaxRows: 50_000 } as OfficeSettings,
  });
  useEffect(() => {
    if (settings.data) reset(settings.data);
  }, [settings.data, reset]);

  const save = useWrite({
    // Only this card's fields: the visit rules have a card (and a save) of their own.
    write: (v: OfficeSettings) =>
      request('settings.update', {
        idleLockMinutes: v.idleLockMinutes,
        dailyBackup: v.dailyBackup,
        backupKeep: v.backupKeep,
        hotline: v.hotline,
        hotline24h: v.hotline24h,
        rosterMaxRows: v.rosterMaxRows,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['settings'], saved);
      session.setIdleLockMinutes(saved.idleLockMinutes);
      reset(saved);
      notify(t('settings.saved'));
    },
  });

  return (
    <Paper variant="outlined" sx={{ p: 3, mb: 3 }}>
      <Typography variant="h6" component="h2">
        {t('settings.officeTitle')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('settings.officeHelp')}
      </Typography>
      <ErrorAlert error={settings.error} sx={{ mt: 2 }} />
      <Box component="form" noValidate onSubmit={(e) => void handleSubmit((v) => save.mutate(v))(e)}>
        <FormTextField
          control={control}
          name="idleLockMinutes"
          type="number"
          label={t('settings.idleLockMinutes')}
          helperText={t('settings.idleLockHelp')}
          slotProps={{ htmlInput: { min: 0, max: 240, step: 1 } }}
          disabled={!settings.data}
        />
        <Controller
          control={control}
          name="dailyBackup"
          render={({ field }) => (
            <FormControl margin="normal" sx={{ display: 'block' }}>
              <FormControlLabel
                control={<Switch checked={field.value} onChange={(e) => field.onChange(e.target.checked)} onBlur={field.onBlur} disabled={!settings.data} />}
                label={t('settings.dailyBackup')}
              />
              <FormHelperText sx={{ mt: 0 }}>{t('settings.dailyBackupHelp')}</FormHelperText>
            </FormControl>
          )}
        />
        <FormTextField
          control={control}
          name="backupKeep"
          type="number"
          label={t('settings.backupKeep')}
          helperText={t('settings.backupKeepHelp')}
          slotProps={{ htmlInput: { min: 1, max: 365, step: 1 } }}
          disabled={!settings.data}
        />
        <FormTextField
          control={control}
          name="hotline"
          label={t('settings.hotline')}
          helperText={t('settings.hotlineHelp')}
          disabled={!settings.data}
          autoComplete="off"
        />
        <FormTextField
          control={control}
          name="hotline24h"
          label={t('settings.hotline24h')}
          helperText={t('settings.hotline24hHelp')}
          disabled={!settings.data}
          autoComplete="off"
        />
        <FormTextField
          control={control}
          name="rosterMaxRows"
          type="number"
          label={t('settings.rosterMaxRows')}
          helperText={t('settings.rosterMaxRowsHelp')}
          slotProps={{ htmlInput: { min: 100, max: 100_000, step: 100 } }}
          disabled={!settings.data}
        />
        <ErrorAlert error={save.error} sx={{ mt: 1 }} />
        <Button type="submit" variant="contained" sx={{ mt: 2 }} disabled={!settings.data || save.isPending || !formState.isDirty}>
          {save.isPending ? t('common.saving') : t('common.save')}
        </Button>
      </Box>
    </Paper>
  );
}
