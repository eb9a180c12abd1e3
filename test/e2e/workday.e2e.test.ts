/**
 * An office's working day without surprises, in a real browser at 1,366 px: a password an
 * administrator chose is replaced at the first login, a dialog with typed content asks before it is
 * thrown away, a person's grid is one that exists, tables fit or scroll with the full text on hover,
 * and a backup can be taken out of the backup folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../helpers/persons';
import { E2E_TIMEOUT, e2eSuite, go, openAs, setUp, setupInput } from './support';

const PASSWORD = 'richang2026';
const WORKER_PASSWORD = 'Chushi2026';

const suite = e2eSuite('workday');
const office = suite.office('office', async (s) => {
  const admin = await setUp(s, setupInput('日常测试社区', PASSWORD, { areaCode: '140702001003' }));
  await s.must(admin, 'settings.update', { idleLockMinutes: 0 });
  await s.must(admin, 'grids.create', { name: '第一网格', places: ['幸福里小区'] });
  const { id } = await s.must(admin, 'persons.create', {
    name: '王建国',
    gender: 'male',
    idNumber: makeIdNumber('1938-05-12', 'male', 21),
    birthDate: '1938-05-12',
    phones: ['13934561001'],
    retirementType: 'tuixiu',
    originalUnit: '县人民政府办公室',
    community: '日常测试社区',
    address: '幸福里小区1号楼2单元301',
  });
  return { personId: id };
});

describe('an office working day (browser mode)', { timeout: E2E_TIMEOUT }, () => {
  it('makes a user replace the password an administrator gave them before anything else', async () => {
    const o = await suite.open(office);
    const { page } = o;
    await o.must(o.as('admin'), 'users.create', { username: 'xiaozhao', displayName: '网格员小赵', role: 'gridworker', password: WORKER_PASSWORD, phone: null });
    await page.goto(o.url);
    await page.getByLabel('用户名', { exact: true }).fill('xiaozhao');
    await page.getByLabel('密码', { exact: true }).fill(WORKER_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('heading', { name: '请先设置您自己的密码' }).waitFor();
    await page.getByText('网格员小赵，您现在用的密码是管理员为您设置的。').waitFor();
    // No way around it: no navigation, and main refuses the calls the shell would make.
    expect(await page.getByRole('navigation').count()).toBe(0);
    await page.getByLabel('当前密码', { exact: true }).fill(WORKER_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill('Zhao2026own');
    await page.getByLabel('再次输入新密码', { exact: true }).fill('Zhao2026own');
    await page.screenshot({ path: '/tmp/workday-first-password.png' });
    await page.getByRole('button', { name: '设置新密码并进入' }).click();
    await page.getByRole('heading', { name: '网格员小赵，您好！' }).waitFor();
    const users = await o.must(o.as('admin'), 'users.list', {});
    expect(users.find((u) => u.username === 'xiaozhao')?.mustChangePassword).toBe(false);
  });

  it('does not ask the setup administrator, who chose their own password', async () => {
    const o = await suite.open(office);
    await openAs(o, 'admin', PASSWORD, '王主任');
    expect(await o.page.getByRole('heading', { name: '请先设置您自己的密码' }).count()).toBe(0);
  });

  it('shows the backup folder and saves a backup copy (a download in browser mode)', async () => {
    const o = await suite.open(office);
    const { page } = o;
    await page.setViewportSize({ width: 1366, height: 768 });
    await openAs(o, 'admin', PASSWORD, '王主任');
    const made = await o.must(o.as('admin'), 'backup.create', {});
    await page.getByRole('navigation').getByRole('link', { name: '备份与恢复', exact: true }).click();
    await page.getByRole('heading', { name: '备份与恢复' }).waitFor();
    expect(await page.getByTestId('backup-folder').innerText()).toBe(path.join(o.dataDir, 'backups'));
    const row = page.getByRole('row').filter({ hasText: made.name });
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: '另存为' }).click()]);
    expect(download.suggestedFilename()).toBe(made.name);
    const saved = path.join(o.files, made.name);
    await download.saveAs(saved);
    expect(fs.readFileSync(saved).equals(fs.readFileSync(made.path))).toBe(true);
    await page.getByText(`备份已下载：${made.name}。`).waitFor();
    await page.screenshot({ path: '/tmp/workday-backup.png' });
  });

  it('asks before a dialog with typed content is closed by Escape or a click beside it', async () => {
    const o = await suite.open(office);
    const { page } = o;
    await page.setViewportSize({ width: 1366, height: 768 });
    await openAs(o, 'admin', PASSWORD, '王主任');
    await go(page, '#/grids');
    await page.getByRole('button', { name: '新建网格' }).first().click();
    const dialog = page.getByRole('dialog', { name: '新建网格' });
    await dialog.waitFor();
    // Nothing typed: Escape closes at once.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: '新建网格' }).first().click();
    await dialog.locator('input[name="name"]').fill('第三网格');
    await page.keyboard.press('Escape');
    const ask = page.getByRole('dialog', { name: '放弃已填写的内容？' });
    await ask.waitFor();
    await page.screenshot({ path: '/tmp/workday-discard.png' });
    await ask.getByRole('button', { name: '继续填写' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await dialog.locator('input[name="name"]').inputValue()).toBe('第三网格');
    // A click beside the dialog asks too; discarding closes it without saving.
    await page.mouse.click(10, 400);
    await ask.getByRole('button', { name: '放弃并关闭' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await o.must(o.as('admin'), 'grids.list', {})).map((g) => g.name)).toEqual(['第一网格']);
  });

  it('creates a grid typed on a person only after asking, so the registry and the grids agree', async () => {
    const o = await suite.open(office);
    const { page } = o;
    await page.setViewportSize({ width: 1366, height: 768 });
    await openAs(o, 'admin', PASSWORD, '王主任');
    await go(page, `#/persons/${o.data.personId}/edit`);
    await page.getByRole('heading', { name: /王建国/ }).waitFor();
    const grid = page.locator('input[name="grid"]');
    expect(await grid.inputValue()).toBe('第一网格');
    await grid.fill('第二网格');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const ask = page.getByRole('dialog', { name: '新建网格“第二网格”？' });
    await ask.getByText('“第二网格”还不是本社区的网格。').waitFor();
    await page.screenshot({ path: '/tmp/workday-new-grid.png' });
    // Not now: nothing saved, the form stays.
    await ask.getByRole('button', { name: '取消' }).click();
    expect((await o.must(o.as('admin'), 'grids.list', {})).map((g) => g.name)).toEqual(['第一网格']);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await ask.getByRole('button', { name: '新建网格并保存' }).click();
    await page.waitForURL(new RegExp(`#/persons/${o.data.personId}$`));
    const grids = await o.must(o.as('admin'), 'grids.list', {});
    const second = grids.find((g) => g.name === '第二网格');
    expect(second?.personCount).toBe(1);
    const person = (await o.must(o.as('admin'), 'persons.get', { id: o.data.personId })).person;
    expect(person).toMatchObject({ grid: '第二网格', gridId: second?.id });
  });
});
