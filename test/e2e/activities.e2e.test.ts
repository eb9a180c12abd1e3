/**
 * 学习活动 and 结对帮扶 in a real browser against real services. An office with eight retired
 * officials and a few activities this month. A staff member creates a health talk, signs up two
 * persons, records attendance (one came, one did not, one walk-in), sees it on the month calendar
 * and on a person's page; then creates an assistance pair and records a contact. A viewer sees
 * the same pages without any button that changes something.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import dayjs from 'dayjs';
import type { ChannelInput } from '../../shared/contract';
import { toDateString } from '../../shared/dates';
import { makeIdNumber } from '../helpers/persons';
import { E2E_TIMEOUT, closeNotes as closeNotesOf, e2eSuite, go as goTo, logIn as logInAs, setUp, setupInput, type Office } from './support';

const OFFICE = '幸福里社区';
const ADMIN_PASSWORD = 'zhuren2026';
const STAFF_PASSWORD = 'ganshi2026';
const VIEWER_PASSWORD = 'chakan2026';

const PERSONS = [
  { name: '张桂兰', gender: 'female', birthDate: '1944-05-02', address: '幸福里小区3号楼2单元501' },
  { name: '李建国', gender: 'male', birthDate: '1941-08-15', address: '幸福里小区5号楼1单元302' },
  { name: '王秀英', gender: 'female', birthDate: '1948-02-10', address: '和平街12号院2排3号' },
  { name: '赵淑珍', gender: 'female', birthDate: '1938-07-12', address: '幸福里小区1号楼1单元101' },
  { name: '孙国强', gender: 'male', birthDate: '1956-03-03', address: '文化路9号家属院2号楼402' },
  { name: '周德明', gender: 'male', birthDate: '1946-11-20', address: '幸福里小区7号楼2单元201' },
  { name: '吴玉兰', gender: 'female', birthDate: '1950-01-08', address: '和平街3号院1排5号' },
  { name: '郑海涛', gender: 'male', birthDate: '1949-09-30', address: '文化路11号' },
] as const;

let page: Page;
/** Main's calendar date (the host runs in this process). */
const today = toDateString(new Date());

/** A day of this month other than today (so the new activity is alone in today's cell). */
function otherDay(offset: number): string {
  const start = dayjs(today).startOf('month');
  const day = ((dayjs(today).date() - 1 + offset) % start.daysInMonth()) + 1;
  return start.date(day).format('YYYY-MM-DD');
}

