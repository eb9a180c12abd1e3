/**
 * 数据包 in a real browser against real services, with two offices side by side (two data folders,
 * two hosts, two browser pages in this process): a community office and the county bureau exchange key
 * cards through the screens (comparing the fingerprint), the office exports a full packet, the bureau
 * sees who sent it before importing it, both edit the same person, they exchange again, the conflict
 * shows on the bureau's home page and is resolved field by field in the conflicts screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Session } from '../../main/auth/session';
import { boxPath } from '../../main/services/packets/files';
import { makeIdNumber } from '../helpers/persons';
import { E2E_TIMEOUT, e2eSuite, logIn, setUp, setupInput, type Office, type SeedContext } from './support';

const PASSWORD = 'shujubao2026';
const OFFICE = '幸福里社区';
const BUREAU = '榆次区委老干部局';

const suite = e2eSuite('packets');

async function seedSide(s: SeedContext, officeName: string, areaCode: string, mode: 'community' | 'bureau', displayName: string): Promise<{ officeId: string; personId: string }> {
  const admin = await setUp(s, setupInput(officeName, PASSWORD, { areaCode, mode, adminDisplayName: displayName }));
  await s.must(admin, 'settings.update', { idleLockMinutes: 0 });
  const officeId = (await s.must(admin, 'keys.card', {})).card.officeId;
  if (mode === 'bureau') return { officeId, personId: '' };
  const created = await s.must(admin, 'persons.create', {
    name: '吴德厚',
    gender: 'male',
    idNumber: makeIdNumber('1940-03-15', 'male', 31),
    birthDate: '1940-03-15',
    phones: ['13934561111'],
    retirementType: 'lixiu',
    originalUnit: '县委组织部',
    unitLevel: 'county',
    politicalStatus: 'cpc',
    community: OFFICE,
    grid: '第一网格',
    address: '幸福里小区3号楼1单元202',
    livingSituation: 'empty_nest',
  });
  return { officeId, personId: created.id };
}

const officeTemplate = suite.office('office', (s) => seedSide(s, OFFICE, '140702001001', 'community', '王主任'));
const bureauTemplate = suite.office('bureau', (s) => seedSide(s, BUREAU, '140702000000', 'bureau', '李科长'));

/** One office of the exchange in this test: its copy, its page and its administrator's session. */
interface Side {
  o: Office<{ officeId: string; personId: string }>;
  page: Page;
  admin: Session;
  officeId: string;
}

async function openSide(template: typeof officeTemplate, displayName: string | null): Promise<Side> {
  const o = await suite.open(template);
  if (displayName) {
    await o.page.goto(o.url);
    await logIn(o.page, 'admin', PASSWORD, displayName);
  }
  return { o, page: o.page, admin: o.as('admin'), officeId: o.data.officeId };
}

/** The office's copy (logged in unless told not to). */
const openOffice = (login = true) => openSide(officeTemplate, login ? '王主任' : null);
const openBureau = (login = true) => openSide(bureauTemplate, login ? '李科长' : null);

/** `to` trusts `from` through the services, as a confirmed card exchange leaves it. */
async function trustThrough(to: Side, from: Side): Promise<void> {
  const card = await from.o.must(from.admin, 'keys.card', {});
  await to.o.must(to.admin, 'keys.trust', { card: card.json, fingerprint: card.fingerprintGroups });
}

/** Copies a packet or receipt into an office's inbox and imports it through the services. */
async function importThrough(to: Side, file: string) {
  const name = path.basename(file);
  fs.mkdirSync(path.dirname(boxPath(to.o.dataDir, 'in', name)), { recursive: true });
  fs.copyFileSync(file, boxPath(to.o.dataDir, 'in', name));
  return to.o.must(to.admin, 'packets.import', { fileName: name });
}

/** Changes some fields of a person as the registry's edit form would. */
async function editPerson(side: Side, id: string, fields: Record<string, unknown>): Promise<void> {
  const detail = await side.o.must(side.admin, 'persons.get', { id });
  const p = detail.person as unknown as Record<string, unknown>;
  const keys = ['name', 'gender', 'idNumber', 'birthDate', 'phones', 'retirementType', 'retirementDate', 'originalUnit', 'unitLevel', 'formerPosition', 'rank', 'politicalStatus', 'community', 'grid', 'address', 'livingSituation'];
  const base = Object.fromEntries(keys.map((k) => [k, p[k]]));
  await side.o.must(side.admin, 'persons.update', { id, fields: { ...base, ...fields } as never });
}

