import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok, errorCode, dumpDatabase, tempDir } from '../helpers/app';
import { openDatabase } from '../../main/db/connection';
import { careOffice, addPerson, setDay, type CareOffice } from './care.helpers';
import type { ChannelInput } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { hoursText } from '../../shared/schemas/volunteers';
import { personInput } from '../helpers/persons';
import { addPerson as packetPerson, closeAll, makeOffice, rowsOf, send, trustBoth, type Office } from './packets.helpers';

/** The error code of a refused call, checking that the refusal wrote nothing at all. */
async function refused(o: CareOffice, result: () => Promise<Result<unknown>>): Promise<string> {
  const before = dumpDatabase(o.t.app);
  const code = await errorCode(result());
  expect(dumpDatabase(o.t.app)).toEqual(before);
  return code;
}

/** The validation message keys of a refused call (which must also write nothing). */
async function issuesOf(o: CareOffice, result: () => Promise<Result<unknown>>): Promise<string[]> {
  const before = dumpDatabase(o.t.app);
  const r = await result();
  expect(dumpDatabase(o.t.app)).toEqual(before);
  if (r.ok) throw new Error('expected a refusal');
  expect(r.error.code).toBe('INVALID_INPUT');
  return ((r.error.details?.['issues'] ?? []) as { path: string; message: string }[]).map((i) => `${i.path}:${i.message}`);
}

async function team(o: CareOffice, name: string, kind: ChannelInput<'volunteers.createTeam'>['kind'] = 'patrol'): Promise<string> {
  return (await ok(call(o.t.app, o.staff, 'volunteers.createTeam', { name, kind, leader: '赵德明', foundedOn: '2024-03-05', description: '' }))).id;
}

async function outsider(o: CareOffice, name: string, kind: 'resident' | 'unit' | 'other' = 'resident', teamId: string | null = null): Promise<string> {
  return (await ok(call(o.t.app, o.staff, 'volunteers.create', { kind, name, phone: '13700000000', teamId, joinedOn: '2025-01-01' }))).id;
}

async function retiree(o: CareOffice, name: string, teamId: string | null = null): Promise<{ personId: string; id: string }> {
  const personId = await addPerson(o, { name });
  const { id } = await ok(call(o.t.app, o.staff, 'volunteers.create', { kind: 'retiree', personId, teamId, joinedOn: '2025-01-01' }));
  return { personId, id };
}

const log = (o: CareOffice, volunteerId: string, date: string, hours: number, teamId: string | null = null, description = '小区夜间巡逻') =>
  call(o.t.app, o.staff, 'volunteers.logService', { volunteerId, teamId, date, hours, description });

describe('volunteers: teams', () => {
  let o: CareOffice;
  beforeEach(async () => {
    o = await careOffice();
  });
  afterEach(() => o.t.close());

  it('creates, edits and lists teams with unique names; deleting is a tombstone, members leave and records stay', async () => {
    const patrol = await team(o, '幸福里治安巡逻队');
    await team(o, '关心下一代工作组', 'next_generation');
    expect(await refused(o, () => call(o.t.app, o.staff, 'volunteers.createTeam', { name: ' 幸福里治安巡逻队 ', kind: 'other' }))).toBe('TEAM_NAME_TAKEN');
    const other = await team(o, '交通疏导队', 'traffic');
    expect(await refused(o, () => call(o.t.app, o.staff, 'volunteers.updateTeam', { id: other, name: '幸福里治安巡逻队', kind: 'traffic' }))).toBe('TEAM_NAME_TAKEN');
    expect(await ok(call(o.t.app, o.staff, 'volunteers.updateTeam', { id: other, name: '和平路交通疏导队', kind: 'traffic', leader: '钱卫东', foundedOn: '2025年5月1日' }))).toEqual({ changed: true });
    expect(await ok(call(o.t.app, o.staff, 'volunteers.updateTeam', { id: other, name: '和平路交通疏导队', kind: 'traffic', leader: '钱卫东', foundedOn: '2025-05-01' }))).toEqual({ changed: false });
    expect(await issuesOf(o, () => call(o.t.app, o.staff, 'volunteers.createTeam', { name: '  ', kind: 'patrol' }))).toEqual(['name:volunteers.teamNameRequired']);
    expect(await issuesOf(o, () => call(o.t.app, o.staff, 'volunteers.createTeam', { name: '未来队', foundedOn: '2026-12-01' }))).toEqual(['foundedOn:date.inFuture']);
    expect(await refused(o, () => call(o.t.app, o.staff, 'volunteers.createTeam', { name: '队', kind: 'dancing' as 'other' }))).toBe('INVALID_INPUT');

    const teams = await ok(call(o.t.app, o.viewer, 'volunteers.teams', {}));
    expect(teams.map((t) => [t.name, t.kind, t.leader])).toEqual([
      ['关心下一代工作组', 'next_generation', '赵德明'],
      ['和平路交通疏导队', 'traffic', '钱卫东'],
      ['幸福里治安巡逻队', 'patrol', '赵德明'],
    ]);

    const a = await outsider(o, '刘小燕', 'resident', patrol);
    expect(await ok(log(o, a, '2026-11-20', 2, patrol))).toHaveProperty('id');
    await ok(call(o.t.app, o.staff, 'volunteers.deleteTeam', { id: patrol }));
    expect((await ok(call(o.t.app, o.staff, 'volunteers.teams', {}))).map((t) => t.name)).not.toContain('幸福里治安巡逻队');
    expect(await errorCode(call(o.t.app, o.staff, 'volunteers.team', { id: patrol }))).toBe('NOT_FOUND');
    expect(o.t.app.db.prepare('SELECT deleted_at IS NOT NULL AS gone FROM volunteer_teams WHERE id = ?').get(patrol)).toEqual({ gone: 1 });
    // The member left that day; the service record is kept and still names the team.
    const detail = await ok(call(o.t.app, o.staff, 'volunteers.get', { id: a }));
    expect(detail.memberships.map((m) => [m.teamName, m.toDate, m.teamDeleted])).toEqual([['幸福里治安巡逻队', '2026-11-27', true]]);
    expect(detail.teams).toEqual([]);
    const services = await ok(call(o.t.app, o.staff, 'volunteers.services', {}));
    expect(services.rows.map((s) => [s.teamName, s.teamDeleted, s.minutes])).toEqual([['幸福里治安巡逻队', true, 120]]);
    // The name is free again.
    await team(o, '幸福里治安巡逻队');
    expect(await refused(o, () => call(o.t.app, o.staff, 'volunteers.deleteTeam', { id: patrol }))).toBe('NOT_FOUND');
  });

  it('keeps joining and leaving as dated history; one current membership per team', async () => {
    const patrol = await team(o, '治安巡逻队');
    const a = await outsider(o, '刘小燕');
    const b = await outsider(o, '县供电公司志愿服务队', 'unit');
    const [m1, m2] = (await ok(call(o.t.app, o.staff, 'volunteers.join', { teamId: patrol, volunteerIds: [a, b], fromDate: '2026-03-01' }))).ids;
    expect(await refused(o, () => call(o.t.app, o.staff, 'volunteers.join', { teamId: patrol, volunteerIds: [b, a] }))).toBe('ALREADY_IN_TEAM');
    const r = await call(o.t.app, o.staff, 'volunteers.join', { teamId: patrol, volunteerIds: [a] });
    expect(r.ok ? null : r.error.details).toEqual({ name: '刘小燕' });
    expect(await issuesOf(o, () => call(o.t.app, o.staff, 'volunteers.join', { teamId: patrol, volunteerIds: [] }))).toEqual(['volunteerIds:volunteers.chooseVolunteers']);
    expect(await issuesOf(o, () => call(o.t.app, o.staff, 'volunteers.leave', { membershipId: m1 as string, toDate: '2026-02-28' }))).toEqual(['toDate:volunteers.leaveBeforeJoin']);
    expect(await issuesOf(o, () => call(o.t.app, o.staff, 'volunteers.leave', { membershipId: m1 as string, toDate: '2026-12-01' }))).toEqual(['toDate:date.inFuture']);
    expect(await ok(call(o.t.app, o.staff, 'volunteers.leave', { membershipId: m1 as string, toDate: '2026-09-30' }))).toEqual({ changed: true });
    expect(await refused(o, () => call(o.t.app, o.staff, 'volunteers.leave', { membershipId: m1 as string }))).toBe('ALREADY_LEFT_TEAM');
    // A new period may not start on or before the day the last one ended: periods in one team never overlap.
    for (const fromDate of ['2026-09-30', '2026-03-01', '2025-06-01']) {
      expect(await refused(o, () => call(o.t.app, o.staff, 'volunteers.join', { teamId: patrol, volunteerIds: [a], fromDate }))).toBe('REJOIN_BEFORE_LEFT');
    }
    const overlap = await call(o.t.app, o.staff, 'volunteers.join', { teamId: patrol, volunteerIds: [a], fromDate: '2026-09-01' });
    expect(overlap.ok ? null : overlap.error.details).toEqual({ name: '刘小燕', date: '2026-09-30', path: 'fromDate' });
    // Rejoining makes a new row; the old one stays.
    await ok(call(o.t.app, o.staff, 'volunteers.join', { teamId: patrol, volunteerIds: [a] }));
    const detail = await ok(call(o.t.app, o.staff, 'volunteers.team', { id: patrol }));
    expect(detail.memberCount).toBe(2);
    expect(detail.members.map((m) => [m.volunteerName, m.fromDate, m.toDate])).toEqual([
      ['刘小燕', '2026-11-27', null],
      ['县供电公司志愿服务队', '2026-03-01', null],
      ['刘小燕', '2026-03-01', '2026-09-30'],
    ]);
    expect(detail.members.find((m) => m.id === m2)?.volunteerKind).toBe('unit');
    const list = await ok(call(o.t.app, o.staff, 'volunteers.list', { teamId: patrol }));
    expect(list.rows.map((v) => v.name).sort()).toEqual(['刘小燕', '县供电公司志愿服务队'].sort());
    expect(list.rows[0]?.teams).toEqual(['治安巡逻队']);
  });
});

