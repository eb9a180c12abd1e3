/**
 * The two cards 统计 adds to 设置 (admins): the community profile the bureau's yearly 考核 reads
 * (the 四个到位 and 示范社区, a synchronised row that travels in packets), and the goals the
 * statistics compare against (campaign coverage, the amber margin, the days a request may stay open).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { CAMPAIGNS, campaignLabel, type Campaign } from '../../../shared/reports/period';
import { COMMON_SERVICES, MODEL_LEVELS, SCORE_PARTS, type OfficeProfile } from '../../../shared/schemas/reports';
import type { OfficeSettings } from '../../../shared/schemas/settings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { useWrite } from '../../components/useWrite';
import { request } from '../../rpc';
import { lang, reportKeys } from './common';
import { asciiDigits } from '../../../shared/digits';

const small = { size: 'small', margin: 'none' } as const;

/** A number typed by a person: empty is none; anything else must be a number. */
function numberOrNull(text: string): number | null {
  const trimmed = asciiDigits(text).trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : NaN;
}

interface ProfileText {
  venueName: string;
  venueAreaM2: string;
  fundsYear: string;
  fundsYuan: string;
  staffFullTime: string;
  staffPartTime: string;
  services: string[];
  modelCommunity: boolean;
  modelLevel: OfficeProfile['modelLevel'];
  modelSince: string;
  notes: string;
}

function toText(p: OfficeProfile): ProfileText {
  const s = (n: number | null) => (n === null ? '' : String(n));
  return {
    venueName: p.venueName,
    venueAreaM2: s(p.venueAreaM2),
    fundsYear: s(p.fundsYear),
    fundsYuan: p.annualFundsFen === null ? '' : (p.annualFundsFen / 100).toFixed(2),
    staffFullTime: s(p.staffFullTime),
    staffPartTime: s(p.staffPartTime),
    services: p.services,
    modelCommunity: p.modelCommunity,
    modelLevel: p.modelLevel,
    modelSince: s(p.modelSince),
    notes: p.notes,
  };
}

