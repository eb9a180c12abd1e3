/**
 * 来电来访登记: logging calls, the person's calls, search and the day's log, a call that becomes a
 * service request, calls that report a hospital stay or a death (recorded on the person and replanned),
 * a call about someone moved out, refusals that change nothing, and the table in packets.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok, errorCode, dumpDatabase } from '../helpers/app';
import { careOffice, addPerson, plannedOf, type CareOffice } from './care.helpers';
import { syncedTables } from '../../main/db/syncedTables';
import type { NewCallInput } from '../../shared/schemas/calls';

describe('the hotline and walk-ins', () => {
  let o: CareOffice;
  let personId: string;
  beforeEach(async () => {
    o = await careOffice();
    personId = await addPerson(o, { name: '周福海' });
  });
  afterEach(() => o.t.close());

  const base = (extra: Partial<NewCallInput> = {}): NewCallInput => ({
    date: '2026-11-27',
    time: '21:30',
    channel: 'phone',
    callerKind: 'person',
    personId,
    category: 'home_care',
    urgency: 'normal',
    content: '家里水管漏水，想请人来修。',
    ...extra,
  });

  it('logs a call with who took it, copies the caller from the registry, and shows it on the person and in search', async () => {
    const { id, personStatus } = await ok(call(o.t.app, o.staff, 'calls.create', base()));
    expect(personStatus).toBe('active');
    const c = await ok(call(o.t.app, o.viewer, 'calls.get', { id }));
    expect(c).toMatchObject({ callerName: '周福海', callerPhone: '13800138000', personName: '周福海', takenBy: o.ids.staff, channel: 'phone', requestId: null });
    // A walk-in by someone not in the registry, about no one.
    await ok(call(o.t.app, o.staff, 'calls.create', base({ callerKind: 'other', personId: null, callerName: '李女士', callerPhone: '0351-1234567', channel: 'walk_in', category: 'enquiry', content: '咨询老年证怎么办理', time: '09:05' })));
    const forPerson = await ok(call(o.t.app, o.viewer, 'calls.list', { personId }));
    expect(forPerson.rows.map((r) => r.id)).toEqual([id]);
    expect((await ok(call(o.t.app, o.viewer, 'calls.list', { q: '老年证' }))).rows.map((r) => r.callerName)).toEqual(['李女士']);
    expect((await ok(call(o.t.app, o.viewer, 'calls.list', { q: '周福' }))).rows.map((r) => r.id)).toEqual([id]);
    expect((await ok(call(o.t.app, o.viewer, 'calls.list', { q: '1234567' }))).total).toBe(1);
    // The day's log (the duty handover) runs in the order the calls came.
    const day = await ok(call(o.t.app, o.viewer, 'calls.list', { from: '2026-11-27', to: '2026-11-27' }));
    expect(day.rows.map((r) => r.time)).toEqual(['09:05', '21:30']);
    // The outcome is written later.
    expect(await ok(call(o.t.app, o.staff, 'calls.update', { id, urgency: 'urgent', content: c.content, outcome: '已联系物业维修' }))).toEqual({ changed: true });
    expect(await ok(call(o.t.app, o.viewer, 'calls.get', { id }))).toMatchObject({ urgency: 'urgent', outcome: '已联系物业维修' });
  });

  it('one step turns a call into a service request, once', async () => {
    const { id } = await ok(call(o.t.app, o.staff, 'calls.create', base()));
    const { requestId } = await ok(call(o.t.app, o.staff, 'calls.toRequest', { id, assignedTo: null }));
    const request = await ok(call(o.t.app, o.viewer, 'requests.get', { id: requestId }));
    expect(request).toMatchObject({ personId, category: 'home_care', description: '家里水管漏水，想请人来修。', raisedOn: '2026-11-27', status: 'open' });
    expect(await ok(call(o.t.app, o.viewer, 'calls.get', { id }))).toMatchObject({ requestId, outcome: '已转为服务需求' });
    const before = dumpDatabase(o.t.app);
    expect(await errorCode(call(o.t.app, o.staff, 'calls.toRequest', { id, assignedTo: null }))).toBe('CALL_HAS_REQUEST');
    // An enquiry needs a request category to become one; a call about no one cannot.
    const enquiry = await ok(call(o.t.app, o.staff, 'calls.create', base({ category: 'enquiry', content: '问体检时间' })));
    const stranger = await ok(call(o.t.app, o.staff, 'calls.create', base({ callerKind: 'other', personId: null, callerName: '王先生', category: 'other' })));
    const afterCreates = dumpDatabase(o.t.app);
    expect(await errorCode(call(o.t.app, o.staff, 'calls.toRequest', { id: enquiry.id, assignedTo: null }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(o.t.app, o.staff, 'calls.toRequest', { id: stranger.id, assignedTo: null }))).toBe('CALL_NO_PERSON');
    expect(dumpDatabase(o.t.app)).toEqual(afterCreates);
    expect(before.service_requests).toEqual(afterCreates.service_requests);
    const { requestId: medical } = await ok(call(o.t.app, o.staff, 'calls.toRequest', { id: enquiry.id, category: 'medical', assignedTo: o.ids.gw1 }));
    expect(await ok(call(o.t.app, o.viewer, 'requests.get', { id: medical }))).toMatchObject({ category: 'medical', assignedTo: o.ids.gw1 });
  });

  it('a call reporting a hospital stay records it on the person and plans the visit; one reporting a death records the death', async () => {
    const { healthEventId } = await ok(call(o.t.app, o.staff, 'calls.create', base({ callerKind: 'other', callerName: '邻居张阿姨', category: 'hospitalised', eventDate: '2026-11-26', institution: '县人民医院', content: '周老昨天住进县人民医院' })));
    expect(healthEventId).not.toBeNull();
    expect(plannedOf(o, personId).find((v) => v.key === `hospitalisation:${healthEventId}`)).toMatchObject({ window_start: '2026-11-26', due_date: '2026-11-29' });

    const { statusEventId } = await ok(call(o.t.app, o.staff, 'calls.create', base({ category: 'deceased', callerKind: 'other', callerName: '周福海之子', eventDate: '2026-11-27', content: '父亲今天上午去世' })));
    expect(statusEventId).not.toBeNull();
    const detail = await ok(call(o.t.app, o.viewer, 'persons.get', { id: personId }));
    expect(detail.person).toMatchObject({ status: 'deceased', statusDate: '2026-11-27' });
    expect(plannedOf(o, personId).filter((v) => v.done_on === null && v.cancelled_on === null).map((v) => v.key)).toEqual(['condolence']);
    // A second report of the same death is logged, and says the death is on record already.
    const again = await ok(call(o.t.app, o.staff, 'calls.create', base({ category: 'deceased', callerKind: 'other', callerName: '居委会', content: '周老去世' })));
    expect(again).toMatchObject({ statusEventId: null, personStatus: 'deceased' });
  });

  it('the log exports to .xlsx as filtered, the filter in its title row', async () => {
    const { id } = await ok(call(o.t.app, o.staff, 'calls.create', base({ urgency: 'urgent' })));
    await ok(call(o.t.app, o.staff, 'calls.toRequest', { id, assignedTo: null }));
    await ok(call(o.t.app, o.staff, 'calls.create', base({ callerKind: 'other', personId: null, callerName: '李女士', callerPhone: '0351-1234567', channel: 'walk_in', category: 'enquiry', content: '咨询老年证怎么办理', time: '09:05' })));
    const before = dumpDatabase(o.t.app);
    const file = await ok(call(o.t.app, o.viewer, 'reports.exportCalls', { from: '2026-11-27', to: '2026-11-27' }));
    expect(file).toMatchObject({ count: 2 });
    expect(file.fileName).toMatch(/^来电来访登记-\d{8}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getCell('A1').value).toBe('来电来访登记（筛选：日期：2026-11-27）');
    expect(sheet?.getRow(3).values).toEqual([undefined, '日期', '时刻', '方式', '来电人', '电话', '涉及人员', '类别', '紧急程度', '来电内容', '处理结果', '接听人']);
    // The day in the order the calls came, as the duty handover reads it.
    expect(sheet?.getRow(4).values).toEqual([undefined, '2026-11-27', '09:05', '来访', '李女士', '0351-1234567', '', '咨询', '一般', '咨询老年证怎么办理', '', 'staff 用户']);
    expect(sheet?.getRow(5).values).toEqual([undefined, '2026-11-27', '21:30', '来电', '周福海（本人）', '13800138000', '周福海', '居家养老', '紧急', '家里水管漏水，想请人来修。', '已转为服务需求', 'staff 用户']);
    const searched = await ok(call(o.t.app, o.viewer, 'reports.exportCalls', { q: '老年证', category: 'enquiry' }));
    expect(searched.count).toBe(1);
    await book.xlsx.load(Buffer.from(searched.base64, 'base64') as unknown as ExcelJS.Buffer);
    expect(book.worksheets[0]?.getCell('A1').value).toBe('来电来访登记（筛选：类别：咨询；查找：老年证）');
    expect(await errorCode(call(o.t.app, o.viewer, 'reports.exportCalls', { from: '2026-13-01' }))).toBe('INVALID_INPUT');
    expect(dumpDatabase(o.t.app)).toEqual(before);
  });

  it('a call about someone moved out is kept and says so', async () => {
    await ok(call(o.t.app, o.admin, 'persons.changeStatus', { id: personId, status: 'moved_out', date: '2026-10-01', destination: '北京市海淀区', note: '' }));
    const { id, personStatus } = await ok(call(o.t.app, o.staff, 'calls.create', base({ content: '问能不能还参加社区活动' })));
    expect(personStatus).toBe('moved_out');
    expect(await ok(call(o.t.app, o.viewer, 'calls.get', { id }))).toMatchObject({ personStatus: 'moved_out', personStatusDate: '2026-10-01' });
    // Their needs now belong to the community they moved to: the call cannot become a request here,
    // and neither can a request be raised for them by hand.
    const before = dumpDatabase(o.t.app);
    expect(await errorCode(call(o.t.app, o.staff, 'calls.toRequest', { id, category: 'home_care', assignedTo: null }))).toBe('REQUEST_PERSON_MOVED_OUT');
    expect(await errorCode(call(o.t.app, o.staff, 'requests.create', { personId, category: 'home_care', description: '修水管', assignedTo: null }))).toBe('REQUEST_PERSON_MOVED_OUT');
    expect(dumpDatabase(o.t.app)).toEqual(before);
  });

  it('a call logged by mistake is deleted; what it recorded on the person stays; a viewer cannot delete', async () => {
    const { id, healthEventId } = await ok(call(o.t.app, o.staff, 'calls.create', base({ category: 'hospitalised', eventDate: '2026-11-26', institution: '县人民医院', content: '周老住院了' })));
    const before = dumpDatabase(o.t.app);
    expect(await errorCode(call(o.t.app, o.viewer, 'calls.delete', { id }))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.staff, 'calls.update', { id, urgency: 'normal', content: '', outcome: '' }))).toBe('INVALID_INPUT');
    expect(dumpDatabase(o.t.app)).toEqual(before);
    await ok(call(o.t.app, o.staff, 'calls.delete', { id }));
    expect((await ok(call(o.t.app, o.viewer, 'calls.list', { personId }))).total).toBe(0);
    expect(await errorCode(call(o.t.app, o.viewer, 'calls.get', { id }))).toBe('NOT_FOUND');
    const person = await ok(call(o.t.app, o.viewer, 'persons.get', { id: personId }));
    expect(person.healthEvents.map((e) => e.id)).toContain(healthEventId);
  });

  it('a family member calling is one of the person’s family contacts', async () => {
    const { id: familyId } = await ok(call(o.t.app, o.admin, 'family.add', { personId, fields: { name: '周晓明', relation: '儿子', phones: ['13912345678'] } }));
    const { id } = await ok(call(o.t.app, o.staff, 'calls.create', base({ callerKind: 'family', familyContactId: familyId })));
    expect(await ok(call(o.t.app, o.viewer, 'calls.get', { id }))).toMatchObject({ callerKind: 'family', familyContactId: familyId, callerName: '周晓明', callerPhone: '13912345678' });
    const other = await addPerson(o, { name: '吴桂兰', gender: 'female' });
    const before = dumpDatabase(o.t.app);
    expect(await errorCode(call(o.t.app, o.staff, 'calls.create', base({ personId: other, callerKind: 'family', familyContactId: familyId })))).toBe('INVALID_INPUT');
    expect(dumpDatabase(o.t.app)).toEqual(before);
  });

  it('refuses bad input and callers without the right, changing nothing', async () => {
    const before = dumpDatabase(o.t.app);
    const refused = [
      base({ time: '25:00' }),
      base({ content: '  ' }),
      base({ callerKind: 'other', personId: null, callerName: '' }),
      base({ callerKind: 'family' }),
      base({ callerKind: 'other', personId: null, callerName: '张三', category: 'hospitalised' }),
      base({ category: 'hospitalised', eventDate: '2026-11-28' }),
      base({ date: '2026-11-28' }),
    ];
    for (const input of refused) expect(await errorCode(call(o.t.app, o.staff, 'calls.create', input))).toBe('INVALID_INPUT');
    expect(await errorCode(call(o.t.app, o.viewer, 'calls.create', base()))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.gw1, 'calls.list', {}))).toBe('FORBIDDEN');
    expect(dumpDatabase(o.t.app)).toEqual(before);
  });

  it('is a synchronised table: in packets and in the audit log', async () => {
    expect(syncedTables()).toContain('hotline_calls');
    const { id } = await ok(call(o.t.app, o.staff, 'calls.create', base()));
    const audit = o.t.app.db.prepare("SELECT entity, action FROM audit_log WHERE entity_id = ?").all(id);
    expect(audit).toEqual([{ entity: 'hotline_call', action: 'create' }]);
  });
});
