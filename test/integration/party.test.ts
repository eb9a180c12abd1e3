/**
 * 党组织: branches and committees, memberships with history, meetings with attendance,
 * dues with arrears, the person's party record and partyLifeOf for the units' feedback.
 * The office's day is 2026-11-27 unless a test moves it.
 */
import path from 'node:path';
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok, errorCode, dumpDatabase, tempDir } from '../helpers/app';
import { careOffice, addPerson, setDay, type CareOffice } from './care.helpers';
import { loadMigrations, migrate } from '../../main/db/migrate';
import { partyLifeOf } from '../../main/services/party/feedback';
import type { ChannelInput } from '../../shared/contract';

let o: CareOffice;
beforeEach(async () => {
  o = await careOffice();
});
afterEach(() => o.t.close());

const staffCall = <C extends Parameters<typeof call>[2]>(channel: C, input: ChannelInput<C>) => call(o.t.app, o.staff, channel, input);

/** Calls a channel that must refuse with `code` and leave the database exactly as it was. */
async function refused<C extends Parameters<typeof call>[2]>(channel: C, input: ChannelInput<C>, code: string, session = o.staff) {
  const before = dumpDatabase(o.t.app);
  expect(await errorCode(call(o.t.app, session, channel, input))).toBe(code);
  expect(dumpDatabase(o.t.app)).toEqual(before);
}

async function branch(name = '幸福里社区离退休干部党支部', kind: 'branch' | 'temporary' | 'station' | 'group' = 'branch') {
  return (await ok(staffCall('party.branches.create', { name, kind, foundedOn: '2018-07-01', meetingPlace: '社区党群服务中心二楼' }))).id;
}

async function member(personId: string, branchId: string, extra: Partial<ChannelInput<'party.members.add'>> = {}) {
  return (
    await ok(
      staffCall('party.members.add', {
        personId,
        branchId,
        partyJoinedOn: '1970-07-01',
        relationHeld: 'community',
        managementMode: 'single',
        fromDate: '2026-01-10',
        ...extra,
      }),
    )
  ).id;
}

const auditCount = (entity: string, action: string) =>
  (o.t.app.db.prepare('SELECT count(*) AS n FROM audit_log WHERE entity = ? AND action = ?').get(entity, action) as { n: number }).n;

