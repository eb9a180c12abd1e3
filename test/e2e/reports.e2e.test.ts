/**
 * 统计 at a community office in a real browser, on the small office of the statistics tests (built
 * over 2025 with the clock moved to each day, so its 2025 is a year that is over): the administrator
 * fills the 四个到位, reads the morning view and the dashboard, opens "重阳 未走访" and exports it,
 * prints the annual form (Chromium's PDF read back with pdftotext) and hands it in; the 月度工作小结
 * prints per worker. The counts are those reports.test.ts writes out by hand for the same fixture.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeApp } from '../../main/context';
import { loadExcel } from '../../main/services/spreadsheet';
import { ADMIN_PASSWORD } from '../helpers/app';
import { buildReportsOffice } from '../integration/reports.fixture';
import { personInput } from '../helpers/persons';
import { addDays } from '../../shared/calendar';
import { E2E_TIMEOUT, closeNotes, e2eSuite, go, logIn, printedText, screenshotOf, type OfficeTemplate } from './support';

const suite = e2eSuite('reports');

/** The fixture's data folder, built once for the file and copied for each test like any seeded office. */
let builtDir: string | null = null;
let building: Promise<{ dir: string; data: { grids: { A: string; B: string } } }> | null = null;
const office: OfficeTemplate<{ grids: { A: string; B: string } }> = {
  name: 'reports',
  built() {
    building ??= (async () => {
      const o = await buildReportsOffice();
      closeApp(o.t.app);
      builtDir = o.t.dir;
      return { dir: o.t.dir, data: { grids: o.grids } };
    })();
    return building;
  },
};
afterAll(() => {
  if (builtDir) fs.rmSync(builtDir, { recursive: true, force: true });
});

async function fill(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
}

