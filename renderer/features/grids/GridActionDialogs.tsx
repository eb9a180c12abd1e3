/**
 * The two one-step actions on a grid: give every unassigned person of the grid to its worker, and
 * put a new worker in place of the old one (the grid, their persons and open requests move with it).
 */
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { Grid } from '../../../shared/schemas/grids';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { request } from '../../rpc';
import { invalidateCare } from '../../components/queryKeys';
import { UserSelect } from '../../components/UserSelect';

function WorkerChoice({ grid, value, onChange, label }: { grid: Grid; value: string; onChange: (id: string) => void; label: string }) {
  return (
    <TextField select label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {grid.workers.map((w) => (
        <MenuItem key={w.userId} value={w.userId}>
          {w.name}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** 分给网格员: every active person of the grid without a primary contact → the chosen worker of the grid. */
export function AssignGridDialog({ grid, open, onClose }: { grid: Grid; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) {
      setUserId(grid.workers[0]?.userId ?? '');
      setError(null);
    }
  }, [open, grid]);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await request('assignments.assignGrid', { gridId: grid.id, userId: userId || undefined, reason: t('grids.assignGridReason', { grid: grid.name }) });
      const name = grid.workers.find((w) => w.userId === userId)?.name ?? '';
      notify(t('grids.assignGridDone', { count: result.assigned, name }));
      await invalidateCare(queryClient);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="assign-grid-title">
      <DialogTitle id="assign-grid-title">{t('grids.assignGridTitle', { grid: grid.name })}</DialogTitle>
      <DialogContent>
        <Typography>{t('grids.assignGridBody', { count: grid.unassignedCount })}</Typography>
        {grid.workers.length > 1 ? <WorkerChoice grid={grid} value={userId} onChange={setUserId} label={t('grids.toWorker')} /> : null}
        <ErrorAlert error={error} sx={{ mt: 2 }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy || userId === ''}>
          {t('grids.assignGridConfirm', { count: grid.unassignedCount, name: grid.workers.find((w) => w.userId === userId)?.name ?? '' })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** 更换网格员: one action; the new worker takes the grid, the old one's contacts for its persons and their open requests. */
export function ReassignWorkerDialog({ grid, open, onClose }: { grid: Grid; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [fromId, setFromId] = useState('');
  const [toId, setToId] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) {
      setFromId(grid.workers[0]?.userId ?? '');
      setToId('');
      setReason('');
      setMissing(false);
      setError(null);
    }
  }, [open, grid]);

  const save = async () => {
    if (toId === '') {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const plan = await request('grids.reassignWorker', { gridId: grid.id, fromUserId: fromId || undefined, toUserId: toId, reason });
      notify(t('grids.reassignDone', { grid: grid.name, persons: plan.persons.length, visits: plan.openVisits.length, requests: plan.openRequests.length }));
      await invalidateCare(queryClient);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const fromName = grid.workers.find((w) => w.userId === fromId)?.name ?? '';
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="reassign-title">
      <DialogTitle id="reassign-title">{t('grids.reassignTitle', { grid: grid.name })}</DialogTitle>
      <DialogContent>
        <Typography>{t('grids.reassignBody')}</Typography>
        {grid.workers.length > 1 ? <WorkerChoice grid={grid} value={fromId} onChange={setFromId} label={t('grids.fromWorker')} /> : null}
        {grid.workers.length === 1 ? <Typography sx={{ mt: 2, fontWeight: 500 }}>{t('grids.currentWorker', { name: fromName })}</Typography> : null}
        <UserSelect
          label={t('grids.newWorker')}
          value={toId}
          onChange={(id) => {
            setToId(id);
            setMissing(false);
          }}
          exclude={grid.workers.map((w) => w.userId)}
          required
          error={missing}
          helperText={missing ? t('validation.choose') : undefined}
        />
        <TextField label={t('contacts.reason')} value={reason} onChange={(e) => setReason(e.target.value)} helperText={t('grids.reassignReasonHelp')} slotProps={{ htmlInput: { maxLength: 200 } }} />
        <ErrorAlert error={error} sx={{ mt: 1 }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy}>
          {t('grids.reassignConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
