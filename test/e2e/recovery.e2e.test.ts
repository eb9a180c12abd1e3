/**
 * The recovery key in a real browser: setup ends on the recovery sheet, which prints on one A4 page
 * whose QR code decodes (zbarimg) to the key; when every password is forgotten, the login screen's
 * recovery-key login names a typo, then forces a new administrator password before anything else,
 * and that password logs in next time; an administrator prints the sheet again from 设置 after
 * giving their password.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatRecoveryKeyText } from '../../shared/recoveryKey';
import { TEST_DB_KEY } from '../helpers/app';
import { E2E_TIMEOUT, e2eSuite, logIn, logOut, setUp, setupInput } from './support';

const OFFICE = '幸福里社区';
const AREA = '140702001001';
const ADMIN_PASSWORD = 'xingfu2024';
const NEW_PASSWORD = 'huifu2026';
/** The e2e offices are made under the tests' fixed key: it is their recovery key. */
const KEY = formatRecoveryKeyText(TEST_DB_KEY.toString('hex'));

function tool(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const missingTools = ['pdftoppm', 'zbarimg'].filter((t) => !tool(t));

const suite = e2eSuite('recovery');
const fresh = suite.office('fresh', async () => undefined);
const office = suite.office('office', async (s) => {
  const admin = await setUp(s, setupInput(OFFICE, ADMIN_PASSWORD, { adminDisplayName: '王主任', areaCode: AREA }));
  await s.must(admin, 'users.create', { username: 'zhangganshi', displayName: '张干事', role: 'staff', password: 'zhang2026x', phone: null });
});

async function small(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
}

describe('recovery key (browser mode)', { timeout: E2E_TIMEOUT }, () => {
  it.skipIf(missingTools.length > 0)(`setup shows the recovery sheet, which prints on A4 with a QR code of the key${missingTools.length > 0 ? ` (skipped: ${missingTools.join(', ')} not installed)` : ''}`, async () => {
    const o = await suite.open(fresh);
    const page = o.page;
    await small(page);
    await page.goto(o.url);
    await page.getByRole('heading', { name: '首次使用：建立社区信息' }).waitFor();
    await page.getByLabel('单位名称', { exact: true }).fill(OFFICE);
    await page.getByLabel('统计用区划代码', { exact: true }).fill(AREA);
    await page.getByLabel('姓名', { exact: true }).fill('王主任');
    await page.getByLabel('密码', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('再次输入密码', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: '完成设置并登录' }).click();

    await page.getByRole('heading', { name: '请打印恢复密钥单' }).waitFor();
    await page.locator('[data-recovery-ready="1"]').waitFor();
    const sheet = page.getByTestId('recovery-sheet');
    const text = await sheet.innerText();
    for (const expected of [OFFICE, AREA, '恢复密钥单', '请锁好', '谁拿到这张单子，谁就能读出全部数据', 'Keep it locked away', '校验', ...KEY.split('-')]) {
      expect(text).toContain(expected);
    }
    // Going on needs the tick that the sheet is locked away.
    const goOn = page.getByRole('button', { name: '进入程序' });
    expect(await goOn.isDisabled()).toBe(true);
    await o.screenshot('recovery-setup-sheet');

    // Printing: the page prints itself; on paper only the sheet, on one A4 page.
    await page.getByRole('button', { name: '打印恢复密钥单' }).click();
    expect(await page.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls)).toBe(1);
    const pdf = path.join(o.files, 'recovery-sheet.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    for (const f of fs.readdirSync(o.files).filter((n) => n.startsWith('recovery-page'))) fs.rmSync(path.join(o.files, f));
    execFileSync('pdftoppm', ['-png', '-r', '200', pdf, path.join(o.files, 'recovery-page')]);
    const pngs = fs.readdirSync(o.files).filter((f) => /^recovery-page-\d+\.png$/.test(f));
    expect(pngs).toHaveLength(1);
    const pdfText = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(pdfText).toContain(OFFICE);
    expect(pdfText).not.toContain('我已打印好');
    const codes = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', path.join(o.files, pngs[0] ?? '')], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l !== '');
    expect(codes).toEqual([KEY]);

    await page.getByLabel('我已打印好，并把它锁起来了').check();
    await goOn.click();
    await page.getByRole('heading', { name: '王主任，您好！' }).waitFor();
  });

  it('logs in with the recovery key: a typo is named, then a new administrator password is forced, and it logs in next time', async () => {
    const o = await suite.open(office);
    const page = o.page;
    await small(page);
    await page.goto(o.url);
    await page.getByRole('button', { name: '忘记所有密码？用恢复密钥登录' }).click();
    await page.getByRole('heading', { name: '用恢复密钥登录' }).waitFor();
    const field = page.getByLabel('恢复密钥', { exact: true });
    // One character mistyped in the third group: the check group catches it before anything is sent.
    const groups = KEY.split('-');
    const typo = [...groups.slice(0, 2), groups[2] === '0000' ? '0001' : '0000', ...groups.slice(3)].join(' ');
    await field.fill(typo.toLowerCase());
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('有输错的字符：最后一组“校验”对不上。请对照单子逐组核对。').waitFor();
    await o.screenshot('recovery-login-typo');
    // A key of another office reads, but opens nothing.
    await field.fill(formatRecoveryKeyText(Buffer.alloc(32, 7).toString('hex')));
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('这个恢复密钥打不开本单位的数据库', { exact: false }).waitFor();

    await field.fill(KEY.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('heading', { name: '为管理员设置新密码' }).waitFor();
    await page.getByLabel('王主任（admin）').waitFor();
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('再次输入新密码', { exact: true }).fill(NEW_PASSWORD);
    await o.screenshot('recovery-login-new-password');
    await page.getByRole('button', { name: '设置新密码并登录' }).click();
    await page.getByRole('heading', { name: '王主任，您好！' }).waitFor();

    const audit = await o.must(o.as('admin'), 'audit.list', {} as never);
    expect(audit.entries.find((e) => e.action === 'recovery_login')?.changes).toMatchObject({ passwordSetFor: 'admin' });

    await logOut(page);
    await page.getByLabel('用户名', { exact: true }).fill('admin');
    await page.getByLabel('密码', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByText('用户名或密码不正确', { exact: false }).waitFor();
    await logIn(page, 'admin', NEW_PASSWORD, '王主任');
  });

  it('prints the sheet again from 设置 for an administrator who gives the password, and changes the password', async () => {
    const o = await suite.open(office);
    const page = o.page;
    await small(page);
    await page.goto(o.url);
    await logIn(page, 'admin', ADMIN_PASSWORD, '王主任');
    await page.getByRole('navigation').getByRole('link', { name: '设置', exact: true }).click();
    await page.getByRole('button', { name: '重新打印恢复密钥单' }).click();
    const ask = page.getByRole('dialog', { name: '输入您的密码' });
    await ask.getByLabel('您的密码').fill('wrong2026x');
    await ask.getByRole('button', { name: '显示恢复密钥单' }).click();
    await ask.getByRole('alert').waitFor();
    await ask.getByLabel('您的密码').fill(ADMIN_PASSWORD);
    await ask.getByRole('button', { name: '显示恢复密钥单' }).click();
    const dialog = page.getByRole('dialog', { name: '恢复密钥单' });
    await dialog.locator('[data-recovery-ready="1"]').waitFor();
    expect(await dialog.getByTestId('recovery-sheet').innerText()).toContain(KEY.split('-')[0]);
    await o.screenshot('recovery-settings-sheet');
    await dialog.getByRole('button', { name: '打印恢复密钥单' }).click();
    expect(await page.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls)).toBe(1);
    await dialog.getByRole('button', { name: '关闭' }).click();

    // The password change from the user menu, then a login with the new password.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    const change = page.getByRole('dialog');
    await change.getByLabel('当前密码', { exact: true }).fill(ADMIN_PASSWORD);
    await change.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await change.getByLabel('再次输入新密码', { exact: true }).fill(NEW_PASSWORD);
    await change.getByRole('button', { name: '修改密码' }).click();
    await change.waitFor({ state: 'detached' });
    await logOut(page);
    await logIn(page, 'admin', NEW_PASSWORD, '王主任');
  });
});
