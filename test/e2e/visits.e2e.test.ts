/**
 * 网格与联系 and 走访 in a real browser against real services. An office with two grids, a grid worker
 * for each and 132 persons (124 in the first grid), all assigned, six of the first grid's persons
 * overdue for a hospital visit. The grid worker logs in and sees only their persons (registry and
 * worklist) and prints a visit list of 124 rows: the print route becomes a PDF (the footer template
 * Electron uses), and pdftotext shows the Chinese names, the list number, the office and "第 x / y 页"
 * on every page. A staff member enters the results by the list number with the keyboard; those visits
 * are done and the overdue count drops. Then a visit with a need turned into a service request, the
 * grids, the service cards (PDF too) and a worker's caseload handed over.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import dayjs from 'dayjs';
import { makeIdNumber } from '../helpers/persons';
import { E2E_TIMEOUT, closeNotes as closeNotesOf, e2eSuite, go, logIn as logInAs, setUp, setupInput, type Office } from './support';

// The PDF is made as Electron's printToPDF makes it; 'electron' itself is not loaded.
vi.mock('electron', () => ({ app: {}, BrowserWindow: class {}, dialog: {} }));
const { electronPdf } = await import('./electronPdf');

const OFFICE = '幸福里社区';
const HOTLINE = '0351-6012345';
const HOTLINE_24H = '0351-6012110';
const ADMIN_PASSWORD = 'zhuren2026';
const STAFF_PASSWORD = 'ganshi2026';
const GW1_PASSWORD = 'xiaoli2026';
const GW2_PASSWORD = 'xiaowang2026';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['建国', '秀英', '桂兰', '志强', '淑珍', '德明', '玉兰', '国庆', '凤英', '海涛'];
const GRID1_COUNT = 124;
const GRID2_COUNT = 8;
const OVERDUE = 6;

interface Seeded {
  id: string;
  name: string;
  address: string;
}

let page: Page;

function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((p) => p.trim() !== '');
}

/** The first pages of a PDF drawn as pictures (as a reader would see them), in `dir`. */
function pngPages(file: string, dir: string, prefix: string, last: number): string[] {
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', String(last), file, path.join(dir, prefix)]);
  return fs.readdirSync(dir).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'));
}