async function openTab(side: Side, tab: string, heading: string): Promise<void> {
  const { page } = side;
  await page.getByRole('navigation').getByRole('link', { name: '数据包', exact: true }).click();
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await page.getByRole('heading', { name: heading, exact: true }).waitFor();
}

/** Clicks a button that saves a file and answers where the file went. */
async function saveDownload(side: Side, button: string, as: string, page: Page = side.page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  const file = path.join(side.o.files, as);
  await download.saveAs(file);
  return file;
}

/** The card of `from` saved through its screen, imported at `to` with the fingerprint `from` reads out. */
async function exchangeCard(from: Side, to: Side, shot: string): Promise<void> {
  await openTab(from, '密钥卡与信任列表', '密钥卡与信任列表');
  const file = await saveDownload(from, '下载密钥卡文件', `${shot}.json`);
  const card = JSON.parse(fs.readFileSync(file, 'utf8')) as { name: string; fingerprint: string };
  // What the other office reads out on the phone: the groups shown on its screen.
  const shown = (await from.page.getByTestId('fingerprint').first().innerText()).replace(/\s+/g, '-');
  expect(shown).toBe(card.fingerprint);

  await openTab(to, '密钥卡与信任列表', '密钥卡与信任列表');
  await to.page.getByLabel('导入对方的密钥卡').setInputFiles(file);
  const dialog = to.page.getByRole('dialog', { name: '核对密钥卡指纹' });
  await dialog.waitFor();
  await expect.poll(() => dialog.innerText()).toContain(card.name);
  const trust = dialog.getByRole('button', { name: '指纹一致，加入信任列表' });
  // A misheard group: the button stays off and the field says so.
  await dialog.getByLabel('对方念出的指纹').fill(shown.replace(/^.{4}/, '0000'));
  await expect.poll(() => dialog.innerText()).toContain('输入的指纹与密钥卡不一致');
  expect(await trust.isDisabled()).toBe(true);
  await dialog.getByLabel('对方念出的指纹').fill(shown.replace(/-/g, ' ').toLowerCase());
  await to.o.screenshot(shot);
  await trust.click();
  await dialog.waitFor({ state: 'detached' });
  await to.page.getByRole('cell', { name: card.name, exact: true }).waitFor();
}

async function exportTo(office: Side, kind: string, shot: string): Promise<string> {
  const { page } = office;
  await openTab(office, '导出', '导出数据包');
  await page.getByRole('radio', { name: new RegExp(`^${kind}`) }).check();
  await page.getByRole('combobox', { name: /^收件单位/ }).click();
  await page.getByRole('option', { name: new RegExp(`^${BUREAU}`) }).click();
  await office.o.screenshot(`${shot}-form`);
  await page.getByRole('button', { name: '生成数据包', exact: true }).click();
  await page.getByRole('heading', { name: '数据包已生成', exact: true }).waitFor();
  await expect.poll(() => page.locator('main').innerText()).toContain(`已生成发给“${BUREAU}”的${kind}`);
  await office.o.screenshot(shot);
  return saveDownload(office, '保存数据包文件', `${shot}.age`);
}

async function importAtBureau(bureau: Side, file: string, shot: string): Promise<void> {
  const { page } = bureau;
  await openTab(bureau, '导入', '导入数据包');
  await page.getByLabel('选择数据包文件').setInputFiles(file);
  const item = page.getByTestId('packet-item').first();
  await item.getByRole('button', { name: '导入', exact: true }).waitFor();
  // Before importing: who sent it, what it is and how many records.
  const seen = await item.innerText();
  expect(seen).toContain(`${OFFICE}（社区，140702001001）`);
  expect(seen).toContain('人员档案');
  await bureau.o.screenshot(`${shot}-inspect`);
  await item.getByRole('button', { name: '导入', exact: true }).click();
  await item.getByRole('table', { name: '导入结果' }).waitFor();
  await bureau.o.screenshot(`${shot}-report`);
}

