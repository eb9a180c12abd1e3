import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import { useTranslation } from 'react-i18next';

/** The footer of a form dialog: cancel, and save as the form's submit button; both wait while saving. */
export function SaveCancelActions({ onCancel, busy, saveLabel }: { onCancel: () => void; busy: boolean; saveLabel?: string }) {
  const { t } = useTranslation();
  return (
    <DialogActions>
      <Button onClick={onCancel} disabled={busy}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" variant="contained" disabled={busy}>
        {saveLabel ?? t('common.save')}
      </Button>
    </DialogActions>
  );
}
