import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import i18n from '../i18n';

export interface Progress {
  done: number;
  total: number;
  /** i18n key of the stage, e.g. 'progress.backup'. */
  stage: string;
}

/** A modal progress bar for long work, with a cancel button while cancelling is possible. */
export function ProgressDialog({ open, progress, onCancel, cancelling }: { open: boolean; progress: Progress | null; onCancel?: () => void; cancelling?: boolean }) {
  const { t } = useTranslation();
  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  const stage = progress && i18n.exists(progress.stage) ? t(progress.stage) : t('progress.working');
  return (
    <Dialog open={open} maxWidth="xs" fullWidth aria-labelledby="progress-dialog-title">
      <DialogTitle id="progress-dialog-title">{t('progress.title')}</DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 2 }}>{stage}</Typography>
        <LinearProgress
          variant={percent === null ? 'indeterminate' : 'determinate'}
          value={percent ?? 0}
          aria-label={stage}
          sx={{ height: 10, borderRadius: 5 }}
        />
        {percent !== null ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1, textAlign: 'right' }}>
            {percent}%
          </Typography>
        ) : null}
      </DialogContent>
      {onCancel ? (
        <DialogActions>
          <Button onClick={onCancel} disabled={cancelling}>
            {t('progress.cancel')}
          </Button>
        </DialogActions>
      ) : null}
    </Dialog>
  );
}
