/**
 * A meeting of a branch (组织生活, 主题党日, 学习) with its attendance, saved together: every member of
 * the branch on the day is listed, ticked present or given a reason for being absent (养病, 外出 …).
 * Viewers see the same dialog read-only.
 */
import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import { FormDialog } from '../../components/FormDialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
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
import { dateSchema } from '../../../shared/schemas/common';
import { kindAndFormOf, MEETING_TYPES, meetingFieldsSchema, meetingTypeOf, type MeetingDetail, type MeetingType } from '../../../shared/schemas/party';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDateField } from '../../components/FormDateField';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { SelectField } from '../../components/SelectField';
import { applyServerIssues, serverIssues } from '../../components/serverIssues';
import { useWrite } from '../../components/useWrite';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { PARTY_WRITES, partyKeys, partyOptions, rateText, requiredFormDate, usePartyToday } from './common';

interface Mark {
  present: boolean;
  reason: string;
}

export interface MeetingBranch {
  id: string;
  name: string;
  meetingPlace: string;
}

/** The meeting as the form holds it; the attendance marks are by person, present unless marked. */
interface MeetingValues {
  /** 三会一课 or another kind, stored as kind + form. */
  type: MeetingType;
  date: string;
  topic: string;
  place: string;
  notes: string;
  marks: Record<string, Mark>;
}

const meetingDate = requiredFormDate.pipe(dateSchema);

/**
 * meetingFieldsSchema over the form, for the members listed on the day: the topic, the date and
 * every absence's reason are checked at once (the rows show their own problem while it lasts).
 */
function meetingFormSchema(people: readonly { personId: string }[]) {
  const fields = meetingFieldsSchema.pick({ kind: true, topic: true, place: true, notes: true });
  return z.custom<MeetingValues>().transform((v, ctx) => {
    const date = meetingDate.safeParse(v.date);
    if (!date.success) ctx.addIssue({ code: 'custom', path: ['date'], message: date.error.issues[0]?.message ?? 'date.format' });
    const { kind, form } = kindAndFormOf(v.type);
    const parsed = fields.safeParse({ kind, topic: v.topic, place: v.place, notes: v.notes }, { error: zodIssueMessage });
    for (const issue of parsed.error?.issues ?? []) ctx.addIssue({ code: 'custom', path: issue.path.map(String), message: issue.message });
    const attendance = people.map((p) => {
      const mark = v.marks[p.personId] ?? { present: true, reason: '' };
      return { personId: p.personId, present: mark.present, absenceReason: mark.present ? '' : mark.reason.trim() };
    });
    for (const a of attendance) {
      if (!a.present && a.absenceReason === '') ctx.addIssue({ code: 'custom', path: ['marks', a.personId, 'reason'], message: 'party.absenceReasonRequired' });
    }
    if (!date.success || !parsed.success) return z.NEVER;
    return { ...parsed.data, form, date: date.data, attendance };
  });
}
type Meeting = z.output<ReturnType<typeof meetingFormSchema>>;