describe('packets between an office and the county bureau', { timeout: E2E_TIMEOUT }, () => {
  it('the office shows its key card, prints it on A4 and exports its identity after a warning', async () => {
    const office = await openOffice();
    await openTab(office, '密钥卡与信任列表', '密钥卡与信任列表');
    await office.page.getByText('还没有信任任何单位').waitFor();
    await office.o.screenshot('packets-keys-own');

    // The printed card opens in a tab of its own (sharing this tab's login) and asks to print by itself.
    const [printed] = await Promise.all([office.page.waitForEvent('popup'), office.page.getByRole('button', { name: '打印密钥卡', exact: true }).click()]);
    await printed.waitForSelector('html[data-print-ready="1"]');
    const card = await office.o.must(office.admin, 'keys.card', {});
    const text = await printed.locator('body').innerText();
    expect(text).toContain(OFFICE);
    expect(text).toContain('140702001001');
    expect(text).toContain(card.card.ageRecipient);
    for (const group of card.fingerprintGroups.split('-')) expect(text).toContain(group);
    await expect.poll(() => printed.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls)).toBe(1);
    await office.o.screenshot('packets-key-card-print', printed, { fullPage: true });
    await printed.close();

    // The administrator can export the secret identity, after a warning, as a standard age identity file.
    await office.page.getByRole('button', { name: '导出解密身份文件' }).click();
    const warning = office.page.getByRole('dialog', { name: '导出本单位的解密身份文件' });
    await warning.getByText('拿到这个文件的人能读取发给本单位的所有数据包').waitFor();
    await office.o.screenshot('packets-identity-warning');
    const identity = await saveDownload(office, '我明白，导出', 'identity.txt');
    expect(fs.readFileSync(identity, 'utf8')).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]+$/m);
    await warning.waitFor({ state: 'detached' });
  });

  it('an unknown sender is refused with an offer to import its key card first', async () => {
    const office = await openOffice(false);
    const bureau = await openBureau();
    // The office trusts the bureau, so it can send to it; the bureau does not know the office yet.
    await trustThrough(office, bureau);
    const exported = await office.o.must(office.admin, 'packets.export', { kind: 'full', to: bureau.officeId });
    const file = path.join(bureau.o.files, exported.fileName);
    fs.copyFileSync(exported.path, file);

    const { page } = bureau;
    await openTab(bureau, '导入', '导入数据包');
    await page.getByLabel('选择数据包文件').setInputFiles(file);
    await page.getByText(`这个数据包来自“${OFFICE}”，该单位还不在信任列表中`).waitFor();
    await bureau.o.screenshot('packets-import-unknown-sender');
    expect(await page.getByTestId('packet-item').first().getByRole('button', { name: '导入', exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: '去导入密钥卡' }).waitFor();
  });

  it('the bureau trusts the office after comparing its fingerprint, and imports the full packet', async () => {
    const office = await openOffice();
    const bureau = await openBureau();
    await trustThrough(office, bureau);
    await exchangeCard(office, bureau, 'packets-trust-dialog');
    await bureau.o.screenshot('packets-trust-list');
    const file = await exportTo(office, '全量数据包', 'packets-export-done');
    await importAtBureau(bureau, file, 'packets-import-full');
    const row = bureau.o.app.db.prepare('SELECT name, address FROM persons WHERE id = ?').get(office.o.data.personId);
    expect(row).toEqual({ name: '吴德厚', address: '幸福里小区3号楼1单元202' });
    // The receipt goes back to the office, which then knows the packet arrived.
    const receipt = await saveDownload(bureau, '保存回执文件', 'receipt-full.age');
    await openTab(office, '导入', '导入数据包');
    await office.page.getByLabel('选择数据包文件').setInputFiles(receipt);
    const item = office.page.getByTestId('packet-item').first();
    await expect.poll(() => item.innerText()).toContain(`${BUREAU}（老干部局，140702000000）`);
    expect(await item.innerText()).toContain('回执');
    await item.getByRole('button', { name: '导入', exact: true }).click();
    await item.getByText(`回执已导入：“${BUREAU}”已确认收到`).waitFor();
    await office.o.screenshot('packets-import-receipt');
    const log = await bureau.o.must(bureau.admin, 'packets.log', {});
    expect(log.entries.map((e) => [e.direction, e.kind, e.peerName])).toContainEqual(['in', 'full', OFFICE]);
  });

  it('both edit the same person; the next exchange holds a conflict that is resolved field by field', async () => {
    const office = await openOffice();
    const bureau = await openBureau();
    const personId = office.o.data.personId;
    // The offices trust each other; a full packet went over and its receipt came back.
    await trustThrough(office, bureau);
    await trustThrough(bureau, office);
    const full = await office.o.must(office.admin, 'packets.export', { kind: 'full', to: bureau.officeId });
    const imported = await importThrough(bureau, full.path);
    expect(imported.receipt).not.toBeNull();
    await importThrough(office, imported.receipt?.path as string);

    await editPerson(office, personId, { address: '幸福里小区5号楼2单元101' });
    await editPerson(bureau, personId, { phones: ['13934562222'], address: '局里登记：和平街8号' });

    const file = await exportTo(office, '增量数据包', 'packets-export-incremental');
    // Cut from the acknowledged packet: no note that it falls back.
    expect(await office.page.locator('main').innerText()).not.toContain('还没有发回上一个数据包的回执');
    await importAtBureau(bureau, file, 'packets-import-incremental');
    await expect.poll(() => bureau.page.getByTestId('packet-item').first().innerText()).toContain('有 1 条记录两边都改过');

    // The home page counts it.
    await bureau.page.getByRole('navigation').getByRole('link', { name: '首页', exact: true }).click();
    await bureau.page.getByTestId('conflict-count').waitFor();
    expect(await bureau.page.getByTestId('conflict-count').innerText()).toContain('有 1 条数据包冲突待处理');
    await bureau.o.screenshot('packets-home-conflicts');

    // Side by side: the office's new address, the bureau's own new phone.
    await bureau.page.getByTestId('conflict-count').getByRole('link', { name: '去处理' }).click();
    await bureau.page.getByRole('heading', { name: '冲突处理', exact: true }).waitFor();
    const compare = bureau.page.getByRole('table', { name: '两边内容对比' });
    await compare.waitFor();
    const text = await compare.innerText();
    expect(text).toContain('局里登记：和平街8号');
    expect(text).toContain('幸福里小区5号楼2单元101');
    expect(text).toContain('13934562222');
    await bureau.page.getByRole('radio', { name: '住址：用对方的', exact: true }).check();
    await bureau.o.screenshot('packets-conflict-compare');
    await bureau.page.getByRole('button', { name: '按所选保存', exact: true }).click();
    await bureau.page.getByText('没有需要处理的冲突。').waitFor();
    await bureau.o.screenshot('packets-conflicts-resolved');

    const row = bureau.o.app.db.prepare('SELECT address, phones FROM persons WHERE id = ?').get(personId);
    expect(row).toEqual({ address: '幸福里小区5号楼2单元101', phones: JSON.stringify(['13934562222']) });
    expect(await bureau.o.must(bureau.admin, 'conflicts.count', {})).toEqual({ open: 0 });

    await bureau.page.getByRole('tab', { name: '日志', exact: true }).click();
    await bureau.page.getByRole('table', { name: '数据包日志' }).waitFor();
    await bureau.o.screenshot('packets-log');
  });

  it('撤销这次导入 from the log; an import whose records were changed here since is refused with them named', async () => {
    const office = await openOffice(false);
    const bureau = await openBureau();
    const personId = office.o.data.personId;
    await trustThrough(office, bureau);
    await trustThrough(bureau, office);
    const full = await office.o.must(office.admin, 'packets.export', { kind: 'full', to: bureau.officeId });
    const imported = await importThrough(bureau, full.path);
    await importThrough(office, imported.receipt?.path as string);
    // The bureau corrects 吴德厚 after the full packet brought him.
    await editPerson(bureau, personId, { address: '局里登记：和平街8号' });
    // A new person at the office, sent in an increment.
    const created = await office.o.must(office.admin, 'persons.create', {
      name: '郑新来',
      gender: 'male',
      idNumber: makeIdNumber('1942-05-01', 'male', 32),
      birthDate: '1942-05-01',
      phones: ['13934563333'],
      retirementType: 'tuixiu',
      originalUnit: '县财政局',
      unitLevel: 'county',
      politicalStatus: 'cpc',
      community: OFFICE,
      grid: '第一网格',
      address: '幸福里小区6号楼1单元301',
      livingSituation: 'alone',
    });
    const inc = await office.o.must(office.admin, 'packets.export', { kind: 'incremental', to: bureau.officeId });
    await importThrough(bureau, inc.path);
    const nameAtBureau = () => bureau.o.app.db.prepare('SELECT name FROM persons WHERE id = ?').get(created.id);
    expect(nameAtBureau()).toEqual({ name: '郑新来' });

    const { page } = bureau;
    await openTab(bureau, '日志', '数据包日志');
    const log = page.getByRole('table', { name: '数据包日志' });
    await log.waitFor();
    const undoable = log.getByRole('row').filter({ has: page.getByRole('button', { name: '撤销这次导入', exact: true }) });
    // Newest first: the increment.
    await undoable.first().getByRole('button', { name: '撤销这次导入', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '撤销这次导入？' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(`“${OFFICE}”的增量数据包`);
    await bureau.o.screenshot('packets-undo-confirm');
    await dialog.getByRole('button', { name: '撤销导入', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`已撤销“${OFFICE}”数据包的导入`, { exact: false }).waitFor();
    await log.getByText('已撤销（', { exact: false }).first().waitFor();
    expect(nameAtBureau()).toBeUndefined();

    // The full packet brought 吴德厚, whom the bureau has edited since: refused, and the edit stays.
    await undoable.last().getByRole('button', { name: '撤销这次导入', exact: true }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '撤销导入', exact: true }).click();
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('alert').innerText()).toContain('在导入之后又被修改或使用过');
    const blocked = dialog.getByRole('table', { name: '导入之后又被修改或使用过的记录' });
    await blocked.waitFor();
    const named = await blocked.innerText();
    expect(named).toContain('吴德厚');
    expect(named).toContain('导入之后被修改过');
    expect(await dialog.getByRole('button', { name: '撤销导入', exact: true }).isDisabled()).toBe(true);
    await bureau.o.screenshot('packets-undo-refused');
    await dialog.getByRole('button', { name: '取消', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(bureau.o.app.db.prepare('SELECT address FROM persons WHERE id = ?').get(personId)).toEqual({ address: '局里登记：和平街8号' });
  });

  it('staff export and import but do not manage keys; grid workers are not offered packets', async () => {
    const office = await openOffice(false);
    // The office trusts the bureau, so there is someone to export to.
    await trustThrough(office, await openBureau(false));
    await office.o.must(office.admin, 'users.create', { username: 'zhangganshi', displayName: '张干事', role: 'staff', password: PASSWORD, phone: null });
    await office.o.must(office.admin, 'users.create', { username: 'xiaoli', displayName: '网格员小李', role: 'gridworker', password: PASSWORD, phone: null });
    // They have long since replaced the passwords the admin gave them (a first login asks for that).
    office.o.app.db.prepare('UPDATE users SET must_change_password = 0').run();
    for (const [username, displayName, role] of [['zhangganshi', '张干事', 'staff'], ['xiaoli', '网格员小李', 'gridworker']] as const) {
      // Each at a computer of their own.
      const page = await office.o.newPage();
      await page.goto(office.o.url);
      await logIn(page, username, PASSWORD, displayName);
      const link = page.getByRole('navigation').getByRole('link', { name: '数据包', exact: true });
      if (role === 'gridworker') {
        expect(await link.count()).toBe(0);
      } else {
        await link.click();
        await page.getByRole('heading', { name: '本单位密钥卡', exact: true }).waitFor();
        await page.getByText('只有管理员可以把单位加入信任列表。').waitFor();
        expect(await page.getByRole('button', { name: '导入对方的密钥卡' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: '更换密钥' }).count()).toBe(0);
        await page.getByRole('tab', { name: '导出', exact: true }).click();
        await page.getByRole('combobox', { name: /^收件单位/ }).waitFor();
      }
    }
  });

  it('the office administrator replaces the keys; the new fingerprint shows and the old key is kept', async () => {
    const office = await openOffice();
    const { page } = office;
    await openTab(office, '密钥卡与信任列表', '密钥卡与信任列表');
    const before = await page.getByTestId('fingerprint').first().innerText();
    await page.getByRole('button', { name: '更换密钥', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '更换本单位的密钥' });
    await dialog.getByText('旧的密钥会保留', { exact: false }).waitFor();
    await office.o.screenshot('packets-rotate-confirm');
    await dialog.getByRole('button', { name: '我明白，更换密钥', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('fingerprint').first().innerText()).not.toBe(before);
    const card = await office.o.must(office.admin, 'keys.card', {});
    expect((await page.getByTestId('fingerprint').first().innerText()).replace(/\s+/g, '-')).toBe(card.fingerprintGroups);
    await page.getByText('请下载或打印新的密钥卡', { exact: false }).first().waitFor();
    await office.o.screenshot('packets-rotated');
    expect((await office.o.must(office.admin, 'keys.list', {})).own.retired).toHaveLength(1);
  });
});
