import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok, errorCode, dumpDatabase } from '../helpers/app';
import type { Result } from '../../shared/errors';
import type { ChannelInput } from '../../shared/contract';
import { syncedTables } from '../../main/db/syncedTables';
import { dueStatusOf, nextDueDate } from '../../main/services/pairs/due';
import { careOffice, addPerson, setDay, type CareOffice } from './care.helpers';

type NewPair = ChannelInput<'pairs.create'>;

function issuesOf(r: Result<unknown>): string[] {
  if (r.ok) throw new Error('expected a refusal');
  expect(r.error.code).toBe('INVALID_INPUT');
  return (r.error.details?.['issues'] as { path: string; message: string }[]).map((i) => `${i.path}:${i.message}`);
}

describe('due dates of contacts', () => {
  it('adds the interval to the last contact or the start, keeping month ends', () => {
    expect(nextDueDate('weekly', '2026-11-01', null)).toBe('2026-11-08');
    expect(nextDueDate('biweekly', '2026-11-01', '2026-11-20')).toBe('2026-12-04');
    expect(nextDueDate('monthly', '2026-01-31', null)).toBe('2026-02-28');
    expect(nextDueDate('monthly', '2024-01-31', null)).toBe('2024-02-29');
    expect(nextDueDate('quarterly', '2026-11-30', null)).toBe('2027-02-28');
    // A contact dated before the start (not possible through the channels) does not move the date back.
    expect(nextDueDate('weekly', '2026-11-10', '2026-11-01')).toBe('2026-11-17');
  });

  it('is due within a window before the date and overdue the day after', () => {
    expect(dueStatusOf('monthly', '2026-12-10', '2026-12-02')).toBe('ok');
    expect(dueStatusOf('monthly', '2026-12-10', '2026-12-03')).toBe('due');
    expect(dueStatusOf('monthly', '2026-12-10', '2026-12-10')).toBe('due');
    expect(dueStatusOf('monthly', '2026-12-10', '2026-12-11')).toBe('overdue');
    expect(dueStatusOf('weekly', '2026-12-10', '2026-12-07')).toBe('ok');
    expect(dueStatusOf('weekly', '2026-12-10', '2026-12-08')).toBe('due');
    expect(dueStatusOf('quarterly', '2026-12-10', '2026-11-26')).toBe('due');
  });
});

