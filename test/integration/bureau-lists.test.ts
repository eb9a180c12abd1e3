/**
 * The county bureau's lists of what its communities sent, office by office: 党组织 and 网格 filter by
 * the office that made them and say whose each is; every list's .xlsx export carries a 报送单位 column
 * with each row's office (two offices of one name told apart by area code, as on screen) and names an
 * office filter in its title row. A community office's lists and sheets have no office column.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { call, errorCode, ok } from '../helpers/app';
import { addPerson, closeAll, makeOffice, send, trustBoth, type Office } from './packets.helpers';
import { ROSTER_COLUMNS, fieldOfHeader } from '../../main/services/roster/headers';
import type { ChannelInput } from '../../shared/contract';

let offices: Office[] = [];
afterEach(() => {
  closeAll(...offices);
  offices = [];
});

/** A bureau and two communities of one name (幸福里社区), each with a branch and a grid, sent in full. */
async function twoOffices() {
  const bureau = await makeOffice('榆次区委老干部局', 'bureau');
  const a = await makeOffice('幸福里社区');
  const b = await makeOffice('幸福里社区');
  offices.push(bureau, a, b);
  for (const o of [a, b]) await trustBoth(o, bureau);
  for (const [o, n] of [
    [a, '东'],
    [b, '西'],
  ] as const) {
    await ok(call(o.t.app, o.admin, 'party.branches.create', { name: `${n}区离退休干部党支部`, kind: 'branch', meetingPlace: '社区活动中心' }));
    await ok(call(o.t.app, o.admin, 'grids.create', { name: '第一网格', description: `${n}片`, workerIds: [], places: [`${n}苑小区`] }));
  }
  return { bureau, a, b };
}

describe('党组织 and 网格 at the bureau', () => {
  it('filter by the office that made them, each saying whose; a bad office is refused, and a community is unchanged', async () => {
    const { bureau, a, b } = await twoOffices();
    await addPerson(a, { name: '郭建国', address: '东苑小区3号楼' });
    await send(a, bureau, 'full');
    await send(b, bureau, 'full');

    const branches = await ok(call(bureau.t.app, bureau.admin, 'party.branches.list', {}));
    expect(branches.map((r) => [r.name, r.originOffice])).toEqual([
      ['东区离退休干部党支部', a.id],
      ['西区离退休干部党支部', b.id],
    ]);
    const ofB = await ok(call(bureau.t.app, bureau.admin, 'party.branches.list', { office: b.id }));
    expect(ofB.map((r) => r.name)).toEqual(['西区离退休干部党支部']);
    // The search and the office filter together.
    expect(await ok(call(bureau.t.app, bureau.admin, 'party.branches.list', { office: b.id, search: '东区' }))).toEqual([]);

    // Two grids of one name, one per office: both listed, each with its office and its own persons.
    const grids = await ok(call(bureau.t.app, bureau.admin, 'grids.list', {}));
    expect(grids.map((g) => [g.name, g.originOffice]).sort()).toEqual([
      ['第一网格', a.id],
      ['第一网格', b.id],
    ].sort());
    const gridsOfA = await ok(call(bureau.t.app, bureau.admin, 'grids.list', { office: a.id }));
    expect(gridsOfA.map((g) => [g.description, g.originOffice, g.personCount])).toEqual([['东片', a.id, 1]]);
    expect(await ok(call(bureau.t.app, bureau.admin, 'grids.list', { office: bureau.id }))).toEqual([]);

    // Persons nobody is responsible for, as the 网格 page's notice counts them: one office's, or all, each saying whose.
    const unassigned = await ok(call(bureau.t.app, bureau.admin, 'assignments.unassigned', { limit: 50 }));
    expect(unassigned.rows.find((r) => r.name === '郭建国')?.originOffice).toBe(a.id);
    const unassignedOfA = await ok(call(bureau.t.app, bureau.admin, 'assignments.unassigned', { office: a.id, limit: 50 }));
    expect(unassignedOfA.rows.map((r) => r.originOffice)).toEqual(unassignedOfA.rows.map(() => a.id));
    expect(unassignedOfA.rows.map((r) => r.name)).toContain('郭建国');
    const unassignedOfB = await ok(call(bureau.t.app, bureau.admin, 'assignments.unassigned', { office: b.id, limit: 50 }));
    expect(unassignedOfB.rows.map((r) => r.name)).not.toContain('郭建国');
    expect(unassignedOfA.total + unassignedOfB.total).toBe(unassigned.total);
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'assignments.unassigned', { office: '幸福里社区', limit: 1 }))).toBe('INVALID_INPUT');

    expect(await errorCode(call(bureau.t.app, bureau.admin, 'grids.list', { office: '幸福里社区' }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'party.branches.list', { office: 'a b' }))).toBe('INVALID_INPUT');

    // A community's own lists: its own rows, with its own id.
    expect((await ok(call(a.t.app, a.admin, 'grids.list', {}))).map((g) => g.originOffice)).toEqual([a.id]);
    expect((await ok(call(a.t.app, a.admin, 'party.branches.list', {}))).map((r) => r.originOffice)).toEqual([a.id]);
  });
});

