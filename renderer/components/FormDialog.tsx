/**
 * The dialog of every form: Escape or a click beside it closes it at once while nothing was typed,
 * and asks first when something was (react-hook-form's isDirty), so a slip of the hand does not
 * throw away what was entered. The form's own 取消 button still closes without asking: that is a
 * deliberate choice.
 */
import { useState } from 'react';
import { useFormState, type Control, type FieldValues } from 'react-hook-form';
import Button from '@mui/material/Button';
import Dialog, { type DialogProps } from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';

type Props<T extends FieldValues> = Omit<DialogProps, 'onClose'> & {
  /** The form inside: its typed content decides whether closing asks first. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- forms differ in their parsed output
  control: Control<T, any, any>;
  /** Closes the dialog; undefined while it may not close (saving). */
  onClose: (() => void) | undefined;
};

export function FormDialog<T extends FieldValues>({ control, onClose, children, ...props }: Props<T>) {
  const { t } = useTranslation();
  const { isDirty } = useFormState({ control });
  const [asking, setAsking] = useState(false);
  const leave = () => {
    if (!onClose) return;
    if (isDirty) setAsking(true);
    else onClose();
  };
  return (
    <Dialog {...props} onClose={onClose ? leave : undefined}>
      {children}
      <Dialog open={asking} onClose={() => setAsking(false)} maxWidth="xs" fullWidth aria-labelledby="discard-dialog-title">
        <DialogTitle id="discard-dialog-title">{t('common.discardTitle')}</DialogTitle>
        <DialogContent>
          <Typography>{t('common.discardBody')}</Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsking(false)} variant="contained" autoFocus>
            {t('common.discardKeep')}
          </Button>
          <Button
            color="warning"
            onClick={() => {
              setAsking(false);
              onClose?.();
            }}
          >
            {t('common.discard')}
          </Button>
        </DialogActions>
      </Dialog>
    </Dialog>
  );
}
