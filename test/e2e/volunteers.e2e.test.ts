/**
 * 志愿服务 in a real browser against real services. An office whose volunteers already served this
 * year (a policy team and a next-generation team, records in earlier months). A staff member sets up
 * a safety patrol team, makes a retired official of the registry and a young resident volunteers of
 * it, logs a night patrol for both at once (one with 1.5 hours), and is told plainly when an hour
 * count is impossible. The totals, the month chart, the team breakdown and the 光荣榜 show the new
 * hours; the official's own page shows their team and hours. A read-only inspector sees it all and
 * is offered no writing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import dayjs from 'dayjs';
import { makeIdNumber } from '../helpers/persons';
import { E2E_TIMEOUT, closeNotes as closeNotesOf, e2eSuite, go, logIn as logInAs, setUp, setupInput, type Office } from './support';

const STAFF_PASSWORD = 'ganshi2026';
const VIEWER_PASSWORD = 'chakan2026';
const TEAM = '幸福里治安巡逻队';

let page: Page;
/** React and MUI complain in the console about wrong props and values: none expected, in any test. */
const consoleProblems: string[] = [];
/** Main's today: records may not be dated after it. */
const today = dayjs().format('YYYY-MM-DD');
const year = dayjs().year();

const PERSONS = [
  { name: '王建国', birthDate: '1946-05-12', gender: 'male', address: '幸福里小区1号楼2单元301', unit: '县人民政府办公室' },
  { name: '李秀英', birthDate: '1949-11-03', gender: 'female', address: '幸福里小区2号楼1单元502', unit: '县妇联' },
  { name: '赵志刚', birthDate: '1951-02-20', gender: 'male', address: '和平街18号院3排5号', unit: '县农机局' },
  { name: '刘淑珍', birthDate: '1953-07-08', gender: 'female', address: '和平街22号院1单元101', unit: '县第一中学' },
  { name: '陈德明', birthDate: '1944-09-30', gender: 'male', address: '文化路9号家属院4号楼201', unit: '县委组织部' },
] as const;

