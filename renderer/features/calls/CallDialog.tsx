/**
 * 登记来电来访: when, how, who called (the person, one of their family contacts, or someone typed), the
 * person concerned, category and urgency, what was said and the outcome. 报告住院 asks for the day and
 * the hospital, 报告去世 for the day; main records them on the person. Main checks everything and its
 * answers show at the field concerned.
 */
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useTranslation } from 'react-i18next';
import { CALL_CATEGORIES, CALL_CHANNELS, CALL_URGENCIES, CALLER_KINDS, type CallCategory, type CallChannel, type CallerKind, type CallUrgency } from '../../../shared/schemas/calls';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { serverIssues } from '../../components/serverIssues';
import { useWrite } from '../../components/useWrite';
import { fieldMessage } from '../../i18n';
import { request } from '../../rpc';
import { callKeys } from './common';

interface Values {
  date: string;
  time: string;
  channel: CallChannel;
  callerKind: CallerKind;
  person: PickedPerson | null;
  familyContactId: string;
  callerName: string;
  callerPhone: string;
  category: CallCategory;
  urgency: CallUrgency;
  content: string;
  outcome: string;
  eventDate: string;
  institution: string;
}

function nowTime(): string {
  const d = new Date();
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function initial(today: string, person: PickedPerson | null): Values {
  return {
    date: today,
    time: nowTime(),
    channel: 'phone',
    callerKind: person ? 'person' : 'other',
    person,
    familyContactId: '',
    callerName: '',
    callerPhone: '',
    category: 'enquiry',
    urgency: 'normal',
    content: '',
    outcome: '',
    eventDate: '',
    institution: '',
  };
}

/** The form field a path of main's answer names. */
function fieldOf(path: string): keyof Values | null {
  const f = path.split('.').pop() ?? '';
  if (f === 'personId') return 'person';
  return (['date', 'time', 'familyContactId', 'callerName', 'callerPhone', 'content', 'outcome', 'eventDate', 'institution'] as const).find((k) => k === f) ?? null;
}

export function CallDialog({ open, today, person, onClose }: { open: boolean; today: string; person?: PickedPerson | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [v, setV] = useState<Values>(() => initial(today, person ?? null));
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setV((old) => ({ ...old, [key]: value }));
    setErrors((old) => ({ ...old, [key]: undefined }));
  };
  const family = useQuery({
    queryKey: ['persons', 'detail', v.person?.id ?? ''],
    queryFn: () => request('persons.get', { id: v.person?.id ?? '' }),
    enabled: open && v.person !== null && v.callerKind === 'family',
  });
  const save = useWrite({
    write: (values: Values) =>
      request('calls.create', {
        date: values.date,
        time: values.time,
        channel: values.channel,
        callerKind: values.callerKind,
        personId: values.person?.id ?? null,
        familyContactId: values.callerKind === 'family' && values.familyContactId !== '' ? values.familyContactId : null,
        callerName: values.callerName,
        callerPhone: values.callerPhone,
        category: values.category,
        urgency: values.urgency,
        content: values.content,
        outcome: values.outcome,
        eventDate: values.eventDate.trim() === '' ? null : values.eventDate,
        institution: values.institution,
      }),
    invalidates: [callKeys.all, ['persons'], ['visits'], ['requests']],
    onSuccess: (done) => {
      notify(done.healthEventId ? t('calls.savedHospital') : done.statusEventId ? t('calls.savedDeath') : t('calls.saved'));
      onClose();
    },
    onError: (err) => {
      const marked: Partial<Record<keyof Values, string>> = {};
      for (const issue of serverIssues(err)) {
        const field = fieldOf(issue.path);
        if (field && !marked[field]) marked[field] = issue.message;
      }
      setErrors(marked);
    },
  });
  const { reset: resetSave } = save;
  useEffect(() => {
    if (!open) return;
    setV(initial(today, person ?? null));
    setErrors({});
    resetSave();
  }, [open, today, person, resetSave]);

  const busy = save.isPending;
  const err = (key: keyof Values) => ({ error: errors[key] !== undefined, helperText: fieldMessage(errors[key]) });
  const event = v.category === 'hospitalised' || v.category === 'deceased';
  const marked = Object.values(errors).some((e) => e !== undefined);
  const row = { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2, mt: 2 } as const;

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="md" fullWidth aria-labelledby="call-dialog-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(v);
        }}
      >
        <DialogTitle id="call-dialog-title">{t('calls.actions.add')}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 2fr', gap: 2, mt: 1 }}>
            <TextField label={t('calls.fields.date')} value={v.date} onChange={(e) => set('date', e.target.value)} required {...err('date')} />
            <TextField label={t('calls.fields.time')} value={v.time} onChange={(e) => set('time', e.target.value)} required {...err('time')} />
            <ToggleButtonGroup exclusive size="small" color="primary" value={v.channel} onChange={(_e, c: CallChannel | null) => c && set('channel', c)} aria-label={t('calls.fields.channel')}>
              {CALL_CHANNELS.map((c) => (
                <ToggleButton key={c} value={c} sx={{ px: 2 }}>
                  {t(`calls.channels.${c}`)}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </Box>
          <Box sx={row}>
            <PersonPicker value={v.person} onChange={(p) => set('person', p)} label={t('calls.fields.person')} required={v.callerKind !== 'other' || event} error={errors.person !== undefined} helperText={fieldMessage(errors.person) ?? t('calls.fields.personHelp')} />
            <TextField select label={t('calls.fields.callerKind')} value={v.callerKind} onChange={(e) => set('callerKind', e.target.value as CallerKind)}>
              {CALLER_KINDS.map((k) => (
                <MenuItem key={k} value={k}>
                  {t(`calls.callerKinds.${k}`)}
                </MenuItem>
              ))}
            </TextField>
          </Box>
          <Box sx={row}>
            {v.callerKind === 'family' ? (
              <TextField select label={t('calls.fields.family')} value={v.familyContactId} onChange={(e) => set('familyContactId', e.target.value)} required {...err('familyContactId')}>
                {(family.data?.family ?? []).map((f) => (
                  <MenuItem key={f.id} value={f.id}>
                    {f.name}
                    {f.relation ? `（${f.relation}）` : ''}
                  </MenuItem>
                ))}
              </TextField>
            ) : (
              <TextField label={t('calls.fields.callerName')} value={v.callerName} onChange={(e) => set('callerName', e.target.value)} required={v.callerKind === 'other'} {...err('callerName')} />
            )}
            <TextField label={t('calls.fields.callerPhone')} value={v.callerPhone} onChange={(e) => set('callerPhone', e.target.value)} inputMode="tel" {...err('callerPhone')} />
          </Box>
          <Box sx={row}>
            <TextField select label={t('calls.fields.category')} value={v.category} onChange={(e) => set('category', e.target.value as CallCategory)}>
              {CALL_CATEGORIES.map((c) => (
                <MenuItem key={c} value={c}>
                  {t(`calls.categories.${c}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField select label={t('calls.fields.urgency')} value={v.urgency} onChange={(e) => set('urgency', e.target.value as CallUrgency)}>
              {CALL_URGENCIES.map((u) => (
                <MenuItem key={u} value={u}>
                  {t(`calls.urgencies.${u}`)}
                </MenuItem>
              ))}
            </TextField>
          </Box>
          {event ? (
            <Box sx={row}>
              <TextField label={t('calls.fields.eventDate')} value={v.eventDate} onChange={(e) => set('eventDate', e.target.value)} {...err('eventDate')} helperText={fieldMessage(errors.eventDate) ?? t('calls.fields.eventDateHelp')} />
              {v.category === 'hospitalised' ? <TextField label={t('calls.fields.institution')} value={v.institution} onChange={(e) => set('institution', e.target.value)} {...err('institution')} /> : <span />}
            </Box>
          ) : null}
          <TextField sx={{ mt: 2 }} fullWidth multiline minRows={3} label={t('calls.fields.content')} value={v.content} onChange={(e) => set('content', e.target.value)} required {...err('content')} />
          <TextField sx={{ mt: 2 }} fullWidth multiline minRows={2} label={t('calls.fields.outcome')} value={v.outcome} onChange={(e) => set('outcome', e.target.value)} {...err('outcome')} />
          {marked ? null : <ErrorAlert error={save.error} sx={{ mt: 2 }} />}
          {marked ? (
            <Alert severity="warning" sx={{ mt: 2 }}>
              {t('persons.form.fixErrors')}
            </Alert>
          ) : null}
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} saveLabel={t('calls.actions.save')} />
      </form>
    </Dialog>
  );
}
