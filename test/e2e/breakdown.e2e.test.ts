/**
 * 分项 in a real browser, on the small office of the statistics tests (reports.fixture.ts, its 2025 a
 * year that is over): from the dashboard's 在册人数 tile to its breakdown page, 按性别 chosen among
 * exactly the catalogue's breakdowns, the counts those reports.test.ts writes out by hand, a count
 * opened to its list, the table exported and printed with the period and the breakdown in its title;
 * and a rate (重阳 coverage), which has no list, opening its indicator's breakdown by grid.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeApp } from '../../main/context';
import { loadExcel } from '../../main/services/spreadsheet';
import { DIM_LABELS, indicator } from '../../shared/reports/catalogue';
import { ADMIN_PASSWORD } from '../helpers/app';
import { buildReportsOffice } from '../integration/reports.fixture';
import { E2E_TIMEOUT, e2eSuite, go, logIn, printedText, type OfficeTemplate } from './support';

const suite = e2eSuite('breakdown');

let builtDir: string | null = null;
let building: Promise<{ dir: string; data: null }> | null = null;
const office: OfficeTemplate<null> = {
  name: 'breakdown',
  built() {
    building ??= (async () => {
      const o = await buildReportsOffice();
      closeApp(o.t.app);
      builtDir = o.t.dir;
      return { dir: o.t.dir, data: null };
    })();
    return building;
  },
};
afterAll(() => {
  if (builtDir) fs.rmSync(builtDir, { recursive: true, force: true });
});

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('分项 of an indicator (browser mode)', { timeout: E2E_TIMEOUT * 2 }, () => {
  it('opens 在册人数 from its tile, breaks it down 按性别, opens a count to its list, exports and prints the table', async () => {
    const o = await suite.open(office);
    const { page } = o;
    await page.goto(o.url);
    await logIn(page, 'admin', ADMIN_PASSWORD, '王主任');
    await go(page, '#/reports?period=2025');
    const tile = page.locator('[data-indicator="persons.headcount"]');
    await expect.poll(() => tile.innerText()).toContain('6');
    // Every tile opens its 分项, by its title and by a link of that name.
    expect(await page.getByRole('link', { name: '查看在册人数按网格、责任人、性别等的分项' }).count()).toBe(1);
    await page.locator('[data-indicator="volunteers.hours"]').scrollIntoViewIfNeeded();
    await o.screenshot('breakdown-dashboard-tiles', page);
    await tile.scrollIntoViewIfNeeded();
    await tile.locator('[data-breakdown="persons.headcount"]').click();
    await page.waitForURL(/#\/reports\/indicator\/persons\.headcount\?period=2025/);

    // The chooser offers the catalogue's breakdowns of the indicator, no more and no fewer.
    const chooser = page.getByRole('group', { name: '分项方式' });
    await chooser.waitFor();
    const offered = (await chooser.getByRole('button').allInnerTexts()).map((x) => x.trim());
    expect(offered).toEqual((indicator('persons.headcount')?.breakdowns ?? []).map((d) => `按${DIM_LABELS[d]['zh-CN']}`));
    expect(offered).toEqual(expect.arrayContaining(['按网格', '按责任联系人', '按离休/退休', '按性别', '按年龄段', '按原单位级别', '按单位性质']));

    await chooser.getByRole('button', { name: '按性别', exact: true }).click();
    await page.waitForURL(/by=sex/);
    const table = page.getByTestId('breakdown-table');
    const row = (key: string) => table.locator(`tr[data-row="${key}"]`);
    await expect.poll(async () => flat(await row('male').innerText())).toBe('男 2 1 1 1');
    expect(flat(await row('female').innerText())).toBe('女 4 2 2 2');
    expect(flat(await row('total').innerText())).toBe('合计 6 3 3 3');
    expect((await table.locator('thead th').allInnerTexts()).map((x) => x.replace(/\s+/g, ''))).toEqual(['性别', '合计（人）', '离休（人）', '退休（人）', '单位性质未登记（人）']);
    // The input that is missing is said, and opens its own list.
    expect(await page.getByTestId('breakdown-incomplete').innerText()).toContain('单位性质未登记 3 人');
    await o.screenshot('breakdown-headcount-sex', page);

    // .xlsx with the period and the breakdown in its title row.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出表格' }).click()]);
    const file = path.join(o.files, download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new (await loadExcel()).Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getCell(1, 1).value).toBe('在册人数：按性别分项（期间：2025年）');
    expect([4, 5, 6].map((r) => [sheet?.getCell(r, 1).value, sheet?.getCell(r, 2).value])).toEqual([
      ['男', 2],
      ['女', 4],
      ['合计', 6],
    ]);

    // On A4: the same table under its title, period and 统计时点.
    const text = await printedText(page, '打印分项表', o.files, 'breakdown-headcount-sex');
    expect(text).toContain('幸福里社区');
    expect(text).toContain('在册人数：按性别分项统计');
    expect(text).toContain('统计时点：2025-12-31');
    expect(flat(text)).toContain('合计 6 3 3 3');

    // A count opens the list of its row: the four women on the register.
    await row('female').locator('[data-figure="female.total"]').click();
    await page.waitForURL(/#\/reports\/drill\?.*by=sex&value=female/);
    await page.getByText('共 4 条').waitFor();
    await page.getByText('所选性别：女').waitFor();
    for (const name of ['李秀英', '赵淑珍', '周丽华', '郑玉兰']) await page.getByRole('link', { name, exact: true }).waitFor();
    await o.screenshot('breakdown-drill-female', page);
    // Back to the breakdown it came from, still 按性别.
    await page.getByRole('link', { name: '返回分项统计' }).click();
    await page.waitForURL(/#\/reports\/indicator\/persons\.headcount\?period=2025&by=sex/);
    await expect.poll(async () => flat(await row('female').innerText())).toBe('女 4 2 2 2');
  });

  it('a rate on a tile (重阳 coverage) opens its breakdown, by grid first, each count a link and the rate against the goal', async () => {
    const o = await suite.open(office);
    const { page } = o;
    await page.goto(o.url);
    await logIn(page, 'admin', ADMIN_PASSWORD, '王主任');
    await go(page, '#/reports?period=2025');
    const tile = page.locator('[data-indicator="visits.campaign.chongyang"]');
    await expect.poll(() => tile.innerText()).toContain('42.9%');
    await tile.locator('[data-figure="visits.campaign.chongyang.coverage"]').click();
    await page.waitForURL(/#\/reports\/indicator\/visits\.campaign\.chongyang\?period=2025/);
    const table = page.getByTestId('breakdown-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => flat(r).split(' ')[0])).toEqual(['第一网格', '第二网格', '合计']);
    const header = (await table.locator('thead th').allInnerTexts()).map((x) => x.replace(/\s+/g, ''));
    const cellOf = async (r: number, label: string) => flat(await table.locator('tbody tr').nth(r).locator('td').nth(header.indexOf(label)).innerText());
    expect([await cellOf(0, '应走访（人）'), await cellOf(0, '已走访（人）'), await cellOf(0, '覆盖率（%）')]).toEqual(['4', '2', '50.0%']);
    expect([await cellOf(1, '应走访（人）'), await cellOf(1, '已走访（人）'), await cellOf(1, '覆盖率（%）')]).toEqual(['3', '1', '33.3%']);
    expect(await cellOf(2, '覆盖率（%）')).toBe('42.9%');
    // Only the period's year is offered for a campaign.
    expect(await page.getByRole('group', { name: '期间类型' }).count()).toBe(0);
    await o.screenshot('breakdown-chongyang-grid', page, { fullPage: true });
    // The thirteen columns of a campaign print on A4, every column on the sheet.
    const text = flat(await printedText(page, '打印分项表', o.files, 'breakdown-chongyang-grid'));
    expect(text).toContain('重阳走访慰问：按网格分项统计');
    for (const head of ['覆盖率', '应走访', '慰问金', '人工取消']) expect(text).toContain(head);
    expect(text).toMatch(/合计 42\.9% 7 3 4 4/);
    // 第二网格 未走访 → the two persons of that grid not visited.
    await table.locator('tbody tr').nth(1).locator('td').nth(header.indexOf('未走访（人）')).getByRole('link').click();
    await page.getByText('共 2 条').waitFor();
    for (const name of ['张志强', '赵淑珍']) await page.getByRole('link', { name, exact: true }).waitFor();
  });
});
