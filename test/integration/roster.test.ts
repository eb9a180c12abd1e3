import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, TEST_DB_KEY, makeApp, setupOffice, sessionAs, call, ok, errorCode, dumpDatabase, type TestApp } from '../helpers/app';
import { makeIdNumber, personInput } from '../helpers/persons';
import type { Session } from '../../main/auth/session';
import type { ChannelOutput } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { runCli } from '../../main/cli/program';
import { closeApp, openApp, type AppContext } from '../../main/context';
import { importRosterFile } from '../../main/services/roster/commit';
import { ROSTER_COLUMNS, detectHeaderRow, fieldOfHeader } from '../../main/services/roster/headers';
import { decodeText, readRoster } from '../../main/services/roster/read';
import { readDate, splitPhones } from '../../main/services/roster/validate';

/** Days since 1899-12-30: how Excel stores a date in a cell without a date format. */
const serialOf = (date: string) => (Date.parse(`${date}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;

const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** A valid ID number whose check character is X. */
function idEndingInX(birthDate: string, gender: 'male' | 'female'): string {
  for (let seq = 1; seq < 500; seq++) {
    const id = makeIdNumber(birthDate, gender, seq);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X');
}

const ID = {
  a: makeIdNumber('1945-03-15', 'male', 1),
  numeric: makeIdNumber('1946-01-01', 'male', 2),
  badChecksum: (() => {
    const good = makeIdNumber('1947-02-02', 'female', 3);
    return good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
  })(),
  mismatch: makeIdNumber('1948-05-05', 'male', 4),
  slash: makeIdNumber('1945-03-15', 'female', 5),
  serial: makeIdNumber('1950-10-01', 'male', 6),
  dateCell: makeIdNumber('1947-06-01', 'female', 7),
  withX: idEndingInX('1948-08-08', 'female'),
  existing: makeIdNumber('1940-07-01', 'male', 9),
  noType: makeIdNumber('1949-09-09', 'male', 10),
  badLevel: makeIdNumber('1951-01-01', 'female', 11),
};

const HEADERS = ['序号', ' 姓 名', '性别', '民族', '公民身份号码', '出生年月日', '手机', '工作单位', '单位级别', '职务', '政治面貌', '离休退休', '离退休时间', '网格', '现住址', '居住情况'];

type Cell = string | number | Date | null;

/**
 * A roster as offices keep them: a merged title row and a blank row above the header, headers
 * spelled their own way, and every kind of trouble in the rows.
 */
async function messyWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.getCell('A1').value = '幸福里社区离退休干部花名册（2026年）';
  ws.mergeCells('A1:P1');
  // Row 2 stays blank.
  ws.getRow(3).values = HEADERS;
  const rows: Cell[][] = [
    // 4: valid; date as Chinese text, two phones, 党员, 独居
    [1, '王建国', '男', '汉', ID.a, '1945年3月15日', '13800138000、0354-1234567', '县水利局', '县直', '副局长', '党员', '退休', '2005/4/1', '第一网格', '幸福里3号楼', '独居'],
    // 5: the ID stored as a number: its last digits are gone
    [2, '赵德明', '男', '汉族', Number(ID.numeric), '1946-01-01', '13800138001', '县教育局', '县直', '科长', '群众', '退休', '2006-01-01', '第一网格', '幸福里4号楼', '空巢'],
    // 6: a wrong check character
    [3, '孙秀兰', '女', '汉族', ID.badChecksum, '1947-02-02', '', '县医院', '县直', '', '群众', '退休', '', '第二网格', '幸福里5号楼', ''],
    // 7: the birth date disagrees with the ID number
    [4, '周志强', '男', '回族', ID.mismatch, '1948-06-05', '', '市供销社', '市直', '', '中共党员', '离休', '', '第二网格', '幸福里6号楼', ''],
    // 8: date with slashes
    [5, '吴桂英', '女', '汉族', ID.slash, '1945/3/15', '', '县邮电局', '企业', '', '群众', '退休', '', '第一网格', '幸福里7号楼', '与子女同住'],
    // 9: date as an Excel serial number
    [6, '郑国庆', '男', '汉族', ID.serial, serialOf('1950-10-01'), 13912345678, '县粮食局', '县直', '', '民盟', '退休', serialOf('2010-10-01'), '第一网格', '幸福里8号楼', ''],
    // 10: date as a date cell
    [7, '冯丽华', '女', '汉族', ID.dateCell, new Date(Date.UTC(1947, 5, 1)), '', '省农科院', '省直', '', '群众', '退休', new Date(Date.UTC(2002, 6, 1)), '第二网格', '幸福里9号楼', '养老机构'],
    // 11: spaces, full-width digits and a lower-case x
    [8, '陈淑珍', '女', '汉族', ` ${fullWidth(ID.withX.slice(0, 6))} ${ID.withX.slice(6, 14)} ${fullWidth(ID.withX.slice(14, 17))}x `, '', '', '', '', '', '', '退休', '', '', '', ''],
    // 12: the same person as row 4
    [9, '王建国', '男', '汉族', ID.a, '1945-03-15', '', '', '', '', '', '退休', '', '', '', ''],
    // 13: a registered person: a new phone and a new address
    [10, '李四', '男', '汉族', ID.existing, '1940-07-01', '13700137000', '县水利局', '县直', '副局长', '中共党员', '退休', '2005-04-01', '第一网格', '新华街1号', '空巢'],
    // 14: no retirement type
    [11, '何永福', '男', '汉族', ID.noType, '', '', '', '', '', '', '', '', '', '', ''],
    // 15: a unit level nobody uses
    [12, '罗美玲', '女', '汉族', ID.badLevel, '', '', '', '乡镇', '', '', '退休', '', '', '', ''],
  ];
  rows.forEach((values, i) => {
    const row = ws.getRow(4 + i);
    values.forEach((v, c) => {
      if (v === null || v === '') return;
      row.getCell(c + 1).value = v;
      if (v instanceof Date) row.getCell(c + 1).numFmt = 'yyyy-mm-dd';
    });
  });
  // A blank row, then a row with only a serial number: neither is a person.
  ws.getRow(17).getCell(1).value = 13;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const b64 = (data: Buffer) => data.toString('base64');

describe('Excel roster in and out', () => {
  let t: TestApp;
  let admin: Session;
  let existingId: string;
  beforeEach(async () => {
    t = makeApp();
    admin = await setupOffice(t);
    await ok(call(t.app, admin, 'settings.update', { idleLockMinutes: 0 }));
    // The grids the rosters name exist, as in an office that has set its grids up (a name that is not a grid has tests of its own).
    for (const name of ['第一网格', '第二网格']) await ok(call(t.app, admin, 'grids.create', { name, workerIds: [], places: [] }));
    existingId = (
      await ok(
        call(
          t.app,
          admin,
          'persons.create',
          personInput({ name: '李四', birthDate: '1940-07-01', seq: 9, notes: '子女在外地', householdRegistration: '山西省晋中市' }),
        ),
      )
    ).id;
    expect(personInput({ birthDate: '1940-07-01', seq: 9 }).idNumber).toBe(ID.existing);
  });
  afterEach(() => t.close());

  async function upload(data: Buffer, fileName = '花名册.xlsx') {
    return ok(call(t.app, admin, 'roster.parse', { fileName, base64: b64(data) }));
  }

  async function preview(parsed: ChannelOutput<'roster.parse'>) {
    return ok(call(t.app, admin, 'roster.preview', { sessionId: parsed.sessionId, mapping: parsed.mapping }));
  }

  it('finds the header row below a merged title, matches Chinese headers spelled in different ways', async () => {
    const parsed = await upload(await messyWorkbook());
    expect(parsed.headerRow).toBe(3);
    expect(parsed.rowCount).toBe(13);
    expect(parsed.mapping).toMatchObject({
      name: 1,
      gender: 2,
      ethnicity: 3,
      idNumber: 4,
      birthDate: 5,
      phones: 6,
      originalUnit: 7,
      unitLevel: 8,
      formerPosition: 9,
      politicalStatus: 10,
      retirementType: 11,
      retirementDate: 12,
      grid: 13,
      address: 14,
      livingSituation: 15,
      community: null,
      rank: null,
    });
    expect(parsed.sampleRows[0]).toMatchObject({ row: 4, cells: expect.arrayContaining(['王建国', ID.a]) });
  });

  it('reports every problem with its Excel row and column, and lists what an update changes', async () => {
    const result = await preview(await upload(await messyWorkbook()));
    const errors = result.errors.map((e) => [e.row, e.column, e.code]);
    expect(errors).toEqual(
      expect.arrayContaining([
        [5, '公民身份号码', 'roster.idNumberNumeric'],
        [6, '公民身份号码', 'idNumber.checksum'],
        [7, '出生年月日', 'idNumber.birthMismatch'],
        [12, '公民身份号码', 'roster.duplicateInFile'],
        [14, '离休退休', 'roster.required'],
        [15, '单位级别', 'roster.unknownValue'],
      ]),
    );
    expect(result.errors).toHaveLength(6);
    expect(result.errors.find((e) => e.row === 12)?.otherRow).toBe(4);
    expect(result.errors.find((e) => e.row === 15)?.value).toBe('乡镇');
    expect(result).toMatchObject({ rows: 12, creates: 5, updateCount: 1, unchanged: 0, errorCount: 6, errorRowCount: 6, validCount: 6, missingColumns: [] });
    expect(result.updates).toEqual([
      {
        row: 13,
        personId: existingId,
        name: '李四',
        changes: [
          { field: 'phones', from: '13800138000', to: '13700137000' },
          { field: 'address', from: '幸福里小区3号楼2单元501', to: '新华街1号' },
        ],
      },
    ]);
  });

  it('refuses the whole roster when any row has an error, writing nothing', async () => {
    const parsed = await upload(await messyWorkbook());
    const before = dumpDatabase(t.app);
    const refused = (await call(t.app, admin, 'roster.commit', { sessionId: parsed.sessionId, mapping: parsed.mapping, skipInvalid: false })) as Result<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { code: 'ROSTER_HAS_ERRORS', details: { errorCount: 6, errorRowCount: 6 } } });
    expect(dumpDatabase(t.app)).toEqual(before);
  });

  it('with skipInvalid imports the valid rows: creates, updates, normalises, keeps what the roster does not say', async () => {
    const parsed = await upload(await messyWorkbook());
    const progress: { stage: string; done: number }[] = [];
    admin.subscribe((name, payload) => {
      if (name === 'progress') progress.push(payload as { stage: string; done: number });
    });
    const result = await ok(call(t.app, admin, 'roster.commit', { sessionId: parsed.sessionId, mapping: parsed.mapping, skipInvalid: true }, { taskId: 'r1' }));
    expect(result).toEqual({ created: 5, updated: 1, unchanged: 0, skipped: 6, skippedRows: [5, 6, 7, 12, 14, 15] });
    expect(progress.some((p) => p.stage === 'progress.rosterWrite')).toBe(true);

    const list = await ok(call(t.app, admin, 'persons.list', { limit: 50 }));
    expect(list.total).toBe(6);
    const byId = new Map(list.rows.map((r) => [r.idNumber, r]));
    expect(byId.get(ID.a)).toMatchObject({
      name: '王建国',
      ethnicity: '汉族',
      birthDate: '1945-03-15',
      phones: ['13800138000', '0354-1234567'],
      politicalStatus: 'cpc',
      livingSituation: 'alone',
      retirementType: 'tuixiu',
      retirementDate: '2005-04-01',
      unitLevel: 'county',
    });
    expect(byId.get(ID.slash)).toMatchObject({ birthDate: '1945-03-15', gender: 'female', unitLevel: 'enterprise', livingSituation: 'with_children' });
    expect(byId.get(ID.serial)).toMatchObject({ birthDate: '1950-10-01', retirementDate: '2010-10-01', phones: ['13912345678'], politicalStatus: 'democratic' });
    expect(byId.get(ID.dateCell)).toMatchObject({ birthDate: '1947-06-01', retirementDate: '2002-07-01', unitLevel: 'provincial', livingSituation: 'institution' });
    // Gender and birth date from the ID number itself.
    expect(byId.get(ID.withX)).toMatchObject({ name: '陈淑珍', gender: 'female', birthDate: '1948-08-08' });
    // The update changed what the roster says and kept the rest.
    const updated = await ok(call(t.app, admin, 'persons.get', { id: existingId }));
    expect(updated.person).toMatchObject({ phones: ['13700137000'], address: '新华街1号', notes: '子女在外地', householdRegistration: '山西省晋中市', community: '幸福里社区' });
    const history = await ok(call(t.app, admin, 'persons.history', { id: existingId }));
    expect(history[0]).toMatchObject({ entity: 'person', action: 'update', username: 'admin' });
    // Audited like a form: one create per new person.
    const creates = t.app.db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'person' AND action = 'create'").get() as { n: number };
    expect(creates.n).toBe(6);
    // The upload is used up.
    expect(await errorCode(call(t.app, admin, 'roster.preview', { sessionId: parsed.sessionId, mapping: parsed.mapping }))).toBe('ROSTER_SESSION_EXPIRED');
  });

  it('imports a GBK-encoded CSV with the Chinese intact (and a UTF-8 one with a BOM)', async () => {
    const id = makeIdNumber('1944-12-01', 'male', 21);
    const csv = `姓名,性别,身份证号码,出生日期,离退休类别,家庭住址,政治面貌\r\n欧阳振华,男,${id},1944-12-01,离休,"晋中市榆次区顺城街12号,3单元",中共党员\r\n`;
    const gbk = iconv.encode(csv, 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const parsed = await upload(gbk, '名单.csv');
    expect(parsed.headers).toEqual(['姓名', '性别', '身份证号码', '出生日期', '离退休类别', '家庭住址', '政治面貌']);
    const result = await preview(parsed);
    expect(result).toMatchObject({ errorCount: 0, creates: 1 });
    await ok(call(t.app, admin, 'roster.commit', { sessionId: parsed.sessionId, mapping: parsed.mapping, skipInvalid: false }));
    const list = await ok(call(t.app, admin, 'persons.list', { search: '欧阳' }));
    expect(list.rows[0]).toMatchObject({ name: '欧阳振华', address: '晋中市榆次区顺城街12号,3单元', retirementType: 'lixiu', politicalStatus: 'cpc' });

    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('姓名,身份证号,离退休类别\n钱学文,' + makeIdNumber('1943-01-01', 'male', 22) + ',退休\n')]);
    const parsedBom = await upload(bom, 'utf8.csv');
    expect(parsedBom.headers[0]).toBe('姓名');
    expect(await preview(parsedBom)).toMatchObject({ errorCount: 0, creates: 1 });
  });

  it('exports the filtered list with the import headers, and the export re-imports unchanged', async () => {
    const parsed = await upload(await messyWorkbook());
    await ok(call(t.app, admin, 'roster.commit', { sessionId: parsed.sessionId, mapping: parsed.mapping, skipInvalid: true }));
    await ok(call(t.app, admin, 'persons.create', personInput({ name: '韩梅', gender: 'female', birthDate: '1952-02-29', seq: 30, retirementDate: null, livingSituation: 'other', unitLevel: 'other', politicalStatus: 'other', phones: ['0354 1234567', '13600136000'] })));
    const exported = await ok(call(t.app, admin, 'roster.export', {}));
    expect(exported.count).toBe(7);
    expect(exported.fileName).toMatch(/^离退休干部名册-\d{8}\.xlsx$/);
    const data = Buffer.from(exported.base64, 'base64');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    // The title row says what the sheet holds; the import headers are under it.
    expect(ws.getCell(1, 1).value).toBe('离退休干部名册（全部在册人员）');
    const headerTexts = (ws.getRow(2).values as unknown[]).slice(1);
    expect(headerTexts).toEqual(ROSTER_COLUMNS.map((c) => c.header));
    for (const header of headerTexts) expect(fieldOfHeader(String(header))).not.toBeNull();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getRow(2).font?.bold).toBe(true);
    const idCol = ROSTER_COLUMNS.findIndex((c) => c.field === 'idNumber') + 1;
    const phoneCol = ROSTER_COLUMNS.findIndex((c) => c.field === 'phones') + 1;
    expect(typeof ws.getRow(3).getCell(idCol).value).toBe('string');
    expect(ws.getRow(3).getCell(idCol).numFmt).toBe('@');
    expect(ws.getColumn(phoneCol).numFmt).toBe('@');
    const values = ws.getColumn(ROSTER_COLUMNS.findIndex((c) => c.field === 'gender') + 1).values.slice(3);
    expect(new Set(values)).toEqual(new Set(['男', '女']));

    const again = await preview(await upload(data, exported.fileName));
    expect(again).toMatchObject({ rows: 7, errorCount: 0, creates: 0, updateCount: 0, unchanged: 7 });

    // Filters apply: one grid only, and the title row names the filter.
    const grid = await ok(call(t.app, admin, 'roster.export', { grid: '第二网格' }));
    expect(grid.count).toBe(1);
    const gridBook = new ExcelJS.Workbook();
    await gridBook.xlsx.load(Buffer.from(grid.base64, 'base64') as unknown as ArrayBuffer);
    expect(gridBook.worksheets[0]?.getCell(1, 1).value).toBe('离退休干部名册（筛选：网格：第二网格）');
    const many = await ok(call(t.app, admin, 'roster.export', { search: '韩', unitLevel: 'other', ageBand: '70to79', politicalStatus: 'other', status: 'all' }));
    const manyBook = new ExcelJS.Workbook();
    await manyBook.xlsx.load(Buffer.from(many.base64, 'base64') as unknown as ArrayBuffer);
    expect(manyBook.worksheets[0]?.getCell(1, 1).value).toBe('离退休干部名册（筛选：搜索：韩；原单位级别：其他；年龄段：70～79岁；政治面貌：其他；状态：全部（含迁出、去世））');
    expect(many.count).toBe(1);
  });

  it('单位性质: imported (党政机关 reads as 行政机关), exported, kept by a roster without the column; an unknown kind is refused', async () => {
    const book = async (headers: string[], rows: (string | null)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('名册');
      ws.addRow(headers);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const newId = makeIdNumber('1944-01-01', 'male', 41);
    const first = await upload(await book(['姓名', '身份证号码', '离退休类别', '单位性质'], [['周一', newId, '退休', '党政机关'], ['李四', ID.existing, '退休', '事业单位']]));
    const shown = await preview(first);
    expect(shown).toMatchObject({ errorCount: 0, creates: 1, updateCount: 1 });
    expect(shown.updates[0]?.changes).toEqual([{ field: 'unitKind', from: '', to: 'institution' }]);
    await ok(call(t.app, admin, 'roster.commit', { sessionId: first.sessionId, mapping: first.mapping, skipInvalid: false }));
    const kindOf = (idNumber: string) => (t.app.db.prepare('SELECT unit_kind FROM persons WHERE id_number = ?').get(idNumber) as { unit_kind: string | null }).unit_kind;
    expect([kindOf(newId), kindOf(ID.existing)]).toEqual(['government', 'institution']);
    expect((await ok(call(t.app, admin, 'persons.get', { id: existingId }))).person.unitKind).toBe('institution');

    // The export writes the column in Chinese, and offers the four kinds.
    const exported = await ok(call(t.app, admin, 'roster.export', {}));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const col = ROSTER_COLUMNS.findIndex((c) => c.field === 'unitKind') + 1;
    expect(ws.getCell(2, col).value).toBe('单位性质');
    expect(new Set(ws.getColumn(col).values.slice(3))).toEqual(new Set(['行政机关', '事业单位']));

    // An older roster without the column changes what it says and keeps the recorded kind.
    const old = await upload(await book(['姓名', '身份证号码', '离退休类别', '家庭住址'], [['李四', ID.existing, '退休', '新华街9号']]));
    expect((await preview(old)).updates[0]?.changes.map((c) => c.field)).toEqual(['address']);
    await ok(call(t.app, admin, 'roster.commit', { sessionId: old.sessionId, mapping: old.mapping, skipInvalid: false }));
    expect(kindOf(ID.existing)).toBe('institution');

    // A kind the form does not know is a problem of its cell; the roster is refused and nothing changes.
    const bad = await upload(await book(['姓名', '身份证号码', '离退休类别', '单位性质'], [['李四', ID.existing, '退休', '部队']]));
    expect((await preview(bad)).errors.map((e) => [e.row, e.column, e.code, e.value])).toEqual([[2, '单位性质', 'roster.unknownValue', '部队']]);
    const before = dumpDatabase(t.app);
    expect(await errorCode(call(t.app, admin, 'roster.commit', { sessionId: bad.sessionId, mapping: bad.mapping, skipInvalid: false }))).toBe('ROSTER_HAS_ERRORS');
    expect(dumpDatabase(t.app)).toEqual(before);
  });

  it('exports text that would run as a formula with a leading quote, phone numbers and numbers as they are, and re-imports it unchanged', async () => {
    const tricky = {
      notes: '=HYPERLINK("http://evil.example","点我")',
      address: '-',
      formerPosition: '+SUM(1,1)',
      rank: '@副处级',
      householdRegistration: '-1+cmd|\' /C calc\'!A0',
      phones: ['+86 138 0013 8000', '0354-1234567'],
    };
    await ok(call(t.app, admin, 'persons.create', personInput({ name: '韩梅', gender: 'female', birthDate: '1952-02-29', seq: 30, ...tricky })));
    const exported = await ok(call(t.app, admin, 'roster.export', { search: '韩梅' }));
    expect(exported.count).toBe(1);
    const data = Buffer.from(exported.base64, 'base64');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const cell = (field: string) => ws.getRow(3).getCell(ROSTER_COLUMNS.findIndex((c) => c.field === field) + 1).value;
    expect(cell('notes')).toBe(`'${tricky.notes}`);
    expect(cell('address')).toBe("'-");
    expect(cell('formerPosition')).toBe("'+SUM(1,1)");
    expect(cell('rank')).toBe("'@副处级");
    expect(cell('householdRegistration')).toBe(`'${tricky.householdRegistration}`);
    expect(cell('phones')).toBe('+86 138 0013 8000、0354-1234567');
    expect(cell('name')).toBe('韩梅');
    // The quotes come off on the way back in: nothing to change.
    expect(await preview(await upload(data, exported.fileName))).toMatchObject({ rows: 1, errorCount: 0, creates: 0, updateCount: 0, unchanged: 1 });
  });

  it('the template re-imports without errors; its second sheet explains every column', async () => {
    const template = await ok(call(t.app, admin, 'roster.template', {}));
    const data = Buffer.from(template.base64, 'base64');
    const parsed = await upload(data, template.fileName);
    expect(parsed.headerRow).toBe(1);
    expect(Object.values(parsed.mapping).every((v) => v !== null)).toBe(true);
    expect(await preview(parsed)).toMatchObject({ rows: 1, errorCount: 0, creates: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const help = wb.worksheets[1] as ExcelJS.Worksheet;
    expect(help.name).toBe('填写说明');
    const texts: string[] = [];
    help.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));
    for (const c of ROSTER_COLUMNS) expect(texts).toContain(c.header);
  });

  it('keeps uploads per session, lets them expire, refuses other roles and bad files', async () => {
    const parsed = await upload(await messyWorkbook());
    const other = await sessionAs(t, admin, 'staff');
    expect(await errorCode(call(t.app, other, 'roster.preview', { sessionId: parsed.sessionId, mapping: parsed.mapping }))).toBe('ROSTER_SESSION_EXPIRED');
    t.clock.advance(31 * 60_000);
    expect(await errorCode(call(t.app, admin, 'roster.preview', { sessionId: parsed.sessionId, mapping: parsed.mapping }))).toBe('ROSTER_SESSION_EXPIRED');

    const viewer = await sessionAs(t, admin, 'viewer');
    const gridworker = await sessionAs(t, admin, 'gridworker');
    expect(await errorCode(call(t.app, viewer, 'roster.parse', { fileName: 'a.xlsx', base64: b64(await messyWorkbook()) }))).toBe('FORBIDDEN');
    expect(await errorCode(call(t.app, gridworker, 'roster.template', {}))).toBe('FORBIDDEN');
    expect((await ok(call(t.app, viewer, 'roster.export', {}))).count).toBe(1);
    // A grid worker exports only the persons assigned to them: none yet.
    expect((await ok(call(t.app, gridworker, 'roster.export', {}))).count).toBe(0);

    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    const refused = (await call(t.app, admin, 'roster.parse', { fileName: 'old.xls', base64: b64(xls) })) as Result<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { code: 'ROSTER_FILE_UNREADABLE', details: { reason: 'legacyOrEncrypted' } } });
    expect(await errorCode(call(t.app, admin, 'roster.parse', { fileName: 'broken.xlsx', base64: b64(Buffer.from('PK\u0003\u0004 not a zip')) }))).toBe('ROSTER_FILE_UNREADABLE');
    // A column that is not in the file.
    const fresh = await upload(await messyWorkbook());
    expect(await errorCode(call(t.app, admin, 'roster.preview', { sessionId: fresh.sessionId, mapping: { ...fresh.mapping, notes: 40 } }))).toBe('INVALID_INPUT');
  });

  it('honours a cancel: nothing is written', async () => {
    const parsed = await upload(await messyWorkbook());
    const before = dumpDatabase(t.app);
    const running = call(t.app, admin, 'roster.commit', { sessionId: parsed.sessionId, mapping: parsed.mapping, skipInvalid: true }, { taskId: 'c1' });
    expect(await ok(call(t.app, admin, 'tasks.cancel', { taskId: 'c1' }))).toEqual({ cancelled: true });
    expect(await errorCode(running as Promise<Result<unknown>>)).toBe('CANCELLED');
    expect(dumpDatabase(t.app)).toEqual(before);
  });

  it('maps columns by hand when the headers are unknown', async () => {
    const id = makeIdNumber('1946-06-06', 'female', 40);
    const csv = `A,B,C\n刘芳,${id},退休\n`;
    const parsed = await upload(Buffer.from(csv), 'x.csv');
    expect(Object.values(parsed.mapping).every((v) => v === null)).toBe(true);
    const auto = await preview(parsed);
    expect(auto.missingColumns).toEqual(['name', 'idNumber', 'retirementType']);
    const byHand = await ok(call(t.app, admin, 'roster.preview', { sessionId: parsed.sessionId, mapping: { name: 0, idNumber: 1, retirementType: 2 } }));
    expect(byHand).toMatchObject({ errorCount: 0, creates: 1, missingColumns: [] });
  });

  it('reports one problem for a bad ID number, not also the gender and birth date it would have given', async () => {
    const csv = `姓名,身份证号码,离退休类别\n张三,110105194912310021,退休\n李四,1.10105E+17,离休\n王五,,退休\n`;
    const result = await preview(await upload(Buffer.from(csv), 'ids.csv'));
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '身份证号码', 'idNumber.checksum'],
      [3, '身份证号码', 'idNumber.scientific'],
      [4, '身份证号码', 'roster.required'],
    ]);
  });

  it('importRosterFile imports a file in one call (for the CLI and the bench)', async () => {
    const file = path.join(t.dir, 'roster.xlsx');
    fs.writeFileSync(file, await messyWorkbook());
    const before = dumpDatabase(t.app);
    await expect(importRosterFile(t.app.db, file)).rejects.toMatchObject({ code: 'ROSTER_HAS_ERRORS' });
    expect(dumpDatabase(t.app)).toEqual(before);
    const result = await importRosterFile(t.app.db, file, { skipInvalid: true });
    expect(result).toMatchObject({ created: 5, updated: 1, skipped: 6, headerRow: 3 });
  });

  describe('grid names that are not grids yet', () => {
    /** Two persons of a grid the office has not set up, and one of a grid it has. */
    const csv = () =>
      Buffer.from(
        [
          '姓名,身份证号,离退休类别,网格,现住址',
          `钱学明,${makeIdNumber('1941-02-03', 'male', 21)},退休,第三网格,和平路1号`,
          `孙立华,${makeIdNumber('1942-03-04', 'female', 22)},退休,第三网格,和平路2号`,
          `周晓东,${makeIdNumber('1943-04-05', 'male', 23)},离休,第一网格,幸福里1号`,
        ].join('\r\n'),
        'utf8',
      );
    const gridRows = () => t.app.db.prepare("SELECT name FROM grids WHERE deleted_at IS NULL ORDER BY name").all();
    const persons = () => t.app.db.prepare("SELECT name, grid, grid_id IS NOT NULL AS placed FROM persons WHERE name IN ('钱学明','孙立华','周晓东') ORDER BY name").all();

    it('the preview lists them; unconfirmed, their rows are refused with a plain problem and nothing of them is stored', async () => {
      const parsed = await upload(csv(), '名册.csv');
      const seen = await preview(parsed);
      expect(seen.newGrids).toEqual([{ name: '第三网格', rows: 2 }]);
      expect(seen).toMatchObject({ rows: 3, creates: 1, errorRowCount: 2, validCount: 1 });
      expect(seen.errors.map((e) => [e.row, e.column, e.code, e.value])).toEqual([
        [2, '网格', 'roster.unknownGrid', '第三网格'],
        [3, '网格', 'roster.unknownGrid', '第三网格'],
      ]);

      const before = dumpDatabase(t.app);
      const refused = await call(t.app, admin, 'roster.commit', { sessionId: parsed.sessionId, mapping: parsed.mapping });
      expect(refused).toMatchObject({ ok: false, error: { code: 'ROSTER_HAS_ERRORS' } });
      expect(dumpDatabase(t.app)).toEqual(before);

      const partial = await ok(call(t.app, admin, 'roster.commit', { sessionId: parsed.sessionId, mapping: parsed.mapping, skipInvalid: true }));
      expect(partial).toMatchObject({ created: 1, skipped: 2, skippedRows: [2, 3] });
      expect(gridRows()).toEqual([{ name: '第一网格' }, { name: '第二网格' }]);
      expect(persons()).toEqual([{ name: '周晓东', grid: '第一网格', placed: 1 }]);
    });

    it('confirmed, the import creates each once and places its persons in it', async () => {
      const parsed = await upload(csv(), '名册.csv');
      const seen = await ok(call(t.app, admin, 'roster.preview', { sessionId: parsed.sessionId, mapping: parsed.mapping, createGrids: true }));
      expect(seen).toMatchObject({ rows: 3, creates: 3, errorCount: 0, newGrids: [{ name: '第三网格', rows: 2 }] });
      const done = await ok(call(t.app, admin, 'roster.commit', { sessionId: parsed.sessionId, mapping: parsed.mapping, createGrids: true }));
      expect(done).toMatchObject({ created: 3, skipped: 0 });
      expect(gridRows()).toEqual([{ name: '第一网格' }, { name: '第三网格' }, { name: '第二网格' }]);
      expect(persons()).toEqual([
        { name: '周晓东', grid: '第一网格', placed: 1 },
        { name: '孙立华', grid: '第三网格', placed: 1 },
        { name: '钱学明', grid: '第三网格', placed: 1 },
      ]);
      // The grids the registry's filter offers are grids.
      expect(await ok(call(t.app, admin, 'persons.grids', {}))).toEqual(expect.arrayContaining(['第一网格', '第三网格']));
    });
  });

  describe('cadrecare roster', () => {
    async function cli(...argv: string[]) {
      let out = '';
      let err = '';
      // The CLI unlocks the office as its admin, whose key slot setup wrote.
      const pw = path.join(t.dir, 'admin.pw');
      fs.writeFileSync(pw, `${ADMIN_PASSWORD}\n`, { mode: 0o600 });
      const code = await runCli([...argv, '--user', 'admin', '--password-file', pw], { out: (s) => void (out += s), err: (s) => void (err += s) });
      return { code, out, err };
    }

    /** The CLI opens the data folder itself, so the test's own app lets go of it first. */
    function withClosedApp(): { dump(): Record<string, unknown[]>; total(): number } {
      closeApp(t.app);
      const peek = <T>(fn: (app: AppContext) => T): T => {
        const app = openApp({ dataDir: t.dir, transport: 'direct', key: TEST_DB_KEY });
        try {
          return fn(app);
        } finally {
          closeApp(app);
        }
      };
      return {
        dump: () => peek((app) => dumpDatabase(app)),
        total: () => peek((app) => (app.db.prepare('SELECT count(*) AS n FROM persons WHERE deleted_at IS NULL').get() as { n: number }).n),
      };
    }

    it('import exits non-zero with the row numbers and writes nothing; --skip-invalid imports; export re-imports unchanged', async () => {
      const file = path.join(t.dir, '花名册.xlsx');
      fs.writeFileSync(file, await messyWorkbook());
      const db = withClosedApp();
      const before = db.dump();
      const refused = await cli('roster', 'import', '--data-dir', t.dir, file);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('ROSTER_HAS_ERRORS');
      for (const row of [5, 6, 7, 12, 14, 15]) expect(refused.err).toContain(`第 ${row} 行`);
      expect(refused.err).toContain('第 5 行 公民身份号码');
      expect(db.dump()).toEqual(before);

      const json = await cli('roster', 'import', '--json', '--data-dir', t.dir, file);
      expect(json.code).toBe(1);
      const envelope = JSON.parse(json.out.trim()) as { ok: boolean; error: { code: string; details: { errors: { row: number }[] } } };
      expect(envelope.error.code).toBe('ROSTER_HAS_ERRORS');
      expect(envelope.error.details.errors.map((e) => e.row)).toEqual([5, 6, 7, 12, 14, 15]);
      expect(db.dump()).toEqual(before);

      const imported = await cli('roster', 'import', '--data-dir', t.dir, '--skip-invalid', file);
      expect(imported.code, imported.err).toBe(0);
      expect(imported.out).toContain('新增 5 人，更新 1 人');
      expect(imported.out).toContain('跳过有错误的 6 行');
      expect(imported.out).toContain('第 7 行 出生年月日');
      expect(db.total()).toBe(6);

      const out = path.join(t.dir, 'export.xlsx');
      const exported = await cli('roster', 'export', '--data-dir', t.dir, out);
      expect(exported.code, exported.err).toBe(0);
      expect(exported.out).toContain('已导出 6 人');
      const reimport = await cli('roster', 'import', '--json', '--data-dir', t.dir, out);
      expect(JSON.parse(reimport.out.trim())).toMatchObject({ ok: true, value: { created: 0, updated: 0, unchanged: 6, skipped: 0 } });
    });
  });
});

