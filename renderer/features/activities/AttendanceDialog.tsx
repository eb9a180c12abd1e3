/**
 * The attendance sheet of one activity: a checklist of everyone signed up (came / did not come) and
 * the walk-ins who came without signing up, saved together — main refuses all of it or keeps all.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { ActivityDetail } from '../../../shared/schemas/activities';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { request } from '../../rpc';
import { invalidateActivities, onListAlready } from './common';

export function AttendanceDialog({ detail, open, onClose }: { detail: ActivityDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const signedUp = detail.participants.filter((p) => p.signedUp);
  const [came, setCame] = useState<Set<string>>(new Set());
  const [walkIns, setWalkIns] = useState<PickedPerson[]>([]);
  const [picked, setPicked] = useState<PickedPerson | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // Only when the dialog opens: the sheet starts from what is recorded, then belongs to the user
  // (a refetch of the activity while it is open must not undo the ticks).
  useEffect(() => {
    if (!open) return;
    setCame(new Set(signedUp.filter((p) => p.attended === true).map((p) => p.id)));
    setWalkIns([]);
    setPicked(null);
    setError(null);
  }, [open]);

  const toggle = (id: string) =>
    setCame((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const addWalkIn = () => {
    if (!picked) return;
    setWalkIns((prev) => [...prev, picked]);
    setPicked(null);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await request('activities.recordAttendance', {
        activityId: detail.activity.id,
        attendance: signedUp.map((p) => ({ participantId: p.id, attended: came.has(p.id) })),
        walkIns: walkIns.map((p) => p.id),
      });
      notify(t('activities.attendance.saved', { count: came.size + walkIns.length + detail.activity.walkInCount }));
      await invalidateActivities(queryClient);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const onList = onListAlready([...detail.participants, ...walkIns.map((p) => ({ personId: p.id, signedUp: false }))], t('activities.attendance.tickAbove'));
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="attendance-title">
      <form noValidate onSubmit={(e) => void save(e)}>
        <DialogTitle id="attendance-title">{t('activities.attendance.title', { title: detail.activity.title })}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('activities.attendance.intro')}
          </Typography>
          {signedUp.length > 0 ? (
            <>
              <Box sx={{ display: 'flex', gap: 1, mb: 1 }}>
                <Button size="small" variant="outlined" onClick={() => setCame(new Set(signedUp.map((p) => p.id)))}>
                  {t('activities.attendance.allCame')}
                </Button>
                <Button size="small" onClick={() => setCame(new Set())}>
                  {t('activities.attendance.noneCame')}
                </Button>
              </Box>
              <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))', columnGap: 1 }}>
                {signedUp.map((p) => (
                  <FormControlLabel key={p.id} control={<Checkbox checked={came.has(p.id)} onChange={() => toggle(p.id)} />} label={p.personName} />
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
              <Chip key={p.id} label={p.name} onDelete={() => setWalkIns((prev) => prev.filter((x) => x.id !== p.id))} color="info" variant="outlined" />
            ))}
          </Box>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }} data-testid="attendance-summary">
            {t('activities.attendance.summary', { came: came.size, total: signedUp.length, count: walkIns.length })}
          </Typography>
          <ErrorAlert error={error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}
