/**
 * Paper that scans back, in a real browser against real services. An office of 46 persons with
 * realistic Chinese names and addresses, all with 网格员小李. The visit list prints through Chromium to
 * a PDF as Electron makes it; drawn at 300 dpi, every code on it is decoded by zbarimg back to the
 * right list and row (and every page carries the list's code). Then a staff member enters results
 * with a scanner: the scanner is simulated by typing the code and Enter into the page, as a USB
 * scanner does; a row's code jumps to that row, another office's code and a cancelled list's code are
 * refused with what they are.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import dayjs from 'dayjs';
import { makeIdNumber } from '../helpers/persons';
import { pageCodeText, rowCodeText } from '../../shared/listCodes';
import { E2E_TIMEOUT, e2eSuite, go, logIn, setUp, setupInput, type Office } from './support';

// The PDF is made as Electron's printToPDF makes it; 'electron' itself is not loaded.
vi.mock('electron', () => ({ app: {}, BrowserWindow: class {}, dialog: {} }));
const { electronPdf } = await import('./electronPdf');

const OFFICE = '迎泽区幸福里社区';
const AREA = '140106003012';
const ADMIN_PASSWORD = 'zhuren2026';
const STAFF_PASSWORD = 'ganshi2026';
const COUNT = 46;

const NAMES = [
  '王建国', '李秀英', '张桂兰', '刘志强', '陈淑珍', '杨德明', '赵玉兰', '黄国庆', '周凤英', '吴海涛',
  '徐振华', '孙美华', '马骏', '朱文彬', '胡佩芝', '郭守义', '欧阳明德', '司马秀琴', '高重阳', '单德福',
  '林淑贞', '何建平', '罗桂芳', '梁永昌', '宋玉珍', '郑国梁', '谢翠英', '韩长顺', '唐素梅', '冯宝山',
  '于秀兰', '董振邦', '萧雅琴', '程志远', '曹金凤', '袁德胜', '邓月娥', '许世杰', '傅兰英', '沈家栋',
  '曾美玲', '彭克勤', '吕桂香', '苏文华', '卢宝珍', '蒋春生',
];

function tool(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const missingTools = ['pdftoppm', 'zbarimg'].filter((t) => !tool(t));

const suite = e2eSuite('scan');
const office = suite.office('office', async (s) => {
  const admin = await setUp(s, setupInput(OFFICE, ADMIN_PASSWORD, { areaCode: AREA }));
  await s.must(admin, 'settings.update', { idleLockMinutes: 0 });
  const staff = await s.must(admin, 'users.create', { username: 'zhangganshi', displayName: '张干事', role: 'staff', password: STAFF_PASSWORD, phone: '13903510100' });
  const gw = await s.must(admin, 'users.create', { username: 'xiaoli', displayName: '网格员小李', role: 'gridworker', password: 'xiaoli2026', phone: '13903510001' });
  const grid = await s.must(admin, 'grids.create', { name: '第一网格', description: '幸福里小区 1—9 号楼', workerIds: [gw.id], places: ['幸福里小区'] });
  for (let i = 0; i < COUNT; i++) {
    const name = NAMES[i] as string;
    const gender = /英|兰|珍|芝|芳|梅|琴|凤|娥|玲|香|华$/.test(name) ? 'female' : 'male';
    const birthDate = `${1929 + (i % 25)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
    await s.must(admin, 'persons.create', {
      name,
      gender,
      idNumber: makeIdNumber(birthDate, gender, i + 1, '140106'),
      birthDate,
      phones: [i % 5 === 0 ? `0351-60${String(12000 + i * 37).padStart(5, '0')}` : `139${String(35100000 + i * 7919).padStart(8, '0')}`],
      retirementType: i % 7 === 0 ? 'lixiu' : 'tuixiu',
      originalUnit: '太原市迎泽区人民政府',
      unitLevel: 'county',
      politicalStatus: i % 3 === 0 ? 'masses' : 'cpc',
      community: OFFICE,
      grid: '',
      address: `幸福里小区${Math.floor(i / 6) + 1}号楼${(i % 3) + 1}单元${(i % 6) + 1}0${(i % 2) + 1}室`,
      livingSituation: i % 4 === 0 ? 'alone' : i % 4 === 1 ? 'empty_nest' : 'with_children',
    });
  }
  await s.must(admin, 'assignments.assignGrid', { gridId: grid.id, reason: '按网格分配' });
  return { staff: staff.id, gw: gw.id };
});

type Scan = Office<{ staff: string; gw: string }>;

/** The list 网格员小李 takes out this month: everyone (a round of all 46). */
async function printList(o: Scan): Promise<string> {
  const today = dayjs().format('YYYY-MM-DD');
  const list = await o.must(o.as('xiaoli'), 'lists.create', { kind: 'visit_list', from: today, to: dayjs().add(30, 'day').format('YYYY-MM-DD'), includeAllPersons: true });
  expect(list.rows).toHaveLength(COUNT);
  return list.listNo;
}

