/**
 * A small office for the statistics, built through the channels over 2025 and early 2026 with the
 * clock moved to each day, so every record has the dates a real office's would. The counts the
 * tests expect are written out by hand in reports.test.ts from the story below, never computed.
 *
 *   set up 2025-01-10; grids 第一网格 (A) and 第二网格 (B); 网格员小李 (gw1) and 网格员小王 (gw2)
 *   P1 王建国  M 1945-03-15 离休 中共 A alone         provincial  ADL 100 (2025-06-01)   gw1
 *   P2 李秀英  F 1948-02-29 退休 群众 A empty nest    county      (born 29 February)     gw1
 *   P3 张志强  M 1935-07-01 退休 中共 B with children enterprise  ADL 70 (2026-01-15)    gw2
 *   P4 赵淑珍  F 1925-10-01 离休 群众 B care home     municipal   ADL 40 (2024-05-01)    gw2
 *   P5 刘德明  M 1950-05-05 退休 中共 – other         county      died 2025-08-20
 *   P6 陈海涛  M 1952-12-31 退休 群众 A alone         county      moved out 2025-11-30   gw1
 *   P7 周丽华  F 1960-01-01 退休 群众 B with children other       registered 2025-06-15, gw2 from 07-01
 *   P8 孙国强  M 1944-04-04 退休 中共 A empty nest    county      registered 2026-01-05
 *   P9 吴德明  M 1940-02-02 退休 群众 – other         other       registered 2025-03-01 as died 2024-12-01
 *   P10 郑玉兰 F (birth date lost: '' in the record) 离休 群众 A other county  gw1 until 2025-12-01
 */
import { makeApp, setupOffice, sessionAs, call, ok, type TestApp } from '../helpers/app';
import { makeIdNumber } from '../helpers/persons';
import type { Session } from '../../main/auth/session';
import type { ChannelInput } from '../../shared/contract';

export interface ReportsOffice {
  t: TestApp;
  admin: Session;
  staff: Session;
  gw1: Session;
  gw2: Session;
  viewer: Session;
  ids: Record<string, string>;
  users: { gw1: string; gw2: string };
  grids: { A: string; B: string };
}

export function setDay(t: TestApp, day: string): void {
  t.clock.time = Date.parse(`${day}T02:00:00.000Z`);
}

type PersonSpec = [key: string, name: string, gender: 'male' | 'female', birth: string, rtype: 'lixiu' | 'tuixiu', cpc: boolean, grid: string, living: 'alone' | 'empty_nest' | 'with_children' | 'institution' | 'other', level: 'provincial' | 'county' | 'enterprise' | 'municipal' | 'other'];

const PEOPLE: PersonSpec[] = [
  ['P1', '王建国', 'male', '1945-03-15', 'lixiu', true, '第一网格', 'alone', 'provincial'],
  ['P2', '李秀英', 'female', '1948-02-29', 'tuixiu', false, '第一网格', 'empty_nest', 'county'],
  ['P3', '张志强', 'male', '1935-07-01', 'tuixiu', true, '第二网格', 'with_children', 'enterprise'],
  ['P4', '赵淑珍', 'female', '1925-10-01', 'lixiu', false, '第二网格', 'institution', 'municipal'],
  ['P5', '刘德明', 'male', '1950-05-05', 'tuixiu', true, '', 'other', 'county'],
  ['P6', '陈海涛', 'male', '1952-12-31', 'tuixiu', false, '第一网格', 'alone', 'county'],
  ['P10', '郑玉兰', 'female', '1942-08-08', 'lixiu', false, '第一网格', 'other', 'county'],
];
const P7: PersonSpec = ['P7', '周丽华', 'female', '1960-01-01', 'tuixiu', false, '第二网格', 'with_children', 'other'];
const P8: PersonSpec = ['P8', '孙国强', 'male', '1944-04-04', 'tuixiu', true, '第一网格', 'empty_nest', 'county'];
const P9: PersonSpec = ['P9', '吴德明', 'male', '1940-02-02', 'tuixiu', false, '', 'other', 'other'];

/** 单位性质 as recorded; the others are not recorded (P3's enterprise-level unit counts as an enterprise). */
const UNIT_KIND: Record<string, 'government' | 'institution' | 'other'> = { P1: 'government', P10: 'government', P2: 'institution', P6: 'other' };

