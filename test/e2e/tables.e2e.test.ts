/**
 * Lists at 1366×768: on the main lists of a 2,000-person demo office, in the normal and the large
 * font, no column header is cut and no button is cut; a cell that is cut (a long address in the large
 * font) shows its whole text on hover. A roster naming grids the office does not have shows them in
 * the preview and creates them only when asked.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_TIMEOUT, e2eSuite, go, openAs, setUp, setupInput } from './support';
import { SYSTEM_ACTOR } from '../../main/db/audit';
import { toDateString } from '../../shared/dates';
import { fillDatabase } from '../../bench/generator/index';
import { fillOrganisedLife } from '../../bench/generator/organised';
import { fillVisitHistory } from '../../bench/generator/history';
import { makeIdNumber } from '../helpers/persons';

const ADMIN_PASSWORD = 'zhuren2026';

const suite = e2eSuite('tables');

/** The demo office of `cadrecare demo --persons 2000`: persons, organised life, a year of visits. */
const demo = suite.office('demo', async (s) => {
  const admin = await setUp(s, setupInput('幸福里社区', ADMIN_PASSWORD));
  await s.must(admin, 'settings.update', { idleLockMinutes: 0 });
  const db = s.app.db;
  const now = s.app.clock();
  const today = toDateString(now);
  const office = db.prepare('SELECT id, name FROM office').get() as { id: string; name: string };
  const ctx = { actor: SYSTEM_ACTOR, officeId: office.id, at: now.toISOString() };
  db.transaction(() => {
    fillDatabase(db, ctx, { seed: 1, count: 2000, referenceDate: today, community: office.name, takenIdNumbers: new Set() });
    fillOrganisedLife(db, ctx, { seed: 1, today });
    fillVisitHistory(db, { seed: 1, from: `${Number(today.slice(0, 4)) - 1}-01-01`, today });
  }).immediate();
  return {};
});

/** A new office: set up and nothing else. */
const empty = suite.office('empty', async (s) => {
  const admin = await setUp(s, setupInput('和平里社区', ADMIN_PASSWORD));
  await s.must(admin, 'settings.update', { idleLockMinutes: 0 });
  return {};
});

/** The main lists, each with its address. */
const SCREENS: readonly [name: string, hash: string][] = [
  ['home', '/'],
  ['persons', '/persons'],
  ['grids', '/grids'],
  ['worklist', '/visits?who=all'],
  ['requests', '/visits/requests'],
  ['lists', '/visits/lists'],
  ['party-branches', '/party'],
  ['party-members', '/party/members'],
  ['party-arrears', '/party/arrears'],
  ['activities', '/activities/list'],
  ['volunteers', '/volunteers/people'],
  ['volunteer-services', '/volunteers/services'],
  ['volunteer-teams', '/volunteers/teams'],
  ['pairs', '/pairs'],
  ['units', '/units'],
  ['reports', '/reports'],
  ['work-summary', '/reports/work'],
  ['users', '/users'],
  ['audit', '/audit'],
  ['backup', '/backup'],
];

/** Changes the reader's display preferences as a person would, on the settings page. */
async function prefer(page: Page, choice: { language?: 'English'; largeFont?: string }): Promise<void> {
  await go(page, '/settings');
  if (choice.language) await page.getByRole('radio', { name: choice.language }).check();
  if (choice.largeFont) await page.getByLabel(choice.largeFont).check();
  await page.waitForTimeout(500);
}

/** Waits until the screen has stopped loading (no progress shown for a moment). */
async function settled(page: Page): Promise<void> {
  await page.waitForTimeout(300);
  await page.waitForFunction(() => (document.querySelector('main')?.innerText.trim().length ?? 0) > 0 && document.querySelector('main [role="progressbar"]:not([aria-valuenow])') === null);
  await page.waitForTimeout(300);
}

/** What the screen shows cut: header titles (grid and table) and buttons whose text does not fit. */
async function cutTexts(page: Page): Promise<{ headers: string[]; buttons: string[] }> {
  return page.evaluate(() => {
    const cut = (e: Element) => e instanceof HTMLElement && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1;
    const texts = (selector: string) =>
      Array.from(document.querySelectorAll(selector))
        .filter(cut)
        .map((e) => (e as HTMLElement).innerText.trim());
    return {
      headers: texts('main .MuiDataGrid-columnHeaderTitle, main th.MuiTableCell-head'),
      buttons: texts('main .MuiButton-root'),
    };
  });
}

async function walk(page: Page, shot: (name: string) => Promise<void>, prefix: string): Promise<Record<string, { headers: string[]; buttons: string[] }>> {
  const found: Record<string, { headers: string[]; buttons: string[] }> = {};
  for (const [name, hash] of SCREENS) {
    // The screen before is marked, so the check waits for the new one to replace it (a section's code loads first).
    await page.evaluate((h) => {
      if (window.location.hash !== `#${h}`) document.querySelectorAll('main h1, main [role="grid"], main table').forEach((e) => e.setAttribute('data-old', ''));
    }, hash);
    await go(page, hash);
    await page.waitForFunction(() => document.querySelector('main [data-old]') === null);
    await settled(page);
    const cut = await cutTexts(page);
    if (cut.headers.length > 0 || cut.buttons.length > 0) found[name] = cut;
    await shot(`${prefix}-${name}`);
  }
  return found;
}