const suite = e2eSuite('activities');
const office = suite.office('office', async (s) => {
  const ids: Record<string, string> = {};
  const must = s.must;
  const admin = await setUp(s, setupInput(OFFICE, ADMIN_PASSWORD));
  await must(admin, 'settings.update', { idleLockMinutes: 0 });
  await must(admin, 'users.create', { username: 'zhangganshi', displayName: '张干事', role: 'staff', password: STAFF_PASSWORD, phone: '13903510100' });
  await must(admin, 'users.create', { username: 'chakan', displayName: '李检查', role: 'viewer', password: VIEWER_PASSWORD, phone: null });
  let seq = 1;
  for (const p of PERSONS) {
    const { id } = await must(admin, 'persons.create', {
      name: p.name,
      gender: p.gender,
      idNumber: makeIdNumber(p.birthDate, p.gender, seq++),
      birthDate: p.birthDate,
      phones: [`1393510${String(1000 + seq).padStart(4, '0')}`],
      retirementType: 'tuixiu',
      originalUnit: '县人民政府办公室',
      unitLevel: 'county',
      politicalStatus: 'cpc',
      community: OFFICE,
      grid: '第一网格',
      address: p.address,
      livingSituation: 'empty_nest',
    });
    ids[p.name] = id;
  }
  // The rest of the month's programme, so the calendar looks like an office's.
  const programme: ChannelInput<'activities.create'>[] = [
    { kind: 'political_study', title: '学习党的二十届四中全会精神', date: otherDay(3), startTime: '09:00', endTime: '10:30', placeKind: 'community_centre', place: '一楼会议室', organiser: '社区党委' },
    { kind: 'culture_sports', title: '太极拳晨练', date: otherDay(5), startTime: '07:00', endTime: '08:00', placeKind: 'other', place: '幸福里小区中心广场', organiser: '老年体协' },
    { kind: 'interest_group', title: '书法兴趣小组', date: otherDay(8), startTime: '14:30', endTime: '16:30', placeKind: 'senior_university', place: '书画教室', organiser: '老年大学分校', capacity: 20 },
    { kind: 'visit', title: '参观县博物馆红色展', date: otherDay(12), startTime: '08:30', placeKind: 'other', place: '县博物馆', organiser: '社区党委', capacity: 30 },
    { kind: 'culture_sports', title: '合唱团排练', date: otherDay(12), startTime: '15:00', endTime: '17:00', placeKind: 'day_care', place: '日间照料中心活动室', organiser: '夕阳红合唱团' },
  ];
  for (const a of programme) await must(admin, 'activities.create', a);
  // Pairs already running: one overdue for a contact, one in good time.
  const overdue = await must(admin, 'pairs.create', {
    personId: ids['赵淑珍'] as string,
    helperKind: 'retiree',
    helperPersonId: ids['孙国强'] as string,
    helpKinds: ['emotional', 'errands'],
    frequency: 'weekly',
    fromDate: dayjs(today).subtract(40, 'day').format('YYYY-MM-DD'),
    notes: '老两口都是教育系统退休，聊得来。',
  });
  await must(admin, 'pairs.addContact', { pairId: overdue.id, date: dayjs(today).subtract(20, 'day').format('YYYY-MM-DD'), method: 'visit', content: '上门陪老人聊天，帮忙取药。' });
  const byUnit = await must(admin, 'pairs.create', {
    personId: ids['郑海涛'] as string,
    helperKind: 'unit',
    helperName: '县水利局机关党支部',
    helperPhone: '0351-6012345',
    helpKinds: ['daily_care', 'legal'],
    frequency: 'monthly',
    fromDate: dayjs(today).subtract(10, 'day').format('YYYY-MM-DD'),
  });
  return { ids, unitPair: byUnit.id };
});

type Activities = Office<{ ids: Record<string, string>; unitPair: string }>;

/** A fresh copy of the office, logged in as `username`. */
async function openAs(username: string, password: string, displayName: string): Promise<Activities> {
  const o = await suite.open(office);
  page = o.page;
  await page.goto(o.url);
  await logInAs(page, username, password, displayName);
  return o;
}

const asStaff = () => openAs('zhangganshi', STAFF_PASSWORD, '张干事');

const TALK: ChannelInput<'activities.create'> = {
  kind: 'health_talk',
  title: '冬季心脑血管疾病预防讲座',
  date: today,
  startTime: '09:30',
  endTime: '11:00',
  placeKind: 'community_centre',
  place: '二楼多功能厅',
  organiser: '社区卫生服务站',
  capacity: 30,
  description: '请县人民医院心内科刘医生讲解冬季心脑血管疾病的预防和急救常识。',
};

/**
 * What the staff member's work of the first and third tests leaves: today's health talk with 张桂兰
 * (came) and 李建国 (did not) signed up and 王秀英 walking in; 张桂兰 paired with volunteer 周晓燕 and
 * visited once; 郑海涛's pair with the 水利局 branch ended.
 */
