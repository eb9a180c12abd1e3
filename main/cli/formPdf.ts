/**
 * A statutory form as a PDF from the command line: the very A4 page the app prints. The form's
 * print route (#/print/report-form/<form>/<period>) is rendered by the app's own renderer, served
 * by browser mode's host (main/host/server.ts) in this process on 127.0.0.1 with a port and token
 * of its own, in a headless Chromium-family browser already on the computer (Edge, Chrome,
 * Chromium: main/print/browser.ts) driven through playwright-core. The page is made into a PDF the
 * way Electron's print job makes it (main/print/pdfPage.ts: A4, margins, footer "第 x / y 页").
 *
 * The page reads its data as one user: the one the command unlocked with (--user), else the
 * office's first administrator (a recovery key names nobody). That user's session exists only for
 * this job and is forgotten with it; nothing is written to the database.
 *
 * The file appears only when complete (written under a temporary name, then renamed over `out`);
 * on any failure nothing is left. Loaded only for a .pdf (report.ts imports it lazily; the build
 * makes it a bundle of its own, dist/main/cli-pdf.cjs, so the other commands never load the host,
 * the services behind it or playwright-core). It answers a Result rather than throwing: the error
 * class of its bundle is not the command line's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import type { AppContext } from '../context';
import type { RunningHost } from '../host/server';
import { AppError, type AppErrorShape, type Result } from '../../shared/errors';
import { READERS } from '../../shared/roles';
import { findBrowser, BROWSER_ENV } from '../print/browser';
import { READ_PAGE_STATE, chromiumPdfOptions, waitForPage, type PageState } from '../print/pdfPage';

export interface FormPdfJob {
  app: AppContext;
  form: 'annual' | 'campaign';
  /** The period as the form data spells it (periodText): 2025, chongyang:2025. */
  period: string;
  /** The absolute path of the PDF to write. */
  out: string;
  /** --user of the command, when it unlocked with a password. */
  username?: string | undefined;
  /** --browser of the command. */
  browser?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  /** The built renderer; found beside the build (or the sources' dist/) otherwise. */
  rendererDir?: string;
  /** How long the page may take to show its data. */
  timeoutMs?: number;
}

export interface FormPdfDone {
  out: string;
  bytes: number;
  /** The browser that rendered the page. */
  browser: string;
  /** Whose session the page read its data with. */
  readAs: string;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** dist/renderer beside the bundle (dist/main/cli-pdf.cjs), or the build's from the sources (main/cli/formPdf.ts). */
export function builtRendererDir(): string | null {
  for (const dir of [path.join(HERE, '..', 'renderer'), path.join(HERE, '..', '..', 'dist', 'renderer')]) {
    if (fs.existsSync(path.join(dir, 'index.html'))) return dir;
  }
  return null;
}

interface Reader {
  id: string;
  username: string;
  role: string;
  disabled: number;
  must_change_password: number;
}

/** The account whose session the page reads the form with. */
function readerOf(app: AppContext, username: string | undefined): Reader {
  const rows = app.db.prepare('SELECT id, username, role, disabled, must_change_password FROM users ORDER BY created_at, username').all() as Reader[];
  if (username === undefined) {
    const admin = rows.find((r) => r.role === 'admin' && r.disabled === 0 && r.must_change_password === 0);
    if (!admin) throw new AppError('FORBIDDEN', 'No administrator account can read the form (all disabled or waiting for a new password); unlock with --user NAME --password-file FILE of an account that can.');
    return admin;
  }
  const user = rows.find((r) => r.username.toLowerCase() === username.toLowerCase());
  if (!user) throw new AppError('FORBIDDEN', `There is no account ${username}; use another account or --recovery-key-file.`);
  if (user.disabled === 1) throw new AppError('FORBIDDEN', `The account ${user.username} is disabled; use another account or --recovery-key-file.`);
  if (!(READERS as readonly string[]).includes(user.role)) {
    throw new AppError('FORBIDDEN', `The role ${user.role} of ${user.username} may not read the statistics; use an administrator, staff or viewer account, or --recovery-key-file.`, { role: user.role });
  }
  if (user.must_change_password === 1) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED', `${user.username} must first change the password the administrator gave (log in to the app once); or use --recovery-key-file.`);
  }
  return user;
}

