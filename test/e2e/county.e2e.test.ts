/**
 * The county bureau's 县级汇总 and 年度考核 in a real browser, at a bureau that trusts three
 * communities: 幸福里 sends recent data, has its 四个到位 in place and handed its 重阳 summary in on
 * time; 锦绣苑 sent data weeks ago with only its venue recorded; 桃园 never sent anything. The
 * communities are apps of their own in this process whose packets the bureau imports while it is
 * seeded. The board shows 桃园 red as 从未报送 and its 催报 list prints; a name opens that office's
 * dashboard; the scorecard ranks the three.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boxPath } from '../../main/services/packets/files';
import { call, makeApp, ok, type TestApp } from '../helpers/app';
import { personInput } from '../helpers/persons';
import { addDays } from '../../shared/calendar';
import { E2E_TIMEOUT, e2eSuite, go, logIn, setUp, setupInput, type SeedContext } from './support';

const PASSWORD = 'xianjihuizong2026';
const BUREAU = '榆次区委老干部局';

const suite = e2eSuite('county');

const at = (t: TestApp, day: string) => {
  t.clock.time = Date.parse(`${day}T02:00:00.000Z`);
};

/** A community office of its own, set up on `day`, with `names` on its register. */
async function community(name: string, areaCode: string, day: string, names: string[], firstSeq: number) {
  const t = makeApp();
  at(t, day);
  const admin = t.app.sessions.create(t.clock.time);
  await ok(call(t.app, admin, 'setup.create', { officeName: name, areaCode, mode: 'community', adminUsername: 'admin', adminDisplayName: '主任', adminPassword: PASSWORD }));
  await ok(call(t.app, admin, 'settings.update', { idleLockMinutes: 0 }));
  let seq = firstSeq;
  for (const n of names) {
    seq += 1;
    await ok(call(t.app, admin, 'persons.create', personInput({ seq, name: n, grid: '' })));
  }
  return { t, admin, name };
}

async function seedCounty(s: SeedContext) {
  const admin = await setUp(s, setupInput(BUREAU, PASSWORD, { areaCode: '140702000000', mode: 'bureau', adminDisplayName: '李科长' }));
  await s.must(admin, 'settings.update', { idleLockMinutes: 0 });
  const bureauCard = await s.must(admin, 'keys.card', {});
  const a = await community('幸福里社区', '140702001001', '2026-10-01', ['郭建国', '赵秀兰', '李志刚'], 700);
  const b = await community('锦绣苑社区', '140702001002', '2026-09-01', ['王淑芬', '张德明'], 720);
  const c = await community('桃园社区', '140702001003', '2026-09-01', ['刘德明'], 740);
  const ids: Record<string, string> = {};
  try {
    for (const o of [a, b, c]) {
      const card = await ok(call(o.t.app, o.admin, 'keys.card', {}));
      ids[o.name] = card.card.officeId;
      await s.must(admin, 'keys.trust', { card: card.json, fingerprint: card.fingerprintGroups });
      await ok(call(o.t.app, o.admin, 'keys.trust', { card: bureauCard.json, fingerprint: bureauCard.fingerprintGroups }));
    }
    await ok(
      call(a.t.app, a.admin, 'reports.saveProfile', {
        venueName: '幸福里老干部活动室',
        venueAreaM2: 120,
        fundsYear: 2026,
        annualFundsFen: 2_000_000,
        staffFullTime: 1,
        staffPartTime: 2,
        services: ['学习教育', '走访慰问'],
      }),
    );
    at(a.t, '2026-10-25');
    await ok(call(a.t.app, a.admin, 'reports.submit', { form: 'campaign', period: 'chongyang:2026', note: '启用系统前的走访未录入。' }));
    await ok(call(b.t.app, b.admin, 'reports.saveProfile', { venueName: '锦绣苑活动室', venueAreaM2: 60 }));
    // A volunteer's service in each of the two that send: the bureau's 志愿服务记录 hold both.
    for (const [o, who, day, what] of [
      [a, '孙丽华', '2026-10-25', '重阳节陪老干部聊天'],
      [b, '陈志远', '2026-09-01', '帮助老干部打扫卫生'],
    ] as const) {
      const volunteer = await ok(call(o.t.app, o.admin, 'volunteers.create', { kind: 'resident', name: who, phone: '13903510200' }));
      await ok(call(o.t.app, o.admin, 'volunteers.logService', { volunteerId: volunteer.id, date: day, hours: 2, description: what }));
    }
    // 幸福里 sends a few days ago, 锦绣苑 weeks ago; 桃园 never.
    const sends: [typeof a, string][] = [
      [a, '2026-11-30'],
      [b, '2026-10-15'],
    ];
    for (const [o, day] of sends) {
      at(o.t, day);
      const exported = await ok(call(o.t.app, o.admin, 'packets.export', { kind: 'full', to: bureauCard.card.officeId }));
      const name = path.basename(exported.path);
      fs.mkdirSync(path.dirname(boxPath(s.app.dataDir, 'in', name)), { recursive: true });
      fs.copyFileSync(exported.path, boxPath(s.app.dataDir, 'in', name));
      await s.must(admin, 'packets.import', { fileName: name });
    }
  } finally {
    for (const o of [a, b, c]) o.t.close();
  }
  return ids;
}