/** The sheet of an exported file: its title row, its header row and the rows under it, as text. */
async function sheetOf(file: { base64: string }, headerRow = 3) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  const texts = (r: number) => (ws.getRow(r).values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '')));
  const rows: string[][] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) rows.push(texts(r));
  return { title: String(ws.getCell(1, 1).value), header: texts(headerRow), rows };
}

/** Every list's sheet as the office exports it with everyone in it (the worklist of everyone's visits). */
async function listSheets(o: Office) {
  const as = o.admin;
  return {
    worklist: await sheetOf(await ok(call(o.t.app, as, 'reports.exportWorklist', { scope: 'all', statuses: ['overdue', 'due', 'upcoming', 'missed'], upcomingDays: 400 }))),
    requests: await sheetOf(await ok(call(o.t.app, as, 'reports.exportRequests', {}))),
    pairs: await sheetOf(await ok(call(o.t.app, as, 'reports.exportPairs', { status: 'current' }))),
    calls: await sheetOf(await ok(call(o.t.app, as, 'reports.exportCalls', {}))),
    activities: await sheetOf(await ok(call(o.t.app, as, 'reports.exportActivities', {}))),
    volunteers: await sheetOf(await ok(call(o.t.app, as, 'reports.exportVolunteers', {}))),
    arrears: await sheetOf(await ok(call(o.t.app, as, 'reports.exportArrears', { month: '2026-10' }))),
  };
}

/** What each office keeps of one person: a request, a pair, a call, an activity, a volunteer, a party member owing dues. */
async function records(o: Office, name: string, n: number): Promise<void> {
  const personId = await addPerson(o, { name, politicalStatus: 'cpc', address: `${n}苑小区1号楼` });
  await ok(call(o.t.app, o.admin, 'requests.create', { personId, category: 'home_care', description: `${name}家助餐` }));
  await ok(call(o.t.app, o.admin, 'pairs.create', { personId, helperKind: 'volunteer', helperName: '周晓燕', helperPhone: '13912345678', helpKinds: ['daily_care'], frequency: 'weekly', fromDate: '2026-11-01' }));
  await ok(call(o.t.app, o.admin, 'calls.create', { date: '2026-11-27', time: '09:30', channel: 'phone', callerKind: 'person', personId, category: 'home_care', urgency: 'normal', content: `${name}家水管漏水` }));
  await ok(call(o.t.app, o.admin, 'activities.create', { kind: 'health_talk', title: `${n}区养生讲座`, date: '2026-11-20' }));
  await ok(call(o.t.app, o.admin, 'volunteers.create', { kind: 'retiree', personId, joinedOn: '2026-02-01' }));
  const branch = (await ok(call(o.t.app, o.admin, 'party.branches.list', {})))[0]?.id as string;
  await ok(call(o.t.app, o.admin, 'party.members.add', { personId, branchId: branch, partyJoinedOn: '1975-07-01', relationHeld: 'community', managementMode: 'single', fromDate: '2026-01-05' }));
}

