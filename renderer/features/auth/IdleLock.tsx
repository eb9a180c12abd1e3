import { useEffect, useRef } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import Typography from '@mui/material/Typography';
import LockOutlined from '@mui/icons-material/LockOutlined';
import { useTranslation } from 'react-i18next';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useWrite } from '../../components/useWrite';
import { errorMessage, zodIssueMessage } from '../../i18n';
import { ApiError } from '../../api';
import { call, request } from '../../rpc';
import { useSession } from '../../state';

/** Tell main the person is still working at most this often (its own idle clock counts calls). */
export const HEARTBEAT_INTERVAL_MS = 60_000;
/** How often to compare the time since the last input with the idle limit. */
const CHECK_INTERVAL_MS = 5_000;
const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'click', 'touchstart', 'wheel'] as const;

/**
 * Watches for input; while there is some, sends a heartbeat at most once a minute; after
 * idleLockMinutes without input shows the lock overlay above the current page, which stays mounted
 * underneath so nothing typed is lost.
 */
export function IdleLock() {
  const session = useSession();
  const { locked, idleLockMinutes, lock } = session;
  const lastActivity = useRef(Date.now());
  const lastHeartbeat = useRef(Date.now());
  const lockedRef = useRef(locked);
  useEffect(() => {
    lockedRef.current = locked;
  }, [locked]);

  useEffect(() => {
    const onActivity = () => {
      if (lockedRef.current) return;
      const now = Date.now();
      lastActivity.current = now;
      if (now - lastHeartbeat.current >= HEARTBEAT_INTERVAL_MS) {
        lastHeartbeat.current = now;
        // A SESSION_LOCKED answer reaches the shell through rpc's session listeners.
        void call('auth.heartbeat', {});
      }
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, []);

  useEffect(() => {
    if (locked) return;
    // Unlocking counts as activity on both sides.
    lastActivity.current = Date.now();
    lastHeartbeat.current = Date.now();
    if (idleLockMinutes <= 0) return;
    const id = window.setInterval(() => {
      if (Date.now() - lastActivity.current >= idleLockMinutes * 60_000) lock();
    }, CHECK_INTERVAL_MS);
    return () => window.clearInterval(id);
  }, [locked, idleLockMinutes, lock]);

  return <LockOverlay />;
}

const unlockSchema = z.object({ password: z.string() });

const endsSession = (err: unknown) => err instanceof ApiError && (err.code === 'ACCOUNT_LOCKED' || err.code === 'UNAUTHENTICATED' || err.code === 'ACCOUNT_DISABLED');

function LockOverlay() {
  const { t } = useTranslation();
  const session = useSession();
  const { control, handleSubmit, reset, watch } = useForm({ resolver: zodResolver(unlockSchema, { error: zodIssueMessage }), defaultValues: { password: '' } });
  const unlock = useWrite({
    write: ({ password }: { password: string }) => request('auth.unlock', { password }),
    onSuccess: session.unlocked,
    onError: (err) => {
      // Main ended the session: the next person logs in afresh.
      if (endsSession(err)) session.ended({ severity: 'error', text: errorMessage(err) });
      else reset({ password: '' });
    },
  });
  const { reset: resetUnlock } = unlock;
  const busy = unlock.isPending;
  const error = endsSession(unlock.error) ? null : unlock.error;
  const password = watch('password');

  useEffect(() => {
    if (!session.locked) {
      reset({ password: '' });
      resetUnlock();
    }
  }, [session.locked, reset, resetUnlock]);

  return (
    <Dialog
      open={session.locked}
      fullScreen
      aria-labelledby="lock-title"
      aria-describedby="lock-body"
      sx={{ zIndex: (theme) => theme.zIndex.tooltip + 10 }}
      slotProps={{ paper: { sx: { bgcolor: 'background.default' } } }}
    >
      <Box sx={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', p: 2 }}>
        <Box
          component="form"
          noValidate
          onSubmit={(e) =>
            // Nothing typed: nothing to try (the button waits for a password as well).
            void handleSubmit((v) => {
              if (v.password) unlock.mutate(v);
            })(e)
          }
          sx={{ width: '100%', maxWidth: 440, textAlign: 'center' }}
        >
          <LockOutlined color="primary" sx={{ fontSize: 56 }} />
          <Typography id="lock-title" variant="h5" component="h1" sx={{ fontWeight: 600, mt: 1 }}>
            {t('lock.title')}
          </Typography>
          <Typography id="lock-body" color="text.secondary" sx={{ mt: 1, textAlign: 'left' }}>
            {t('lock.body', { name: session.user.displayName })}
          </Typography>
          <FormTextField control={control} name="password" type="password" label={t('lock.password')} autoComplete="current-password" autoFocus />
          {error instanceof ApiError && error.code === 'LOGIN_FAILED' ? (
            <Alert severity="error" role="alert" sx={{ mt: 1, textAlign: 'left' }}>
              {t('lock.wrongPassword')}
              {typeof error.details?.['remaining'] === 'number' ? t('errors.hintRemaining', { remaining: error.details['remaining'] }) : null}
            </Alert>
          ) : (
            <ErrorAlert error={error} sx={{ mt: 1, textAlign: 'left' }} />
          )}
          <Button type="submit" variant="contained" size="large" fullWidth sx={{ mt: 2 }} disabled={busy || !password}>
            {t('lock.unlock')}
          </Button>
          <Button sx={{ mt: 2 }} onClick={() => void session.logout()} disabled={busy}>
            {t('lock.switchUser')}
          </Button>
        </Box>
      </Box>
    </Dialog>
  );
}
