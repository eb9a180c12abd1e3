/**
 * Providers (theme and locales following the reader's preferences, queries, notifications, router)
 * and the start-up flow: app info → first-run setup, or login, or the shell.
 */
import { HashRouter, useNavigate } from 'react-router';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { ThemeProvider } from '@mui/material/styles';
import CssBaseline from '@mui/material/CssBaseline';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { sessionEndReasonSchema, type User } from '../shared/schemas/user';
import { api } from './api';
import { AuthLayout } from './components/AuthLayout';
import { ErrorAlert } from './components/ErrorAlert';
import { NotifyProvider } from './components/Notifier';
import { FirstPasswordPage, LoginPage, SetupPage } from './features/auth';
import { applyLanguage, loadAreaTexts } from './i18n';
import { call, onSessionProblem } from './rpc';
import {
  loadUiPrefs,
  saveUiPrefs,
  SessionContext,
  UiPrefsContext,
  useUiPrefs,
  type AppInfo,
  type LoginNotice,
  type SessionInfo,
  type SessionValue,
  type UiPrefs,
} from './state';
import { makeTheme } from './theme';

// The shell, its sections and the print layouts load once someone has logged in: the login screen
// comes up without them. The areas' texts load beside them: nothing past the login shows before they are there.
const SignedIn = lazy(async () => ({ default: (await Promise.all([import('./features/shell'), loadAreaTexts()]))[0].SignedIn }));

function initialUiPrefs(): UiPrefs {
  const prefs = loadUiPrefs();
  applyLanguage(prefs.language);
  return prefs;
}

export function App() {
  const [ui, setUiState] = useState<UiPrefs>(initialUiPrefs);
  const setUi = useCallback((prefs: UiPrefs) => {
    applyLanguage(prefs.language);
    saveUiPrefs(prefs);
    setUiState(prefs);
  }, []);
  const uiValue = useMemo(() => ({ ui, setUi }), [ui, setUi]);
  const theme = useMemo(() => makeTheme(ui.language, ui.largeFont), [ui.language, ui.largeFont]);
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } } }),
  );
  return (
    <UiPrefsContext.Provider value={uiValue}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <QueryClientProvider client={queryClient}>
          <NotifyProvider>
            <HashRouter>
              <Root />
            </HashRouter>
          </NotifyProvider>
        </QueryClientProvider>
      </ThemeProvider>
    </UiPrefsContext.Provider>
  );
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'setup'; info: AppInfo }
  | { kind: 'login'; info: AppInfo; notice: LoginNotice | null }
  | { kind: 'in'; info: AppInfo; user: User; locked: boolean; idleLockMinutes: number };

