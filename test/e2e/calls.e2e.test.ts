/**
 * 来电来访登记 in a real browser against real services: a staff member on duty logs an evening call
 * from a retired official about a leaking pipe, turns it into a service request in one step, and
 * sees it in the requests and on the person's page, writes the outcome later; a call about someone
 * moved out says so and, logged by mistake, is deleted; the day's 值班记录 prints.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import dayjs from 'dayjs';
import { makeIdNumber } from '../helpers/persons';
import { E2E_TIMEOUT, e2eSuite, go, logIn as logInAs, screenshotOf, setUp, setupInput, type Office } from './support';

vi.mock('electron', () => ({ app: {}, BrowserWindow: class {}, dialog: {} }));
const { electronPdf } = await import('./electronPdf');

const STAFF_PASSWORD = 'ganshi2026';
const today = dayjs().format('YYYY-MM-DD');
let page: Page;
const consoleProblems: string[] = [];

const suite = e2eSuite('calls');
const office = suite.office('office', async (s) => {
  const must = s.must;
  const admin = await setUp(s, setupInput('幸福里社区', 'zhuren2026'));
  await must(admin, 'settings.update', { idleLockMinutes: 0 });
  await must(admin, 'users.create', { username: 'zhangganshi', displayName: '张干事', role: 'staff', password: STAFF_PASSWORD, phone: '13903510100' });
  const ids: Record<string, string> = {};
  for (const [i, p] of ([
    ['王建国', '1946-05-12', 'male'],
    ['李秀英', '1949-11-03', 'female'],
  ] as const).entries()) {
    const { id } = await must(admin, 'persons.create', {
      name: p[0],
      gender: p[2],
      idNumber: makeIdNumber(p[1], p[2], 60 + i),
      birthDate: p[1],
      phones: [`1393456${1000 + i}`],
      retirementType: 'tuixiu',
      originalUnit: '县水利局',
      unitLevel: 'county',
      politicalStatus: 'cpc',
      community: '幸福里社区',
      grid: '',
      address: `幸福里小区${i + 1}号楼2单元301`,
      livingSituation: 'empty_nest',
    });
    ids[p[0]] = id;
  }
  await must(admin, 'persons.changeStatus', { id: ids['李秀英'] as string, status: 'moved_out', date: '2026-10-01', destination: '北京市海淀区', note: '' });
  await must(admin, 'calls.create', {
    date: today,
    time: '08:40',
    channel: 'walk_in',
    callerKind: 'other',
    personId: null,
    callerName: '刘女士',
    callerPhone: '13703510001',
    category: 'enquiry',
    content: '咨询高龄津贴怎么申领，需要带哪些材料。',
    outcome: '已告知需带身份证、户口本到社区服务站办理。',
  });
  await must(admin, 'calls.create', {
    date: today,
    time: '10:15',
    channel: 'phone',
    callerKind: 'person',
    personId: ids['李秀英'] as string,
    category: 'recreation',
    content: '问还能不能参加社区合唱团。',
  });
  return { ids };
});

async function asStaff(): Promise<Office<{ ids: Record<string, string> }>> {
  const o = await suite.open(office);
  page = o.page;
  page.on('console', (message) => {
    if ((message.type() === 'error' || message.type() === 'warning') && !message.text().startsWith('Failed to load resource')) consoleProblems.push(message.text());
  });
  await page.goto(o.url);
  await logInAs(page, 'zhangganshi', STAFF_PASSWORD, '张干事');
  return o;
}

afterEach(() => {
  expect(consoleProblems.splice(0)).toEqual([]);
});

describe('来电来访登记 (browser mode)', { timeout: E2E_TIMEOUT }, () => {
  it('logs a call and turns it into a service request', async () => {
    const o = await asStaff();
    await page.getByRole('navigation').getByRole('link', { name: '来电来访', exact: true }).click();
    await page.getByRole('heading', { name: '来电来访登记' }).waitFor();
    // A call about someone moved out says so.
    await page.getByTestId('call-person-status').getByText('李秀英 已于 2026-10-01 迁出').waitFor();
    await page.getByRole('button', { name: '登记来电来访' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('时刻').fill('21:30');
    await dialog.getByRole('combobox', { name: /^涉及人员/ }).fill('王建国');
    await page.getByRole('option', { name: /王建国/ }).click();
    await dialog.getByRole('combobox', { name: /^来电人/ }).click();
    await page.getByRole('option', { name: '本人', exact: true }).click();
    await dialog.getByRole('combobox', { name: /^类别/ }).click();
    await page.getByRole('option', { name: '居家养老', exact: true }).click();
    await dialog.getByRole('combobox', { name: /^紧急程度/ }).click();
    await page.getByRole('option', { name: '紧急', exact: true }).click();
    await dialog.getByLabel('来电内容').fill('厨房水管漏水，家里只有老两口，想请社区帮忙找人维修。');
    await screenshotOf(page, 'calls-dialog');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('已登记。').waitFor();
    const row = page.getByTestId('call-row').filter({ hasText: '厨房水管漏水' });
    await row.getByText('紧急', { exact: true }).waitFor();
    await screenshotOf(page, 'calls-list');
    await row.getByRole('button', { name: '转为服务需求' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '转为服务需求' }).click();
    await page.getByText('已转为服务需求。').waitFor();
    await row.getByText('已转为服务需求').waitFor();
    const requests = await o.must(o.as('zhangganshi'), 'requests.list', { personId: o.data.ids['王建国'] as string });
    expect(requests.rows.map((r) => [r.category, r.description])).toEqual([['home_care', '厨房水管漏水，家里只有老两口，想请社区帮忙找人维修。']]);
    // The outcome is written later; the call about someone moved out cannot become a request, and
    // a call logged by mistake is deleted.
    await row.getByRole('button', { name: /^修改/ }).click();
    await page.getByRole('dialog').getByLabel('处理结果').fill('已联系物业，明天上午来修。');
    await screenshotOf(page, 'calls-edit');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存修改。').waitFor();
    await row.getByText('已联系物业，明天上午来修。').waitFor();
    const movedRow = page.getByTestId('call-row').filter({ hasText: '合唱团' });
    expect(await movedRow.getByRole('button', { name: '转为服务需求' }).count()).toBe(0);
    await movedRow.getByRole('button', { name: /^删除/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: '删除' }).click();
    await page.getByText('已删除这条来电记录。').waitFor();
    await page.getByTestId('call-person-status').waitFor({ state: 'detached' });
    // Searching finds it by words said.
    await page.getByLabel('查找（姓名、电话、内容）').fill('水管');
    await page.getByLabel('查找（姓名、电话、内容）').press('Enter');
    await page.getByText('共 1 条').waitFor();
    // On the person's page, under 关怀.
    await go(page, `#/persons/${o.data.ids['王建国'] as string}?tab=care`);
    await page.getByRole('heading', { name: '来电来访', exact: true }).waitFor();
    await page.getByTestId('call-row').getByText('厨房水管漏水', { exact: false }).waitFor();
    await screenshotOf(page, 'calls-person', { fullPage: true });
    // The day's duty log.
    await go(page, `#/print/calls-day/${today}`);
    await page.getByText('值班记录（来电来访登记）').first().waitFor();
    await page.getByText('交班人').waitFor();
    await screenshotOf(page, 'calls-print', { fullPage: true });
    // On paper as the desktop app prints it: the office, the day, the calls in the order they came
    // with what was done, the handover signatures and the page count.
    await go(page, `#/print/calls-day/${today}?footer=engine`);
    await page.getByText('交班人').waitFor();
    const pdf = path.join(o.files, 'calls-day.pdf');
    expect(await electronPdf(page, pdf)).toBe('第 {{page}} / {{pages}} 页');
    // Cells wrap on paper: compare the text in reading order with the spaces taken out.
    const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const words of ['幸福里社区', '值班记录（来电来访登记）', `日期：${today}`, '王建国', '厨房水管漏水', '已联系物业，明天上午来修。', '交班人', '第1/1页']) expect(text).toContain(words);
    expect(text).not.toContain('合唱团');
    expect(text.indexOf('08:40')).toBeLessThan(text.indexOf('21:30'));
  });
});