const FULL = { feeding: 10, bathing: 5, grooming: 5, dressing: 10, bowels: 10, bladder: 10, toilet: 10, transfer: 15, mobility: 15, stairs: 10 };
const LOW40 = { feeding: 5, bathing: 0, grooming: 0, dressing: 5, bowels: 10, bladder: 10, toilet: 5, transfer: 5, mobility: 0, stairs: 0 };
const MID70 = { ...FULL, bathing: 0, grooming: 0, stairs: 0, mobility: 5, transfer: 10 };

export async function buildReportsOffice(): Promise<ReportsOffice> {
  const t = makeApp();
  setDay(t, '2025-01-10');
  const admin = await setupOffice(t);
  await ok(call(t.app, admin, 'settings.update', { idleLockMinutes: 0 }));
  const staff = await sessionAs(t, admin, 'staff', 'staff1');
  const gw1 = await sessionAs(t, admin, 'gridworker', 'gw1');
  const gw2 = await sessionAs(t, admin, 'gridworker', 'gw2');
  const viewer = await sessionAs(t, admin, 'viewer', 'viewer1');
  const users = { gw1: gw1.userId as string, gw2: gw2.userId as string };
  await ok(call(t.app, admin, 'users.update', { id: users.gw1, displayName: '网格员小李', phone: '13900000001' }));
  await ok(call(t.app, admin, 'users.update', { id: users.gw2, displayName: '网格员小王', phone: '13900000002' }));
  const s = await ok(call(t.app, admin, 'settings.get', {}));
  await ok(call(t.app, admin, 'settings.update', { reports: { ...s.reports, goals: { ...s.reports.goals, chongyang: 60 } } }));
  const A = (await ok(call(t.app, staff, 'grids.create', { name: '第一网格', workerIds: [users.gw1] }))).id;
  const B = (await ok(call(t.app, staff, 'grids.create', { name: '第二网格', workerIds: [users.gw2] }))).id;

  const ids: Record<string, string> = {};
  let seq = 1;
  const add = async ([key, name, gender, birth, rtype, cpc, grid, living, level]: PersonSpec) => {
    const { id } = await ok(
      call(t.app, admin, 'persons.create', {
        name,
        gender,
        idNumber: makeIdNumber(birth, gender, seq++),
        birthDate: birth,
        phones: [`1390357${String(1000 + seq).slice(-4)}`],
        retirementType: rtype,
        originalUnit: '县直机关',
        unitLevel: level,
        ...(UNIT_KIND[key] ? { unitKind: UNIT_KIND[key] } : {}),
        politicalStatus: cpc ? 'cpc' : 'masses',
        grid,
        address: `幸福里小区${seq}号楼`,
        livingSituation: living,
      }),
    );
    ids[key] = id;
  };
  const id = (key: string) => ids[key] as string;
  const at = async (day: string, work: () => Promise<unknown>) => {
    setDay(t, day);
    await work();
  };
  const visit = (key: string, day: string, method: 'home' | 'phone' | 'hospital' | 'video', giftFen = 0, giftItems = '') =>
    at(day, () => ok(call(t.app, staff, 'visits.record', { personId: id(key), fields: { visitDate: day, method, visitors: '社区', summary: '慰问', giftFen, giftItems } })));
  const assign = (key: string, user: string) => ok(call(t.app, staff, 'assignments.set', { personId: id(key), userId: user, role: 'primary' }));
  const request = async (key: string, day: string, category: ChannelInput<'requests.create'>['category']) => {
    setDay(t, day);
    return (await ok(call(t.app, staff, 'requests.create', { personId: id(key), category, description: `${category} 的需求`, raisedOn: day }))).id;
  };

  for (const p of PEOPLE) await add(p);
  for (const k of ['P1', 'P2', 'P6', 'P10']) await assign(k, users.gw1);
  for (const k of ['P3', 'P4']) await assign(k, users.gw2);
  for (const k of ['P1', 'P2', 'P3', 'P4']) await ok(call(t.app, staff, 'family.add', { personId: id(k), fields: { name: '家属', relation: '子女', phones: ['13912345678'], isEmergency: true } }));
  await ok(call(t.app, staff, 'health.addAssessment', { personId: id('P4'), assessedOn: '2024-05-01', items: LOW40 }));
  const branch = (await ok(call(t.app, staff, 'party.branches.create', { name: '第一党支部', kind: 'branch', foundedOn: '2025-01-10' }))).id;
  const member = async (key: string, relationHeld: 'community' | 'original_unit') =>
    ok(call(t.app, staff, 'party.members.add', { personId: id(key), branchId: branch, fromDate: '2025-01-10', relationHeld, managementMode: 'multi', unitPartyContact: relationHeld === 'original_unit' ? '原单位联系人' : '' }));
  await member('P1', 'community');
  await member('P3', 'original_unit');
  await member('P5', 'community');

  await at('2025-01-15', () =>
    ok(call(t.app, staff, 'pairs.create', { personId: id('P6'), helperKind: 'unit', helperName: '县水利局机关党支部', helpKinds: ['daily_care'], frequency: 'quarterly', fromDate: '2025-01-15' })),
  );
  const pair3 = (await ok(call(t.app, staff, 'pairs.list', {}))).rows[0]?.id as string;
  await visit('P1', '2025-01-25', 'home', 50000, '米面油');
  await visit('P2', '2025-01-29', 'phone', 20000);
  const r1 = await request('P1', '2025-02-01', 'home_care');
  const pair1 = await (async () => {
    setDay(t, '2025-02-01');
    await ok(call(t.app, staff, 'party.branches.create', { name: '老党员活动站', kind: 'station', foundedOn: '2025-02-01' }));
    return (await ok(call(t.app, staff, 'pairs.create', { personId: id('P4'), helperKind: 'volunteer', helperName: '周晓燕', helpKinds: ['emotional'], frequency: 'weekly', fromDate: '2025-02-01' }))).id;
  })();
  await at('2025-02-08', () => ok(call(t.app, staff, 'pairs.addContact', { pairId: pair1, date: '2025-02-08', method: 'visit', content: '上门陪聊' })));
  await visit('P3', '2025-02-10', 'home', 30000);
  await at('2025-02-11', () => ok(call(t.app, staff, 'requests.setStatus', { id: r1, status: 'resolved', resolution: '已安排助餐', resolvedOn: '2025-02-11' })));
  await visit('P5', '2025-02-12', 'hospital');
  await at('2025-03-01', async () => {
    await add(P9);
    await ok(call(t.app, staff, 'persons.changeStatus', { id: id('P9'), status: 'deceased', date: '2024-12-01' }));
    await ok(call(t.app, staff, 'pairs.addContact', { pairId: pair1, date: '2025-03-01', method: 'phone', content: '电话问候' }));
    await ok(
      call(t.app, staff, 'party.meetings.create', {
        branchId: branch,
        kind: 'organisational',
        date: '2025-03-01',
        topic: '支部党员大会',
        attendance: [
          { personId: id('P1'), present: true },
          { personId: id('P3'), present: false, absenceReason: '住院' },
          { personId: id('P5'), present: true },
        ],
      }),
    );
  });
  const r2 = await request('P2', '2025-03-01', 'medical');
  await at('2025-03-05', () => ok(call(t.app, staff, 'requests.setStatus', { id: r2, status: 'resolved', resolution: '已联系家庭医生', resolvedOn: '2025-03-05' })));
  await visit('P1', '2025-03-15', 'home');
  await at('2025-04-01', async () => {
    const v1 = (await ok(call(t.app, staff, 'volunteers.create', { kind: 'retiree', personId: id('P2'), joinedOn: '2025-04-01' }))).id;
    ids['V1'] = v1;
    await ok(call(t.app, staff, 'volunteers.logService', { volunteerId: v1, date: '2025-04-01', hours: 2, description: '义诊协助' }));
  });
  await visit('P4', '2025-04-14', 'home');
  await at('2025-05-01', async () => {
    const a1 = (await ok(call(t.app, staff, 'activities.create', { kind: 'culture_sports', title: '太极拳交流', date: '2025-05-01' }))).id;
    const signed = await ok(call(t.app, staff, 'activities.signUp', { activityId: a1, personIds: [id('P1'), id('P2'), id('P3')] }));
    await ok(
      call(t.app, staff, 'activities.recordAttendance', {
        activityId: a1,
        attendance: signed.ids.map((participantId, i) => ({ participantId, attended: i < 2 })),
      }),
    );
    await ok(call(t.app, staff, 'pairs.addContact', { pairId: pair3, date: '2025-05-01', method: 'visit', content: '上门帮扶' }));
  });
  await at('2025-06-01', async () => {
    const v2 = (await ok(call(t.app, staff, 'volunteers.create', { kind: 'resident', name: '刘小红', joinedOn: '2025-06-01' }))).id;
    await ok(call(t.app, staff, 'volunteers.logService', { volunteerId: v2, date: '2025-06-01', hours: 1.5, description: '陪同就医' }));
    await ok(call(t.app, staff, 'pairs.create', { personId: id('P1'), helperKind: 'staff', helperName: '王主任', helpKinds: ['errands'], frequency: 'monthly', fromDate: '2025-06-01' }));
    await ok(call(t.app, staff, 'health.addAssessment', { personId: id('P1'), assessedOn: '2025-06-01', items: FULL }));
  });
  await at('2025-06-15', () => add(P7));
  await visit('P3', '2025-06-28', 'home');
  await at('2025-07-01', async () => {
    await assign('P7', users.gw2);
    await ok(
      call(t.app, staff, 'party.meetings.create', {
        branchId: branch,
        kind: 'theme_day',
        date: '2025-07-01',
        topic: '主题党日',
        attendance: [
          { personId: id('P1'), present: true },
          { personId: id('P3'), present: true },
          { personId: id('P5'), present: false, absenceReason: '外出' },
        ],
      }),
    );
  });
  await visit('P1', '2025-07-01', 'home');
  await visit('P5', '2025-07-01', 'phone');
  await at('2025-08-21', () => ok(call(t.app, staff, 'persons.changeStatus', { id: id('P5'), status: 'deceased', date: '2025-08-20' })));
  await visit('P5', '2025-08-28', 'home');
  await at('2025-09-02', () => ok(call(t.app, staff, 'health.addEvent', { personId: id('P3'), fields: { kind: 'hospitalisation', date: '2025-09-01', endDate: '2025-09-10', institution: '县人民医院' } })));
  await visit('P3', '2025-09-04', 'hospital');
  await visit('P7', '2025-10-22', 'home', 0, '米面油');
  await visit('P1', '2025-10-29', 'home', 30000);
  const r3 = await request('P3', '2025-11-01', 'hardship');
  await visit('P2', '2025-11-12', 'video');
  await visit('P3', '2025-11-13', 'home');
  await at('2025-11-30', async () => {
    await ok(call(t.app, staff, 'pairs.end', { id: pair3, toDate: '2025-11-30', reason: '迁出' }));
    await ok(call(t.app, staff, 'persons.changeStatus', { id: id('P6'), status: 'moved_out', date: '2025-11-30', destination: '外省' }));
  });
  await at('2025-12-01', async () => {
    await ok(call(t.app, staff, 'assignments.end', { personId: id('P10'), role: 'primary', reason: '调整' }));
    for (let m = 1; m <= 11; m++) {
      const month = `2025-${String(m).padStart(2, '0')}`;
      const entries = [{ personId: id('P1'), amountFen: 1000 }, ...(m <= 6 ? [{ personId: id('P3'), amountFen: 500 }] : [])];
      await ok(call(t.app, staff, 'party.dues.recordMonth', { branchId: branch, month, paidOn: '2025-12-01', entries }));
    }
  });
  const r5 = await request('P1', '2025-12-20', 'emotional');
  await at('2025-12-21', () => ok(call(t.app, staff, 'health.addEvent', { personId: id('P4'), fields: { kind: 'hospitalisation', date: '2025-12-20', institution: '市第一医院' } })));
  const r4 = await request('P4', '2025-12-25', 'other');
  await visit('P4', '2025-12-27', 'hospital');
  await at('2025-12-31', async () => {
    const a2 = (await ok(call(t.app, staff, 'activities.create', { kind: 'health_talk', title: '冬季养生讲座', date: '2025-12-31' }))).id;
    await ok(call(t.app, staff, 'activities.signUp', { activityId: a2, personIds: [id('P4')] }));
    await ok(call(t.app, staff, 'volunteers.logService', { volunteerId: ids['V1'] as string, date: '2025-12-31', hours: 1, description: '义诊协助' }));
  });
  await at('2026-01-01', () => ok(call(t.app, staff, 'volunteers.logService', { volunteerId: ids['V1'] as string, date: '2026-01-01', hours: 0.5, description: '元旦慰问' })));
  await at('2026-01-05', async () => {
    await add(P8);
    await ok(call(t.app, staff, 'requests.setStatus', { id: r5, status: 'declined', resolution: '家属已安排', resolvedOn: '2026-01-05' }));
  });
  await at('2026-01-15', () => ok(call(t.app, staff, 'health.addAssessment', { personId: id('P3'), assessedOn: '2026-01-15', items: MID70 })));
  setDay(t, '2026-03-10');
  // A record whose birth date was lost (rows from an older packet carry such values): counted, but not aged.
  t.app.db.prepare("UPDATE persons SET birth_date = '' WHERE id = ?").run(id('P10'));
  ids['R3'] = r3;
  ids['R4'] = r4;
  return { t, admin, staff, gw1, gw2, viewer, ids, users, grids: { A, B } };
}