function Root() {
  const { t } = useTranslation();
  const { setUi } = useUiPrefs();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const expectedEnd = useRef<LoginNotice | null>(null);

  /** Fresh app info (the office exists after setup), then the shell or the login screen. */
  const enter = useCallback(
    async (session: SessionInfo | null) => {
      const info = await call('app.info', {});
      if (!info.ok) {
        setPhase({ kind: 'failed', error: info.error });
        return;
      }
      if (info.value.setupNeeded) {
        setPhase({ kind: 'setup', info: info.value });
        return;
      }
      let current = session;
      if (current === null) {
        const answer = await call('auth.session', {});
        if (!answer.ok) {
          setPhase({ kind: 'failed', error: answer.error });
          return;
        }
        current = answer.value;
      }
      if (current.user === null) {
        setPhase({ kind: 'login', info: info.value, notice: null });
        return;
      }
      setUi({ language: current.user.prefs.language, largeFont: current.user.prefs.largeFont });
      setPhase({ kind: 'in', info: info.value, user: current.user, locked: current.locked, idleLockMinutes: current.idleLockMinutes });
    },
    [setUi],
  );

  const start = useCallback(() => {
    setPhase({ kind: 'loading' });
    void enter(null);
  }, [enter]);

  useEffect(() => {
    void enter(null);
  }, [enter]);

  const ended = useCallback(
    (given: LoginNotice) => {
      const notice = expectedEnd.current ?? given;
      expectedEnd.current = null;
      queryClient.clear();
      void navigate('/', { replace: true });
      // Only the first report of an ending counts: a late 'session' event must not replace the reason
      // already shown (the restore's answer and main's event race each other).
      setPhase((p) => (p.kind === 'in' ? { kind: 'login', info: p.info, notice } : p));
    },
    [navigate, queryClient],
  );

  const lock = useCallback(() => setPhase((p) => (p.kind === 'in' && !p.locked ? { ...p, locked: true } : p)), []);

  const inside = phase.kind === 'in';
  useEffect(() => {
    if (!inside) return;
    // Said why when main ended the login for a change to the account (password, role, disabled).
    const sessionEnded = (reason: unknown): LoginNotice => {
      const known = sessionEndReasonSchema.safeParse(reason);
      return { severity: 'warning', text: known.success ? t(`sessionEnd.${known.data}`) : t('login.sessionEnded') };
    };
    const offEvents = api.subscribe('session', (event) => {
      if (event.loggedOut) ended(sessionEnded(event.reason));
      else if (event.locked) lock();
    });
    const offProblems = onSessionProblem((problem, _code, details) => {
      if (problem === 'locked') lock();
      else ended(sessionEnded(details?.['reason']));
    });
    return () => {
      offEvents();
      offProblems();
    };
  }, [inside, ended, lock, t]);

  const sessionValue = useMemo<SessionValue | null>(() => {
    if (phase.kind !== 'in') return null;
    return {
      info: phase.info,
      user: phase.user,
      idleLockMinutes: phase.idleLockMinutes,
      locked: phase.locked,
      setUser: (user) => setPhase((p) => (p.kind === 'in' ? { ...p, user } : p)),
      setIdleLockMinutes: (minutes) => setPhase((p) => (p.kind === 'in' ? { ...p, idleLockMinutes: minutes } : p)),
      lock,
      unlocked: (s) => {
        setPhase((p) => (p.kind === 'in' && s.user ? { ...p, user: s.user, locked: false, idleLockMinutes: s.idleLockMinutes } : p));
        // Reads refused while locked are asked again, so the page under the overlay recovers by itself.
        void queryClient.invalidateQueries({ predicate: (q) => q.state.status === 'error' });
      },
      logout: async () => {
        await call('auth.logout', {});
        ended({ severity: 'info', text: t('login.loggedOut') });
      },
      ended,
      expectEnd: (notice) => {
        expectedEnd.current = notice;
      },
    };
  }, [phase, lock, ended, t, queryClient]);

  switch (phase.kind) {
    case 'loading':
      return <Loading />;
    case 'failed': {
      // Without the printed link retrying cannot help: the page says where the link is instead.
      const linkNeeded = (phase.error as { code?: unknown } | null)?.code === 'HOST_LINK_NEEDED';
      return (
        <AuthLayout title={t(linkNeeded ? 'boot.linkNeededTitle' : 'boot.failedTitle')}>
          <ErrorAlert error={phase.error} severity={linkNeeded ? 'info' : 'error'} />
          {!linkNeeded && (
            <Button variant="contained" sx={{ mt: 2 }} onClick={start}>
              {t('common.retry')}
            </Button>
          )}
        </AuthLayout>
      );
    }
    case 'setup':
      return (
        <Suspense fallback={<Loading />}>
          <SetupPage onDone={(s) => void enter(s)} />
        </Suspense>
      );
    case 'login':
      return <LoginPage info={phase.info} notice={phase.notice} onLoggedIn={(s) => void enter(s)} />;
    case 'in':
      // Main answers nothing else until the password an administrator chose is replaced.
      if (phase.user.mustChangePassword) {
        return (
          <Suspense fallback={<Loading />}>
            <FirstPasswordPage
              displayName={phase.user.displayName}
              onDone={() => void enter(null)}
              onLogout={() => void sessionValue?.logout()}
            />
          </Suspense>
        );
      }
      return (
        <SessionContext.Provider value={sessionValue}>
          <Suspense fallback={<Loading />}>
            <SignedIn role={phase.user.role} />
          </Suspense>
        </SessionContext.Provider>
      );
  }
}

function Loading() {
  const { t } = useTranslation();
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', gap: 2 }}>
      <CircularProgress size={28} />
      <Typography>{t('boot.loading')}</Typography>
    </Box>
  );
}
