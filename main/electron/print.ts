/**
 * Printing in Electron (ARCHITECTURE.md "Printing"). The print layouts are renderer routes
 * (#/print/visit-list/2026-11-0007, #/print/service-cards/…) that take their data through the
 * contract. The renderer asks for one the way a browser tab does, with window.open(route?auto=print
 * or ?auto=pdf); the main window refuses every new window, and this module turns a request for a
 * print route into a print job instead:
 *
 *   1. a hidden BrowserWindow (same hardened preferences and preload) loads the same route with
 *      `auto=none` (and `footer=engine` for a PDF of a visit list), logged in as the user of the
 *      window that asked (the session is shared for the job, and forgotten with the window);
 *   2. once the page says `data-print-ready="1"` (data in, fonts loaded) it is printed:
 *      - `print`: webContents.print → the system print dialog; page numbers come from the page's CSS
 *        @page margin boxes (Chromium ≥ 131, Electron ≥ 34);
 *      - `pdf`: webContents.printToPDF with displayHeaderFooter and a footer template built from the
 *        page's own "第 {{page}} / {{pages}} 页" → a save dialog → the file.
 *
 * Nothing new crosses the contract or the preload: the request is window.open, which Electron hands
 * to main by itself. The pure parts (which URLs are print requests, the job URL, file names) are
 * exported for the unit tests; the footer, margins and the wait for the page are main/print/pdfPage.ts,
 * shared with the command line's PDF (main/cli/formPdf.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, type WebContents } from 'electron';
import { buildWebPreferences, isAllowedNavigation } from './hardening';
import type { AppLog } from '../log';
import { parseDateText } from '../../shared/dates';
import { DIMS, indicator } from '../../shared/reports/catalogue';
import { parsePeriod, periodText } from '../../shared/reports/period';
import { EMPTY_HEADER, PDF_MARGINS_MM, READ_PAGE_STATE, footerTemplate, marginsInInches, waitForPage, type PageState } from '../print/pdfPage';

export { EMPTY_HEADER, PDF_MARGINS_MM, footerTemplate, marginsInInches, waitForPage, type PageState };

export type PrintKind = 'visit-list' | 'service-cards' | 'key-card' | 'unit-feedback' | 'report-drill' | 'report-breakdown' | 'report-form' | 'work-summary' | 'county' | 'capability' | 'calls-day';
export type PrintMode = 'print' | 'pdf';

export interface PrintRequest {
  kind: PrintKind;
  /** The list number; empty for the key card, which is not a list. */
  listNo: string;
  mode: PrintMode;
  /** The unit and the period of a unit's situation feedback (原工作单位情况反馈). */
  feedback?: { unitId: string; from: string; to: string };
  /** A statistics layout: its route below #/print/, rebuilt from checked parts only (no auto). */
  report?: { route: string; name: string };
}

const ROUTE = /^#\/print\/(visit-list|service-cards)\/(\d{4}-\d{2}-\d{4})(?:\?(.*))?$/;
const KEY_CARD_ROUTE = /^#\/print\/key-card(?:\?(.*))?$/;
const UNIT_FEEDBACK_ROUTE = /^#\/print\/unit-feedback\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\?(.*)$/;
const REPORT_DRILL_ROUTE = /^#\/print\/report-drill\?(.*)$/;
const REPORT_BREAKDOWN_ROUTE = /^#\/print\/report-breakdown\?(.*)$/;
const REPORT_FORM_ROUTE = /^#\/print\/report-form\/(annual|campaign)\/([0-9a-zA-Z_:.Q-]{4,40})(?:\?(.*))?$/;
/** 值班记录: one day's calls and walk-ins. */
const CALLS_DAY_ROUTE = /^#\/print\/calls-day\/(\d{4}-\d{2}-\d{2})(?:\?(.*))?$/;
const WORK_SUMMARY_ROUTE = /^#\/print\/work-summary\/([0-9a-zA-Z_:.Q-]{4,40})(?:\?(.*))?$/;
const COUNTY_ROUTE = /^#\/print\/county-(rollup|remind|scorecard)(?:\/([0-9a-zA-Z_:.Q-]{4,40}))?(?:\?(.*))?$/;
const CAPABILITY_ROUTE = /^#\/print\/capability\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\?(.*))?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A day of the calendar written YYYY-MM-DD (2026-13-45 has the shape but is no day): the check dateSchema makes. */
const isDay = (text: string): boolean => DAY.test(text) && parseDateText(text) === text;