/** A day of this year's month `month`, never after today. */
function dayOf(month: number, day: number): string {
  const date = dayjs(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  return (date.isAfter(dayjs(today)) ? dayjs(today) : date).format('YYYY-MM-DD');
}

const suite = e2eSuite('volunteers');
const office = suite.office('office', async (s) => {
  const personIds: Record<string, string> = {};
  const must = s.must;
  const admin = await setUp(s, setupInput('幸福里社区', 'zhuren2026'));
  await must(admin, 'settings.update', { idleLockMinutes: 0 });
  await must(admin, 'users.create', { username: 'zhangganshi', displayName: '张干事', role: 'staff', password: STAFF_PASSWORD, phone: '13903510100' });
  await must(admin, 'users.create', { username: 'chakan', displayName: '李检查', role: 'viewer', password: VIEWER_PASSWORD, phone: null });
  for (const [i, p] of PERSONS.entries()) {
    const { id } = await must(admin, 'persons.create', {
      name: p.name,
      gender: p.gender,
      idNumber: makeIdNumber(p.birthDate, p.gender, 40 + i),
      birthDate: p.birthDate,
      phones: [`1393456${String(1000 + i * 37)}`],
      retirementType: 'tuixiu',
      originalUnit: p.unit,
      unitLevel: 'county',
      politicalStatus: 'cpc',
      community: '幸福里社区',
      grid: '',
      address: p.address,
      livingSituation: 'empty_nest',
    });
    personIds[p.name] = id;
  }

  // Earlier this year: a policy team and a next-generation team at work.
  const policy = await must(admin, 'volunteers.createTeam', { name: '银发政策宣讲团', kind: 'policy', leader: '陈德明', foundedOn: '2023-07-01', description: '到小区、广场宣讲养老、医保政策。' });
  const young = await must(admin, 'volunteers.createTeam', { name: '关心下一代工作组', kind: 'next_generation', leader: '刘淑珍', foundedOn: '2022-09-01', description: '周末辅导作业，讲革命传统故事。' });
  const chen = await must(admin, 'volunteers.create', { kind: 'retiree', personId: personIds['陈德明'] as string, teamId: policy.id, joinedOn: `${year}-01-01` });
  const liu = await must(admin, 'volunteers.create', { kind: 'retiree', personId: personIds['刘淑珍'] as string, teamId: young.id, joinedOn: `${year}-01-01` });
  const li = await must(admin, 'volunteers.create', { kind: 'retiree', personId: personIds['李秀英'] as string, teamId: policy.id, joinedOn: `${year}-01-01` });
  const school = await must(admin, 'volunteers.create', { kind: 'unit', name: '县第三中学青年志愿者', organisation: '县第三中学', phone: '0351-6023456', teamId: young.id, joinedOn: `${year}-03-01` });
  const plan: [string, string, number, number, number, string][] = [
    [chen.id, policy.id, 1, 10, 3, '新春走访宣讲医保政策'],
    [li.id, policy.id, 3, 12, 2.5, '广场宣讲养老服务补贴'],
    [chen.id, policy.id, 5, 8, 4, '社区党课：老干部讲党史'],
    [liu.id, young.id, 4, 20, 3, '周末作业辅导'],
    [school.id, young.id, 6, 1, 5, '六一儿童节游园活动'],
    [liu.id, young.id, 7, 15, 6, '暑期红色故事会'],
    [li.id, policy.id, 9, 9, 2, '重阳节前宣讲防诈骗知识'],
    [chen.id, policy.id, 10, 18, 3.5, '宣讲基本养老金调整政策'],
    [liu.id, young.id, 11, 2, 2, '周末作业辅导'],
  ];
  for (const [volunteerId, teamId, month, day, hours, description] of plan) {
    await must(admin, 'volunteers.logService', { volunteerId, teamId, date: dayOf(month, day), hours, description });
  }
  // A team disbanded since: its hour stays in the totals, on a line of its own.
  const disbanded = await must(admin, 'volunteers.createTeam', { name: '文明劝导队', kind: 'other', leader: '李秀英', foundedOn: '2024-04-01', description: '' });
  await must(admin, 'volunteers.join', { teamId: disbanded.id, volunteerIds: [school.id], fromDate: `${year}-03-01` });
  await must(admin, 'volunteers.logService', { volunteerId: school.id, teamId: disbanded.id, date: dayOf(8, 3), hours: 1, description: '公交站台文明劝导' });
  await must(admin, 'volunteers.deleteTeam', { id: disbanded.id });
  return { personIds };
});

type Volunteers = Office<{ personIds: Record<string, string> }>;

/** A fresh copy of the office, logged in as `username`, its console watched. */
async function openAs(username: string, password: string, displayName: string): Promise<Volunteers> {
  const o = await suite.open(office);
  page = o.page;
  page.on('console', (message) => {
    // The browser's own request for a favicon the app does not have is not the page's problem.
    if ((message.type() === 'error' || message.type() === 'warning') && !message.text().startsWith('Failed to load resource')) consoleProblems.push(message.text());
  });
  await page.goto(o.url);
  await logInAs(page, username, password, displayName);
  return o;
}

const asStaff = () => openAs('zhangganshi', STAFF_PASSWORD, '张干事');

afterEach(() => {
  const seen = consoleProblems.splice(0);
  expect(seen).toEqual([]);
});

/**
 * The earlier tests' work, step by step: the patrol team; then 王建国 (from the registry) and resident
 * 刘小燕 joining it today; then tonight's patrol, 2 and 1.5 hours. Answers the team's id.
 */
async function withPatrol(o: Volunteers, upTo: 'team' | 'members' | 'patrol'): Promise<string> {
  const staff = o.as('zhangganshi');
  const { id: teamId } = await o.must(staff, 'volunteers.createTeam', {
    name: TEAM,
    kind: 'patrol',
    leader: '赵志刚',
    foundedOn: '2024-03-05',
    description: '每晚 7 点到 9 点巡查小区楼道、车棚和健身广场，提醒居民关好门窗。',
  });
  if (upTo === 'team') return teamId;
  const wang = await o.must(staff, 'volunteers.create', { kind: 'retiree', personId: o.data.personIds['王建国'] as string, teamId, joinedOn: today });
  const liu = await o.must(staff, 'volunteers.create', { kind: 'resident', name: '刘小燕', phone: '13703512468', notes: '在读研究生，周末和晚上有空。', teamId, joinedOn: today });
  if (upTo === 'members') return teamId;
  await o.must(staff, 'volunteers.logBatch', {
    teamId,
    date: today,
    description: '夜间小区治安巡逻，检查楼道消防通道和电动车充电。',
    entries: [
      { volunteerId: wang.id, hours: 2 },
      { volunteerId: liu.id, hours: 1.5 },
    ],
  });
  return teamId;
}

/** Picks an option of a MUI select (inside `scope`) by its label. */
async function choose(label: string, option: string, scope = page.getByRole('dialog')): Promise<void> {
  await scope.getByRole('combobox', { name: new RegExp(`^${label}`) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const closeNotes = () => closeNotesOf(page);

/** The Chinese interface shows no English words. */
async function expectNoEnglish(): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text.match(/[A-Za-z]{3,}/g) ?? []).toEqual([]);
}

/** 志愿服务 from the menu: its overview first. */
async function openVolunteers(): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: '志愿服务', exact: true }).click();
  await page.getByRole('heading', { name: '志愿服务概览' }).waitFor();
}

