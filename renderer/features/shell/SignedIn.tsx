/**
 * Everything past the login: the date pickers' calendar, the data grid's and pickers' texts, the print
 * layouts and the shell with the sections the user's role may open. App loads this module only once
 * someone is logged in, so the login screen comes up without it.
 */
import { lazy, Suspense, useCallback } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { ThemeProvider, type Theme } from '@mui/material/styles';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import type { Role } from '../../../shared/roles';
import { sectionsFor } from '../../sections';
import { useUiPrefs } from '../../state';
import { withWorkLocales } from '../../themeLocales';
import { SECTION_PAGES } from './sectionPages';
import { Shell } from './Shell';

/** The calendar's month heading as Chinese readers write it (2026年12月, not 十二月 2026). */
const ZH_DATE_FORMATS = { monthAndYear: 'YYYY年M月', fullDate: 'YYYY年M月D日' };

// Print layouts load only when something is printed.
const PrintRoutes = lazy(async () => ({ default: (await import('../../print/PrintRoutes')).PrintRoutes }));

export function SignedIn({ role }: { role: Role }) {
  const { ui } = useUiPrefs();
  // The same function while the language stays: ThemeProvider builds a new theme whenever it gets a
  // new one, and a new theme restyles every component on the page (a search's redraw cost most of that).
  const theme = useCallback((outer: Theme) => withWorkLocales(outer, ui.language), [ui.language]);
  return (
    <ThemeProvider theme={theme}>
      <LocalizationProvider dateAdapter={AdapterDayjs} adapterLocale={ui.language === 'zh-CN' ? 'zh-cn' : 'en'} dateFormats={ui.language === 'zh-CN' ? ZH_DATE_FORMATS : undefined}>
        <Routes>
          {/* Print layouts stand alone: no app bar, no menu, only the paper. */}
          <Route
            path="/print/*"
            element={
              <Suspense fallback={null}>
                <PrintRoutes />
              </Suspense>
            }
          />
          <Route element={<Shell />}>
            {sectionsFor(role).map((s) => {
              const Page = SECTION_PAGES[s.id];
              if (!Page) return null;
              if (s.path === '/') return <Route key={s.id} index element={<Page />} />;
              return <Route key={s.id} path={s.nested ? `${s.path}/*` : s.path} element={<Page />} />;
            })}
            <Route path="*" element={<Navigate to="/" replace />} />
          </Route>
        </Routes>
      </LocalizationProvider>
    </ThemeProvider>
  );
}
