/**
 * The two one-step actions on a grid: give every unassigned person of the grid to its worker, and
 * put a new worker in place of the old one (the grid, their persons and open requests move with it).
 */
import { useEffect } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Button from '@mui/material/Button';
import { FormDialog } from '../../components/FormDialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { Grid } from '../../../shared/schemas/grids';
import { optionalText } from '../../../shared/schemas/common';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { useWrite } from '../../components/useWrite';
import { fieldMessage, zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { CARE_KEYS } from '../../components/queryKeys';
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

/** The grid's worker who takes the persons. */
const assignGridFormSchema = z.object({ userId: z.string().min(1, { message: 'choose' }) });

/** 分给网格员: every active person of the grid without a primary contact → the chosen worker of the grid. */
export function AssignGridDialog({ grid, open, onClose }: { grid: Grid; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { control, handleSubmit, reset, watch } = useForm({
    resolver: zodResolver(assignGridFormSchema, { error: zodIssueMessage }),
    defaultValues: { userId: '' },
  });
  const userId = watch('userId');
  const assign = useWrite({
    write: (to: string) => request('assignments.assignGrid', { gridId: grid.id, userId: to || undefined, reason: t('grids.assignGridReason', { grid: grid.name }) }),
    invalidates: CARE_KEYS,
    onSuccess: (result, to) => {
      notify(t('grids.assignGridDone', { count: result.assigned, name: grid.workers.find((w) => w.userId === to)?.name ?? '' }));
      onClose();
    },
  });
  const { reset: resetAssign } = assign;
  const busy = assign.isPending;

  useEffect(() => {
    if (open) {
      reset({ userId: grid.workers[0]?.userId ?? '' });
      resetAssign();
    }
  }, [open, grid, reset, resetAssign]);

  return (
    <FormDialog control={control} open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="assign-grid-title">
      <DialogTitle id="assign-grid-title">{t('grids.assignGridTitle', { grid: grid.name })}</DialogTitle>
      <DialogContent>
        <Typography>{t('grids.assignGridBody', { count: grid.unassignedCount })}</Typography>
        {grid.workers.length > 1 ? (
          <Controller control={control} name="userId" render={({ field }) => <WorkerChoice grid={grid} value={field.value} onChange={field.onChange} label={t('grids.toWorker')} />} />
        ) : null}
        <ErrorAlert error={assign.error} sx={{ mt: 2 }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={() => void handleSubmit((v) => assign.mutate(v.userId))()} disabled={busy || userId === ''}>
          {t('grids.assignGridConfirm', { count: grid.unassignedCount, name: grid.workers.find((w) => w.userId === userId)?.name ?? '' })}
        </Button>
      </DialogActions>
    </FormDialog>
  );
}

/** 更换网格员: one action; the new worker takes the grid, the old one's contacts for its persons and their open requests. */
/** grids.reassignWorker's choice: from which worker (when the grid has several), to whom, and why. */
const reassignFormSchema = z.object({
  fromUserId: z.string(),
  toUserId: z.string().min(1, { message: 'choose' }),
  reason: optionalText(200),
});
type ReassignValues = z.input<typeof reassignFormSchema>;
type Reassignment = z.output<typeof reassignFormSchema>;

export function ReassignWorkerDialog({ grid, open, onClose }: { grid: Grid; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { control, handleSubmit, reset, watch } = useForm<ReassignValues, unknown, Reassignment>({
    resolver: zodResolver(reassignFormSchema, { error: zodIssueMessage }),
    defaultValues: { fromUserId: '', toUserId: '', reason: '' },
  });
  const reassign = useWrite({
    write: (v: Reassignment) => request('grids.reassignWorker', { gridId: grid.id, fromUserId: v.fromUserId || undefined, toUserId: v.toUserId, reason: v.reason }),
    invalidates: CARE_KEYS,
    onSuccess: (plan) => {
      notify(t('grids.reassignDone', { grid: grid.name, persons: plan.persons.length, visits: plan.openVisits.length, requests: plan.openRequests.length }));
      onClose();
    },
  });
  const { reset: resetReassign } = reassign;
  const busy = reassign.isPending;

  useEffect(() => {
    if (open) {
      reset({ fromUserId: grid.workers[0]?.userId ?? '', toUserId: '', reason: '' });
      resetReassign();
    }
  }, [open, grid, reset, resetReassign]);

  const submit = handleSubmit((v) => reassign.mutate(v));
  const fromId = watch('fromUserId');
  const fromName = grid.workers.find((w) => w.userId === fromId)?.name ?? '';
  return (
    <FormDialog control={control} open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="reassign-title">
      <DialogTitle id="reassign-title">{t('grids.reassignTitle', { grid: grid.name })}</DialogTitle>
      <DialogContent>
        <Typography>{t('grids.reassignBody')}</Typography>
        {grid.workers.length > 1 ? (
          <Controller control={control} name="fromUserId" render={({ field }) => <WorkerChoice grid={grid} value={field.value} onChange={field.onChange} label={t('grids.fromWorker')} />} />
        ) : null}
        {grid.workers.length === 1 ? <Typography sx={{ mt: 2, fontWeight: 500 }}>{t('grids.currentWorker', { name: fromName })}</Typography> : null}
        <Controller
          control={control}
          name="toUserId"
          render={({ field, fieldState }) => (
            <UserSelect
              label={t('grids.newWorker')}
              value={field.value}
              onChange={field.onChange}
              inputRef={field.ref}
              exclude={grid.workers.map((w) => w.userId)}
              required
              error={fieldState.error !== undefined}
              helperText={fieldMessage(fieldState.error?.message)}
            />
          )}
        />
        <FormTextField control={control} name="reason" label={t('contacts.reason')} helperText={t('grids.reassignReasonHelp')} slotProps={{ htmlInput: { maxLength: 200 } }} />
        <ErrorAlert error={reassign.error} sx={{ mt: 1 }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={() => void submit()} disabled={busy}>
          {t('grids.reassignConfirm')}
        </Button>
      </DialogActions>
    </FormDialog>
  );
}
