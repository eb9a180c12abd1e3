/**
 * `cadrecare report export --out FILE.pdf`: the form's A4 print page rendered by a Chromium-family
 * browser on the computer (here Debian's Chromium), read back with pdftotext. An office made by the
 * CLI (init, then demo: a year and more of work) gives both forms real figures; the PDF's must be the
 * .xlsx's of the same period. One export runs in this process (as `npm run cli` does), one as the
 * installed command (the built bundles when fresh: the PDF job is a bundle of its own).
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/program';
import { cliCommand, recoveryKeyFileOf, withUnlock } from '../helpers/cli';
import { CHROMIUM_PATH, E2E_TIMEOUT, SCREENSHOT_DIR, SCREENSHOTS, checkPrerequisites } from './support';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(withUnlock(argv), { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err, json: () => JSON.parse(out.trim()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string } } };
}

const year = String(new Date().getFullYear() - 1);
let tmp: string;
let dataDir: string;
let pw: string;

beforeAll(async () => {
  checkPrerequisites();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cadrecare-cli-pdf-'));
  dataDir = path.join(tmp, 'data');
  pw = path.join(tmp, 'pw');
  fs.writeFileSync(pw, 'Admin2026pass\n');
  expect((await cli('init', '--data-dir', dataDir, '--office-name', '幸福里社区', '--area-code', '140702001001', '--mode', 'community', '--admin', 'admin', '--password-file', pw)).code).toBe(0);
  const demo = await cli('demo', '--data-dir', dataDir, '--persons', '120', '--seed', '7');
  expect(demo.code, demo.err).toBe(0);
}, 180_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
}

/** Keeps a picture of each page with CADRECARE_SCREENSHOTS=1, to look at. */
function keepPages(file: string, name: string): void {
  if (!SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '70', file, path.join(SCREENSHOT_DIR, name)]);
}

/** The number in the first column after the label (合计) of the sheet's row that starts with `label` in its first two cells. */
async function xlsxFigure(file: string, label: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    for (let c = 1; c <= 2; c++) {
      if (String(row.getCell(c).value ?? '').trim() !== label) continue;
      for (let n = c + 1; n <= row.cellCount; n++) {
        const v = row.getCell(n).value;
        if (typeof v === 'number') return v;
      }
    }
  }
  throw new Error(`no row ${label} in ${file}`);
}

describe('cadrecare report export --out FILE.pdf', { timeout: E2E_TIMEOUT }, () => {
  it('writes the annual form as the app prints it, with the .xlsx figures, as the user who unlocked', async () => {
    const xlsx = path.join(tmp, 'annual.xlsx');
    expect((await cli('report', 'export', '--data-dir', dataDir, '--form', 'annual', '--period', year, '--out', xlsx)).code).toBe(0);
    const pdf = path.join(tmp, 'annual.pdf');
    // No --browser and no CADRECARE_BROWSER: the browser is found where Debian installs it.
    const saved = process.env['CADRECARE_BROWSER'];
    delete process.env['CADRECARE_BROWSER'];
    let r: Awaited<ReturnType<typeof cli>>;
    try {
      r = await cli('--json', 'report', 'export', '--data-dir', dataDir, '--form', 'annual', '--period', year, '--out', pdf, '--user', 'admin', '--password-file', pw);
    } finally {
      if (saved !== undefined) process.env['CADRECARE_BROWSER'] = saved;
    }
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.json().value).toMatchObject({ out: pdf, title: '离退休干部基本情况统计表', period: year, asOf: `${year}-12-31`, failedChecks: [], notYet: null });
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    keepPages(pdf, 'cli-annual');

    const text = pdfText(pdf);
    expect(text).toContain('离退休干部基本情况统计表');
    expect(text).toMatch(/填报单位：\s*幸福里社区/);
    expect(text).toContain(`${year}年12月31日`);
    for (const line of ['单位负责人', '填报人', '联系电话', '填报日期']) expect(text).toContain(line);
    // The footer the app's PDF has: the engine's page numbers in the page's own words.
    expect(text).toMatch(/第\s*1\s*\/\s*\d+\s*页/);
    const total = await xlsxFigure(xlsx, '年末在册');
    expect(total).toBeGreaterThan(50);
    expect(text).toMatch(new RegExp(`年末在册\\s+${total}\\s`));
  });

  it('writes the campaign form from the installed command over an older file, read as the first administrator with the recovery key', async () => {
    const period = `chongyang:${year}`;
    const json = await cli('--json', 'report', 'show', 'visits.campaign.chongyang', '--data-dir', dataDir, '--period', period);
    expect(json.code).toBe(0);
    const figures = json.json().value?.['figures'] as { due: number; visited: number };
    expect(figures.due).toBeGreaterThan(0);

    const pdf = path.join(tmp, '重阳 走访.pdf');
    fs.writeFileSync(pdf, 'an older file of the same name');
    const [cmd, ...args] = cliCommand();
    const run = await promisify(execFile)(
      cmd as string,
      [...args, '--json', 'report', 'export', '--data-dir', dataDir, '--form', 'campaign', '--period', year, '--campaign', 'chongyang', '--out', pdf, '--recovery-key-file', recoveryKeyFileOf(dataDir)],
      { env: { ...process.env, CADRECARE_BROWSER: CHROMIUM_PATH }, timeout: 150_000 },
    );
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, value: { out: pdf, title: '走访慰问情况汇总表', period } });
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    keepPages(pdf, 'cli-campaign');

    const text = pdfText(pdf);
    expect(text).toContain('走访慰问情况汇总表');
    expect(text).toMatch(/填报单位：\s*幸福里社区/);
    expect(text).toContain(`${year}年重阳节`);
    expect(text).toMatch(new RegExp(`合计\\s+${figures.due}\\s+${figures.visited}\\s`));
  });
});