const suite = e2eSuite('visits');
// Seeded once for the file: 132 persons are what the print tests are about.
const office = suite.office('office', async (s) => {
  const must = s.must;
  const grid1: Seeded[] = [];
  const grid2: Seeded[] = [];
  const admin = await setUp(s, setupInput(OFFICE, ADMIN_PASSWORD));
  await must(admin, 'settings.update', { idleLockMinutes: 0, hotline: HOTLINE, hotline24h: HOTLINE_24H });
  const staff = await must(admin, 'users.create', { username: 'zhangganshi', displayName: '张干事', role: 'staff', password: STAFF_PASSWORD, phone: '13903510100' });
  const gw1 = await must(admin, 'users.create', { username: 'xiaoli', displayName: '网格员小李', role: 'gridworker', password: GW1_PASSWORD, phone: '13903510001' });
  const gw2 = await must(admin, 'users.create', { username: 'xiaowang', displayName: '网格员小王', role: 'gridworker', password: GW2_PASSWORD, phone: '13903510002' });
  const g1 = await must(admin, 'grids.create', { name: '第一网格', description: '幸福里小区 1—13 号楼', workerIds: [gw1.id], places: ['幸福里小区'] });
  const g2 = await must(admin, 'grids.create', { name: '第二网格', description: '和平街各院', workerIds: [gw2.id], places: ['和平街'] });
  const ids = { admin: admin.userId as string, staff: staff.id, gw1: gw1.id, gw2: gw2.id, grid1: g1.id, grid2: g2.id };

  const total = GRID1_COUNT + GRID2_COUNT;
  for (let i = 0; i < total; i++) {
    const inGrid1 = i < GRID1_COUNT;
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`;
    const gender = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]?.match(/英|兰|珍/) ? 'female' : 'male';
    const birthDate = `${1930 + (i % 26)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
    // Ten to a building; units 1 and 2, rooms 101–501: the walking order is building, unit, room.
    const address = inGrid1
      ? `幸福里小区${Math.floor(i / 10) + 1}号楼${i % 10 < 5 ? 1 : 2}单元${101 + (i % 5) * 100}`
      : `和平街${i - GRID1_COUNT + 1}号院${(i % 3) + 1}排${(i % 5) + 1}号`;
    const { id } = await must(admin, 'persons.create', {
      name,
      gender,
      idNumber: makeIdNumber(birthDate, gender, i + 1),
      birthDate,
      phones: [`139${String(35100000 + i * 7).padStart(8, '0')}`],
      retirementType: i % 9 === 0 ? 'lixiu' : 'tuixiu',
      originalUnit: '县人民政府办公室',
      unitLevel: 'county',
      politicalStatus: i % 3 === 0 ? 'masses' : 'cpc',
      community: OFFICE,
      grid: '',
      address,
      livingSituation: i % 4 === 0 ? 'alone' : i % 4 === 1 ? 'empty_nest' : 'with_children',
    });
    (inGrid1 ? grid1 : grid2).push({ id, name, address });
  }
  await must(admin, 'assignments.assignGrid', { gridId: g1.id, reason: '按网格分配' });
  await must(admin, 'assignments.assignGrid', { gridId: g2.id, reason: '按网格分配' });
  // Six persons at the head of the walk were admitted to hospital five days ago: their visit (within 3 days) is overdue.
  const admitted = dayjs().subtract(5, 'day').format('YYYY-MM-DD');
  for (const p of grid1.slice(0, OVERDUE)) {
    await must(admin, 'health.addEvent', { personId: p.id, fields: { kind: 'hospitalisation', date: admitted, institution: '县人民医院' } });
  }
  return { grid1, grid2, ids };
});

type Visits = Office<{ grid1: Seeded[]; grid2: Seeded[]; ids: { admin: string; staff: string; gw1: string; gw2: string; grid1: string; grid2: string } }>;

/** A fresh copy of the office, logged in as `username`. */
async function openAs(username: string, password: string, displayName: string): Promise<Visits> {
  const o = await suite.open(office);
  page = o.page;
  await page.goto(o.url);
  await logInAs(page, username, password, displayName);
  return o;
}

/** The visit list 网格员小李 prints from the worklist: the month ahead of their persons; answers its number. */
async function printedList(o: Visits): Promise<string> {
  const today = dayjs().format('YYYY-MM-DD');
  const list = await o.must(o.as('xiaoli'), 'lists.create', { kind: 'visit_list', from: today, to: dayjs().add(30, 'day').format('YYYY-MM-DD'), includeAllPersons: false });
  expect(list.rows).toHaveLength(GRID1_COUNT);
  return list.listNo;
}

async function openSection(name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

const closeNotes = () => closeNotesOf(page);

async function cardCount(id: string): Promise<number> {
  const text = await page.getByTestId(`count-${id}`).innerText();
  return Number(/(\d+)/.exec(text.replace(/^\D+/, ''))?.[1] ?? NaN);
}

/** The Chinese interface shows no English words; key names (Tab, Shift, Ctrl) and the language choice "English" are allowed. */
async function expectNoEnglish(p: Page = page): Promise<void> {
  const text = (await p.locator('body').innerText()).replace(/\b(Tab|Shift|Ctrl|English)\b/g, ' ');
  expect(text.match(/[A-Za-z]{3,}/g) ?? []).toEqual([]);
}

describe('网格与联系 and 走访 (browser mode)', { timeout: E2E_TIMEOUT }, () => {
  it('a grid worker sees only the persons assigned to them: registry, home page counts and worklist', async () => {
    const o = await openAs('xiaoli', GW1_PASSWORD, '网格员小李');
    const { grid1, grid2 } = o.data;
    // The home page says what is overdue and due for this worker.
    await page.getByRole('heading', { name: '走访提醒' }).waitFor();
    await expect.poll(async () => (await page.getByRole('link', { name: /我的逾期走访/ }).innerText()).replace(/\D/g, '')).toBe(String(OVERDUE));
    await o.screenshot('home-visits');

    await openSection('档案');
    await page.getByText(`共 ${GRID1_COUNT} 人`).waitFor();
    const other = grid2[0] as Seeded;
    await page.getByPlaceholder('姓名、拼音首字母、身份证号、电话、住址').fill(other.name);
    await page.getByText('没有找到符合条件的人员').waitFor();

    await openSection('走访');
    await page.getByRole('heading', { name: '我的走访' }).waitFor();
    await expect.poll(() => cardCount('overdue')).toBe(OVERDUE);
    // Overdue first: the first rows are the six hospital visits.
    const firstRows = page.locator('.MuiDataGrid-row');
    await expect.poll(() => firstRows.count()).toBeGreaterThan(10);
    for (let i = 0; i < OVERDUE; i++) expect(await firstRows.nth(i).innerText()).toContain('逾期');
    expect(await firstRows.nth(OVERDUE).innerText()).not.toContain('逾期');
    // Nobody of the other grid, on any page of the list: main answers only this worker's persons.
    const asWorker = o.app.sessions.create();
    await o.must(asWorker, 'auth.login', { username: 'xiaoli', password: GW1_PASSWORD });
    const mine = new Set(grid1.map((p) => p.id));
    const all = await o.must(asWorker, 'visits.worklist', { limit: 2000, upcomingDays: 400 });
    expect(all.rows.length).toBeGreaterThan(GRID1_COUNT);
    expect(all.rows.filter((r) => !mine.has(r.personId))).toEqual([]);
    expect((await o.must(asWorker, 'persons.list', { limit: 500 })).rows.every((r) => mine.has(r.id))).toBe(true);
    const body = await page.locator('main').innerText();
    for (const p of grid2) expect(body).not.toContain(p.name);
    expect(body).not.toContain('第二网格');
    await expectNoEnglish();
    await o.screenshot('visits-worklist');
  });

  it('prints a visit list of 124 rows: every page has the office, the list number, its page number and Chinese names', async () => {
    const o = await openAs('xiaoli', GW1_PASSWORD, '网格员小李');
    const { grid1, grid2 } = o.data;
    await openSection('走访');
    await page.getByRole('heading', { name: '我的走访' }).waitFor();
    await page.getByRole('button', { name: '打印走访清单' }).click();
    const dialog = page.getByRole('dialog', { name: '打印走访清单' });
    await dialog.waitFor();
    // A grid worker prints their own persons only: there is no worker to choose.
    expect(await dialog.getByLabel('网格员或工作人员').count()).toBe(0);
    await o.screenshot('visits-print-dialog');
    // The notice hides after a few seconds, which the print tab may take to get ready on a loaded
    // machine: its words are read as soon as it shows.
    const [popup, notice] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByText(/^已生成走访清单 /).textContent(),
      dialog.getByRole('button', { name: '打印', exact: true }).click(),
    ]);
    await popup.waitForSelector('html[data-print-ready="1"]', { timeout: 30_000 });
    const listNo = /#\/print\/visit-list\/(\d{4}-\d{2}-\d{4})/.exec(popup.url())?.[1] ?? '';
    expect(listNo).toMatch(/^\d{4}-\d{2}-\d{4}$/);
    expect(notice).toBe(`已生成走访清单 ${listNo}，共 ${GRID1_COUNT} 人。`);
    // Browser mode: the tab opened the print dialog by itself, once.
    await expect.poll(() => popup.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls)).toBe(1);
    await popup.setViewportSize({ width: 1000, height: 1300 });
    await o.screenshot('print-visit-list-screen', popup);

    // The PDF as Electron makes it: the engine draws "第 x / y 页" from the page's own wording.
    await popup.evaluate((no) => {
      window.location.hash = `#/print/visit-list/${no}?footer=engine`;
    }, listNo);
    await popup.waitForSelector('html[data-print-ready="1"][data-print-footer="engine"]');
    const pdf = path.join(o.files, 'visit-list.pdf');
    expect(await electronPdf(popup, pdf, listNo)).toBe('第 {{page}} / {{pages}} 页');
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain(OFFICE);
      expect(text, `page ${i + 1}`).toContain(listNo);
      // pdftotext drops the spaces of the small footer text.
      expect(text.replace(/\s+/g, ''), `page ${i + 1}`).toContain(`第${i + 1}/${pages.length}页`);
      // The column heads are repeated on every page.
      for (const head of ['姓名', '住址', '走访日期', '情况简述', '签名']) expect(text, `page ${i + 1}`).toContain(head);
      expect(grid1.some((p) => text.includes(p.name)), `page ${i + 1} has names`).toBe(true);
    });
    const all = pages.join('\n');
    for (const p of grid1) expect(all).toContain(p.name);
    for (const p of grid2) expect(all).not.toContain(p.name);
    expect(pngPages(pdf, o.files, 'visit-list-page', 2).length).toBe(2);

    // The browser's own print path: the page draws the page numbers itself (CSS @page margin boxes).
    await popup.evaluate((no) => {
      window.location.hash = `#/print/visit-list/${no}`;
    }, listNo);
    await popup.waitForSelector('html[data-print-ready="1"][data-print-footer="page"]');
    const browserPdf = path.join(o.files, 'visit-list-browser.pdf');
    await popup.pdf({ path: browserPdf, preferCSSPageSize: true, printBackground: true });
    const browserPages = pdfPages(browserPdf);
    expect(browserPages.length).toBe(pages.length);
    browserPages.forEach((text, i) => {
      expect(text).toContain(listNo);
      expect(text.replace(/\s+/g, '')).toContain(`第${i + 1}/${browserPages.length}页`);
    });
    // Coming back to the layout did not open the dialog again, and the address no longer asks for it.
    expect(await popup.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls)).toBe(1);
    expect(popup.url()).not.toContain('auto=print');
    // A browser driven by a program (headless Chromium) keeps the page and its 打印 button, never a
    // dialog nobody can close, so the tab still makes its PDF.
    await popup.evaluate((no) => {
      Object.defineProperty(Navigator.prototype, 'webdriver', { configurable: true, get: () => true });
      window.location.hash = `#/print/visit-list/${no}?auto=print&footer=engine`;
    }, listNo);
    await popup.waitForSelector('html[data-print-ready="1"]');
    await expect.poll(() => popup.url()).not.toContain('auto=print');
    expect(await popup.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls)).toBe(1);
    await popup.pdf({ path: path.join(o.files, 'visit-list-driven.pdf'), format: 'A4' });
    await popup.close();
  });

  it('an administrator who leaves both the worker and the grid open is told to choose one; printing waits until they do', async () => {
    const o = await openAs('admin', ADMIN_PASSWORD, '王主任');
    await go(page, '#/visits/lists');
    await page.getByRole('button', { name: '打印走访清单' }).click();
    const dialog = page.getByRole('dialog', { name: '打印走访清单' });
    await dialog.waitFor();
    const print = dialog.getByRole('button', { name: '打印', exact: true });
    // The administrator's own persons come first; nobody is chosen once the worker is 不限 and the grid 不限网格.
    await dialog.getByRole('combobox', { name: '网格员或工作人员' }).click();
    await page.getByRole('option', { name: '不限（按网格打印）' }).click();
    const why = dialog.getByRole('status').filter({ hasText: '请先选择一位网格员或一个网格，再打印。' });
    await why.waitFor();
    expect(await print.isDisabled()).toBe(true);
    await expectNoEnglish();
    await o.screenshot('visits-print-dialog-choose');

    // A grid is enough: the words go, and the list prints the second grid's persons.
    await dialog.getByRole('combobox', { name: '网格', exact: true }).click();
    await page.getByRole('option', { name: '第二网格' }).click();
    await why.waitFor({ state: 'detached' });
    expect(await print.isDisabled()).toBe(false);
    const [popup, notice] = await Promise.all([page.waitForEvent('popup'), page.getByText(/^已生成走访清单 /).textContent(), print.click()]);
    expect(notice).toMatch(new RegExp(`^已生成走访清单 \\d{4}-\\d{2}-\\d{4}，共 ${GRID2_COUNT} 人。$`));
    await popup.close();
  });

  it('a staff member enters the results by the list number with the keyboard; the visits are done and the overdue count drops', async () => {
    const o = await openAs('zhangganshi', STAFF_PASSWORD, '张干事');
    const { grid1 } = o.data;
    const listNo = await printedList(o);
    await openSection('走访');
    await page.getByRole('tab', { name: '走访清单' }).click();
    await page.getByLabel('清单编号').fill('2026-11-7');
    await page.getByRole('button', { name: '打开' }).click();
    await page.getByText('名单编号应为“2026-11-0007”这样的格式。').waitFor();
    await page.getByLabel('清单编号').fill(listNo);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `录入走访结果：清单 ${listNo}` }).waitFor();
    await page.getByText(`共 ${GRID1_COUNT} 人，已录入 0 人`).waitFor();

    const names = grid1.slice(0, OVERDUE).map((p) => p.name);
    const outcome = (row: number) => page.getByLabel(`第 ${row} 行 ${names[row - 1]} 的结果`);
    // The keys that choose and move (digits, Tab, Enter, Ctrl+S) are pressed one by one; text goes into
    // the focused field at once, as a paste would (a key at a time re-renders all 124 rows each time).
    // Row 1: visited at home; Tab through date (filled in) and method, type what was found and a need.
    await outcome(1).focus();
    await page.keyboard.press('1');
    await page.keyboard.press('Tab');
    expect(await page.getByLabel(`第 1 行 ${names[0]} 的走访日期`).inputValue()).toBe(dayjs().format('YYYY-MM-DD'));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.insertText('术后恢复良好');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('需要上门测血压');
    await page.keyboard.press('Enter');
    // Row 2: by phone, Enter moving on like Tab.
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('电话询问，精神好');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    // Row 3: visited, but a date not yet come.
    await page.keyboard.press('1');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('2099-01-01');
    for (const row of [4, 5]) {
      await outcome(row).focus();
      await page.keyboard.press('1');
    }
    // Row 6: not visited, with why.
    await outcome(6).focus();
    await page.keyboard.press('2');
    await page.keyboard.press('Tab');
    await page.keyboard.insertText('不在家');
    await page.getByText('将录入 6 人：已走访 5 人，未走访 1 人。').waitFor();
    await page.keyboard.press('Control+s');
    // Nothing is saved; row 3 says what is wrong, in Chinese.
    await page.getByText(`第 3 行（${names[2]}）：这个日期还没到，不能晚于今天。`).waitFor();
    await page.getByText('有 1 行结果有问题，所以一条也没有录入。').waitFor();
    await expectNoEnglish();
    await o.screenshot('visits-result-entry-error');

    await page.getByLabel(`第 3 行 ${names[2]} 的走访日期`).fill(dayjs().format('YYYY-MM-DD'));
    await page.getByRole('button', { name: '保存全部结果' }).click();
    // Row 1's need written on the paper is a service request now, as on the visit form.
    await page.getByText(`清单 ${listNo} 的结果已录入：走访 5 人，未走访 1 人，新建服务需求 1 件（请在“服务需求”中分类、指派）。`).waitFor();
    await page.getByText(`共 ${GRID1_COUNT} 人，已录入 5 人`).waitFor();
    await page.getByText(`已录入：${dayjs().format('YYYY-MM-DD')} 已走访`).first().waitFor();
    await closeNotes();
    await o.screenshot('visits-result-entry');

    // The grid worker's worklist, as staff see it: one overdue visit left (row 6, not visited), ten done.
    await openSection('走访');
    await page.getByRole('combobox', { name: '谁的走访' }).click();
    await page.getByRole('option', { name: /^网格员小李/ }).click();
    await page.getByRole('heading', { name: '网格员小李 的走访' }).waitFor();
    await expect.poll(() => cardCount('overdue')).toBe(1);
    await expect.poll(() => cardCount('done')).toBe(10);

    // The person's page shows the visit, from the list.
    await go(page, `#/persons/${(grid1[0] as Seeded).id}?tab=care`);
    await page.getByRole('heading', { name: '最近的走访记录' }).waitFor();
    await page.getByText(`来自走访清单 ${listNo}`).waitFor();
    await page.getByText('术后恢复良好').waitFor();
    await page.getByTestId('contact-primary').getByText('网格员小李（13903510001）').waitFor();
    // Flag high risk: visited monthly from now on; the header says so.
    await page.getByRole('switch', { name: '高风险人员' }).check();
    await page.getByText(`已把“${names[0]}”标为高风险人员，走访计划已随之调整。`).waitFor();
    await page.locator('.MuiChip-root', { hasText: '高风险' }).first().waitFor();
    await closeNotes();
    await expectNoEnglish();
    await o.screenshot('registry-care');
    await page.getByRole('heading', { name: '最近的走访记录' }).scrollIntoViewIfNeeded();
    await o.screenshot('registry-care-visits');
  });

  it('records a visit from the worklist and turns a need into a service request with one click', async () => {
    const o = await openAs('zhangganshi', STAFF_PASSWORD, '张干事');
    const { grid1 } = o.data;
    await openSection('走访');
    await page.getByRole('combobox', { name: '谁的走访' }).click();
    await page.getByRole('option', { name: /^网格员小李/ }).click();
    await expect.poll(() => cardCount('overdue')).toBe(OVERDUE);
    await page.getByTestId('count-overdue').getByRole('button').click();
    const sixth = grid1[OVERDUE - 1] as Seeded;
    // The worklist has a row per planned visit: the overdue one is first.
    await page.locator('.MuiDataGrid-row', { hasText: sixth.name }).first().getByRole('button', { name: '记录走访' }).click();
    await page.getByRole('heading', { name: `记录对“${sixth.name}”的走访` }).waitFor();
    await page.getByLabel('情况简述').fill('已出院回家，行动不便');
    await page.getByLabel('身体状况').fill('术后两周，需要人照看');
    await page.getByLabel('提出的诉求').fill('需要助餐服务\n想参加老年合唱团');
    await page.getByRole('button', { name: '转为服务需求：需要助餐服务' }).click();
    await page.getByRole('combobox', { name: /^类别/ }).click();
    await page.getByRole('option', { name: '居家养老' }).click();
    await expectNoEnglish();
    await o.screenshot('visits-record-form');
    await page.getByRole('button', { name: '保存走访记录' }).click();
    await page.getByText(new RegExp(`已记录对“${sixth.name}”的走访，完成 \\d+ 项走访计划，新建 1 项服务需求。`)).waitFor();
    // Back on the worklist (the staff member's own, where nothing is overdue): 网格员小李's overdue
    // visits are one fewer, and the new request is among their persons'.
    await page.getByRole('heading', { name: '我的走访' }).waitFor();
    await page.getByRole('combobox', { name: '谁的走访' }).click();
    await page.getByRole('option', { name: /^网格员小李/ }).click();
    await page.getByRole('heading', { name: '网格员小李 的走访' }).waitFor();
    await expect.poll(() => cardCount('overdue')).toBe(OVERDUE - 1);

    await page.getByRole('tab', { name: '服务需求' }).click();
    await page.getByRole('gridcell', { name: '需要助餐服务' }).waitFor();
    await page.getByRole('gridcell', { name: '居家养老' }).waitFor();
    await closeNotes();
    await o.screenshot('visits-requests');
  });

  it('shows the grids, prints service cards for a grid, and hands a caseload over with a preview', async () => {
    const o = await openAs('zhangganshi', STAFF_PASSWORD, '张干事');
    const { grid1, grid2, ids } = o.data;
    await openSection('网格与联系');
    await page.getByRole('heading', { name: '网格与联系' }).waitFor();
    await page.getByRole('link', { name: '第一网格' }).waitFor();
    await page.getByText('网格员小李（13903510001）').waitFor();
    await expectNoEnglish();
    await o.screenshot('grids-list');

    await page.getByRole('link', { name: '第一网格' }).click();
    await page.getByRole('heading', { name: '第一网格', level: 1 }).waitFor();
    await page.getByText(`在册 ${GRID1_COUNT} 人，其中 0 人还没有主要联系人。`).waitFor();
    await o.screenshot('grids-detail');

    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: '打印本网格的爱心服务卡' }).click()]);
    await popup.waitForSelector('html[data-print-ready="1"]', { timeout: 30_000 });
    const cardsNo = /#\/print\/service-cards\/(\d{4}-\d{2}-\d{4})/.exec(popup.url())?.[1] ?? '';
    expect(cardsNo).toMatch(/^\d{4}-\d{2}-\d{4}$/);
    const pdf = path.join(o.files, 'service-cards.pdf');
    await popup.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const pages = pdfPages(pdf);
    expect(pages.length).toBe(Math.ceil(GRID1_COUNT / 8));
    pages.forEach((text, i) => {
      expect(text).toContain(cardsNo);
      expect(text.replace(/\s+/g, '')).toContain(`第${i + 1}/${pages.length}页`);
      expect(text).toContain(HOTLINE);
      expect(text).toContain(HOTLINE_24H);
      expect(text).toContain('网格员小李');
      expect(text).toContain('爱心服务卡');
    });
    const all = pages.join('\n');
    for (const p of grid1) expect(all).toContain(p.name);
    expect(pngPages(pdf, o.files, 'service-cards-page', 1).length).toBe(1);
    await popup.close();

    // A worker leaves: the preview lists exactly what moves, then it moves.
    await page.getByRole('button', { name: '返回网格列表' }).or(page.getByRole('link', { name: '返回网格列表' })).click();
    await page.getByRole('link', { name: '人员移交' }).click();
    await page.getByRole('heading', { name: '人员移交' }).waitFor();
    await page.getByRole('combobox', { name: /^调离的人员/ }).click();
    await page.getByRole('option', { name: /^网格员小王/ }).click();
    await page.getByRole('combobox', { name: /^移交给/ }).click();
    await page.getByRole('option', { name: /^张干事/ }).click();
    await page.getByRole('button', { name: '预览要移交的内容' }).click();
    await page.getByText(`人员 ${GRID2_COUNT} 人次`).waitFor();
    await page.getByText('网格 1 个').waitFor();
    for (const p of grid2) await page.getByRole('cell', { name: p.name, exact: true }).waitFor();
    await closeNotes();
    await expectNoEnglish();
    await o.screenshot('grids-transfer-preview');
    await page.getByRole('button', { name: /^确认移交/ }).click();
    await page.getByText(`已从 网格员小王 移交给 张干事，共 ${GRID2_COUNT} 人次。`).first().waitFor();
    const asStaff = o.app.sessions.create();
    await o.must(asStaff, 'auth.login', { username: 'zhangganshi', password: STAFF_PASSWORD });
    const users = await o.must(asStaff, 'assignments.users', {});
    expect(users.find((u) => u.id === ids.gw2)).toMatchObject({ primaryCount: 0, grids: [] });
    expect(users.find((u) => u.id === ids.staff)).toMatchObject({ primaryCount: GRID2_COUNT, grids: [{ id: ids.grid2, name: '第二网格' }] });

    // A grid's worker changes in one action: the grid, its persons and their open requests.
    await closeNotes();
    await page.getByRole('link', { name: '返回网格列表' }).click();
    await page.getByRole('link', { name: '第二网格' }).click();
    await page.getByRole('button', { name: '更换网格员' }).click();
    const reassign = page.getByRole('dialog', { name: '更换“第二网格”的网格员' });
    await reassign.getByText('现在的网格员：张干事').waitFor();
    await reassign.getByRole('combobox', { name: /^新网格员/ }).click();
    await page.getByRole('option', { name: /^网格员小王/ }).click();
    await o.screenshot('grids-reassign');
    await reassign.getByRole('button', { name: '确认更换' }).click();
    await page.getByText(new RegExp(`已更换“第二网格”的网格员：转交 ${GRID2_COUNT} 人`)).waitFor();
    await page.getByText('网格员小王（13903510002）').waitFor();
  });

  it('an administrator sets the hotlines printed on the cards and the visit rules', async () => {
    const o = await openAs('admin', ADMIN_PASSWORD, '王主任');
    await openSection('设置');
    await page.getByRole('heading', { name: '走访规则' }).waitFor();
    await expect.poll(() => page.getByLabel('社区服务热线').inputValue()).toBe(HOTLINE);
    expect(await page.getByLabel('24 小时值班电话').inputValue()).toBe(HOTLINE_24H);
    const ages = page.getByLabel('整寿生日慰问的年龄');
    await expect.poll(() => ages.inputValue()).toBe('80、85、90、95、100');
    await ages.fill('80、85、90、95、一百');
    await page.getByRole('button', { name: '保存走访规则' }).click();
    await page.getByText('年龄要填 50 到 130 之间的整数（用阿拉伯数字），用顿号隔开。').waitFor();
    await ages.fill('80、85、90、95、99');
    await page.getByLabel('提前几天出现在走访清单中').fill('10');
    await page.getByRole('button', { name: '保存走访规则' }).click();
    await page.getByText('走访规则已保存，尚未完成的走访已按新规则重新安排。').waitFor();
    const asAdmin = o.app.sessions.create();
    await o.must(asAdmin, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect((await o.must(asAdmin, 'settings.get', {})).scheduleRules).toMatchObject({ milestoneAges: [80, 85, 90, 95, 99], showDaysBefore: 10 });
    await closeNotes();
    await page.getByRole('heading', { name: '走访规则' }).scrollIntoViewIfNeeded();
    await expectNoEnglish();
    await o.screenshot('settings-rules');
  });
});