/** The canonical text of a period, or null when the text spells none. */
function period(text: string | null): string | null {
  const p = text === null ? null : parsePeriod(text);
  return p ? periodText(p) : null;
}

/**
 * The statistics' print routes, checked part by part: an indicator of the catalogue, a measure and
 * a breakdown value of plain characters, a real period, a uuid. Only the checked parts go into the
 * job's URL.
 */
function reportRequest(hash: string, modeOf: (query: string | undefined) => PrintMode): PrintRequest | null {
  const drill = REPORT_DRILL_ROUTE.exec(hash);
  if (drill) {
    const q = new URLSearchParams(drill[1]);
    const key = q.get('key') ?? '';
    const measure = q.get('measure') ?? '';
    const when = period(q.get('period'));
    const def = indicator(key);
    if (!def || !when || !def.measures.some((m) => m.key === measure && m.drill)) return null;
    const out = new URLSearchParams({ key, measure, period: when });
    const by = q.get('by');
    const value = q.get('value');
    if (by !== null || value !== null) {
      if (by === null || value === null || !(DIMS as readonly string[]).includes(by) || !/^[0-9A-Za-z_~-]{1,100}$/.test(value)) return null;
      out.set('by', by);
      out.set('value', value);
    }
    const office = q.get('office');
    if (office !== null) {
      if (!/^[0-9A-Za-z_-]{1,64}$/.test(office)) return null;
      out.set('office', office);
    }
    return { kind: 'report-drill', listNo: '', mode: modeOf(drill[1]), report: { route: `report-drill?${out.toString()}&`, name: `统计名单-${key}-${when}` } };
  }
  const breakdown = REPORT_BREAKDOWN_ROUTE.exec(hash);
  if (breakdown) {
    const q = new URLSearchParams(breakdown[1]);
    const key = q.get('key') ?? '';
    const by = q.get('by') ?? '';
    const when = period(q.get('period'));
    const def = indicator(key);
    if (!def || !when || !(def.breakdowns as readonly string[]).includes(by)) return null;
    const out = new URLSearchParams({ key, period: when, by });
    const office = q.get('office');
    if (office !== null) {
      if (!/^[0-9A-Za-z_-]{1,64}$/.test(office)) return null;
      out.set('office', office);
    }
    return { kind: 'report-breakdown', listNo: '', mode: modeOf(breakdown[1]), report: { route: `report-breakdown?${out.toString()}&`, name: `统计分项-${key}-${by}-${when}` } };
  }
  const form = REPORT_FORM_ROUTE.exec(hash);
  if (form) {
    const when = period(form[2] ?? null);
    const q = new URLSearchParams(form[3] ?? '');
    const submission = q.get('submission');
    if (!when || (submission !== null && !UUID.test(submission))) return null;
    const name = `${form[1] === 'annual' ? '离退休干部基本情况统计表' : '走访慰问情况汇总表'}-${when.replace(':', '-')}`;
    return { kind: 'report-form', listNo: '', mode: modeOf(form[3]), report: { route: `report-form/${form[1]}/${when}?${submission ? `submission=${submission}&` : ''}`, name } };
  }
  const work = WORK_SUMMARY_ROUTE.exec(hash);
  if (work) {
    const when = period(work[1] ?? null);
    const q = new URLSearchParams(work[2] ?? '');
    const user = q.get('user');
    if (!when || (user !== null && !UUID.test(user))) return null;
    return { kind: 'work-summary', listNo: '', mode: modeOf(work[2]), report: { route: `work-summary/${when}?${user ? `user=${user}&` : ''}`, name: `月度工作小结-${when}` } };
  }
  const calls = CALLS_DAY_ROUTE.exec(hash);
  if (calls) return { kind: 'calls-day', listNo: '', mode: modeOf(calls[2]), report: { route: `calls-day/${calls[1] as string}?`, name: `值班记录-${calls[1] as string}` } };
  const county = COUNTY_ROUTE.exec(hash);
  if (county) {
    const what = county[1] as 'rollup' | 'remind' | 'scorecard';
    if (what === 'remind') return county[2] === undefined ? { kind: 'county', listNo: '', mode: modeOf(county[3]), report: { route: 'county-remind?', name: '催报名单' } } : null;
    const when = what === 'scorecard' ? (/^\d{4}$/.test(county[2] ?? '') ? (county[2] as string) : null) : period(county[2] ?? null);
    if (!when) return null;
    // The roll-up without the campaigns' columns (campaigns=0), as the page showed it.
    const hidden = what === 'rollup' && new URLSearchParams(county[3] ?? '').get('campaigns') === '0';
    return { kind: 'county', listNo: '', mode: modeOf(county[3]), report: { route: `county-${what}/${when}?${hidden ? 'campaigns=0&' : ''}`, name: `${what === 'rollup' ? '县级汇总' : '年度考核'}-${when}` } };
  }
  return null;
}

