/**
 * The attendance sheet of one activity: a checklist of everyone signed up (came / did not come) and
 * the walk-ins who came without signing up, saved together — main refuses all of it or keeps all.
 */
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import { FormDialog } from '../../components/FormDialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { ActivityDetail } from '../../../shared/schemas/activities';
import { uuidSchema } from '../../../shared/schemas/common';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { useWrite } from '../../components/useWrite';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { activityKeys, onListAlready } from './common';

/** The sheet as the form holds it (attendanceSchema's, with the walk-ins' names): who of the signed-up came, and who came without signing up. */
const sheetSchema = z.object({
  came: z.array(uuidSchema),
  walkIns: z.array(z.object({ id: uuidSchema, name: z.string(), address: z.string() })).max(500),
});
type Sheet = z.infer<typeof sheetSchema>;

export function AttendanceDialog({ detail, open, onClose }: { detail: ActivityDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const signedUp = detail.participants.filter((p) => p.signedUp);
  const { control, handleSubmit, reset, setValue, getValues } = useForm<Sheet>({
    resolver: zodResolver(sheetSchema, { error: zodIssueMessage }),
    defaultValues: { came: [], walkIns: [] },
  });
  const came = useWatch({ control, name: 'came' });
  const walkIns = useWatch({ control, name: 'walkIns' });
  // The person in the walk-in picker, not yet added to the sheet.
  const [picked, setPicked] = useState<PickedPerson | null>(null);
  const save = useWrite({
    write: (sheet: Sheet) =>
      request('activities.recordAttendance', {
        activityId: detail.activity.id,
        attendance: signedUp.map((p) => ({ participantId: p.id, attended: sheet.came.includes(p.id) })),
        walkIns: sheet.walkIns.map((p) => p.id),
      }),
    invalidates: [activityKeys.all],
    onSuccess: (_r, sheet) => {
      notify(t('activities.attendance.saved', { count: sheet.came.length + sheet.walkIns.length + detail.activity.walkInCount }));
      onClose();
    },
  });
  const { reset: resetSave } = save;

  // Only when the dialog opens: the sheet starts from what is recorded, then belongs to the user
  // (a refetch of the activity while it is open must not undo the ticks).
  useEffect(() => {
    if (!open) return;
    reset({ came: signedUp.filter((p) => p.attended === true).map((p) => p.id), walkIns: [] });
    setPicked(null);
    resetSave();
  }, [open]);

  const setCame = (ids: string[]) => setValue('came', ids);
  const toggle = (id: string) => {
    const now = getValues('came');
    setCame(now.includes(id) ? now.filter((x) => x !== id) : [...now, id]);
  };
  const addWalkIn = () => {
    if (!picked) return;
    setValue('walkIns', [...getValues('walkIns'), picked]);
    setPicked(null);
  };

  const submit = handleSubmit((sheet) => save.mutate(sheet));
  const busy = save.isPending;
  const onList = onListAlready([...detail.participants, ...walkIns.map((p) => ({ personId: p.id, signedUp: false }))], t('activities.attendance.tickAbove'));
  return (
    <FormDialog control={control} open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="attendance-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="attendance-title">{t('activities.attendance.title', { title: detail.activity.title })}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('activities.attendance.intro')}
          </Typography>
          {signedUp.length > 0 ? (
            <>
              <Box sx={{ display: 'flex', gap: 1, mb: 1 }}>
                <Button size="small" variant="outlined" onClick={() => setCame(signedUp.map((p) => p.id))}>
                  {t('activities.attendance.allCame')}
                </Button>
                <Button size="small" onClick={() => setCame([])}>
                  {t('activities.attendance.noneCame')}
                </Button>
              </Box>
              <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))', columnGap: 1 }}>
                {signedUp.map((p) => (
                  <FormControlLabel key={p.id} control={<Checkbox checked={came.includes(p.id)} onChange={() => toggle(p.id)} />} label={p.personName} />
                ))}
              </Box>
            </>
          ) : (
            <Typography color="text.secondary">{t('activities.detail.noParticipants')}</Typography>
          )}
          <Typography variant="subtitle2" sx={{ mt: 2 }}>
            {t('activities.attendance.walkIns')}
          </Typography>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
            <Box sx={{ flex: 1 }}>
              <PersonPicker value={picked} onChange={setPicked} label={t('activities.attendance.walkInLabel')} required={false} unavailable={onList} helperText={t('activities.attendance.walkInHelp')} />
            </Box>
            <Button variant="outlined" onClick={addWalkIn} disabled={!picked} sx={{ mt: 2, height: 56 }}>
              {t('activities.attendance.add')}
            </Button>
          </Box>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            {walkIns.map((p) => (
              <Chip key={p.id} label={p.name} onDelete={() => setValue('walkIns', getValues('walkIns').filter((x) => x.id !== p.id))} color="info" variant="outlined" />
            ))}
          </Box>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }} data-testid="attendance-summary">
            {t('activities.attendance.summary', { came: came.length, total: signedUp.length, count: walkIns.length })}
          </Typography>
          <ErrorAlert error={save.error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} />
      </form>
    </FormDialog>
  );
}
