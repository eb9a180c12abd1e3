/**
 * 档案 in a real browser against real services: adding a person with the ID number checked while
 * typing, the detail page and a Barthel assessment, search by pinyin initials, importing an Excel
 * roster with a bad row, exporting the list, and a read-only user who is offered no writing.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ChannelInput } from '../../shared/contract';
import { toDateString } from '../../shared/dates';
import { makeIdNumber } from '../helpers/persons';
import { E2E_TIMEOUT, closeNotes as closeNotesOf, e2eSuite, go, logIn as logInAs, setUp, setupInput, type Office } from './support';

const ADMIN_PASSWORD = 'dangan2026';
const VIEWER_PASSWORD = 'chakan2026';

let page: Page;

/** A valid ID number with its last character changed: the checksum no longer matches. */
function badChecksum(id: string): string {
  return id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
}

const ZSF_ID = makeIdNumber('1942-04-09', 'male', 7);

function ageToday(birthDate: string): number {
  const now = new Date();
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  return now.getFullYear() - y - (now.getMonth() + 1 < m || (now.getMonth() + 1 === m && now.getDate() < d) ? 1 : 0);
}

/** Persons already registered, so the list looks like an office's. */
const SEED: { name: string; birthDate: string; gender: 'male' | 'female'; grid: string; address: string; living: 'alone' | 'empty_nest' | 'with_children'; party: 'cpc' | 'masses'; unit: string }[] = [
  { name: '王建国', birthDate: '1938-05-12', gender: 'male', grid: '第一网格', address: '幸福里小区1号楼2单元301', living: 'empty_nest', party: 'cpc', unit: '县人民政府办公室' },
  { name: '李秀英', birthDate: '1941-11-03', gender: 'female', grid: '第一网格', address: '幸福里小区2号楼1单元502', living: 'alone', party: 'cpc', unit: '县妇联' },
  { name: '赵志刚', birthDate: '1946-02-20', gender: 'male', grid: '第二网格', address: '和平街18号院3排5号', living: 'with_children', party: 'masses', unit: '县农机局' },
  { name: '刘淑珍', birthDate: '1950-07-08', gender: 'female', grid: '第二网格', address: '和平街22号院1单元101', living: 'empty_nest', party: 'cpc', unit: '县第一中学' },
  { name: '陈德明', birthDate: '1935-09-30', gender: 'male', grid: '第三网格', address: '文化路9号家属院4号楼201', living: 'with_children', party: 'cpc', unit: '县委组织部' },
];

const suite = e2eSuite('registry');
const office = suite.office('office', async (s) => {
  const admin = await setUp(s, setupInput('幸福里社区', ADMIN_PASSWORD));
  // No idle lock in the middle of the steps.
  await s.must(admin, 'settings.update', { idleLockMinutes: 0 });
  await s.must(admin, 'users.create', { username: 'chakan', displayName: '李检查', role: 'viewer', password: VIEWER_PASSWORD, phone: null });
  // The community's grids: a person's grid is always one of them.
  for (const name of ['第一网格', '第二网格', '第三网格']) await s.must(admin, 'grids.create', { name });
  for (const [i, p] of SEED.entries()) {
    await s.must(admin, 'persons.create', {
      name: p.name,
      gender: p.gender,
      idNumber: makeIdNumber(p.birthDate, p.gender, 20 + i),
      birthDate: p.birthDate,
      phones: [`1393456${String(1000 + i * 37)}`],
      retirementType: i === 4 ? 'lixiu' : 'tuixiu',
      originalUnit: p.unit,
      unitLevel: 'county',
      politicalStatus: p.party,
      community: '幸福里社区',
      grid: p.grid,
      address: p.address,
      livingSituation: p.living,
    });
  }
});