/**
 * A window.open URL that asks for a print layout of the app's own page → the print request; anything
 * else (another page, another route, a malformed list number) → null.
 */
export function parsePrintRequest(url: string, appUrl: string): PrintRequest | null {
  if (!isAllowedNavigation(url, appUrl)) return null;
  let hash: string;
  try {
    hash = decodeURIComponent(new URL(url).hash);
  } catch {
    return null;
  }
  const modeOf = (query: string | undefined): PrintMode => (new URLSearchParams(query ?? '').get('auto') === 'pdf' ? 'pdf' : 'print');
  const report = reportRequest(hash, modeOf);
  if (report) return report;
  // A filled capability assessment form: its id is all the route carries.
  const capability = CAPABILITY_ROUTE.exec(hash);
  if (capability) return { kind: 'capability', listNo: '', mode: modeOf(capability[2]), report: { route: `capability/${capability[1] as string}?`, name: '老年人能力评估表' } };
  const card = KEY_CARD_ROUTE.exec(hash);
  if (card) return { kind: 'key-card', listNo: '', mode: modeOf(card[1]) };
  const unit = UNIT_FEEDBACK_ROUTE.exec(hash);
  if (unit) {
    // The period goes into the job's URL, so only two well-formed days in order pass.
    const query = new URLSearchParams(unit[2]);
    const from = query.get('from') ?? '';
    const to = query.get('to') ?? '';
    if (!isDay(from) || !isDay(to) || to < from) return null;
    return { kind: 'unit-feedback', listNo: '', mode: modeOf(unit[2]), feedback: { unitId: unit[1] as string, from, to } };
  }
  const m = ROUTE.exec(hash);
  if (!m) return null;
  return { kind: m[1] as PrintKind, listNo: m[2] as string, mode: modeOf(m[3]) };
}

/** The page's own drawing of page numbers is left out when the PDF engine draws them (visit lists and unit feedback as PDF). */
export function usesEngineFooter(req: PrintRequest): boolean {
  return req.mode === 'pdf' && (req.kind === 'visit-list' || req.kind === 'unit-feedback' || req.report !== undefined);
}

/** What the hidden window loads: the app's page at the print route, printing nothing by itself. */
export function printJobUrl(appUrl: string, req: PrintRequest): string {
  const base = appUrl.split('#')[0] as string;
  const route = req.report
    ? req.report.route
    : req.kind === 'key-card'
      ? 'key-card?'
      : req.kind === 'unit-feedback' && req.feedback
        ? `unit-feedback/${req.feedback.unitId}?from=${req.feedback.from}&to=${req.feedback.to}&`
        : `${req.kind}/${req.listNo}?`;
  return `${base}#/print/${route}auto=none${usesEngineFooter(req) ? '&footer=engine' : ''}`;
}

/** '走访清单-2026-11-0007.pdf', '爱心服务卡-2026-11-0008.pdf'. */
export function pdfFileName(req: Pick<PrintRequest, 'kind' | 'listNo' | 'feedback' | 'report'>): string {
  if (req.report) return `${req.report.name}.pdf`;
  if (req.kind === 'key-card') return '密钥卡.pdf';
  if (req.kind === 'unit-feedback') return `情况反馈-${req.feedback?.from ?? ''}至${req.feedback?.to ?? ''}.pdf`;
  return `${req.kind === 'visit-list' ? '走访清单' : '爱心服务卡'}-${req.listNo}.pdf`;
}

