/**
 * Makes a user a person's primary or backup contact (分片包干). The old record is closed and a new
 * dated one opened by main, so the history keeps who was responsible when.
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
import { CONTACT_ROLES, type ContactRole } from '../../../shared/schemas/assignments';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { request } from '../../rpc';
import { invalidateCare } from '../../components/queryKeys';
import { label } from '../../components/labels';
import { UserSelect } from '../../components/UserSelect';

export interface AssignTarget {
  personId: string;
  personName: string;
  role: ContactRole;
  /** Who holds the role now, if anyone. */
  currentName?: string | null;
  currentUserId?: string | null;
}

export function AssignDialog({ target, onClose }: { target: AssignTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<ContactRole>('primary');
  const [userId, setUserId] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    if (!target) return;
    setRole(target.role);
    setUserId('');
    setReason('');
    setError(null);
    setMissing(false);
  }, [target]);

  const save = async () => {
    if (!target) return;
    if (userId === '') {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await request('assignments.set', { personId: target.personId, userId, role, reason });
      notify(t('contacts.assigned', { name: target.personName, role: label('contactRole', role) }));
      await invalidateCare(queryClient);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={target !== null} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="assign-dialog-title">
      <DialogTitle id="assign-dialog-title">{t('contacts.assignTitle', { name: target?.personName ?? '' })}</DialogTitle>
      <DialogContent>
        {target?.currentName ? <Typography color="text.secondary">{t('contacts.currentHolder', { role: label('contactRole', role), name: target.currentName })}</Typography> : null}
        <TextField select label={t('contacts.role')} value={role} onChange={(e) => setRole(e.target.value as ContactRole)}>
          {CONTACT_ROLES.map((r) => (
            <MenuItem key={r} value={r}>
              {label('contactRole', r)}
            </MenuItem>
          ))}
        </TextField>
        <UserSelect
          label={t('contacts.user')}
          value={userId}
          onChange={(id) => {
            setUserId(id);
            setMissing(false);
          }}
          exclude={target?.currentUserId && role === target.role ? [target.currentUserId] : []}
          required
          error={missing}
          helperText={missing ? t('validation.choose') : t('contacts.userHelp')}
        />
        <TextField label={t('contacts.reason')} value={reason} onChange={(e) => setReason(e.target.value)} helperText={t('contacts.reasonHelp')} slotProps={{ htmlInput: { maxLength: 200 } }} />
        <ErrorAlert error={error} sx={{ mt: 1 }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
