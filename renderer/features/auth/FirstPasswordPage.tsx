/**
 * The only screen of a user whose password an administrator chose (a new account or a reset): they
 * replace it with their own before anything else. Main refuses every other call meanwhile
 * (PASSWORD_CHANGE_REQUIRED), so this page is the way on, not the guard.
 */
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../../components/AuthLayout';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { useWrite } from '../../components/useWrite';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { changePasswordSchema } from './ChangePasswordDialog';

export function FirstPasswordPage({ displayName, onDone, onLogout }: { displayName: string; onDone: () => void; onLogout: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { control, handleSubmit } = useForm({
    resolver: zodResolver(changePasswordSchema, { error: zodIssueMessage }),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const change = useWrite({
    write: (values: z.output<typeof changePasswordSchema>) =>
      request('auth.changePassword', { currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: () => {
      notify(t('changePassword.done'));
      onDone();
    },
  });
  const submit = handleSubmit((values) => change.mutate(values));
  return (
    <AuthLayout title={t('users.firstPassword.title')} subtitle={t('users.firstPassword.intro', { name: displayName })}>
      <form noValidate onSubmit={(e) => void submit(e)} aria-label={t('users.firstPassword.title')}>
        <FormTextField control={control} name="currentPassword" type="password" label={t('changePassword.current')} autoComplete="current-password" autoFocus />
        <FormTextField control={control} name="newPassword" type="password" label={t('changePassword.next')} helperText={t('changePassword.nextHelp')} autoComplete="new-password" />
        <FormTextField control={control} name="confirmPassword" type="password" label={t('changePassword.confirm')} autoComplete="new-password" />
        <ErrorAlert error={change.error} sx={{ mt: 1 }} />
        <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1, mt: 2, flexWrap: 'wrap' }}>
          <Button onClick={onLogout}>{t('users.firstPassword.logout')}</Button>
          <Button type="submit" variant="contained" disabled={change.isPending}>
            {t('users.firstPassword.submit')}
          </Button>
        </Box>
      </form>
    </AuthLayout>
  );
}