function valuesOf(m: MeetingDetail | null, today: string, place: string): MeetingValues {
  return {
    type: m ? meetingTypeOf(m.kind, m.form) : 'member_assembly',
    date: m?.date ?? today,
    topic: m?.topic ?? '',
    place: m?.place ?? place,
    notes: m?.notes ?? '',
    marks: Object.fromEntries((m?.attendance ?? []).map((a) => [a.personId, { present: a.present, reason: a.absenceReason }])),
  };
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
  const [confirmDelete, setConfirmDelete] = useState(false);
  const existing = useQuery({ queryKey: partyKeys.meeting(meetingId ?? ''), queryFn: () => request('party.meetings.get', { id: meetingId ?? '' }), enabled: open && meetingId !== null });
  // The members listed for the day the form holds: the list follows the form's date, the check follows the list.
  const listedRef = useRef<readonly { personId: string }[]>([]);
  const { control, handleSubmit, reset, setValue, getValues, setError, formState } = useForm<MeetingValues, unknown, Meeting>({
    resolver: (values, context, options) => zodResolver(meetingFormSchema(listedRef.current) as unknown as z.ZodType<Meeting, MeetingValues>, { error: zodIssueMessage })(values, context, options),
    defaultValues: valuesOf(null, today, branch.meetingPlace),
  });
  const [date, topic, notes, marks] = useWatch({ control, name: ['date', 'topic', 'notes', 'marks'] });
  const validDate = parseDateText(date) === date ? date : null;
  const expected = useQuery({
    queryKey: partyKeys.expected(branch.id, validDate ?? ''),
    queryFn: () => request('party.meetings.expected', { branchId: branch.id, date: validDate ?? '' }),
    enabled: open && validDate !== null && !readOnly,
  });
  const save = useWrite({
    write: async (fields: Meeting & { branchId: string }) => {
      if (meetingId) await request('party.meetings.update', { id: meetingId, ...fields });
      else await request('party.meetings.create', fields);
    },
    invalidates: PARTY_WRITES,
    onSuccess: (_r, fields) => {
      notify(t('party.meetings.saved', { topic: fields.topic, rate: rateText(fields.attendance.filter((a) => a.present).length, fields.attendance.length) }));
      onClose();
    },
    onError: (err) => applyServerIssues(err, setError, (path) => (path === 'date' ? 'date' : null)),
  });
  const remove = useWrite({
    write: (id: string) => request('party.meetings.delete', { id }),
    invalidates: PARTY_WRITES,
    onSuccess: () => {
      notify(t('party.meetings.deleted', { topic }));
      setConfirmDelete(false);
      onClose();
    },
    onError: () => setConfirmDelete(false),
  });
  const { reset: resetSave } = save;
  const { reset: resetRemove } = remove;
  const busy = save.isPending || remove.isPending;

  useEffect(() => {
    if (!open) return;
    resetSave();
    resetRemove();
    if (meetingId === null) reset(valuesOf(null, today, branch.meetingPlace));
  }, [open, meetingId]);
  useEffect(() => {
    if (open && existing.data) reset(valuesOf(existing.data, today, branch.meetingPlace));
  }, [open, existing.data]);

  // Read-only: the attendance as recorded. Otherwise: the members of the chosen day, present unless marked.
  const listed = readOnly ? (existing.data?.attendance ?? []).map((a) => ({ personId: a.personId, personName: a.personName })) : (expected.data ?? []);
  listedRef.current = listed;
  const markOf = (id: string): Mark => marks[id] ?? { present: true, reason: '' };
  const present = listed.filter((p) => markOf(p.personId).present).length;
  const setMark = (id: string, next: Partial<Mark>) => setValue('marks', { ...getValues('marks'), [id]: { ...markOf(id), ...next } });

  // After a save was tried, an absence without its reason says so until it is filled in.
  const reasonsChecked = formState.isSubmitted;
  const reasonMissing = (id: string): boolean => !markOf(id).present && markOf(id).reason.trim() === '';
  const unexplained = listed.filter((p) => reasonMissing(p.personId));
  const dateMarked = serverIssues(save.error).some((i) => i.path === 'date');
  const submit = handleSubmit((meeting) => save.mutate({ branchId: branch.id, ...meeting }));

  const reasons = [t('party.meetings.reasonIll'), t('party.meetings.reasonAway'), t('party.meetings.reasonFamily')];
  const title = readOnly ? topic : meetingId ? t('party.meetings.editTitle') : t('party.meetings.createTitle', { branch: branch.name });
  return (
    <FormDialog control={control} open={open} onClose={busy ? undefined : onClose} maxWidth="md" fullWidth aria-labelledby="meeting-dialog-title">
      <form
        noValidate
        onSubmit={(e) => {
          if (readOnly) e.preventDefault();
          else void submit(e);
        }}
      >
        <DialogTitle id="meeting-dialog-title">{title}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', '& > *': { flex: '1 1 200px' } }}>
            <SelectField control={control} name="type" label={t('party.meetings.kind')} required disabled={readOnly} options={partyOptions('meetingType', MEETING_TYPES)} />
            <FormDateField control={control} name="date" label={t('party.meetings.date')} required disabled={readOnly} />
          </Box>
          <FormTextField
            control={control}
            name="topic"
            label={t('party.meetings.topic')}
            required
            disabled={readOnly}
            helperText={readOnly ? undefined : t('party.meetings.topicHelp')}
            slotProps={{ htmlInput: { maxLength: 200 } }}
          />
          <FormTextField control={control} name="place" label={t('party.meetings.place')} disabled={readOnly} slotProps={{ htmlInput: { maxLength: 100 } }} />
          {readOnly && notes === '' ? null : <FormTextField control={control} name="notes" label={t('party.meetings.notes')} disabled={readOnly} multiline minRows={2} slotProps={{ htmlInput: { maxLength: 2000 } }} />}
          <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, mt: 2 }}>
            <Typography variant="h6" component="h3">
              {t('party.meetings.attendance')}
            </Typography>
            <Typography color="text.secondary">{t('party.meetings.rateLine', { rate: rateText(present, listed.length) })}</Typography>
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
              {listed.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={3} sx={{ py: 2, color: 'text.secondary', textAlign: 'center' }}>
                    {validDate === null ? t('party.meetings.dateFirst') : t('party.meetings.noMembers')}
                  </TableCell>
                </TableRow>
              ) : null}
              {listed.map((p) => {
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
          <ErrorAlert error={(dateMarked ? null : (save.error ?? remove.error)) ?? existing.error ?? expected.error} sx={{ mt: 2 }} />
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
      <ConfirmDialog
        open={confirmDelete}
        title={t('party.meetings.deleteTitle', { topic })}
        confirmLabel={t('common.delete')}
        danger
        busy={busy}
        onConfirm={() => {
          if (meetingId) remove.mutate(meetingId);
        }}
        onCancel={() => setConfirmDelete(false)}
      >
        {t('party.meetings.deleteText')}
      </ConfirmDialog>
    </FormDialog>
  );
}
