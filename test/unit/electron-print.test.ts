// The pure parts of main/electron/print.ts (the real 'electron' module is never loaded): which
// window.open URLs are print requests, what the hidden window loads, the PDF footer built from the
// page's own page-number wording, margins, file names, and waiting for the page.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { IPC_CALL } from '../../shared/bridge';
import { makeApp } from '../helpers/app';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const electron = vi.hoisted(() => ({ handlers: new Map<string, Handler>() }));

vi.mock('electron', () => ({
  app: {},
  BrowserWindow: class {},
  dialog: {},
  ipcMain: {
    handle: (channel: string, handler: Handler) => electron.handlers.set(channel, handler),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
}));

const { footerTemplate, marginsInInches, parsePrintRequest, pdfFileName, printJobUrl, usesEngineFooter, waitForPage, PDF_MARGINS_MM } = await import('../../main/electron/print');

const { registerIpc } = await import('../../main/electron/ipc');

const APP_URL = pathToFileURL(path.resolve('/opt/CadreCare/dist/renderer/index.html')).href;

describe('print requests', () => {
  it('reads the kind, the list number and print or PDF from a print route of the app page', () => {
    expect(parsePrintRequest(`${APP_URL}#/print/visit-list/2026-11-0007?auto=print`, APP_URL)).toEqual({ kind: 'visit-list', listNo: '2026-11-0007', mode: 'print' });
    expect(parsePrintRequest(`${APP_URL}#/print/service-cards/2026-12-0001?auto=pdf`, APP_URL)).toEqual({ kind: 'service-cards', listNo: '2026-12-0001', mode: 'pdf' });
    // No mode: the print dialog.
    expect(parsePrintRequest(`${APP_URL}#/print/visit-list/2026-11-0007`, APP_URL)?.mode).toBe('print');
    // The key card is one page of this office, not a list.
    expect(parsePrintRequest(`${APP_URL}#/print/key-card?auto=print`, APP_URL)).toEqual({ kind: 'key-card', listNo: '', mode: 'print' });
    expect(printJobUrl(APP_URL, { kind: 'key-card', listNo: '', mode: 'pdf' })).toBe(`${APP_URL}#/print/key-card?auto=none`);
    expect(parsePrintRequest(`${APP_URL}#/print/key-card/../../etc`, APP_URL)).toBeNull();
  });

  it('prints the statistics: a list behind a number, a form (as counted or handed in), a work summary; only checked parts reach the job', () => {
    const drill = parsePrintRequest(`${APP_URL}#/print/report-drill?key=visits.campaign.chongyang&measure=notVisited&period=2025&by=grid&value=0190f0aa-1111-7222-8333-944455556666&auto=pdf`, APP_URL);
    expect(drill).toMatchObject({ kind: 'report-drill', mode: 'pdf' });
    expect(printJobUrl(APP_URL, drill as NonNullable<typeof drill>)).toBe(
      `${APP_URL}#/print/report-drill?key=visits.campaign.chongyang&measure=notVisited&period=2025&by=grid&value=0190f0aa-1111-7222-8333-944455556666&auto=none&footer=engine`,
    );
    const form = parsePrintRequest(`${APP_URL}#/print/report-form/campaign/${encodeURIComponent('chongyang:2025')}?auto=print`, APP_URL);
    expect(form).toMatchObject({ kind: 'report-form', mode: 'print' });
    expect(printJobUrl(APP_URL, form as NonNullable<typeof form>)).toBe(`${APP_URL}#/print/report-form/campaign/chongyang:2025?auto=none`);
    expect(pdfFileName(form as NonNullable<typeof form>)).toBe('走访慰问情况汇总表-chongyang-2025.pdf');
    const work = parsePrintRequest(`${APP_URL}#/print/work-summary/2026-11?user=0190f0aa-1111-7222-8333-944455556666&auto=print`, APP_URL);
    expect(printJobUrl(APP_URL, work as NonNullable<typeof work>)).toBe(`${APP_URL}#/print/work-summary/2026-11?user=0190f0aa-1111-7222-8333-944455556666&auto=none`);
    for (const bad of [
      '#/print/report-drill?key=persons.nothing&measure=total&period=2025',
      '#/print/report-drill?key=persons.headcount&measure=total&period=2025-13',
      '#/print/report-drill?key=persons.headcount&measure=sumAge&period=2025',
      '#/print/report-drill?key=persons.headcount&measure=total&period=2025&by=planet&value=x',
      '#/print/report-drill?key=persons.headcount&measure=total&period=2025&by=grid&value=<script>',
      '#/print/report-form/monthly/2025',
      '#/print/report-form/annual/2025?submission=../../x',
      '#/print/work-summary/2026-13',
    ]) {
      expect(parsePrintRequest(`${APP_URL}${bad}`, APP_URL), bad).toBeNull();
    }
  });

  it('prints the county bureau’s roll-up, 催报 list and scorecard, and one office’s list; only checked parts reach the job', () => {
    const rollup = parsePrintRequest(`${APP_URL}#/print/county-rollup/2026?auto=print`, APP_URL);
    expect(rollup).toMatchObject({ kind: 'county', mode: 'print' });
    expect(printJobUrl(APP_URL, rollup as NonNullable<typeof rollup>)).toBe(`${APP_URL}#/print/county-rollup/2026?auto=none`);
    // Without the campaigns' columns: the flag goes along, nothing else does.
    const narrow = parsePrintRequest(`${APP_URL}#/print/county-rollup/2026?campaigns=0&auto=print&x=<b>`, APP_URL);
    expect(printJobUrl(APP_URL, narrow as NonNullable<typeof narrow>)).toBe(`${APP_URL}#/print/county-rollup/2026?campaigns=0&auto=none`);
    const remind = parsePrintRequest(`${APP_URL}#/print/county-remind?auto=pdf`, APP_URL);
    expect(printJobUrl(APP_URL, remind as NonNullable<typeof remind>)).toBe(`${APP_URL}#/print/county-remind?auto=none&footer=engine`);
    expect(pdfFileName(remind as NonNullable<typeof remind>)).toBe('催报名单.pdf');
    const card = parsePrintRequest(`${APP_URL}#/print/county-scorecard/2026?auto=print`, APP_URL);
    expect(printJobUrl(APP_URL, card as NonNullable<typeof card>)).toBe(`${APP_URL}#/print/county-scorecard/2026?auto=none`);
    const drill = parsePrintRequest(`${APP_URL}#/print/report-drill?key=persons.headcount&measure=total&period=2026&office=0190f0aa-1111-7222-8333-944455556666&auto=print`, APP_URL);
    expect(printJobUrl(APP_URL, drill as NonNullable<typeof drill>)).toBe(`${APP_URL}#/print/report-drill?key=persons.headcount&measure=total&period=2026&office=0190f0aa-1111-7222-8333-944455556666&auto=none`);
    for (const bad of ['#/print/county-rollup/2026-13', '#/print/county-scorecard/2026-Q1', '#/print/county-remind/2026', '#/print/county-other/2026', '#/print/report-drill?key=persons.headcount&measure=total&period=2026&office=../x']) {
      expect(parsePrintRequest(`${APP_URL}${bad}`, APP_URL), bad).toBeNull();
    }
  });

  it('prints an indicator’s 分项 by a breakdown the catalogue gives it; only checked parts reach the job', () => {
    const req = parsePrintRequest(`${APP_URL}#/print/report-breakdown?key=persons.headcount&period=2025&by=sex&office=0190f0aa-1111-7222-8333-944455556666&auto=pdf`, APP_URL);
    expect(req).toMatchObject({ kind: 'report-breakdown', mode: 'pdf' });
    expect(printJobUrl(APP_URL, req as NonNullable<typeof req>)).toBe(`${APP_URL}#/print/report-breakdown?key=persons.headcount&period=2025&by=sex&office=0190f0aa-1111-7222-8333-944455556666&auto=none&footer=engine`);
    expect(pdfFileName(req as NonNullable<typeof req>)).toBe('统计分项-persons.headcount-sex-2025.pdf');
    for (const bad of [
      '#/print/report-breakdown?key=persons.nothing&period=2025&by=sex',
      '#/print/report-breakdown?key=persons.headcount&period=2025-13&by=sex',
      '#/print/report-breakdown?key=persons.headcount&period=2025',
      '#/print/report-breakdown?key=requests.summary&period=2025&by=sex',
      '#/print/report-breakdown?key=persons.headcount&period=2025&by=sex&office=../x',
    ]) {
      expect(parsePrintRequest(`${APP_URL}${bad}`, APP_URL), bad).toBeNull();
    }
  });

  it('prints a filled capability assessment form by its id alone', () => {
    const id = '0193f2a4-7c1d-7a00-8b00-0123456789ab';
    const req = parsePrintRequest(`${APP_URL}#/print/capability/${id}?auto=pdf`, APP_URL);
    expect(req).toEqual({ kind: 'capability', listNo: '', mode: 'pdf', report: { route: `capability/${id}?`, name: '老年人能力评估表' } });
    expect(printJobUrl(APP_URL, req!)).toBe(`${APP_URL}#/print/capability/${id}?auto=none&footer=engine`);
    expect(parsePrintRequest(`${APP_URL}#/print/capability/../../etc`, APP_URL)).toBeNull();
    expect(parsePrintRequest(`${APP_URL}#/print/capability/not-an-id`, APP_URL)).toBeNull();
  });

  it('refuses other pages, other routes and malformed list numbers', () => {
    for (const url of [
      'https://example.com/#/print/visit-list/2026-11-0007',
      pathToFileURL('/tmp/evil.html').href + '#/print/visit-list/2026-11-0007',
      `${APP_URL}#/persons`,
      `${APP_URL}#/print/visit-list/2026-11-7`,
      `${APP_URL}#/print/other/2026-11-0007`,
      `${APP_URL}#/print/visit-list/2026-11-0007/../../x`,
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(parsePrintRequest(url, APP_URL), url).toBeNull();
    }
  });

  it('loads the same page in the hidden window, printing nothing by itself; PDFs of visit lists leave the page numbers to the engine', () => {
    expect(printJobUrl(`${APP_URL}#/visits`, { kind: 'visit-list', listNo: '2026-11-0007', mode: 'print' })).toBe(`${APP_URL}#/print/visit-list/2026-11-0007?auto=none`);
    expect(printJobUrl(APP_URL, { kind: 'visit-list', listNo: '2026-11-0007', mode: 'pdf' })).toBe(`${APP_URL}#/print/visit-list/2026-11-0007?auto=none&footer=engine`);
    // Service cards number their sheets themselves.
    expect(usesEngineFooter({ kind: 'service-cards', listNo: '2026-11-0008', mode: 'pdf' })).toBe(false);
    expect(printJobUrl(APP_URL, { kind: 'service-cards', listNo: '2026-11-0008', mode: 'pdf' })).toBe(`${APP_URL}#/print/service-cards/2026-11-0008?auto=none`);
  });
});

describe('unit feedback print requests', () => {
  const UNIT = '0193a1b2-c3d4-7e5f-8a6b-1c2d3e4f5a6b';
  it('reads the unit and a well-formed period, and loads them in the hidden window', () => {
    const req = parsePrintRequest(`${APP_URL}#/print/unit-feedback/${UNIT}?from=2026-07-01&to=2026-09-30&auto=pdf`, APP_URL);
    expect(req).toEqual({ kind: 'unit-feedback', listNo: '', mode: 'pdf', feedback: { unitId: UNIT, from: '2026-07-01', to: '2026-09-30' } });
    if (!req) throw new Error('no request');
    expect(usesEngineFooter(req)).toBe(true);
    expect(printJobUrl(APP_URL, req)).toBe(`${APP_URL}#/print/unit-feedback/${UNIT}?from=2026-07-01&to=2026-09-30&auto=none&footer=engine`);
    expect(printJobUrl(APP_URL, { ...req, mode: 'print' })).toBe(`${APP_URL}#/print/unit-feedback/${UNIT}?from=2026-07-01&to=2026-09-30&auto=none`);
    expect(pdfFileName(req)).toBe('情况反馈-2026-07-01至2026-09-30.pdf');
    expect(parsePrintRequest(`${APP_URL}#/print/unit-feedback/${UNIT}?to=2026-09-30&from=2026-07-01`, APP_URL)?.mode).toBe('print');
    // A leap day is a day of the calendar.
    expect(parsePrintRequest(`${APP_URL}#/print/unit-feedback/${UNIT}?from=2028-02-29&to=2028-03-31`, APP_URL)?.feedback).toEqual({ unitId: UNIT, from: '2028-02-29', to: '2028-03-31' });
  });

  it('refuses a malformed unit id, a missing, malformed or reversed period, and anything added', () => {
    for (const hash of [
      `#/print/unit-feedback/${UNIT}`,
      `#/print/unit-feedback/${UNIT}?from=2026-07-01`,
      `#/print/unit-feedback/${UNIT}?from=2026-7-1&to=2026-09-30`,
      `#/print/unit-feedback/${UNIT}?from=2026-07-01&to=2026-13-45`,
      `#/print/unit-feedback/${UNIT}?from=2026-02-30&to=2026-03-31`,
      `#/print/unit-feedback/${UNIT}?from=2026-00-10&to=2026-03-31`,
      `#/print/unit-feedback/${UNIT}?from=2026-09-30&to=2026-07-01`,
      `#/print/unit-feedback/${UNIT}?from=2026-07-01&to=2026-09-30')</script>`,
      `#/print/unit-feedback/not-a-unit?from=2026-07-01&to=2026-09-30`,
      `#/print/unit-feedback/${UNIT}/../../x?from=2026-07-01&to=2026-09-30`,
    ]) {
      expect(parsePrintRequest(`${APP_URL}${hash}`, APP_URL), hash).toBeNull();
    }
  });
});

describe('the PDF footer', () => {
  it('turns the page\'s wording into Chromium\'s page-number spans, with the list number', () => {
    const html = footerTemplate('第 {{page}} / {{pages}} 页', '2026-11-0007');
    expect(html).toContain('第 <span class="pageNumber"></span> / <span class="totalPages"></span> 页');
    expect(html).toContain('2026-11-0007');
    expect(html).toMatch(/font-size:\s*8pt/);
    expect(html).toContain('Noto Sans CJK SC');
    expect(footerTemplate('Page {{page}} of {{pages}}')).toContain('Page <span class="pageNumber"></span> of <span class="totalPages"></span>');
  });

  it('escapes what it is given and has a wording when the page gave none', () => {
    expect(footerTemplate('<b>{{page}}</b>', '<x>')).not.toMatch(/<b>|<x>/);
    expect(footerTemplate('')).toContain('<span class="pageNumber"></span> / <span class="totalPages"></span>');
  });

  it('uses the layouts\' margins, in inches for Electron', () => {
    expect(marginsInInches(PDF_MARGINS_MM)).toEqual({ top: 0.472, right: 0.394, bottom: 0.551, left: 0.394 });
  });

  it('names the files in Chinese with the list number', () => {
    expect(pdfFileName({ kind: 'visit-list', listNo: '2026-11-0007' })).toBe('走访清单-2026-11-0007.pdf');
    expect(pdfFileName({ kind: 'service-cards', listNo: '2026-11-0008' })).toBe('爱心服务卡-2026-11-0008.pdf');
    expect(pdfFileName({ kind: 'key-card', listNo: '' })).toBe('密钥卡.pdf');
  });
});

describe('waiting for the page', () => {
  it('answers once the page is ready or failed, and null after the timeout', async () => {
    const states = [{ ready: '', template: '' }, { ready: '', template: '' }, { ready: '1', template: '第 {{page}} / {{pages}} 页' }];
    let i = 0;
    await expect(waitForPage(async () => states[Math.min(i++, 2)] as { ready: string; template: string }, 1000, 1)).resolves.toEqual(states[2]);
    await expect(waitForPage(async () => ({ ready: 'error', template: '' }), 1000, 1)).resolves.toEqual({ ready: 'error', template: '' });
    let t = 0;
    await expect(waitForPage(async () => ({ ready: '', template: '' }), 10, 1, () => (t += 5))).resolves.toBeNull();
  });
});

describe('the print window\'s login', () => {
  function contents(id: number) {
    const mainFrame = { url: APP_URL, parent: null, isDestroyed: () => false };
    const destroyed: (() => void)[] = [];
    return {
      id,
      mainFrame,
      isDestroyed: () => false,
      send: () => undefined,
      once: (name: string, listener: () => void) => {
        if (name === 'destroyed') destroyed.push(listener);
      },
      destroy: () => destroyed.forEach((l) => l()),
    };
  }

  it('is the login of the window that asked, only while that one is logged in and unlocked, and ends with the print window', async () => {
    const t = makeApp();
    const ipc = registerIpc(t.app, APP_URL);
    try {
      const invoke = (wc: ReturnType<typeof contents>, channel: string, input: unknown) =>
        (electron.handlers.get(IPC_CALL) as Handler)({ sender: wc, senderFrame: wc.mainFrame }, channel, input) as Promise<{ ok: boolean; value?: { user: { username: string } | null } }>;
      const main = contents(1);
      const printer = contents(2);
      type Shared = Parameters<typeof ipc.shareSession>[0];
      // Nobody logged in: nothing to share.
      expect(ipc.shareSession(printer as unknown as Shared, main as unknown as Shared)).toBe(false);
      await invoke(main, 'setup.create', {
        officeName: '幸福里社区',
        areaCode: '140702001001',
        mode: 'community',
        adminUsername: 'admin',
        adminDisplayName: '王主任',
        adminPassword: 'Admin2026pass',
      });
      expect(ipc.shareSession(printer as unknown as Shared, main as unknown as Shared)).toBe(true);
      expect((await invoke(printer, 'auth.session', {})).value?.user?.username).toBe('admin');
      // The print window goes away: its login ends with it, the main window's stays.
      printer.destroy();
      expect((await invoke(main, 'auth.session', {})).value?.user?.username).toBe('admin');
      const next = contents(3);
      expect((await invoke(next, 'auth.session', {})).value?.user).toBeNull();
    } finally {
      ipc();
      t.close();
    }
  });
});