describe('the bureau’s sheets say whose each row is', () => {
  it('every list’s export and the registry’s begin with 报送单位, each row its office (two of one name told apart by code); an office filter is in the title row', async () => {
    const { bureau, a, b } = await twoOffices();
    await records(a, '郭建国', 1);
    await records(b, '王淑芬', 2);
    await send(a, bureau, 'full');
    await send(b, bureau, 'full');
    const labelA = `幸福里社区（${a.areaCode}）`;
    const labelB = `幸福里社区（${b.areaCode}）`;
    const exp = <C extends Parameters<typeof call>[2]>(channel: C, input: Parameters<typeof call<C>>[3]) => ok(call(bureau.t.app, bureau.admin, channel, input));

    // Each list of both offices: the office column first, each row the office that sent it.
    const worklist: ChannelInput<'reports.exportWorklist'> = { scope: 'all', statuses: ['overdue', 'due', 'upcoming', 'missed'], upcomingDays: 400 };
    const sheets = await listSheets(bureau);
    for (const [list, sheet] of Object.entries(sheets)) {
      expect(sheet.header[0], list).toBe('报送单位');
      expect(new Set(sheet.rows.map((r) => r[0])), list).toEqual(new Set([labelA, labelB]));
    }
    // The office beside the record it belongs to.
    const byName = (sheet: { header: string[]; rows: string[][] }, column: string) => Object.fromEntries(sheet.rows.map((r) => [r[sheet.header.indexOf(column)], r[0]]));
    expect(byName(sheets.requests, '姓名')).toEqual({ 郭建国: labelA, 王淑芬: labelB });
    expect(byName(sheets.pairs, '帮扶对象')).toEqual({ 郭建国: labelA, 王淑芬: labelB });
    expect(byName(sheets.calls, '涉及人员')).toEqual({ 郭建国: labelA, 王淑芬: labelB });
    expect(byName(sheets.activities, '活动名称')).toEqual({ '1区养生讲座': labelA, '2区养生讲座': labelB });
    expect(byName(sheets.volunteers, '姓名')).toEqual({ 郭建国: labelA, 王淑芬: labelB });
    expect(byName(sheets.arrears, '姓名')).toEqual({ 郭建国: labelA, 王淑芬: labelB });
    expect(byName(sheets.worklist, '姓名')).toEqual({ 郭建国: labelA, 王淑芬: labelB });
    // "All" at the bureau is every office's persons, and the title says so.
    expect(sheets.worklist.title).toContain('范围：全部报送单位');

    // One office's: the filter in the title row by the name the screen gives it, that office on every row.
    const requestsOfB = await sheetOf(await exp('reports.exportRequests', { office: b.id }));
    expect(requestsOfB.title).toBe(`服务需求（筛选：报送单位：${labelB}）`);
    expect(requestsOfB.rows.map((r) => [r[0], r[1]])).toEqual([[labelB, '王淑芬']]);
    const worklistOfA = await sheetOf(await exp('reports.exportWorklist', { ...worklist, office: a.id }));
    expect(worklistOfA.title).toContain(`报送单位：${labelA}`);
    expect(new Set(worklistOfA.rows.map((r) => r[0]))).toEqual(new Set([labelA]));

    // A drill-down is one office's list: that office named in the title and on each row.
    const drill = await sheetOf(await exp('reports.drillExport', { key: 'persons.headcount', measure: 'total', period: '2026-11-27', office: a.id }));
    expect(drill.title).toBe(`在册人数：合计（筛选：报送单位：${labelA}；期间：截至2026-11-27）`);
    expect(drill.header[0]).toBe('报送单位');
    expect(drill.rows.map((r) => [r[0], r[1]])).toEqual([[labelA, '郭建国']]);
    const own = await sheetOf(await exp('reports.drillExport', { key: 'persons.headcount', measure: 'total', period: '2026-11-27' }));
    expect(own.title).toContain('单位：榆次区委老干部局（本单位登记的人员）');
    expect(own.header[0]).toBe('报送单位');

    // The registry: the office column before the roster's own, which the import still reads as before.
    const roster = await sheetOf(await exp('roster.export', {}), 2);
    expect(roster.header).toEqual(['报送单位', ...ROSTER_COLUMNS.map((c) => c.header)]);
    expect(Object.fromEntries(roster.rows.map((r) => [r[1], r[0]]))).toEqual({ 郭建国: labelA, 王淑芬: labelB });
    expect(fieldOfHeader('报送单位')).toBeNull();
    const rosterOfB = await sheetOf(await exp('roster.export', { office: b.id }), 2);
    expect(rosterOfB.title).toBe(`离退休干部名册（筛选：报送单位：${labelB}）`);
    expect(rosterOfB.rows.map((r) => [r[0], r[1]])).toEqual([[labelB, '王淑芬']]);
  });

  it('a community office’s sheets are as they were: no office column', async () => {
    const a = await makeOffice('锦绣苑社区');
    offices.push(a);
    await ok(call(a.t.app, a.admin, 'party.branches.create', { name: '离退休干部党支部', kind: 'branch', meetingPlace: '社区活动中心' }));
    await records(a, '郭建国', 1);
    const exp = <C extends Parameters<typeof call>[2]>(channel: C, input: Parameters<typeof call<C>>[3]) => ok(call(a.t.app, a.admin, channel, input));
    const first = {
      worklist: '姓名',
      requests: '姓名',
      pairs: '帮扶对象',
      calls: '日期',
      activities: '日期',
      volunteers: '姓名',
      arrears: '党支部',
      drill: '姓名',
    };
    const sheets = { ...(await listSheets(a)), drill: await sheetOf(await exp('reports.drillExport', { key: 'persons.headcount', measure: 'total', period: '2026-11-27' })) };
    expect(sheets.worklist.title).toContain('范围：全社区');
    for (const [list, sheet] of Object.entries(sheets)) {
      expect(sheet.header[0], list).toBe(first[list as keyof typeof first]);
      expect(sheet.header, list).not.toContain('报送单位');
      expect(sheet.rows.length, list).toBeGreaterThan(0);
    }
    const roster = await sheetOf(await exp('roster.export', {}), 2);
    expect(roster.header).toEqual(ROSTER_COLUMNS.map((c) => c.header));
    expect(roster.rows.map((r) => r[0])).toEqual(['郭建国']);
  });
});
