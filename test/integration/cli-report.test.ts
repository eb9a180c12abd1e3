/**
 * `cadrecare report`: list, show (text and --json, with a breakdown), export of a form to .xlsx, and
 * the refusals with their codes and exit codes (an unknown indicator, a period not begun, a PDF with
 * no browser to make it). The PDF itself is made in test/e2e/cli-pdf.e2e.test.ts (it needs the built
 * renderer and Chromium).
 */
import { cliDbKey, withUnlock } from '../helpers/cli';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/program';
import { closeApp, openApp } from '../../main/context';
import { createPerson } from '../../main/services/persons/persons';
import { personFieldsSchema } from '../../shared/schemas/persons';
import { SYSTEM_ACTOR } from '../../main/db/audit';
import { personInput } from '../helpers/persons';
import { writeFormPdf } from '../../main/cli/formPdf';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(withUnlock(argv), { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err, json: () => JSON.parse(out.trim()) as { ok: boolean; value?: unknown; error?: { code: string } } };
}

let tmp: string;
let dataDir: string;
const year = String(new Date().getFullYear());

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cadrecare-report-cli-'));
  dataDir = path.join(tmp, 'data');
  const pw = path.join(tmp, 'pw');
  fs.writeFileSync(pw, 'Admin2026pass\n');
  expect((await cli('init', '--data-dir', dataDir, '--office-name', '幸福里社区', '--area-code', '140702001001', '--mode', 'community', '--admin', 'admin', '--password-file', pw)).code).toBe(0);
  const app = openApp({ dataDir, key: cliDbKey(dataDir) });
  try {
    const officeId = (app.db.prepare('SELECT id FROM office').get() as { id: string }).id;
    const ctx = { actor: SYSTEM_ACTOR, officeId, at: new Date().toISOString() };
    app.db.transaction(() => {
      createPerson(app.db, ctx, personFieldsSchema.parse(personInput({ seq: 1, name: '王建国', retirementType: 'lixiu' })));
      createPerson(app.db, ctx, personFieldsSchema.parse(personInput({ seq: 2, name: '李秀英', gender: 'female', birthDate: '1948-02-29', retirementType: 'tuixiu' })));
    })();
  } finally {
    closeApp(app);
  }
}, 60_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('cadrecare report', () => {
  it('lists the catalogue', async () => {
    const text = await cli('report', 'list');
    expect(text.code).toBe(0);
    expect(text.out).toContain('persons.headcount');
    expect(text.out).toContain('在册人数');
    const json = await cli('--json', 'report', 'list');
    expect((json.json().value as { key: string }[]).map((i) => i.key)).toContain('visits.campaign.chongyang');
  });

  it('shows an indicator for this year, by a breakdown, as text and JSON', async () => {
    const text = await cli('report', 'show', 'persons.headcount', '--data-dir', dataDir, '--by', 'rtype');
    expect(text.code).toBe(0);
    expect(text.out).toContain('在册人数');
    expect(text.out).toMatch(/离休\s+1\s+1\s+0/);
    expect(text.out).toMatch(/合计\s+2\s+1\s+1/);
    const json = await cli('--json', 'report', 'show', 'persons.headcount', '--data-dir', dataDir, '--period', year, '--by', 'sex');
    expect(json.json().value).toMatchObject({ key: 'persons.headcount', figures: { total: 2, lixiu: 1, tuixiu: 1 }, by: 'sex' });
  });

  it('refuses with the codes and exits of the other commands', async () => {
    const unknown = await cli('--json', 'report', 'show', 'persons.nothing', '--data-dir', dataDir);
    expect(unknown.code).toBe(1);
    expect(unknown.json().error?.code).toBe('INVALID_INPUT');
    const future = await cli('report', 'show', 'persons.headcount', '--data-dir', dataDir, '--period', String(Number(year) + 1));
    expect(future.code).toBe(1);
    expect(future.err).toContain('错误 PERIOD_IN_FUTURE');
    const before = await cli('--json', 'report', 'show', 'persons.headcount', '--data-dir', dataDir, '--period', String(Number(year) - 1));
    expect(before.json().error?.code).toBe('PERIOD_BEFORE_RECORDS');
    expect((await cli('report', 'export', '--data-dir', dataDir, '--form', 'annual')).code).toBe(2);
  });

  it('exports the annual form to a formatted .xlsx and says what is still open', async () => {
    const out = path.join(tmp, 'annual.xlsx');
    const r = await cli('report', 'export', '--data-dir', dataDir, '--form', 'annual', '--period', year, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('已写出 离退休干部基本情况统计表');
    expect(r.out).toContain('尚未结束');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getCell('A1').value).toBe('离退休干部基本情况统计表');
    const campaign = await cli('--json', 'report', 'export', '--data-dir', dataDir, '--form', 'campaign', '--period', year, '--campaign', 'chongyang', '--out', path.join(tmp, 'cy.xlsx'));
    expect(campaign.code).toBe(0);
    expect(campaign.json().value).toMatchObject({ title: '走访慰问情况汇总表', period: `chongyang:${year}` });
  });

  it('refuses a PDF when no browser is found, writing nothing and leaving an older file as it was', async () => {
    const missing = path.join(tmp, 'no-such-browser', 'chrome.exe');
    const out = path.join(tmp, 'annual.pdf');
    const saved = process.env['CADRECARE_BROWSER'];
    process.env['CADRECARE_BROWSER'] = missing;
    try {
      const json = await cli('--json', 'report', 'export', '--data-dir', dataDir, '--form', 'annual', '--period', year, '--out', out);
      expect(json.code).toBe(1);
      expect(json.json().error).toMatchObject({ code: 'PDF_BROWSER_MISSING', details: { named: missing } });
      expect(fs.existsSync(out)).toBe(false);

      fs.writeFileSync(out, 'an older file');
      const text = await cli('report', 'export', '--data-dir', dataDir, '--form', 'campaign', '--period', `chongyang:${year}`, '--out', out);
      expect(text.code).toBe(1);
      expect(text.err).toContain('错误 PDF_BROWSER_MISSING: 没有找到可用来生成 PDF 的浏览器');
      expect(text.err).toContain('CADRECARE_BROWSER');
      expect(fs.readFileSync(out, 'utf8')).toBe('an older file');
    } finally {
      if (saved === undefined) delete process.env['CADRECARE_BROWSER'];
      else process.env['CADRECARE_BROWSER'] = saved;
    }
    // --browser names the browser before the variable does, and is refused the same way.
    const option = await cli('--json', 'report', 'export', '--data-dir', dataDir, '--form', 'annual', '--period', year, '--out', path.join(tmp, 'b.pdf'), '--browser', missing);
    expect(option.json().error).toMatchObject({ code: 'PDF_BROWSER_MISSING', details: { named: missing } });
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.pdf') || f.endsWith('.tmp'))).toEqual(['annual.pdf']);
    // A period the form cannot have is refused before any browser is looked for.
    const future = await cli('--json', 'report', 'export', '--data-dir', dataDir, '--form', 'annual', '--period', String(Number(year) + 1), '--out', path.join(tmp, 'c.pdf'), '--browser', missing);
    expect(future.json().error?.code).toBe('PERIOD_IN_FUTURE');
  });
});