export interface PrintingOptions {
  window: BrowserWindow;
  appUrl: string;
  preloadPath: string;
  /** Logs the print window in as the user of the window that asked; false when that one is not logged in or locked. */
  shareSession: (child: WebContents, parent: WebContents) => boolean;
  /** Where a failed print is reported (the app's log). */
  log: AppLog;
}

const TITLE = '打印';

function fail(owner: BrowserWindow, message: string): void {
  if (owner.isDestroyed()) return;
  void dialog.showMessageBox(owner, { type: 'error', title: TITLE, message, buttons: ['确定'] });
}

let running = false;

async function runJob(options: PrintingOptions, req: PrintRequest): Promise<void> {
  const owner = options.window;
  if (running) {
    fail(owner, '上一份清单还在打印，请稍候再试。');
    return;
  }
  running = true;
  const win = new BrowserWindow({ show: false, width: 1000, height: 1400, webPreferences: buildWebPreferences(options.preloadPath) });
  try {
    if (!options.shareSession(win.webContents, owner.webContents)) {
      fail(owner, '没有登录或屏幕已锁定，不能打印。请登录（或解锁）后再试。');
      return;
    }
    await win.loadURL(printJobUrl(options.appUrl, req));
    const contents = win.webContents;
    const state = await waitForPage(async () =>
      contents.isDestroyed()
        ? { ready: 'error', template: '' }
        : ((await contents.executeJavaScript(READ_PAGE_STATE, true)) as PageState),
    );
    if (state === null) {
      fail(owner, '打印页打开太慢，没有打印。请关闭其他程序后再试。');
      return;
    }
    if (state.ready !== '1') {
      fail(
        owner,
        req.kind === 'key-card'
          ? '读不到本单位的密钥卡，所以没有打印。'
          : req.kind === 'unit-feedback'
            ? '找不到这个单位的情况反馈，或者没有查看它的权限，所以没有打印。'
            : req.report
              ? '这份统计名单或报表读不出来（期间不对，或者没有查看的权限），所以没有打印。'
            : `找不到清单 ${req.listNo}，或者没有查看它的权限，所以没有打印。`,
      );
      return;
    }
    if (req.mode === 'print') {
      await new Promise<void>((resolve) => {
        contents.print({ silent: false, printBackground: true, pageSize: 'A4' }, (success, reason) => {
          if (!success && reason && !/cancel/i.test(reason)) fail(owner, `没有打印成功（${reason}）。请检查打印机是否连接好、有没有纸，然后再试。`);
          resolve();
        });
      });
      return;
    }
    const pdf = await contents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: usesEngineFooter(req),
      headerTemplate: EMPTY_HEADER,
      footerTemplate: footerTemplate(state.template, req.listNo),
      margins: marginsInInches(PDF_MARGINS_MM),
    });
    const chosen = await dialog.showSaveDialog(owner, {
      title: '保存为 PDF',
      defaultPath: path.join(app.getPath('documents'), pdfFileName(req)),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (chosen.canceled || !chosen.filePath) return;
    await fs.writeFile(chosen.filePath, pdf);
    await dialog.showMessageBox(owner, { type: 'info', title: TITLE, message: `已保存为 PDF：\n${chosen.filePath}`, buttons: ['确定'] });
  } catch (err) {
    options.log.error('Printing failed', err);
    fail(owner, '打印时出现错误，没有完成。请重试；如果仍然出现，请联系技术支持。');
  } finally {
    running = false;
    if (!win.isDestroyed()) win.destroy();
  }
}

/**
 * Takes the main window's requests for print routes (window.open) and prints them from a hidden
 * window. Every other new window stays refused, as window.ts does for all windows.
 */
export function installPrinting(options: PrintingOptions): void {
  options.window.webContents.setWindowOpenHandler((details) => {
    const req = parsePrintRequest(details.url, options.appUrl);
    if (req) void runJob(options, req);
    return { action: 'deny' };
  });
}