describe('roster pieces', () => {
  it('detects the header row among the first rows', () => {
    expect(detectHeaderRow([['花名册'], [], ['序号', '姓名', '身份证号码', '家庭住址'], ['1', '张三', 'x', 'y']])).toBe(2);
    expect(fieldOfHeader('*身份证号码（18位）')).toBe('idNumber');
    expect(fieldOfHeader('出生日期\n')).toBe('birthDate');
    expect(fieldOfHeader('现 住 址')).toBe('address');
  });

  it('reads dates as offices write them', () => {
    expect(readDate('1945年3月15日')).toEqual({ date: '1945-03-15' });
    expect(readDate('1945/3/15')).toEqual({ date: '1945-03-15' });
    expect(readDate('1945-03-15 00:00:00')).toEqual({ date: '1945-03-15' });
    expect(readDate(serialOf('1945-03-15'))).toEqual({ date: '1945-03-15' });
    expect(readDate(19450315)).toEqual({ date: '1945-03-15' });
    expect(readDate('2005年4月')).toEqual({ yearMonth: '2005-04' });
    expect(readDate(2005.04)).toEqual({ yearMonth: '2005-04' });
    expect(readDate(1945)).toBeNull();
    expect(readDate('去年')).toBeNull();
  });

  it('splits phones on separators but keeps the groups of one number together', () => {
    expect(splitPhones('13800138000、0354-1234567')).toEqual(['13800138000', '0354-1234567']);
    expect(splitPhones('13800138000，13900139000;13700137000')).toEqual(['13800138000', '13900139000', '13700137000']);
    expect(splitPhones('13800138000 13900139000')).toEqual(['13800138000', '13900139000']);
    expect(splitPhones('138 0013 8000')).toEqual(['138 0013 8000']);
    expect(splitPhones('0354 1234567')).toEqual(['0354 1234567']);
    expect(splitPhones(13800138000)).toEqual(['13800138000']);
  });

  it('decodes CSV bytes: UTF-8, UTF-8 with BOM, GBK', async () => {
    expect(decodeText(Buffer.from('姓名'))).toBe('姓名');
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('姓名')]))).toBe('姓名');
    expect(decodeText(iconv.encode('姓名,住址', 'gbk'))).toBe('姓名,住址');
    const parsed = await readRoster('a.csv', Buffer.from('\n\n姓名,身份证号\n"张三",1\n'));
    expect(parsed.headerRow).toBe(3);
    expect(parsed.rows).toEqual([{ row: 4, cells: ['张三', '1'] }]);
  });

  it('reads quoted CSV fields (separators, doubled quotes, line breaks) across a long file, each row at its record number', async () => {
    const lines = ['姓名,住址,备注'];
    for (let i = 1; i <= 3000; i++) lines.push(`"人${i}","${i}号楼\r\n${i % 7}单元","说""好"",的,话"`);
    // A blank record, and a semicolon file, read as before.
    const parsed = await readRoster('long.csv', Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), { maxRows: 5000 });
    expect(parsed.rows).toHaveLength(3000);
    expect(parsed.rows[0]).toEqual({ row: 2, cells: ['人1', '1号楼\r\n1单元', '说"好",的,话'] });
    expect(parsed.rows[2999]).toEqual({ row: 3001, cells: ['人3000', '3000号楼\r\n4单元', '说"好",的,话'] });
    const semicolons = await readRoster('b.csv', Buffer.from('姓名;身份证号\n\n张三;"1;2"'));
    expect(semicolons.rows).toEqual([{ row: 3, cells: ['张三', '1;2'] }]);
  });
});