/** What a USB scanner does: the code's characters a few milliseconds apart, then Enter. */
async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

describe('paper that scans back (browser mode)', { timeout: E2E_TIMEOUT }, () => {
  it.skipIf(missingTools.length > 0)(`prints codes that decode back to the list and every row at 300 dpi${missingTools.length > 0 ? ` (skipped: ${missingTools.join(', ')} not installed; apt-get install poppler-utils zbar-tools)` : ''}`, async () => {
    const o = await suite.open(office);
    const page = o.page;
    const listNo = await printList(o);
    await page.goto(o.url);
    await logIn(page, 'zhangganshi', STAFF_PASSWORD, '张干事');
    await go(page, `#/print/visit-list/${listNo}?footer=engine`);
    await page.waitForSelector('html[data-print-ready="1"][data-print-footer="engine"]', { timeout: 30_000 });
    // Every row and the head carry an SVG code.
    expect(await page.locator('td.no .code svg').count()).toBe(COUNT);
    expect(await page.locator('.vl-head .page-code svg').count()).toBe(1);
    const pdf = path.join(o.files, 'scan-list.pdf');
    await electronPdf(page, pdf, listNo);
    // (The files folder outlives the test when screenshots are kept: pages of an earlier run go first.)
    for (const f of fs.readdirSync(o.files).filter((n) => n.startsWith('scan-page-'))) fs.rmSync(path.join(o.files, f));
    execFileSync('pdftoppm', ['-png', '-r', '300', pdf, path.join(o.files, 'scan-page')]);
    const pngs = fs
      .readdirSync(o.files)
      .filter((f) => /^scan-page-\d+\.png$/.test(f))
      .sort();
    expect(pngs.length).toBeGreaterThanOrEqual(2);
    const rowsSeen: number[] = [];
    pngs.forEach((png, i) => {
      // zbarimg exits 4 when a picture holds no code at all; a page always holds some here.
      const out = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', path.join(o.files, png)], { encoding: 'utf8' });
      const codes = out.split('\n').filter((l) => l !== '');
      expect(codes.filter((c) => c === pageCodeText(AREA, listNo)), `page ${i + 1} has the list's code`).toHaveLength(1);
      for (const c of codes.filter((c) => c !== pageCodeText(AREA, listNo))) {
        const row = Number(c.slice(rowCodeText(AREA, listNo, 0).length - 1));
        expect(c, `page ${i + 1}`).toBe(rowCodeText(AREA, listNo, row));
        rowsSeen.push(row);
      }
    });
    // Every row decoded, once, from the printed pages.
    expect(rowsSeen.sort((a, b) => a - b)).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
  });

  it('enters results with a scanner: a row code jumps to the row, a page code opens the list, foreign and cancelled codes are refused', async () => {
    const o = await suite.open(office);
    const page = o.page;
    const listNo = await printList(o);
    const list = await o.must(o.as('zhangganshi'), 'lists.get', { listNo });
    const nameOf = (row: number) => list.rows.find((r) => r.row === row)?.name ?? '';
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(o.url);
    await logIn(page, 'zhangganshi', STAFF_PASSWORD, '张干事');
    await go(page, '#/visits/lists');
    await page.getByRole('heading', { name: '录入走访结果' }).waitFor();
    await page.getByRole('row', { name: new RegExp(listNo) }).waitFor();

    // The page code, scanned anywhere on the lists page, opens the list.
    await scan(page, pageCodeText(AREA, listNo));
    await page.getByRole('heading', { name: `录入走访结果：清单 ${listNo}` }).waitFor();
    const outcome = (row: number) => page.getByLabel(`第 ${row} 行 ${nameOf(row)} 的结果`);
    await expect.poll(() => outcome(1).evaluate((el) => el === document.activeElement)).toBe(true);

    // Row 30's code while the focus is in row 1's result box: the box is not touched, row 30 gets the focus.
    await scan(page, rowCodeText(AREA, listNo, 30));
    await expect.poll(() => outcome(30).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await outcome(1).inputValue()).toBe('');
    await page.getByText(`已扫码：第 30 行 ${nameOf(30)}`).waitFor();
    await page.keyboard.press('1');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.insertText('身体硬朗，精神很好');
    // Scanned from inside the text box of row 30: its text stays as typed.
    await scan(page, rowCodeText(AREA, listNo, 7));
    await expect.poll(() => outcome(7).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByLabel(`第 30 行 ${nameOf(30)} 的情况简述`).inputValue()).toBe('身体硬朗，精神很好');
    await page.keyboard.press('2');
    await page.keyboard.press('Tab');
    await page.keyboard.insertText('住院了');
    // A person typing "c" into a text box still gets it.
    await page.keyboard.type(' cc');
    await expect.poll(() => page.getByLabel(`第 7 行 ${nameOf(7)} 的情况简述`).inputValue()).toBe('住院了 cc');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await o.screenshot('scan-entry-row');

    // Another office's list and a code that is none of ours: refused, saying what they are; nothing moves.
    await scan(page, rowCodeText('140106003099', listNo, 5));
    await page.getByText(`扫到的是其他社区的清单（140106003099，清单 ${listNo}），不能在本社区录入。请把这张清单交回打印它的社区。`).waitFor();
    await scan(page, 'CC1:12345');
    await page.getByText('扫到的不是走访清单上的码（“CC1:12345”）。请扫清单每页右上角或每行序号旁的二维码。').waitFor();
    expect(await page.getByLabel(`第 7 行 ${nameOf(7)} 的情况简述`).inputValue()).toBe('住院了');
    await page.getByText('将录入 2 人：已走访 1 人，未走访 1 人。').waitFor();
    await page.keyboard.press('Control+s');
    await page.getByText(`清单 ${listNo} 的结果已录入：走访 1 人，未走访 1 人。`).waitFor();
    const after = await o.must(o.as('zhangganshi'), 'lists.get', { listNo });
    expect(after.results.map((r) => [r.row, r.outcome])).toEqual([
      [7, 'not_visited'],
      [30, 'visited'],
    ]);

    // A list printed by mistake is cancelled; its paper, scanned later, is refused as cancelled.
    const wrong = await printList(o);
    await go(page, '#/visits/lists');
    await page.getByRole('heading', { name: '打印过的清单' }).waitFor();
    await page.getByRole('row', { name: new RegExp(wrong) }).getByRole('button', { name: '作废' }).click();
    const dialog = page.getByRole('dialog', { name: `作废清单 ${wrong}` });
    await dialog.getByLabel('作废原因（可不填）').fill('日期选错，已重新打印');
    await o.screenshot('scan-cancel-dialog');
    await dialog.getByRole('button', { name: '确认作废' }).click();
    await page.getByText(`清单 ${wrong} 已作废。`).waitFor();
    await page.getByLabel('清单编号').focus();
    await scan(page, rowCodeText(AREA, wrong, 3));
    await page.getByText(`清单 ${wrong} 已于 ${dayjs().format('YYYY-MM-DD')} 作废，不能再录入。请用重新打印的清单。`).waitFor();
    expect(await page.getByLabel('清单编号').inputValue()).toBe('');
    await o.screenshot('scan-cancelled');
    // Typing the number still works, and a row code scanned on the lists page opens the list at that row.
    await page.getByLabel('清单编号').fill(listNo);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `录入走访结果：清单 ${listNo}` }).waitFor();
    await go(page, '#/visits/lists');
    await page.getByRole('row', { name: new RegExp(listNo) }).waitFor();
    await scan(page, rowCodeText(AREA, listNo, 41));
    await page.getByRole('heading', { name: `录入走访结果：清单 ${listNo}` }).waitFor();
    await expect.poll(() => outcome(41).evaluate((el) => el === document.activeElement)).toBe(true);
    await o.screenshot('scan-entry-opened-at-row');
  });
});