describe('volunteers: people', () => {
  let o: CareOffice;
  beforeEach(async () => {
    o = await careOffice();
  });
  afterEach(() => o.t.close());

  it('registers a registry person once (name and phone copied, name following the registry) and outsiders by name', async () => {
    const patrol = await team(o, '治安巡逻队');
    const { personId, id } = await retiree(o, '张建华', patrol);
    const detail = await ok(call(o.t.app, o.viewer, 'volunteers.get', { id }));
    expect(detail).toMatchObject({ personId, name: '张建华', kind: 'retiree', phone: '13800138000', teams: ['治安巡逻队'], minutesYear: 0, servicesTotal: 0 });
    expect(await refused(o, () => call(o.t.app, o.staff, 'volunteers.create', { kind: 'retiree', personId }))).toBe('ALREADY_A_VOLUNTEER');
    expect(await issuesOf(o, () => call(o.t.app, o.staff, 'volunteers.create', { kind: 'retiree', name: '某某' }))).toEqual(['personId:volunteers.personRequired']);
    expect(await issuesOf(o, () => call(o.t.app, o.staff, 'volunteers.create', { kind: 'resident', name: '' }))).toEqual(['name:volunteers.nameRequired']);
    expect(await issuesOf(o, () => call(o.t.app, o.staff, 'volunteers.create', { kind: 'resident', name: '李四', personId }))).toEqual(['personId:volunteers.personOnlyForRetiree']);
    expect(await refused(o, () => call(o.t.app, o.staff, 'volunteers.create', { kind: 'retiree', personId: '018f0000-0000-7000-8000-000000000000' }))).toBe('NOT_FOUND');
    // Joining a missing team refuses the volunteer too: one transaction.
    expect(await refused(o, () => call(o.t.app, o.staff, 'volunteers.create', { kind: 'resident', name: '王芳', teamId: '018f0000-0000-7000-8000-000000000000' }))).toBe('NOT_FOUND');

    // The registry corrects the name: lists show the new one, and an edit copies it.
    const { person } = await ok(call(o.t.app, o.admin, 'persons.get', { id: personId }));
    await ok(call(o.t.app, o.admin, 'persons.update', { id: personId, fields: personInput({ name: '张建化', idNumber: person.idNumber }) }));
    expect((await ok(call(o.t.app, o.staff, 'volunteers.get', { id }))).name).toBe('张建化');
    await ok(call(o.t.app, o.staff, 'volunteers.update', { id, name: 'ignored', phone: '13911112222', notes: '周二、周四有空' }));
    expect(o.t.app.db.prepare('SELECT name, phone, notes, name_pinyin FROM volunteers WHERE id = ?').get(id)).toEqual({
      name: '张建化',
      phone: '13911112222',
      notes: '周二、周四有空',
      name_pinyin: 'zhangjianhua',
    });

    const unit = await outsider(o, '县供电公司', 'unit');
    await ok(call(o.t.app, o.staff, 'volunteers.update', { id: unit, name: '县供电公司青年志愿者', organisation: '国网县供电公司' }));
    expect(await issuesOf(o, () => call(o.t.app, o.staff, 'volunteers.update', { id: unit, name: '' }))).toEqual(['name:volunteers.nameRequired']);
    expect((await ok(call(o.t.app, o.staff, 'volunteers.get', { id: unit }))).organisation).toBe('国网县供电公司');

    // The person page.
    const mine = await ok(call(o.t.app, o.viewer, 'volunteers.ofPerson', { personId }));
    expect(mine.volunteer?.id).toBe(id);
    const nobody = await addPerson(o, { name: '孙立平' });
    expect(await ok(call(o.t.app, o.viewer, 'volunteers.ofPerson', { personId: nobody }))).toEqual({ volunteer: null, recent: [] });
  });

  it('searches by name, pinyin and initials, filters by kind and team, and pages', async () => {
    const patrol = await team(o, '治安巡逻队');
    await retiree(o, '张建华', patrol);
    await retiree(o, '李秀英');
    await outsider(o, '王小明', 'resident', patrol);
    await outsider(o, '县供电公司', 'unit');
    const names = async (input: ChannelInput<'volunteers.list'>) => (await ok(call(o.t.app, o.viewer, 'volunteers.list', input))).rows.map((r) => r.name);
    expect(await names({})).toEqual(['李秀英', '王小明', '县供电公司', '张建华']);
    expect(await names({ q: '建' })).toEqual(['张建华']);
    expect(await names({ q: 'zjh' })).toEqual(['张建华']);
    expect(await names({ q: 'Wang' })).toEqual(['王小明']);
    expect(await names({ q: '%' })).toEqual([]);
    expect(await names({ kind: 'retiree' })).toEqual(['李秀英', '张建华']);
    expect(await names({ kind: 'unit' })).toEqual(['县供电公司']);
    expect(await names({ teamId: patrol })).toEqual(['王小明', '张建华']);
    const page = await ok(call(o.t.app, o.viewer, 'volunteers.list', { limit: 2, offset: 1 }));
    expect([page.total, page.rows.map((r) => r.name)]).toEqual([4, ['王小明', '县供电公司']]);
  });

  it('deleting a volunteer tombstones them with their memberships and records; a person may then be added again', async () => {
    const patrol = await team(o, '治安巡逻队');
    const { personId, id } = await retiree(o, '张建华', patrol);
    await ok(log(o, id, '2026-11-01', 3, patrol));
    await ok(call(o.t.app, o.staff, 'volunteers.delete', { id }));
    for (const table of ['volunteers', 'volunteer_team_members', 'volunteer_services']) {
      expect(o.t.app.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE deleted_at IS NULL`).get()).toEqual({ n: 0 });
      expect((o.t.app.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n).toBeGreaterThan(0);
    }
    expect((await ok(call(o.t.app, o.staff, 'volunteers.stats', {}))).totalMinutes).toBe(0);
    expect((await ok(call(o.t.app, o.staff, 'volunteers.team', { id: patrol }))).memberCount).toBe(0);
    expect(await ok(call(o.t.app, o.staff, 'volunteers.ofPerson', { personId }))).toEqual({ volunteer: null, recent: [] });
    expect(await refused(o, () => call(o.t.app, o.staff, 'volunteers.delete', { id }))).toBe('NOT_FOUND');
    expect(await ok(call(o.t.app, o.staff, 'volunteers.create', { kind: 'retiree', personId }))).toHaveProperty('id');
    // Everything shows in the person's change history.
    const history = await ok(call(o.t.app, o.staff, 'persons.history', { id: personId }));
    expect(history.filter((h) => h.entity.startsWith('volunteer')).map((h) => `${h.entity}:${h.action}`)).toEqual([
      'volunteer:create',
      'volunteer:delete',
      'volunteer_membership:delete',
      'volunteer_service:delete',
      'volunteer_service:create',
      'volunteer_membership:create',
      'volunteer:create',
    ]);
  });
});

describe('volunteers: service records', () => {
  let o: CareOffice;
  beforeEach(async () => {
    o = await careOffice();
  });
  afterEach(() => o.t.close());

  it('takes hours, stores whole minutes, refuses nothing, more than a day, a future date or a team they were never in', async () => {
    const patrol = await team(o, '治安巡逻队');
    const traffic = await team(o, '交通疏导队', 'traffic');
    const a = await outsider(o, '刘小燕', 'resident', patrol);
    for (const [hours, minutes] of [
      [2, 120],
      [1.5, 90],
      [0.25, 15],
      [1.33, 80],
      [24, 1440],
      [0.1, 6],
    ] as const) {
      const { id } = await ok(log(o, a, '2026-11-20', hours, patrol));
      expect(o.t.app.db.prepare('SELECT minutes FROM volunteer_services WHERE id = ?').get(id)).toEqual({ minutes });
    }
    expect(await issuesOf(o, () => log(o, a, '2026-11-20', 0))).toEqual(['hours:volunteers.hoursPositive']);
    expect(await issuesOf(o, () => log(o, a, '2026-11-20', -1))).toEqual(['hours:volunteers.hoursPositive']);
    // Under 0.1 h a record would show as "0.0 小时": refused with its own plain message.
    for (const hours of [0.09, 0.01, 0.001]) expect(await issuesOf(o, () => log(o, a, '2026-11-20', hours))).toEqual(['hours:volunteers.hoursMin']);
    expect(await issuesOf(o, () => log(o, a, '2026-11-20', 24.5))).toEqual(['hours:volunteers.hoursMax']);
    expect(await issuesOf(o, () => log(o, a, '2026-11-28', 1))).toEqual(['date:date.inFuture']);
    expect(await issuesOf(o, () => log(o, a, '2026-11-20', 1, null, '   '))).toEqual(['description:volunteers.descriptionRequired']);
    expect(await refused(o, () => log(o, a, '2026-11-20', 1, traffic))).toBe('NOT_IN_TEAM');
    const r = await log(o, a, '2026-11-20', 1, traffic);
    expect(r.ok ? null : r.error.details).toMatchObject({ name: '刘小燕', team: '交通疏导队' });
    expect(await ok(log(o, a, '2026-11-20', 1, null))).toHaveProperty('id');

    // A team they left still counts for records (they were in it).
    const [m] = (await ok(call(o.t.app, o.staff, 'volunteers.join', { teamId: traffic, volunteerIds: [a], fromDate: '2026-05-01' }))).ids;
    await ok(call(o.t.app, o.staff, 'volunteers.leave', { membershipId: m as string, toDate: '2026-06-30' }));
    const { id } = await ok(log(o, a, '2026-06-15', 2.5, traffic, '中考期间路口疏导'));

    // Edit and delete.
    expect(await ok(call(o.t.app, o.staff, 'volunteers.updateService', { id, teamId: null, date: '2026-06-16', hours: 3, description: '中考期间路口疏导' }))).toEqual({ changed: true });
    expect(o.t.app.db.prepare('SELECT team_id, date, minutes FROM volunteer_services WHERE id = ?').get(id)).toEqual({ team_id: null, date: '2026-06-16', minutes: 180 });
    expect(await issuesOf(o, () => call(o.t.app, o.staff, 'volunteers.updateService', { id, date: '2026-06-16', hours: 25, description: 'x' }))).toEqual(['hours:volunteers.hoursMax']);
    await ok(call(o.t.app, o.staff, 'volunteers.deleteService', { id }));
    expect(await refused(o, () => call(o.t.app, o.staff, 'volunteers.updateService', { id, date: '2026-06-16', hours: 1, description: 'x' }))).toBe('NOT_FOUND');
    expect((await ok(call(o.t.app, o.staff, 'volunteers.services', { volunteerId: a }))).rows.map((s) => s.id)).not.toContain(id);
  });

  it('counts a record for a team only on a day the volunteer was in it: joining and leaving days count', async () => {
    const patrol = await team(o, '治安巡逻队');
    const a = await outsider(o, '刘小燕');
    const [first] = (await ok(call(o.t.app, o.staff, 'volunteers.join', { teamId: patrol, volunteerIds: [a], fromDate: '2026-03-01' }))).ids;
    await ok(call(o.t.app, o.staff, 'volunteers.leave', { membershipId: first as string, toDate: '2026-06-30' }));
    const [second] = (await ok(call(o.t.app, o.staff, 'volunteers.join', { teamId: patrol, volunteerIds: [a], fromDate: '2026-09-01' }))).ids;
    await ok(call(o.t.app, o.staff, 'volunteers.leave', { membershipId: second as string, toDate: '2026-10-31' }));

    /** The code and details of a refusal that left the database as it was. */
    const refusal = async (result: () => Promise<Result<unknown>>) => {
      const before = dumpDatabase(o.t.app);
      const r = await result();
      expect(dumpDatabase(o.t.app)).toEqual(before);
      if (r.ok) throw new Error('expected a refusal');
      return { code: r.error.code, ...r.error.details };
    };
    expect(await refusal(() => log(o, a, '2026-02-28', 2, patrol))).toEqual({
      code: 'SERVICE_BEFORE_JOINING',
      name: '刘小燕',
      team: '治安巡逻队',
      joined: '2026-03-01',
      date: '2026-02-28',
      path: 'teamId',
    });
    // Between two periods the next joining day explains it; after the last one, the leaving day.
    expect(await refusal(() => log(o, a, '2026-07-15', 2, patrol))).toMatchObject({ code: 'SERVICE_BEFORE_JOINING', joined: '2026-09-01' });
    expect(await refusal(() => log(o, a, '2026-11-05', 2, patrol))).toMatchObject({ code: 'SERVICE_AFTER_LEAVING', name: '刘小燕', team: '治安巡逻队', left: '2026-10-31' });
    for (const date of ['2026-03-01', '2026-06-30', '2026-09-01', '2026-10-31']) await ok(log(o, a, date, 1, patrol));
    // The same day without a team is always fine.
    await ok(log(o, a, '2026-11-05', 2, null));

    // Editing: moving a team's record to a day outside, or giving a record a team it was not in then.
    const { id } = await ok(log(o, a, '2026-04-10', 2, patrol, '清明节期间巡逻'));
    const edit = (date: string, teamId: string | null) => call(o.t.app, o.staff, 'volunteers.updateService', { id, teamId, date, hours: 2, description: '清明节期间巡逻' });
    expect(await refusal(() => edit('2026-08-10', patrol))).toMatchObject({ code: 'SERVICE_BEFORE_JOINING', joined: '2026-09-01', path: 'date' });
    const { id: loose } = await ok(log(o, a, '2026-08-10', 2, null));
    expect(await refusal(() => call(o.t.app, o.staff, 'volunteers.updateService', { id: loose, teamId: patrol, date: '2026-08-10', hours: 2, description: 'x' }))).toMatchObject({
      code: 'SERVICE_BEFORE_JOINING',
      path: 'teamId',
    });
    expect(await ok(edit('2026-09-10', patrol))).toEqual({ changed: true });
    const list = await ok(call(o.t.app, o.staff, 'volunteers.services', { teamId: patrol }));
    expect([list.total, list.totalMinutes]).toEqual([5, 360]);
  });

  it('refuses leaving a team before the day of a service record kept for it, naming the latest one', async () => {
    const patrol = await team(o, '治安巡逻队');
    const traffic = await team(o, '交通疏导队', 'traffic');
    const a = await outsider(o, '刘小燕');
    const b = await outsider(o, '王建国');
    const [mine] = (await ok(call(o.t.app, o.staff, 'volunteers.join', { teamId: patrol, volunteerIds: [a, b], fromDate: '2026-03-01' }))).ids;
    await ok(call(o.t.app, o.staff, 'volunteers.join', { teamId: traffic, volunteerIds: [a], fromDate: '2026-03-01' }));
    await ok(log(o, a, '2026-05-10', 2, patrol));
    await ok(log(o, a, '2026-08-20', 3, patrol, '中秋节前夜间巡逻'));
    const { id: removed } = await ok(log(o, a, '2026-09-15', 2, patrol));
    await ok(call(o.t.app, o.staff, 'volunteers.deleteService', { id: removed }));
    // Records of other teams, without a team, or of someone else in the team do not hold her in it.
    await ok(log(o, a, '2026-10-01', 2, traffic, '国庆路口疏导'));
    await ok(log(o, a, '2026-10-02', 1, null, '看望独居老人'));
    await ok(log(o, b, '2026-11-01', 2, patrol));

    const leave = (toDate: string) => call(o.t.app, o.staff, 'volunteers.leave', { membershipId: mine as string, toDate });
    for (const toDate of ['2026-03-01', '2026-08-19']) expect(await refused(o, () => leave(toDate))).toBe('LEAVE_BEFORE_SERVICE');
    const before = dumpDatabase(o.t.app);
    const r = await leave('2026-07-31');
    expect(dumpDatabase(o.t.app)).toEqual(before);
    expect(r.ok ? null : r.error.details).toEqual({ name: '刘小燕', team: '治安巡逻队', date: '2026-08-20', path: 'toDate' });
    // The day of the latest record still counts as a day in the team.
    expect(await ok(leave('2026-08-20'))).toEqual({ changed: true });
    const detail = await ok(call(o.t.app, o.staff, 'volunteers.get', { id: a }));
    expect(detail.memberships.find((m) => m.id === mine)?.toDate).toBe('2026-08-20');
  });

  it('refuses a team quick entry dated before some of them joined, naming them, and writes nothing', async () => {
    const patrol = await team(o, '幸福里治安巡逻队');
    const old = await outsider(o, '刘小燕', 'resident', patrol);
    const { id: newcomer } = await retiree(o, '张建华');
    await ok(call(o.t.app, o.staff, 'volunteers.join', { teamId: patrol, volunteerIds: [newcomer], fromDate: '2026-11-27' }));
    const batch = (date: string) =>
      call(o.t.app, o.staff, 'volunteers.logBatch', {
        teamId: patrol,
        date,
        description: '夜间治安巡逻',
        entries: [
          { volunteerId: old, hours: 2 },
          { volunteerId: newcomer, hours: 2 },
        ],
      });
    const before = dumpDatabase(o.t.app);
    const r = await batch('2026-11-20');
    expect(dumpDatabase(o.t.app)).toEqual(before);
    expect(r.ok ? null : { code: r.error.code, ...r.error.details }).toEqual({
      code: 'SERVICE_BEFORE_JOINING',
      name: '张建华',
      team: '幸福里治安巡逻队',
      joined: '2026-11-27',
      date: '2026-11-20',
      path: 'entries.1.volunteerId',
    });
    expect(await ok(batch('2026-11-27'))).toHaveProperty('ids');
    const team2 = await ok(call(o.t.app, o.staff, 'volunteers.team', { id: patrol }));
    expect([team2.servicesYear, team2.minutesYear]).toEqual([2, 240]);
  });

  it('quick entry for a team writes every record or none', async () => {
    const patrol = await team(o, '治安巡逻队');
    const a = await outsider(o, '刘小燕', 'resident', patrol);
    const { id: b, personId } = await retiree(o, '张建华', patrol);
    const stranger = await outsider(o, '王小明');
    const batch = (entries: { volunteerId: string; hours: number }[], date = '2026-11-26') =>
      call(o.t.app, o.staff, 'volunteers.logBatch', { teamId: patrol, date, description: '夜间治安巡逻', entries });
    expect(await refused(o, () => batch([{ volunteerId: a, hours: 2 }, { volunteerId: stranger, hours: 2 }]))).toBe('NOT_IN_TEAM');
    expect(await issuesOf(o, () => batch([{ volunteerId: a, hours: 2 }, { volunteerId: b, hours: 30 }]))).toEqual(['entries.1.hours:volunteers.hoursMax']);
    expect(await issuesOf(o, () => batch([{ volunteerId: a, hours: 0.05 }, { volunteerId: b, hours: 2 }]))).toEqual(['entries.0.hours:volunteers.hoursMin']);
    expect(await issuesOf(o, () => batch([{ volunteerId: a, hours: 2 }, { volunteerId: a, hours: 1 }]))).toEqual(['entries.1.volunteerId:volunteers.duplicateVolunteer']);
    expect(await issuesOf(o, () => batch([]))).toEqual(['entries:volunteers.chooseVolunteers']);
    expect(await issuesOf(o, () => batch([{ volunteerId: a, hours: 2 }], '2027-01-01'))).toEqual(['date:date.inFuture']);
    const { ids } = await ok(batch([{ volunteerId: a, hours: 2 }, { volunteerId: b, hours: 1.5 }]));
    expect(ids).toHaveLength(2);
    const list = await ok(call(o.t.app, o.staff, 'volunteers.services', { teamId: patrol }));
    expect([list.total, list.totalMinutes]).toEqual([2, 210]);
    expect(list.rows.map((s) => [s.volunteerName, s.minutes, s.date, s.description])).toEqual(
      expect.arrayContaining([
        ['刘小燕', 120, '2026-11-26', '夜间治安巡逻'],
        ['张建华', 90, '2026-11-26', '夜间治安巡逻'],
      ]),
    );
    // The retiree's record is in their change history, the outsider's is not in anyone's.
    const history = await ok(call(o.t.app, o.staff, 'persons.history', { id: personId }));
    expect(history[0]).toMatchObject({ entity: 'volunteer_service', action: 'create', entityId: ids[1] });
    expect(o.t.app.db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'volunteer_service' AND entity_id = ?").get(ids[0])).toEqual({ n: 1 });
  });
});

describe('volunteers: totals', () => {
  let o: CareOffice;
  beforeEach(async () => {
    o = await careOffice();
  });
  afterEach(() => o.t.close());

  it('sums minutes per year, month, team and person; Dec 31 and Jan 1 fall in their own years; tombstones do not count', async () => {
    const patrol = await team(o, '治安巡逻队');
    const policy = await team(o, '政策宣讲团', 'policy');
    const a = await outsider(o, '刘小燕', 'resident', patrol);
    const { id: b } = await retiree(o, '张建华', patrol);
    await ok(call(o.t.app, o.staff, 'volunteers.join', { teamId: policy, volunteerIds: [b], fromDate: '2025-01-01' }));
    setDay(o, '2027-01-01');
    await ok(log(o, a, '2025-12-31', 4, patrol)); // last year
    await ok(log(o, a, '2026-01-01', 2, patrol)); // January
    await ok(log(o, a, '2026-12-31', 1.5, patrol)); // December
    await ok(log(o, b, '2026-03-15', 3, policy));
    await ok(log(o, b, '2026-03-20', 1, null));
    await ok(log(o, b, '2027-01-01', 8, patrol)); // next year
    const gone = await ok(log(o, b, '2026-03-21', 10, policy));
    await ok(call(o.t.app, o.staff, 'volunteers.deleteService', { id: gone.id }));

    const s = await ok(call(o.t.app, o.viewer, 'volunteers.stats', { year: 2026 }));
    expect([s.year, s.totalMinutes, s.services, s.volunteers]).toEqual([2026, 450, 4, 2]);
    expect(s.years).toEqual([2027, 2026, 2025]);
    expect(s.months.map((m) => m.minutes)).toEqual([120, 0, 240, 0, 0, 0, 0, 0, 0, 0, 0, 90]);
    expect(s.months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(s.teams.map((t) => [t.teamName, t.minutes, t.services, t.volunteers])).toEqual([
      ['治安巡逻队', 210, 2, 1],
      ['政策宣讲团', 180, 1, 1],
      [null, 60, 1, 1],
    ]);
    expect(s.top.map((p) => [p.rank, p.name, p.minutes])).toEqual([
      [1, '张建华', 240],
      [2, '刘小燕', 210],
    ]);
    expect((await ok(call(o.t.app, o.viewer, 'volunteers.stats', { year: 2025 }))).totalMinutes).toBe(240);
    // With no year: this year (the clock says 2027).
    const now = await ok(call(o.t.app, o.viewer, 'volunteers.stats', {}));
    expect([now.year, now.totalMinutes, now.top.map((p) => p.name)]).toEqual([2027, 480, ['张建华']]);

    // Per person and per team of a year.
    const people = await ok(call(o.t.app, o.viewer, 'volunteers.list', { year: 2026 }));
    expect(people.rows.map((r) => [r.name, r.minutesYear, r.minutesTotal])).toEqual([
      ['刘小燕', 210, 450],
      ['张建华', 240, 720],
    ]);
    const teams = await ok(call(o.t.app, o.viewer, 'volunteers.teams', { year: 2026 }));
    expect(teams.map((t) => [t.name, t.memberCount, t.minutesYear, t.servicesYear, t.minutesTotal])).toEqual([
      ['政策宣讲团', 1, 180, 1, 180],
      ['治安巡逻队', 2, 210, 2, 930],
    ]);
    const detail = await ok(call(o.t.app, o.viewer, 'volunteers.get', { id: b, year: 2026 }));
    expect([detail.minutesYear, detail.servicesYear, detail.minutesTotal, detail.servicesTotal]).toEqual([240, 2, 720, 3]);
    const members = await ok(call(o.t.app, o.viewer, 'volunteers.team', { id: patrol, year: 2026 }));
    expect(members.members.map((m) => [m.volunteerName, m.minutesYear])).toEqual([
      ['刘小燕', 210],
      ['张建华', 0],
    ]);
    const range = await ok(call(o.t.app, o.viewer, 'volunteers.services', { from: '2026-01-01', to: '2026-12-31' }));
    expect([range.total, range.totalMinutes, range.rows.map((r) => r.date)]).toEqual([4, 450, ['2026-12-31', '2026-03-20', '2026-03-15', '2026-01-01']]);
    // A range that ends before it starts is refused at the end date; one day is fine.
    expect(await issuesOf(o, () => call(o.t.app, o.viewer, 'volunteers.services', { from: '2026-12-31', to: '2026-01-01' }))).toEqual(['to:volunteers.toBeforeFrom']);
    expect((await ok(call(o.t.app, o.viewer, 'volunteers.services', { from: '2026-12-31', to: '2026-12-31' }))).totalMinutes).toBe(90);
    expect(hoursText(450)).toBe('7.5');
    expect(hoursText(80)).toBe('1.3');
  });

  it('keeps a deleted team on its own line of the totals, apart from records without a team', async () => {
    const patrol = await team(o, '治安巡逻队');
    const policy = await team(o, '政策宣讲团', 'policy');
    const a = await outsider(o, '刘小燕', 'resident', patrol);
    await ok(call(o.t.app, o.staff, 'volunteers.join', { teamId: policy, volunteerIds: [a], fromDate: '2026-01-01' }));
    await ok(log(o, a, '2026-04-01', 3, patrol));
    await ok(log(o, a, '2026-04-02', 2, policy));
    await ok(log(o, a, '2026-04-03', 1, null));
    await ok(call(o.t.app, o.staff, 'volunteers.deleteTeam', { id: policy }));
    const s = await ok(call(o.t.app, o.viewer, 'volunteers.stats', { year: 2026 }));
    expect(s.totalMinutes).toBe(360);
    expect(s.teams.map((t) => [t.teamId, t.teamName, t.kind, t.teamDeleted, t.minutes, t.services])).toEqual([
      [patrol, '治安巡逻队', 'patrol', false, 180, 1],
      [policy, '政策宣讲团', 'policy', true, 120, 1],
      [null, null, null, false, 60, 1],
    ]);
    // A new team of the old name is a line of its own too.
    const again = await team(o, '政策宣讲团', 'policy');
    await ok(call(o.t.app, o.staff, 'volunteers.join', { teamId: again, volunteerIds: [a], fromDate: '2026-11-01' }));
    await ok(log(o, a, '2026-11-02', 4, again));
    const after = await ok(call(o.t.app, o.viewer, 'volunteers.stats', { year: 2026 }));
    expect(after.teams.map((t) => [t.teamName, t.teamDeleted, t.minutes])).toEqual([
      ['政策宣讲团', false, 240],
      ['治安巡逻队', false, 180],
      ['政策宣讲团', true, 120],
      [null, false, 60],
    ]);
  });

  it('leaves out a registry volunteer whose person was deleted from the registry, everywhere alike', async () => {
    const patrol = await team(o, '治安巡逻队');
    const a = await outsider(o, '刘小燕', 'resident', patrol);
    const { id: b, personId } = await retiree(o, '张建华', patrol);
    await ok(log(o, a, '2026-05-01', 2, patrol));
    const { id: serviceId } = await ok(log(o, b, '2026-05-01', 5, patrol));
    await ok(log(o, b, '2025-05-01', 1, patrol));
    expect((await ok(call(o.t.app, o.viewer, 'volunteers.stats', { year: 2026 }))).totalMinutes).toBe(420);

    await ok(call(o.t.app, o.admin, 'persons.delete', { id: personId }));
    const s = await ok(call(o.t.app, o.viewer, 'volunteers.stats', { year: 2026 }));
    expect([s.totalMinutes, s.services, s.volunteers, s.years]).toEqual([120, 1, 1, [2026]]);
    expect(s.months[4]?.minutes).toBe(120);
    expect(s.teams.map((t) => [t.teamName, t.minutes, t.volunteers])).toEqual([['治安巡逻队', 120, 1]]);
    expect(s.top.map((p) => p.name)).toEqual(['刘小燕']);
    expect((await ok(call(o.t.app, o.viewer, 'volunteers.list', {}))).rows.map((v) => v.name)).toEqual(['刘小燕']);
    expect(await ok(call(o.t.app, o.viewer, 'volunteers.services', {}))).toMatchObject({ total: 1, totalMinutes: 120 });
    const teams = await ok(call(o.t.app, o.viewer, 'volunteers.teams', { year: 2026 }));
    expect(teams.map((t) => [t.memberCount, t.minutesYear, t.minutesTotal])).toEqual([[1, 120, 120]]);
    expect((await ok(call(o.t.app, o.viewer, 'volunteers.team', { id: patrol }))).members.map((m) => m.volunteerName)).toEqual(['刘小燕']);
    expect(await refused(o, () => call(o.t.app, o.viewer, 'volunteers.get', { id: b }))).toBe('NOT_FOUND');
    expect(await refused(o, () => log(o, b, '2026-05-02', 1))).toBe('NOT_FOUND');
    expect(await refused(o, () => call(o.t.app, o.staff, 'volunteers.deleteService', { id: serviceId }))).toBe('NOT_FOUND');
    expect(await refused(o, () => call(o.t.app, o.staff, 'volunteers.join', { teamId: patrol, volunteerIds: [b] }))).toBe('NOT_FOUND');
    // Their rows are left as they were (deleting the person wrote nothing of ours).
    expect(o.t.app.db.prepare('SELECT count(*) AS n FROM volunteer_services WHERE volunteer_id = ? AND deleted_at IS NULL').get(b)).toEqual({ n: 2 });
  });

  it('lists only years with living records, across gaps; people tied on hours share the rank in name order', async () => {
    const a = await outsider(o, '刘小燕');
    const d = await outsider(o, '吴敏');
    const { id: b } = await retiree(o, '张建华');
    const c = await outsider(o, '安然');
    await ok(log(o, a, '2019-06-01', 2));
    const gone = await ok(log(o, a, '2023-03-01', 1));
    await ok(call(o.t.app, o.staff, 'volunteers.deleteService', { id: gone.id }));
    await ok(log(o, d, '2021-02-02', 5));
    await ok(call(o.t.app, o.staff, 'volunteers.delete', { id: d }));
    for (const id of [a, b, c]) await ok(log(o, id, '2026-05-01', 3));
    await ok(log(o, b, '2026-05-20', 0.5));
    await ok(log(o, b, '2026-05-21', 0.5));
    await ok(log(o, c, '2026-06-01', 1));
    const s = await ok(call(o.t.app, o.viewer, 'volunteers.stats', { year: 2026 }));
    expect(s.years).toEqual([2026, 2019]);
    expect([s.totalMinutes, s.services, s.volunteers]).toEqual([660, 6, 3]);
    expect(s.months.map((m) => [m.minutes, m.services]).slice(4, 6)).toEqual([
      [600, 5],
      [60, 1],
    ]);
    expect(s.top.map((p) => [p.rank, p.name, p.minutes, p.services])).toEqual([
      [1, '安然', 240, 2],
      [1, '张建华', 240, 3],
      [3, '刘小燕', 180, 1],
    ]);
    // A year asked for is offered even without records; a year with only deleted records is not.
    const empty = await ok(call(o.t.app, o.viewer, 'volunteers.stats', { year: 2023 }));
    expect([empty.years, empty.totalMinutes, empty.teams, empty.top]).toEqual([[2026, 2023, 2019], 0, [], []]);
  });

  it('ranks the top ten by hours with shared ranks for ties, and shows everyone tied at tenth place', async () => {
    const patrol = await team(o, '治安巡逻队');
    const names = ['赵一', '钱二', '孙三', '李四', '周五', '吴六', '郑七', '王八', '冯九', '陈十', '褚十一', '卫十二'];
    const hours = [10, 9, 9, 8, 7, 6, 5, 4, 3, 2, 2, 1];
    const ids: string[] = [];
    for (const name of names) ids.push(await outsider(o, name, 'resident', patrol));
    await ok(
      call(o.t.app, o.staff, 'volunteers.logBatch', {
        teamId: patrol,
        date: '2026-10-10',
        description: '重阳节敬老活动',
        entries: ids.map((volunteerId, i) => ({ volunteerId, hours: hours[i] as number })),
      }),
    );
    const { top } = await ok(call(o.t.app, o.viewer, 'volunteers.stats', { year: 2026 }));
    expect(top.map((p) => [p.rank, p.name, p.minutes / 60])).toEqual([
      [1, '赵一', 10],
      [2, '钱二', 9],
      [2, '孙三', 9],
      [4, '李四', 8],
      [5, '周五', 7],
      [6, '吴六', 6],
      [7, '郑七', 5],
      [8, '王八', 4],
      [9, '冯九', 3],
      [10, '陈十', 2],
      [10, '褚十一', 2],
    ]);
  });
});

describe('volunteers: roles and audit', () => {
  let o: CareOffice;
  beforeEach(async () => {
    o = await careOffice();
  });
  afterEach(() => o.t.close());

  it('viewers read but cannot write; grid workers get nothing; every write is audited', async () => {
    const patrol = await team(o, '治安巡逻队');
    const a = await outsider(o, '刘小燕', 'resident', patrol);
    for (const read of [
      () => call(o.t.app, o.viewer, 'volunteers.teams', {}),
      () => call(o.t.app, o.viewer, 'volunteers.team', { id: patrol }),
      () => call(o.t.app, o.viewer, 'volunteers.list', {}),
      () => call(o.t.app, o.viewer, 'volunteers.get', { id: a }),
      () => call(o.t.app, o.viewer, 'volunteers.services', {}),
      () => call(o.t.app, o.viewer, 'volunteers.stats', {}),
    ]) {
      expect((await read()).ok).toBe(true);
    }
    expect(await refused(o, () => call(o.t.app, o.viewer, 'volunteers.createTeam', { name: '读者队' }))).toBe('FORBIDDEN');
    expect(await refused(o, () => call(o.t.app, o.viewer, 'volunteers.logService', { volunteerId: a, date: '2026-11-01', hours: 1, description: '巡逻' }))).toBe('FORBIDDEN');
    expect(await refused(o, () => call(o.t.app, o.viewer, 'volunteers.delete', { id: a }))).toBe('FORBIDDEN');
    expect(await refused(o, () => call(o.t.app, o.gw1, 'volunteers.list', {}))).toBe('FORBIDDEN');
    expect(await refused(o, () => call(o.t.app, o.gw1, 'volunteers.stats', {}))).toBe('FORBIDDEN');
    expect(await refused(o, () => call(o.t.app, o.gw1, 'volunteers.logBatch', { teamId: patrol, date: '2026-11-01', description: '巡逻', entries: [{ volunteerId: a, hours: 1 }] }))).toBe(
      'FORBIDDEN',
    );
    // Admins write too.
    await ok(call(o.t.app, o.admin, 'volunteers.logService', { volunteerId: a, date: '2026-11-01', hours: 1, description: '巡逻' }));
    const audit = o.t.app.db.prepare("SELECT entity, action, user_id FROM audit_log WHERE entity LIKE 'volunteer%' ORDER BY rowid").all();
    expect(audit).toEqual([
      { entity: 'volunteer_team', action: 'create', user_id: o.ids.staff },
      { entity: 'volunteer', action: 'create', user_id: o.ids.staff },
      { entity: 'volunteer_membership', action: 'create', user_id: o.ids.staff },
      { entity: 'volunteer_service', action: 'create', user_id: o.ids.admin },
    ]);
    const rows = o.t.app.db.prepare('SELECT origin_office, version, created_at, updated_by FROM volunteer_services').all() as { version: string; updated_by: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.updated_by).toBe(o.ids.admin);
    expect(rows[0]?.version).not.toBe('{}');
  });
});

describe('0009-volunteers migration', () => {
  it('has the tables, checks and partial unique indexes', () => {
    const dir = tempDir('cadrecare-vol-mig-');
    const db = openDatabase(path.join(dir, 'v.sqlite'));
    try {
      const meta = "'now', 'now', 'u', 'office-1'";
      const teamInsert = db.prepare(`INSERT INTO volunteer_teams (id, created_at, updated_at, updated_by, origin_office, name, kind, deleted_at) VALUES (?, ${meta}, ?, ?, ?)`);
      teamInsert.run('t1', '治安巡逻队', 'patrol', null);
      expect(() => teamInsert.run('t2', '治安巡逻队', 'patrol', null)).toThrow(/UNIQUE/);
      teamInsert.run('t3', '治安巡逻队', 'patrol', '2026-01-01');
      expect(() => teamInsert.run('t4', '舞蹈队', 'dancing', null)).toThrow(/CHECK/);
      db.prepare(`INSERT INTO volunteer_teams (id, created_at, updated_at, updated_by, origin_office, name) VALUES ('t5', 'now', 'now', 'u', 'office-2', '治安巡逻队')`).run();

      db.prepare(`INSERT INTO persons (id, created_at, updated_at, updated_by, origin_office, name, name_pinyin, name_initials, gender, id_number, birth_date, retirement_type) VALUES ('p1', ${meta}, '张三', 'zhangsan', 'zs', 'male', '140702194503150011', '1945-03-15', 'tuixiu')`).run();
      const vol = db.prepare(`INSERT INTO volunteers (id, created_at, updated_at, updated_by, origin_office, person_id, name, kind) VALUES (?, ${meta}, ?, ?, ?)`);
      vol.run('v1', 'p1', '张三', 'retiree');
      expect(() => vol.run('v2', 'p1', '张三', 'retiree')).toThrow(/UNIQUE/);
      expect(() => vol.run('v3', null, '李四', 'retiree')).toThrow(/CHECK/);
      expect(() => vol.run('v4', 'p1', '李四', 'resident')).toThrow(/CHECK/);
      expect(() => vol.run('v5', 'nobody', '李四', 'retiree')).toThrow(/FOREIGN KEY|UNIQUE/);
      vol.run('v6', null, '李四', 'resident');

      const member = db.prepare(`INSERT INTO volunteer_team_members (id, created_at, updated_at, updated_by, origin_office, team_id, volunteer_id, from_date, to_date) VALUES (?, ${meta}, 't1', ?, ?, ?)`);
      member.run('m1', 'v1', '2026-01-01', null);
      expect(() => member.run('m2', 'v1', '2026-02-01', null)).toThrow(/UNIQUE/);
      member.run('m3', 'v1', '2025-01-01', '2025-06-30');
      expect(() => member.run('m4', 'v6', '2026-02-01', '2026-01-31')).toThrow(/CHECK/);

      const service = db.prepare(`INSERT INTO volunteer_services (id, created_at, updated_at, updated_by, origin_office, volunteer_id, team_id, date, minutes, description) VALUES (?, ${meta}, 'v1', 't1', '2026-01-01', ?, '巡逻')`);
      service.run('s1', 1440);
      expect(() => service.run('s2', 1441)).toThrow(/CHECK/);
      expect(() => service.run('s3', 0)).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});

describe('volunteers: packets', () => {
  let office: Office | undefined;
  let bureau: Office | undefined;
  afterEach(() => closeAll(office, bureau));

  it('carry teams, volunteers, memberships and records to the bureau, tombstones too; team names are unique per office', async () => {
    office = await makeOffice('幸福里社区');
    bureau = await makeOffice('县委老干部局', 'bureau');
    await trustBoth(office, bureau);
    const a = office;
    const personId = await packetPerson(a, { name: '张建华' });
    const { id: teamId } = await ok(call(a.t.app, a.admin, 'volunteers.createTeam', { name: '治安巡逻队', kind: 'patrol' }));
    const { id: retireeId } = await ok(call(a.t.app, a.admin, 'volunteers.create', { kind: 'retiree', personId, teamId, joinedOn: '2026-01-01' }));
    const { id: outsiderId } = await ok(call(a.t.app, a.admin, 'volunteers.create', { kind: 'resident', name: '刘小燕', teamId, joinedOn: '2026-01-01' }));
    const { ids } = await ok(
      call(a.t.app, a.admin, 'volunteers.logBatch', {
        teamId,
        date: '2026-11-20',
        description: '夜间巡逻',
        entries: [
          { volunteerId: retireeId, hours: 2 },
          { volunteerId: outsiderId, hours: 1.5 },
        ],
      }),
    );
    await send(a, bureau, 'full');
    for (const table of ['volunteer_teams', 'volunteers', 'volunteer_team_members', 'volunteer_services']) {
      expect(rowsOf(bureau, table)).toEqual(rowsOf(a, table).map((row) => expect.objectContaining({ id: row['id'], version: row['version'] })));
    }
    const there = await ok(call(bureau.t.app, bureau.admin, 'volunteers.team', { id: teamId, year: 2026 }));
    expect([there.name, there.memberCount, there.minutesYear]).toEqual(['治安巡逻队', 2, 210]);
    // The bureau's own team of that name belongs to another office: allowed.
    await ok(call(bureau.t.app, bureau.admin, 'volunteers.createTeam', { name: '治安巡逻队', kind: 'patrol' }));

    await ok(call(a.t.app, a.admin, 'volunteers.deleteService', { id: ids[1] as string }));
    await send(a, bureau, 'incremental');
    const stats = await ok(call(bureau.t.app, bureau.admin, 'volunteers.stats', { year: 2026 }));
    expect([stats.totalMinutes, stats.top.map((p) => p.name)]).toEqual([120, ['张建华']]);
  });
});
