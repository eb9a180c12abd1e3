/**
 * 原工作单位 in a real browser against real services. An office whose registry was typed by hand over
 * the years: the same unit written several ways (山西省交通厅, 山西省 交通厅, 省交通厅). A staff member
 * adds the unit, matches the typed texts to it on 匹配原单位 (the exact group and a near match, each
 * confirmed by hand), opens the unit with its retirees, prints the last quarter's situation feedback
 * (the print route becomes a PDF the way Electron makes it; pdftotext shows the title, unit, office,
 * names and page numbers) and saves it as .xlsx; the person's record links to the unit.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { makeIdNumber } from '../helpers/persons';
import { E2E_TIMEOUT, closeNotes as closeNotesOf, e2eSuite, logIn as logInAs, setUp, setupInput, type Office } from './support';

vi.mock('electron', () => ({ app: {}, BrowserWindow: class {}, dialog: {} }));
const { EMPTY_HEADER, PDF_MARGINS_MM, footerTemplate } = await import('../../main/electron/print');

const OFFICE = '迎泽街道桃园社区';
const STAFF_PASSWORD = 'ganshi2026';

/** name, gender, birth date, typed unit, level, position */
const PEOPLE: [string, 'male' | 'female', string, string, 'provincial' | 'county' | 'municipal' | 'enterprise' | 'other', string][] = [
  ['王建国', 'male', '1942-03-11', '山西省交通厅', 'provincial', '副厅长'],
  ['李秀英', 'female', '1946-08-02', '山西省交通厅', 'provincial', '处长'],
  ['张志强', 'male', '1944-12-19', '山西省 交通厅', 'provincial', '总工程师'],
  ['吴德明', 'male', '1940-05-07', '省交通厅', 'other', '副处长'],
  ['郑玉兰', 'female', '1948-10-23', '省交通厅', 'other', '科长'],
  ['刘凤英', 'female', '1947-02-14', '太原市教育局', 'municipal', '副局长'],
  ['陈海涛', 'male', '1949-06-30', '太原钢铁（集团）有限公司', 'enterprise', '高级工程师'],
  ['杨淑珍', 'female', '1945-09-09', '太原市教育局', 'municipal', '科员'],
];

let page: Page;

