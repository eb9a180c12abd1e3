/**
 * The smaller dialogs of a pair: ending it (date and reason; it stays listed under 已结束) and
 * recording or correcting a contact (date, how, what happened, what to follow up).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { CONTACT_METHODS, type ContactMethod, type PairContact, type PairSummary } from '../../../shared/schemas/pairs';
import { DateTextField } from '../../components/DateTextField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { serverIssues } from '../../components/serverIssues';
import { parseDateText } from '../../../shared/dates';
import { request } from '../../rpc';
import { invalidatePairs, pairLabel, problemText } from './common';

/** Splits main's refusal into messages at the named fields, or the whole error when none fits. */
function issuesAt<F extends string>(err: unknown, fields: readonly F[]): { at: Partial<Record<F, string>>; rest: unknown } {
  const at: Partial<Record<F, string>> = {};
  for (const issue of serverIssues(err)) {
    const field = fields.find((f) => f === issue.path);
    if (field !== undefined) at[field] = problemText(issue.message);
  }
  return { at, rest: Object.keys(at).length > 0 ? null : err };
}

export function EndPairDialog({ pair, today, onClose }: { pair: PairSummary | null; today: string; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [toDate, setToDate] = useState(today);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Partial<Record<'toDate' | 'reason', string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!pair) return;
    setToDate(today);
    setReason('');
    setProblems({});
    setError(null);
  }, [pair, today]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!pair) return;
    // Every check main makes that the form can make too, all at once (not one per save).
    const local: Partial<Record<'toDate' | 'reason', string>> = {};
    const date = parseDateText(toDate);
    if (date === null) local.toDate = problemText('date.format');
    else if (date < pair.fromDate) local.toDate = problemText('pairs.endBeforeStart');
    else if (date > today) local.toDate = problemText('date.inFuture');
    else if (pair.lastContactDate !== null && date < pair.lastContactDate) local.toDate = problemText('pairs.endBeforeLastContact');
    if (reason.trim() === '') local.reason = problemText('pairs.endReasonRequired');
    if (Object.keys(local).length > 0) {
      setProblems(local);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await request('pairs.end', { id: pair.id, toDate, reason });
      notify(t('pairs.ended'));
      await invalidatePairs(queryClient);
      onClose();
    } catch (err) {
      const { at, rest } = issuesAt(err, ['toDate', 'reason'] as const);
      setProblems(at);
      setError(rest);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={pair !== null} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="end-pair-title">
      <form noValidate onSubmit={(e) => void save(e)}>
        <DialogTitle id="end-pair-title">{t('pairs.endTitle', { name: pair?.personName ?? '' })}</DialogTitle>
        <DialogContent>
          <Typography color="text.secondary" sx={{ mb: 1 }}>
            {t('pairs.endText')}
          </Typography>
          <DateTextField
            required
            label={t('pairs.fields.toDate')}
            value={toDate}
            onChange={(v) => {
              setToDate(v);
              setProblems((p) => ({ ...p, toDate: undefined }));
            }}
            error={problems.toDate !== undefined}
            helperText={problems.toDate}
          />
          <TextField
            required
            label={t('pairs.fields.endReason')}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setProblems((p) => ({ ...p, reason: undefined }));
            }}
            multiline
            minRows={2}
            error={problems.reason !== undefined}
            helperText={problems.reason}
            slotProps={{ htmlInput: { maxLength: 500 } }}
            autoFocus
          />
          <ErrorAlert error={error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} saveLabel={t('pairs.end')} />
      </form>
    </Dialog>
  );
}

const CONTACT_FIELDS = ['date', 'method', 'content', 'followUp'] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

export function ContactDialog({
  open,
  pair,
  existing,
  today,
  onClose,
}: {
  open: boolean;
  pair: PairSummary;
  /** Correcting this contact; otherwise a new one. */
  existing?: PairContact | null;
  today: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(today);
  const [method, setMethod] = useState<ContactMethod>('visit');
  const [content, setContent] = useState('');
  const [followUp, setFollowUp] = useState('');
  const [problems, setProblems] = useState<Partial<Record<ContactField, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setDate(existing?.date ?? today);
    setMethod(existing?.method ?? 'visit');
    setContent(existing?.content ?? '');
    setFollowUp(existing?.followUp ?? '');
    setProblems({});
    setError(null);
  }, [open, existing, today]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const local: Partial<Record<ContactField, string>> = {};
    const day = parseDateText(date);
    if (day === null) local.date = problemText('date.format');
    else if (day < pair.fromDate) local.date = problemText('pairs.contactBeforeStart');
    else if (day > today) local.date = problemText('date.inFuture');
    if (content.trim() === '') local.content = problemText('pairs.contentRequired');
    if (Object.keys(local).length > 0) {
      setProblems(local);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const fields = { date, method, content, followUp };
      if (existing) await request('pairs.updateContact', { id: existing.id, ...fields });
      else await request('pairs.addContact', { pairId: pair.id, ...fields });
      notify(t('pairs.contact.saved'));
      await invalidatePairs(queryClient);
      onClose();
    } catch (err) {
      const { at, rest } = issuesAt(err, CONTACT_FIELDS);
      setProblems(at);
      setError(rest);
    } finally {
      setBusy(false);
    }
  };

  const clear = (f: ContactField) => setProblems((p) => ({ ...p, [f]: undefined }));
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="contact-dialog-title">
      <form noValidate onSubmit={(e) => void save(e)}>
        <DialogTitle id="contact-dialog-title">{existing ? t('pairs.contact.editTitle') : t('pairs.contact.title', { name: pair.personName })}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'flex', gap: 2, '& > *': { flex: 1 } }}>
            <DateTextField
              required
              label={t('pairs.contact.date')}
              value={date}
              onChange={(v) => {
                setDate(v);
                clear('date');
              }}
              error={problems.date !== undefined}
              helperText={problems.date}
            />
            <TextField select required label={t('pairs.contact.method')} value={method} onChange={(e) => setMethod(e.target.value as ContactMethod)}>
              {CONTACT_METHODS.map((m) => (
                <MenuItem key={m} value={m}>
                  {pairLabel('methods', m)}
                </MenuItem>
              ))}
            </TextField>
          </Box>
          <TextField
            required
            label={t('pairs.contact.content')}
            value={content}
            onChange={(e) => {
              setContent(e.target.value);
              clear('content');
            }}
            multiline
            minRows={3}
            error={problems.content !== undefined}
            helperText={problems.content ?? t('pairs.contact.contentHelp')}
            slotProps={{ htmlInput: { maxLength: 2000 } }}
            autoFocus
          />
          <TextField
            label={t('pairs.contact.followUp')}
            value={followUp}
            onChange={(e) => setFollowUp(e.target.value)}
            multiline
            minRows={1}
            helperText={problems.followUp ?? t('pairs.contact.followUpHelp')}
            error={problems.followUp !== undefined}
            slotProps={{ htmlInput: { maxLength: 1000 } }}
          />
          <ErrorAlert error={error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}
