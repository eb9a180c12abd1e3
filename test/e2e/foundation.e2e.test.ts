/**
 * The foundation in a real browser against real services: first-run setup, login and its errors,
 * the shell in Chinese, user management, backup and restore, the audit log, and switching to English.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dispatch } from '../../main/dispatch';
import { logFilePath } from '../../main/paths';
import { E2E_TIMEOUT, e2eSuite, logIn, openAs, setUp, setupInput, type Office } from './support';

const OFFICE = '幸福里社区';
const AREA_CODE = '140702001001';
const ADMIN_PASSWORD = 'xingfu2024';

const suite = e2eSuite('foundation');
/** A data folder never opened before: the first run. */
const fresh = suite.office('fresh', async () => undefined);
/** The office as its first run through the screens leaves it (the setup screens are the first two tests). */
const office = suite.office('office', async (s) => {
  await setUp(s, setupInput(OFFICE, ADMIN_PASSWORD, { adminDisplayName: '管理员' }));
});

let page: Page;

/** The office, logged in as its administrator on the home page. */
async function asAdmin(): Promise<Office<void>> {
  const o = await suite.open(office);
  page = o.page;
  await openAs(o, 'admin', ADMIN_PASSWORD, '管理员');
  return o;
}

/** Visible text of the page, for checks that the Chinese interface shows no English. */
async function visibleText(): Promise<string> {
  return page.locator('body').innerText();
}

/**
 * The Chinese interface shows no English words, MUI's own texts included. `allowed` are data and
 * names that are Latin by nature (user names, file names).
 */
async function expectNoEnglish(allowed: RegExp[] = []): Promise<void> {
  let text = await visibleText();
  for (const pattern of allowed) text = text.replace(pattern, ' ');
  expect(text.match(/[A-Za-z]{3,}/g) ?? []).toEqual([]);
}

/** Fills the login form and submits it, whatever comes of it. */
async function submitLogin(username: string, password: string): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

async function openUserMenuItem(item: string): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: item }).click();
}

async function goTo(section: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: section, exact: true }).click();
}

