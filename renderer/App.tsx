/**
 * Providers (theme and locales following the reader's preferences, queries, notifications, router)
 * and the start-up flow: app info → first-run setup, or login, or the shell.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { HashRouter, Navigate, Route, Routes, useNavigate } from 'react-router';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { ThemeProvider } from '@mui/material/styles';
import CssBaseline from '@mui/material/CssBaseline';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { useTranslation } from 'react-i18next';
import type { User } from '../shared/schemas/user';
import { api } from './api';
import { AuthLayout } from './components/AuthLayout';
import { ErrorAlert } from './components/ErrorAlert';
import { NotifyProvider } from './components/Notifier';
import { LoginPage, SetupPage } from './features/auth';
import { sectionsFor } from './sections';
import { SECTION_PAGES, Shell } from './features/shell';
import { applyLanguage } from './i18n';
import { PrintRoutes } from './print/PrintRoutes';
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

/** The calendar's month heading as Chinese readers write it (2026年12月, not 十二月 2026). */
const ZH_DATE_FORMATS = { monthAndYear: 'YYYY年M月', fullDate: 'YYYY年M月D日' };

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
        <LocalizationProvider dateAdapter={AdapterDayjs} adapterLocale={ui.language === 'zh-CN' ? 'zh-cn' : 'en'} dateFormats={ui.language === 'zh-CN' ? ZH_DATE_FORMATS : undefined}>
          <QueryClientProvider client={queryClient}>
            <NotifyProvider>
              <HashRouter>
                <Root />
              </HashRouter>
            </NotifyProvider>
          </QueryClientProvider>
        </LocalizationProvider>
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
    const sessionEnded: LoginNotice = { severity: 'warning', text: t('login.sessionEnded') };
    const offEvents = api.subscribe('session', (event) => {
      if (event.loggedOut) ended(sessionEnded);
      else if (event.locked) lock();
    });
    const offProblems = onSessionProblem((problem) => {
      if (problem === 'locked') lock();
      else ended(sessionEnded);
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
      return (
        <Box sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', gap: 2 }}>
          <CircularProgress size={28} />
          <Typography>{t('boot.loading')}</Typography>
        </Box>
      );
    case 'failed':
      return (
        <AuthLayout title={t('boot.failedTitle')}>
          <ErrorAlert error={phase.error} />
          <Button variant="contained" sx={{ mt: 2 }} onClick={start}>
            {t('common.retry')}
          </Button>
        </AuthLayout>
      );
    case 'setup':
      return <SetupPage onDone={(s) => void enter(s)} />;
    case 'login':
      return <LoginPage info={phase.info} notice={phase.notice} onLoggedIn={(s) => void enter(s)} />;
    case 'in':
      return (
        <SessionContext.Provider value={sessionValue}>
          <Routes>
            {/* Print layouts stand alone: no app bar, no menu, only the paper. */}
            <Route path="/print/*" element={<PrintRoutes />} />
            <Route element={<Shell />}>
              {sectionsFor(phase.user.role).map((s) => {
                const Page = SECTION_PAGES[s.id];
                if (!Page) return null;
                if (s.path === '/') return <Route key={s.id} index element={<Page />} />;
                return <Route key={s.id} path={s.nested ? `${s.path}/*` : s.path} element={<Page />} />;
              })}
              <Route path="*" element={<Navigate to="/" replace />} />
            </Route>
          </Routes>
        </SessionContext.Provider>
      );
  }
}
