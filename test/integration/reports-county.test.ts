/**
 * The county bureau's work on its communities, from real packets: one office's dashboard as the
 * office sees it, the forms handed in per office with their deadlines, a hand-in compared with what
 * the records say later, the roll-up as .xlsx and the yearly 考核 scorecard. Three communities: 幸福里
 * sends data and hands its annual form in, 锦绣苑 sends data only, 桃园 stays silent.
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

function dayAll(day: string, ...os: Office[]): void {
  for (const o of os) setDay(o.t, day);
}

async function county() {
  const { bureau, a, b, c } = await bureauWithThree((o) => offices.push(o));
  const people = {
    guo: await addPerson(a, { name: '郭建国', retirementType: 'lixiu' }),
    zhao: await addPerson(a, { name: '赵秀兰' }),
    li: await addPerson(a, { name: '李志刚' }),
  };
  await addPerson(b, { name: '王淑芬' });
  await addPerson(b, { name: '张德明' });
  await addPerson(bureau, { name: '局机关老同志' });
  await ok(
    call(a.t.app, a.admin, 'reports.saveProfile', {
      venueName: '幸福里老干部活动室',
      venueAreaM2: 120,
      fundsYear: 2026,
      annualFundsFen: 2_000_000,
      staffFullTime: 1,
      staffPartTime: 2,
      services: ['学习教育', '走访慰问'],
    }),
  );
  await ok(call(b.t.app, b.admin, 'reports.saveProfile', { venueName: '锦绣苑活动室', venueAreaM2: 60 }));
  await send(a, bureau, 'full');
  await send(b, bureau, 'full');
  return { bureau, a, b, c, people };
}

describe('one community through the bureau’s eyes', () => {
  it('the dashboard and its lists of one office, from the records it sent; the bureau’s own persons apart and labelled', async () => {
    const { bureau, a, b, c } = await county();
    const da = await ok(call(bureau.t.app, bureau.admin, 'reports.dashboard', { period: '2026-11-27', office: a.id }));
    expect(da.office).toMatchObject({ id: a.id, name: '幸福里社区', bureauOwn: false });
    const head = da.results.find((r) => r.key === 'persons.headcount');
    expect(head?.figures).toMatchObject({ total: 3, lixiu: 1, tuixiu: 2 });
    // The office itself counts the same.
    const own = await ok(call(a.t.app, a.admin, 'reports.dashboard', { period: '2026-11-27' }));
    expect(own.results.find((r) => r.key === 'persons.headcount')?.figures['total']).toBe(3);
    const db = await ok(call(bureau.t.app, bureau.admin, 'reports.dashboard', { period: '2026-11-27', office: b.id }));
    expect(db.results.find((r) => r.key === 'persons.headcount')?.figures['total']).toBe(2);

    const list = await ok(call(bureau.t.app, bureau.admin, 'reports.drill', { key: 'persons.headcount', measure: 'total', period: '2026-11-27', office: a.id }));
    expect(list.total).toBe(3);
    expect(list.officeName).toBe('幸福里社区');
    expect(list.rows.map((r) => r.cells['name']).sort()).toEqual(['李志刚', '赵秀兰', '郭建国'].sort());
    // Exported, the list names the office it came from in its title row.
    const file = await ok(call(bureau.t.app, bureau.admin, 'reports.drillExport', { key: 'persons.headcount', measure: 'total', period: '2026-11-27', office: a.id }));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.getCell(1, 1).value).toBe('在册人数：合计（筛选：报送单位：幸福里社区；期间：截至2026-11-27）');

    // Asked for its own dashboard, the bureau counts the one person it registered itself, and says so.
    const mine = await ok(call(bureau.t.app, bureau.admin, 'reports.dashboard', { period: '2026-11-27' }));
    expect(mine.office.bureauOwn).toBe(true);
    expect(mine.results.find((r) => r.key === 'persons.headcount')?.figures['total']).toBe(1);
    const mineById = await ok(call(bureau.t.app, bureau.admin, 'reports.dashboard', { period: '2026-11-27', office: bureau.id }));
    expect(mineById.office.bureauOwn).toBe(true);

    // The silent office has nothing to count for the day: refused, not zeros.
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'reports.dashboard', { period: '2026-11-27', office: c.id }))).toBe('OFFICE_NEVER_REPORTED');
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'reports.dashboard', { period: '2026', office: 'no-such-office' }))).toBe('NOT_FOUND');
    expect(await errorCode(call(a.t.app, a.admin, 'reports.dashboard', { period: '2026', office: b.id }))).toBe('BUREAU_ONLY');
  });
});

describe('the bureau’s lists by office', () => {
  it('the registry filters by the office that sent a person and names it; two offices of one name are told apart by code', async () => {
    const { bureau, a, b } = await county();
    const twin = await makeOffice('幸福里社区');
    offices.push(twin);
    await trustBoth(twin, bureau);
    await addPerson(twin, { name: '孙桂英' });
    await send(twin, bureau, 'full');
    const known = await ok(call(bureau.t.app, bureau.admin, 'reports.countyOffices', {}));
    const label = (id: string) => known.find((o) => o.id === id)?.label;
    expect(label(bureau.id)).toBe('榆次区委老干部局');
    expect(known.find((o) => o.id === bureau.id)?.own).toBe(true);
    expect(label(b.id)).toBe('锦绣苑社区');
    expect(label(a.id)).toBe(`幸福里社区（${a.areaCode}）`);
    expect(label(twin.id)).toBe(`幸福里社区（${twin.areaCode}）`);

    const all = await ok(call(bureau.t.app, bureau.admin, 'persons.list', {}));
    expect(all.total).toBe(7);
    const ofA = await ok(call(bureau.t.app, bureau.admin, 'persons.list', { office: a.id }));
    expect(ofA.rows.map((r) => r.name).sort()).toEqual(['李志刚', '赵秀兰', '郭建国'].sort());
    expect(ofA.rows.every((r) => r.originOffice === a.id)).toBe(true);
    const ofTwin = await ok(call(bureau.t.app, bureau.admin, 'persons.list', { office: twin.id }));
    expect(ofTwin.rows.map((r) => r.name)).toEqual(['孙桂英']);
    const own = await ok(call(bureau.t.app, bureau.admin, 'persons.list', { office: bureau.id }));
    expect(own.rows.map((r) => r.name)).toEqual(['局机关老同志']);
    expect(await errorCode(call(a.t.app, a.admin, 'reports.countyOffices', {}))).toBe('BUREAU_ONLY');
  });

  it('service requests and assistance pairs filter by the office of the person and carry it; the export names the office in its title row', async () => {
    const { bureau, a, b, people } = await county();
    await ok(call(a.t.app, a.admin, 'requests.create', { personId: people.zhao, category: 'home_care', description: '助餐' }));
    const bPerson = (await ok(call(b.t.app, b.admin, 'persons.list', {}))).rows[0]?.id as string;
    await ok(call(b.t.app, b.admin, 'requests.create', { personId: bPerson, category: 'medical', description: '陪同就医' }));
    await send(a, bureau, 'incremental');
    await send(b, bureau, 'incremental');
    const all = await ok(call(bureau.t.app, bureau.admin, 'requests.list', {}));
    expect(all.total).toBe(2);
    const ofB = await ok(call(bureau.t.app, bureau.admin, 'requests.list', { office: b.id }));
    expect(ofB.rows.map((r) => [r.description, r.originOffice])).toEqual([['陪同就医', b.id]]);
    const file = await ok(call(bureau.t.app, bureau.admin, 'reports.exportRequests', { office: b.id }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    expect(String(wb.worksheets[0]?.getCell(1, 1).value)).toContain('报送单位：锦绣苑社区');
    expect(file.count).toBe(1);

    // Assistance pairs the same way.
    await ok(
      call(a.t.app, a.admin, 'pairs.create', { personId: people.guo, helperKind: 'volunteer', helperName: '周晓燕', helperPhone: '13912345678', helpKinds: ['daily_care'], frequency: 'weekly', fromDate: '2026-11-01' }),
    );
    await send(a, bureau, 'incremental');
    const pairsOfA = await ok(call(bureau.t.app, bureau.admin, 'pairs.list', { office: a.id }));
    expect(pairsOfA.rows.map((r) => [r.personName, r.originOffice])).toEqual([['郭建国', a.id]]);
    expect((await ok(call(bureau.t.app, bureau.admin, 'pairs.list', { office: b.id }))).total).toBe(0);
  });

  it('the worklist, dues arrears, activities and volunteers filter by office and carry it; the exports name the office', async () => {
    const { bureau, a, b, people } = await county();
    const member = async (o: Office, name: string) => {
      const personId = await addPerson(o, { name, politicalStatus: 'cpc' });
      const branch = await ok(call(o.t.app, o.admin, 'party.branches.create', { name: `${o.name}离退休干部党支部`, kind: 'branch', meetingPlace: '活动室' }));
      await ok(call(o.t.app, o.admin, 'party.members.add', { personId, branchId: branch.id, partyJoinedOn: '1975-07-01', relationHeld: 'community', managementMode: 'single', fromDate: '2026-01-05' }));
      await ok(call(o.t.app, o.admin, 'activities.create', { kind: 'health_talk', title: `${o.name}养生讲座`, date: '2026-11-20' }));
      await ok(call(o.t.app, o.admin, 'volunteers.create', { kind: 'retiree', personId, joinedOn: '2026-02-01' }));
      return personId;
    };
    await member(a, '周德华');
    await member(b, '吴玉珍');
    await send(a, bureau, 'incremental');
    await send(b, bureau, 'incremental');

    // 走访: every office's persons at the bureau; one office's only, each row saying whose.
    const visits = await ok(call(bureau.t.app, bureau.admin, 'visits.worklist', { scope: 'all', statuses: ['overdue', 'due', 'upcoming', 'missed'], upcomingDays: 400 }));
    const visitsOfA = await ok(call(bureau.t.app, bureau.admin, 'visits.worklist', { scope: 'all', office: a.id, statuses: ['overdue', 'due', 'upcoming', 'missed'], upcomingDays: 400 }));
    expect(visitsOfA.total).toBeGreaterThan(0);
    expect(visitsOfA.total).toBeLessThan(visits.total);
    expect(new Set(visitsOfA.rows.map((r) => r.originOffice))).toEqual(new Set([a.id]));
    expect(visitsOfA.rows.map((r) => r.personId)).toContain(people.guo);

    // 党费欠缴 (nothing paid this year): each office's member apart.
    const owing = await ok(call(bureau.t.app, bureau.admin, 'party.dues.arrears', { month: '2026-10' }));
    expect(owing.map((r) => r.personName).sort()).toEqual(['吴玉珍', '周德华'].sort());
    const owingOfB = await ok(call(bureau.t.app, bureau.admin, 'party.dues.arrears', { month: '2026-10', office: b.id }));
    expect(owingOfB.map((r) => [r.personName, r.originOffice])).toEqual([['吴玉珍', b.id]]);

    const acts = await ok(call(bureau.t.app, bureau.admin, 'activities.list', { office: a.id }));
    expect(acts.rows.map((r) => [r.title, r.originOffice])).toEqual([[`${a.name}养生讲座`, a.id]]);
    const vols = await ok(call(bureau.t.app, bureau.admin, 'volunteers.list', { office: b.id }));
    expect(vols.rows.map((r) => [r.name, r.originOffice])).toEqual([['吴玉珍', b.id]]);
    expect((await ok(call(bureau.t.app, bureau.admin, 'volunteers.list', {}))).total).toBe(2);

    const titleOf = async (file: { base64: string }) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
      return String(wb.worksheets[0]?.getCell(1, 1).value);
    };
    const arrearsFile = await ok(call(bureau.t.app, bureau.admin, 'reports.exportArrears', { month: '2026-10', office: b.id }));
    expect(arrearsFile.count).toBe(1);
    expect(await titleOf(arrearsFile)).toContain('报送单位：锦绣苑社区');
    const worklistFile = await ok(call(bureau.t.app, bureau.admin, 'reports.exportWorklist', { scope: 'all', office: a.id, statuses: ['overdue', 'due', 'upcoming', 'missed'], upcomingDays: 400 }));
    expect(worklistFile.count).toBe(visitsOfA.total);
    expect(await titleOf(worklistFile)).toContain('报送单位：幸福里社区');
    // An office id that is not one is refused, and a community office has nothing of others to filter.
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'activities.list', { office: '幸福里' }))).toBe('INVALID_INPUT');
    expect((await ok(call(a.t.app, a.admin, 'volunteers.list', { office: b.id }))).total).toBe(0);
  });
});

describe('来电来访, 党员 and 走访名单 at the bureau', () => {
  it('filter by the office that sent them and carry it; the hotline export names the office; a bad office is refused', async () => {
    const { bureau, a, b, people } = await county();
    dayAll('2026-11-27', bureau, a, b);
    const logs = async (o: Office, personId: string, name: string) => {
      await ok(
        call(o.t.app, o.admin, 'calls.create', { date: '2026-11-27', time: '09:30', channel: 'phone', callerKind: 'person', personId, category: 'home_care', urgency: 'normal', content: `${name}家水管漏水` }),
      );
      const branch = await ok(call(o.t.app, o.admin, 'party.branches.create', { name: `${o.name}离退休干部党支部`, kind: 'branch', meetingPlace: '活动室' }));
      await ok(call(o.t.app, o.admin, 'party.members.add', { personId, branchId: branch.id, partyJoinedOn: '1975-07-01', relationHeld: 'community', managementMode: 'single', fromDate: '2026-01-05' }));
      return (await ok(call(o.t.app, o.admin, 'lists.create', { kind: 'service_cards', personIds: [personId] }))).listNo;
    };
    const wang = await addPerson(b, { name: '孙桂英', politicalStatus: 'cpc' });
    const listA = await logs(a, people.zhao, '赵秀兰');
    const listB = await logs(b, wang, '孙桂英');
    await send(a, bureau, 'incremental');
    await send(b, bureau, 'incremental');

    const calls = await ok(call(bureau.t.app, bureau.admin, 'calls.list', {}));
    expect(calls.total).toBe(2);
    const callsOfA = await ok(call(bureau.t.app, bureau.admin, 'calls.list', { office: a.id }));
    expect(callsOfA.rows.map((r) => [r.personName, r.originOffice])).toEqual([['赵秀兰', a.id]]);
    const members = await ok(call(bureau.t.app, bureau.admin, 'party.members.list', { office: b.id }));
    expect(members.rows.map((r) => [r.personName, r.originOffice])).toEqual([['孙桂英', b.id]]);
    expect((await ok(call(bureau.t.app, bureau.admin, 'party.members.list', {}))).total).toBe(2);
    const lists = await ok(call(bureau.t.app, bureau.admin, 'lists.list', { office: b.id }));
    expect(lists.rows.map((r) => [r.listNo, r.originOffice])).toEqual([[listB, b.id]]);
    expect((await ok(call(bureau.t.app, bureau.admin, 'lists.list', { office: a.id }))).rows.map((r) => r.listNo)).toEqual([listA]);

    const file = await ok(call(bureau.t.app, bureau.admin, 'reports.exportCalls', { office: a.id }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]?.getCell(1, 1).value).toBe('来电来访登记（筛选：报送单位：幸福里社区）');
    expect(file.count).toBe(1);

    for (const channel of ['calls.list', 'party.members.list', 'lists.list', 'reports.exportCalls'] as const) {
      expect(await errorCode(call(bureau.t.app, bureau.admin, channel, { office: '幸福里' } as never))).toBe('INVALID_INPUT');
    }
    // A community has only its own: another office's id finds nothing there.
    expect((await ok(call(a.t.app, a.admin, 'calls.list', { office: b.id }))).total).toBe(0);
  });

  it('志愿服务记录 filter by office at the bureau, each record saying whose; a bad office is refused', async () => {
    const { bureau, a, b } = await county();
    const logged = async (o: Office, name: string, hours: number) => {
      const personId = await addPerson(o, { name });
      const volunteer = await ok(call(o.t.app, o.admin, 'volunteers.create', { kind: 'retiree', personId, joinedOn: '2026-02-01' }));
      await ok(call(o.t.app, o.admin, 'volunteers.logService', { volunteerId: volunteer.id, date: '2026-11-21', hours, description: `${o.name}小区巡逻` }));
    };
    await logged(a, '周德华', 2);
    await logged(b, '吴玉珍', 3);
    await send(a, bureau, 'incremental');
    await send(b, bureau, 'incremental');

    const all = await ok(call(bureau.t.app, bureau.admin, 'volunteers.services', { limit: 25, offset: 0 }));
    expect(all.total).toBe(2);
    const ofB = await ok(call(bureau.t.app, bureau.admin, 'volunteers.services', { office: b.id, limit: 25, offset: 0 }));
    expect(ofB.rows.map((r) => [r.volunteerName, r.description, r.originOffice])).toEqual([['吴玉珍', `${b.name}小区巡逻`, b.id]]);
    // The hours under the list are the office's too.
    expect(ofB.totalMinutes).toBe(180);
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'volunteers.services', { office: '锦绣苑', limit: 25, offset: 0 }))).toBe('INVALID_INPUT');
    // A community office has no other office's records to show.
    expect((await ok(call(a.t.app, a.admin, 'volunteers.services', { office: b.id, limit: 25, offset: 0 }))).total).toBe(0);
  });
});

describe('forms handed in, their deadlines, and what the records say now', () => {
  it('报送情况 lists each office’s forms of the current period on time, late, missing or not yet due', async () => {
    const { bureau, a, b, c } = await county();
    dayAll('2027-01-10', bureau, a, b, c);
    const s = await ok(call(a.t.app, a.admin, 'reports.submit', { form: 'annual', period: '2026', headName: '王主任', fillerName: '孙干事' }));
    await send(a, bureau, 'incremental');

    let board = await ok(call(bureau.t.app, bureau.admin, 'reports.countyBoard', {}));
    expect(board.expected.map((e) => `${e.form}:${e.period}:${e.due}`)).toEqual([
      'annual:2026:2027-01-31',
      'campaign:spring_festival:2026:2026-03-04',
      'campaign:chongyang:2026:2026-11-02',
      'campaign:party_day:2026:2026-07-16',
      'campaign:birthday:2026:2027-01-31',
    ]);
    const annualOf = (id: string) => board.rows.find((r) => r.office.id === id)?.forms.find((f) => f.form === 'annual');
    expect(annualOf(a.id)).toMatchObject({ status: 'onTime', submittedOn: '2027-01-10', submissionId: s.id });
    expect(annualOf(b.id)).toMatchObject({ status: 'open', submittedOn: null });
    // 重阳 2026 was over before 锦绣苑's records begin (27 November): not expected of it. 桃园 sent
    // nothing, so everything is expected of it and the summaries past due are missing.
    expect(board.rows.find((r) => r.office.id === b.id)?.forms.find((f) => f.period === 'chongyang:2026')?.status).toBe('notExpected');
    expect(board.rows.find((r) => r.office.id === c.id)?.forms.find((f) => f.period === 'chongyang:2026')?.status).toBe('missing');

    // Past the deadline, 锦绣苑's annual form is missing; a bureau that gives only 3 days makes 幸福里's late.
    dayAll('2027-02-05', bureau);
    board = await ok(call(bureau.t.app, bureau.admin, 'reports.countyBoard', {}));
    expect(annualOf(b.id)?.status).toBe('missing');
    expect(board.remind).toEqual(expect.arrayContaining([b.id, c.id]));
    // Packets month by month, the last twelve months: 幸福里 sent its first in November and one in January.
    expect(board.months).toHaveLength(12);
    expect([board.months[0], board.months[10], board.months[11]]).toEqual(['2026-03', '2027-01', '2027-02']);
    const historyOf = (id: string) => board.rows.find((r) => r.office.id === id)?.packetsByMonth ?? [];
    expect(historyOf(a.id)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0]);
    expect(historyOf(b.id)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
    expect(historyOf(c.id)).toEqual(Array(12).fill(0));
    const settings = await ok(call(bureau.t.app, bureau.admin, 'settings.get', {}));
    await ok(call(bureau.t.app, bureau.admin, 'settings.update', { bureau: { ...settings.bureau, dueDays: { ...settings.bureau.dueDays, annual: 3 } } }));
    board = await ok(call(bureau.t.app, bureau.admin, 'reports.countyBoard', {}));
    expect(annualOf(a.id)).toMatchObject({ status: 'late', due: '2027-01-03' });
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'settings.update', { bureau: { ...settings.bureau, dueDays: { ...settings.bureau.dueDays, annual: -1 } } }))).toBe('INVALID_INPUT');
    // A year on, the history has moved past both packets; the totals keep them.
    dayAll('2028-01-15', bureau);
    board = await ok(call(bureau.t.app, bureau.admin, 'reports.countyBoard', {}));
    expect(board.rows.find((r) => r.office.id === a.id)).toMatchObject({ packetsTotal: 2, packetsByMonth: Array(12).fill(0) });
  });

  it('a hand-in beside the records now: the changed cells are listed with both figures', async () => {
    const { bureau, a, people } = await county();
    dayAll('2027-01-10', bureau, a);
    const s = await ok(call(a.t.app, a.admin, 'reports.submit', { form: 'annual', period: '2026' }));
    await send(a, bureau, 'incremental');
    let cmp = await ok(call(bureau.t.app, bureau.admin, 'reports.formCompare', { submissionId: s.id }));
    expect(cmp.differences).toEqual([]);
    expect(cmp.submitted.officeName).toBe('幸福里社区');

    // Found out later: 赵秀兰 died on 1 December 2026. The office records it and sends it on.
    await ok(call(a.t.app, a.admin, 'persons.changeStatus', { id: people.zhao, status: 'deceased', date: '2026-12-01' }));
    await send(a, bureau, 'incremental');
    cmp = await ok(call(bureau.t.app, bureau.admin, 'reports.formCompare', { submissionId: s.id }));
    expect(cmp.shapeChanged).toBe(false);
    expect(cmp.differences.length).toBeGreaterThan(0);
    const total = cmp.differences.find((d) => d.submitted === 3 && d.current === 2);
    expect(total, JSON.stringify(cmp.differences.slice(0, 6))).toBeDefined();
    expect(total?.rowLabel).not.toBe('');
    // The office compares its own hand-in too; what it sees is the same.
    const atOffice = await ok(call(a.t.app, a.admin, 'reports.formCompare', { submissionId: s.id }));
    expect(atOffice.differences.length).toBe(cmp.differences.length);
  });
});

describe('the roll-up as .xlsx and the yearly 考核', () => {
  it('汇总 .xlsx: the period in the title row, one row per office with the day its data is as of, the silent one marked, the total last', async () => {
    const { bureau } = await county();
    const file = await ok(call(bureau.t.app, bureau.admin, 'reports.countyRollupXlsx', { period: '2026' }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(String(sheet.getCell(1, 1).value)).toContain('县级汇总（2026年）');
    expect(String(sheet.getCell(3, 3).value)).toBe('社区');
    expect(String(sheet.getCell(3, 4).value)).toBe('数据截至');
    expect(String(sheet.getCell(3, 5).value)).toBe('在册人数·合计');
    const rows: Record<string, unknown[]> = {};
    sheet.eachRow((r, n) => {
      if (n > 3) rows[String(r.getCell(3).value)] = (r.values as unknown[]).slice(1);
    });
    expect(rows['幸福里社区']?.[3]).toBe('2026-11-27');
    expect(rows['幸福里社区']?.[4]).toBe(3);
    expect(rows['锦绣苑社区']?.[4]).toBe(2);
    expect(rows['桃园社区']?.at(-1)).toBe('从未报送，没有数据');
    expect(rows['合计']?.[4]).toBe(5);
  });

  it('考核: parts and weights, ranked; the silent office last; a community is told it is the bureau’s', async () => {
    const { bureau, a, b, c } = await county();
    dayAll('2027-01-10', bureau, a, b, c);
    await ok(call(a.t.app, a.admin, 'reports.submit', { form: 'annual', period: '2026' }));
    await send(a, bureau, 'incremental');
    dayAll('2027-02-05', bureau);
    const card = await ok(call(bureau.t.app, bureau.admin, 'reports.scorecard', { year: 2026 }));
    expect(card.rows.map((r) => r.office.id)).toEqual([a.id, b.id, c.id]);
    expect(card.rows.map((r) => r.rank)).toEqual([1, 2, 3]);
    const [ra, rb, rc] = card.rows;
    expect(ra?.inPlace).toEqual({ venue: true, funds: true, staff: true, services: true });
    expect(ra?.parts['profile']).toBe(100);
    // Of the forms of 2026 past due by 5 February 2027, the annual one and 整寿 are expected of
    // offices whose records begin on 27 November (the festivals were over); 幸福里 handed one in on time.
    expect(ra?.formsDue).toBe(2);
    expect(ra?.formsOnTime).toBe(1);
    expect(ra?.parts['reporting']).toBe(50);
    expect(rc?.formsDue).toBe(5);
    expect(rb?.parts['profile']).toBe(25);
    expect(rb?.parts['contacts']).toBe(0);
    expect(rc?.received).toBe(false);
    expect(rc?.parts['visits']).toBeNull();
    expect(rc?.score).toBe(0);
    // The score is the weighted mean with the bureau's weights; weighting only the profile ranks by it alone.
    const s = await ok(call(bureau.t.app, bureau.admin, 'settings.get', {}));
    await ok(call(bureau.t.app, bureau.admin, 'settings.update', { bureau: { ...s.bureau, weights: { profile: 1, visits: 0, contacts: 0, campaigns: 0, reporting: 0 } } }));
    const only = await ok(call(bureau.t.app, bureau.admin, 'reports.scorecard', { year: 2026 }));
    expect(only.rows.map((r) => r.score)).toEqual([100, 25, 0]);
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'settings.update', { bureau: { ...s.bureau, weights: { profile: 0, visits: 0, contacts: 0, campaigns: 0, reporting: 0 } } }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(a.t.app, a.admin, 'reports.scorecard', { year: 2026 }))).toBe('BUREAU_ONLY');
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'reports.scorecard', { year: 2030 }))).toBe('PERIOD_IN_FUTURE');
  });
});