/** 张三丰 as the form of the second test saves him: living alone, with no emergency contact yet. */
const ZSF: ChannelInput<'persons.create'> = {
  name: '张三丰',
  gender: 'male',
  idNumber: ZSF_ID,
  birthDate: '1942-04-09',
  phones: ['13903511234'],
  retirementType: 'tuixiu',
  retirementDate: '2002-05-01',
  originalUnit: '县水利局',
  unitLevel: 'county',
  formerPosition: '副局长',
  politicalStatus: 'cpc',
  community: '幸福里社区',
  grid: '第一网格',
  address: '幸福里小区6号楼2单元401',
  livingSituation: 'alone',
};
/** The Barthel items of the fourth test: 85, mildly impaired. */
const ADL_85 = { feeding: 10, bathing: 5, grooming: 5, dressing: 10, bowels: 10, bladder: 5, toilet: 10, transfer: 15, mobility: 10, stairs: 5 };

/** The office with 张三丰 registered (and assessed at 85 when asked); answers his id. */
async function withZsf(o: Office<void>, assessed: boolean): Promise<string> {
  const admin = o.as('admin');
  const { id } = await o.must(admin, 'persons.create', ZSF);
  if (assessed) await o.must(admin, 'health.addAssessment', { personId: id, assessedOn: toDateString(new Date()), items: ADL_85 });
  return id;
}

/** A fresh copy of the office, on the login page. */
async function openOffice(): Promise<Office<void>> {
  const o = await suite.open(office);
  page = o.page;
  await page.goto(o.url);
  return o;
}

const logIn = (username: string, password: string, displayName: string) => logInAs(page, username, password, displayName);

async function openRegistry(): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: '档案', exact: true }).click();
  await page.getByRole('heading', { name: '离退休干部档案', exact: true }).waitFor();
}