describe('assistance pairs', () => {
  let o: CareOffice;
  let helped: string;
  let retiree: string;
  let other: string;
  beforeEach(async () => {
    o = await careOffice();
    helped = await addPerson(o, { name: '赵淑珍', gender: 'female', birthDate: '1938-07-12', livingSituation: 'alone' });
    retiree = await addPerson(o, { name: '孙国强', birthDate: '1956-03-03', phones: ['13703570001'] });
    other = await addPerson(o, { name: '钱玉梅', gender: 'female', birthDate: '1941-09-09' });
  });
  afterEach(() => o.t.close());

  const volunteer: Omit<NewPair, 'personId'> = {
    helperKind: 'volunteer',
    helperName: '周晓燕',
    helperPhone: '13912345678',
    helpKinds: ['daily_care', 'emotional'],
    frequency: 'weekly',
    fromDate: '2026-11-01',
    notes: '每周六上午上门，帮忙买菜、陪聊。',
  };
  const create = (input: Partial<NewPair> = {}) => ok(call(o.t.app, o.staff, 'pairs.create', { personId: helped, ...volunteer, ...input }));

  it('creates pairs of every helper kind; a retired official helper is taken from the registry', async () => {
    const v = await create();
    const s = await create({ helperKind: 'staff', helperName: '王主任', helperPhone: '', helpKinds: ['errands'], frequency: 'monthly' });
    const u = await create({ helperKind: 'unit', helperName: '县水利局机关党支部', helperPhone: '', helpKinds: ['other'], frequency: 'quarterly' });
    const r = await create({ personId: other, helperKind: 'retiree', helperPersonId: retiree, helperName: '', helperPhone: '', helpKinds: ['emotional', 'legal'], frequency: 'biweekly' });
    const detail = await ok(call(o.t.app, o.viewer, 'pairs.get', { id: r.id }));
    expect(detail.pair).toMatchObject({ personName: '钱玉梅', helperKind: 'retiree', helperPersonId: retiree, helperName: '孙国强', helperPhone: '13703570001', helpKinds: ['emotional', 'legal'] });
    expect(detail.contacts).toEqual([]);
    expect((await ok(call(o.t.app, o.viewer, 'pairs.get', { id: v.id }))).pair).toMatchObject({ helperName: '周晓燕', helperPhone: '13912345678', helperPersonId: null });
    const all = await ok(call(o.t.app, o.viewer, 'pairs.list', {}));
    expect(all.total).toBe(4);
    expect((await ok(call(o.t.app, o.viewer, 'pairs.list', { helperKind: 'unit' }))).rows.map((x) => x.id)).toEqual([u.id]);
    expect((await ok(call(o.t.app, o.viewer, 'pairs.list', { search: '王主任' }))).rows.map((x) => x.id)).toEqual([s.id]);
    expect((await ok(call(o.t.app, o.viewer, 'pairs.list', { search: '钱玉' }))).rows.map((x) => x.id)).toEqual([r.id]);
    expect((await ok(call(o.t.app, o.viewer, 'pairs.list', { search: 'zsz' }))).total).toBe(3);
    const history = await ok(call(o.t.app, o.staff, 'persons.history', { id: helped }));
    expect(history.filter((h) => h.entity === 'assistance_pair')).toHaveLength(3);
  });

  it('refuses a helper missing, the person themself, unknown help kinds and bad roles, writing nothing', async () => {
    const before = dumpDatabase(o.t.app);
    const refuse = async (input: Partial<NewPair>) => issuesOf((await call(o.t.app, o.staff, 'pairs.create', { personId: helped, ...volunteer, ...input })) as Result<unknown>);
    expect(await refuse({ helperKind: 'retiree', helperPersonId: null })).toEqual(['helperPersonId:pairs.helperPersonRequired']);
    expect(await refuse({ helperKind: 'retiree', helperPersonId: helped })).toEqual(['helperPersonId:pairs.helperIsSelf']);
    expect(await refuse({ helperName: ' ' })).toEqual(['helperName:pairs.helperNameRequired']);
    expect(await refuse({ helpKinds: [] })).toEqual(['helpKinds:pairs.helpKindsRequired']);
    // The helper check runs even while another field fails: one answer names every problem.
    expect(await refuse({ helperName: '', helpKinds: [], fromDate: '2026-02-30' })).toEqual(['helpKinds:pairs.helpKindsRequired', 'fromDate:date.noSuchDay?year=2026&month=2&day=30', 'helperName:pairs.helperNameRequired']);
    expect(await refuse({ helpKinds: ['emotional', 'emotional'] })).toEqual(['helpKinds:pairs.helpKindsRepeated']);
    expect((await refuse({ helpKinds: ['shopping' as 'other'] }))[0]).toMatch(/^helpKinds\.0:/);
    expect((await refuse({ helperPhone: 'abc' }))[0]).toBe('helperPhone:phone.format');
    expect((await refuse({ frequency: 'daily' as 'weekly' }))[0]).toMatch(/^frequency:/);
    expect(await errorCode(call(o.t.app, o.staff, 'pairs.create', { personId: helped, ...volunteer, helperKind: 'retiree', helperPersonId: o.ids.staff }))).toBe('NOT_FOUND');
    expect(await errorCode(call(o.t.app, o.staff, 'pairs.create', { personId: o.ids.staff, ...volunteer }))).toBe('NOT_FOUND');
    expect(await errorCode(call(o.t.app, o.viewer, 'pairs.create', { personId: helped, ...volunteer }))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.gw1, 'pairs.list', {}))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.gw1, 'pairs.forPerson', { personId: helped }))).toBe('FORBIDDEN');
    expect(dumpDatabase(o.t.app)).toEqual(before);
  });

  it('records, edits and deletes contacts; the list puts overdue pairs first with the last contact', async () => {
    setDay(o, '2026-11-27');
    const weekly = await create(); // from 11-01, weekly: due 11-08 → overdue
    const monthly = await create({ helperName: '李红', frequency: 'monthly', fromDate: '2026-11-20' }); // due 12-20 → ok
    const soon = await create({ helperName: '陈刚', frequency: 'biweekly', fromDate: '2026-11-15' }); // due 11-29 → due
    const list = await ok(call(o.t.app, o.viewer, 'pairs.list', {}));
    expect(list.rows.map((r) => [r.helperName, r.dueStatus, r.nextDueDate])).toEqual([
      ['周晓燕', 'overdue', '2026-11-08'],
      ['陈刚', 'due', '2026-11-29'],
      ['李红', 'ok', '2026-12-20'],
    ]);
    expect(list.overdueCount).toBe(1);
    // The home page's "overdue pairs" opens these only: the filter, and the export's title row naming it.
    const onlyOverdue = await ok(call(o.t.app, o.viewer, 'pairs.list', { due: 'overdue' }));
    expect([onlyOverdue.total, onlyOverdue.overdueCount, onlyOverdue.rows.map((r) => r.helperName)]).toEqual([1, 1, ['周晓燕']]);
    expect((await ok(call(o.t.app, o.viewer, 'pairs.list', { due: 'due' }))).rows.map((r) => r.helperName)).toEqual(['陈刚']);
    const sheet = await ok(call(o.t.app, o.viewer, 'reports.exportPairs', { status: 'current', due: 'overdue' }));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(sheet.base64, 'base64') as unknown as ExcelJS.Buffer);
    expect(book.worksheets[0]?.getCell('A1').value).toBe('结对帮扶（筛选：状态：进行中；提醒：已逾期）');
    expect([sheet.count, book.worksheets[0]?.getCell('B4').value]).toEqual([1, '周晓燕']);
    const unchanged = dumpDatabase(o.t.app);
    expect(await errorCode(call(o.t.app, o.viewer, 'pairs.list', { due: 'late' } as never))).toBe('INVALID_INPUT');
    expect(await errorCode(call(o.t.app, o.viewer, 'reports.exportPairs', { due: 'late' } as never))).toBe('INVALID_INPUT');
    expect(dumpDatabase(o.t.app)).toEqual(unchanged);

    const { id: c1 } = await ok(call(o.t.app, o.staff, 'pairs.addContact', { pairId: weekly.id, date: '2026-11-21', method: 'visit', content: '上门陪老人聊天，帮忙打扫卫生。', followUp: '下次带降压药' }));
    await ok(call(o.t.app, o.staff, 'pairs.addContact', { pairId: weekly.id, date: '2026-11-08', method: 'phone', content: '电话问候，老人身体尚好。' }));
    const after = await ok(call(o.t.app, o.viewer, 'pairs.list', {}));
    expect(after.rows.map((r) => [r.helperName, r.dueStatus])).toEqual([
      ['周晓燕', 'due'],
      ['陈刚', 'due'],
      ['李红', 'ok'],
    ]);
    expect(after.rows[0]).toMatchObject({ lastContactDate: '2026-11-21', nextDueDate: '2026-11-28', contactCount: 2 });
    expect(after.overdueCount).toBe(0);

    const before = dumpDatabase(o.t.app);
    const early = (await call(o.t.app, o.staff, 'pairs.addContact', { pairId: monthly.id, date: '2026-11-19', method: 'phone', content: '电话' })) as Result<unknown>;
    expect(issuesOf(early)).toEqual(['date:pairs.contactBeforeStart']);
    const future = (await call(o.t.app, o.staff, 'pairs.addContact', { pairId: monthly.id, date: '2026-11-28', method: 'phone', content: '电话' })) as Result<unknown>;
    expect(issuesOf(future)).toEqual(['date:date.inFuture']);
    const empty = (await call(o.t.app, o.staff, 'pairs.addContact', { pairId: monthly.id, date: '2026-11-26', method: 'phone', content: '' })) as Result<unknown>;
    expect(issuesOf(empty)).toEqual(['content:pairs.contentRequired']);
    expect(await errorCode(call(o.t.app, o.viewer, 'pairs.addContact', { pairId: monthly.id, date: '2026-11-26', method: 'phone', content: '电话' }))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.viewer, 'pairs.deleteContact', { id: c1 }))).toBe('FORBIDDEN');
    // The start cannot move after the first contact.
    const moved = (await call(o.t.app, o.staff, 'pairs.update', { id: weekly.id, ...volunteer, fromDate: '2026-11-10' })) as Result<unknown>;
    expect(issuesOf(moved)).toEqual(['fromDate:pairs.startAfterContacts']);
    expect(dumpDatabase(o.t.app)).toEqual(before);

    expect(await ok(call(o.t.app, o.staff, 'pairs.updateContact', { id: c1, date: '2026-11-22', method: 'video', content: '视频通话，老人精神不错。' }))).toEqual({ changed: true });
    const detail = await ok(call(o.t.app, o.viewer, 'pairs.get', { id: weekly.id }));
    expect(detail.contacts.map((c) => [c.date, c.method, c.followUp])).toEqual([
      ['2026-11-22', 'video', ''],
      ['2026-11-08', 'phone', ''],
    ]);
    await ok(call(o.t.app, o.staff, 'pairs.deleteContact', { id: c1 }));
    expect(await errorCode(call(o.t.app, o.staff, 'pairs.updateContact', { id: c1, date: '2026-11-22', method: 'video', content: 'x' }))).toBe('NOT_FOUND');
    expect((await ok(call(o.t.app, o.viewer, 'pairs.get', { id: weekly.id }))).pair).toMatchObject({ lastContactDate: '2026-11-08', dueStatus: 'overdue' });
    expect((o.t.app.db.prepare('SELECT deleted_at FROM assistance_contacts WHERE id = ?').get(c1) as { deleted_at: string | null }).deleted_at).not.toBeNull();
    expect(soon.id).toBeTruthy();
    const history = await ok(call(o.t.app, o.staff, 'persons.history', { id: helped }));
    expect(history.filter((h) => h.entity === 'assistance_contact').map((h) => h.action).sort()).toEqual(['create', 'create', 'delete', 'update']);
  });

  it('ends a pair and keeps it under ended; an ended pair refuses changes and contacts', async () => {
    setDay(o, '2026-11-27');
    const pair = await create();
    const { id: contact } = await ok(call(o.t.app, o.staff, 'pairs.addContact', { pairId: pair.id, date: '2026-11-10', method: 'visit', content: '上门看望。' }));
    const before = dumpDatabase(o.t.app);
    const end = (input: Partial<ChannelInput<'pairs.end'>>) => call(o.t.app, o.staff, 'pairs.end', { id: pair.id, toDate: '2026-11-25', reason: '老人随子女迁居外地', ...input }) as Promise<Result<unknown>>;
    expect(issuesOf(await end({ toDate: '2026-10-31' }))).toEqual(['toDate:pairs.endBeforeStart']);
    expect(issuesOf(await end({ toDate: '2026-11-09' }))).toEqual(['toDate:pairs.endBeforeLastContact']);
    expect(issuesOf(await end({ toDate: '2026-11-28' }))).toEqual(['toDate:date.inFuture']);
    expect(issuesOf(await end({ reason: '' }))).toEqual(['reason:pairs.endReasonRequired']);
    expect(await errorCode(call(o.t.app, o.viewer, 'pairs.end', { id: pair.id, toDate: '2026-11-25', reason: '迁居' }))).toBe('FORBIDDEN');
    expect(dumpDatabase(o.t.app)).toEqual(before);

    expect(await ok(end({}))).toEqual({ changed: true });
    expect((await ok(call(o.t.app, o.viewer, 'pairs.list', {}))).total).toBe(0);
    const ended = await ok(call(o.t.app, o.viewer, 'pairs.list', { status: 'ended' }));
    expect(ended.rows).toMatchObject([{ id: pair.id, toDate: '2026-11-25', endReason: '老人随子女迁居外地', dueStatus: null, nextDueDate: null }]);
    expect((await ok(call(o.t.app, o.viewer, 'pairs.list', { status: 'all' }))).total).toBe(1);

    const afterEnd = dumpDatabase(o.t.app);
    const refused = async (p: Promise<Result<unknown>>) => {
      const r = await p;
      expect(r).toMatchObject({ ok: false, error: { code: 'PAIR_ALREADY_ENDED', details: { date: '2026-11-25' } } });
    };
    await refused(end({}));
    await refused(call(o.t.app, o.staff, 'pairs.update', { id: pair.id, ...volunteer, notes: '改一下' }) as Promise<Result<unknown>>);
    await refused(call(o.t.app, o.staff, 'pairs.addContact', { pairId: pair.id, date: '2026-11-20', method: 'phone', content: '电话' }) as Promise<Result<unknown>>);
    await refused(call(o.t.app, o.staff, 'pairs.updateContact', { id: contact, date: '2026-11-10', method: 'phone', content: '电话' }) as Promise<Result<unknown>>);
    await refused(call(o.t.app, o.staff, 'pairs.deleteContact', { id: contact }) as Promise<Result<unknown>>);
    expect(dumpDatabase(o.t.app)).toEqual(afterEnd);

    // Deleting is a tombstone, also of an ended pair; its contacts are no longer reachable.
    await ok(call(o.t.app, o.staff, 'pairs.delete', { id: pair.id }));
    expect(await errorCode(call(o.t.app, o.viewer, 'pairs.get', { id: pair.id }))).toBe('NOT_FOUND');
    expect((await ok(call(o.t.app, o.viewer, 'pairs.list', { status: 'all' }))).total).toBe(0);
    expect((o.t.app.db.prepare('SELECT deleted_at FROM assistance_pairs WHERE id = ?').get(pair.id) as { deleted_at: string | null }).deleted_at).not.toBeNull();
    const audit = await ok(call(o.t.app, o.admin, 'audit.list', { entity: 'assistance_pair' }));
    expect(audit.entries.filter((e) => e.entityId === pair.id).map((e) => e.action).sort()).toEqual(['create', 'delete', 'update']);
  });

  it('updates a current pair; a retiree helper cannot be the person helped', async () => {
    const pair = await create();
    expect(await ok(call(o.t.app, o.staff, 'pairs.update', { id: pair.id, ...volunteer, helperKind: 'retiree', helperPersonId: retiree, helperName: '', helperPhone: '', frequency: 'monthly' }))).toEqual({ changed: true });
    expect((await ok(call(o.t.app, o.viewer, 'pairs.get', { id: pair.id }))).pair).toMatchObject({ helperKind: 'retiree', helperName: '孙国强', frequency: 'monthly' });
    const before = dumpDatabase(o.t.app);
    const self = (await call(o.t.app, o.staff, 'pairs.update', { id: pair.id, ...volunteer, helperKind: 'retiree', helperPersonId: helped })) as Result<unknown>;
    expect(issuesOf(self)).toEqual(['helperPersonId:pairs.helperIsSelf']);
    expect(await ok(call(o.t.app, o.staff, 'pairs.update', { id: pair.id, ...volunteer, helperKind: 'retiree', helperPersonId: retiree, helperName: '', helperPhone: '', frequency: 'monthly' }))).toEqual({ changed: false });
    expect(dumpDatabase(o.t.app)).toEqual(before);
    // Back to a volunteer: the link to the registry is dropped.
    await ok(call(o.t.app, o.staff, 'pairs.update', { id: pair.id, ...volunteer }));
    expect((await ok(call(o.t.app, o.viewer, 'pairs.get', { id: pair.id }))).pair).toMatchObject({ helperKind: 'volunteer', helperPersonId: null, helperName: '周晓燕' });
  });

  it('shows a person the pairs they are helped in and those they help in', async () => {
    setDay(o, '2026-11-27');
    const helpedByRetiree = await create({ helperKind: 'retiree', helperPersonId: retiree, helperName: '', helperPhone: '' });
    const helpingOther = await create({ personId: other, helperKind: 'retiree', helperPersonId: retiree, helperName: '', helperPhone: '', fromDate: '2026-10-01' });
    await ok(call(o.t.app, o.staff, 'pairs.end', { id: helpingOther.id, toDate: '2026-11-01', reason: '对象已入住养老院' }));
    const forRetiree = await ok(call(o.t.app, o.viewer, 'pairs.forPerson', { personId: retiree }));
    expect(forRetiree.asHelped).toEqual([]);
    expect(forRetiree.asHelper.map((p) => [p.personName, p.toDate])).toEqual([
      ['赵淑珍', null],
      ['钱玉梅', '2026-11-01'],
    ]);
    const forHelped = await ok(call(o.t.app, o.viewer, 'pairs.forPerson', { personId: helped }));
    expect(forHelped.asHelped.map((p) => p.id)).toEqual([helpedByRetiree.id]);
    expect(forHelped.asHelper).toEqual([]);
    expect(await errorCode(call(o.t.app, o.viewer, 'pairs.forPerson', { personId: o.ids.staff }))).toBe('NOT_FOUND');
  });

  it('has its tables in the schema with their checks, synchronised', () => {
    const db = o.t.app.db;
    expect(syncedTables()).toEqual(expect.arrayContaining(['assistance_pairs', 'assistance_contacts']));
    const meta = "id, created_at, updated_at, updated_by, origin_office";
    const insert = (helperKind: string, helperPersonId: string | null, from: string, to: string | null) =>
      db
        .prepare(`INSERT INTO assistance_pairs (${meta}, person_id, helper_kind, helper_person_id, helper_name, frequency, from_date, to_date) VALUES ('x', 'a', 'a', 'u', 'o', ?, ?, ?, 'n', 'weekly', ?, ?)`)
        .run(helped, helperKind, helperPersonId, from, to);
    expect(() => insert('retiree', null, '2026-01-01', null)).toThrow(/CHECK/);
    expect(() => insert('volunteer', retiree, '2026-01-01', null)).toThrow(/CHECK/);
    expect(() => insert('retiree', helped, '2026-01-01', null)).toThrow(/CHECK/);
    expect(() => insert('volunteer', null, '2026-01-01', '2025-12-31')).toThrow(/CHECK/);
    expect(() => insert('friend', null, '2026-01-01', null)).toThrow(/CHECK/);
  });
});