async function openTab(name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
}

describe('志愿服务 (browser mode)', { timeout: E2E_TIMEOUT }, () => {
  it('opens the overview with this year’s totals, the month chart and the 光荣榜', async () => {
    await asStaff();
    await page.getByRole('navigation').getByRole('link', { name: '志愿服务', exact: true }).click();
    await page.getByRole('heading', { name: '志愿服务概览' }).waitFor();
    // 3 + 2.5 + 4 + 3 + 5 + 6 + 2 + 3.5 + 2 + 1 (the disbanded team) = 32 hours by four volunteers.
    await page.getByText('32.0', { exact: true }).waitFor();
    await page.getByRole('list', { name: '光荣榜' }).getByText('陈德明').waitFor();
    const top = await page.getByRole('list', { name: '光荣榜' }).getByRole('listitem').allInnerTexts();
    expect(top[0]).toContain('刘淑珍');
    expect(top[0]).toContain('11.0 小时');
    expect(top[1]).toContain('陈德明');
    await expectNoEnglish();
  });

  it('creates a team', async () => {
    await asStaff();
    await openVolunteers();
    await openTab('服务队');
    await page.getByRole('button', { name: '新建服务队' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="name"]').fill('银发政策宣讲团');
    await choose('服务类别', '治安巡逻');
    await dialog.getByRole('button', { name: '保存' }).click();
    // Names are unique in the office: said in place, with what to do.
    await dialog.getByText('已经有一支同名的服务队，请换一个名称。').waitFor();
    await dialog.locator('input[name="name"]').fill(TEAM);
    await dialog.locator('input[name="leader"]').fill('赵志刚');
    await dialog.locator('input[name="foundedOn"]').fill('2024年3月5日');
    await dialog.locator('textarea[name="description"]').fill('每晚 7 点到 9 点巡查小区楼道、车棚和健身广场，提醒居民关好门窗。');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: TEAM, level: 1 }).waitFor();
    await page.getByText('这支服务队现在没有队员。点击“添加队员”把志愿者加进来。').waitFor();
    expect(await page.locator('main').innerText()).toContain('2024-03-05');
  });

  it('registers a retired official from the registry and a resident from outside it, both joining the team', async () => {
    const o = await asStaff();
    await withPatrol(o, 'team');
    await openVolunteers();
    await openTab('志愿者');
    await page.getByRole('button', { name: '登记志愿者' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: /^离退休干部/ }).fill('wjg');
    await page.getByRole('option', { name: /^王建国/ }).click();
    await choose('同时加入服务队', TEAM);
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '王建国', level: 1 }).waitFor();
    await page.getByRole('link', { name: TEAM }).waitFor();
    // The registry's phone came along.
    expect(await page.locator('main').innerText()).toContain('13934561000');

    await openTab('志愿者');
    await closeNotes();
    await page.getByRole('button', { name: '登记志愿者' }).click();
    dialog = page.getByRole('dialog');
    await choose('志愿者类别', '社区居民');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('请填写志愿者姓名。').waitFor();
    await dialog.locator('input[name="name"]').fill('刘小燕');
    await dialog.locator('input[name="phone"]').fill('13703512468');
    await dialog.locator('textarea[name="notes"]').fill('在读研究生，周末和晚上有空。');
    await choose('同时加入服务队', TEAM);
    await expectNoEnglish();
    await o.screenshot('volunteers-volunteer-dialog');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '刘小燕', level: 1 }).waitFor();

    await openTab('志愿者');
    await page.getByRole('gridcell', { name: '刘小燕' }).waitFor();
    await page.getByLabel('查找志愿者').fill('wjg');
    await page.getByRole('gridcell', { name: '王建国' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.MuiDataGrid-row').length === 1);
    await page.getByLabel('查找志愿者').fill('');
    await page.waitForFunction(() => document.querySelectorAll('.MuiDataGrid-row').length === 6);
    await closeNotes();
    await expectNoEnglish();
    await o.screenshot('volunteers-people');
  });

  it('logs a night patrol for both at once, after refusing an impossible hour count', async () => {
    const o = await asStaff();
    await withPatrol(o, 'members');
    await openVolunteers();
    await openTab('服务队');
    await page.getByRole('link', { name: TEAM }).click();
    await page.getByRole('heading', { name: TEAM, level: 1 }).waitFor();
    await page.getByRole('button', { name: '批量登记' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('王建国').waitFor();
    // Both joined today: a day before, the team had neither, so neither is offered and the dialog says why.
    const yesterday = dayjs(today).subtract(1, 'day').format('YYYY-MM-DD');
    await dialog.getByLabel('服务日期').fill(yesterday);
    const note = dialog.getByText(`${yesterday} 时还不在队里、没有列出的队员：`);
    await note.waitFor();
    for (const name of ['王建国', '刘小燕']) expect(await note.innerText()).toContain(`${name}（${today} 入队）`);
    expect(await dialog.getByRole('checkbox', { name: '王建国' }).count()).toBe(0);
    await expectNoEnglish();
    await o.screenshot('volunteers-batch-not-yet');
    await dialog.getByLabel('服务日期').fill(today);
    await dialog.getByRole('checkbox', { name: '王建国' }).waitFor();
    await dialog.getByLabel('服务内容').fill('夜间小区治安巡逻，检查楼道消防通道和电动车充电。');
    await dialog.getByLabel('每人时长（小时）').fill('2');
    await dialog.getByLabel('刘小燕 的时长（小时）').fill('30');
    await dialog.getByRole('button', { name: /^保存/ }).click();
    await dialog.getByText('一条记录最多 24 小时。时间更长请分几天登记。').waitFor();
    await dialog.getByLabel('刘小燕 的时长（小时）').fill('1.5');
    await dialog.getByText('已选 2 人，合计 3.5 小时。').waitFor();
    await expectNoEnglish();
    await o.screenshot('volunteers-batch');
    await dialog.getByRole('button', { name: '保存（2 人）' }).click();
    await page.getByText(`已为“${TEAM}”登记 2 条服务记录。`).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('共 2 条，3.5 小时').waitFor();
    const rows = await page.getByRole('row').filter({ hasText: '夜间小区治安巡逻' }).allInnerTexts();
    expect(rows.some((r) => r.includes('王建国') && r.includes('2.0 小时') && r.includes(today))).toBe(true);
    expect(rows.some((r) => r.includes('刘小燕') && r.includes('1.5 小时'))).toBe(true);
    await closeNotes();
    await expectNoEnglish();
    await o.screenshot('volunteers-team');
  });

  it('shows the new hours in the totals, per team and on the 光荣榜', async () => {
    const o = await asStaff();
    await withPatrol(o, 'patrol');
    await openVolunteers();
    await openTab('概览');
    await page.getByText('35.5', { exact: true }).waitFor();
    const byTeam = page.getByRole('table', { name: '各服务队服务时长' });
    await byTeam.getByRole('row').filter({ hasText: TEAM }).filter({ hasText: '3.5 小时' }).waitFor();
    await byTeam.getByRole('row').filter({ hasText: '文明劝导队（已删除）' }).filter({ hasText: '1.0 小时' }).waitFor();
    expect(await byTeam.getByRole('link', { name: '文明劝导队' }).count()).toBe(0);
    const top = await page.getByRole('list', { name: '光荣榜' }).getByRole('listitem').allInnerTexts();
    const names = ['刘淑珍', '陈德明', '县第三中学青年志愿者', '李秀英', '王建国', '刘小燕'];
    expect(top.map((text) => names.find((n) => text.includes(n)))).toEqual(names);
    expect(top[4]).toContain('2.0 小时');
    await page.locator('.MuiChartsSurface-root').first().waitFor();
    // The month axis reads 1月 … 12月.
    await page.locator('.MuiChartsSurface-root').getByText('12月', { exact: true }).waitFor();
    await expectNoEnglish();
    await o.screenshot('volunteers-overview');
    await byTeam.scrollIntoViewIfNeeded();
    await o.screenshot('volunteers-overview-teams');

    await openTab('服务记录');
    await page.getByText('共 12 条，35.5 小时').waitFor();
    // A range that ends before it starts is pointed out at the end date.
    await page.getByLabel('到', { exact: true }).fill(`${year}-10-31`);
    await page.getByLabel('从', { exact: true }).fill(`${year}-11-01`);
    await page.getByText('结束日期不能早于开始日期。').waitFor();
    await o.screenshot('volunteers-services-range');
    await page.getByLabel('到', { exact: true }).fill('');
    await expect.poll(() => page.getByText('结束日期不能早于开始日期。').count()).toBe(0);
    await page.getByText(/^共 \d+ 条/).filter({ hasNotText: '共 12 条' }).waitFor();
    await expectNoEnglish();
    await o.screenshot('volunteers-services');
    await page.getByRole('link', { name: '王建国' }).first().click();
    await page.getByRole('heading', { name: '王建国', level: 1 }).waitFor();
    await page.getByRole('link', { name: '查看人员档案' }).waitFor();
    await expectNoEnglish();
    await o.screenshot('volunteers-detail');

    // One record by hand: nothing is not an hour count, and the team offered is the one they are in.
    await page.getByRole('button', { name: '登记服务时长' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="hours"]').fill('0');
    await dialog.locator('textarea[name="description"]').fill('陪同社区医生入户测血压');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('服务时长要大于 0，例如 2 或 1.5 小时。').waitFor();
    // Less than 0.1 hours would show as "0.0 小时": refused with a plain minimum.
    await dialog.locator('input[name="hours"]').fill('0.05');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('服务时长最少 0.1 小时（6 分钟）。请改一下时长。').waitFor();
    expect(await dialog.getByRole('combobox', { name: /^服务队/ }).innerText()).toContain(TEAM);
    await expectNoEnglish();
    await o.screenshot('volunteers-service-dialog');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('shows the official’s teams and hours on their own page', async () => {
    const o = await asStaff();
    await withPatrol(o, 'patrol');
    await go(page, `#/persons/${o.data.personIds['王建国'] as string}?tab=participation`);
    const section = page.getByRole('region', { name: '志愿服务' });
    await section.getByText(TEAM).first().waitFor();
    await section.getByText('2.0 小时').first().waitFor();
    await section.getByText('夜间小区治安巡逻，检查楼道消防通道和电动车充电。').waitFor();
    await section.scrollIntoViewIfNeeded();
    await o.screenshot('volunteers-person');
    // Someone not yet a volunteer is offered to become one.
    await go(page, `#/persons/${o.data.personIds['赵志刚'] as string}?tab=participation`);
    await page.getByRole('region', { name: '志愿服务' }).getByText('还没有登记为志愿者。').waitFor();
    await page.getByRole('button', { name: '登记为志愿者' }).click();
    await page.getByRole('dialog').getByRole('heading', { name: '把 赵志刚 登记为志愿者' }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await page.getByRole('region', { name: '志愿服务' }).getByText('未参加服务队').waitFor();
  });

  it('offers a read-only inspector everything to read and nothing to write', async () => {
    const o = await openAs('chakan', VIEWER_PASSWORD, '李检查');
    await withPatrol(o, 'patrol');
    await page.getByRole('navigation').getByRole('link', { name: '志愿服务', exact: true }).click();
    await page.getByRole('heading', { name: '志愿服务概览' }).waitFor();
    await openTab('服务队');
    await page.getByRole('link', { name: TEAM }).click();
    await page.getByRole('heading', { name: TEAM, level: 1 }).waitFor();
    await page.getByText('共 2 条，3.5 小时').waitFor();
    for (const label of ['批量登记', '添加队员', '修改', '删除', '离队']) expect(await page.getByRole('button', { name: label, exact: true }).count()).toBe(0);
    await openTab('志愿者');
    await page.getByRole('gridcell', { name: '王建国' }).waitFor();
    expect(await page.getByRole('button', { name: '登记志愿者' }).count()).toBe(0);
    await openTab('服务记录');
    await page.getByRole('gridcell', { name: '夜间小区治安巡逻，检查楼道消防通道和电动车充电。' }).first().waitFor();
    expect(await page.getByRole('button', { name: '登记服务时长' }).count()).toBe(0);
    await expectNoEnglish();
  });
});