async function withStaffWork(o: Activities): Promise<void> {
  const { ids, unitPair } = o.data;
  const staff = o.as('zhangganshi');
  const { id: activityId } = await o.must(staff, 'activities.create', TALK);
  const { ids: participants } = await o.must(staff, 'activities.signUp', { activityId, personIds: [ids['张桂兰'] as string, ids['李建国'] as string] });
  await o.must(staff, 'activities.recordAttendance', {
    activityId,
    attendance: [
      { participantId: participants[0] as string, attended: true },
      { participantId: participants[1] as string, attended: false },
    ],
    walkIns: [ids['王秀英'] as string],
  });
  const pair = await o.must(staff, 'pairs.create', {
    personId: ids['张桂兰'] as string,
    helperKind: 'volunteer',
    helperName: '周晓燕',
    helperPhone: '13912345678',
    helpKinds: ['daily_care', 'emotional'],
    frequency: 'weekly',
    fromDate: today,
    notes: '每周六上午上门，帮忙买菜、陪老人聊天。',
  });
  await o.must(staff, 'pairs.addContact', {
    pairId: pair.id,
    date: today,
    method: 'visit',
    content: '第一次上门，认识了老人和家属，帮忙打扫了厨房，老人精神不错。',
    followUp: '下周带降压药，问一下社区医生复诊时间',
  });
  await o.must(staff, 'pairs.end', { id: unitPair, toDate: today, reason: '水利局机关党支部结对任务调整，改由网格员定期联系。' });
}

