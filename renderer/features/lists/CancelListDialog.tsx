/**
 * 作废 a printed list that has nothing entered (printed with the wrong dates, lost, printed again):
 * its paper and its codes are refused from then on, and its number is not given again.
 */
import { useEffect, useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { CARE_KEYS } from '../../components/queryKeys';
import { useWrite } from '../../components/useWrite';
import { request } from '../../rpc';

export function CancelListDialog({ listNo, onClose }: { listNo: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [reason, setReason] = useState('');
  const cancel = useWrite({
    write: (v: { listNo: string; reason: string }) => request('lists.cancel', v),
    invalidates: CARE_KEYS,
    onSuccess: (answer) => {
      notify(t('lists.cancelled', { listNo: answer.listNo }));
      onClose();
    },
  });
  const { reset } = cancel;
  useEffect(() => {
    if (listNo === null) return;
    setReason('');
    reset();
  }, [listNo, reset]);
  const busy = cancel.isPending;
  return (
    <Dialog open={listNo !== null} onClose={busy ? undefined : onClose} maxWidth="xs" fullWidth aria-labelledby="cancel-list-title">
      <DialogTitle id="cancel-list-title">{t('lists.cancelTitle', { listNo: listNo ?? '' })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {t('lists.cancelText')}
        </Typography>
        <TextField label={t('lists.cancelReason')} value={reason} onChange={(e) => setReason(e.target.value)} fullWidth slotProps={{ htmlInput: { maxLength: 200 } }} />
        <ErrorAlert error={cancel.error} sx={{ mt: 2 }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button color="warning" variant="contained" disabled={busy || listNo === null} onClick={() => listNo !== null && cancel.mutate({ listNo, reason })}>
          {t('lists.cancelConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