describe('统计 at a community office (browser mode)', { timeout: E2E_TIMEOUT * 2 }, () => {
  it('fills the 四个到位, reads the dashboard, drills into 重阳 未走访 and exports it, prints the annual form and hands it in', async () => {
    const o = await suite.open(office);
    const { page } = o;
    await page.goto(o.url);
    await logIn(page, 'admin', ADMIN_PASSWORD, '王主任');
    // The home page is the morning view.
    await page.locator('[data-morning="noContact"]').waitFor();
    await o.screenshot('reports-morning', page, { fullPage: true });

    // 四个到位, in 设置; it is the office's row that travels in packets.
    await go(page, '#/settings');
    const card = page.getByRole('region', { name: '社区基本情况（四个到位）' });
    await card.waitFor();
    await card.getByLabel('活动场所名称', { exact: true }).fill('幸福里老干部活动室');
    await card.getByLabel('场所面积（平方米）', { exact: true }).fill('120');
    await card.getByLabel('年度经费（元）', { exact: true }).fill('20000');
    await card.getByLabel('经费年度', { exact: true }).fill('2026');
    await card.getByLabel('专职人员（人）', { exact: true }).fill('1');
    await card.getByLabel('兼职人员（人）', { exact: true }).fill('2');
    const services = card.getByLabel('服务项目', { exact: true });
    await services.fill('学习教育');
    await services.press('Enter');
    await card.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('社区基本情况已保存。').waitFor().catch(async (err: unknown) => {
      await screenshotOf(page, 'reports-profile-failed', { fullPage: true });
      throw err;
    });
    const profile = await o.must(o.as('admin'), 'reports.profile', {});
    expect(profile).toMatchObject({ venueName: '幸福里老干部活动室', venueAreaM2: 120, annualFundsFen: 2_000_000, fundsYear: 2026, staffFullTime: 1, staffPartTime: 2 });
    expect(profile.services).toContain('学习教育');
    await closeNotes(page);
    // The 重阳 goal goes down to 45%: within the amber margin (10 points) of 42.9%.
    const goals = page.getByRole('region', { name: '统计目标' });
    await goals.getByLabel('重阳节覆盖率目标（%）', { exact: true }).fill('45');
    await goals.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('统计目标已保存。').waitFor();
    expect((await o.must(o.as('admin'), 'settings.get', {})).reports.goals.chongyang).toBe(45);
    await goals.scrollIntoViewIfNeeded();
    await o.screenshot('reports-settings', page);
    await closeNotes(page);

    // The dashboard of 2025: 重阳 at 42.9% against the office's goal of 45% reads amber.
    await go(page, '#/reports?period=2025');
    const chongyang = page.locator('[data-indicator="visits.campaign.chongyang"]');
    await expect.poll(() => chongyang.innerText()).toContain('42.9%');
    expect(await chongyang.innerText()).toContain('目标 45% · 接近目标');
    // An input that is missing is said, not counted as zero.
    await expect.poll(() => page.locator('[data-indicator="persons.adl"]').innerText()).toContain('ADL 未评估');
    // …in the unit of what is missing: sessions without attendance are 次, not persons.
    expect(await page.locator('[data-indicator="activities.sessions"]').innerText()).toContain('未记录出勤 1 次');
    await page.locator('.MuiChartsSurface-root').first().waitFor();
    await o.screenshot('reports-dashboard', page);
    await o.screenshot('reports-dashboard-full', page, { fullPage: true });

    // 覆盖率明细 by responsible contact: 小李 50% passes the 45% goal, 小王 33.3% is more than 10 points below.
    const table = page.getByTestId('coverage-table');
    await table.getByRole('combobox', { name: '活动' }).click();
    await page.getByRole('option', { name: '重阳节', exact: true }).click();
    await table.getByRole('button', { name: '责任联系人', exact: true }).click();
    const xiaowang = table.getByRole('row').filter({ hasText: '网格员小王' });
    await expect.poll(() => xiaowang.getAttribute('data-status')).toBe('red');
    expect(await table.getByRole('row').filter({ hasText: '网格员小李' }).getAttribute('data-status')).toBe('green');
    expect((await xiaowang.innerText()).replace(/\s+/g, ' ')).toContain('3 1 2 33.3% 未达标');
    await table.scrollIntoViewIfNeeded();
    await o.screenshot('reports-coverage-table', page);
    await xiaowang.getByRole('link', { name: '2', exact: true }).click();
    await page.getByText('共 2 条').waitFor();
    for (const name of ['张志强', '赵淑珍']) await page.getByRole('link', { name, exact: true }).waitFor();
    await page.goBack();
    await chongyang.waitFor();

    // 重阳 未走访: the four persons, exported with the filter in the title row.
    await chongyang.locator('[data-figure="visits.campaign.chongyang.notVisited"]').click();
    await page.getByText('共 4 人').or(page.getByText('共 4 条')).first().waitFor();
    for (const name of ['张志强', '赵淑珍', '郑玉兰', '陈海涛']) await page.getByRole('link', { name, exact: true }).waitFor();
    await o.screenshot('reports-drill', page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出表格' }).click()]);
    const file = path.join(o.files, download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new (await loadExcel()).Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    expect(String(sheet?.getCell(1, 1).value)).toContain('重阳走访慰问：未走访（筛选：期间：');
    const names: string[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 3) names.push(String(row.getCell(1).value));
    });
    expect(names.sort()).toEqual(['张志强', '赵淑珍', '郑玉兰', '陈海涛'].sort());
    // …and printed: the same four on A4, under the list's title, period and count.
    const drillText = await printedText(page, '打印名单', o.files, 'reports-drill-chongyang', 1);
    expect(drillText).toContain('幸福里社区');
    expect(drillText).toMatch(/重阳.*未走访名单/);
    expect(drillText).toContain('共 4 人（条）');
    for (const name of ['张志强', '赵淑珍', '郑玉兰', '陈海涛']) expect(drillText).toContain(name);

    // The annual form of 2025: its checks pass, it prints on A4, and it is handed in.
    await go(page, '#/reports/forms?form=annual&period=2025');
    await page.getByTestId('form-preview').waitFor();
    await expect.poll(() => page.getByTestId('form-checks').innerText()).toBe('校核全部通过。');
    await fill(page, '单位负责人', '王主任');
    await fill(page, '填报人', '张干事');
    await fill(page, '联系电话', '0354-2345678');
    await o.screenshot('reports-form', page, { fullPage: true });
    const text = await printedText(page, '打印报表', o.files, 'reports-annual-2025', 2);
    expect(text).toContain('离退休干部基本情况统计表');
    expect(text).toMatch(/填报单位：\s*幸福里社区/);
    expect(text).toContain('2025年12月31日');
    for (const line of ['年末在册', '单位负责人', '填报人', '联系电话', '填报日期']) expect(text).toContain(line);

    await page.getByRole('button', { name: '上报', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '上报', exact: true }).click();
    await page.getByText('已上报。').waitFor();
    await page.getByText(/由 王主任 上报/).waitFor();
    const handedIn = await o.must(o.as('admin'), 'reports.submissions', { form: 'annual', period: '2025' });
    expect(handedIn).toHaveLength(1);
    expect(handedIn[0]).toMatchObject({ submittedByName: '王主任' });
    await o.screenshot('reports-form-handed-in', page);
  });

  it('the 整寿 birthdays and the overdue pairs open filtered to what they count; 单位性质 is chosen on the person form; the activities list exports', async () => {
    const o = await suite.open(office);
    const { page } = o;
    // The e2e office runs on the real clock: someone turns 80 ten days from today, another in 40 days (not on the card).
    const staff = o.as('staff1');
    const today = (await o.must(staff, 'reports.morning', {})).today;
    const turning80 = (days: number) => {
      const day = addDays(today, days);
      return `${Number(day.slice(0, 4)) - 80}${day.slice(4)}`;
    };
    await o.must(staff, 'persons.create', personInput({ seq: 801, name: '钱立新', birthDate: turning80(10), grid: '第一网格' }));
    await o.must(staff, 'persons.create', personInput({ seq: 802, name: '冯志远', birthDate: turning80(40), grid: '第一网格' }));
    const morning = await o.must(staff, 'reports.morning', {});
    expect(morning.birthdays.map((b) => b.name)).toContain('钱立新');
    expect(morning.birthdays.map((b) => b.name)).not.toContain('冯志远');
    await page.goto(o.url);
    await logIn(page, 'admin', ADMIN_PASSWORD, '王主任');

    // The 整寿 card opens the worklist of the birthday visits it counts: due from today to its 30th day.
    const birthdays = page.locator('[data-morning="birthdays"]');
    await expect.poll(() => birthdays.locator('a').first().innerText()).toBe(String(morning.birthdays.length));
    await o.screenshot('reports-morning-birthdays', page, { fullPage: true });
    await birthdays.locator('a').first().click();
    await page.waitForURL(/#\/visits\?/);
    const params = new URLSearchParams(page.url().split('?')[1]);
    expect([params.get('reason'), params.get('from'), params.get('to')]).toEqual(['birthday', today, morning.birthdaysUntil]);
    expect(await page.getByLabel('应访日期从', { exact: true }).inputValue()).toBe(today);
    await expect.poll(() => page.getByText(/^共 \d+ 次走访$/).innerText()).toBe(`共 ${morning.birthdays.length} 次走访`);
    await page.getByRole('grid').getByText('钱立新', { exact: true }).waitFor();
    expect(await page.getByRole('grid').getByText('冯志远', { exact: true }).count()).toBe(0);
    await o.screenshot('reports-birthdays-worklist', page);
    await go(page, '#/');

    // The morning view's overdue pairs open the pairs list with only the overdue ones, the filter shown.
    await page.locator('[data-morning="pairs"] a').click();
    await page.waitForURL(/due=overdue/);
    await expect.poll(() => page.getByRole('combobox', { name: '联系提醒' }).innerText()).toBe('已逾期');
    await page.getByTestId('pairs-overdue').waitFor();
    const chips = await page.getByRole('grid').getByText(/已逾期 \d+ 天/).count();
    expect(chips).toBeGreaterThan(0);
    expect(await page.getByRole('grid').getByText('近期该联系').count()).toBe(0);
    await o.screenshot('reports-pairs-overdue', page);
    // At 1366 px the whole filter bar, 新建结对 at its end, is one line.
    const middle = async (name: string) => {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox();
      return box ? box.y + box.height / 2 : NaN;
    };
    expect(Math.abs((await middle('新建结对')) - (await middle('进行中')))).toBeLessThan(4);
    // Narrower, the bar wraps rather than running off the page.
    await page.setViewportSize({ width: 1024, height: 860 });
    await expect.poll(() => middle('新建结对')).toBeGreaterThan(await middle('进行中'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.setViewportSize({ width: 1366, height: 860 });

    // 单位性质 on the person form: chosen, saved, shown on the record.
    await go(page, '#/persons');
    await page.getByRole('columnheader', { name: '身份证号' }).waitFor();
    await page.getByRole('grid').getByText('赵淑珍', { exact: true }).click();
    await page.waitForURL(/#\/persons\/[0-9a-f-]{36}/);
    await page.getByRole('link', { name: '编辑' }).first().click();
    const kind = page.getByRole('combobox', { name: '单位性质' });
    await kind.waitFor();
    // Nothing recorded yet: the box says so rather than looking blank.
    expect(await kind.innerText()).toBe('未登记');
    await kind.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await o.screenshot('reports-person-unit-kind-empty', page);
    await kind.click();
    await page.getByRole('option', { name: '未登记' }).waitFor();
    await page.getByRole('option', { name: '事业单位', exact: true }).click();
    await o.screenshot('reports-person-unit-kind', page);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    // The form's own box already says 事业单位: wait for the save to bring back the record, or its late
    // navigation would override the next step's.
    await page.waitForURL(/#\/persons\/[0-9a-f-]{36}$/);
    await page.getByText('事业单位', { exact: true }).first().waitFor();

    // 学习活动 export with the filter in the title row.
    await go(page, '#/activities/list');
    await page.getByRole('link', { name: '太极拳交流' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出表格' }).click()]);
    const file = path.join(o.files, download.suggestedFilename());
    await download.saveAs(file);
    const wb = new (await loadExcel()).Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets[0]?.getCell(1, 1).value).toBe('学习活动（全部）');
    await o.screenshot('reports-activities-list', page);
  });

  it('the 月度工作小结 shows each worker and prints for the office', async () => {
    const o = await suite.open(office);
    const { page } = o;
    await page.goto(o.url);
    await logIn(page, 'admin', ADMIN_PASSWORD, '王主任');
    await go(page, '#/reports/work?period=2025-10');
    await page.getByText('网格员小李', { exact: true }).first().waitFor();
    await page.getByText('网格员小王', { exact: true }).first().waitFor();
    await o.screenshot('reports-work', page, { fullPage: true });
    const [printed] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: '打印全社区小结', exact: true }).click()]);
    await printed.waitForSelector('html[data-print-ready="1"]');
    const body = await printed.locator('body').innerText();
    expect(body).toContain('工作小结');
    expect(body).toContain('网格员小李');
    await screenshotOf(printed, 'reports-work-print', { fullPage: true });
    await printed.close();
  });
});
