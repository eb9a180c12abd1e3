import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Button from '@mui/material/Button';
import { FormDialog } from '../../components/FormDialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslation } from 'react-i18next';
import { passwordSchema } from '../../../shared/schemas/user';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { useWrite } from '../../components/useWrite';

/** The current password, a new one and the new one again: the dialog's and the first-login page's form. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: 'password.mismatch', path: ['confirmPassword'] });

export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { control, handleSubmit, reset } = useForm({
    resolver: zodResolver(changePasswordSchema, { error: zodIssueMessage }),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const change = useWrite({
    write: (values: z.output<typeof changePasswordSchema>) => request('auth.changePassword', { currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: () => {
      notify(t('changePassword.done'));
      close();
    },
  });
  const close = () => {
    reset();
    change.reset();
    onClose();
  };
  const submit = handleSubmit((values) => change.mutate(values));
  const error = change.error;
  return (
    <FormDialog control={control} open={open} onClose={close} maxWidth="xs" fullWidth aria-labelledby="change-password-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="change-password-title">{t('changePassword.title')}</DialogTitle>
        <DialogContent>
          <FormTextField control={control} name="currentPassword" type="password" label={t('changePassword.current')} autoComplete="current-password" autoFocus />
          <FormTextField control={control} name="newPassword" type="password" label={t('changePassword.next')} helperText={t('changePassword.nextHelp')} autoComplete="new-password" />
          <FormTextField control={control} name="confirmPassword" type="password" label={t('changePassword.confirm')} autoComplete="new-password" />
          <ErrorAlert error={error} sx={{ mt: 1 }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={change.isPending}>
            {t('changePassword.submit')}
          </Button>
        </DialogActions>
      </form>
    </FormDialog>
  );
}
