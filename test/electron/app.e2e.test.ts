// The real desktop app through Playwright's `_electron`: first-run setup, login and the home screen,
// plus the hardening that only a running Electron can prove (window.api is the bridge and nothing
// else, no Node in the page, CSP blocks inline scripts, no navigation away, no new windows).
// Where the Electron binary is not installed (it cannot be downloaded on the build machine) or the
// Electron build of better-sqlite3 cannot be made, the suite reports itself skipped with the reason.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const appEntry = path.join(root, 'dist', 'main', 'app.js');
const nativeBuild = path.join(root, 'resources', 'native', 'electron', 'better_sqlite3.node');

/** The installed Electron executable, found without require('electron') (which would start a download). */
function electronExecutable(): string | null {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const rel = fs.readFileSync(pathFile, 'utf8').trim();
  const base = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? path.join(dir, 'dist');
  const exe = path.join(base, rel);
  return rel && fs.existsSync(exe) ? exe : null;
}

function skipReason(): string | null {
  const exe = electronExecutable();
  if (!exe) return 'Electron binary not installed: electron e2e skipped';
  if (!fs.existsSync(nativeBuild)) {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-electron-native.mjs')], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0 || !fs.existsSync(nativeBuild)) {
      return `better-sqlite3 could not be built for Electron (${(r.stderr || r.stdout).trim()}): electron e2e skipped`;
    }
  }
  return null;
}

const reason = skipReason();
if (reason) console.warn(reason);

const ADMIN = { username: 'admin', displayName: '王主任', password: 'Admin2026pass' };

describe.skipIf(reason !== null)('CadreCare in Electron', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    if (!fs.existsSync(appEntry) || !fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
      throw new Error('The app is not built: run `npm run build` before the Electron tests.');
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadrecare-electron-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
    app = await electron.launch({
      executablePath: electronExecutable() as string,
      args: [appEntry, '--data-dir', dataDir],
      cwd: root,
      env,
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens one window titled 离退休干部社区服务管理 on the app’s own file', async () => {
    expect(app.windows()).toHaveLength(1);
    const win = await app.browserWindow(page);
    expect(await win.evaluate((w) => w.getTitle())).toBe('离退休干部社区服务管理');
    expect(page.url()).toMatch(/^file:.*\/dist\/renderer\/index\.html/);
  });

  it('gives the page window.api with exactly call and subscribe, and no Node', async () => {
    const shape = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        keys: Object.keys((w['api'] ?? {}) as object).sort(),
        require: typeof w['require'],
        process: typeof w['process'],
        module: typeof w['module'],
      };
    });
    expect(shape).toEqual({ keys: ['call', 'subscribe'], require: 'undefined', process: 'undefined', module: 'undefined' });
  });

  it('runs the real services over IPC in this data folder', async () => {
    const info = await page.evaluate(() => (window as unknown as { api: { call(c: string, i: unknown): Promise<unknown> } }).api.call('app.info', {}));
    expect(info).toMatchObject({ ok: true, value: { transport: 'electron', setupNeeded: true, dataDir } });
  });

  it('blocks inline scripts (CSP), navigation away and new windows', async () => {
    const blocked = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.appendChild(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(blocked).toBe(false);
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    const before = page.url();
    // Listens in main for the attempt itself (before making it), then asks whether the window's guard,
    // which listened first, refused it.
    type Attempt = { url: string; prevented: boolean };
    await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents;
      (globalThis as { navigationAttempt?: Promise<Attempt> }).navigationAttempt = new Promise<Attempt>((resolve) => {
        contents?.once('will-navigate', (event, url) => resolve({ url, prevented: event.defaultPrevented }));
      });
    });
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    expect(await app.evaluate(() => (globalThis as { navigationAttempt?: Promise<Attempt> }).navigationAttempt)).toEqual({ url: 'https://example.com/', prevented: true });
    expect(page.url()).toBe(before);
    expect(app.windows()).toHaveLength(1);
  });

  it('shows first-run setup; completing it logs the admin in to the home screen, and they log in again after logging out', async () => {
    await page.getByText('首次使用：建立社区信息').waitFor({ timeout: 20_000 });
    await page.getByLabel('单位名称').fill('幸福里社区');
    await page.getByLabel('统计用区划代码').fill('140702001001');
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('姓名').fill(ADMIN.displayName);
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('再次输入密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '完成设置并登录' }).click();
    await page.getByText(`${ADMIN.displayName}，您好！`).waitFor({ timeout: 20_000 });

    // Logging out and in again, in the same test: it needs the office the setup made.
    await page.evaluate(() => (window as unknown as { api: { call(c: string, i: unknown): Promise<unknown> } }).api.call('auth.logout', {}));
    await page.reload();
    await page.getByRole('button', { name: '登录' }).waitFor({ timeout: 20_000 });
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText(`${ADMIN.displayName}，您好！`).waitFor({ timeout: 20_000 });
    expect(fs.existsSync(path.join(dataDir, 'cadrecare.sqlite'))).toBe(true);
  });
});
