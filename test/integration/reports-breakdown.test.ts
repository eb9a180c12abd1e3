/**
 * 分项 (an indicator per value of a breakdown) through dispatch: the .xlsx of the breakdown read back
 * with exceljs against the counts reports.test.ts writes out by hand for the same fixture, each row's
 * count matching the list its link opens (reports.drill with by/value), the breakdowns an indicator
 * does not have refused, and at the county bureau one community's breakdown from the records it sent.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorCode, ok } from '../helpers/app';
import { INDICATORS } from '../../shared/reports/catalogue';
import { breakdownFigures, isListed } from '../../shared/reports/breakdown';
import { buildReportsOffice, type ReportsOffice } from './reports.fixture';
import { addPerson, closeAll, makeOffice, send, trustBoth, type Office } from './packets.helpers';

let o: ReportsOffice;
beforeAll(async () => {
  o = await buildReportsOffice();
}, 240_000);
afterAll(() => o?.t.close());

async function sheetOf(base64: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ExcelJS.Buffer);
  return wb.worksheets[0] as ExcelJS.Worksheet;
}

const rowValues = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1);

describe('分项 of one office', () => {
  it('在册人数 按性别 as .xlsx: the period and the breakdown in the title row, a row per sex, 合计, and the missing inputs noted', async () => {
    const file = await ok(call(o.t.app, o.viewer, 'reports.breakdownExport', { key: 'persons.headcount', period: '2025', by: 'sex' }));
    expect(file.fileName).toMatch(/^在册人数-按性别-\d{8}\.xlsx$/);
    expect(file.count).toBe(2);
    const ws = await sheetOf(file.base64);
    expect(ws.getCell('A1').value).toBe('在册人数：按性别分项（期间：2025年）');
    expect(String(ws.getCell('A2').value)).toContain('统计时点：2025-12-31');
    expect(rowValues(ws, 3)).toEqual(['性别', '合计（人）', '离休（人）', '退休（人）', '单位性质未登记（人）']);
    expect(rowValues(ws, 4)).toEqual(['男', 2, 1, 1, 1]);
    expect(rowValues(ws, 5)).toEqual(['女', 4, 2, 2, 2]);
    expect(rowValues(ws, 6)).toEqual(['合计', 6, 3, 3, 3]);
    expect(ws.getRow(6).font?.bold).toBe(true);
    expect(String(ws.getCell('A8').value)).toContain('单位性质未登记 3 人');
  });

  it('重阳 按网格: rates as numbers with their decimals and %, 元 with two', async () => {
    const ws = await sheetOf((await ok(call(o.t.app, o.viewer, 'reports.breakdownExport', { key: 'visits.campaign.chongyang', period: '2025', by: 'grid' }))).base64);
    expect(ws.getCell('A1').value).toBe('重阳走访慰问：按网格分项（期间：2025年）');
    const header = rowValues(ws, 3) as string[];
    const col = (label: string) => header.indexOf(label) + 1;
    expect(header[0]).toBe('网格');
    expect([4, 5].map((r) => [ws.getCell(r, 1).value, ws.getCell(r, col('应走访（人）')).value, ws.getCell(r, col('已走访（人）')).value, ws.getCell(r, col('覆盖率（%）')).value])).toEqual([
      ['第一网格', 4, 2, 50],
      ['第二网格', 3, 1, 33.3],
    ]);
    expect(ws.getCell(6, 1).value).toBe('合计');
    expect(ws.getCell(6, col('覆盖率（%）')).value).toBe(42.9);
    expect(ws.getCell(6, col('覆盖率（%）')).numFmt).toBe('#,##0.0"%"');
    expect(ws.getCell(6, col('慰问金（元）')).value).toBe(300);
    expect(ws.getCell(6, col('慰问金（元）')).numFmt).toBe('#,##0.00');
  });

  it('every count of every row is the length of the list its link opens (drill by the same breakdown value)', async () => {
    for (const [key, period, by] of [
      ['persons.headcount', '2025', 'sex'],
      ['persons.headcount', '2025', 'unitKind'],
      ['visits.campaign.chongyang', '2025', 'contact'],
      ['persons.adl', '2025', 'ageBand'],
      ['requests.summary', '2025', 'category'],
    ] as const) {
      const def = INDICATORS.find((d) => d.key === key);
      if (!def) throw new Error(key);
      const r = await ok(call(o.t.app, o.viewer, 'reports.indicator', { key, period, by }));
      expect(r.rows.length, `${key} by ${by}`).toBeGreaterThan(0);
      for (const row of r.rows) {
        for (const figure of breakdownFigures(def).filter((f) => isListed(def, f))) {
          const count = row.figures[figure] ?? 0;
          const list = await ok(call(o.t.app, o.viewer, 'reports.drill', { key, measure: figure, period, by, value: row.key, limit: 1 }));
          expect(list.total, `${key} ${figure} by ${by} = ${row.key ?? 'none'}`).toBe(count);
        }
      }
    }
  });

  it('refuses a breakdown the indicator does not have, and a grid worker; leaves the office parameter to the bureau', async () => {
    expect(await errorCode(call(o.t.app, o.viewer, 'reports.breakdownExport', { key: 'requests.summary', period: '2025', by: 'sex' }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(o.t.app, o.viewer, 'reports.breakdownExport', { key: 'persons.headcount', period: '2025' } as never))).toBe('INVALID_INPUT');
    expect(await errorCode(call(o.t.app, o.gw1, 'reports.breakdownExport', { key: 'persons.headcount', period: '2025', by: 'sex' }))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.viewer, 'reports.indicator', { key: 'persons.headcount', period: '2025', by: 'sex', office: 'elsewhere' }))).toBe('BUREAU_ONLY');
  });
});

describe('分项 at the county bureau', () => {
  let offices: Office[] = [];
  afterAll(() => closeAll(...offices));

  it('one community, from the records it sent: figures and sheet name it; an office never heard of is refused', async () => {
    const bureau = await makeOffice('榆次区委老干部局', 'bureau');
    const a = await makeOffice('幸福里社区');
    offices = [bureau, a];
    await trustBoth(a, bureau);
    await addPerson(a, { name: '郭建国', retirementType: 'lixiu' });
    await addPerson(a, { name: '赵秀兰' });
    await addPerson(a, { name: '李志刚' });
    await send(a, bureau, 'full');
    const year = String(new Date(bureau.t.clock.time).getUTCFullYear());
    const r = await ok(call(bureau.t.app, bureau.admin, 'reports.indicator', { key: 'persons.headcount', period: year, by: 'rtype', office: a.id }));
    expect(r.office).toBe(a.id);
    expect(r.rows.map((x) => [x.key, x.figures['total']])).toEqual([
      ['lixiu', 1],
      ['tuixiu', 2],
    ]);
    const ws = await sheetOf((await ok(call(bureau.t.app, bureau.admin, 'reports.breakdownExport', { key: 'persons.headcount', period: year, by: 'rtype', office: a.id }))).base64);
    expect(ws.getCell('A1').value).toBe(`在册人数：按离休/退休分项（报送单位：幸福里社区；期间：${year}年）`);
    expect(rowValues(ws, 4).slice(0, 2)).toEqual(['离休', 1]);
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'reports.indicator', { key: 'persons.headcount', period: year, office: 'nobody-knows' }))).toBe('NOT_FOUND');
  });
});