async function openSection(name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

const closeNotes = () => closeNotesOf(page);

/** Picks an option of a MUI select by its label. */
async function choose(label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: new RegExp(`^${label}`) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Types a name into a person picker and picks the person. */
async function pickPerson(label: string, name: string): Promise<void> {
  const box = page.getByRole('combobox', { name: new RegExp(`^${label}`) });
  await box.fill(name);
  await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
}

/** Moves within the app (same document, same session) as a link would. */
const go = (hash: string) => goTo(page, hash);

/** The Chinese interface shows no English words; key names and log-in user names (in histories) are allowed. */
async function expectNoEnglish(userNames = false): Promise<void> {
  let text = (await page.locator('body').innerText()).replace(/\b(Tab|Shift|Ctrl|English)\b/g, ' ');
  if (userNames) text = text.replace(/\b(zhangganshi|admin)\b/g, ' ');
  expect(text.match(/[A-Za-z]{3,}/g) ?? []).toEqual([]);
}

/** No column heading, chip or date in the pairs list is cut off (ellipsis) or pushed out of its cell. */
async function expectNothingCut(): Promise<void> {
  // The grid sizes its flexible columns after the first paint (and after a font change): wait until
  // it has settled, that is until nothing is cut any more (a layout that stays cut fails the poll).
  await page.locator('.MuiDataGrid-row').first().waitFor();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const measure = () =>
    page.evaluate(() => {
      const all = [...document.querySelectorAll('.MuiDataGrid-columnHeaderTitle, .MuiDataGrid-cell .MuiChip-label, .MuiDataGrid-cell')];
      return {
        headings: document.querySelectorAll('.MuiDataGrid-columnHeaderTitle').length,
        cut: all.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent ?? ''),
      };
    });
  await expect.poll(async () => (await measure()).cut).toEqual([]);
  expect((await measure()).headings).toBeGreaterThan(5);
}

describe('学习活动 and 结对帮扶 (browser mode)', { timeout: E2E_TIMEOUT }, () => {
  it('creates an activity, signs up two persons and records attendance with a walk-in', async () => {
    const o = await asStaff();
    await openSection('学习活动');
    await page.getByRole('heading', { name: '学习活动', level: 1 }).waitFor();
    await page.getByRole('button', { name: '新建活动', exact: true }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.locator('input[name="date"]').inputValue()).toBe(today);
    await dialog.locator('input[name="startTime"]').fill('9:30');
    await dialog.locator('input[name="endTime"]').fill('09:00');
    await dialog.locator('input[name="capacity"]').fill('0');
    // One save shows every problem at once: no name, no kind, no places, an end before the start.
    await dialog.getByRole('button', { name: '保存' }).click();
    for (const text of ['请填写活动名称。', '请选择一项。', '名额至少为 1 人；不限名额请留空。', '结束时间要晚于开始时间。']) await dialog.getByText(text).waitFor();
    await dialog.getByLabel(/^活动名称/).fill('冬季心脑血管疾病预防讲座');
    await choose('活动类型', '健康讲座');
    await dialog.locator('input[name="endTime"]').fill('11:00');
    await dialog.locator('input[name="place"]').fill('二楼多功能厅');
    await dialog.locator('input[name="organiser"]').fill('社区卫生服务站');
    await dialog.locator('input[name="capacity"]').fill('30');
    await dialog.locator('textarea[name="description"]').fill('请县人民医院心内科刘医生讲解冬季心脑血管疾病的预防和急救常识。');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '冬季心脑血管疾病预防讲座', level: 1 }).waitFor();
    await page.getByText('已新建活动“冬季心脑血管疾病预防讲座”。').waitFor();

    // Two sign-ups in a row.
    for (const name of ['张桂兰', '李建国']) {
      await pickPerson('添加报名人员', name);
      await page.getByRole('button', { name: '报名', exact: true }).click();
      await page.getByRole('link', { name, exact: true }).waitFor();
    }
    await page.getByText('还剩 28 个名额').waitFor();
    // Someone already on the list is found, greyed out and marked, rather than not found at all.
    await page.getByRole('combobox', { name: /^添加报名人员/ }).fill('张桂兰');
    const already = page.getByRole('option', { name: /^张桂兰/ });
    await already.getByText('已报名').waitFor();
    expect(await already.getAttribute('aria-disabled')).toBe('true');
    await page.getByRole('combobox', { name: /^添加报名人员/ }).fill('');
    await page.keyboard.press('Escape');

    // 张桂兰 came, 李建国 did not, 王秀英 came without signing up.
    await page.getByRole('button', { name: '登记出席' }).click();
    const sheet = page.getByRole('dialog');
    await sheet.getByRole('checkbox', { name: '张桂兰' }).check();
    await sheet.getByRole('combobox', { name: /^添加未报名到场的人员/ }).fill('李建国');
    await page.getByRole('option', { name: /^李建国/ }).getByText('已报名，请在上面勾选').waitFor();
    await sheet.getByRole('combobox', { name: /^添加未报名到场的人员/ }).fill('');
    await pickPerson('添加未报名到场的人员', '王秀英');
    await sheet.getByRole('button', { name: '添加', exact: true }).click();
    await sheet.getByTestId('attendance-summary').getByText('已勾选 1 / 2 人，另有未报名到场 1 人').waitFor();
    await closeNotes();
    await o.screenshot('activities-attendance');
    await sheet.getByRole('button', { name: '保存' }).click();
    await page.getByText('出席情况已保存：出席 2 人。').waitFor();
    const counts = page.getByTestId('activity-counts');
    await expect.poll(() => counts.innerText()).toMatch(/2\/30\s+报名\s+2\s+出席\s+50%\s+出席率/);
    const rows = page.getByRole('table', { name: '报名和出席' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(4);
    expect(await rows.nth(1).innerText()).toMatch(/张桂兰[\s\S]*已报名[\s\S]*出席/);
    expect(await rows.nth(2).innerText()).toMatch(/李建国[\s\S]*已报名[\s\S]*未出席/);
    expect(await rows.nth(3).innerText()).toMatch(/王秀英[\s\S]*未报名到场/);
    await closeNotes();
    await expectNoEnglish();
    await o.screenshot('activities-detail');
  });

  it('shows the activity on the month calendar, in today\'s cell, and opens it from there', async () => {
    const o = await asStaff();
    await withStaffWork(o);
    await openSection('学习活动');
    await page.getByTestId('calendar-month').getByText(`${dayjs(today).year()}年${dayjs(today).month() + 1}月`).waitFor();
    // Today is main's calendar date, known once its first answer is in (the browser runs on Beijing time,
    // main on the machine's clock): wait for the mark rather than read it at once.
    const cell = page.locator(`[role="gridcell"][data-date="${today}"]`);
    await page.locator(`[role="gridcell"][data-date="${today}"][aria-current="date"]`).waitFor();
    expect(await page.locator('[role="gridcell"][aria-current="date"]').count()).toBe(1);
    await cell.getByRole('button', { name: /冬季心脑血管疾病预防讲座/ }).waitFor();
    for (const day of ['一', '二', '三', '四', '五', '六', '日']) await page.getByRole('columnheader', { name: `周${day}` }).waitFor();
    await page.getByText('本月共 6 项活动').waitFor();
    // Each day carries its 农历 day or festival in the Chinese interface.
    expect(await page.getByTestId('lunar-day').count()).toBe(await page.locator('[role="gridcell"]').count());
    // The whole month, six weeks too, fits the window without scrolling.
    const grid = await page.getByRole('grid', { name: `${dayjs(today).year()}年${dayjs(today).month() + 1}月` }).boundingBox();
    expect(grid).not.toBeNull();
    expect((grid?.y ?? 0) + (grid?.height ?? 0)).toBeLessThanOrEqual(860);
    await expectNoEnglish();
    await o.screenshot('activities-calendar');

    // The next month has nothing yet; back to this month, and open the talk from its chip.
    await page.getByRole('button', { name: '下个月' }).click();
    await page.getByText('本月共 0 项活动').waitFor();
    await page.getByRole('button', { name: '本月', exact: true }).click();
    await cell.getByRole('button', { name: /冬季心脑血管疾病预防讲座/ }).click();
    await page.getByRole('heading', { name: '冬季心脑血管疾病预防讲座', level: 1 }).waitFor();

    // The plain list has it too, with its counts.
    await page.getByRole('link', { name: '返回学习活动' }).click();
    await page.getByRole('tab', { name: '活动列表' }).click();
    await page.getByLabel('搜索').fill('心脑血管');
    await page.getByLabel('搜索').press('Enter');
    const row = page.locator('.MuiDataGrid-row', { hasText: '冬季心脑血管疾病预防讲座' });
    await expect.poll(() => row.innerText()).toMatch(/2\/30[\s\S]*2[\s\S]*50%/);
    await expect.poll(() => page.locator('.MuiDataGrid-row').count()).toBe(1);
    await page.getByLabel('搜索').fill('');
    await page.getByLabel('搜索').press('Enter');
    await expect.poll(() => page.locator('.MuiDataGrid-row').count()).toBe(6);
    await expectNoEnglish();
    await o.screenshot('activities-list');
  });

  it('creates a pair, records a contact, and lists overdue pairs first', async () => {
    const o = await asStaff();
    await openSection('结对帮扶');
    await page.getByRole('heading', { name: '结对帮扶', level: 1 }).waitFor();
    await page.getByTestId('pairs-overdue').getByText('有 1 个结对已经超过联系时间，请尽快联系。').waitFor();
    await page.getByRole('button', { name: '新建结对', exact: true }).click();
    const dialog = page.getByRole('dialog');
    // Saving the empty form marks every missing field at once: person, helper's name, kinds of help, frequency.
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('请填写帮扶人（或帮扶单位）的名称。').waitFor();
    await dialog.getByText('请至少选择一项帮扶内容。').waitFor();
    expect(await dialog.getByText('请选择一项。').count()).toBe(2);
    await pickPerson('帮扶对象', '张桂兰');
    await dialog.getByRole('button', { name: '志愿者' }).click();
    await dialog.getByLabel(/^志愿者姓名/).fill('周晓燕');
    await dialog.getByLabel(/^联系电话/).fill('13912345678');
    await choose('联系频率', '每周');
    await dialog.getByRole('checkbox', { name: '生活照料' }).check();
    await dialog.getByRole('checkbox', { name: '精神慰藉' }).check();
    await dialog.getByLabel(/^备注/).fill('每周六上午上门，帮忙买菜、陪老人聊天。');
    await expectNoEnglish();
    await o.screenshot('pairs-form');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '张桂兰（帮扶人：周晓燕）', level: 1 }).waitFor();
    await page.getByText('已为张桂兰建立结对帮扶。').waitFor();
    await page.getByText('还没有联系记录。').waitFor();

    await page.getByRole('button', { name: '记录联系' }).click();
    const contact = page.getByRole('dialog');
    await choose('联系方式', '上门');
    await contact.getByLabel(/^联系内容/).fill('第一次上门，认识了老人和家属，帮忙打扫了厨房，老人精神不错。');
    await contact.getByLabel(/^后续事项/).fill('下周带降压药，问一下社区医生复诊时间');
    await contact.getByRole('button', { name: '保存' }).click();
    await page.getByText('联系记录已保存。').waitFor();
    await page.getByRole('list', { name: '联系记录' }).getByText('第一次上门，认识了老人和家属').waitFor();
    expect(await page.locator('main').innerText()).toContain(dayjs(today).add(7, 'day').format('YYYY-MM-DD'));
    await closeNotes();
    await expectNoEnglish();
    await o.screenshot('pairs-detail');

    await page.getByRole('link', { name: '返回结对帮扶' }).click();
    const rows = page.locator('.MuiDataGrid-row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(0).innerText()).toMatch(/赵淑珍[\s\S]*孙国强[\s\S]*已逾期/);
    expect(await rows.nth(1).innerText()).toMatch(/张桂兰[\s\S]*周晓燕（志愿者）[\s\S]*生活照料、精神慰藉/);
    await expectNoEnglish();
    await o.screenshot('pairs-list');

    // Ending a pair: a date before its start and no reason are both refused at the first try.
    await page.getByRole('link', { name: '郑海涛' }).click();
    await page.getByRole('heading', { name: '郑海涛（帮扶人：县水利局机关党支部）', level: 1 }).waitFor();
    await page.getByRole('button', { name: '结束结对', exact: true }).click();
    const ending = page.getByRole('dialog');
    await ending.getByLabel(/^结束日期/).fill(dayjs(today).subtract(20, 'day').format('YYYY-MM-DD'));
    await ending.getByRole('button', { name: '结束结对' }).click();
    await ending.getByText('结束日期不能早于结对开始的日期。').waitFor();
    await ending.getByText('请写明结束结对的原因，例如“对象已入住养老院”。').waitFor();
    await ending.getByLabel(/^结束日期/).fill(today);
    await ending.getByLabel(/^结束原因/).fill('水利局机关党支部结对任务调整，改由网格员定期联系。');
    await ending.getByRole('button', { name: '结束结对' }).click();
    await page.getByText('结对已结束。').waitFor();
    // The ended pair shows its whole span under 起止日期.
    await page.getByText('起止日期').waitFor();
    expect(await page.locator('main').innerText()).toContain(`${dayjs(today).subtract(10, 'day').format('YYYY-MM-DD')} — ${today}`);
    await closeNotes();
  });

  it('shows a person\'s activities and pairs on their page', async () => {
    const o = await asStaff();
    await withStaffWork(o);
    const { ids } = o.data;
    await go(`#/persons/${ids['张桂兰']}?tab=participation`);
    await page.getByRole('heading', { name: '张桂兰', level: 1 }).waitFor();
    const mine = page.getByTestId('person-activities');
    await mine.getByText(`${dayjs(today).year()}年：报名 1 次，出席 1 次`).waitFor();
    await mine.getByRole('link', { name: '冬季心脑血管疾病预防讲座' }).waitFor();
    await mine.getByText('出席', { exact: true }).waitFor();
    const pairs = page.getByTestId('person-pairs');
    await pairs.getByRole('link', { name: '周晓燕（志愿者）' }).waitFor();
    // The retired official who helps sees the pair from the other side.
    await go(`#/persons/${ids['孙国强']}?tab=participation`);
    await page.getByRole('heading', { name: '孙国强', level: 1 }).waitFor();
    await page.getByTestId('person-pairs').getByText('担任帮扶人').waitFor();
    await page.getByTestId('person-pairs').getByRole('link', { name: '赵淑珍' }).waitFor();
    await go(`#/persons/${ids['张桂兰']}?tab=participation`);
    await page.getByTestId('person-pairs').getByRole('link', { name: '周晓燕（志愿者）' }).waitFor();
    await expectNoEnglish();
    // Both sections in the picture: activities above, pairs below.
    await page.getByTestId('person-activities').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await o.screenshot('activities-person-tab');

    // The person's change history names these records and their values in words.
    await page.getByRole('tab', { name: '变更记录' }).click();
    await page.getByText('新建了结对帮扶').first().waitFor();
    await page.getByText('新建了结对联系记录').first().waitFor();
    await page.getByText('新建了活动报名').first().waitFor();
    const history = await page.locator('main').innerText();
    for (const words of ['活动：冬季心脑血管疾病预防讲座', '帮扶人类型：志愿者', '帮扶内容：生活照料、精神慰藉', '联系频率：每周', '联系方式：上门']) expect(history).toContain(words);
    await expectNoEnglish(true);
    await o.screenshot('activities-person-history');
  });

  it('a viewer reads everything but has no buttons that change anything', async () => {
    const o = await openAs('chakan', VIEWER_PASSWORD, '李检查');
    await withStaffWork(o);
    await openSection('学习活动');
    await page.getByTestId('calendar-month').waitFor();
    await page.locator(`[role="gridcell"][data-date="${today}"]`).getByRole('button', { name: /冬季心脑血管疾病预防讲座/ }).click();
    await page.getByRole('heading', { name: '冬季心脑血管疾病预防讲座', level: 1 }).waitFor();
    await page.getByRole('table', { name: '报名和出席' }).waitFor();
    for (const name of ['修改', '删除', '登记出席', '报名', '移除']) expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
    await openSection('结对帮扶');
    // The activity's page links 张桂兰 too: wait for the pairs page before choosing her.
    await page.getByRole('heading', { name: '结对帮扶', level: 1 }).waitFor();
    await page.getByRole('link', { name: '张桂兰' }).click();
    await page.getByRole('heading', { name: '张桂兰（帮扶人：周晓燕）', level: 1 }).waitFor();
    for (const name of ['修改', '结束结对', '删除', '记录联系']) expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
  });

  it('reads well in English and in large text: plurals, plain brackets, nothing cut off, no 农历', async () => {
    const o = await openAs('chakan', VIEWER_PASSWORD, '李检查');
    await withStaffWork(o);
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '偏好设置' }).click();
    await page.getByLabel('English').check();
    await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();

    await go('#/pairs');
    await page.getByRole('heading', { name: 'Assistance pairs', level: 1 }).waitFor();
    await page.getByTestId('pairs-overdue').getByText('1 pair is past its contact date; please get in touch soon.').waitFor();
    const grid = page.getByRole('grid', { name: 'Assistance pairs' });
    await grid.getByText('周晓燕 (Volunteer)').waitFor();
    expect(await grid.innerText()).not.toMatch(/[（）]/);
    await grid.getByText(/^\d+ days late$/).waitFor();
    await expectNothingCut();
    await o.screenshot('pairs-list-en');

    await go('#/activities');
    await page.getByTestId('calendar-month').getByText(dayjs(today).locale('en').format('MMMM YYYY')).waitFor();
    await page.getByText('6 activities this month').waitFor();
    expect(await page.getByTestId('lunar-day').count()).toBe(0);
    await o.screenshot('activities-calendar-en');

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Preferences' }).click();
    await page.getByLabel('Large text').check();
    await go('#/pairs');
    await page.getByTestId('pairs-overdue').waitFor();
    await expectNothingCut();
    await o.screenshot('pairs-list-en-large');
  });
});
