/**
 * An office's working day without surprises, in a real browser: a 网格员 just created is in the grid
 * dialog's picker without a reload; an empty visit does not save and says why; dates say what is
 * wrong with them and a year and month of retirement is kept and shown as such; the audit log names
 * the person and reads in words.
 */
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, e2eSuite, go, openAs, setUp, setupInput } from './support';
import { personInput } from '../helpers/persons';

const ADMIN_PASSWORD = 'zhuren2026';

const suite = e2eSuite('office-day');
const office = suite.office('office', async (s) => {
  const admin = await setUp(s, setupInput('幸福里社区', ADMIN_PASSWORD));
  await s.must(admin, 'settings.update', { idleLockMinutes: 0 });
  const person = await s.must(admin, 'persons.create', personInput({ name: '李秀英', gender: 'female', birthDate: '1946-05-12', retirementDate: '2001年10月', createGrid: true }));
  await s.must(admin, 'requests.create', { personId: person.id, category: 'home_care', description: '需要助餐服务' });
  return { personId: person.id };
});

describe('an office\'s working day', () => {
  it('shows a 网格员 just created in the grid dialog\'s picker, without a reload', async () => {
    const o = await suite.open(office);
    const page = o.page;
    await openAs(o, 'admin', ADMIN_PASSWORD, '王主任');
    // The picker's users are read once here (the dialog opened and closed) …
    await go(page, '/grids');
    await page.getByRole('button', { name: '新建网格' }).first().click();
    await page.getByRole('combobox', { name: '网格员' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '取消' }).click();
    // … then a grid worker is added on the users page …
    await go(page, '/users');
    await page.getByRole('button', { name: '新建用户' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('xiaozhao');
    await dialog.getByLabel('姓名').fill('网格员小赵');
    await dialog.getByRole('combobox', { name: '角色' }).click();
    await page.getByRole('option', { name: '网格员' }).click();
    await dialog.getByLabel('初始密码', { exact: true }).fill('xiaozhao2026');
    await dialog.getByLabel('再次输入初始密码').fill('xiaozhao2026');
    await dialog.getByRole('button', { name: '新建用户' }).click();
    await page.getByText('已新建用户“网格员小赵”。').waitFor();
    // … and is offered at once in the grid dialog.
    await go(page, '/grids');
    await page.getByRole('button', { name: '新建网格' }).first().click();
    await page.getByRole('combobox', { name: '网格员' }).click();
    await page.getByRole('option', { name: /网格员小赵/ }).waitFor();
    await o.screenshot('office-day-grid-picker');
  }, E2E_TIMEOUT);

  it('refuses an empty visit with a plain message, and takes 未见到本人', async () => {
    const o = await suite.open(office);
    const page = o.page;
    await openAs(o, 'admin', ADMIN_PASSWORD, '王主任');
    await go(page, `/visits/record/${o.data.personId}`);
    await page.getByRole('heading', { name: '记录对“李秀英”的走访' }).waitFor();
    await page.getByRole('button', { name: '保存走访记录' }).click();
    await page.getByText('请填写情况简述；没有见到本人时，请勾选“未见到本人”。').waitFor();
    await o.screenshot('office-day-empty-visit');
    expect(o.app.db.prepare('SELECT count(*) AS n FROM visit_records').get()).toEqual({ n: 0 });
    await page.getByLabel('未见到本人').check();
    await page.getByRole('button', { name: '保存走访记录' }).click();
    await page.getByText(/已记录对“李秀英”的走访/).waitFor();
    expect(o.app.db.prepare('SELECT summary FROM visit_records').get()).toEqual({ summary: '未见到本人' });
  }, E2E_TIMEOUT);

  it('names a day February lacks, keeps 2008年3月 as a month, and the audit log reads in words', async () => {
    const o = await suite.open(office);
    const page = o.page;
    await openAs(o, 'admin', ADMIN_PASSWORD, '王主任');
    await go(page, `/persons/${o.data.personId}/edit`);
    const retirement = page.getByLabel('离退休时间');
    await retirement.fill('2008-02-30');
    await retirement.blur();
    await page.getByText('2008 年 2 月没有 30 日，请检查。').waitFor();
    await o.screenshot('office-day-no-such-day');
    await retirement.fill('2008年3月');
    await retirement.blur();
    await page.getByRole('button', { name: '保存' }).first().click();
    await page.getByText('2008年3月').first().waitFor();
    expect(o.app.db.prepare('SELECT retirement_date FROM persons').get()).toEqual({ retirement_date: '2008-03' });
    await o.screenshot('office-day-retirement-month');
    await go(page, '/audit');
    const first = page.locator('.MuiDataGrid-row').first();
    await expect.poll(() => first.innerText()).toContain('李秀英');
    await expect.poll(() => first.innerText()).toContain('离退休时间：2001年10月 → 2008年3月');
    await o.screenshot('office-day-audit');
  }, E2E_TIMEOUT);
});
