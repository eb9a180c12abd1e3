/**
 * Moving a member to another branch (the old membership closes, a new one opens the same day), and
 * ending a membership (去世 / 迁出 / 组织关系转出 / 其他) — both keep the history.
 */
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import { END_REASONS, type EndReason, type Membership } from '../../../shared/schemas/party';
import { DateTextField } from '../../components/DateTextField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { fieldMessage } from '../../i18n';
import { request } from '../../rpc';
import { serverIssues } from '../../components/serverIssues';
import { dateProblem, invalidateParty, partyKeys, partyLabel, usePartyToday } from './common';

/** The server's refusal of one field as its words, or null. */
function issueOf(err: unknown, path: string): string | null {
  const found = serverIssues(err).find((i) => i.path === path);
  return found ? (fieldMessage(found.message) ?? null) : null;
}

export function MoveMemberDialog({ member, onClose }: { member: Membership | null; onClose: () => void }) {
  const { t } = useTranslation();
  const today = usePartyToday();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [toBranchId, setToBranchId] = useState('');
  const [date, setDate] = useState(today);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const [dateNote, setDateNote] = useState<string | null>(null);
  const branches = useQuery({ queryKey: partyKeys.branches(), queryFn: () => request('party.branches.list', { search: '' }), enabled: member !== null });
  useEffect(() => {
    if (member) {
      setToBranchId('');
      setDate(today);
      setError(null);
      setMissing(false);
      setDateNote(null);
    }
  }, [member]);

  const save = async () => {
    if (!member) return;
    // The only date in this dialog is the move date: say which day is the earliest it can be.
    const note = dateProblem(date) ?? (date < member.fromDate ? t('party.members.moveTooEarly', { date: member.fromDate, name: member.personName, branch: member.branchName }) : null);
    setDateNote(note);
    if (toBranchId === '' || note !== null) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await request('party.members.move', { id: member.id, toBranchId, date });
      notify(t('party.members.moved', { name: member.personName, branch: branches.data?.find((b) => b.id === toBranchId)?.name ?? '' }));
      await invalidateParty(queryClient);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const dateIssue = dateNote ?? issueOf(error, 'date');
  return (
    <Dialog open={member !== null} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="move-dialog-title">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <DialogTitle id="move-dialog-title">{t('party.members.moveTitle', { name: member?.personName ?? '' })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('party.members.moveIntro', { branch: member?.branchName ?? '' })}</DialogContentText>
          <TextField
            select
            label={t('party.members.toBranch')}
            required
            value={toBranchId}
            onChange={(e) => setToBranchId(e.target.value)}
            error={missing && toBranchId === ''}
            helperText={missing && toBranchId === '' ? t('validation.choose') : ' '}
          >
            {(branches.data ?? []).filter((b) => b.id !== member?.branchId).map((b) => (
              <MenuItem key={b.id} value={b.id}>
                {b.name}
              </MenuItem>
            ))}
          </TextField>
          <DateTextField label={t('party.members.moveDate')} required value={date} onChange={(d) => { setDate(d); setDateNote(null); }} error={dateIssue !== null} helperText={dateIssue ?? ' '} />
          <ErrorAlert error={dateIssue ? null : error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} saveLabel={t('party.members.moveSave')} />
      </form>
    </Dialog>
  );
}

export function EndMemberDialog({ member, onClose }: { member: Membership | null; onClose: () => void }) {
  const { t } = useTranslation();
  const today = usePartyToday();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState<EndReason | ''>('');
  const [note, setNote] = useState('');
  const [date, setDate] = useState(today);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const [dateNote, setDateNote] = useState<string | null>(null);
  useEffect(() => {
    if (member) {
      setReason(member.personStatus === 'deceased' ? 'deceased' : member.personStatus === 'moved_out' ? 'moved_out' : '');
      setNote('');
      setDate(today);
      setError(null);
      setMissing(false);
      setDateNote(null);
    }
  }, [member]);

  const save = async () => {
    if (!member) return;
    const badDate = dateProblem(date);
    setDateNote(badDate);
    if (reason === '' || badDate !== null) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await request('party.members.end', { id: member.id, toDate: date, reason, note });
      notify(t('party.members.ended', { name: member.personName }));
      await invalidateParty(queryClient);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const dateIssue = dateNote ?? issueOf(error, 'toDate');
  return (
    <Dialog open={member !== null} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="end-dialog-title">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <DialogTitle id="end-dialog-title">{t('party.members.endTitle', { name: member?.personName ?? '' })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('party.members.endIntro', { name: member?.personName ?? '', branch: member?.branchName ?? '' })}</DialogContentText>
          <TextField
            select
            label={t('party.members.endReason')}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value as EndReason)}
            error={missing && reason === ''}
            helperText={missing && reason === '' ? t('validation.choose') : ' '}
          >
            {END_REASONS.map((r) => (
              <MenuItem key={r} value={r}>
                {partyLabel('endReason', r)}
              </MenuItem>
            ))}
          </TextField>
          <DateTextField label={t('party.members.endDate')} required value={date} onChange={(d) => { setDate(d); setDateNote(null); }} error={dateIssue !== null} helperText={dateIssue ?? ' '} />
          <TextField label={t('party.members.endNote')} value={note} onChange={(e) => setNote(e.target.value)} helperText={t('party.members.endNoteHelp')} slotProps={{ htmlInput: { maxLength: 200 } }} />
          <ErrorAlert error={dateIssue ? null : error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} saveLabel={t('party.members.endSave')} />
      </form>
    </Dialog>
  );
}