describe('foundation (browser mode)', { timeout: E2E_TIMEOUT }, () => {
  /** The first-run page of a new data folder, with the office's name and a too short area code. */
  async function firstRun(): Promise<Office<void>> {
    const o = await suite.open(fresh);
    page = o.page;
    await page.goto(o.url);
    await page.getByRole('heading', { name: '首次使用：建立社区信息' }).waitFor();
    // The token left the address bar.
    expect(page.url()).not.toContain('token=');
    await page.getByLabel('单位名称', { exact: true }).fill(OFFICE);
    await page.getByLabel('统计用区划代码', { exact: true }).fill('1407020');
    return o;
  }

  it('starts with the first-run setup and checks the form in Chinese', async () => {
    const o = await firstRun();
    await page.getByRole('button', { name: '完成设置并登录' }).click();
    await page.getByText('区划代码必须是 12 位数字，例如 140702001001。').waitFor();
    await page.getByText('姓名', { exact: true }).first().waitFor();
    await page.getByText('此项必须填写。').first().waitFor();
    await page.getByText('密码至少需要 8 位。').waitFor();
    await o.screenshot('setup-errors');
  });

  it('says that a tab opened without the printed link needs that link, not that the app is broken', async () => {
    const o = await suite.open(fresh);
    page = o.page;
    const bare = new URL(o.url);
    bare.search = '';
    await page.goto(bare.toString());
    await page.getByRole('heading', { name: '请用启动时显示的链接打开' }).waitFor();
    await page.getByText('这个地址要用浏览器模式启动时显示的完整链接打开', { exact: false }).waitFor();
    expect(await visibleText()).not.toContain('无法连接到程序的后台服务');
    await o.screenshot('link-needed');
  });

  it('sets up the office and its administrator, and lands on the home page in Chinese', async () => {
    const o = await firstRun();
    await page.getByLabel('统计用区划代码', { exact: true }).fill(AREA_CODE);
    await page.getByLabel('社区：管理本社区的离退休干部').check();
    await page.getByLabel('用户名', { exact: true }).fill('admin');
    await page.getByLabel('姓名', { exact: true }).fill('管理员');
    await page.getByLabel('密码', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('再次输入密码', { exact: true }).fill('xingfu2025');
    await page.getByRole('button', { name: '完成设置并登录' }).click();
    await page.getByText('两次输入的密码不一样，请重新输入。').waitFor();
    await page.getByLabel('再次输入密码', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: '完成设置并登录' }).click();
    // The recovery sheet comes first (recovery.e2e.test.ts prints it).
    await page.getByRole('heading', { name: '请打印恢复密钥单' }).waitFor();
    await page.getByLabel('我已打印好，并把它锁起来了').check();
    await page.getByRole('button', { name: '进入程序' }).click();

    await page.getByRole('heading', { name: '管理员，您好！' }).waitFor();
    const text = await visibleText();
    for (const expected of [OFFICE, AREA_CODE, '社区', '管理员', '首页', '用户管理', '备份与恢复', '操作日志', '设置', '关于', '常用功能']) {
      expect(text).toContain(expected);
    }
    // The built sections are offered, 统计 among them.
    expect(await page.getByRole('navigation').getByRole('link', { name: '统计' }).count()).toBe(1);
    expect(await page.getByRole('navigation').getByRole('link', { name: '党组织' }).count()).toBe(1);
    // What the screens set up is what is stored.
    const info = await o.must(o.as('admin'), 'app.info', {});
    expect(info.office).toMatchObject({ name: OFFICE, areaCode: AREA_CODE, mode: 'community' });
  });

  it('logs out, shows a translated error for a wrong password, and logs in again', async () => {
    const o = await asAdmin();
    await openUserMenuItem('退出登录');
    await page.getByText('您已退出登录。').waitFor();
    await page.getByRole('heading', { name: OFFICE }).waitFor();

    await submitLogin('admin', 'wrong-password1');
    // The "logged out" notice may still stand for a moment: wait for the error itself.
    const alert = page.getByRole('alert').filter({ hasText: '用户名或密码不正确' });
    await alert.waitFor();
    const message = await alert.innerText();
    expect(message).toContain('用户名或密码不正确');
    expect(message).toContain('再输错 4 次，账号将被暂时锁定。');
    expect(message).not.toMatch(/wrong|password|LOGIN_FAILED/i);
    await page.waitForFunction(() => !(document.querySelector('button[type=submit]') as HTMLButtonElement | null)?.disabled);
    await o.screenshot('login-error');

    await logIn(page, 'admin', ADMIN_PASSWORD, '管理员');
    const text = await visibleText();
    expect(text).toContain(OFFICE);
    expect(text).toContain('本单位');
    await expectNoEnglish();
    await o.screenshot('home-zh');
  });

  it('creates a staff user in 用户管理 and refuses to disable the last administrator', async () => {
    const o = await asAdmin();
    await goTo('用户管理');
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    await page.getByRole('gridcell', { name: 'admin', exact: true }).waitFor();

    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await dialog.getByLabel('用户名', { exact: true }).fill('zhangwei');
    await dialog.getByLabel('姓名', { exact: true }).fill('张伟');
    await dialog.getByLabel('初始密码', { exact: true }).fill('zhangwei123');
    await dialog.getByLabel('再次输入初始密码', { exact: true }).fill('zhangwei123');
    await dialog.getByRole('button', { name: '新建用户' }).click();
    await page.getByText('已新建用户“张伟”。').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'zhangwei' });
    await row.waitFor();
    expect(await row.innerText()).toContain('工作人员');

    // The same user name again: the contract's USERNAME_TAKEN, translated.
    await page.getByRole('button', { name: '新建用户' }).click();
    await dialog.getByLabel('用户名', { exact: true }).fill('zhangwei');
    await dialog.getByLabel('姓名', { exact: true }).fill('张伟二');
    await dialog.getByLabel('初始密码', { exact: true }).fill('zhangwei123');
    await dialog.getByLabel('再次输入初始密码', { exact: true }).fill('zhangwei123');
    await dialog.getByRole('button', { name: '新建用户' }).click();
    await dialog.getByText('用户名“zhangwei”已经有人使用，请换一个用户名。').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();

    // LAST_ADMIN: the only administrator cannot be disabled.
    await page.getByRole('row').filter({ hasText: 'admin' }).getByRole('button', { name: '停用' }).click();
    const confirm = page.getByRole('dialog', { name: '停用“管理员”？' });
    await confirm.getByRole('button', { name: '停用' }).click();
    await confirm.getByText('这是最后一个管理员账号，不能停用或改为其他角色。请先把另一位用户设为管理员。').waitFor();
    await confirm.getByRole('button', { name: '取消' }).click();
    await page.waitForFunction(() => document.querySelector('[role="dialog"]') === null);
    await expectNoEnglish([/\badmin\b/g, /\bzhangwei\b/g]);
    await o.screenshot('users');
  });

  it('changes the password from the user menu, explaining a wrong current password', async () => {
    const o = await asAdmin();
    const newPassword = `${ADMIN_PASSWORD}x`;
    await openUserMenuItem('修改密码');
    const dialog = page.getByRole('dialog', { name: '修改密码' });
    await dialog.getByLabel('当前密码', { exact: true }).fill('not-my-password1');
    await dialog.getByLabel('新密码', { exact: true }).fill('short');
    await dialog.getByLabel('再次输入新密码', { exact: true }).fill('short');
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await dialog.getByText('密码至少需要 8 位。').waitFor();
    await dialog.getByLabel('新密码', { exact: true }).fill(newPassword);
    await dialog.getByLabel('再次输入新密码', { exact: true }).fill(newPassword);
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await dialog.getByText('当前密码不正确，密码没有修改。请重新输入当前密码。', { exact: false }).waitFor();
    await dialog.getByLabel('当前密码', { exact: true }).fill(ADMIN_PASSWORD);
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('密码已修改，下次登录请使用新密码。').waitFor();
    // The next login takes the new password only.
    const quiet = { error: () => undefined };
    const tryLogin = (password: string) => dispatch(o.app, o.app.sessions.create(), 'auth.login', { username: 'admin', password }, {}, quiet);
    expect(await tryLogin(ADMIN_PASSWORD)).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
    expect(await tryLogin(newPassword)).toMatchObject({ ok: true });
  });

  it('backs up with progress and restores after a confirmation that says everyone logs in again', async () => {
    const o = await asAdmin();
    await goTo('备份与恢复');
    await page.getByRole('heading', { name: '备份与恢复' }).waitFor();
    await page.getByText('还没有任何备份。').waitFor();
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.getByText('备份完成。').waitFor();
    const row = page.getByRole('row').filter({ hasText: '手动备份' });
    await row.waitFor();
    // The backup folder is shown as the path it is.
    await page.getByTestId('backup-folder').getByText(path.join(o.dataDir, 'backups'), { exact: true }).waitFor();
    await expectNoEnglish([new RegExp(o.dataDir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'g'), /cadrecare-[\w-]+\.sqlite/g, /\bbackups\b/g, /\bKB\b/g]);
    await page.getByText('每页行数').waitFor();
    await o.screenshot('backup');

    await row.getByRole('button', { name: '恢复' }).click();
    const confirm = page.getByRole('dialog', { name: '用这个备份恢复数据？' });
    await confirm.getByText('恢复完成后，所有用户（包括您自己）都需要重新登录。').waitFor();
    await confirm.getByRole('button', { name: '确认恢复' }).click();
    await page.getByText('数据已从备份恢复。为安全起见，所有用户都需要重新登录。').waitFor();
    await logIn(page, 'admin', ADMIN_PASSWORD, '管理员');
  });

  it('shows the audit log with translated entries, and the about page', async () => {
    const o = await suite.open(office);
    page = o.page;
    // What a day of work leaves in the log: a wrong password, a new staff account, a backup restored.
    const quiet = { error: () => undefined };
    await dispatch(o.app, o.app.sessions.create(), 'auth.login', { username: 'admin', password: 'wrong-password1' }, {}, quiet);
    const admin = o.as('admin');
    await o.must(admin, 'users.create', { username: 'zhangwei', displayName: '张伟', role: 'staff', password: 'zhangwei123', phone: null });
    const backup = await o.must(admin, 'backup.create', {});
    await o.must(admin, 'backup.restore', { name: backup.name });
    await openAs(o, 'admin', ADMIN_PASSWORD, '管理员');

    await goTo('操作日志');
    await page.getByRole('heading', { name: '操作日志' }).waitFor();
    await page.getByRole('gridcell', { name: '首次设置' }).waitFor();
    const text = await visibleText();
    for (const expected of ['登录失败', '新建', '从备份恢复', '系统', '角色：工作人员']) expect(text).toContain(expected);
    await expectNoEnglish([/\badmin\b/g, /\bzhangwei\b/g, /cadrecare-[\w-]+\.sqlite/g]);
    await o.screenshot('audit');

    await goTo('关于');
    await page.getByRole('heading', { name: '关于' }).waitFor();
    await page.getByText(o.dataDir, { exact: true }).waitFor();
    await page.getByText('日志文件').waitFor();
    await page.getByText(logFilePath(o.dataDir), { exact: true }).waitFor();
    await page.getByText('浏览器模式（用于开发和测试）').waitFor();
    await o.screenshot('about');
  });

  it('switches to English at once, keeps it for the user, and makes text larger on request', async () => {
    const o = await asAdmin();
    await openUserMenuItem('偏好设置');
    await page.getByRole('heading', { name: '设置', exact: true }).waitFor();
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('h1') as Element).fontSize));
    await page.getByLabel('大字模式').check();
    await page.waitForFunction((size) => parseFloat(getComputedStyle(document.querySelector('h1') as Element).fontSize) > size * 1.15, before);
    await o.screenshot('settings-large-font');
    await page.getByLabel('大字模式').uncheck();

    await page.getByLabel('English').check();
    await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Users', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // Saved in the account: a reload comes back in English.
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
    await goTo('Home');
    await page.getByRole('heading', { name: 'Welcome, 管理员!' }).waitFor();
    const text = await visibleText();
    for (const expected of ['Your office', 'Community', 'Administrator', 'Shortcuts', 'Backup & restore', 'Activity log']) expect(text).toContain(expected);
    await o.screenshot('home-en');

    // MUI's own texts follow too (the data grid's footer).
    await goTo('Activity log');
    await page.getByText(/Rows per page/).waitFor();
  });
});
