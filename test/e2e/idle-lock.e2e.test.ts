/**
 * The idle lock in a real browser: after the idle time set in 设置 a lock overlay covers the page
 * without unmounting it, so a half-filled form survives; the password unlocks it. Main's own idle
 * lock (an answer of SESSION_LOCKED / a 'session' event) shows the same overlay.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_TIMEOUT, e2eSuite, openAs, setUp, setupInput, type Office } from './support';

const PASSWORD = 'suoping2024';

const suite = e2eSuite('idle-lock');
// Set up directly through the services; the UI of setup is covered by foundation.e2e.
const office = suite.office('office', async (s) => {
  await setUp(s, setupInput('锁屏测试社区', PASSWORD, { areaCode: '140702001002' }));
});

/** A browser context of its own: the fake clock stays installed in it for good. */
const openOffice = () => suite.open(office, { fresh: true });

/** The office with the idle lock at one minute, its page's clock fake (it runs in real time until told), logged in. */
async function lockingAfterAMinute(): Promise<Office<void>> {
  const o = await openOffice();
  await o.must(o.as('admin'), 'settings.update', { idleLockMinutes: 1 });
  await o.page.clock.install();
  await openAs(o, 'admin', PASSWORD, '王主任');
  return o;
}

const lockDialog = (page: Page) => page.getByRole('dialog', { name: '屏幕已锁定' });

async function fillCreateUserForm(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: '用户管理', exact: true }).click();
  await page.getByRole('button', { name: '新建用户' }).click();
  const dialog = page.getByRole('dialog', { name: '新建用户' });
  await dialog.getByLabel('用户名', { exact: true }).fill('lisi');
  await dialog.getByLabel('姓名', { exact: true }).fill('李四');
}

async function unlock(page: Page): Promise<void> {
  const lock = lockDialog(page);
  await lock.getByLabel('密码', { exact: true }).fill('not-the-password1');
  await lock.getByRole('button', { name: '解锁' }).click();
  await lock.getByText('密码不正确，请重新输入。').waitFor();
  await lock.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await lock.getByRole('button', { name: '解锁' }).click();
  await lock.waitFor({ state: 'detached' });
}

describe('idle lock (browser mode)', { timeout: E2E_TIMEOUT }, () => {
  it('sets the idle lock to one minute in 设置', async () => {
    const o = await openOffice();
    const { page } = o;
    await page.clock.install();
    await openAs(o, 'admin', PASSWORD, '王主任');

    await page.getByRole('navigation').getByRole('link', { name: '设置', exact: true }).click();
    const minutes = page.getByLabel('无操作自动锁屏（分钟）');
    await page.waitForFunction(() => (document.querySelector('input[name="idleLockMinutes"]') as HTMLInputElement | null)?.value === '15');
    await minutes.fill('1');
    // The office settings' own 保存 (the page has other cards with theirs).
    await page.locator('form', { has: minutes }).getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('设置已保存。').waitFor();
    expect((await o.must(o.as('admin'), 'settings.get', {})).idleLockMinutes).toBe(1);
  });

  it('locks after a minute without input, over the page, and unlocks with the password keeping the form', async () => {
    const o = await lockingAfterAMinute();
    const { page } = o;
    await fillCreateUserForm(page);
    expect(await lockDialog(page).count()).toBe(0);

    await page.clock.fastForward('02:00');
    await lockDialog(page).waitFor();
    await lockDialog(page).getByText('请输入 王主任 的密码继续').waitFor();
    // The page underneath is still mounted with what was typed.
    expect(await page.locator('input[name="username"]').inputValue()).toBe('lisi');
    expect(await page.locator('input[name="displayName"]').inputValue()).toBe('李四');
    await o.screenshot('idle-lock');

    await unlock(page);
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    expect(await dialog.getByLabel('用户名', { exact: true }).inputValue()).toBe('lisi');
    expect(await dialog.getByLabel('姓名', { exact: true }).inputValue()).toBe('李四');

    // The unlocked session works: finish creating the user.
    await dialog.getByLabel('初始密码', { exact: true }).fill('lisi12345');
    await dialog.getByLabel('再次输入初始密码', { exact: true }).fill('lisi12345');
    await dialog.getByRole('button', { name: '新建用户' }).click();
    await page.getByText('已新建用户“李四”。').waitFor();
  });

  it('shows the lock when main locked the session on its own clock (SESSION_LOCKED)', async () => {
    const o = await lockingAfterAMinute();
    const { page } = o;
    // Main's clock moves on; the page's does not, so only main decides this time.
    o.advanceServerClock(5 * 60_000);
    await page.getByRole('navigation').getByRole('link', { name: '操作日志', exact: true }).click();
    await lockDialog(page).waitFor();
    await unlock(page);
    // The list refused while locked loads by itself after unlocking.
    await page.getByRole('heading', { name: '操作日志', exact: true }).waitFor();
    await page.getByRole('gridcell', { name: '首次设置' }).waitFor();
    expect(await page.getByText('屏幕已锁定，请输入密码解锁后继续。').count()).toBe(0);
  });
});
