import { lazy, Suspense, useState } from 'react';
import { useForm } from 'react-hook-form';
import Link from '@mui/material/Link';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../../components/AuthLayout';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { useWrite } from '../../components/useWrite';
import type { AppInfo, LoginNotice, SessionInfo } from '../../state';
import { useLoginProgress } from './LoginProgress';

/** Logging in with the recovery key is rare: its form (and the key's checks) load when asked for. */
const RecoveryLoginPage = lazy(async () => ({ default: (await import('./RecoveryLoginPage')).RecoveryLoginPage }));

const loginSchema = z.object({
  username: z.string().trim().min(1),
  password: z.string().min(1),
});

export function LoginPage({ info, notice, onLoggedIn }: { info: AppInfo; notice: LoginNotice | null; onLoggedIn: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const [recovering, setRecovering] = useState(false);
  const { control, handleSubmit, resetField, setFocus } = useForm({
    resolver: zodResolver(loginSchema, { error: zodIssueMessage }),
    defaultValues: { username: '', password: '' },
  });
  const encrypting = useLoginProgress();
  const login = useWrite({
    write: async (values: z.output<typeof loginSchema>) => {
      const progress = encrypting.start();
      try {
        return await request('auth.login', values, { taskId: progress.taskId });
      } finally {
        progress.end();
      }
    },
    onSuccess: onLoggedIn,
    onError: () => {
      resetField('password');
      setFocus('password');
    },
  });
  const error = login.error;

  const submit = handleSubmit((values) => login.mutate(values));
  if (recovering) {
    return (
      <Suspense fallback={null}>
        <RecoveryLoginPage onBack={() => setRecovering(false)} onLoggedIn={onLoggedIn} />
      </Suspense>
    );
  }

  return (
    <AuthLayout title={info.office?.name ?? t('login.title')} subtitle={t('login.title')}>
      {notice && !error ? (
        <Alert severity={notice.severity} sx={{ mb: 1 }}>
          {notice.text}
        </Alert>
      ) : null}
      <Box component="form" noValidate onSubmit={(e) => void submit(e)}>
        <FormTextField control={control} name="username" label={t('login.username')} autoComplete="username" autoFocus />
        <FormTextField control={control} name="password" type="password" label={t('login.password')} autoComplete="current-password" />
        <ErrorAlert error={error} sx={{ mt: 1 }} />
        <Button type="submit" variant="contained" size="large" fullWidth sx={{ mt: 3 }} disabled={login.isPending}>
          {t('login.submit')}
        </Button>
        <Box sx={{ textAlign: 'center', mt: 2 }}>
          <Link component="button" type="button" variant="body2" onClick={() => setRecovering(true)}>
            {t('recovery.loginLink')}
          </Link>
        </Box>
      </Box>
      {encrypting.dialog}
    </AuthLayout>
  );
}