export function OfficeProfileCard() {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const profile = useQuery({ queryKey: reportKeys.profile(), queryFn: () => request('reports.profile', {}) });
  const [form, setForm] = useState<ProfileText | null>(null);
  useEffect(() => {
    if (profile.data && form === null) setForm(toText(profile.data));
  }, [profile.data, form]);
  const save = useWrite({
    write: (f: ProfileText) => {
      const yuan = numberOrNull(f.fundsYuan);
      return request('reports.saveProfile', {
        venueName: f.venueName,
        venueAreaM2: numberOrNull(f.venueAreaM2),
        fundsYear: numberOrNull(f.fundsYear),
        annualFundsFen: yuan === null ? null : Math.round(yuan * 100),
        staffFullTime: numberOrNull(f.staffFullTime),
        staffPartTime: numberOrNull(f.staffPartTime),
        services: f.services,
        modelCommunity: f.modelCommunity,
        modelLevel: f.modelCommunity ? f.modelLevel : '',
        modelSince: f.modelCommunity ? numberOrNull(f.modelSince) : null,
        notes: f.notes,
      });
    },
    onSuccess: (saved) => {
      setForm(toText(saved));
      queryClient.setQueryData(reportKeys.profile(), saved);
      notify(t('reports.profile.saved'));
    },
  });
  const [invalid, setInvalid] = useState(false);
  if (!form) return null;
  const set = <K extends keyof ProfileText>(key: K, value: ProfileText[K]) => setForm({ ...form, [key]: value });
  // A number field holding something that is no number is said so here, not sent as "none".
  const submit = () => {
    const numbers = [form.venueAreaM2, form.fundsYear, form.fundsYuan, form.staffFullTime, form.staffPartTime, form.modelSince].map(numberOrNull);
    const bad = numbers.some((n) => n !== null && Number.isNaN(n));
    setInvalid(bad);
    if (!bad) save.mutate(form);
  };
  const inPlace = profile.data?.inPlace;
  return (
    <Paper variant="outlined" sx={{ p: 3, mb: 3 }} component="section" aria-label={t('reports.profile.title')}>
      <Typography variant="h6" component="h2">
        {t('reports.profile.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('reports.profile.help')}
      </Typography>
      {inPlace ? (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {t('reports.profile.inPlace')}
          </Typography>
          {(['venue', 'funds', 'staff', 'services'] as const).map((k) => (
            <Chip key={k} size="small" color={inPlace[k] ? 'success' : 'default'} variant={inPlace[k] ? 'filled' : 'outlined'} label={`${t(`reports.profile.items.${k}`)}：${t(inPlace[k] ? 'reports.profile.yes' : 'reports.profile.no')}`} />
          ))}
        </Box>
      ) : null}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '2fr 1fr' }, gap: 2 }}>
        <TextField label={t('reports.profile.venueName')} value={form.venueName} onChange={(e) => set('venueName', e.target.value)} {...small} />
        <TextField label={t('reports.profile.venueArea')} value={form.venueAreaM2} onChange={(e) => set('venueAreaM2', e.target.value)} inputMode="decimal" {...small} />
        <TextField label={t('reports.profile.funds')} value={form.fundsYuan} onChange={(e) => set('fundsYuan', e.target.value)} inputMode="decimal" {...small} />
        <TextField label={t('reports.profile.fundsYear')} value={form.fundsYear} onChange={(e) => set('fundsYear', e.target.value)} inputMode="numeric" {...small} />
        <TextField label={t('reports.profile.fullTime')} value={form.staffFullTime} onChange={(e) => set('staffFullTime', e.target.value)} inputMode="numeric" {...small} />
        <TextField label={t('reports.profile.partTime')} value={form.staffPartTime} onChange={(e) => set('staffPartTime', e.target.value)} inputMode="numeric" {...small} />
        <Autocomplete
          multiple
          freeSolo
          options={COMMON_SERVICES}
          value={form.services}
          onChange={(_e, v) => set('services', v.map((x) => x.trim()).filter((x) => x !== ''))}
          renderInput={(params) => <TextField {...params} label={t('reports.profile.services')} helperText={t('reports.profile.servicesHelp')} {...small} />}
          sx={{ gridColumn: '1 / -1' }}
        />
        <FormControlLabel control={<Switch checked={form.modelCommunity} onChange={(e) => set('modelCommunity', e.target.checked)} />} label={t('reports.profile.model')} />
        <Box sx={{ display: 'flex', gap: 2 }}>
          <TextField select label={t('reports.profile.modelLevel')} value={form.modelLevel} onChange={(e) => set('modelLevel', e.target.value as OfficeProfile['modelLevel'])} disabled={!form.modelCommunity} sx={{ flex: 1 }} {...small}>
            <MenuItem value="">—</MenuItem>
            {MODEL_LEVELS.filter((l) => l !== '').map((l) => (
              <MenuItem key={l} value={l}>
                {t(`reports.profile.levels.${l}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField label={t('reports.profile.modelSince')} value={form.modelSince} onChange={(e) => set('modelSince', e.target.value)} disabled={!form.modelCommunity} sx={{ width: 110 }} {...small} />
        </Box>
        <TextField label={t('reports.profile.notes')} value={form.notes} onChange={(e) => set('notes', e.target.value)} multiline minRows={2} sx={{ gridColumn: '1 / -1' }} {...small} />
      </Box>
      {invalid ? <ErrorAlert error={{ code: 'INVALID_INPUT', details: { issues: [{ message: 'invalid' }] } }} sx={{ mt: 2 }} /> : <ErrorAlert error={save.error} sx={{ mt: 2 }} />}
      <Box sx={{ mt: 2 }}>
        <Button variant="contained" onClick={submit} disabled={save.isPending}>
          {t('common.save')}
        </Button>
      </Box>
    </Paper>
  );
}

/** The part of the settings a card edits: read once into a form, saved whole, the statistics refreshed. */
function useSettingsPart<K extends 'reports' | 'bureau'>(part: K, savedText: string) {
  const notify = useNotify();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => request('settings.get', {}) });
  const [form, setForm] = useState<OfficeSettings[K] | null>(null);
  useEffect(() => {
    if (settings.data && form === null) setForm(settings.data[part]);
  }, [settings.data, form, part]);
  const save = useWrite({
    write: (value: OfficeSettings[K]) => request('settings.update', { [part]: value }),
    invalidates: [['settings'], reportKeys.all],
    onSuccess: (saved) => {
      setForm(saved[part]);
      notify(savedText);
    },
  });
  return { form, setForm, save };
}

/** A number typed into a settings field: empty or not a number is NaN, which the save refuses with a plain message. */
const settingNumber = (text: string) => (text.trim() === '' ? NaN : Number(asciiDigits(text)));
const settingText = (n: number) => (Number.isNaN(n) ? '' : n);

/** A settings card: its title and help, the fields, the error of the last save and the save button. */
function SettingsPartCard({ title, help, error, saving, onSave, children }: { title: string; help: string; error: unknown; saving: boolean; onSave: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ p: 3, mb: 3 }} component="section" aria-label={title}>
      <Typography variant="h6" component="h2">
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {help}
      </Typography>
      {children}
      <ErrorAlert error={error} sx={{ mt: 2 }} />
      <Box sx={{ mt: 2 }}>
        <Button variant="contained" onClick={onSave} disabled={saving}>
          {t('common.save')}
        </Button>
      </Box>
    </Paper>
  );
}

export function ReportGoalsCard() {
  const { t } = useTranslation();
  const { form, setForm, save } = useSettingsPart('reports', t('reports.goals.saved'));
  if (!form) return null;
  return (
    <SettingsPartCard title={t('reports.goals.title')} help={t('reports.goals.help')} error={save.error} saving={save.isPending} onSave={() => save.mutate(form)}>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 2 }}>
        {CAMPAIGNS.map((c: Campaign) => (
          <TextField
            key={c}
            label={t('reports.goals.goal', { name: campaignLabel(c, lang()) })}
            value={settingText(form.goals[c])}
            onChange={(e) => setForm({ ...form, goals: { ...form.goals, [c]: settingNumber(e.target.value) } })}
            inputMode="numeric"
            {...small}
          />
        ))}
        <TextField label={t('reports.goals.amber')} value={settingText(form.amberMargin)} onChange={(e) => setForm({ ...form, amberMargin: settingNumber(e.target.value) })} inputMode="numeric" {...small} />
        <TextField
          label={t('reports.goals.dueDays')}
          helperText={t('reports.goals.dueDaysHelp')}
          value={settingText(form.requestDueDays)}
          onChange={(e) => setForm({ ...form, requestDueDays: settingNumber(e.target.value) })}
          inputMode="numeric"
          {...small}
        />
      </Box>
    </SettingsPartCard>
  );
}

const DUE_FORMS = ['annual', ...CAMPAIGNS] as const;

/** The county bureau's deadlines of the forms (days after the period) and the weights of its yearly 考核. */
export function BureauSettingsCard() {
  const { t } = useTranslation();
  const { form, setForm, save } = useSettingsPart('bureau', t('reports.bureauSettings.saved'));
  if (!form) return null;
  return (
    <SettingsPartCard title={t('reports.bureauSettings.title')} help={t('reports.bureauSettings.help')} error={save.error} saving={save.isPending} onSave={() => save.mutate(form)}>
      <Typography sx={{ fontWeight: 600, mb: 1 }}>{t('reports.bureauSettings.dueTitle')}</Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr 1fr' }, gap: 2, mb: 2 }}>
        {DUE_FORMS.map((f) => (
          <TextField
            key={f}
            label={f === 'annual' ? t('reports.bureauSettings.dueAnnual') : t('reports.bureauSettings.dueCampaign', { name: campaignLabel(f, lang()) })}
            value={settingText(form.dueDays[f])}
            onChange={(e) => setForm({ ...form, dueDays: { ...form.dueDays, [f]: settingNumber(e.target.value) } })}
            inputMode="numeric"
            {...small}
          />
        ))}
      </Box>
      <Typography sx={{ fontWeight: 600, mb: 1 }}>{t('reports.bureauSettings.weightsTitle')}</Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(5, 1fr)' }, gap: 2 }}>
        {SCORE_PARTS.map((p) => (
          <TextField
            key={p}
            label={t(`reports.scorecard.parts.${p}`)}
            value={settingText(form.weights[p])}
            onChange={(e) => setForm({ ...form, weights: { ...form.weights, [p]: settingNumber(e.target.value) } })}
            inputMode="numeric"
            {...small}
          />
        ))}
      </Box>
    </SettingsPartCard>
  );
}
