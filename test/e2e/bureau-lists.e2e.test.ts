/**
 * The county bureau's 党组织 and 网格 lists in a real browser: two communities, each with a
 * 第一网格 and a party branch, send their records; the bureau sees both offices' rows, each naming
 * its 报送单位, and the office filter keeps one office's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boxPath } from '../../main/services/packets/files';
import { call, makeApp, ok } from '../helpers/app';
import { personInput } from '../helpers/persons';
import { E2E_TIMEOUT, e2eSuite, go, logIn, setUp, setupInput, type SeedContext } from './support';

const PASSWORD = 'xianjihuizong2026';

const suite = e2eSuite('bureau-lists');

/** A community office that keeps a grid and a branch, and sends everything to the bureau. */
async function community(s: SeedContext, bureau: { card: string; fingerprint: string; officeId: string; admin: Parameters<SeedContext['must']>[0] }, name: string, areaCode: string, people: string[], seq: number) {
  const t = makeApp();
  t.clock.time = Date.parse('2026-11-20T02:00:00.000Z');
  try {
    const admin = t.app.sessions.create(t.clock.time);
    await ok(call(t.app, admin, 'setup.create', { officeName: name, areaCode, mode: 'community', adminUsername: 'admin', adminDisplayName: '主任', adminPassword: PASSWORD }));
    const street = name.slice(0, 3);
    await ok(call(t.app, admin, 'grids.create', { name: '第一网格', description: `${street}小区1至6号楼`, workerIds: [], places: [`${street}小区`] }));
    const ids: string[] = [];
    for (const [i, n] of people.entries()) {
      const created = await ok(call(t.app, admin, 'persons.create', personInput({ seq: seq + i, name: n, grid: '', address: `${street}小区${i + 1}号楼2单元101`, politicalStatus: 'cpc' })));
      ids.push(created.id);
    }
    const branch = await ok(call(t.app, admin, 'party.branches.create', { name: `${name}离退休干部党支部`, kind: 'branch', meetingPlace: `${street}社区党群服务中心` }));
    for (const personId of ids) {
      await ok(call(t.app, admin, 'party.members.add', { personId, branchId: branch.id, partyJoinedOn: '1970-07-01', relationHeld: 'community', managementMode: 'single', fromDate: '2026-01-05' }));
    }
    await ok(call(t.app, admin, 'party.committee.appoint', { branchId: branch.id, post: 'secretary', personId: ids[0] as string, fromDate: '2026-01-05' }));
    const card = await ok(call(t.app, admin, 'keys.card', {}));
    await s.must(bureau.admin, 'keys.trust', { card: card.json, fingerprint: card.fingerprintGroups });
    await ok(call(t.app, admin, 'keys.trust', { card: bureau.card, fingerprint: bureau.fingerprint }));
    const exported = await ok(call(t.app, admin, 'packets.export', { kind: 'full', to: bureau.officeId }));
    const file = path.basename(exported.path);
    fs.mkdirSync(path.dirname(boxPath(s.app.dataDir, 'in', file)), { recursive: true });
    fs.copyFileSync(exported.path, boxPath(s.app.dataDir, 'in', file));
    await s.must(bureau.admin, 'packets.import', { fileName: file });
  } finally {
    t.close();
  }
}

const county = suite.office('bureau', async (s) => {
  const admin = await setUp(s, setupInput('榆次区委老干部局', PASSWORD, { areaCode: '140702000000', mode: 'bureau', adminDisplayName: '李科长' }));
  await s.must(admin, 'settings.update', { idleLockMinutes: 0 });
  const card = await s.must(admin, 'keys.card', {});
  const bureau = { card: card.json, fingerprint: card.fingerprintGroups, officeId: card.card.officeId, admin };
  await community(s, bureau, '幸福里社区', '140702001001', ['郭建国', '赵秀兰', '李志刚'], 700);
  await community(s, bureau, '锦绣苑社区', '140702001002', ['王淑芬', '张德明'], 720);
});


/** The office cell of each body row of the page's table, in order. */
const officesShown = (page: import('playwright-core').Page) => page.locator('table tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent ?? ''));

describe('党组织 and 网格 at the bureau', { timeout: E2E_TIMEOUT }, () => {
  it('both offices’ branches and grids, each naming its office; the office filter keeps one office’s', async () => {
    const o = await suite.open(county);
    const { page } = o;
    await page.goto(o.url);
    await logIn(page, 'admin', PASSWORD, '李科长');

    await go(page, '#/party');
    await page.getByRole('columnheader', { name: '报送单位' }).waitFor();
    await expect.poll(() => officesShown(page)).toEqual(['幸福里社区', '锦绣苑社区']);
    expect(await page.locator('table tbody').innerText()).toContain('锦绣苑社区离退休干部党支部');
    await o.screenshot('bureau-branches', page, { fullPage: true });
    await page.getByRole('combobox', { name: '报送单位' }).click();
    await page.getByRole('option', { name: '锦绣苑社区', exact: true }).click();
    await expect.poll(() => officesShown(page)).toEqual(['锦绣苑社区']);
    expect(await page.locator('table tbody').innerText()).toContain('王淑芬');
    await o.screenshot('bureau-branches-one-office', page, { fullPage: true });

    // Two grids of one name: the office tells them apart.
    await go(page, '#/grids');
    await page.getByRole('columnheader', { name: '报送单位' }).waitFor();
    await expect.poll(async () => (await officesShown(page)).sort()).toEqual(['幸福里社区', '锦绣苑社区'].sort());
    await o.screenshot('bureau-grids', page, { fullPage: true });
    await page.getByRole('combobox', { name: '报送单位' }).click();
    await page.getByRole('option', { name: '幸福里社区', exact: true }).click();
    await expect.poll(() => officesShown(page)).toEqual(['幸福里社区']);
    expect(await page.locator('table tbody').innerText()).toContain('3 人');
    // Its notice counts that office's persons without a contact, and opens their list.
    await page.getByText('有 3 位在册人员还没有主要联系人').waitFor();
    await o.screenshot('bureau-grids-one-office', page, { fullPage: true });
    await page.getByRole('link', { name: '查看名单' }).or(page.getByRole('button', { name: '查看名单' })).click();
    await page.waitForURL(/grids\/unassigned\?office=/);
    await expect.poll(() => page.getByRole('row').filter({ hasText: '锦绣苑社区' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('row').filter({ hasText: '幸福里社区' }).count()).toBe(3);
    await o.screenshot('bureau-unassigned-one-office', page, { fullPage: true });
  });
});
