/**
 * Upgrade in place in a real browser: a data folder from before encryption, with a few thousand
 * persons, is encrypted at the first login on the login page, whose progress dialog goes through
 * its stages (encrypting, checking, finishing) with the bar moving while the copy is checked; on a
 * disk too full for the copy the login page says how much space to free, and nothing is changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { closeApp, openApp, type AppContext } from '../../main/context';
import { startHost, type RunningHost } from '../../main/host/server';
import { isPlaintextDatabase } from '../../main/db/cipher';
import { diskSpace } from '../../main/db/upgrade';
import { SYSTEM_ACTOR } from '../../main/db/audit';
import { databasePath } from '../../main/paths';
import { fillDatabase } from '../../bench/generator/index';
import { ADMIN_PASSWORD, TEST_PASSWORD_COST, tempDir } from '../helpers/app';
import { makePlainOffice } from '../integration/upgrade.helpers';
import { checkPrerequisites, CHROMIUM_ARGS, CHROMIUM_PATH, E2E_TIMEOUT, RENDERER_DIR, SCREENSHOT_DIR, SCREENSHOTS, screenshotOf, WAIT_MS } from './support';

/** Enough persons for the check of the copy to take a moment the dialog can be seen in. */
const PERSONS = Number(process.env['UPGRADE_E2E_PERSONS'] ?? 4000);

let browser: Browser;
let template: string;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  checkPrerequisites();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const office = await makePlainOffice(3);
  template = office.dir;
  const app = openApp({ dataDir: template, transport: 'direct', passwordCost: TEST_PASSWORD_COST, plaintext: true });
  try {
    const officeId = (app.db.prepare('SELECT id FROM office').get() as { id: string }).id;
    fillDatabase(app.db, { actor: SYSTEM_ACTOR, officeId, at: '2026-11-27T08:00:00.000Z' }, { seed: 3, count: PERSONS, referenceDate: '2026-11-27', transactionSize: 2000, path: 'fast' });
    app.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    closeApp(app);
  }
}, 180_000);

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  if (template) fs.rmSync(template, { recursive: true, force: true });
});

/** A copy of the plaintext folder opened as the app opens one after the upgrade to this version, served in browser mode. */
async function openPlain(): Promise<{ app: AppContext; host: RunningHost; page: Page; dir: string }> {
  const dir = tempDir('cadrecare-e2e-upgrade-');
  fs.cpSync(template, dir, { recursive: true });
  const app = openApp({ dataDir: dir, transport: 'browser', passwordCost: TEST_PASSWORD_COST });
  cleanups.push(() => {
    closeApp(app);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const host = await startHost({ app, port: 0, rendererDir: RENDERER_DIR });
  cleanups.push(() => host.close());
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(WAIT_MS);
  cleanups.push(() => context.close());
  // Everything the progress dialog shows, as it shows it: its stage line and its percentage.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __progressSeen: string[] }).__progressSeen = seen;
    new MutationObserver(() => {
      const dialog = document.querySelector('[aria-labelledby="progress-dialog-title"]');
      if (!dialog) return;
      const text = (dialog.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (seen.at(-1) !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const page = await context.newPage();
  return { app, host, page, dir };
}

async function fillLogin(page: Page): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill('admin');
  await page.getByLabel('密码', { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

describe('upgrade in place (browser mode)', { timeout: E2E_TIMEOUT }, () => {
  it('the first login encrypts the folder, the dialog showing each stage and the check moving', async () => {
    const o = await openPlain();
    expect(isPlaintextDatabase(databasePath(o.dir))).toBe(true);
    await o.page.goto(o.host.url);
    await o.page.getByRole('heading', { name: '幸福里社区' }).waitFor();
    await fillLogin(o.page);
    const dialog = o.page.getByRole('dialog', { name: '正在处理，请稍候' });
    // The check's stage, as the page's own recorder saw it: on a loaded machine it can come and go between
    // two looks of a locator, and what the stages were is asserted from the recorder below anyway.
    await expect
      .poll(() => o.page.evaluate(() => (window as unknown as { __progressSeen: string[] }).__progressSeen.some((t) => t.includes('正在核对加密后的数据'))), { timeout: 120_000 })
      .toBe(true);
    // At once (the dialog is gone within seconds): not through screenshotOf, which waits for the bar to stop.
    if (SCREENSHOTS && (await dialog.getByText('正在核对加密后的数据，一条都不能少…').isVisible())) {
      await o.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'upgrade-login-verify.png'), animations: 'disabled', caret: 'hide' });
    }
    await o.page.getByRole('heading', { name: '王主任，您好！' }).waitFor({ timeout: 120_000 });
    await dialog.waitFor({ state: 'detached' });

    const seen = await o.page.evaluate(() => (window as unknown as { __progressSeen: string[] }).__progressSeen);
    const stages = ['正在给数据加密', '正在核对加密后的数据', '正在加密备份和密钥文件'];
    const firstOf = stages.map((s) => seen.findIndex((t) => t.includes(s)));
    expect(firstOf.every((i) => i >= 0), seen.join(' | ')).toBe(true);
    // In that order, and the check's bar moved through several steps.
    expect([...firstOf].sort((a, b) => a - b)).toEqual(firstOf);
    const checking = new Set(seen.filter((t) => t.includes('正在核对')).map((t) => /(\d+)%/.exec(t)?.[1]).filter(Boolean));
    expect(checking.size, seen.join(' | ')).toBeGreaterThan(2);
    expect(isPlaintextDatabase(databasePath(o.dir))).toBe(false);
    expect(o.app.key).not.toBeNull();
  });

  it('a disk too full for the copy: the login page says how much space to free, and nothing is changed', async () => {
    const freeBytes = diskSpace.freeBytes;
    diskSpace.freeBytes = () => 2 * 1048576;
    cleanups.push(() => {
      diskSpace.freeBytes = freeBytes;
    });
    const o = await openPlain();
    await o.page.goto(o.host.url);
    await o.page.getByRole('heading', { name: '幸福里社区' }).waitFor();
    await fillLogin(o.page);
    const alert = o.page.getByRole('alert').filter({ hasText: '磁盘空间不够' });
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toMatch(/需要数据文件夹所在的磁盘有大约 \d+ MB 空余，现在只有 2 MB。请清理出至少 \d+ MB/);
    expect(text).toContain('原来的数据没有改动');
    await screenshotOf(o.page, 'upgrade-login-no-space');
    expect(isPlaintextDatabase(databasePath(o.dir))).toBe(true);
    expect(fs.readdirSync(o.dir).filter((f) => /keys\.json|encrypting|upgrade/.test(f))).toEqual([]);
    expect(fs.existsSync(path.join(o.dir, 'cadrecare.keys.json'))).toBe(false);
  });
});
