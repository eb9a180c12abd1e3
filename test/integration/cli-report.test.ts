/**
 * `cadrecare report`: list, show (text and --json, with a breakdown), export of a form to .xlsx, and
 * the refusals with their codes and exit codes (an unknown indicator, a period not begun, a PDF with
 * no browser to make it). The PDF itself is made in test/e2e/cli-pdf.e2e.test.ts (it needs the built
 * renderer and Chromium).
 */
import { cliDbKey, recoveryKeyFileOf, withUnlock } from '../helpers/cli';
import { TEST_DB_KEY, call, dumpDb, ok, openTestDb } from '../helpers/app';
import { formatRecoveryKey } from '../../main/db/cipher';
import { databasePath } from '../../main/paths';
import { addPerson, bureauWithThree, makeOffice, send, trustBoth, type Office } from './packets.helpers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

describe('cadrecare report show: whose figures, --by grid at an office, --by office and --office at the county bureau', () => {
  let offices: Office[] = [];
  afterEach(() => {
    for (const o of offices) {
      fs.rmSync(o.t.dir, { recursive: true, force: true });
      fs.rmSync(recoveryKeyFileOf(o.t.dir), { force: true });
    }
    offices = [];
  });

  /** Offices made through the services; each folder is then handed to the CLI (its app closed, the test key beside it as the CLI tests keep keys). */
  function forCli(o: Office): string {
    closeApp(o.t.app);
    fs.writeFileSync(recoveryKeyFileOf(o.t.dir), formatRecoveryKey(TEST_DB_KEY), { mode: 0o600 });
    return o.t.dir;
  }

  type Shown = { whose: { name: string; bureauOwn: boolean; county: boolean }; figures: Record<string, number | null>; rows: { key: string | null; name: string | null; figures: Record<string, number | null> }[] };
  const shown = (r: Awaited<ReturnType<typeof cli>>) => r.json().value as Shown;

  it('at a community office: --by grid, the office named in the heading; --office itself only', async () => {
    const a = await makeOffice('幸福里社区');
    const b = await makeOffice('锦绣苑社区');
    offices.push(a, b);
    await trustBoth(a, b);
    await addPerson(a, { name: '郭建国', grid: '第一网格', createGrid: true });
    await addPerson(a, { name: '赵秀兰', grid: '第一网格' });
    await addPerson(a, { name: '李志刚', grid: '第二网格', createGrid: true });
    closeApp(b.t.app);
    const dir = forCli(a);
    const text = await cli('report', 'show', 'persons.headcount', '--data-dir', dir, '--period', year, '--by', 'grid');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/^在册人数（幸福里社区；/);
    expect(text.out).toMatch(/第一网格\s+2/);
    expect(text.out).toMatch(/第二网格\s+1/);
    expect(text.out).toMatch(/合计\s+3/);
    const json = shown(await cli('--json', 'report', 'show', 'persons.headcount', '--data-dir', dir, '--period', year, '--by', 'grid', '--office', a.areaCode));
    expect(json.whose).toMatchObject({ name: '幸福里社区', bureauOwn: false, county: false });
    expect(json.rows.map((r) => [r.name, r.figures['total']])).toEqual([['第一网格', 2], ['第二网格', 1]]);
    // Another office's figures are the bureau's to see.
    const other = await cli('report', 'show', 'persons.headcount', '--data-dir', dir, '--period', year, '--office', '锦绣苑社区');
    expect(other.code).toBe(1);
    expect(other.err).toContain('错误 BUREAU_ONLY');
  });

  it('at the county bureau: each community’s own figures by office with the county total, one office by name or area code, its own persons labelled, an unknown office refused', async () => {
    const { bureau, a, b, c } = await bureauWithThree((o) => offices.push(o));
    await addPerson(a, { name: '郭建国', retirementType: 'lixiu' });
    await addPerson(a, { name: '赵秀兰' });
    await addPerson(a, { name: '李志刚' });
    await addPerson(b, { name: '王淑芬' });
    await addPerson(b, { name: '张德明', retirementType: 'lixiu' });
    await addPerson(bureau, { name: '局机关老同志' });
    await send(a, bureau, 'full');
    await send(b, bureau, 'full');
    const rollup = await ok(call(bureau.t.app, bureau.admin, 'reports.countyRollup', { period: '2026' }));
    for (const o of [a, b, c]) closeApp(o.t.app);
    const dir = forCli(bureau);
    const show = (...args: string[]) => cli('--json', 'report', 'show', 'persons.headcount', '--data-dir', dir, '--period', year, ...args);

    const county = shown(await show('--by', 'office'));
    expect(county.whose).toMatchObject({ name: '榆次区委老干部局', bureauOwn: false, county: true });
    expect(county.rows.map((r) => [r.name, r.figures['total']])).toEqual([['幸福里社区', 3], ['锦绣苑社区', 2]]);
    expect(county.figures).toMatchObject({ total: 5, lixiu: 2, tuixiu: 3 });
    expect(county.figures['total']).toBe(rollup.total['persons.headcount:total']);
    // Each row is the office's own figures, as --office gives them (by id, name or area code).
    for (const [o, ref] of [[a, a.name], [b, b.areaCode]] as const) {
      const one = shown(await show('--office', ref));
      expect(one.whose).toMatchObject({ name: o.name, bureauOwn: false, county: false });
      expect(county.rows.find((r) => r.key === o.id)?.figures).toEqual(one.figures);
      expect(shown(await show('--office', o.id)).figures).toEqual(one.figures);
    }
    const text = await cli('report', 'show', 'persons.headcount', '--data-dir', dir, '--period', year, '--by', 'office');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/^在册人数（全县各社区报送的数据，不含榆次区委老干部局自己登记的人员；/);
    expect(text.out).toMatch(/幸福里社区\s+3\s+1\s+2/);
    expect(text.out).toMatch(/合计\s+5\s+2\s+3/);

    // Without --office the bureau's own persons, and the heading says so.
    const own = shown(await show());
    expect(own.whose).toMatchObject({ name: '榆次区委老干部局', bureauOwn: true, county: false });
    expect(own.figures['total']).toBe(1);
    const ownText = await cli('report', 'show', 'persons.headcount', '--data-dir', dir, '--period', year);
    expect(ownText.out).toMatch(/^在册人数（榆次区委老干部局自己登记的人员，不含各社区报送的数据；/);
    expect(ownText.out).toMatch(/合计\s+1/);

    // An office not known here: refused, saying how to see the known ones; nothing written.
    const dump = () => {
      const db = openTestDb(databasePath(dir), { readonly: true });
      try {
        return dumpDb(db);
      } finally {
        db.close();
      }
    };
    const before = dump();
    const unknown = await show('--office', '不存在社区');
    expect(unknown.code).toBe(1);
    expect(unknown.json().error?.code).toBe('NOT_FOUND');
    const unknownText = await cli('report', 'show', 'persons.headcount', '--data-dir', dir, '--period', year, '--office', '不存在社区');
    expect(unknownText.code).toBe(1);
    expect(unknownText.err).toContain('错误 NOT_FOUND');
    expect(unknownText.err).toContain('cadrecare keys list');
    expect(unknownText.out).toBe('');
    // The silent office: nothing to count, said plainly.
    const silent = await cli('report', 'show', 'persons.headcount', '--data-dir', dir, '--period', year, '--office', c.name);
    expect(silent.code).toBe(1);
    expect(silent.err).toContain('错误 OFFICE_NEVER_REPORTED: 这个社区从未报送数据');
    expect(dump()).toEqual(before);
  }, 60_000);
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