describe('migration 0007-party', () => {
  it('creates the party tables with their checks and unique indexes', () => {
    const dir = tempDir('cadrecare-party-mig-');
    try {
      const db = new Database(path.join(dir, 'p.sqlite'));
      db.pragma('foreign_keys = ON');
      migrate(db, loadMigrations());
      const meta = "'now', 'now', 'u', 'office-1'";
      db.prepare(`INSERT INTO persons (id, created_at, updated_at, updated_by, origin_office, name, name_pinyin, name_initials, gender, id_number, birth_date, retirement_type)
        VALUES ('p1', ${meta}, '王', 'wang', 'w', 'male', 'x', '1940-01-01', 'lixiu')`).run();
      const b = db.prepare(`INSERT INTO party_branches (id, created_at, updated_at, updated_by, origin_office, name, kind, deleted_at) VALUES (?, 'now', 'now', 'u', ?, ?, ?, ?)`);
      b.run('b1', 'office-1', '第一支部', 'branch', null);
      expect(() => b.run('b2', 'office-1', '第一支部', 'branch', null)).toThrow(/UNIQUE/);
      b.run('b3', 'office-2', '第一支部', 'branch', null); // another office may use the name
      b.run('b4', 'office-1', '第一支部', 'branch', '2026-01-01'); // a tombstone does not block it
      expect(() => b.run('b5', 'office-1', '第五支部', 'club', null)).toThrow(/CHECK/);
      const m = db.prepare(`INSERT INTO party_memberships (id, created_at, updated_at, updated_by, origin_office, person_id, branch_id, relation_held, management_mode, from_date, to_date)
        VALUES (?, ${meta}, 'p1', 'b1', ?, ?, ?, ?)`);
      m.run('m1', 'community', 'single', '2026-01-01', null);
      expect(() => m.run('m2', 'community', 'single', '2026-02-01', null)).toThrow(/UNIQUE/);
      m.run('m3', 'community', 'single', '2025-01-01', '2025-12-31');
      expect(() => m.run('m4', 'elsewhere', 'single', '2025-01-01', '2025-12-31')).toThrow(/CHECK/);
      expect(() => m.run('m5', 'community', 'single', '2025-01-01', '2024-12-31')).toThrow(/CHECK/);
      const c = db.prepare(`INSERT INTO party_committee (id, created_at, updated_at, updated_by, origin_office, branch_id, post, person_id, staff_name, from_date) VALUES (?, ${meta}, 'b1', 'secretary', ?, ?, '2026-01-01')`);
      expect(() => c.run('c1', null, '')).toThrow(/CHECK/);
      c.run('c2', null, '刘红梅');
      const d = db.prepare(`INSERT INTO party_dues (id, created_at, updated_at, updated_by, origin_office, person_id, month, amount_fen, paid_on) VALUES (?, ${meta}, 'p1', ?, ?, '2026-01-05')`);
      d.run('d1', '2026-01', 1250);
      expect(() => d.run('d2', '2026-01', 1000)).toThrow(/UNIQUE/);
      expect(() => d.run('d3', '2026-1', 1000)).toThrow(/CHECK/);
      expect(() => d.run('d4', '2026-02', -1)).toThrow(/CHECK/);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('branches and committee', () => {
  it('creates, lists, renames and refuses a second branch of the same name', async () => {
    const b1 = await branch();
    const b2 = await branch('老党员活动站', 'station');
    const list = await ok(call(o.t.app, o.viewer, 'party.branches.list', {}));
    expect(list.map((b) => [b.name, b.kind, b.memberCount])).toEqual(
      expect.arrayContaining([
        ['幸福里社区离退休干部党支部', 'branch', 0],
        ['老党员活动站', 'station', 0],
      ]),
    );
    expect((await ok(staffCall('party.branches.list', { search: '活动站' }))).map((b) => b.id)).toEqual([b2]);
    await refused('party.branches.create', { name: '老党员活动站', kind: 'group' }, 'BRANCH_NAME_TAKEN');
    await refused('party.branches.update', { id: b1, name: '老党员活动站', kind: 'branch' }, 'BRANCH_NAME_TAKEN');
    await refused('party.branches.create', { name: '  ', kind: 'group' }, 'INVALID_INPUT');
    expect(await ok(staffCall('party.branches.update', { id: b1, name: '幸福里社区离退休干部第一党支部', kind: 'branch', meetingPlace: '老年活动室' }))).toEqual({ changed: true });
    expect(await ok(staffCall('party.branches.get', { id: b1 }))).toMatchObject({ name: '幸福里社区离退休干部第一党支部', meetingPlace: '老年活动室', foundedOn: null });
    expect(auditCount('party_branch', 'create')).toBe(2);
    expect(auditCount('party_branch', 'update')).toBe(1);
  });

  it('keeps the secretary history: a new secretary closes the old post; a staff member may hold it (一肩挑)', async () => {
    const b = await branch();
    const wang = await addPerson(o, { name: '王德明' });
    await member(wang, b, { fromDate: '2020-01-10' });
    await ok(staffCall('party.committee.appoint', { branchId: b, post: 'secretary', staffName: '刘红梅', fromDate: '2024-03-01' }));
    await refused('party.committee.appoint', { branchId: b, post: 'deputy', fromDate: '2024-03-01' }, 'INVALID_INPUT');
    await refused('party.committee.appoint', { branchId: b, post: 'secretary', personId: wang, fromDate: '2024-01-01' }, 'INVALID_INPUT');
    const masses = await addPerson(o, { name: '陈淑芬', gender: 'female', politicalStatus: 'masses' });
    await refused('party.committee.appoint', { branchId: b, post: 'member', personId: masses, fromDate: '2026-03-01' }, 'NOT_A_PARTY_MEMBER');
    // A retired holder must belong to the branch on the day the post begins.
    const zhou = await addPerson(o, { name: '周立新' });
    await refused('party.committee.appoint', { branchId: b, post: 'deputy', personId: zhou, fromDate: '2026-03-01' }, 'NOT_A_BRANCH_MEMBER');
    await member(zhou, b, { fromDate: '2026-05-01' });
    await refused('party.committee.appoint', { branchId: b, post: 'deputy', personId: zhou, fromDate: '2026-03-01' }, 'NOT_A_BRANCH_MEMBER');
    await ok(staffCall('party.committee.appoint', { branchId: b, post: 'secretary', personId: wang, fromDate: '2026-03-01' }));
    const { id: deputy } = await ok(staffCall('party.committee.appoint', { branchId: b, post: 'deputy', staffName: '赵敏', fromDate: '2026-03-01' }));
    const detail = await ok(staffCall('party.branches.get', { id: b }));
    expect(detail.secretaryName).toBe('王德明');
    expect(detail.committee.map((c) => [c.post, c.name, c.isStaff, c.fromDate, c.toDate])).toEqual([
      ['secretary', '王德明', false, '2026-03-01', null],
      ['deputy', '赵敏', true, '2026-03-01', null],
      ['secretary', '刘红梅', true, '2024-03-01', '2026-03-01'],
    ]);
    await refused('party.committee.end', { id: deputy, toDate: '2026-01-01' }, 'INVALID_INPUT');
    await ok(staffCall('party.committee.end', { id: deputy, toDate: '2026-11-01' }));
    expect((await ok(staffCall('party.branches.get', { id: b }))).committee.find((c) => c.id === deputy)?.toDate).toBe('2026-11-01');
    // Ending it again would overwrite the real end date.
    await refused('party.committee.end', { id: deputy, toDate: '2026-11-20' }, 'INVALID_INPUT');
    await ok(staffCall('party.committee.delete', { id: deputy }));
    expect((await ok(staffCall('party.branches.get', { id: b }))).committee).toHaveLength(2);
    expect(o.t.app.db.prepare('SELECT deleted_at FROM party_committee WHERE id = ?').get(deputy)).toEqual({ deleted_at: expect.any(String) });
    // The retired secretary's appointment is in his change history.
    const history = await ok(staffCall('persons.history', { id: wang }));
    expect(history.some((e) => e.entity === 'party_committee' && e.action === 'create')).toBe(true);
    // His successor closes his post, and the closing shows in his own history too.
    await ok(staffCall('party.committee.appoint', { branchId: b, post: 'secretary', personId: zhou, fromDate: '2026-11-10' }));
    expect((await ok(staffCall('party.branches.get', { id: b }))).committee.find((c) => c.personId === wang)?.toDate).toBe('2026-11-10');
    const after = await ok(staffCall('persons.history', { id: wang }));
    expect(after.some((e) => e.entity === 'party_committee' && e.action === 'update')).toBe(true);
  });

  it('keeps branch names unique per owning office, also when renaming a branch received from another office', async () => {
    const local = await branch();
    // Two branches of another office, as a bureau receives them in packets.
    const insert = o.t.app.db.prepare(
      `INSERT INTO party_branches (id, created_at, updated_at, updated_by, origin_office, name, kind) VALUES (?, 'now', 'now', 'u', 'office-far', ?, 'branch')`,
    );
    insert.run('0193a000-0000-7000-8000-0000000000b1', '城关社区第一党支部');
    insert.run('0193a000-0000-7000-8000-0000000000b2', '城关社区第二党支部');
    await refused('party.branches.update', { id: '0193a000-0000-7000-8000-0000000000b2', name: '城关社区第一党支部', kind: 'branch' }, 'BRANCH_NAME_TAKEN');
    // The local office's name is no clash for the other office's branch, nor the other way round.
    expect(await ok(staffCall('party.branches.update', { id: '0193a000-0000-7000-8000-0000000000b2', name: '幸福里社区离退休干部党支部', kind: 'branch' }))).toEqual({ changed: true });
    expect(await ok(staffCall('party.branches.update', { id: local, name: '城关社区第一党支部', kind: 'branch' }))).toEqual({ changed: true });
  });

  it('no longer shows a secretary or dues of a person whose record was deleted', async () => {
    const b = await branch();
    const wang = await addPerson(o, { name: '王德明' });
    await member(wang, b);
    await ok(staffCall('party.committee.appoint', { branchId: b, post: 'secretary', personId: wang, fromDate: '2026-02-01' }));
    await ok(staffCall('party.dues.recordMonth', { branchId: b, month: '2026-10', paidOn: '2026-10-08', entries: [{ personId: wang, amountFen: 1250 }] }));
    await ok(call(o.t.app, o.admin, 'persons.delete', { id: wang }));
    const detail = await ok(staffCall('party.branches.get', { id: b }));
    expect([detail.secretaryName, detail.committee, detail.memberCount]).toEqual(['', [], 0]);
    expect((await ok(staffCall('party.branches.list', {})))[0]?.secretaryName).toBe('');
    expect(await ok(staffCall('party.dues.month', { branchId: b, month: '2026-10' }))).toEqual([]);
    expect(await errorCode(staffCall('party.person', { personId: wang }))).toBe('NOT_FOUND');
  });

  it('refuses to delete a branch with current members, and tombstones it once they have left', async () => {
    const b = await branch();
    const p = await addPerson(o, { name: '李秀英', gender: 'female' });
    const m = await member(p, b);
    await refused('party.branches.delete', { id: b }, 'BRANCH_HAS_MEMBERS');
    await ok(staffCall('party.members.end', { id: m, toDate: '2026-11-20', reason: 'transferred_out', note: '转回原单位党委' }));
    await ok(staffCall('party.branches.delete', { id: b }));
    expect(await ok(staffCall('party.branches.list', {}))).toEqual([]);
    expect(o.t.app.db.prepare('SELECT deleted_at FROM party_branches WHERE id = ?').get(b)).toEqual({ deleted_at: expect.any(String) });
    expect(await errorCode(staffCall('party.branches.get', { id: b }))).toBe('NOT_FOUND');
    expect(auditCount('party_branch', 'delete')).toBe(1);
  });
});

describe('memberships', () => {
  it('admits only CPC members, once, and defaults the unit party contact from the linked unit', async () => {
    const b = await branch();
    const masses = await addPerson(o, { name: '陈淑芬', gender: 'female', politicalStatus: 'masses' });
    await refused('party.members.add', { personId: masses, branchId: b, relationHeld: 'community', managementMode: 'single', fromDate: '2026-01-10' }, 'NOT_A_PARTY_MEMBER');
    const wang = await addPerson(o, { name: '王德明' });
    // The units registry is another capability's; its columns are all the party needs.
    o.t.app.db
      .prepare(`INSERT INTO units (id, created_at, updated_at, updated_by, origin_office, name, party_contact, party_phone) VALUES ('u-water', 'now', 'now', 'u', 'o', '县水利局', '孙志刚', '0351-6021234')`)
      .run();
    o.t.app.db.prepare('UPDATE persons SET unit_id = ? WHERE id = ?').run('u-water', wang);
    const person = await ok(staffCall('party.person', { personId: wang }));
    expect(person).toMatchObject({ isPartyMember: true, current: null, unitName: '县水利局', unitPartyContact: '孙志刚', unitPartyPhone: '0351-6021234' });
    const m = await member(wang, b, { relationHeld: 'original_unit', managementMode: 'multi', partyJoinedOn: '1968-05-04' });
    await refused('party.members.add', { personId: wang, branchId: b, relationHeld: 'community', managementMode: 'single', fromDate: '2026-01-10' }, 'ALREADY_A_MEMBER');
    const zhou = await addPerson(o, { name: '周立新' });
    await refused('party.members.add', { personId: zhou, branchId: b, relationHeld: 'community', managementMode: 'single', fromDate: '2027-01-10' }, 'INVALID_INPUT');
    const row = (await ok(staffCall('party.members.list', {}))).rows[0];
    expect(row).toMatchObject({ id: m, personName: '王德明', unitPartyContact: '孙志刚', unitPartyPhone: '0351-6021234', partyStanding: 58, relationHeld: 'original_unit' });
    // A relation moved to the community forgets the unit's contact.
    await ok(staffCall('party.members.update', { id: m, partyJoinedOn: '1968-05-04', relationHeld: 'community', managementMode: 'combined', fromDate: '2026-01-10' }));
    expect((await ok(staffCall('party.members.list', {}))).rows[0]).toMatchObject({ unitPartyContact: '', managementMode: 'combined' });
    const history = await ok(staffCall('persons.history', { id: wang }));
    expect(history.filter((e) => e.entity === 'party_membership').map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'update']));
  });

  it('refuses a date of joining the party before the 18th birthday, on adding and on editing', async () => {
    const b = await branch();
    // Born 1948-06-15: 18 on 1966-06-15. A 1930 date (党龄 96 years) is a typo.
    const liu = await addPerson(o, { name: '刘福海', birthDate: '1948-06-15' });
    const add = { personId: liu, branchId: b, relationHeld: 'community' as const, managementMode: 'single' as const, fromDate: '2026-01-10' };
    await refused('party.members.add', { ...add, partyJoinedOn: '1930-01-01' }, 'PARTY_JOINED_TOO_YOUNG');
    await refused('party.members.add', { ...add, partyJoinedOn: '1966-06-14' }, 'PARTY_JOINED_TOO_YOUNG');
    const answer = await call(o.t.app, o.staff, 'party.members.add', { ...add, partyJoinedOn: '1950-01-01' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'PARTY_JOINED_TOO_YOUNG', details: { name: '刘福海', date: '1950-01-01', birthDate: '1948-06-15', earliest: '1966-06-15' } } });
    const m = await member(liu, b, { partyJoinedOn: '1966-06-15' });
    const fields = { id: m, relationHeld: 'community' as const, managementMode: 'single' as const, fromDate: '2026-01-10' };
    await refused('party.members.update', { ...fields, partyJoinedOn: '1948-06-15' }, 'PARTY_JOINED_TOO_YOUNG');
    await ok(staffCall('party.members.update', { ...fields, partyJoinedOn: '1971-07-01' }));
    expect((await ok(staffCall('party.person', { personId: liu }))).current).toMatchObject({ partyJoinedOn: '1971-07-01', partyStanding: 55 });
    // Unknown stays allowed; a 29 February birthday turns 18 on 1 March in a common year.
    await ok(staffCall('party.members.update', { ...fields, partyJoinedOn: null }));
    const leap = await addPerson(o, { name: '孙桂兰', gender: 'female', birthDate: '1948-02-29' });
    await refused('party.members.add', { ...add, personId: leap, partyJoinedOn: '1966-02-28' }, 'PARTY_JOINED_TOO_YOUNG');
    await member(leap, b, { partyJoinedOn: '1966-03-01' });
  });

  it('moves a member to another branch keeping the history, and ends a membership with a reason', async () => {
    const b1 = await branch();
    const b2 = await branch('临时党支部（康乐苑）', 'temporary');
    const p = await addPerson(o, { name: '张建华' });
    const m = await member(p, b1, { partyJoinedOn: '1975-10-01' });
    await refused('party.members.move', { id: m, toBranchId: b1, date: '2026-06-01' }, 'INVALID_INPUT');
    await refused('party.members.move', { id: m, toBranchId: b2, date: '2025-06-01' }, 'INVALID_INPUT');
    const { id: m2 } = await ok(staffCall('party.members.move', { id: m, toBranchId: b2, date: '2026-06-01' }));
    const person = await ok(staffCall('party.person', { personId: p }));
    expect(person.current).toMatchObject({ id: m2, branchName: '临时党支部（康乐苑）', fromDate: '2026-06-01', partyJoinedOn: '1975-10-01', partyStanding: 51 });
    expect(person.history.map((h) => [h.branchName, h.fromDate, h.toDate, h.endReason])).toEqual([
      ['临时党支部（康乐苑）', '2026-06-01', null, ''],
      ['幸福里社区离退休干部党支部', '2026-01-10', '2026-06-01', 'moved_branch'],
    ]);
    // On the move day he belongs to the new branch only (periods are half-open).
    const expectedOn = async (branchId: string, date: string) => (await ok(staffCall('party.meetings.expected', { branchId, date }))).map((e) => e.personName);
    expect([await expectedOn(b1, '2026-05-31'), await expectedOn(b1, '2026-06-01'), await expectedOn(b2, '2026-06-01')]).toEqual([['张建华'], [], ['张建华']]);
    // Correcting the move date corrects both memberships; it cannot go before he joined the first branch.
    const fields = { partyJoinedOn: '1975-10-01', relationHeld: 'community' as const, managementMode: 'single' as const };
    await ok(staffCall('party.members.update', { id: m2, ...fields, fromDate: '2026-05-20' }));
    expect((await ok(staffCall('party.person', { personId: p }))).history.map((h) => [h.fromDate, h.toDate])).toEqual([
      ['2026-05-20', null],
      ['2026-01-10', '2026-05-20'],
    ]);
    await refused('party.members.update', { id: m2, ...fields, fromDate: '2025-12-01' }, 'INVALID_INPUT');
    await ok(staffCall('party.members.update', { id: m2, ...fields, fromDate: '2026-06-01' }));
    await refused('party.members.end', { id: m, toDate: '2026-07-01', reason: 'other' }, 'NOT_FOUND');
    await ok(staffCall('party.members.end', { id: m2, toDate: '2026-11-01', reason: 'deceased' }));
    expect((await ok(staffCall('party.members.list', {}))).total).toBe(0);
    const all = await ok(staffCall('party.members.list', { includeEnded: true }));
    expect(all.rows.map((r) => [r.branchName, r.toDate, r.endReason])).toEqual(
      expect.arrayContaining([
        ['幸福里社区离退休干部党支部', '2026-06-01', 'moved_branch'],
        ['临时党支部（康乐苑）', '2026-11-01', 'deceased'],
      ]),
    );
    // Ended: the person may join again later, but not in a period he already spent in a branch.
    const rejoin = { personId: p, branchId: b1, relationHeld: 'community' as const, managementMode: 'single' as const };
    await refused('party.members.add', { ...rejoin, fromDate: '2026-10-01' }, 'INVALID_INPUT');
    const m3 = await member(p, b1, { fromDate: '2026-11-01' });
    await refused('party.members.update', { id: m3, ...fields, fromDate: '2026-10-15' }, 'INVALID_INPUT');
    await ok(staffCall('party.members.update', { id: m3, ...fields, fromDate: '2026-11-20' }));
    // A membership entered by mistake is tombstoned.
    const again = (await ok(staffCall('party.person', { personId: p }))).current?.id ?? '';
    await ok(staffCall('party.members.delete', { id: again }));
    expect(o.t.app.db.prepare('SELECT deleted_at FROM party_memberships WHERE id = ?').get(again)).toEqual({ deleted_at: expect.any(String) });
    expect((await ok(staffCall('party.person', { personId: p }))).current).toBeNull();
  });

  it('lists members by branch, management mode and relation, searches names and pinyin, sorts and pages, flags inactive persons', async () => {
    const b1 = await branch();
    const b2 = await branch('老党员活动站', 'station');
    const wang = await addPerson(o, { name: '王德明' });
    const li = await addPerson(o, { name: '李秀英', gender: 'female' });
    const zhao = await addPerson(o, { name: '赵国强' });
    await member(wang, b1, { relationHeld: 'original_unit', managementMode: 'multi', partyJoinedOn: '1968-05-04' });
    await member(li, b1, { relationHeld: 'community', managementMode: 'single', partyJoinedOn: '1980-03-01' });
    await member(zhao, b2, { relationHeld: 'original_unit', managementMode: 'combined', partyJoinedOn: null });
    const names = async (input: ChannelInput<'party.members.list'>) => (await ok(call(o.t.app, o.viewer, 'party.members.list', input))).rows.map((r) => r.personName);
    expect(await names({ branchId: b1 })).toEqual(['李秀英', '王德明']);
    expect(await names({ managementMode: 'multi' })).toEqual(['王德明']);
    expect(await names({ relationHeld: 'original_unit' })).toEqual(['王德明', '赵国强']);
    expect(await names({ search: '秀英' })).toEqual(['李秀英']);
    expect(await names({ search: 'zhaog' })).toEqual(['赵国强']);
    expect(await names({ search: 'wdm' })).toEqual(['王德明']);
    expect(await names({ search: '%' })).toEqual([]);
    expect(await names({ sort: 'partyJoinedOn' })).toEqual(['王德明', '李秀英', '赵国强']);
    expect(await names({ sort: 'partyJoinedOn', desc: true })).toEqual(['李秀英', '王德明', '赵国强']);
    expect(await names({ limit: 1, offset: 1 })).toEqual(['王德明']);
    expect((await ok(staffCall('party.members.list', { limit: 1 }))).total).toBe(3);
    expect((await ok(staffCall('party.branches.list', {}))).find((b) => b.id === b1)?.memberCount).toBe(2);
    await ok(call(o.t.app, o.admin, 'persons.changeStatus', { id: zhao, status: 'deceased', date: '2026-11-20' }));
    expect((await ok(staffCall('party.members.list', { search: '赵' }))).rows[0]).toMatchObject({ personStatus: 'deceased', partyStanding: null });
  });
});

describe('meetings and attendance', () => {
  async function twoMembers() {
    const b = await branch();
    const wang = await addPerson(o, { name: '王德明' });
    const li = await addPerson(o, { name: '李秀英', gender: 'female' });
    const late = await addPerson(o, { name: '周立新' });
    await member(wang, b);
    await member(li, b);
    await member(late, b, { fromDate: '2026-11-01' });
    return { b, wang, li, late };
  }

  it('saves a meeting with every member of the day present or absent with a reason, and shows the rate', async () => {
    const { b, wang, li, late } = await twoMembers();
    const expected = await ok(staffCall('party.meetings.expected', { branchId: b, date: '2026-10-15' }));
    expect(expected.map((e) => e.personName)).toEqual(['李秀英', '王德明']);
    const fields = {
      branchId: b,
      kind: 'theme_day' as const,
      date: '2026-10-15',
      topic: '学习党的二十届四中全会精神',
      place: '社区党群服务中心',
      attendance: [
        { personId: wang, present: true },
        { personId: li, present: false, absenceReason: '养病' },
      ],
    };
    await refused('party.meetings.create', { ...fields, attendance: [{ personId: wang, present: true }] }, 'INVALID_INPUT');
    await refused('party.meetings.create', { ...fields, attendance: [...fields.attendance, { personId: late, present: true }] }, 'INVALID_INPUT');
    await refused('party.meetings.create', { ...fields, attendance: [...fields.attendance, { personId: wang, present: true }] }, 'INVALID_INPUT');
    await refused('party.meetings.create', { ...fields, topic: '' }, 'INVALID_INPUT');
    // An absence needs its reason (blank after trimming counts as none).
    await refused('party.meetings.create', { ...fields, attendance: [fields.attendance[0]!, { personId: li, present: false }] }, 'INVALID_INPUT');
    await refused('party.meetings.create', { ...fields, attendance: [fields.attendance[0]!, { personId: li, present: false, absenceReason: '  ' }] }, 'INVALID_INPUT');
    await refused('party.meetings.create', { ...fields, date: '2026-12-01' }, 'INVALID_INPUT');
    const { id } = await ok(staffCall('party.meetings.create', fields));
    const detail = await ok(call(o.t.app, o.viewer, 'party.meetings.get', { id }));
    expect(detail).toMatchObject({ expected: 2, present: 1, topic: '学习党的二十届四中全会精神', branchName: '幸福里社区离退休干部党支部' });
    expect(detail.attendance).toEqual([
      { personId: wang, personName: '王德明', present: true, absenceReason: '' },
      { personId: li, personName: '李秀英', present: false, absenceReason: '养病' },
    ]);
    // Moved to November: the member who joined on 11-01 must now be listed too.
    await refused('party.meetings.update', { id, ...fields, date: '2026-11-05' }, 'INVALID_INPUT');
    await ok(staffCall('party.meetings.update', { id, ...fields, date: '2026-11-05', attendance: [...fields.attendance.slice(0, 1), { personId: li, present: true }, { personId: late, present: false, absenceReason: '外出探亲' }] }));
    expect(await ok(staffCall('party.meetings.get', { id }))).toMatchObject({ date: '2026-11-05', expected: 3, present: 2 });
    // Back to October: the late member's row is tombstoned.
    await ok(staffCall('party.meetings.update', { id, ...fields }));
    expect((await ok(staffCall('party.meetings.get', { id }))).attendance.map((a) => a.personName)).toEqual(['王德明', '李秀英']);
    expect(o.t.app.db.prepare('SELECT count(*) AS n FROM party_meeting_attendance WHERE meeting_id = ? AND deleted_at IS NOT NULL').get(id)).toEqual({ n: 1 });
    const history = await ok(staffCall('persons.history', { id: li }));
    expect(history.filter((e) => e.entity === 'party_attendance').length).toBeGreaterThanOrEqual(2);
  });

  it('lists meetings per branch and date range, and deletes a meeting as a tombstone with its attendance', async () => {
    const { b, wang, li } = await twoMembers();
    const b2 = await branch('老党员活动站', 'station');
    const att = [
      { personId: wang, present: true },
      { personId: li, present: true },
    ];
    const { id: m1 } = await ok(staffCall('party.meetings.create', { branchId: b, kind: 'organisational', date: '2026-03-10', topic: '支部党员大会', attendance: att }));
    await ok(staffCall('party.meetings.create', { branchId: b, kind: 'study', date: '2026-09-10', topic: '学习《中国共产党纪律处分条例》', attendance: att }));
    await ok(staffCall('party.meetings.create', { branchId: b2, kind: 'other', date: '2026-09-12', topic: '重阳节座谈', attendance: [] }));
    const topics = async (input: ChannelInput<'party.meetings.list'>) => (await ok(call(o.t.app, o.viewer, 'party.meetings.list', input))).rows.map((r) => r.topic);
    expect(await topics({ branchId: b })).toEqual(['学习《中国共产党纪律处分条例》', '支部党员大会']);
    expect(await topics({ from: '2026-09-01', to: '2026-09-30' })).toEqual(['重阳节座谈', '学习《中国共产党纪律处分条例》']);
    expect(await topics({ from: '2026-09-10', to: '2026-09-10' })).toEqual(['学习《中国共产党纪律处分条例》']);
    await refused('party.meetings.list', { from: '2026-09-30', to: '2026-09-01' }, 'INVALID_INPUT', o.viewer);
    expect((await ok(staffCall('party.branches.get', { id: b }))).lastMeetingOn).toBe('2026-09-10');
    await ok(staffCall('party.meetings.delete', { id: m1 }));
    expect(await topics({ branchId: b })).toEqual(['学习《中国共产党纪律处分条例》']);
    expect(o.t.app.db.prepare('SELECT count(*) AS n FROM party_meeting_attendance WHERE meeting_id = ? AND deleted_at IS NOT NULL').get(m1)).toEqual({ n: 2 });
    expect(auditCount('party_meeting', 'delete')).toBe(1);
    const person = await ok(staffCall('party.person', { personId: wang }));
    expect(person.recentMeetings.map((r) => [r.topic, r.present])).toEqual([['学习《中国共产党纪律处分条例》', true]]);
  });
});

describe('三会一课', () => {
  const meet = async (branchId: string, form: 'member_assembly' | 'committee' | 'group_meeting' | 'party_lecture', date: string, persons: string[]) =>
    ok(
      staffCall('party.meetings.create', {
        branchId,
        kind: form === 'party_lecture' ? 'study' : 'organisational',
        form,
        date,
        topic: `${form} ${date}`,
        attendance: persons.map((personId) => ({ personId, present: true })),
      }),
    );

  it('counts each of the four against its rhythm, quarter by quarter, and never calls a running month missed', async () => {
    const b = await branch();
    const wang = await addPerson(o, { name: '王德明' });
    await member(wang, b, { fromDate: '2025-01-01' });
    setDay(o, '2026-11-27');
    // 2026: a members' meeting in Q1 and Q3, a lecture in Q2 and Q4, committees in Jan, Feb, Mar, Apr, Oct and Nov.
    for (const d of ['2026-02-10', '2026-08-12']) await meet(b, 'member_assembly', d, [wang]);
    for (const d of ['2026-05-20', '2026-10-15']) await meet(b, 'party_lecture', d, [wang]);
    for (const d of ['2026-01-05', '2026-02-05', '2026-03-05', '2026-04-05', '2026-10-05', '2026-11-05']) await meet(b, 'committee', d, [wang]);
    const life = await ok(staffCall('party.branches.life', { branchId: b, year: 2026 }));
    const row = (form: string) => life.rows.find((r) => r.form === form);
    const states = (form: string) => row(form)?.quarters.map((q) => q.state);
    expect(states('member_assembly')).toEqual(['ok', 'missing', 'ok', 'open']);
    expect(states('party_lecture')).toEqual(['missing', 'ok', 'missing', 'ok']);
    // Committees: Q2 misses May and June, Q3 all three months; in Q4 October is held and November still runs.
    expect(row('committee')?.quarters.map((q) => [q.state, q.met, q.due])).toEqual([
      ['ok', 3, 3],
      ['missing', 1, 3],
      ['missing', 0, 3],
      ['open', 1, 1],
    ]);
    // No 党小组会 ever recorded: not asked of this branch.
    expect(row('group_meeting')?.applies).toBe(false);
    // A later year has not begun; an earlier one is judged whole.
    expect((await ok(staffCall('party.branches.life', { branchId: b, year: 2027 }))).rows.every((r) => r.quarters.every((q) => q.state === 'future'))).toBe(true);
    // A branch founded in August 2026 owes nothing before: Q3 asks only for August and September.
    const young = (await ok(staffCall('party.branches.create', { name: '临时党支部', kind: 'temporary', foundedOn: '2026-08-01', meetingPlace: '' }))).id;
    const youngLife = await ok(staffCall('party.branches.life', { branchId: young, year: 2026 }));
    expect(youngLife.rows.find((r) => r.form === 'committee')?.quarters.map((q) => [q.state, q.due])).toEqual([
      ['future', 0],
      ['future', 0],
      ['missing', 2],
      ['missing', 1],
    ]);
    expect((await ok(staffCall('party.branches.life', { branchId: b, year: 2025 }))).rows.find((r) => r.form === 'member_assembly')?.quarters.map((q) => q.state)).toEqual([
      'missing',
      'missing',
      'missing',
      'missing',
    ]);
    // A meeting is kept with its form; a form that does not fit the kind is refused, nothing written.
    const listed = await ok(call(o.t.app, o.viewer, 'party.meetings.list', { branchId: b, limit: 50 }));
    expect(listed.rows.filter((m) => m.form === 'committee')).toHaveLength(6);
    await refused('party.meetings.create', { branchId: b, kind: 'study', form: 'committee', date: '2026-11-20', topic: '错配', attendance: [{ personId: wang, present: true }] }, 'INVALID_INPUT');
  });
});

describe('dues', () => {
  async function setup() {
    const b = await branch();
    const wang = await addPerson(o, { name: '王德明' });
    const li = await addPerson(o, { name: '李秀英', gender: 'female' });
    const late = await addPerson(o, { name: '周立新' });
    await member(wang, b, { fromDate: '2025-05-01' });
    await member(li, b, { fromDate: '2026-03-15' });
    await member(late, b, { fromDate: '2026-11-01' });
    return { b, wang, li, late };
  }

  it('records a month for a branch in one go, prefilling last amounts, and refuses a batch with a duplicate as a whole', async () => {
    const { b, wang, li, late } = await setup();
    expect((await ok(staffCall('party.dues.month', { branchId: b, month: '2026-10' }))).map((l) => l.personName)).toEqual(['李秀英', '王德明']);
    expect(await ok(staffCall('party.dues.recordMonth', { branchId: b, month: '2026-10', paidOn: '2026-10-08', entries: [{ personId: wang, amountFen: 1250 }, { personId: li, amountFen: 800 }] }))).toEqual({ count: 2 });
    const november = await ok(staffCall('party.dues.month', { branchId: b, month: '2026-11' }));
    expect(november.map((l) => [l.personName, l.lastAmountFen, l.record])).toEqual([
      ['李秀英', 800, null],
      ['王德明', 1250, null],
      ['周立新', null, null],
    ]);
    await ok(staffCall('party.dues.recordMonth', { branchId: b, month: '2026-11', paidOn: '2026-11-05', entries: [{ personId: wang, amountFen: 1250 }] }));
    // 王德明 has November already: nothing of this batch is written.
    await refused('party.dues.recordMonth', { branchId: b, month: '2026-11', paidOn: '2026-11-20', entries: [{ personId: li, amountFen: 800 }, { personId: wang, amountFen: 1250 }] }, 'DUES_ALREADY_RECORDED');
    await refused('party.dues.recordMonth', { branchId: b, month: '2026-11', paidOn: '2026-11-20', entries: [] }, 'INVALID_INPUT');
    await refused('party.dues.recordMonth', { branchId: b, month: '2026-13', paidOn: '2026-11-20', entries: [{ personId: li, amountFen: 800 }] }, 'INVALID_INPUT');
    await refused('party.dues.recordMonth', { branchId: b, month: '2026-11', paidOn: '2026-11-20', entries: [{ personId: li, amountFen: -5 }] }, 'INVALID_INPUT');
    await refused('party.dues.recordMonth', { branchId: b, month: '2026-10', paidOn: '2026-11-20', entries: [{ personId: late, amountFen: 500 }] }, 'INVALID_INPUT');
    await refused('party.dues.recordMonth', { branchId: b, month: '2026-11', paidOn: '2026-12-20', entries: [{ personId: li, amountFen: 800 }] }, 'INVALID_INPUT');
    const line = (await ok(staffCall('party.dues.month', { branchId: b, month: '2026-11' }))).find((l) => l.personId === wang);
    expect(line?.record).toMatchObject({ amountFen: 1250, paidOn: '2026-11-05', month: '2026-11' });
    const id = line?.record?.id ?? '';
    await ok(staffCall('party.dues.update', { id, amountFen: 1500, paidOn: '2026-11-06', notes: '含补交' }));
    expect((await ok(staffCall('party.person', { personId: wang }))).duesThisYear.map((d) => [d.month, d.amountFen])).toEqual([
      ['2026-10', 1250],
      ['2026-11', 1500],
    ]);
    await ok(staffCall('party.dues.delete', { id }));
    expect(o.t.app.db.prepare('SELECT deleted_at FROM party_dues WHERE id = ?').get(id)).toEqual({ deleted_at: expect.any(String) });
    expect(auditCount('party_dues', 'create')).toBe(3);
    expect((await ok(staffCall('persons.history', { id: li }))).some((e) => e.entity === 'party_dues')).toBe(true);
  });

  it('suggests the dues from a pension staff recorded (0.5 % up to 5,000 yuan, 1 % above), keeps what was paid, and hides the pension from readers', async () => {
    const { b, wang, li, late } = await setup();
    await ok(staffCall('party.dues.setPension', { personId: wang, monthlyPensionFen: 500_000 })); // 5,000.00: 0.5 % → 25.00
    await ok(staffCall('party.dues.setPension', { personId: li, monthlyPensionFen: 500_001 })); // 5,000.01: 1 % → 50.00
    await ok(staffCall('party.dues.recordMonth', { branchId: b, month: '2026-11', paidOn: '2026-11-05', entries: [{ personId: wang, amountFen: 2000 }] }));
    const lines = await ok(staffCall('party.dues.month', { branchId: b, month: '2026-11' }));
    const of = (id: string) => lines.find((l) => l.personId === id);
    expect(of(wang)).toMatchObject({ pensionFen: 500_000, suggestedFen: 2500, record: { amountFen: 2000 } });
    expect(of(li)).toMatchObject({ pensionFen: 500_001, suggestedFen: 5000, record: null });
    expect(of(late)).toMatchObject({ pensionFen: null, suggestedFen: null });
    // A reader sees the dues but not the pension, and the audit log says only that it changed.
    const asViewer = await ok(call(o.t.app, o.viewer, 'party.dues.month', { branchId: b, month: '2026-11' }));
    expect(asViewer.every((l) => l.pensionFen === null && l.suggestedFen === null)).toBe(true);
    const logged = o.t.app.db.prepare("SELECT changes FROM audit_log WHERE subject_id = ? AND changes LIKE '%monthly_pension_fen%'").all(wang) as { changes: string }[];
    expect(logged).toHaveLength(1);
    expect(logged[0]?.changes).not.toContain('500000');
    // Cleared: no suggestion any more.
    await ok(staffCall('party.dues.setPension', { personId: li, monthlyPensionFen: null }));
    expect((await ok(staffCall('party.dues.month', { branchId: b, month: '2026-11' }))).find((l) => l.personId === li)).toMatchObject({ pensionFen: null, suggestedFen: null });
    // Refused, with the data as it was: out of range, a person who is not a member, a reader.
    await refused('party.dues.setPension', { personId: wang, monthlyPensionFen: -1 }, 'INVALID_INPUT');
    await refused('party.dues.setPension', { personId: wang, monthlyPensionFen: 10_000_001 }, 'INVALID_INPUT');
    const outsider = await addPerson(o, { name: '赵国强' });
    await refused('party.dues.setPension', { personId: outsider, monthlyPensionFen: 300_000 }, 'INVALID_INPUT');
    await refused('party.dues.setPension', { personId: wang, monthlyPensionFen: 300_000 }, 'FORBIDDEN', o.viewer);
  });

  it('refuses more than 1,000 yuan for one member and month as a typo, in a batch and in a correction', async () => {
    const { b, wang, li } = await setup();
    const batch = (amountFen: number) => ({ branchId: b, month: '2026-11', paidOn: '2026-11-05', entries: [{ personId: wang, amountFen: 1250 }, { personId: li, amountFen }] });
    // ¥100,000 (an amount typed in fen, or with extra zeros): the whole batch is refused.
    await refused('party.dues.recordMonth', batch(10_000_000), 'INVALID_INPUT');
    const answer = await call(o.t.app, o.staff, 'party.dues.recordMonth', batch(100_001));
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'entries.1.amountFen', message: 'party.duesTooLarge' }] } } });
    // 1,000 yuan itself is accepted.
    await ok(staffCall('party.dues.recordMonth', batch(100_000)));
    const id = (await ok(staffCall('party.dues.month', { branchId: b, month: '2026-11' }))).find((l) => l.personId === wang)?.record?.id ?? '';
    await refused('party.dues.update', { id, amountFen: 125_000, paidOn: '2026-11-05', notes: '' }, 'INVALID_INPUT');
    await ok(staffCall('party.dues.update', { id, amountFen: 1500, paidOn: '2026-11-05', notes: '' }));
  });

  it('lists arrears from the later of joining the branch and January up to the chosen month', async () => {
    const { b, wang, li, late } = await setup();
    const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2026-${String(from + i).padStart(2, '0')}`);
    for (const month of months(1, 9)) {
      await ok(staffCall('party.dues.recordMonth', { branchId: b, month, paidOn: '2026-11-01', entries: month >= '2026-03' ? [{ personId: wang, amountFen: 1250 }, { personId: li, amountFen: 800 }] : [{ personId: wang, amountFen: 1250 }] }));
    }
    const rows = await ok(call(o.t.app, o.viewer, 'party.dues.arrears', { month: '2026-11' }));
    expect(rows.map((r) => [r.personName, r.months, r.lastPaidMonth])).toEqual([
      ['李秀英', ['2026-10', '2026-11'], '2026-09'],
      ['王德明', ['2026-10', '2026-11'], '2026-09'],
      ['周立新', ['2026-11'], null],
    ]);
    expect((await ok(staffCall('party.dues.arrears', { month: '2026-09', branchId: b }))).map((r) => r.personName)).toEqual([]);
    expect((await ok(staffCall('party.person', { personId: late }))).monthsBehind).toEqual(['2026-11']);
    // A move to another branch keeps what he owed before it: the arrears follow the member.
    const b2 = await branch('老党员活动站', 'station');
    const zhang = await addPerson(o, { name: '张建华' });
    const mz = await member(zhang, b, { fromDate: '2026-02-01' });
    await ok(staffCall('party.dues.recordMonth', { branchId: b, month: '2026-02', paidOn: '2026-02-05', entries: [{ personId: zhang, amountFen: 1000 }] }));
    await ok(staffCall('party.members.move', { id: mz, toBranchId: b2, date: '2026-06-15' }));
    const moved = (await ok(staffCall('party.dues.arrears', { month: '2026-11', branchId: b2 }))).find((r) => r.personId === zhang);
    expect([moved?.branchName, moved?.months, moved?.lastPaidMonth]).toEqual(['老党员活动站', months(3, 11), '2026-02']);
    expect((await ok(staffCall('party.person', { personId: zhang }))).monthsBehind).toEqual(months(3, 11));
    // The old branch still lists him for the months he belonged to it, so they can be paid there.
    expect((await ok(staffCall('party.dues.month', { branchId: b, month: '2026-05' }))).map((l) => l.personName)).toContain('张建华');
    expect((await ok(staffCall('party.dues.month', { branchId: b, month: '2026-06' }))).map((l) => l.personName)).not.toContain('张建华');
    await ok(staffCall('party.dues.recordMonth', { branchId: b, month: '2026-03', paidOn: '2026-11-20', entries: [{ personId: zhang, amountFen: 1000 }] }));
    expect((await ok(staffCall('party.person', { personId: zhang }))).monthsBehind).toEqual(months(4, 11));
    // Once the registry says he died, he is no longer chased for dues.
    await ok(call(o.t.app, o.admin, 'persons.changeStatus', { id: late, status: 'deceased', date: '2026-11-20' }));
    expect((await ok(staffCall('party.dues.arrears', { month: '2026-11' }))).map((r) => r.personName)).toEqual(['李秀英', '王德明', '张建华']);
  });

  it('works out every member at once alike: chains of moves (two on one day), a removed earlier row, deleted persons, last paid month of any year', async () => {
    const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2026-${String(from + i).padStart(2, '0')}`);
    const b = await branch(); // 幸福里社区离退休干部党支部
    const b2 = await branch('老党员活动站', 'station');
    const b3 = await branch('第二党支部');
    const zhao = await addPerson(o, { name: '赵国强' });
    const qian = await addPerson(o, { name: '钱淑芬', gender: 'female' });
    const sun = await addPerson(o, { name: '孙志远' });
    const mZhao = await member(zhao, b, { fromDate: '2025-11-01' });
    const mQian = await member(qian, b, { fromDate: '2026-01-10' });
    await member(sun, b3, { fromDate: '2026-01-10' });
    for (const month of ['2025-11', '2025-12', '2026-01']) {
      await ok(staffCall('party.dues.recordMonth', { branchId: b, month, paidOn: '2026-02-01', entries: [{ personId: zhao, amountFen: 1000 }] }));
    }
    // 赵国强 goes to the station and, the same day, on to the second branch: his debt since February follows him.
    const mZhao2 = await ok(staffCall('party.members.move', { id: mZhao, toBranchId: b2, date: '2026-04-10' }));
    await ok(staffCall('party.members.move', { id: mZhao2.id, toBranchId: b3, date: '2026-04-10' }));
    // 钱淑芬's first row was entered by mistake and removed: she owes from joining the station only.
    await ok(staffCall('party.members.move', { id: mQian, toBranchId: b2, date: '2026-05-01' }));
    await ok(staffCall('party.members.delete', { id: mQian }));
    const all = await ok(staffCall('party.dues.arrears', { month: '2026-11' }));
    expect(all.map((r) => [r.personName, r.branchName, r.months, r.lastPaidMonth])).toEqual([
      ['孙志远', '第二党支部', months(1, 11), null],
      ['赵国强', '第二党支部', months(2, 11), '2026-01'],
      ['钱淑芬', '老党员活动站', months(5, 11), null],
    ]);
    // The person page walks the same chains one member at a time and agrees.
    for (const row of all) expect((await ok(staffCall('party.person', { personId: row.personId }))).monthsBehind).toEqual(row.months);
    expect((await ok(staffCall('party.dues.arrears', { month: '2026-11', branchId: b2 }))).map((r) => r.personName)).toEqual(['钱淑芬']);
    expect(await ok(staffCall('party.dues.arrears', { month: '2026-11', branchId: b }))).toEqual([]);
    // A month's tombstoned dues count as unpaid again; a deleted person drops out of the list.
    const january = o.t.app.db.prepare("SELECT id FROM party_dues WHERE person_id = ? AND month = '2026-01'").get(zhao) as { id: string };
    await ok(staffCall('party.dues.delete', { id: january.id }));
    await ok(call(o.t.app, o.admin, 'persons.delete', { id: sun }));
    expect((await ok(staffCall('party.dues.arrears', { month: '2026-03' }))).map((r) => [r.personName, r.months, r.lastPaidMonth])).toEqual([['赵国强', months(1, 3), '2025-12']]);
  });
});