const county = suite.office('bureau', seedCounty);

describe('the county bureau’s roll-up, reminders and scorecard', { timeout: E2E_TIMEOUT }, () => {
  it('the board shows the silent office red, its 催报 list prints, a name opens the office’s dashboard, the scorecard ranks the offices', async () => {
    const o = await suite.open(county);
    const { page } = o;
    const ids = o.data;
    await page.goto(o.url);
    await logIn(page, 'admin', PASSWORD, '李科长');
    await go(page, '#/reports/county?period=2026');
    const board = page.getByTestId('county-board');
    await board.waitFor();
    const silent = board.locator(`[data-office-row="${ids['桃园社区']}"]`);
    await expect.poll(() => silent.getAttribute('data-status')).toBe('never');
    // Never heard from reads red, like data too old.
    const chip = silent.locator('.MuiChip-root').first();
    expect(await chip.innerText()).toBe('从未报送');
    expect(await chip.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(198, 40, 40)');
    expect(await board.locator(`[data-office-row="${ids['幸福里社区']}"]`).getAttribute('data-status')).toBe('green');
    expect(await board.locator(`[data-office-row="${ids['锦绣苑社区']}"]`).getAttribute('data-status')).toBe('amber');
    // 幸福里's 重阳 summary is on time; 锦绣苑's is missing.
    expect(await board.locator(`[data-office-row="${ids['幸福里社区']}"] [data-form="campaign:chongyang:2026"]`).getAttribute('data-status')).toBe('onTime');
    expect(await board.locator(`[data-office-row="${ids['锦绣苑社区']}"] [data-form="campaign:chongyang:2026"]`).getAttribute('data-status')).toBe('missing');
    await page.getByTestId('county-rollup').waitFor();
    await o.screenshot('county-board', page, { fullPage: true });

    // A hand-in opens beside what the office's records say now.
    await board.locator(`[data-office-row="${ids['幸福里社区']}"] [data-form="campaign:chongyang:2026"] a`).click();
    await page.getByTestId('compare-summary').waitFor();
    expect(await page.getByTestId('compare-summary').innerText()).toContain('2026-10-25');
    // It belongs to the roll-up it was opened from: that tab is the one lit.
    expect(await page.getByRole('tab', { selected: true }).innerText()).toBe('县级汇总');
    await o.screenshot('county-compare', page, { fullPage: true });
    await go(page, '#/reports/county?period=2026');
    await board.waitFor();

    // The 催报 list opens in a tab of its own and prints by itself, the silent office on it.
    const [printed] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: '打印催报单', exact: true }).click()]);
    await printed.waitForSelector('html[data-print-ready="1"]');
    const text = await printed.locator('body').innerText();
    expect(text).toContain('催报单');
    expect(text).toContain('桃园社区');
    expect(text).toContain('从未报送');
    expect(await printed.locator(`[data-office-row="${ids['桃园社区']}"]`).count()).toBe(1);
    await expect.poll(() => printed.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls)).toBe(1);
    await o.screenshot('county-remind-print', printed, { fullPage: true });
    await printed.close();

    // The board month by month: 幸福里's one packet this month; the board prints as a page of its own.
    const history = board.locator(`[data-office-row="${ids['幸福里社区']}"] [data-testid="packet-history"]`);
    expect(await history.locator('[data-count="1"]').count()).toBe(1);
    expect(await board.locator(`[data-office-row="${ids['桃园社区']}"] [data-testid="packet-history"] [data-count="0"]`).count()).toBe(12);
    const [boardPrint] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: '打印报送情况', exact: true }).click()]);
    await boardPrint.waitForSelector('html[data-print-ready="1"]');
    const boardText = await boardPrint.locator('body').innerText();
    expect(boardText).toContain('各社区报送情况');
    expect(await boardPrint.locator('[data-office-row]').count()).toBe(3);
    await o.screenshot('county-board-print', boardPrint, { fullPage: true });
    await boardPrint.close();

    // The 汇总 has 春节 and 重阳; the switch hides them for a narrower table and brings them back.
    const rollupHead = page.getByTestId('county-rollup').locator('thead');
    await expect.poll(() => rollupHead.innerText()).toContain('春节走访慰问');
    // (A click, not uncheck(): the switch shows the address's state, which follows a render later.)
    await page.getByLabel('显示春节、重阳走访慰问').click();
    await page.waitForURL(/campaigns=0/);
    await expect.poll(() => rollupHead.innerText()).not.toContain('春节走访慰问');
    expect(await rollupHead.innerText()).toContain('联系人落实');
    await page.getByLabel('显示春节、重阳走访慰问').click();
    await expect.poll(() => rollupHead.innerText()).toContain('春节走访慰问');
    expect(await page.getByLabel('显示春节、重阳走访慰问').isChecked()).toBe(true);

    // The roll-up prints too, with the county total.
    // On paper as on the screen: two tables across A4 (persons and visit plans; campaigns and
    // contacts), each row's data-as-of day and, in words, what is missing.
    const [rollup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: '打印汇总表', exact: true }).click()]);
    await rollup.waitForSelector('html[data-print-ready="1"]');
    const rollupText = await rollup.locator('body').innerText();
    expect(rollupText).toContain('全县合计');
    expect(await rollup.getByTestId('rollup-print').count()).toBe(2);
    for (const words of ['春节走访慰问', '重阳走访慰问', '联系人落实', '数据截至 2026-10-15，本期数据不全', '从未报送，没有数据', '2026-11-30']) expect(rollupText).toContain(words);
    await o.screenshot('county-rollup-print', rollup, { fullPage: true });
    await rollup.close();

    // The 汇总 gives each office's data-as-of day: 锦绣苑's ends in October, so its figures of 2026 are
    // marked incomplete in words; the silent office says so instead of zeros; the total says what it holds.
    const rollupTable = page.getByTestId('county-rollup');
    const rollupRow = (name: string) => rollupTable.locator(`[data-office-row="${ids[name]}"]`);
    expect(await rollupRow('幸福里社区').getByTestId('rollup-data-as-of').innerText()).toBe('2026-11-30');
    expect(await rollupRow('幸福里社区').getByTestId('rollup-note').innerText()).toBe('');
    expect(await rollupRow('锦绣苑社区').getAttribute('data-incomplete')).toBe('1');
    expect(await rollupRow('锦绣苑社区').getByTestId('rollup-note').innerText()).toContain('数据截至 2026-10-15，本期数据不全');
    expect(await rollupRow('桃园社区').getByTestId('rollup-note').innerText()).toBe('从未报送，没有数据');
    expect(await page.getByTestId('rollup-total-note').innerText()).toContain('合计含 1 个本期数据不全的社区；1 个社区没有本期数字');
    const heads = await rollupTable.locator('thead').innerText();
    for (const words of ['春节走访慰问', '重阳走访慰问', '覆盖率', '慰问金', '联系人落实', '无责任联系人', '数据截至', '说明']) expect(heads).toContain(words);

    // The roll-up sorts by a figure, most first, the office without figures last; a second click turns it round.
    const rollupRows = () => page.getByTestId('county-rollup').locator('tbody tr[data-office-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-office-row')));
    await page.getByTestId('county-rollup').locator('[data-sort="persons.headcount:total"]').click();
    await expect.poll(rollupRows).toEqual([ids['幸福里社区'], ids['锦绣苑社区'], ids['桃园社区']]);
    await page.getByTestId('county-rollup').locator('[data-sort="persons.headcount:total"]').click();
    await expect.poll(rollupRows).toEqual([ids['锦绣苑社区'], ids['幸福里社区'], ids['桃园社区']]);
    // The new columns sort too: by persons without a responsible contact, the silent office still last.
    await rollupTable.locator('[data-sort="persons.contacts:noResponsible"]').click();
    await expect.poll(rollupRows).toEqual([ids['幸福里社区'], ids['锦绣苑社区'], ids['桃园社区']]);
    await rollupTable.scrollIntoViewIfNeeded();
    await o.screenshot('county-rollup-sorted', page);
    await rollupTable.evaluate((el) => el.parentElement?.scrollTo({ left: 0 }));
    await o.screenshot('county-rollup', page);

    // A name opens that office's dashboard, counted from what it sent.
    await page.getByTestId('county-rollup').getByRole('link', { name: '幸福里社区', exact: true }).click();
    await page.getByRole('heading', { name: '幸福里社区的统计' }).waitFor();
    await page.getByTestId('office-dashboard-note').waitFor();
    await expect.poll(() => page.locator('[data-indicator="persons.headcount"]').innerText()).toContain('3');
    expect(await page.getByTestId('office-data-as-of').innerText()).toBe('数据截至 2026-11-30（该社区最近一次报送）');
    expect(await page.getByTestId('office-dashboard-note').getAttribute('data-incomplete')).toBeNull();
    await o.screenshot('county-office-dashboard', page, { fullPage: true });

    // 锦绣苑's data ends in October: its 2026 is shown marked incomplete, and a month after its data is refused with the day.
    await go(page, `#/reports?office=${encodeURIComponent(ids['锦绣苑社区'] ?? '')}&period=2026`);
    const note = page.getByTestId('office-dashboard-note');
    await expect.poll(() => note.getAttribute('data-incomplete')).toBe('1');
    expect(await note.innerText()).toContain('数据截至 2026-10-15（该社区最近一次报送）');
    expect(await note.innerText()).toContain('本期数据不全');
    await o.screenshot('county-office-incomplete', page);
    await go(page, `#/reports?office=${encodeURIComponent(ids['锦绣苑社区'] ?? '')}&period=2026-11`);
    await page.getByRole('alert').filter({ hasText: '锦绣苑社区的数据截至 2026-10-15（最近一次报送），所选期间在此之后' }).waitFor();
    expect(await page.locator('[data-indicator]').count()).toBe(0);
    // The page still says whose it is.
    await page.getByRole('heading', { name: '锦绣苑社区的统计' }).waitFor();
    await o.screenshot('county-office-after-data', page);

    // The scorecard ranks the three: all in place first, the silent office last.
    await go(page, '#/reports/scorecard?year=2026');
    const card = page.getByTestId('scorecard');
    await card.waitFor();
    const order = await card.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-office-row'), r.getAttribute('data-rank')]));
    expect(order).toEqual([
      [ids['幸福里社区'], '1'],
      [ids['锦绣苑社区'], '2'],
      [ids['桃园社区'], '3'],
    ]);
    await o.screenshot('county-scorecard', page, { fullPage: true });
    const [cardPrint] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: '打印考核表', exact: true }).click()]);
    await cardPrint.waitForSelector('html[data-print-ready="1"]');
    expect(await cardPrint.locator('body').innerText()).toContain('2026年度社区老干部工作考核表');
    await o.screenshot('county-scorecard-print', cardPrint, { fullPage: true });
    await cardPrint.close();

    // The registry names the office each person came from and filters by it.
    await go(page, '#/persons');
    await page.getByRole('columnheader', { name: '报送单位' }).waitFor();
    await expect.poll(() => page.getByRole('row').count()).toBe(6);
    await page.getByRole('combobox', { name: '报送单位' }).click();
    await page.getByRole('option', { name: '锦绣苑社区', exact: true }).click();
    await expect.poll(() => page.getByRole('row').count()).toBe(3);
    expect(await page.getByRole('grid').innerText()).toContain('王淑芬');
    await o.screenshot('county-registry', page, { fullPage: true });

    // 来电来访 names the office of each call and filters by it (none logged here: the column and the filter are there).
    await go(page, '#/calls');
    await page.getByRole('combobox', { name: '报送单位' }).waitFor();
    await o.screenshot('county-calls', page, { fullPage: true });

    // 志愿服务记录 too: both offices' records, then only 锦绣苑's, each row naming its office.
    await go(page, '#/volunteers/services');
    await page.getByRole('columnheader', { name: '报送单位' }).waitFor();
    await page.getByRole('grid').getByText('孙丽华').waitFor();
    await page.getByRole('grid').getByText('陈志远').waitFor();
    await page.getByRole('combobox', { name: '报送单位' }).click();
    await page.getByRole('option', { name: '锦绣苑社区', exact: true }).click();
    await expect.poll(() => page.getByRole('grid').getByText('孙丽华').count()).toBe(0);
    expect(await page.getByRole('grid').innerText()).toContain('陈志远');
    expect(await page.getByRole('grid').innerText()).toContain('锦绣苑社区');
    await o.screenshot('county-volunteer-services', page, { fullPage: true });
  });

  it('the bureau’s home page counts its own persons’ overdue pairs and 整寿, and the lists its cards open hold those only', async () => {
    const o = await suite.open(county);
    const { page } = o;
    const admin = o.as('admin');
    const before = await o.must(admin, 'reports.morning', {});
    const today = before.today;
    expect(before.office.bureauOwn).toBe(true);
    const bureauId = before.office.id as string;
    // The bureau's own person, turning 80 in ten days, and a pair not contacted for a month; 幸福里's 郭建国 has one too.
    const day = addDays(today, 10);
    const own = await o.must(admin, 'persons.create', personInput({ seq: 790, name: '局机关老同志', birthDate: `${Number(day.slice(0, 4)) - 80}${day.slice(4)}`, grid: '' }));
    const guo = (await o.must(admin, 'persons.list', { search: '郭建国' })).rows[0]?.id as string;
    for (const personId of [own.id, guo]) {
      await o.must(admin, 'pairs.create', { personId, helperKind: 'volunteer', helperName: '周晓燕', helperPhone: '13912345678', helpKinds: ['emotional'], frequency: 'weekly', fromDate: addDays(today, -30) });
    }
    expect((await o.must(admin, 'pairs.list', { due: 'overdue' })).total).toBe(2);
    const morning = await o.must(admin, 'reports.morning', {});
    expect([morning.pairsOverdue, morning.birthdays.map((b) => b.name)]).toEqual([1, ['局机关老同志']]);

    await page.goto(o.url);
    await logIn(page, 'admin', PASSWORD, '李科长');
    const pairs = page.locator('[data-morning="pairs"] a');
    await expect.poll(() => pairs.innerText()).toBe('1');
    // The cards count the bureau's own persons, and the page says so, as its dashboard does.
    expect(await page.getByTestId('morning-bureau-own').innerText()).toBe('以下为县老干部局自己登记的人员，不含各社区报送的数据。');
    await o.screenshot('county-morning', page, { fullPage: true });
    await pairs.click();
    await page.waitForURL(/#\/pairs\?/);
    expect(new URLSearchParams(page.url().split('?')[1]).get('office')).toBe(bureauId);
    await page.getByRole('grid').getByText('局机关老同志', { exact: true }).waitFor();
    expect(await page.getByRole('grid').getByText('郭建国', { exact: true }).count()).toBe(0);

    await go(page, '#/');
    await page.locator('[data-morning="birthdays"] a').first().click();
    await page.waitForURL(/#\/visits\?/);
    const params = new URLSearchParams(page.url().split('?')[1]);
    expect([params.get('reason'), params.get('from'), params.get('to'), params.get('office')]).toEqual(['birthday', today, morning.birthdaysUntil, bureauId]);
    await expect.poll(() => page.getByText(/^共 \d+ 次走访$/).innerText()).toBe('共 1 次走访');
    await page.getByRole('grid').getByText('局机关老同志', { exact: true }).waitFor();
  });
});