describe('the PDF job of report export', () => {
  it('refuses before it starts anything, or cleans up after a browser that does not start: nothing written, no session left', async () => {
    const app = openApp({ dataDir, key: cliDbKey(dataDir), keepOpen: true });
    const pages = fs.mkdtempSync(path.join(tmp, 'pages-'));
    const out = path.join(tmp, 'job.pdf');
    // Node itself stands for a program file that is there but is no browser.
    const job = { app, form: 'annual' as const, period: year, out, env: {}, browser: process.execPath, rendererDir: pages };
    try {
      expect(await writeFormPdf(job)).toMatchObject({ ok: false, error: { code: 'PDF_PRINT_FAILED', details: { reason: 'rendererMissing' } } });
      fs.writeFileSync(path.join(pages, 'index.html'), '<!doctype html><title>CadreCare</title>');
      expect(await writeFormPdf({ ...job, username: 'nobody' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const failed = await writeFormPdf(job);
      expect(failed).toMatchObject({ ok: false, error: { code: 'PDF_PRINT_FAILED', details: { reason: 'browserFailed' } } });
      expect(app.sessions.loggedIn()).toEqual([]);
      expect(fs.readdirSync(tmp).filter((f) => f.startsWith('job.'))).toEqual([]);
    } finally {
      closeApp(app);
    }
  }, 60_000);
});
