/**
 * The records of organised life (original units, party, activities, volunteering, assistance
 * pairs) travel in packets like everything else: a full packet carries every table to the bureau
 * unchanged, and a transfer carries what belongs to the person alone, leaving behind what only
 * makes sense with the sending office's branches, meetings, activities, teams and helpers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { call, ok } from '../helpers/app';
import { addPerson, carry, closeAll, exportFrom, importAt, makeOffice, rowsOf, send, trustBoth, type Office } from './packets.helpers';

let offices: Office[] = [];
afterEach(() => {
  closeAll(...offices);
  offices = [];
});

const ORGANISED_LIFE_TABLES = [
  'units',
  'party_branches',
  'party_committee',
  'party_memberships',
  'party_meetings',
  'party_meeting_attendance',
  'party_dues',
  'activities',
  'activity_participants',
  'volunteer_teams',
  'volunteers',
  'volunteer_team_members',
  'volunteer_services',
  'assistance_pairs',
  'assistance_contacts',
];

/** One of everything, made through the channels as staff would. */
async function organisedLife(o: Office) {
  const app = o.t.app;
  const s = o.admin;
  const unit = await ok(call(app, s, 'units.create', { name: '山西省交通厅', level: 'provincial', retireeDepartment: '老干部处', contactPerson: '李处长', contactPhone: '', partyContact: '', partyPhone: '', address: '', notes: '' }));
  const member = await addPerson(o, { name: '郭建国', politicalStatus: 'cpc', originalUnit: '山西省交通厅', unitId: unit.id });
  const neighbour = await addPerson(o, { name: '赵秀兰' });
  const branch = await ok(call(app, s, 'party.branches.create', { name: '幸福里社区离退休干部党支部', kind: 'branch', meetingPlace: '社区活动中心' }));
  await ok(call(app, s, 'party.committee.appoint', { branchId: branch.id, post: 'secretary', personId: null, staffName: '王书记', fromDate: '2026-01-01' }));
  await ok(call(app, s, 'party.members.add', { personId: member, branchId: branch.id, partyJoinedOn: '1975-07-01', relationHeld: 'community', managementMode: 'single', fromDate: '2026-01-05' }));
  await ok(call(app, s, 'party.meetings.create', { branchId: branch.id, kind: 'theme_day', date: '2026-03-05', topic: '学雷锋主题党日', attendance: [{ personId: member, present: true }] }));
  await ok(call(app, s, 'party.dues.recordMonth', { branchId: branch.id, month: '2026-03', paidOn: '2026-03-05', entries: [{ personId: member, amountFen: 1250 }] }));
  const activity = await ok(call(app, s, 'activities.create', { kind: 'health_talk', title: '冬季养生讲座', date: '2026-12-03' }));
  await ok(call(app, s, 'activities.signUp', { activityId: activity.id, personIds: [member] }));
  const team = await ok(call(app, s, 'volunteers.createTeam', { name: '夕阳红治安巡逻队', kind: 'patrol' }));
  const volunteer = await ok(call(app, s, 'volunteers.create', { kind: 'retiree', personId: member, teamId: team.id, joinedOn: '2026-02-01' }));
  await ok(call(app, s, 'volunteers.logService', { volunteerId: volunteer.id, teamId: team.id, date: '2026-11-21', hours: 2, description: '小区夜间巡逻' }));
  const pair = await ok(call(app, s, 'pairs.create', { personId: neighbour, helperKind: 'retiree', helperPersonId: member, helpKinds: ['emotional'], frequency: 'weekly', fromDate: '2026-10-01' }));
  await ok(call(app, s, 'pairs.addContact', { pairId: pair.id, date: '2026-11-02', method: 'visit', content: '上门聊天，老人精神不错' }));
  return { member, neighbour };
}

describe('organised-life records in packets', () => {
  it('a full packet carries every one of their tables to the bureau, row for row, without conflicts', async () => {
    const a = await makeOffice('幸福里社区');
    const bureau = await makeOffice('榆次区委老干部局', 'bureau');
    offices.push(a, bureau);
    await trustBoth(a, bureau);
    await organisedLife(a);
    const { exported, imported } = await send(a, bureau, 'full');
    for (const table of ORGANISED_LIFE_TABLES) {
      expect(exported.counts[table], table).toBeGreaterThan(0);
      expect(rowsOf(bureau, table), table).toEqual(rowsOf(a, table));
    }
    expect(imported.report.totals.conflicts).toBe(0);
  });

  it('a transfer carries the person and their dues; memberships, attendance, sign-ups, volunteering and pairs stay with the office', async () => {
    const a = await makeOffice('幸福里社区');
    const d = await makeOffice('锦绣苑社区');
    offices.push(a, d);
    await trustBoth(a, d);
    const { member } = await organisedLife(a);

    const exported = await exportFrom(a, { kind: 'transfer', to: d.id, persons: [member] });
    expect(exported.counts['persons']).toBe(1);
    expect(exported.counts['party_dues']).toBe(1);
    for (const stays of ['party_memberships', 'party_meeting_attendance', 'party_committee', 'activity_participants', 'volunteers', 'assistance_pairs']) {
      expect(exported.counts[stays] ?? 0, stays).toBe(0);
    }
    const imported = await importAt(d, carry(exported.path, d));
    expect(imported.report.totals.conflicts).toBe(0);
    // The unit registry is the sending office's: the link is cleared, the unit's name stays as text.
    expect(imported.report.clearedReferences).toEqual({ 'persons.unit_id': 1 });
    expect(d.t.app.db.prepare('SELECT original_unit, unit_id FROM persons WHERE id = ?').get(member)).toEqual({ original_unit: '山西省交通厅', unit_id: null });
    expect(rowsOf(d, 'party_dues')).toHaveLength(1);
    expect(rowsOf(d, 'party_memberships')).toHaveLength(0);
  });
});
