/**
 * The frame of every print layout: the page's CSS for paper (A4, margins, page numbers), a toolbar
 * that shows on screen only, and the hand-over to whoever prints:
 *
 * - `data-print-ready="1"` on <html> once the data is in and the fonts are loaded (Electron's hidden
 *   window and the tests wait for it; "error" when the data could not be read);
 * - `data-page-template` on <html>: "第 {{page}} / {{pages}} 页" in the reader's language, from which
 *   main/electron/print.ts builds the PDF footer;
 * - `?auto=print`: the page opens the browser's print dialog by itself, once (browser mode; see printOnce);
 * - `?footer=engine`: (announced as `data-print-footer="engine"`, else "page") the PDF engine draws the page numbers (printToPDF / page.pdf with a footer
 *   template), so the page leaves its own (CSS @page margin boxes) out and they are not drawn twice.
 */
import { useEffect, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import PrintIcon from '@mui/icons-material/Print';
import CloseIcon from '@mui/icons-material/Close';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n';
import { PRINT_FONTS, pageCounterContent } from './printCss';

/** Pages of this tab that have opened the print dialog by themselves. */
const printedOnce = new Set<string>();

/**
 * Opens the print dialog by itself, once per opening of the tab. A second window.print() while the
 * first is open is what left a tab "already being printed", so: the effect's re-runs (a title or
 * language change) and a reload do not print again (`auto` leaves the address), and a browser driven
 * by a program (navigator.webdriver: no one there to answer a dialog, which would never close) keeps
 * the page with its 打印 button instead.
 */
function printOnce(): void {
  const key = window.location.hash.replace(/[?&]auto=print/, '');
  if (printedOnce.has(key)) return;
  printedOnce.add(key);
  const url = new URL(window.location.href);
  const [route, query = ''] = url.hash.split('?');
  const params = new URLSearchParams(query);
  params.delete('auto');
  const rest = params.toString();
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${route ?? ''}${rest ? `?${rest}` : ''}`);
  if (navigator.webdriver) return;
  window.setTimeout(() => window.print(), 50);
}

export function PrintFrame({
  title,
  css,
  pageNumbers,
  ready,
  error,
  children,
}: {
  /** The document title while printing (browsers put it in their own header, file names use it). */
  title: string;
  css: string;
  /** Draw "第 x / y 页" at the foot of each page (unless the PDF engine does). */
  pageNumbers: boolean;
  ready: boolean;
  error: unknown;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [sp] = useSearchParams();
  const auto = sp.get('auto');
  const engineFooter = sp.get('footer') === 'engine';
  const template = t('print.pageOf');

  useEffect(() => {
    const html = document.documentElement;
    html.dataset['pageTemplate'] = template;
    return () => {
      delete html.dataset['pageTemplate'];
    };
  }, [template]);

  useEffect(() => {
    const html = document.documentElement;
    if (error) {
      html.dataset['printReady'] = 'error';
      return;
    }
    if (!ready) return;
    const before = document.title;
    document.title = title;
    let cancelled = false;
    void document.fonts.ready.then(() => {
      if (cancelled) return;
      html.dataset['printFooter'] = engineFooter ? 'engine' : 'page';
      html.dataset['printReady'] = '1';
      if (auto === 'print') printOnce();
    });
    return () => {
      cancelled = true;
      document.title = before;
      delete html.dataset['printReady'];
      delete html.dataset['printFooter'];
    };
  }, [ready, error, title, auto, engineFooter]);

  const footerCss = pageNumbers && !engineFooter ? `@page { @bottom-center { content: ${pageCounterContent(template)}; font-family: ${PRINT_FONTS}; font-size: 8pt; color: #333; } }` : '';
  return (
    <Box className="print-root">
      <style>{css + footerCss}</style>
      <Box className="print-toolbar" sx={{ position: 'sticky', top: 0, zIndex: 5, bgcolor: '#fff', borderBottom: 1, borderColor: 'divider', px: 2, py: 1, display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography sx={{ fontWeight: 600, flex: '1 1 240px' }}>{title}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ flex: '2 1 360px' }}>
          {t('print.toolbarHint')}
        </Typography>
        <Button variant="contained" startIcon={<PrintIcon />} onClick={() => window.print()} disabled={!ready}>
          {t('print.print')}
        </Button>
        <Button startIcon={<CloseIcon />} onClick={() => window.close()}>
          {t('print.close')}
        </Button>
      </Box>
      {error ? (
        <Alert severity="error" sx={{ m: 3 }}>
          {errorMessage(error)}
        </Alert>
      ) : null}
      {!ready && !error ? (
        <Box sx={{ p: 4, display: 'flex', gap: 2, alignItems: 'center' }}>
          <CircularProgress size={24} />
          {t('common.loading')}
        </Box>
      ) : null}
      {ready ? children : null}
    </Box>
  );
}
