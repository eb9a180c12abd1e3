/**
 * 修改来电记录: what can change after a call is logged — its urgency, what was said, and above all the
 * outcome, which is often written later (已联系物业维修). When, who and about whom stay as logged;
 * a call logged by mistake is deleted instead. Main checks the fields; its answers show at each.
 */
import { useEffect, useState } from 'react';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { CALL_URGENCIES, type Call, type CallUrgency } from '../../../shared/schemas/calls';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { serverIssues } from '../../components/serverIssues';
import { useWrite } from '../../components/useWrite';
import { fieldMessage } from '../../i18n';
import { request } from '../../rpc';
import { callKeys } from './common';

interface Values {
  urgency: CallUrgency;
  content: string;
  outcome: string;
}
type Field = keyof Values;

export function CallEditDialog({ call, onClose }: { call: Call | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [v, setV] = useState<Values>({ urgency: 'normal', content: '', outcome: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const set = <K extends Field>(key: K, value: Values[K]) => {
    setV((old) => ({ ...old, [key]: value }));
    setErrors((old) => ({ ...old, [key]: undefined }));
  };
  const save = useWrite({
    write: (values: Values) => request('calls.update', { id: call?.id ?? '', ...values }),
    invalidates: [callKeys.all],
    onSuccess: () => {
      notify(t('calls.updated'));
      onClose();
    },
    onError: (err) => {
      const marked: Partial<Record<Field, string>> = {};
      for (const issue of serverIssues(err)) {
        const field = (['urgency', 'content', 'outcome'] as const).find((f) => f === issue.path.split('.').pop());
        if (field && !marked[field]) marked[field] = issue.message;
      }
      setErrors(marked);
    },
  });
  const { reset: resetSave } = save;
  useEffect(() => {
    if (!call) return;
    setV({ urgency: call.urgency, content: call.content, outcome: call.outcome });
    setErrors({});
    resetSave();
  }, [call, resetSave]);

  const busy = save.isPending;
  const err = (key: Field) => ({ error: errors[key] !== undefined, helperText: fieldMessage(errors[key]) });
  const marked = Object.values(errors).some((e) => e !== undefined);
  return (
    <Dialog open={call !== null} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="call-edit-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(v);
        }}
      >
        <DialogTitle id="call-edit-title">{t('calls.editTitle')}</DialogTitle>
        <DialogContent>
          {call ? (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {t('calls.editIntro', { date: call.date, time: call.time, caller: call.callerName || '—', category: t(`calls.categories.${call.category}`) })}
            </Typography>
          ) : null}
          <TextField select label={t('calls.fields.urgency')} value={v.urgency} onChange={(e) => set('urgency', e.target.value as CallUrgency)} sx={{ minWidth: 160 }} {...err('urgency')}>
            {CALL_URGENCIES.map((u) => (
              <MenuItem key={u} value={u}>
                {t(`calls.urgencies.${u}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField sx={{ mt: 2 }} fullWidth multiline minRows={3} label={t('calls.fields.content')} value={v.content} onChange={(e) => set('content', e.target.value)} required {...err('content')} />
          <TextField sx={{ mt: 2 }} fullWidth multiline minRows={2} label={t('calls.fields.outcome')} value={v.outcome} onChange={(e) => set('outcome', e.target.value)} {...err('outcome')} />
          {marked ? null : <ErrorAlert error={save.error} sx={{ mt: 2 }} />}
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} saveLabel={t('calls.actions.save')} />
      </form>
    </Dialog>
  );
}