/** Picks an option of a MUI select by its label. */
async function choose(label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: new RegExp(`^${label}`) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const closeNotes = () => closeNotesOf(page);

/** The Chinese interface shows no English words; IDs, user names and file names are allowed. */
async function expectNoEnglish(allowed: RegExp[] = []): Promise<void> {
  let text = await page.locator('body').innerText();
  for (const pattern of allowed) text = text.replace(pattern, ' ');
  expect(text.match(/[A-Za-z]{3,}/g) ?? []).toEqual([]);
}

async function rosterWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['姓名', '性别', '身份证号', '出生日期', '离退休类别', '原工作单位', '单位级别', '政治面貌', '网格', '家庭住址', '联系电话', '居住状况']);
  ws.addRow(['周丽华', '女', makeIdNumber('1948-03-21', 'female', 31), '1948-03-21', '退休', '县教育局', '县直', '中共党员', '第二网格', '幸福里小区5号楼1单元302', '13934561234', '空巢']);
  ws.addRow(['吴振国', '男', makeIdNumber('1940-10-01', 'male', 32), '1940-10-01', '离休', '县人武部', '县直', '中共党员', '第一网格', '幸福里小区3号楼3单元101', '0351-6021234', '与子女同住']);
  ws.addRow(['郑秀梅', '女', badChecksum(makeIdNumber('1952-06-18', 'female', 33)), '1952-06-18', '退休', '县医院', '县直', '群众', '第三网格', '文化路9号家属院2号楼402', '13834567890', '独居']);
  ws.addRow(['黄国强', '男', makeIdNumber('1944-01-25', 'male', 34), '1944-01-25', '退休', '县供销社', '企业', '群众', '第三网格', '文化路11号', '13703519876', '独居']);
  ws.getColumn(3).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('档案 (browser mode)', { timeout: E2E_TIMEOUT }, () => {
  it('opens 档案 from the menu and from the home page, showing the register', async () => {
    const o = await openOffice();
    await logIn('admin', ADMIN_PASSWORD, '王主任');
    // A shortcut on the home page, and the first working section of the menu.
    await page.getByRole('main').getByRole('link', { name: '档案' }).waitFor();
    const menu = await page.getByRole('navigation').getByRole('link').allInnerTexts();
    expect(menu.slice(0, 2)).toEqual(['首页', '档案']);
    await openRegistry();
    await page.getByRole('gridcell', { name: '王建国' }).waitFor();
    await page.getByText('共 5 人').waitFor();
    for (const header of ['姓名', '性别', '年龄', '身份证号', '联系电话', '网格', '住址', '居住状况', '自理能力', '政治面貌', '状态']) {
      await page.getByRole('columnheader', { name: header, exact: true }).waitFor();
    }
    await page.getByPlaceholder('姓名、拼音首字母、身份证号、电话、住址').waitFor();
    await expectNoEnglish();
    await o.screenshot('registry-list');
  });

  it('adds a person: a wrong ID checksum is explained at once, the right one fills birth date and gender', async () => {
    const o = await openOffice();
    await logIn('admin', ADMIN_PASSWORD, '王主任');
    await openRegistry();
    await page.getByRole('button', { name: '新增' }).or(page.getByRole('link', { name: '新增' })).click();
    await page.getByRole('heading', { name: '新增人员' }).waitFor();
    await page.locator('input[name="name"]').fill('张三丰');
    await page.locator('input[name="idNumber"]').fill(badChecksum(ZSF_ID));
    await page.getByText('身份证号的最后一位校验码不对，请仔细核对每一位数字。').waitFor();
    await page.locator('input[name="phones.0"]').fill('13903511234');
    await choose('离退休类别', '退休');
    await page.locator('input[name="retirementDate"]').fill('2002年5月1日');
    await page.locator('input[name="originalUnit"]').fill('县水利局');
    await choose('单位级别', '县直');
    await page.locator('input[name="formerPosition"]').fill('副局长');
    await choose('政治面貌', '中共党员');
    await choose('居住状况', '独居');
    await page.locator('input[name="grid"]').fill('第一网格');
    await page.locator('input[name="address"]').fill('幸福里小区6号楼2单元401');
    // Saving with the wrong number is refused with the same words, in place.
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('有些内容需要改正，请查看标红的地方。').waitFor();
    // Picture formats are named as people see them on their files.
    await expectNoEnglish([/\bJPG\b/g, /\bPNG\b/g]);
    await o.screenshot('registry-form-error');

    await page.locator('input[name="idNumber"]').fill(ZSF_ID);
    await page.getByText('身份证号有效：1942-04-09 出生，男。').waitFor();
    await page.waitForFunction(() => (document.querySelector('input[name="birthDate"]') as HTMLInputElement | null)?.value === '1942-04-09');
    expect(await page.locator('input[name="gender"]').inputValue()).toBe('male');
    expect(await page.getByText('身份证号的最后一位校验码不对').count()).toBe(0);

    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '张三丰', level: 1 }).waitFor();
    await page.getByText('已新增“张三丰”的档案。').waitFor();
    // Living alone without an emergency contact: a warning, not an error.
    const warning = page.getByText('独居但未登记紧急联系人。', { exact: false });
    await warning.waitFor();
    expect(await warning.locator('xpath=ancestor-or-self::*[contains(@class, "MuiAlert-root")][1]').getAttribute('class')).toMatch(/Warning/);
    const text = await page.locator('main').innerText();
    for (const expected of ['男', `${ageToday('1942-04-09')} 岁`, '在册', '县水利局', '2002-05-01', '幸福里小区6号楼2单元401', '13903511234']) expect(text).toContain(expected);
    await closeNotes();
    await o.screenshot('registry-detail-basic');
  });

  it('refuses the same ID number again, naming the person who has it', async () => {
    const o = await openOffice();
    await withZsf(o, false);
    await logIn('admin', ADMIN_PASSWORD, '王主任');
    await openRegistry();
    await page.getByRole('link', { name: '新增' }).click();
    await page.locator('input[name="idNumber"]').fill(ZSF_ID);
    await page.getByText('该身份证号已登记：张三丰').waitFor();
    await page.getByRole('link', { name: '打开已有档案' }).click();
    await page.getByRole('heading', { name: '张三丰', level: 1 }).waitFor();
  });

  it('adds a Barthel assessment in 健康档案 with a live total, and shows the total and band', async () => {
    const o = await openOffice();
    const id = await withZsf(o, false);
    await logIn('admin', ADMIN_PASSWORD, '王主任');
    await go(page, `#/persons/${id}`);
    await page.getByRole('heading', { name: '张三丰', level: 1 }).waitFor();
    await page.getByRole('tab', { name: '健康档案' }).click();
    await page.getByText('还没有做过自理能力评估。').waitFor();
    await page.getByRole('button', { name: '新增评估' }).click();
    const dialog = page.getByRole('dialog', { name: '新增自理能力评估（巴氏指数）' });
    await dialog.getByText('还有 10 项没有选择，全部选完才能保存。').waitFor();
    const scores: Record<string, number> = { feeding: 10, bathing: 5, grooming: 5, dressing: 10, bowels: 10, bladder: 5, toilet: 10, transfer: 15, mobility: 10, stairs: 5 };
    for (const [item, score] of Object.entries(scores)) await dialog.locator(`input[name="${item}"][value="${score}"]`).check();
    await dialog.getByText('总分 85 分').waitFor();
    await dialog.getByTestId('adl-live-total').getByText('轻度受损').waitFor();
    await o.screenshot('registry-adl-dialog');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('评估已保存：85 分，轻度受损。').waitFor();
    const latest = page.getByTestId('adl-latest');
    await latest.getByText('85', { exact: true }).waitFor();
    await latest.getByText('轻度受损').waitFor();
    await page.getByRole('row').filter({ hasText: '85 分' }).waitFor();
    await expectNoEnglish([/\b\d{17}[\dX]\b/g]);
    await closeNotes();
    await o.screenshot('registry-detail-health');
  });

  it('adds an emergency contact, which clears the warning, and lists the changes in 变更记录', async () => {
    const o = await openOffice();
    const id = await withZsf(o, true);
    await logIn('admin', ADMIN_PASSWORD, '王主任');
    await go(page, `#/persons/${id}`);
    // Living alone without an emergency contact: warned until one is added.
    await page.getByText('独居但未登记紧急联系人。', { exact: false }).waitFor();
    await page.getByRole('tab', { name: '家属与紧急联系人' }).click();
    await page.getByRole('button', { name: '添加联系人' }).click();
    const dialog = page.getByRole('dialog', { name: '添加家属或紧急联系人' });
    await dialog.locator('input[name="name"]').fill('张明');
    await dialog.locator('input[name="relation"]').fill('儿子');
    await dialog.locator('input[name="phones.0"]').fill('13834560001');
    expect(await dialog.getByLabel('紧急联系人').isChecked()).toBe(true);
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存联系人“张明”。').waitFor();
    await page.getByRole('cell', { name: '张明', exact: true }).waitFor();
    await page.waitForFunction(() => !document.body.innerText.includes('独居但未登记紧急联系人'));

    await page.getByRole('tab', { name: '变更记录' }).click();
    await page.getByRole('cell', { name: '新建了人员档案' }).waitFor();
    const text = await page.locator('main').innerText();
    for (const expected of ['新建了自理能力评估', '新建了家属联系人', '身份证号：', '居住状况：独居', '总分：85']) expect(text).toContain(expected);
  });

  it('deletes a contact only after confirming, and the section shows it gone', async () => {
    const o = await openOffice();
    const id = await withZsf(o, false);
    await o.must(o.as('admin'), 'family.add', { personId: id, fields: { name: '张明', relation: '儿子', phones: ['13834560001'], isEmergency: true } });
    await logIn('admin', ADMIN_PASSWORD, '王主任');
    await go(page, `#/persons/${id}`);
    await page.getByRole('heading', { name: '张三丰', level: 1 }).waitFor();
    await page.getByRole('tab', { name: '家属与紧急联系人' }).click();
    await page.getByRole('button', { name: '添加联系人' }).click();
    const dialog = page.getByRole('dialog', { name: '添加家属或紧急联系人' });
    await dialog.locator('input[name="name"]').fill('李四');
    await dialog.locator('input[name="relation"]').fill('侄子');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('cell', { name: '李四', exact: true }).waitFor();

    await page.getByRole('button', { name: '删除联系人“李四”？' }).click();
    const confirm = page.getByRole('dialog', { name: '删除联系人“李四”？' });
    await confirm.getByRole('button', { name: '取消' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await page.getByRole('cell', { name: '李四', exact: true }).count()).toBe(1);

    await page.getByRole('button', { name: '删除联系人“李四”？' }).click();
    await confirm.getByRole('button', { name: '删除', exact: true }).click();
    await page.getByText('已删除联系人“李四”。').waitFor();
    await page.getByRole('cell', { name: '李四', exact: true }).waitFor({ state: 'detached' });
    // The other contact stays.
    await page.getByRole('cell', { name: '张明', exact: true }).waitFor();
  });

  it('finds the person by pinyin initials in the one search box', async () => {
    const o = await openOffice();
    await withZsf(o, true);
    await logIn('admin', ADMIN_PASSWORD, '王主任');
    await openRegistry();
    await page.getByRole('gridcell', { name: '王建国' }).waitFor();
    await page.getByRole('textbox', { name: '查找' }).fill('zsf');
    await page.getByRole('gridcell', { name: '张三丰' }).waitFor();
    await expect.poll(() => page.getByRole('gridcell', { name: '王建国' }).count()).toBe(0);
    await page.getByText('共 1 人').waitFor();
    expect(page.url()).toContain('q=zsf');
    await closeNotes();
    const row = page.getByRole('row').filter({ hasText: '张三丰' });
    for (const expected of ['85 · 轻度受损', '独居', '中共党员', '在册']) expect(await row.innerText()).toContain(expected);
    await o.screenshot('registry-search');

    // The row opens the detail page; back returns to the same search.
    await row.click();
    await page.getByRole('heading', { name: '张三丰', level: 1 }).waitFor();
    await page.getByRole('link', { name: '返回名单' }).click();
    await page.getByText('共 1 人').waitFor();
    expect(await page.getByRole('textbox', { name: '查找' }).inputValue()).toBe('zsf');
    await page.getByRole('button', { name: '清空查找内容' }).click();
    await page.getByText('共 6 人').waitFor();
  });

  it('searches a name typed with an input method once the word is chosen, not its pinyin while composing', async () => {
    const o = await openOffice();
    await withZsf(o, true);
    await logIn('admin', ADMIN_PASSWORD, '王主任');
    await openRegistry();
    await page.getByText('共 6 人').waitFor();
    const box = page.getByRole('textbox', { name: '查找' });
    await box.focus();
    const cdp = await page.context().newCDPSession(page);
    // The input method shows its letters in the box while the word is being chosen.
    await cdp.send('Input.imeSetComposition', { text: 'zhangsan', selectionStart: 8, selectionEnd: 8 });
    expect(await box.inputValue()).toBe('zhangsan');
    await page.waitForTimeout(600);
    expect(page.url()).not.toContain('q=');
    expect(await page.getByText('共 6 人').count()).toBe(1);
    // Choosing the word commits it: the list follows at once.
    await cdp.send('Input.insertText', { text: '张三丰' });
    await page.getByText('共 1 人').waitFor();
    await page.getByRole('gridcell', { name: '张三丰' }).waitFor();
    expect(decodeURIComponent(page.url())).toContain('q=张三丰');
    await cdp.detach();
  });

  it('imports an Excel roster: the bad row is explained in Chinese, and only the valid rows are imported by choice', async () => {
    const o = await openOffice();
    await logIn('admin', ADMIN_PASSWORD, '王主任');
    await openRegistry();
    await page.getByRole('link', { name: '导入' }).click();
    await page.getByRole('heading', { name: '导入花名册' }).waitFor();
    await page.getByTestId('roster-file').setInputFiles({
      name: '幸福里社区花名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await rosterWorkbook(),
    });
    await page.getByText('文件“幸福里社区花名册.xlsx”，工作表“花名册”，共 4 行数据。').waitFor();
    // The columns were matched from their names; a sample value shows what each holds.
    await page.getByRole('cell', { name: '周丽华、吴振国、郑秀梅' }).waitFor();
    await closeNotes();
    await o.screenshot('registry-import-mapping');
    await page.getByRole('button', { name: '检查数据' }).click();

    const counts = page.getByTestId('import-counts');
    await counts.waitFor();
    const countText = await counts.innerText();
    expect(countText).toMatch(/新增\s*3 人/);
    expect(countText).toMatch(/有问题\s*1 行/);
    const problem = page.getByRole('row').filter({ hasText: '第 4 行' });
    await problem.waitFor();
    expect(await problem.innerText()).toContain('身份证号的最后一位校验码不对，请仔细核对每一位数字。');
    expect(await problem.innerText()).toContain('身份证号');
    expect(await page.getByRole('button', { name: '全部导入（4 行）' }).isDisabled()).toBe(true);
    await page.getByText('有 1 行有问题，所以不能全部导入。', { exact: false }).waitFor();
    await expectNoEnglish([/\b\d{17}[\dX]\b/g, /\.xlsx\b/g, /\bExcel\b/g, /\bCSV\b/g]);
    await o.screenshot('registry-import-preview');

    await page.getByRole('button', { name: '仅导入无误的 3 行' }).click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('新增 3 人');
    await page.getByText('跳过 1 行有问题的行：第 4 行').waitFor();

    await page.getByRole('link', { name: '查看档案名单' }).click();
    for (const name of ['周丽华', '吴振国', '黄国强']) await page.getByRole('gridcell', { name }).waitFor();
    expect(await page.getByRole('gridcell', { name: '郑秀梅' }).count()).toBe(0);
    // The office's five and the three imported.
    await page.getByText('共 8 人').waitFor();
  });

  it('exports the filtered list as an Excel file', async () => {
    const o = await openOffice();
    // A second person in 第三网格, as the roster import of the test before brings one.
    await o.must(o.as('admin'), 'persons.create', {
      name: '黄国强',
      gender: 'male',
      idNumber: makeIdNumber('1944-01-25', 'male', 34),
      birthDate: '1944-01-25',
      phones: ['13703519876'],
      retirementType: 'tuixiu',
      originalUnit: '县供销社',
      unitLevel: 'enterprise',
      politicalStatus: 'masses',
      community: '幸福里社区',
      grid: '第三网格',
      address: '文化路11号',
      livingSituation: 'alone',
    });
    await logIn('admin', ADMIN_PASSWORD, '王主任');
    await openRegistry();
    await page.getByText('共 6 人').waitFor();
    await choose('网格', '第三网格');
    await page.getByText('共 2 人').waitFor();
    // The notice hides after a few seconds: it is read as soon as it shows.
    const [download, notice] = await Promise.all([page.waitForEvent('download'), page.getByText(/^已导出 /).textContent(), page.getByRole('button', { name: '导出' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(notice).toMatch(/已导出 2 人的名单/);
    await page.getByRole('button', { name: '清除全部条件' }).click();
    await page.getByText('共 6 人').waitFor();
  });

  it('offers a read-only user no 新增, 导入 or editing', async () => {
    const o = await openOffice();
    await withZsf(o, true);
    await logIn('chakan', VIEWER_PASSWORD, '李检查');
    await openRegistry();
    await page.getByRole('gridcell', { name: '张三丰' }).waitFor();
    await page.getByRole('button', { name: '导出' }).waitFor();
    expect(await page.getByRole('link', { name: '新增' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '导入' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '下载模板' }).count()).toBe(0);

    await page.getByRole('row').filter({ hasText: '张三丰' }).click();
    await page.getByRole('heading', { name: '张三丰', level: 1 }).waitFor();
    for (const label of ['编辑', '变更状态', '删除']) expect(await page.getByRole('button', { name: label }).or(page.getByRole('link', { name: label })).count()).toBe(0);
    await page.getByRole('tab', { name: '健康档案' }).click();
    await page.getByTestId('adl-latest').waitFor();
    expect(await page.getByRole('button', { name: '新增评估' }).count()).toBe(0);

    // The writing pages are not there for a reader even by address.
    await page.evaluate(() => {
      window.location.hash = '#/persons/import';
    });
    await page.getByRole('heading', { name: '离退休干部档案', exact: true }).waitFor();
    expect(await page.getByRole('heading', { name: '导入花名册' }).count()).toBe(0);
  });
});