/** The quarter before this one, as the feedback panel proposes it. */
function lastQuarter(today = new Date()): { from: string; to: string } {
  const q = Math.floor(today.getMonth() / 3);
  const year = q === 0 ? today.getFullYear() - 1 : today.getFullYear();
  const start = q === 0 ? 9 : (q - 1) * 3;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(start + 1)}-01`, to: `${year}-${pad(start + 3)}-${pad(new Date(year, start + 3, 0).getDate())}` };
}

const range = lastQuarter();

/** A day of the last quarter: its month (0..2) and day of month. */
const dayIn = (month: number, day: number) => `${range.from.slice(0, 5)}${String(Number(range.from.slice(5, 7)) + month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

const suite = e2eSuite('units');
const office = suite.office('office', async (s) => {
  const ids = new Map<string, string>();
  const must = s.must;
  const admin = await setUp(s, setupInput(OFFICE, 'zhuren2026', { areaCode: '140106001002', adminDisplayName: '赵主任' }));
  await must(admin, 'settings.update', { idleLockMinutes: 0 });
  await must(admin, 'users.create', { username: 'sunganshi', displayName: '孙干事', role: 'staff', password: STAFF_PASSWORD, phone: '13903510200' });
  let seq = 1;
  for (const [name, gender, birthDate, unit, level, position] of PEOPLE) {
    const { id } = await must(admin, 'persons.create', {
      name,
      gender,
      idNumber: makeIdNumber(birthDate, gender, seq++, '140106'),
      birthDate,
      phones: [`1393510${String(1000 + seq * 37).slice(-4)}`],
      retirementType: birthDate < '1942-01-01' ? 'lixiu' : 'tuixiu',
      originalUnit: unit,
      unitLevel: level,
      formerPosition: position,
      politicalStatus: 'cpc',
      community: OFFICE,
      address: `桃园北路${seq * 3}号院${(seq % 4) + 1}号楼${(seq % 3) + 1}单元${100 + seq}`,
      livingSituation: seq % 2 === 0 ? 'empty_nest' : 'alone',
    });
    ids.set(name, id);
  }
  const id = (name: string) => ids.get(name) as string;
  // What happened to them last quarter: visits, a hospital stay, a fall in self-care, needs, a party meeting.
  const HIGH = { feeding: 10, bathing: 5, grooming: 5, dressing: 10, bowels: 10, bladder: 10, toilet: 10, transfer: 15, mobility: 15, stairs: 10 };
  const LOWER = { ...HIGH, bathing: 0, stairs: 0, mobility: 10 };
  await must(admin, 'health.addAssessment', { personId: id('王建国'), assessedOn: dayIn(0, 5), items: HIGH });
  await must(admin, 'health.addAssessment', { personId: id('王建国'), assessedOn: dayIn(2, 20), items: LOWER });
  await must(admin, 'health.addEvent', { personId: id('王建国'), fields: { kind: 'hospitalisation', date: dayIn(1, 3), endDate: dayIn(1, 17), institution: '山西省人民医院', summary: '肺部感染，已治愈出院' } });
  await must(admin, 'health.addEvent', { personId: id('李秀英'), fields: { kind: 'checkup', date: dayIn(0, 18), institution: '桃园社区卫生服务站', summary: '血压偏高，已建议复查' } });
  for (const [name, day, method] of [
    ['王建国', dayIn(0, 8), 'home'],
    ['王建国', dayIn(1, 10), 'hospital'],
    ['李秀英', dayIn(1, 22), 'home'],
    ['吴德明', dayIn(2, 6), 'phone'],
  ] as const) {
    await must(admin, 'visits.record', { personId: id(name), fields: { visitDate: day, method, visitors: '孙干事', summary: '身体和精神状况良好' } });
  }
  const meal = await must(admin, 'requests.create', { personId: id('王建国'), category: 'home_care', description: '出院后需要助餐服务', raisedOn: dayIn(1, 18) });
  await must(admin, 'requests.setStatus', { id: meal.id, status: 'resolved', resolution: '已接入社区老年餐桌', resolvedOn: dayIn(1, 25) });
  await must(admin, 'requests.create', { personId: id('郑玉兰'), category: 'medical', description: '希望安排家庭医生上门', raisedOn: dayIn(2, 2) });
  const branch = await must(admin, 'party.branches.create', { name: '桃园社区离退休干部党支部', kind: 'branch' });
  await must(admin, 'party.members.add', {
    personId: id('王建国'),
    branchId: branch.id,
    fromDate: dayIn(0, 1),
    relationHeld: 'original_unit',
    managementMode: 'multi',
    unitPartyContact: '郭志强',
  });
  await must(admin, 'party.meetings.create', { branchId: branch.id, kind: 'theme_day', date: dayIn(0, 1), topic: '主题党日：重温入党誓词', attendance: [{ personId: id('王建国'), present: true }] });
  return { ids: Object.fromEntries(ids) as Record<string, string> };
});

type Units = Office<{ ids: Record<string, string> }>;

/** A fresh copy of the office with staff member 孙干事 logged in. */
async function asStaff(): Promise<Units> {
  const o = await suite.open(office);
  page = o.page;
  await page.goto(o.url);
  await logInAs(page, 'sunganshi', STAFF_PASSWORD, '孙干事');
  return o;
}

/**
 * The units as the first test leaves them: 山西省交通厅 with its details, the typed texts that mean it
 * linked to it, and 太原市教育局 made from its text; 太原钢铁 is left unlinked.
 */
async function linkUnits(o: Units): Promise<void> {
  const staff = o.as('sunganshi');
  const { id } = await o.must(staff, 'units.create', {
    name: '山西省交通厅',
    level: 'provincial',
    retireeDepartment: '离退休干部处',
    contactPerson: '刘文华',
    contactPhone: '0351-4012345',
    partyContact: '郭志强',
    partyPhone: '0351-4012366',
    address: '太原市迎泽大街 18 号',
  });
  const { groups } = await o.must(staff, 'units.matchSuggestions', {});
  for (const group of groups) {
    if (group.texts.some((t) => t.includes('交通厅'))) await o.must(staff, 'units.confirmMatches', { texts: group.texts, unitId: id });
    if (group.texts.includes('太原市教育局')) {
      await o.must(staff, 'units.confirmMatches', { texts: group.texts, newUnit: { name: '太原市教育局', level: group.level, retireeDepartment: '老干部科' } });
    }
  }
  const linked = o.app.db.prepare('SELECT count(*) AS n FROM persons WHERE unit_id IS NOT NULL').get() as { n: number };
  expect(linked.n).toBe(7);
}

/** 山西省交通厅's page, through the list of units. */
async function openUnit(name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: '原工作单位', exact: true }).click();
  await page.getByRole('grid', { name: '原工作单位' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

const closeNotes = () => closeNotesOf(page);

/** The Chinese interface shows no English words. */
async function expectNoEnglish(p: Page = page): Promise<void> {
  const text = (await p.locator('body').innerText()).replace(/\b(Tab|Shift|Ctrl|English|Excel|PDF)\b/g, ' ');
  expect(text.match(/[A-Za-z]{3,}/g) ?? []).toEqual([]);
}

function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((p) => p.trim() !== '');
}

describe('原工作单位 (browser mode)', { timeout: E2E_TIMEOUT }, () => {
  it('staff add a unit and match the typed units to it, confirming each group', async () => {
    const o = await asStaff();
    await page.getByRole('navigation').getByRole('link', { name: '原工作单位', exact: true }).click();
    await page.getByRole('heading', { name: '原工作单位', level: 1 }).waitFor();
    await page.getByText(/还没有登记单位/).waitFor();

    await page.getByRole('button', { name: '新增单位' }).click();
    const dialog = page.getByRole('dialog', { name: '新增单位' });
    // A name is required.
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('请填写单位名称（至少两个字）。').waitFor();
    await dialog.getByLabel('单位名称').fill('山西省交通厅');
    await dialog.getByLabel('级别').click();
    await page.getByRole('option', { name: '省直' }).click();
    await dialog.getByLabel('离退休工作部门').fill('离退休干部处');
    await dialog.getByLabel('联系人', { exact: true }).fill('刘文华');
    await dialog.getByLabel('联系电话', { exact: true }).fill('0351-4012345');
    await dialog.getByLabel('党组织联系人', { exact: true }).fill('郭志强');
    await dialog.getByLabel('党组织联系电话').fill('0351-4012366');
    await dialog.getByLabel('单位地址').fill('太原市迎泽大街 18 号');
    await o.screenshot('units-dialog');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '山西省交通厅', level: 1 }).waitFor();
    await page.getByText('还没有离退休干部关联到这个单位。', { exact: false }).waitFor();
    await closeNotes();

    await page.getByRole('link', { name: '返回单位列表' }).click();
    await page.getByRole('link', { name: '匹配原单位' }).click();
    await page.getByRole('heading', { name: '匹配原单位', level: 1 }).waitFor();
    await page.getByText('还有 8 位离退休干部的原工作单位没有关联到单位库，共 4 组不同的写法。').waitFor();
    const exact = page.getByRole('region', { name: /“山西省交通厅”/ });
    const near = page.getByRole('region', { name: '“省交通厅”' });
    await exact.getByText('名称相同').waitFor();
    await near.getByText('名称包含').waitFor();
    await page.getByRole('region', { name: '“太原市教育局”' }).getByText('单位库里没有相近的单位。').waitFor();
    await expectNoEnglish();
    await o.screenshot('units-match');

    // Nothing is linked before a confirmation.
    const linked = () => (o.app.db.prepare('SELECT count(*) AS n FROM persons WHERE unit_id IS NOT NULL').get() as { n: number }).n;
    expect(linked()).toBe(0);
    // The near match is not chosen beforehand: staff choose it, then confirm.
    await expect.poll(() => near.getByRole('button', { name: /确认/ }).isDisabled()).toBe(true);
    await near.getByRole('radio', { name: /山西省交通厅/ }).check();
    await near.getByRole('button', { name: '确认，关联这 2 人' }).click();
    await page.getByText('已把 2 位离退休干部关联到“山西省交通厅”。').waitFor();
    expect(linked()).toBe(2);
    await closeNotes();
    await exact.getByRole('button', { name: '确认，关联这 3 人' }).click();
    await page.getByText('已把 3 位离退休干部关联到“山西省交通厅”。').waitFor();
    expect(linked()).toBe(5);
    await closeNotes();

    // A new unit made from a typed text links its group.
    await page.getByRole('region', { name: '“太原市教育局”' }).getByRole('radio', { name: '新建单位“太原市教育局”' }).check();
    await page.getByRole('region', { name: '“太原市教育局”' }).getByRole('button', { name: '新建单位并关联…' }).click();
    const create = page.getByRole('dialog', { name: '新增单位' });
    await expect.poll(() => create.getByLabel('单位名称').inputValue()).toBe('太原市教育局');
    await create.getByLabel('离退休工作部门').fill('老干部科');
    await create.getByRole('button', { name: '保存' }).click();
    await page.getByText('已新增单位“太原市教育局”，并关联了 2 位离退休干部。').waitFor();
    expect(linked()).toBe(7);
    await closeNotes();
    await o.screenshot('units-match-after');

    const rows = o.app.db.prepare("SELECT name, original_unit, unit_level FROM persons WHERE original_unit = '山西省交通厅' ORDER BY name_pinyin").all() as { name: string; unit_level: string }[];
    expect(rows.map((r) => r.name).sort()).toEqual(['吴德明', '张志强', '李秀英', '王建国', '郑玉兰'].sort());
    expect(new Set(rows.map((r) => r.unit_level))).toEqual(new Set(['provincial']));
  });

  it('lists the units with their retirees, and opens one with its persons and the last quarter\'s feedback', async () => {
    const o = await asStaff();
    await linkUnits(o);
    await page.getByRole('navigation').getByRole('link', { name: '原工作单位', exact: true }).click();
    const grid = page.getByRole('grid', { name: '原工作单位' });
    await grid.getByRole('link', { name: '山西省交通厅' }).waitFor();
    await grid.getByText('5 人').waitFor();
    await expectNoEnglish();
    await o.screenshot('units-list');
    await page.getByLabel('查找单位').fill('教育');
    await page.getByLabel('查找单位').press('Enter');
    await expect.poll(() => grid.getByRole('link').allInnerTexts()).toEqual(['太原市教育局']);
    await page.getByLabel('查找单位').fill('');
    await grid.getByRole('link', { name: '山西省交通厅' }).click();

    await page.getByRole('heading', { name: '山西省交通厅', level: 1 }).waitFor();
    const persons = page.getByRole('table', { name: '本单位的离退休干部' });
    for (const name of ['王建国', '李秀英', '张志强', '吴德明', '郑玉兰']) await persons.getByRole('link', { name }).waitFor();
    // A unit with retirees cannot be deleted: the dialog says why, once, and offers no button to try.
    await page.getByRole('button', { name: '删除单位', exact: true }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText('还有 5 位离退休干部的原工作单位是这个单位，不能删除。', { exact: false }).waitFor();
    expect(await confirm.getByText('不能删除', { exact: false }).count()).toBe(1);
    expect(await confirm.getByRole('button', { name: '删除单位', exact: true }).isDisabled()).toBe(true);
    await confirm.getByRole('button', { name: '取消', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    const feedback = page.getByRole('region', { name: '情况反馈' });
    await expect.poll(() => feedback.getByLabel('开始日期').inputValue()).toBe(range.from);
    await expect.poll(() => feedback.getByLabel('结束日期').inputValue()).toBe(range.to);
    await feedback.getByText('这段时间共 5 人：走访 4 次，住院 1 人次，提出需求 2 项，解决 1 项。', { exact: false }).waitFor();
    await feedback.getByText('山西省人民医院', { exact: false }).waitFor();
    await feedback.getByText('桃园社区离退休干部党支部').waitFor();
    await expectNoEnglish();
    await o.screenshot('units-detail');
    await feedback.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await o.screenshot('units-detail-feedback');
  });

  it('prints the feedback on A4 (as Electron\'s PDF) and saves it as .xlsx', async () => {
    const o = await asStaff();
    await linkUnits(o);
    await openUnit('山西省交通厅');
    const feedback = page.getByRole('region', { name: '情况反馈' });
    const [popup] = await Promise.all([page.waitForEvent('popup'), feedback.getByRole('button', { name: '打印反馈表' }).click()]);
    await popup.waitForSelector('html[data-print-ready="1"]', { timeout: 30_000 });
    const unitId = /#\/print\/unit-feedback\/([0-9a-f-]{36})\?/.exec(popup.url())?.[1] ?? '';
    expect(unitId).toMatch(/^[0-9a-f-]{36}$/);
    expect(popup.url()).toContain(`from=${range.from}&to=${range.to}`);
    await popup.setViewportSize({ width: 1000, height: 1300 });
    await expectNoEnglish(popup);
    await o.screenshot('print-unit-feedback-screen', popup);

    await popup.evaluate(([id, from, to]) => {
      window.location.hash = `#/print/unit-feedback/${id}?from=${from}&to=${to}&footer=engine`;
    }, [unitId, range.from, range.to] as const);
    await popup.waitForSelector('html[data-print-ready="1"][data-print-footer="engine"]');
    const template = (await popup.evaluate(() => document.documentElement.dataset['pageTemplate'])) ?? '';
    const pdf = path.join(o.files, 'unit-feedback.pdf');
    const mm = (v: number) => `${v}mm`;
    await popup.pdf({
      path: pdf,
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: EMPTY_HEADER,
      footerTemplate: footerTemplate(template),
      margin: { top: mm(PDF_MARGINS_MM.top), right: mm(PDF_MARGINS_MM.right), bottom: mm(PDF_MARGINS_MM.bottom), left: mm(PDF_MARGINS_MM.left) },
    });
    const pages = pdfPages(pdf);
    expect(pages.length).toBe(1);
    const text = pages[0] ?? '';
    // In content order the text of a table cell stays together, whatever its lines.
    const flat = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of ['离退休干部在社区情况反馈表', '山西省交通厅', OFFICE, '离退休干部处', '郭志强', '山西省人民医院', '出院后需要助餐服务', '桃园社区离退休干部党支部', '组织关系在原单位', '参加组织生活1/1次', '社区（盖章）']) {
      expect(flat).toContain(s.replace(/\s+/g, ''));
    }
    for (const name of ['王建国', '李秀英', '张志强', '吴德明', '郑玉兰']) expect(text).toContain(name);
    expect(text).not.toContain('刘凤英');
    expect(flat).toContain(`${range.from}至${range.to}`);
    expect(text.replace(/\s+/g, '')).toContain('第1/1页');
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdf, path.join(o.files, 'unit-feedback-page')]);
    expect(fs.readdirSync(o.files).some((f) => f.startsWith('unit-feedback-page') && f.endsWith('.png'))).toBe(true);
    await popup.close();

    const [download] = await Promise.all([page.waitForEvent('download'), feedback.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toBe(`情况反馈-山西省交通厅-${range.from.replaceAll('-', '')}-${range.to.replaceAll('-', '')}.xlsx`);
    const file = path.join(o.files, 'unit-feedback.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('情况反馈');
    expect(sheet?.getCell('A1').value).toBe('离退休干部在社区情况反馈表');
    const names: string[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 4 && typeof row.getCell(3).value === 'number') names.push(String(row.getCell(1).value));
    });
    expect(names.sort()).toEqual(['吴德明', '张志强', '李秀英', '王建国', '郑玉兰'].sort());
  });

  it('the person\'s record links to the unit, and the form picks units from the registry', async () => {
    const o = await asStaff();
    await linkUnits(o);
    await openUnit('山西省交通厅');
    const persons = page.getByRole('table', { name: '本单位的离退休干部' });
    await persons.getByRole('link', { name: '吴德明' }).click();
    await page.getByRole('heading', { name: '吴德明' }).first().waitFor();
    const link = page.getByRole('link', { name: '山西省交通厅' });
    await link.waitFor();
    await closeNotes();
    await link.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await o.screenshot('units-person-basic');
    await page.getByRole('link', { name: '编辑' }).first().click();
    const field = page.getByLabel('原工作单位');
    await expect.poll(() => field.inputValue()).toBe('山西省交通厅');
    await page.getByText('已关联单位库，级别随单位。').waitFor();
    await field.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await field.fill('太原市');
    await page.getByRole('option', { name: /太原市教育局/ }).waitFor();
    await o.screenshot('units-person-form-picker');
    await page.getByRole('option', { name: /太原市教育局/ }).click();
    await page.getByText('已关联单位库，级别随单位。').waitFor();
    await o.screenshot('units-person-form');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('link', { name: '太原市教育局' }).click();
    await page.getByRole('heading', { name: '太原市教育局', level: 1 }).waitFor();
    await page.getByRole('table', { name: '本单位的离退休干部' }).getByRole('link', { name: '吴德明' }).waitFor();
  });
});