function failure(code: 'PDF_PRINT_FAILED', reason: string, message: string): AppError {
  return new AppError(code, message, { reason });
}

/** Headless, and quiet: no first-run pages, sync, updates or network of the browser's own. */
const BROWSER_ARGS = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-extensions'];

/** Writes the form's PDF to `job.out`; the refusal when it cannot, leaving nothing behind. */
export async function writeFormPdf(job: FormPdfJob): Promise<Result<FormPdfDone>> {
  const tmp = `${job.out}.${process.pid}.tmp`;
  let host: RunningHost | null = null;
  let browser: Browser | null = null;
  let sessionId: string | null = null;
  try {
    const found = findBrowser({ option: job.browser, env: job.env ?? process.env });
    if (!found.ok) {
      throw new AppError(
        'PDF_BROWSER_MISSING',
        found.named
          ? `No browser at ${found.named} (named by ${job.browser ? '--browser' : BROWSER_ENV}). Name Edge's, Chrome's or Chromium's program file, or write .xlsx, or print the form from the app.`
          : `No Edge, Chrome or Chromium found. Install one, or name its program file with --browser or ${BROWSER_ENV}; or write .xlsx, or print the form from the app.`,
        found.named ? { named: found.named } : { searched: found.searched },
      );
    }
    const rendererDir = job.rendererDir ?? builtRendererDir();
    if (!rendererDir || !fs.existsSync(path.join(rendererDir, 'index.html'))) {
      throw failure('PDF_PRINT_FAILED', 'rendererMissing', 'The app\'s pages are not built (dist/renderer); run npm run build first.');
    }
    const reader = readerOf(job.app, job.username);

    const { startHost } = await import('../host/server');
    const { chromium } = await import('playwright-core');
    const now = job.app.clock().getTime();
    const session = job.app.sessions.create(now);
    session.login(reader.id, reader.username, now);
    sessionId = session.id;
    host = await startHost({ app: job.app, port: 0, rendererDir });
    try {
      browser = await chromium.launch({ executablePath: found.file, headless: true, args: BROWSER_ARGS, timeout: 60_000 });
    } catch (err) {
      throw failure('PDF_PRINT_FAILED', 'browserFailed', `The browser ${found.file} did not start (${err instanceof Error ? err.message.split('\n')[0] : String(err)}). Name another with --browser or ${BROWSER_ENV}.`);
    }
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1000, height: 1400 } });
    // The page comes logged in: it finds this job's session where the renderer keeps its own (renderer/api.ts).
    await context.addInitScript((id: string) => {
      if (!sessionStorage.getItem('cadrecare.session')) sessionStorage.setItem('cadrecare.session', id);
    }, session.id);
    const page = await context.newPage();
    const route = `#/print/report-form/${job.form}/${encodeURIComponent(job.period)}?auto=none&footer=engine`;
    await page.goto(`${host.origin}/?token=${host.token}${route}`);
    const state = await waitForPage(() => page.evaluate(READ_PAGE_STATE) as Promise<PageState>, job.timeoutMs ?? 60_000);
    if (state === null) throw failure('PDF_PRINT_FAILED', 'timeout', 'The form\'s page took too long to show its figures; nothing was written. Close other programs and try again.');
    if (state.ready !== '1') throw failure('PDF_PRINT_FAILED', 'pageError', 'The form\'s page could not read its figures; nothing was written.');
    await page.pdf({ path: tmp, ...chromiumPdfOptions(state.template) });
    try {
      fs.renameSync(tmp, job.out);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      // Windows keeps a file that a PDF reader has open from being replaced.
      throw failure('PDF_PRINT_FAILED', 'outLocked', `Cannot replace ${job.out} (${code}): is it open in another program, such as a PDF reader? Close it and try again.`);
    }
    return { ok: true, value: { out: job.out, bytes: fs.statSync(job.out).size, browser: found.file, readAs: reader.username } };
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if (err instanceof AppError) return { ok: false, error: err.toShape() };
    const error: AppErrorShape = { code: 'PDF_PRINT_FAILED', message: `Making the PDF failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}. Nothing was written.`, details: { reason: 'failed' } };
    return { ok: false, error };
  } finally {
    await browser?.close().catch(() => undefined);
    await host?.close().catch(() => undefined);
    if (sessionId !== null) job.app.sessions.forget(sessionId);
  }
}
