/**
 * The county bureau's roll-up (汇总) and reporting board (报送情况), from real packets: three
 * communities trusted by the bureau, two of which send their data and one that stays silent; an
 * office whose only packet is years old; and the campaign, contact and 慰问金 figures of a year.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { call, errorCode, ok } from '../helpers/app';
import { setDay } from './reports.fixture';
import { addPerson, bureauWithThree, closeAll, makeOffice, send, trustBoth, type Office } from './packets.helpers';

let offices: Office[] = [];
afterEach(() => {
  closeAll(...offices);
  offices = [];
});

const DAY = 86_400_000;

async function county() {
  const { bureau, a, b, c } = await bureauWithThree((o) => offices.push(o));
  await addPerson(a, { name: '郭建国', retirementType: 'lixiu' });
  await addPerson(a, { name: '赵秀兰' });
  await addPerson(a, { name: '李志刚' });
  await addPerson(b, { name: '王淑芬' });
  await addPerson(b, { name: '张德明' });
  await send(a, bureau, 'full');
  await send(b, bureau, 'full');
  return { bureau, a, b, c };
}

const HEADCOUNT = 'persons.headcount:total';

describe('the county bureau sees its communities', () => {
  it('汇总: one row per trusted community from the records it sent, the silent one without figures, and the county total adds up', async () => {
    const { bureau, a, b, c } = await county();
    const r = await ok(call(bureau.t.app, bureau.admin, 'reports.countyRollup', { period: '2026' }));
    const row = (o: Office) => r.rows.find((x) => x.office.id === o.id);
    expect(r.rows.map((x) => x.office.name).sort()).toEqual(['幸福里社区', '桃园社区', '锦绣苑社区']);
    expect(row(a)?.figures[HEADCOUNT]).toBe(3);
    expect(row(a)?.figures['persons.headcount:lixiu']).toBe(1);
    expect(row(a)?.figures['persons.headcount:tuixiu']).toBe(2);
    expect(row(b)?.figures[HEADCOUNT]).toBe(2);
    // Nothing received from 桃园社区: no number rather than a wrong 0, and the reason.
    expect(row(c)?.received).toBe(false);
    expect(Object.values(row(c)?.figures ?? {}).every((v) => v === null)).toBe(true);
    expect(row(a)?.received).toBe(true);
    expect(r.total[HEADCOUNT]).toBe(5);
    expect(r.total['persons.headcount:lixiu']).toBe(1);
    // Each row says what its data is as of: today's packets, current; none from the silent one.
    expect(row(a)).toMatchObject({ dataAsOf: '2026-11-27', dataIncomplete: false, refused: null });
    expect(row(c)).toMatchObject({ dataAsOf: null, recordsFrom: null, refused: null });
    // The offices add up to the county for every count; the bureau's own registry is not in it.
    for (const f of r.figures) {
      if (['completion', 'coverage', 'responsibleRate'].includes(f.measure)) continue;
      const key = `${f.key}:${f.measure}`;
      expect(r.rows.reduce((s, x) => s + (x.figures[key] ?? 0), 0), key).toBe(r.total[key]);
    }
  });

  it('报送情况: who sent data when, coloured by how long ago, the silent office first as 从未报送 and on the 催报 list', async () => {
    const { bureau, a, b, c } = await county();
    let board = await ok(call(bureau.t.app, bureau.admin, 'reports.countyBoard', {}));
    expect(board.rows[0]?.office.id).toBe(c.id);
    expect(board.rows[0]).toMatchObject({ status: 'never', lastReceived: null, dataAsOf: null, packetsTotal: 0 });
    const rowA = board.rows.find((x) => x.office.id === a.id);
    expect(rowA).toMatchObject({ status: 'green', daysSince: 0, packetsThisMonth: 1, packetsTotal: 1, lastReceived: '2026-11-27', dataAsOf: '2026-11-27' });
    expect(board.annualPeriod).toBe('2025');
    expect(board.remind).toContain(c.id);

    // 40 days on, the data of both is getting old; 幸福里 sends again and is green once more.
    bureau.t.clock.advance(40 * DAY);
    a.t.clock.advance(40 * DAY);
    await send(a, bureau, 'incremental');
    board = await ok(call(bureau.t.app, bureau.admin, 'reports.countyBoard', {}));
    expect(board.rows.find((x) => x.office.id === a.id)).toMatchObject({ status: 'green', packetsTotal: 2, packetsThisMonth: 1 });
    expect(board.rows.find((x) => x.office.id === b.id)).toMatchObject({ status: 'amber', daysSince: 40 });

    // 70 days after its only packet, 锦绣苑 is red, reminded, and listed right after the silent one.
    bureau.t.clock.advance(30 * DAY);
    board = await ok(call(bureau.t.app, bureau.admin, 'reports.countyBoard', {}));
    expect(board.rows.map((x) => x.status)).toEqual(['never', 'red', 'green']);
    expect(board.rows[1]?.office.id).toBe(b.id);
    expect(board.remind).toEqual(expect.arrayContaining([b.id, c.id]));
  });

  it('reports.indicator by office: a row per community equal to its own figures, the county total as the 汇总’s; one office named; the bureau’s own persons labelled', async () => {
    const { bureau, a, b, c } = await county();
    await addPerson(bureau, { name: '局机关老同志', birthDate: '1920-01-01' });
    await addPerson(a, { name: '孙桂英', birthDate: '1925-06-01' });
    await send(a, bureau, 'incremental');
    // Another community of the same name is told apart by its area code.
    const twin = await makeOffice('幸福里社区');
    offices.push(twin);
    await trustBoth(twin, bureau);
    await addPerson(twin, { name: '周丽华' });
    await send(twin, bureau, 'full');
    const indicator = (input: { key: 'persons.headcount' | 'persons.age'; by?: 'office' | 'rtype'; office?: string }) =>
      ok(call(bureau.t.app, bureau.admin, 'reports.indicator', { period: '2026', ...input }));
    const all = await indicator({ key: 'persons.headcount', by: 'office' });
    expect(all.whose).toEqual({ id: null, name: '榆次区委老干部局', bureauOwn: false, county: true });
    // The silent office has no row; the bureau's own person is in no row and not in the total.
    expect(all.rows.map((r) => [r.key, r.name, r.figures['total']]).sort()).toEqual(
      [
        [a.id, `幸福里社区（${a.areaCode}）`, 4],
        [twin.id, `幸福里社区（${twin.areaCode}）`, 1],
        [b.id, '锦绣苑社区', 2],
      ].sort(),
    );
    expect(all.figures['total']).toBe(7);
    const rollup = await ok(call(bureau.t.app, bureau.admin, 'reports.countyRollup', { period: '2026' }));
    expect(all.figures['total']).toBe(rollup.total[HEADCOUNT]);
    for (const o of [a, b, twin]) {
      const one = await indicator({ key: 'persons.headcount', office: o.id });
      expect(one.whose).toEqual({ id: o.id, name: o.name, bureauOwn: false, county: false });
      expect(all.rows.find((r) => r.key === o.id)?.figures).toEqual(one.figures);
      expect(rollup.rows.find((r) => r.office.id === o.id)?.figures[HEADCOUNT]).toBe(one.figures['total']);
    }
    // Figures that are not sums: the county's oldest and its average are of the communities' persons only (the bureau's own is older).
    const ages = await indicator({ key: 'persons.age', by: 'office' });
    const agesOf = await Promise.all([a, b, twin].map((o) => indicator({ key: 'persons.age', office: o.id })));
    expect(ages.figures['maxAge']).toBe(Math.max(...agesOf.map((r) => r.figures['maxAge'] ?? 0)));
    expect(ages.figures['withAge']).toBe(7);
    expect(ages.figures['averageAge']).toBe(Math.round((agesOf.reduce((s, r) => s + (r.figures['sumAge'] ?? 0), 0) / 7) * 10) / 10);

    // Without an office, or naming itself, the bureau counts the persons it registered, and says so.
    const own = await indicator({ key: 'persons.headcount' });
    expect(own.whose).toEqual({ id: bureau.id, name: '榆次区委老干部局', bureauOwn: true, county: false });
    expect(own.figures['total']).toBe(1);
    expect((await indicator({ key: 'persons.headcount', office: bureau.id, by: 'office' })).rows.map((r) => [r.key, r.figures['total']])).toEqual([[bureau.id, 1]]);

    expect(await errorCode(call(bureau.t.app, bureau.admin, 'reports.indicator', { key: 'persons.headcount', period: '2026', office: 'no-such-office' }))).toBe('NOT_FOUND');
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'reports.indicator', { key: 'persons.headcount', period: '2026', office: c.id }))).toBe('OFFICE_NEVER_REPORTED');
    // A community names itself only.
    const self = await ok(call(a.t.app, a.admin, 'reports.indicator', { key: 'persons.headcount', period: '2026', office: a.id }));
    expect(self.whose).toEqual({ id: null, name: '幸福里社区', bureauOwn: false, county: false });
    expect(self.figures['total']).toBe(4);
    expect(await errorCode(call(a.t.app, a.admin, 'reports.indicator', { key: 'persons.headcount', period: '2026', office: b.id }))).toBe('BUREAU_ONLY');
  });

  it('the morning view at a bureau counts the overdue pairs of its own persons, as its other cards count them, and the list it opens holds the same', async () => {
    const { bureau, a } = await county();
    const pair = (o: Office, personId: string) =>
      ok(call(o.t.app, o.admin, 'pairs.create', { personId, helperKind: 'volunteer', helperName: '周晓燕', helperPhone: '13912345678', helpKinds: ['emotional'], frequency: 'weekly', fromDate: '2026-11-01' }));
    await pair(bureau, await addPerson(bureau, { name: '局机关老同志' }));
    for (const name of ['钱玉梅', '孙国强']) await pair(a, await addPerson(a, { name }));
    await send(a, bureau, 'incremental');
    // Every office's pairs are here: three overdue (weekly from 11-01, never contacted).
    expect((await ok(call(bureau.t.app, bureau.admin, 'pairs.list', { due: 'overdue' }))).total).toBe(3);
    const m = await ok(call(bureau.t.app, bureau.admin, 'reports.morning', {}));
    expect(m.office).toMatchObject({ id: bureau.id, bureauOwn: true });
    expect(m.noContact).toBe(1);
    expect(m.pairsOverdue).toBe(1);
    expect((await ok(call(bureau.t.app, bureau.admin, 'pairs.list', { due: 'overdue', office: bureau.id }))).total).toBe(m.pairsOverdue);
    // The community counts its own two.
    expect((await ok(call(a.t.app, a.admin, 'reports.morning', {}))).pairsOverdue).toBe(2);
  });

  it('a community office is told the roll-up belongs to the bureau', async () => {
    const a = await makeOffice('幸福里社区');
    offices.push(a);
    const r = await call(a.t.app, a.admin, 'reports.countyBoard', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('BUREAU_ONLY');
    const rollup = await call(a.t.app, a.admin, 'reports.countyRollup', { period: '2026' });
    expect(rollup.ok ? null : rollup.error.code).toBe('BUREAU_ONLY');
  });
  it('an office whose only packet is years old: the row gives its date and says the period has nothing of it, never its old figures as this period’s', async () => {
    const { bureau, a, b } = await county();
    // 800 days on: 锦绣苑 keeps sending, 幸福里 never sent again.
    bureau.t.clock.advance(800 * DAY);
    b.t.clock.advance(800 * DAY);
    await addPerson(b, { name: '陈玉珍' });
    await send(b, bureau, 'incremental');
    const rollup = async (period: string) => {
      const r = await ok(call(bureau.t.app, bureau.admin, 'reports.countyRollup', { period }));
      return { r, a: r.rows.find((x) => x.office.id === a.id), b: r.rows.find((x) => x.office.id === b.id) };
    };
    // This year: nothing of 幸福里's — no figures, and the reason with the day its data is as of.
    const now = await rollup('2029');
    expect(now.a).toMatchObject({ received: true, refused: 'PERIOD_AFTER_DATA', dataAsOf: '2026-11-27', dataIncomplete: true });
    expect(Object.values(now.a?.figures ?? {}).every((v) => v === null)).toBe(true);
    expect(now.b).toMatchObject({ refused: null, dataAsOf: '2029-02-04', dataIncomplete: false });
    expect(now.b?.figures[HEADCOUNT]).toBe(3);
    // The county total is not made up with 幸福里's three persons of 2026.
    expect(now.r.total[HEADCOUNT]).toBe(3);
    // 2026, whose last weeks came after its packet: its figures, marked incomplete.
    const then = await rollup('2026');
    expect(then.a).toMatchObject({ refused: null, dataAsOf: '2026-11-27', dataIncomplete: true });
    expect(then.a?.figures[HEADCOUNT]).toBe(3);
    expect(then.b).toMatchObject({ dataIncomplete: false });
    // The .xlsx says the same in words, beside the date.
    const file = await ok(call(bureau.t.app, bureau.admin, 'reports.countyRollupXlsx', { period: '2029' }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const line = (name: string) => {
      let found: unknown[] = [];
      sheet.eachRow((r) => {
        if (r.getCell(3).value === name) found = (r.values as unknown[]).slice(1);
      });
      return found;
    };
    expect(line('幸福里社区')[3]).toBe('2026-11-27');
    expect(line('幸福里社区').at(-1)).toBe('数据截至 2026-11-27，没有本期数据，未计入合计');
    expect(line('锦绣苑社区').at(-1)).toBe('');
    expect(String(sheet.getCell(1, 1).value)).toContain('2 个社区没有本期数字，未计入合计');

    // Its dashboard: this year refused with its date; 2026 shown with the date and marked incomplete.
    const refused = await call(bureau.t.app, bureau.admin, 'reports.dashboard', { period: '2029', office: a.id });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'PERIOD_AFTER_DATA', details: { name: '幸福里社区', dataAsOf: '2026-11-27' } });
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'reports.dashboard', { period: '2028-06', office: a.id }))).toBe('PERIOD_AFTER_DATA');
    const old = await ok(call(bureau.t.app, bureau.admin, 'reports.dashboard', { period: '2026', office: a.id }));
    expect(old.officeData).toEqual({ dataAsOf: '2026-11-27', incomplete: true });
    const fresh = await ok(call(bureau.t.app, bureau.admin, 'reports.dashboard', { period: '2029', office: b.id }));
    expect(fresh.officeData).toEqual({ dataAsOf: '2029-02-04', incomplete: false });
    // One indicator, as `report show` asks it: the same refusal for 幸福里 alone, and no row of it by office.
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'reports.indicator', { key: 'persons.headcount', period: '2029', office: a.id }))).toBe('PERIOD_AFTER_DATA');
    const byOffice = await ok(call(bureau.t.app, bureau.admin, 'reports.indicator', { key: 'persons.headcount', period: '2029', by: 'office' }));
    expect(byOffice.rows.map((x) => x.key)).toEqual([b.id]);
    expect(byOffice.figures['total']).toBe(3);
    // The bureau's own dashboard has no packets to be as of.
    expect((await ok(call(bureau.t.app, bureau.admin, 'reports.dashboard', { period: '2029' }))).officeData).toBeNull();
  });

  it('汇总 of a year: 春节 and 重阳 due, visited, coverage and 慰问金, responsible contacts, per office and for the county; a row refused for the period says why', async () => {
    const bureau = await makeOffice('榆次区委老干部局', 'bureau');
    const a = await makeOffice('幸福里社区');
    const b = await makeOffice('锦绣苑社区');
    offices.push(bureau, a, b);
    for (const o of [a, b]) await trustBoth(o, bureau);
    for (const o of [bureau, a]) setDay(o.t, '2026-01-05');
    const guo = await addPerson(a, { name: '郭建国', retirementType: 'lixiu' });
    const zhao = await addPerson(a, { name: '赵秀兰' });
    await addPerson(a, { name: '李志刚' });
    await ok(call(a.t.app, a.admin, 'assignments.set', { personId: guo, userId: a.admin.userId as string, role: 'primary' }));
    // 春节 visits: 郭建国 at home with 500 元, 赵秀兰 by phone with 200 元.
    setDay(a.t, '2026-02-10');
    for (const [personId, method, giftFen] of [
      [guo, 'home', 50_000],
      [zhao, 'phone', 20_000],
    ] as const) {
      await ok(call(a.t.app, a.admin, 'visits.record', { personId, fields: { visitDate: '2026-02-10', method, visitors: '社区', summary: '春节慰问', giftFen, giftItems: '' } }));
    }
    // 锦绣苑 begins in March.
    setDay(b.t, '2026-03-02');
    await addPerson(b, { name: '王淑芬' });
    for (const o of [bureau, a, b]) setDay(o.t, '2026-03-05');
    await send(a, bureau, 'full');
    await send(b, bureau, 'full');
    // The campaigns are columns unless hidden; the rest is the same either way.
    const plain = await ok(call(bureau.t.app, bureau.admin, 'reports.countyRollup', { period: '2026', campaigns: false }));
    expect(plain.campaigns).toBe(false);
    expect(plain.figures.some((f) => f.key.startsWith('visits.campaign.'))).toBe(false);
    const r = await ok(call(bureau.t.app, bureau.admin, 'reports.countyRollup', { period: '2026' }));
    expect(r.campaigns).toBe(true);
    for (const f of plain.figures) expect(r.total[`${f.key}:${f.measure}`], `${f.key}:${f.measure}`).toBe(plain.total[`${f.key}:${f.measure}`]);
    const rowA = r.rows.find((x) => x.office.id === a.id);
    const rowB = r.rows.find((x) => x.office.id === b.id);
    // The same figures as the office's own dashboard counts.
    const own = await ok(call(a.t.app, a.admin, 'reports.dashboard', { period: '2026' }));
    const ownFigure = (key: string, measure: string) => own.results.find((x) => x.key === key)?.figures[measure];
    const spring = 'visits.campaign.spring_festival';
    expect(rowA?.figures[`${spring}:due`]).toBe(3);
    expect(rowA?.figures[`${spring}:visited`]).toBe(2);
    expect(rowA?.figures[`${spring}:coverage`]).toBe(66.7);
    expect(rowA?.figures[`${spring}:giftFen`]).toBe(700);
    expect(rowA?.figures['persons.contacts:noResponsible']).toBe(2);
    expect(rowA?.figures['persons.contacts:responsibleRate']).toBe(33.3);
    for (const f of r.figures) expect(rowA?.figures[`${f.key}:${f.measure}`], `${f.key}:${f.measure}`).toBe(ownFigure(f.key, f.measure) ?? null);
    expect(r.figures.map((f) => `${f.key}:${f.measure}`)).toEqual(expect.arrayContaining(['visits.campaign.chongyang:due', 'visits.campaign.chongyang:coverage', 'visits.campaign.chongyang:giftFen']));
    // The county: counts and 元 summed, rates from the sums.
    expect(r.total[`${spring}:giftFen`]).toBe(700);
    expect(r.total[`${spring}:due`]).toBe((rowA?.figures[`${spring}:due`] ?? 0) + (rowB?.figures[`${spring}:due`] ?? 0));
    expect(r.total['persons.contacts:noResponsible']).toBe(3);
    expect(r.total['persons.contacts:responsibleRate']).toBe(25);

    // February: 锦绣苑 kept no records yet — refused, and the reason in words in the .xlsx.
    const feb = await ok(call(bureau.t.app, bureau.admin, 'reports.countyRollup', { period: '2026-02', campaigns: true }));
    expect(feb.rows.find((x) => x.office.id === b.id)).toMatchObject({ refused: 'PERIOD_BEFORE_RECORDS', recordsFrom: '2026-03-02' });
    expect(feb.rows.find((x) => x.office.id === a.id)).toMatchObject({ refused: null, dataIncomplete: false });
    const file = await ok(call(bureau.t.app, bureau.admin, 'reports.countyRollupXlsx', { period: '2026-02', campaigns: true }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const notes: Record<string, unknown> = {};
    const headers = (sheet.getRow(3).values as unknown[]).slice(1).map(String);
    sheet.eachRow((row, n) => {
      if (n > 3) notes[String(row.getCell(3).value)] = (row.values as unknown[]).slice(1).at(-1);
    });
    expect(notes['锦绣苑社区']).toBe('记录从 2026-03-02 开始，本期在此之前，没有记录');
    expect(headers).toEqual(expect.arrayContaining(['春节走访慰问·覆盖率（%）', '春节走访慰问·慰问金（元）', '重阳走访慰问·应走访', '联系人落实·无责任联系人']));
  });
});