describe('partyLifeOf (for the original units\u2019 feedback)', () => {
  it('counts meetings held while a member and attended, dues paid in range and months behind', async () => {
    const b1 = await branch();
    const b2 = await branch('老党员活动站', 'station');
    const wang = await addPerson(o, { name: '王德明' });
    const li = await addPerson(o, { name: '李秀英', gender: 'female' });
    const none = await addPerson(o, { name: '陈淑芬', gender: 'female' });
    const mw = await member(wang, b1, { relationHeld: 'original_unit', managementMode: 'multi', unitPartyContact: '孙志刚', fromDate: '2026-01-05' });
    await member(li, b1, { fromDate: '2026-01-05' });
    const both = [
      { personId: wang, present: true },
      { personId: li, present: true },
    ];
    await ok(staffCall('party.meetings.create', { branchId: b1, kind: 'organisational', date: '2026-02-10', topic: '组织生活会', attendance: both }));
    await ok(staffCall('party.meetings.create', { branchId: b1, kind: 'study', date: '2026-05-10', topic: '学习会', attendance: [both[0]!, { personId: li, present: false, absenceReason: '外出' }] }));
    setDay(o, '2026-06-01');
    await ok(staffCall('party.members.move', { id: mw, toBranchId: b2, date: '2026-06-01' }));
    setDay(o, '2026-11-27');
    await ok(staffCall('party.meetings.create', { branchId: b2, kind: 'theme_day', date: '2026-07-01', topic: '七一主题党日', attendance: [{ personId: wang, present: false, absenceReason: '养病' }] }));
    await ok(staffCall('party.meetings.create', { branchId: b1, kind: 'study', date: '2026-08-10', topic: '学习会', attendance: [{ personId: li, present: true }] }));
    await ok(staffCall('party.dues.recordMonth', { branchId: b1, month: '2026-03', paidOn: '2026-03-05', entries: [{ personId: li, amountFen: 800 }] }));
    await ok(staffCall('party.dues.recordMonth', { branchId: b2, month: '2026-07', paidOn: '2026-07-05', entries: [{ personId: wang, amountFen: 1250 }] }));
    await ok(staffCall('party.dues.recordMonth', { branchId: b2, month: '2026-08', paidOn: '2026-08-05', entries: [{ personId: wang, amountFen: 1250 }] }));

    const life = partyLifeOf(o.t.app.db, [wang, li, none], '2026-01-01', '2026-09-30', '2026-11-27');
    expect([...life.keys()].sort()).toEqual([wang, li].sort());
    expect(life.get(wang)).toEqual({
      branchName: '老党员活动站',
      relationHeld: 'original_unit',
      managementMode: 'multi',
      unitPartyContact: '孙志刚',
      meetingsHeld: 3,
      meetingsAttended: 2,
      duesMonthsPaid: 2,
      // The move kept his debt: January to September are owed, July and August paid.
      duesMonthsBehind: 7,
    });
    expect(life.get(li)).toMatchObject({ branchName: '幸福里社区离退休干部党支部', meetingsHeld: 3, meetingsAttended: 2, duesMonthsPaid: 1, duesMonthsBehind: 8 });
    // A narrower range counts only what happened in it.
    expect(partyLifeOf(o.t.app.db, [li], '2026-08-01', '2026-08-31', '2026-11-27').get(li)).toMatchObject({ meetingsHeld: 1, meetingsAttended: 1, duesMonthsPaid: 0, duesMonthsBehind: 7 });
    // Months still to come are not owed: a period running to December counts up to today (November).
    expect(partyLifeOf(o.t.app.db, [li], '2026-01-01', '2026-12-31', '2026-11-27').get(li)).toMatchObject({ duesMonthsBehind: 10 });
  });

  it('reports a member who left during the period, up to the day they left, and counts the move day in the new branch only', async () => {
    const b1 = await branch();
    const b2 = await branch('老党员活动站', 'station');
    const zhao = await addPerson(o, { name: '赵国强' });
    const wang = await addPerson(o, { name: '王德明' });
    const mz = await member(zhao, b1, { relationHeld: 'original_unit', managementMode: 'combined', unitPartyContact: '孙志刚', fromDate: '2026-01-05' });
    const mw = await member(wang, b1, { fromDate: '2026-01-05' });
    await ok(staffCall('party.meetings.create', { branchId: b1, kind: 'study', date: '2026-03-10', topic: '学习会', attendance: [{ personId: zhao, present: true }, { personId: wang, present: true }] }));
    await ok(staffCall('party.dues.recordMonth', { branchId: b1, month: '2026-01', paidOn: '2026-01-10', entries: [{ personId: zhao, amountFen: 1000 }] }));
    await ok(staffCall('party.members.end', { id: mz, toDate: '2026-05-15', reason: 'transferred_out', note: '组织关系转回县水利局' }));
    // Moved on the day of both branches' meetings: expected at the new branch's only.
    await ok(staffCall('party.members.move', { id: mw, toBranchId: b2, date: '2026-07-01' }));
    await ok(staffCall('party.meetings.create', { branchId: b1, kind: 'theme_day', date: '2026-07-01', topic: '七一主题党日', attendance: [] }));
    await ok(staffCall('party.meetings.create', { branchId: b2, kind: 'theme_day', date: '2026-07-01', topic: '七一主题党日', attendance: [{ personId: wang, present: true }] }));

    const life = partyLifeOf(o.t.app.db, [zhao, wang], '2026-01-01', '2026-09-30', '2026-11-27');
    expect(life.get(zhao)).toEqual({
      branchName: '幸福里社区离退休干部党支部',
      relationHeld: 'original_unit',
      managementMode: 'combined',
      unitPartyContact: '孙志刚',
      meetingsHeld: 1,
      meetingsAttended: 1,
      duesMonthsPaid: 1,
      // A member up to 14 May: February to May unpaid.
      duesMonthsBehind: 4,
    });
    expect(life.get(wang)).toMatchObject({ branchName: '老党员活动站', meetingsHeld: 2, meetingsAttended: 2 });
    // A period after he left does not mention him.
    expect(partyLifeOf(o.t.app.db, [zhao], '2026-06-01', '2026-09-30', '2026-11-27').has(zhao)).toBe(false);
  });
});

describe('roles', () => {
  it('lets viewers read but not write, and keeps grid workers out', async () => {
    const b = await branch();
    expect(await ok(call(o.t.app, o.viewer, 'party.branches.get', { id: b }))).toMatchObject({ id: b });
    await refused('party.branches.create', { name: '第二党支部', kind: 'branch' }, 'FORBIDDEN', o.viewer);
    await refused('party.branches.delete', { id: b }, 'FORBIDDEN', o.viewer);
    await refused('party.dues.recordMonth', { branchId: b, month: '2026-11', paidOn: '2026-11-05', entries: [{ personId: b, amountFen: 100 }] }, 'FORBIDDEN', o.viewer);
    expect(await errorCode(call(o.t.app, o.gw1, 'party.branches.list', {}))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.gw1, 'party.members.list', {}))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.gw1, 'party.person', { personId: b }))).toBe('FORBIDDEN');
    await refused('party.branches.create', { name: '第二党支部', kind: 'branch' }, 'FORBIDDEN', o.gw1);
  });
});
