/**
 * Moving a member to another branch (the old membership closes, a new one opens the same day), and
 * ending a membership (去世 / 迁出 / 组织关系转出 / 其他) — both keep the history.
 */
import { useEffect, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { FormDialog } from '../../components/FormDialog';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslation } from 'react-i18next';
import { parseDateText } from '../../../shared/dates';
import { END_REASONS, endMemberSchema, type EndReason, type Membership } from '../../../shared/schemas/party';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDateField } from '../../components/FormDateField';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { SelectField } from '../../components/SelectField';
import { applyServerIssues, unmarkedError } from '../../components/serverIssues';
import { useWrite } from '../../components/useWrite';
import i18n, { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { PARTY_WRITES, partyKeys, partyOptions, requiredFormDate, usePartyToday } from './common';

/** The move date is the only date here: it says which day is the earliest it can be. */
function moveFormSchema(member: Membership | null) {
  return z.object({
    toBranchId: z.string().min(1, { message: 'choose' }),
    date: requiredFormDate.superRefine((date, ctx) => {
      if (member && parseDateText(date) !== null && date < member.fromDate) {
        ctx.addIssue({ code: 'custom', message: i18n.t('party.members.moveTooEarly', { date: member.fromDate, name: member.personName, branch: member.branchName }) });
      }
    }),
  });
}
type MoveValues = z.input<ReturnType<typeof moveFormSchema>>;
type Move = z.output<ReturnType<typeof moveFormSchema>>;
const moveFieldOf = (path: string) => (path === 'date' || path === 'toBranchId' ? path : null);

export function MoveMemberDialog({ member, onClose }: { member: Membership | null; onClose: () => void }) {
  const { t } = useTranslation();
  const today = usePartyToday();
  const notify = useNotify();
  const branches = useQuery({ queryKey: partyKeys.branches(), queryFn: () => request('party.branches.list', { search: '' }), enabled: member !== null });
  const schema = useMemo(() => moveFormSchema(member), [member]);
  const { control, handleSubmit, reset, setError } = useForm<MoveValues, unknown, Move>({
    resolver: zodResolver(schema, { error: zodIssueMessage }),
    defaultValues: { toBranchId: '', date: today },
  });
  const move = useWrite({
    write: (input: Move & { id: string }) => request('party.members.move', input),
    invalidates: PARTY_WRITES,
    onSuccess: (_r, { toBranchId }) => {
      notify(t('party.members.moved', { name: member?.personName ?? '', branch: branches.data?.find((b) => b.id === toBranchId)?.name ?? '' }));
      onClose();
    },
    onError: (err) => applyServerIssues(err, setError, moveFieldOf),
  });
  const { reset: resetMove } = move;
  useEffect(() => {
    if (member) {
      reset({ toBranchId: '', date: today });
      resetMove();
    }
  }, [member]);

  const submit = handleSubmit((fields) => {
    if (member) move.mutate({ id: member.id, ...fields });
  });
  const choices = (branches.data ?? []).filter((b) => b.id !== member?.branchId).map((b) => ({ value: b.id, label: b.name }));
  return (
    <FormDialog control={control} open={member !== null} onClose={move.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="move-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="move-dialog-title">{t('party.members.moveTitle', { name: member?.personName ?? '' })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('party.members.moveIntro', { branch: member?.branchName ?? '' })}</DialogContentText>
          <SelectField control={control} name="toBranchId" label={t('party.members.toBranch')} required helperText=" " options={choices} />
          <FormDateField control={control} name="date" label={t('party.members.moveDate')} required helperText=" " />
          <ErrorAlert error={unmarkedError(move.error, moveFieldOf)} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={move.isPending} saveLabel={t('party.members.moveSave')} />
      </form>
    </FormDialog>
  );
}

const endFormSchema = z.object({
  reason: z.enum(END_REASONS),
  toDate: requiredFormDate,
  note: endMemberSchema.shape.note,
});
type EndValues = { reason: EndReason | ''; toDate: string; note: string };
type Ending = z.output<typeof endFormSchema>;
const endFieldOf = (path: string) => (path === 'toDate' || path === 'reason' || path === 'note' ? path : null);

/** A member who died or moved away ends for that reason, unless changed. */
function endValues(member: Membership | null, today: string): EndValues {
  const reason = member?.personStatus === 'deceased' ? 'deceased' : member?.personStatus === 'moved_out' ? 'moved_out' : '';
  return { reason, toDate: today, note: '' };
}

export function EndMemberDialog({ member, onClose }: { member: Membership | null; onClose: () => void }) {
  const { t } = useTranslation();
  const today = usePartyToday();
  const notify = useNotify();
  const { control, handleSubmit, reset, setError } = useForm<EndValues, unknown, Ending>({
    resolver: zodResolver(endFormSchema as unknown as z.ZodType<Ending, EndValues>, { error: zodIssueMessage }),
    defaultValues: endValues(member, today),
  });
  const end = useWrite({
    write: (input: Ending & { id: string }) => request('party.members.end', input),
    invalidates: PARTY_WRITES,
    onSuccess: () => {
      notify(t('party.members.ended', { name: member?.personName ?? '' }));
      onClose();
    },
    onError: (err) => applyServerIssues(err, setError, endFieldOf),
  });
  const { reset: resetEnd } = end;
  useEffect(() => {
    if (member) {
      reset(endValues(member, today));
      resetEnd();
    }
  }, [member]);

  const submit = handleSubmit((fields) => {
    if (member) end.mutate({ id: member.id, ...fields });
  });
  return (
    <FormDialog control={control} open={member !== null} onClose={end.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="end-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="end-dialog-title">{t('party.members.endTitle', { name: member?.personName ?? '' })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('party.members.endIntro', { name: member?.personName ?? '', branch: member?.branchName ?? '' })}</DialogContentText>
          <SelectField control={control} name="reason" label={t('party.members.endReason')} required helperText=" " options={partyOptions('endReason', END_REASONS)} />
          <FormDateField control={control} name="toDate" label={t('party.members.endDate')} required helperText=" " />
          <FormTextField control={control} name="note" label={t('party.members.endNote')} helperText={t('party.members.endNoteHelp')} slotProps={{ htmlInput: { maxLength: 200 } }} />
          <ErrorAlert error={unmarkedError(end.error, endFieldOf)} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={end.isPending} saveLabel={t('party.members.endSave')} />
      </form>
    </FormDialog>
  );
}
