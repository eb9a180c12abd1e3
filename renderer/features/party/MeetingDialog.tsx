/**
 * A meeting of a branch (组织生活, 主题党日, 学习) with its attendance, saved together: every member of
 * the branch on the day is listed, ticked present or given a reason for being absent (养病, 外出 …).
 * Viewers see the same dialog read-only.
 */
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteIcon from '@mui/icons-material/Delete';
import { useTranslation } from 'react-i18next';
import { parseDateText } from '../../../shared/dates';
import { MEETING_KINDS, type MeetingDetail, type MeetingKind } from '../../../shared/schemas/party';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateTextField } from '../../components/DateTextField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { serverIssues } from '../../components/serverIssues';
import { fieldMessage } from '../../i18n';
import { request } from '../../rpc';
import { dateProblem, invalidateParty, partyKeys, partyLabel, rateText, usePartyToday } from './common';

interface Mark {
  present: boolean;
  reason: string;
}

export interface MeetingBranch {
  id: string;
  name: string;
  meetingPlace: string;
}

export function MeetingDialog({
  open,
  branch,
  meetingId,
  readOnly,
  onClose,
}: {
  open: boolean;
  branch: MeetingBranch;
  /** Showing or changing this meeting; null: a new one. */
  meetingId: string | null;
  readOnly: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const today = usePartyToday();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<MeetingKind>('organisational');
  const [date, setDate] = useState(today);
  const [topic, setTopic] = useState('');
  const [place, setPlace] = useState('');
  const [notes, setNotes] = useState('');
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  const [topicMissing, setTopicMissing] = useState(false);
  // Set on a save while the date box holds no readable date (empty, or 2026-11-31).
  const [dateNote, setDateNote] = useState<string | null>(null);
  // Set on a save with an absence lacking its reason: those rows show the message until filled in.
  const [reasonsChecked, setReasonsChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const existing = useQuery({ queryKey: partyKeys.meeting(meetingId ?? ''), queryFn: () => request('party.meetings.get', { id: meetingId ?? '' }), enabled: open && meetingId !== null });
  const validDate = parseDateText(date) === date ? date : null;
  const expected = useQuery({
    queryKey: partyKeys.expected(branch.id, validDate ?? ''),
    queryFn: () => request('party.meetings.expected', { branchId: branch.id, date: validDate ?? '' }),
    enabled: open && validDate !== null && !readOnly,
  });

  const fill = (m: MeetingDetail | null) => {
    setKind(m?.kind ?? 'organisational');
    setDate(m?.date ?? today);
    setTopic(m?.topic ?? '');
    setPlace(m?.place ?? branch.meetingPlace);
    setNotes(m?.notes ?? '');
    setMarks(Object.fromEntries((m?.attendance ?? []).map((a) => [a.personId, { present: a.present, reason: a.absenceReason }])));
  };
  useEffect(() => {
    if (!open) return;
    setError(null);
    setTopicMissing(false);
    setDateNote(null);
    setReasonsChecked(false);
    if (meetingId === null) fill(null);
  }, [open, meetingId]);
  useEffect(() => {
    if (open && existing.data) fill(existing.data);
  }, [open, existing.data]);

  // Read-only: the attendance as recorded. Otherwise: the members of the chosen day, present unless marked.
  const people = readOnly
    ? (existing.data?.attendance ?? []).map((a) => ({ personId: a.personId, personName: a.personName }))
    : (expected.data ?? []);
  const markOf = (id: string): Mark => marks[id] ?? { present: true, reason: '' };
  const present = people.filter((p) => markOf(p.personId).present).length;
  const setMark = (id: string, next: Partial<Mark>) => setMarks((prev) => ({ ...prev, [id]: { ...markOf(id), ...next } }));

  const reasonMissing = (id: string): boolean => !markOf(id).present && markOf(id).reason.trim() === '';
  const unexplained = people.filter((p) => reasonMissing(p.personId));

  const save = async () => {
    const noTopic = topic.trim() === '';
    setTopicMissing(noTopic);
    setReasonsChecked(true);
    const badDate = validDate === null ? dateProblem(date) : null;
    setDateNote(badDate);
    if (noTopic || unexplained.length > 0 || validDate === null) return;
    setBusy(true);
    setError(null);
    const fields = {
      branchId: branch.id,
      kind,
      date: validDate,
      topic: topic.trim(),
      place: place.trim(),
      notes: notes.trim(),
      attendance: people.map((p) => ({ personId: p.personId, present: markOf(p.personId).present, absenceReason: markOf(p.personId).present ? '' : markOf(p.personId).reason.trim() })),
    };
    try {
      if (meetingId) await request('party.meetings.update', { id: meetingId, ...fields });
      else await request('party.meetings.create', fields);
      notify(t('party.meetings.saved', { topic: fields.topic, rate: rateText(present, people.length) }));
      await invalidateParty(queryClient);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!meetingId) return;
    setBusy(true);
    try {
      await request('party.meetings.delete', { id: meetingId });
      notify(t('party.meetings.deleted', { topic }));
      await invalidateParty(queryClient);
      setConfirmDelete(false);
      onClose();
    } catch (err) {
      setError(err);
      setConfirmDelete(false);
    } finally {
      setBusy(false);
    }
  };

  const dateIssue = serverIssues(error).find((i) => i.path === 'date');
  const reasons = [t('party.meetings.reasonIll'), t('party.meetings.reasonAway'), t('party.meetings.reasonFamily')];
  const title = readOnly ? topic : meetingId ? t('party.meetings.editTitle') : t('party.meetings.createTitle', { branch: branch.name });
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="md" fullWidth aria-labelledby="meeting-dialog-title">
      <form noValidate onSubmit={(e) => { e.preventDefault(); if (!readOnly) void save(); }}>
        <DialogTitle id="meeting-dialog-title">{title}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', '& > *': { flex: '1 1 200px' } }}>
            <TextField select label={t('party.meetings.kind')} required value={kind} onChange={(e) => setKind(e.target.value as MeetingKind)} disabled={readOnly}>
              {MEETING_KINDS.map((k) => (
                <MenuItem key={k} value={k}>
                  {partyLabel('meetingKind', k)}
                </MenuItem>
              ))}
            </TextField>
            <DateTextField
              label={t('party.meetings.date')}
              required
              value={date}
              onChange={(d) => {
                setDate(d);
                setDateNote(null);
              }}
              disabled={readOnly}
              error={dateNote !== null || dateIssue !== undefined}
              helperText={dateNote ?? (dateIssue ? fieldMessage(dateIssue.message) : undefined)}
            />
          </Box>
          <TextField
            label={t('party.meetings.topic')}
            required
            value={topic}
            onChange={(e) => {
              setTopic(e.target.value);
              setTopicMissing(false);
            }}
            disabled={readOnly}
            error={topicMissing}
            helperText={topicMissing ? t('validation.party.topicRequired') : readOnly ? undefined : t('party.meetings.topicHelp')}
            slotProps={{ htmlInput: { maxLength: 200 } }}
          />
          <TextField label={t('party.meetings.place')} value={place} onChange={(e) => setPlace(e.target.value)} disabled={readOnly} slotProps={{ htmlInput: { maxLength: 100 } }} />
          {readOnly && notes === '' ? null : <TextField label={t('party.meetings.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} disabled={readOnly} multiline minRows={2} slotProps={{ htmlInput: { maxLength: 2000 } }} />}
          <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, mt: 2 }}>
            <Typography variant="h6" component="h3">
              {t('party.meetings.attendance')}
            </Typography>
            <Typography color="text.secondary">{t('party.meetings.rateLine', { rate: rateText(present, people.length) })}</Typography>
          </Box>
          {!readOnly ? (
            <Typography variant="body2" color="text.secondary">
              {t('party.meetings.attendanceHelp')}
            </Typography>
          ) : null}
          <Table size="small" aria-label={t('party.meetings.attendance')}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 140 }}>{t('party.members.name')}</TableCell>
                <TableCell sx={{ width: 90 }}>{t('party.meetings.present')}</TableCell>
                <TableCell>{t('party.meetings.absenceReason')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {people.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={3} sx={{ py: 2, color: 'text.secondary', textAlign: 'center' }}>
                    {validDate === null ? t('party.meetings.dateFirst') : t('party.meetings.noMembers')}
                  </TableCell>
                </TableRow>
              ) : null}
              {people.map((p) => {
                const mark = markOf(p.personId);
                return (
                  <TableRow key={p.personId}>
                    <TableCell sx={{ fontWeight: 600 }}>{p.personName}</TableCell>
                    <TableCell>
                      <Checkbox
                        checked={mark.present}
                        disabled={readOnly}
                        onChange={(e) => setMark(p.personId, { present: e.target.checked })}
                        slotProps={{ input: { 'aria-label': t('party.meetings.presentOf', { name: p.personName }) } }}
                      />
                    </TableCell>
                    <TableCell>
                      {mark.present ? null : readOnly ? (
                        mark.reason || t('party.meetings.noReason')
                      ) : (
                        <Autocomplete
                          freeSolo
                          options={reasons}
                          inputValue={mark.reason}
                          onInputChange={(_e, next) => setMark(p.personId, { reason: next })}
                          renderInput={(params) => (
                            <TextField
                              {...params}
                              size="small"
                              margin="none"
                              required
                              placeholder={t('party.meetings.reasonPlaceholder')}
                              error={reasonsChecked && reasonMissing(p.personId)}
                              helperText={reasonsChecked && reasonMissing(p.personId) ? t('validation.party.absenceReasonRequired') : undefined}
                              slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, maxLength: 100, 'aria-label': t('party.meetings.reasonOf', { name: p.personName }) } }}
                            />
                          )}
                        />
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {reasonsChecked && unexplained.length > 0 ? (
            <Typography color="error" role="alert" sx={{ mt: 2 }}>
              {t('party.meetings.reasonsMissing', { names: unexplained.map((p) => p.personName).join('、') })}
            </Typography>
          ) : null}
          <ErrorAlert error={dateIssue ? null : (error ?? existing.error ?? expected.error)} sx={{ mt: 2 }} />
        </DialogContent>
        <DialogActions>
          {!readOnly && meetingId ? (
            <Button color="error" startIcon={<DeleteIcon />} onClick={() => setConfirmDelete(true)} disabled={busy} sx={{ mr: 'auto' }}>
              {t('party.meetings.delete')}
            </Button>
          ) : null}
          <Button onClick={onClose} disabled={busy}>
            {readOnly ? t('common.close') : t('common.cancel')}
          </Button>
          {!readOnly ? (
            <Button type="submit" variant="contained" disabled={busy || validDate === null}>
              {t('common.save')}
            </Button>
          ) : null}
        </DialogActions>
      </form>
      <ConfirmDialog open={confirmDelete} title={t('party.meetings.deleteTitle', { topic })} confirmLabel={t('common.delete')} danger busy={busy} onConfirm={() => void remove()} onCancel={() => setConfirmDelete(false)}>
        {t('party.meetings.deleteText')}
      </ConfirmDialog>
    </Dialog>
  );
}
