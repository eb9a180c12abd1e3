/**
 * The smaller dialogs of a pair: ending it (date and reason; it stays listed under 已结束) and
 * recording or correcting a contact (date, how, what happened, what to follow up).
 */
import { useEffect, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Box from '@mui/material/Box';
import { FormDialog } from '../../components/FormDialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { CONTACT_METHODS, endPairSchema, newContactSchema, type ContactMethod, type PairContact, type PairSummary } from '../../../shared/schemas/pairs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDateField } from '../../components/FormDateField';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { SelectField } from '../../components/SelectField';
import { applyServerIssues, unmarkedError } from '../../components/serverIssues';
import { useWrite } from '../../components/useWrite';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { pairKeys, pairDateSchema, pairLabel, problemKey } from './common';

/** The form field a refused field of main's answer belongs to, when the form has it. */
function fieldIn<F extends string>(fields: readonly F[]) {
  return (path: string): F | null => fields.find((f) => f === path) ?? null;
}

/** Every check main makes that the form can make too, all at once (not one per save). */
function endFormSchema(pair: PairSummary | null, today: string) {
  return z.object({
    toDate: pairDateSchema.superRefine((date, ctx) => {
      if (pair === null) return;
      if (date < pair.fromDate) ctx.addIssue({ code: 'custom', message: 'pairs.endBeforeStart' });
      else if (date > today) ctx.addIssue({ code: 'custom', message: 'date.inFuture' });
      else if (pair.lastContactDate !== null && date < pair.lastContactDate) ctx.addIssue({ code: 'custom', message: 'pairs.endBeforeLastContact' });
    }),
    reason: endPairSchema.shape.reason,
  });
}
type EndValues = z.input<ReturnType<typeof endFormSchema>>;
type EndFields = z.output<ReturnType<typeof endFormSchema>>;
const END_FIELDS = ['toDate', 'reason'] as const;

export function EndPairDialog({ pair, today, onClose }: { pair: PairSummary | null; today: string; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const schema = useMemo(() => endFormSchema(pair, today), [pair, today]);
  const { control, handleSubmit, reset, setError } = useForm<EndValues, unknown, EndFields>({
    resolver: zodResolver(schema as unknown as z.ZodType<EndFields, EndValues>, { error: zodIssueMessage }),
    defaultValues: { toDate: today, reason: '' },
  });
  const fieldOf = fieldIn(END_FIELDS);
  const end = useWrite({
    write: (fields: EndFields & { id: string }) => request('pairs.end', fields),
    invalidates: [pairKeys.all],
    onSuccess: () => {
      notify(t('pairs.ended'));
      onClose();
    },
    onError: (err) => applyServerIssues(err, setError, fieldOf, problemKey),
  });
  const { reset: resetEnd } = end;

  useEffect(() => {
    if (!pair) return;
    reset({ toDate: today, reason: '' });
    resetEnd();
  }, [pair, today, reset, resetEnd]);

  const submit = handleSubmit((fields) => {
    if (pair) end.mutate({ id: pair.id, ...fields });
  });

  return (
    <FormDialog control={control} open={pair !== null} onClose={end.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="end-pair-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="end-pair-title">{t('pairs.endTitle', { name: pair?.personName ?? '' })}</DialogTitle>
        <DialogContent>
          <Typography color="text.secondary" sx={{ mb: 1 }}>
            {t('pairs.endText')}
          </Typography>
          <FormDateField control={control} name="toDate" required label={t('pairs.fields.toDate')} />
          <FormTextField control={control} name="reason" required label={t('pairs.fields.endReason')} multiline minRows={2} slotProps={{ htmlInput: { maxLength: 500 } }} autoFocus />
          <ErrorAlert error={unmarkedError(end.error, fieldOf)} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={end.isPending} saveLabel={t('pairs.end')} />
      </form>
    </FormDialog>
  );
}

function contactFormSchema(pair: PairSummary, today: string) {
  const { method, content, followUp } = newContactSchema.shape;
  return z.object({
    date: pairDateSchema.superRefine((day, ctx) => {
      if (day < pair.fromDate) ctx.addIssue({ code: 'custom', message: 'pairs.contactBeforeStart' });
      else if (day > today) ctx.addIssue({ code: 'custom', message: 'date.inFuture' });
    }),
    method,
    content,
    followUp,
  });
}
type ContactValues = z.input<ReturnType<typeof contactFormSchema>>;
type ContactFormFields = z.output<ReturnType<typeof contactFormSchema>>;
const CONTACT_FIELDS = ['date', 'method', 'content', 'followUp'] as const;

function contactValues(existing: PairContact | null | undefined, today: string): ContactValues & { method: ContactMethod } {
  return { date: existing?.date ?? today, method: existing?.method ?? 'visit', content: existing?.content ?? '', followUp: existing?.followUp ?? '' };
}

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
  const schema = useMemo(() => contactFormSchema(pair, today), [pair, today]);
  const { control, handleSubmit, reset, setError } = useForm<ContactValues, unknown, ContactFormFields>({
    resolver: zodResolver(schema as unknown as z.ZodType<ContactFormFields, ContactValues>, { error: zodIssueMessage }),
    defaultValues: contactValues(existing, today),
  });
  const fieldOf = fieldIn(CONTACT_FIELDS);
  const save = useWrite({
    write: async (fields: ContactFormFields) => {
      if (existing) await request('pairs.updateContact', { id: existing.id, ...fields });
      else await request('pairs.addContact', { pairId: pair.id, ...fields });
    },
    invalidates: [pairKeys.all],
    onSuccess: () => {
      notify(t('pairs.contact.saved'));
      onClose();
    },
    onError: (err) => applyServerIssues(err, setError, fieldOf, problemKey),
  });
  const { reset: resetSave } = save;

  useEffect(() => {
    if (!open) return;
    reset(contactValues(existing, today));
    resetSave();
  }, [open, existing, today, reset, resetSave]);

  const submit = handleSubmit((fields) => save.mutate(fields));
  return (
    <FormDialog control={control} open={open} onClose={save.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="contact-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="contact-dialog-title">{existing ? t('pairs.contact.editTitle') : t('pairs.contact.title', { name: pair.personName })}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'flex', gap: 2, '& > *': { flex: 1 } }}>
            <FormDateField control={control} name="date" required label={t('pairs.contact.date')} />
            <SelectField control={control} name="method" required label={t('pairs.contact.method')} options={CONTACT_METHODS.map((m) => ({ value: m, label: pairLabel('methods', m) }))} />
          </Box>
          <FormTextField
            control={control}
            name="content"
            required
            label={t('pairs.contact.content')}
            multiline
            minRows={3}
            helperText={t('pairs.contact.contentHelp')}
            slotProps={{ htmlInput: { maxLength: 2000 } }}
            autoFocus
          />
          <FormTextField control={control} name="followUp" label={t('pairs.contact.followUp')} multiline minRows={1} helperText={t('pairs.contact.followUpHelp')} slotProps={{ htmlInput: { maxLength: 1000 } }} />
          <ErrorAlert error={unmarkedError(save.error, fieldOf)} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={save.isPending} />
      </form>
    </FormDialog>
  );
}