describe('lists at 1366×768', { timeout: E2E_TIMEOUT * 3 }, () => {
  it('cut no header or button on the main lists, in the normal and the large font', async () => {
    const o = await suite.open(demo);
    const page = o.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await openAs(o, 'admin', ADMIN_PASSWORD, '王主任');
    expect(await walk(page, (n) => o.screenshot(n), 'tables-zh')).toEqual({});

    await prefer(page, { largeFont: '大字模式' });
    expect(await walk(page, (n) => o.screenshot(n), 'tables-zh-large')).toEqual({});
  });

  it('shows the whole text of a cut cell on hover', async () => {
    const o = await suite.open(demo);
    const page = o.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await o.must(o.as('admin'), 'prefs.update', { largeFont: true });
    await openAs(o, 'admin', ADMIN_PASSWORD, '王主任');
    await go(page, '/persons');
    await page.locator('.MuiDataGrid-row').first().waitFor();
    await settled(page);
    // The first cell that shows less than its text (an address, in the large font).
    const full = await page.evaluate(() => {
      const shown = (e: HTMLElement) => {
        const r = e.getBoundingClientRect();
        return r.top > 0 && r.bottom < window.innerHeight && r.left > 0 && r.right < window.innerWidth;
      };
      const cell = Array.from(document.querySelectorAll<HTMLElement>('.MuiDataGrid-cell')).find(
        (e) => e.innerText.trim() !== '' && e.scrollWidth > e.clientWidth + 1 && shown(e),
      );
      if (!cell) return null;
      cell.setAttribute('data-cut', 'yes');
      return cell.innerText.trim();
    });
    expect(full).not.toBeNull();
    await page.locator('[data-cut="yes"]').hover();
    const tooltip = page.getByTestId('overflow-tooltip');
    await tooltip.waitFor();
    expect(await tooltip.innerText()).toBe(full);
    await o.screenshot('tables-hover-cut-cell');
    // A cell shown whole has no tooltip.
    await page.locator('.MuiDataGrid-columnHeaderTitle').first().hover();
    await tooltip.waitFor({ state: 'detached' });
  });

  it('walks the screens in English, normal and large font, and the empty office in Chinese', async () => {
    const o = await suite.open(demo);
    const page = o.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await openAs(o, 'admin', ADMIN_PASSWORD, '王主任');
    await prefer(page, { language: 'English' });
    expect(await walk(page, (n) => o.screenshot(n), 'tables-en')).toEqual({});
    await prefer(page, { largeFont: 'Large text' });
    expect(await walk(page, (n) => o.screenshot(n), 'tables-en-large')).toEqual({});

    const e = await suite.open(empty);
    await e.page.setViewportSize({ width: 1366, height: 768 });
    await openAs(e, 'admin', ADMIN_PASSWORD, '王主任');
    expect(await walk(e.page, (n) => e.screenshot(n), 'tables-empty-zh')).toEqual({});
  });

  it('lists the grids a roster names that do not exist yet, and creates them only when asked', async () => {
    const o = await suite.open(empty);
    const page = o.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await openAs(o, 'admin', ADMIN_PASSWORD, '王主任');
    await go(page, '/persons/import');
    await page.getByRole('heading', { name: '导入花名册' }).waitFor();
    const csv = [
      '姓名,身份证号,离退休类别,网格,现住址',
      `钱学明,${makeIdNumber('1941-02-03', 'male', 21)},退休,第一网格,和平路1号`,
      `孙立华,${makeIdNumber('1942-03-04', 'female', 22)},退休,第一网格,和平路2号`,
      `周晓东,${makeIdNumber('1943-04-05', 'male', 23)},离休,第二网格,和平路3号`,
    ].join('\r\n');
    await page.getByTestId('roster-file').setInputFiles({ name: '和平里花名册.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: '检查数据' }).click();
    const notice = page.getByTestId('import-new-grids');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('表中有 2 个网格还没有建立：第一网格（2 人）、第二网格（1 人）。');
    // Not asked for: the rows naming them are problems, and nothing can be imported whole.
    await page.getByRole('row').filter({ hasText: '第 2 行' }).getByText('这个网格还没有建立', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: '全部导入（3 行）' }).isDisabled()).toBe(true);
    await o.screenshot('tables-import-new-grids');

    await page.getByLabel('导入时新建这 2 个网格').check();
    await page.getByText('导入时会新建这些网格', { exact: false }).waitFor();
    expect(await page.getByTestId('import-counts').innerText()).toMatch(/新增\s*3 人/);
    await o.screenshot('tables-import-new-grids-confirmed');
    await page.getByRole('button', { name: '全部导入（3 行）' }).click();
    await page.getByTestId('import-result').waitFor();
    expect(o.app.db.prepare('SELECT name FROM grids WHERE deleted_at IS NULL ORDER BY name').all()).toEqual([{ name: '第一网格' }, { name: '第二网格' }]);
    expect(o.app.db.prepare('SELECT count(*) AS n FROM persons WHERE grid_id IS NULL').get()).toEqual({ n: 0 });
  });
});
