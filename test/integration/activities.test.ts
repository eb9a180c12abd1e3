import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok, errorCode, dumpDatabase } from '../helpers/app';
import type { Result } from '../../shared/errors';
import type { ChannelInput } from '../../shared/contract';
import { syncedTables } from '../../main/db/syncedTables';
import { careOffice, addPerson, setDay, type CareOffice } from './care.helpers';

type NewActivity = ChannelInput<'activities.create'>;

const talk: NewActivity = {
  kind: 'health_talk',
  title: '冬季心脑血管疾病预防讲座',
  date: '2026-11-20',
  startTime: '9:30',
  endTime: '11:00',
  placeKind: 'community_centre',
  place: '幸福里社区活动中心二楼',
  organiser: '社区卫生服务站',
  capacity: 2,
  description: '请县医院心内科医生讲解冬季保健。',
};

describe('activities', () => {
  let o: CareOffice;
  let p1: string;
  let p2: string;
  let p3: string;
  beforeEach(async () => {
    o = await careOffice();
    p1 = await addPerson(o, { name: '张桂兰', gender: 'female', birthDate: '1944-05-02' });
    p2 = await addPerson(o, { name: '李建国' });
    p3 = await addPerson(o, { name: '王秀英', gender: 'female', birthDate: '1948-02-10' });
    // The talk is today: open for sign-ups, and attendance can be recorded.
    setDay(o, '2026-11-20');
  });
  afterEach(() => o.t.close());

  const create = (input: NewActivity = talk) => ok(call(o.t.app, o.staff, 'activities.create', input));

  it('exports the times as the list shows them: 09:30—11:00, a start alone, 全天', async () => {
    await create();
    await create({ ...talk, title: '太极拳晨练', date: '2026-11-21', endTime: null });
    await create({ ...talk, title: '重阳节茶话会', date: '2026-11-22', startTime: null, endTime: null });
    const file = await ok(call(o.t.app, o.viewer, 'reports.exportActivities', {}));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getCell(3, 2).value).toBe('时间');
    expect([4, 5, 6].map((r) => [sheet.getCell(r, 4).value, sheet.getCell(r, 2).value])).toEqual([
      ['重阳节茶话会', '全天'],
      ['太极拳晨练', '09:30'],
      ['冬季心脑血管疾病预防讲座', '09:30—11:00'],
    ]);
  });

  it('creates, reads, updates and tombstones an activity, each change audited', async () => {
    const { id } = await create();
    const detail = await ok(call(o.t.app, o.viewer, 'activities.get', { id }));
    expect(detail.activity).toMatchObject({
      kind: 'health_talk',
      title: '冬季心脑血管疾病预防讲座',
      startTime: '09:30',
      endTime: '11:00',
      placeKind: 'community_centre',
      capacity: 2,
      signedUpCount: 0,
      attendanceRecorded: false,
      attendanceRate: null,
    });
    expect(await ok(call(o.t.app, o.staff, 'activities.update', { id, ...talk, capacity: 30, date: '2026年11月21日' }))).toEqual({ changed: true });
    expect(await ok(call(o.t.app, o.staff, 'activities.update', { id, ...talk, capacity: 30, date: '2026-11-21' }))).toEqual({ changed: false });
    expect((await ok(call(o.t.app, o.staff, 'activities.get', { id }))).activity).toMatchObject({ capacity: 30, date: '2026-11-21' });
    await ok(call(o.t.app, o.staff, 'activities.delete', { id }));
    expect(await errorCode(call(o.t.app, o.staff, 'activities.get', { id }))).toBe('NOT_FOUND');
    expect(await errorCode(call(o.t.app, o.staff, 'activities.delete', { id }))).toBe('NOT_FOUND');
    const row = o.t.app.db.prepare('SELECT deleted_at FROM activities WHERE id = ?').get(id) as { deleted_at: string | null };
    expect(row.deleted_at).not.toBeNull();
    const audit = await ok(call(o.t.app, o.admin, 'audit.list', { entity: 'activity' }));
    expect(audit.entries.filter((e) => e.entityId === id).map((e) => e.action).sort()).toEqual(['create', 'delete', 'update']);
  });

  it('refuses bad times, an empty title and a capacity of zero, writing nothing', async () => {
    const before = dumpDatabase(o.t.app);
    const issues = async (input: NewActivity) => {
      const r = (await call(o.t.app, o.staff, 'activities.create', input)) as Result<unknown>;
      if (r.ok) throw new Error('expected a refusal');
      expect(r.error.code).toBe('INVALID_INPUT');
      return (r.error.details?.['issues'] as { path: string; message: string }[]).map((i) => `${i.path}:${i.message}`);
    };
    expect(await issues({ ...talk, endTime: '09:30' })).toEqual(['endTime:activities.endBeforeStart']);
    expect(await issues({ ...talk, startTime: '25:00' })).toEqual(['startTime:activities.timeFormat']);
    expect(await issues({ ...talk, startTime: null })).toEqual(['startTime:activities.startTimeRequired']);
    expect(await issues({ ...talk, title: '  ' })).toEqual(['title:activities.titleRequired']);
    expect(await issues({ ...talk, capacity: 0 })).toEqual(['capacity:activities.capacityPositive']);
    // The time check runs even while another field fails: one answer names every problem.
    expect(await issues({ ...talk, title: '', capacity: 0, endTime: '09:30' })).toEqual(['title:activities.titleRequired', 'capacity:activities.capacityPositive', 'endTime:activities.endBeforeStart']);
    expect(await errorCode(call(o.t.app, o.viewer, 'activities.create', talk))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.gw1, 'activities.list', {}))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.gw1, 'activities.forPerson', { personId: p1 }))).toBe('FORBIDDEN');
    expect(dumpDatabase(o.t.app)).toEqual(before);
  });

  it('signs up until full, refuses duplicates and a full activity as a whole', async () => {
    const { id } = await create();
    const { ids } = await ok(call(o.t.app, o.staff, 'activities.signUp', { activityId: id, personIds: [p1] }));
    expect(ids).toHaveLength(1);
    const before = dumpDatabase(o.t.app);
    const dup = (await call(o.t.app, o.staff, 'activities.signUp', { activityId: id, personIds: [p2, p1] })) as Result<unknown>;
    expect(dup).toMatchObject({ ok: false, error: { code: 'ALREADY_SIGNED_UP', details: { name: '张桂兰' } } });
    // p2 fits, p3 does not: neither is signed up.
    const full = (await call(o.t.app, o.staff, 'activities.signUp', { activityId: id, personIds: [p2, p3] })) as Result<unknown>;
    expect(full).toMatchObject({ ok: false, error: { code: 'ACTIVITY_FULL', details: { capacity: 2 } } });
    expect(await errorCode(call(o.t.app, o.viewer, 'activities.signUp', { activityId: id, personIds: [p2] }))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.staff, 'activities.signUp', { activityId: id, personIds: [o.ids.staff] }))).toBe('NOT_FOUND');
    expect(dumpDatabase(o.t.app)).toEqual(before);

    await ok(call(o.t.app, o.staff, 'activities.signUp', { activityId: id, personIds: [p2] }));
    expect(await errorCode(call(o.t.app, o.staff, 'activities.signUp', { activityId: id, personIds: [p3] }))).toBe('ACTIVITY_FULL');
    // Lowering the capacity below the sign-ups is refused; removing a sign-up frees a place.
    const low = (await call(o.t.app, o.staff, 'activities.update', { id, ...talk, capacity: 1 })) as Result<unknown>;
    expect(low).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'capacity', message: 'activities.capacityBelowSignUps' }] } } });
    await ok(call(o.t.app, o.staff, 'activities.removeParticipant', { id: ids[0] ?? '' }));
    expect(await errorCode(call(o.t.app, o.staff, 'activities.removeParticipant', { id: ids[0] ?? '' }))).toBe('NOT_FOUND');
    await ok(call(o.t.app, o.staff, 'activities.signUp', { activityId: id, personIds: [p3] }));
    const detail = await ok(call(o.t.app, o.staff, 'activities.get', { id }));
    expect(detail.participants.map((p) => p.personName)).toEqual(['李建国', '王秀英']);
    expect(detail.activity.signedUpCount).toBe(2);
    // The removed sign-up is a tombstone, and it is in the person's history.
    expect((o.t.app.db.prepare('SELECT deleted_at FROM activity_participants WHERE id = ?').get(ids[0]) as { deleted_at: string | null }).deleted_at).not.toBeNull();
    const history = await ok(call(o.t.app, o.staff, 'persons.history', { id: p1 }));
    expect(history.filter((h) => h.entity === 'activity_participant').map((h) => h.action).sort()).toEqual(['create', 'delete']);
  });

  it('refuses sign-ups once the activity is over; walk-ins are still recorded', async () => {
    const { id } = await create({ ...talk, capacity: null, date: '2026-11-19', title: '重阳节登高' });
    // The day itself is still open for sign-ups.
    setDay(o, '2026-11-19');
    await ok(call(o.t.app, o.staff, 'activities.signUp', { activityId: id, personIds: [p1] }));
    setDay(o, '2026-11-20');
    const before = dumpDatabase(o.t.app);
    const late = (await call(o.t.app, o.staff, 'activities.signUp', { activityId: id, personIds: [p2] })) as Result<unknown>;
    expect(late).toMatchObject({ ok: false, error: { code: 'ACTIVITY_PAST', details: { date: '2026-11-19' } } });
    expect(dumpDatabase(o.t.app)).toEqual(before);
    const { walkInIds } = await ok(call(o.t.app, o.staff, 'activities.recordAttendance', { activityId: id, walkIns: [p2] }));
    expect(walkInIds).toHaveLength(1);
    expect((await ok(call(o.t.app, o.staff, 'activities.get', { id }))).activity).toMatchObject({ signedUpCount: 1, walkInCount: 1, attendedCount: 1 });
  });

  it('names the activity in the person\'s change history for sign-up, attendance and removal', async () => {
    const { id } = await create({ ...talk, capacity: null });
    const { ids } = await ok(call(o.t.app, o.staff, 'activities.signUp', { activityId: id, personIds: [p1] }));
    await ok(call(o.t.app, o.staff, 'activities.recordAttendance', { activityId: id, attendance: [{ participantId: ids[0] ?? '', attended: true }] }));
    await ok(call(o.t.app, o.staff, 'activities.removeParticipant', { id: ids[0] ?? '' }));
    const history = (await ok(call(o.t.app, o.staff, 'persons.history', { id: p1 }))).filter((h) => h.entity === 'activity_participant');
    expect(history.map((h) => [h.action, h.changes])).toEqual([
      ['delete', { activity_title: '冬季心脑血管疾病预防讲座' }],
      ['update', { activity_title: '冬季心脑血管疾病预防讲座', attended: [null, 1] }],
      // A new row's empty values (attended: null) are not recorded.
      ['create', { activity_title: '冬季心脑血管疾病预防讲座', activity_id: id, person_id: p1, signed_up: 1 }],
    ]);
    // The note is in the audit log only: the row has no such column.
    const cols = (o.t.app.db.prepare("SELECT name FROM pragma_table_info('activity_participants')").all() as { name: string }[]).map((c) => c.name);
    expect(cols).not.toContain('activity_title');
    // Other records keep exactly their columns in the audit.
    const created = (await ok(call(o.t.app, o.admin, 'audit.list', { entity: 'activity', entityId: id }))).entries[0];
    expect(Object.keys(created?.changes ?? {})).not.toContain('activity_title');
  });

  it('records attendance and walk-ins together, or nothing at all', async () => {
    const { id } = await create({ ...talk, capacity: null });
    const { ids } = await ok(call(o.t.app, o.staff, 'activities.signUp', { activityId: id, personIds: [p1, p2] }));
    const [a1, a2] = ids as [string, string];
    const before = dumpDatabase(o.t.app);
    // A walk-in who is already signed up refuses the whole sheet, the attendance marks included.
    expect(
      await errorCode(call(o.t.app, o.staff, 'activities.recordAttendance', { activityId: id, attendance: [{ participantId: a1, attended: true }], walkIns: [p2] })),
    ).toBe('ALREADY_SIGNED_UP');
    expect(dumpDatabase(o.t.app)).toEqual(before);
    const other = await create({ ...talk, title: '重阳节文艺汇演', kind: 'culture_sports' });
    const { ids: otherIds } = await ok(call(o.t.app, o.staff, 'activities.signUp', { activityId: other.id, personIds: [p3] }));
    const afterOther = dumpDatabase(o.t.app);
    expect(
      await errorCode(call(o.t.app, o.staff, 'activities.recordAttendance', { activityId: id, attendance: [{ participantId: a1, attended: true }, { participantId: otherIds[0] ?? '', attended: true }] })),
    ).toBe('NOT_FOUND');
    const twice = (await call(o.t.app, o.staff, 'activities.recordAttendance', {
      activityId: id,
      attendance: [
        { participantId: a1, attended: true },
        { participantId: a1, attended: false },
      ],
    })) as Result<unknown>;
    expect(twice).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'attendance.1.participantId', message: 'activities.repeated' }] } } });
    expect(await errorCode(call(o.t.app, o.viewer, 'activities.recordAttendance', { activityId: id, walkIns: [p3] }))).toBe('FORBIDDEN');
    expect(dumpDatabase(o.t.app)).toEqual(afterOther);

    const saved = await ok(
      call(o.t.app, o.staff, 'activities.recordAttendance', {
        activityId: id,
        attendance: [
          { participantId: a1, attended: true },
          { participantId: a2, attended: false },
        ],
        walkIns: [p3],
      }),
    );
    expect(saved).toMatchObject({ changed: 3, walkInIds: [expect.any(String)] });
    const detail = await ok(call(o.t.app, o.staff, 'activities.get', { id }));
    expect(detail.participants.map((p) => [p.personName, p.signedUp, p.attended])).toEqual([
      ['张桂兰', true, true],
      ['李建国', true, false],
      ['王秀英', false, true],
    ]);
    expect(detail.activity).toMatchObject({ signedUpCount: 2, attendedCount: 2, walkInCount: 1, attendanceRecorded: true, attendanceRate: 0.5 });
    // Each activity counts only its own rows.
    const listed = (await ok(call(o.t.app, o.viewer, 'activities.list', {}))).rows.map((r) => [r.title, r.signedUpCount, r.attendedCount, r.walkInCount, r.attendanceRecorded]);
    expect(listed).toEqual(
      expect.arrayContaining([
        ['冬季心脑血管疾病预防讲座', 2, 2, 1, true],
        ['重阳节文艺汇演', 1, 0, 0, false],
      ]),
    );
    // Recorded attendance keeps the date from moving into the future.
    const beforeMove = dumpDatabase(o.t.app);
    const moved = (await call(o.t.app, o.staff, 'activities.update', { id, ...talk, capacity: null, date: '2026-11-30' })) as Result<unknown>;
    expect(moved).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'date', message: 'activities.dateAfterAttendance' }] } } });
    expect(dumpDatabase(o.t.app)).toEqual(beforeMove);
    // Saving the same sheet again changes nothing.
    expect(
      (await ok(call(o.t.app, o.staff, 'activities.recordAttendance', { activityId: id, attendance: [{ participantId: a1, attended: true }, { participantId: a2, attended: false }] }))).changed,
    ).toBe(0);

    // A walk-in marked as not come was listed by mistake: the row goes (tombstone), the sign-ups stay.
    const walkIn = detail.participants.find((p) => !p.signedUp)?.id ?? '';
    const unmarked = await ok(call(o.t.app, o.staff, 'activities.recordAttendance', { activityId: id, attendance: [{ participantId: walkIn, attended: false }] }));
    expect(unmarked.changed).toBe(1);
    expect((o.t.app.db.prepare('SELECT deleted_at FROM activity_participants WHERE id = ?').get(walkIn) as { deleted_at: string | null }).deleted_at).not.toBeNull();
    const after = await ok(call(o.t.app, o.staff, 'activities.get', { id }));
    expect(after.participants.map((p) => [p.personName, p.attended])).toEqual([
      ['张桂兰', true],
      ['李建国', false],
    ]);
    expect(after.activity).toMatchObject({ attendedCount: 1, walkInCount: 0, attendanceRate: 0.5 });
    const gone = (await ok(call(o.t.app, o.staff, 'persons.history', { id: p3 }))).find((h) => h.entity === 'activity_participant' && h.action === 'delete');
    expect(gone?.entityId).toBe(walkIn);
  });

  it('records attendance only once the day has come', async () => {
    const { id } = await create({ ...talk, date: '2026-11-28' });
    const { ids } = await ok(call(o.t.app, o.staff, 'activities.signUp', { activityId: id, personIds: [p1] }));
    const before = dumpDatabase(o.t.app);
    const early = (await call(o.t.app, o.staff, 'activities.recordAttendance', { activityId: id, attendance: [{ participantId: ids[0] ?? '', attended: true }] })) as Result<unknown>;
    expect(early).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ message: 'activities.attendanceBeforeEvent' }] } } });
    expect(dumpDatabase(o.t.app)).toEqual(before);
    setDay(o, '2026-11-28');
    await ok(call(o.t.app, o.staff, 'activities.recordAttendance', { activityId: id, attendance: [{ participantId: ids[0] ?? '', attended: true }] }));
  });

  it('lists by range, kind and text with counts, and fills month calendars to their last day', async () => {
    const day = (date: string, kind: NewActivity['kind'], title: string, extra: Partial<NewActivity> = {}) => create({ ...talk, capacity: null, date, kind, title, ...extra });
    const a = await day('2024-02-29', 'political_study', '学习二十大精神', { organiser: '社区党委' });
    await day('2024-02-01', 'interest_group', '书法兴趣小组', { startTime: '14:00', endTime: '16:00' });
    await day('2024-03-01', 'visit', '参观县博物馆');
    await day('2024-01-31', 'other', '新春茶话会');
    await day('2025-02-28', 'culture_sports', '太极拳晨练');
    await day('2026-04-30', 'culture_sports', '门球比赛', { place: '老年大学分校门球场', placeKind: 'senior_university' });
    const deleted = await day('2024-02-15', 'other', '已取消的活动');
    await ok(call(o.t.app, o.staff, 'activities.delete', { id: deleted.id }));

    const feb24 = await ok(call(o.t.app, o.viewer, 'activities.calendar', { year: 2024, month: 2 }));
    expect(feb24).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
    expect(feb24.rows.map((r) => r.title)).toEqual(['书法兴趣小组', '学习二十大精神']);
    const feb25 = await ok(call(o.t.app, o.viewer, 'activities.calendar', { year: 2025, month: 2 }));
    expect(feb25).toMatchObject({ from: '2025-02-01', to: '2025-02-28', rows: [{ title: '太极拳晨练' }] });
    expect((await ok(call(o.t.app, o.viewer, 'activities.calendar', { year: 2024, month: 1 }))).to).toBe('2024-01-31');
    expect((await ok(call(o.t.app, o.viewer, 'activities.calendar', { year: 2026, month: 4 }))).rows.map((r) => r.title)).toEqual(['门球比赛']);
    expect((await ok(call(o.t.app, o.viewer, 'activities.calendar', { year: 2024, month: 2, kind: 'political_study' }))).rows.map((r) => r.id)).toEqual([a.id]);
    expect(await errorCode(call(o.t.app, o.viewer, 'activities.calendar', { year: 2024, month: 13 }))).toBe('INVALID_INPUT');

    const list = async (q: ChannelInput<'activities.list'>) => (await ok(call(o.t.app, o.viewer, 'activities.list', q))).rows.map((r) => r.title);
    expect(await list({ from: '2024-02-01', to: '2024-03-01' })).toEqual(['参观县博物馆', '学习二十大精神', '书法兴趣小组']);
    expect(await list({ from: '2024-02-01', to: '2024-03-01', order: 'asc' })).toEqual(['书法兴趣小组', '学习二十大精神', '参观县博物馆']);
    expect(await list({ kind: 'culture_sports' })).toEqual(['门球比赛', '太极拳晨练']);
    expect(await list({ search: '门球场' })).toEqual(['门球比赛']);
    expect(await list({ search: '党委' })).toEqual(['学习二十大精神']);
    expect(await list({ search: '%' })).toEqual([]);
    expect(await list({ from: '2024-02-29', to: '2024-02-29' })).toEqual(['学习二十大精神']);
    const before = dumpDatabase(o.t.app);
    const reversed = (await call(o.t.app, o.viewer, 'activities.list', { from: '2024-03-01', to: '2024-02-01' })) as Result<unknown>;
    expect(reversed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'to', message: 'activities.rangeReversed' }] } } });
    expect(dumpDatabase(o.t.app)).toEqual(before);
    const page = await ok(call(o.t.app, o.viewer, 'activities.list', { limit: 2, offset: 1 }));
    expect(page.total).toBe(6);
    expect(page.rows.map((r) => r.title)).toEqual(['太极拳晨练', '参观县博物馆']);
  });

  it('shows a person what they took part in, newest first, with this year\'s counts; deleted activities hidden', async () => {
    // Sign-ups happen before each activity; the year's counts are taken on 2026-11-20.
    setDay(o, '2025-10-01');
    const old = await create({ ...talk, capacity: null, date: '2025-10-09', title: '重阳节登高' });
    await ok(call(o.t.app, o.staff, 'activities.signUp', { activityId: old.id, personIds: [p1] }));
    setDay(o, '2026-06-01');
    const gone = await create({ ...talk, capacity: null, date: '2026-06-01', title: '端午包粽子' });
    await ok(call(o.t.app, o.staff, 'activities.signUp', { activityId: gone.id, personIds: [p1] }));
    await ok(call(o.t.app, o.staff, 'activities.recordAttendance', { activityId: gone.id, walkIns: [p2] }));
    setDay(o, '2026-11-20');
    const now = await create({ ...talk, capacity: null, date: '2026-11-20' });
    const later = await create({ ...talk, capacity: null, date: '2026-12-05', title: '冬至包饺子', kind: 'culture_sports' });
    const { ids } = await ok(call(o.t.app, o.staff, 'activities.signUp', { activityId: now.id, personIds: [p1] }));
    await ok(call(o.t.app, o.staff, 'activities.signUp', { activityId: later.id, personIds: [p1] }));
    await ok(call(o.t.app, o.staff, 'activities.recordAttendance', { activityId: now.id, attendance: [{ participantId: ids[0] ?? '', attended: true }] }));
    await ok(call(o.t.app, o.staff, 'activities.delete', { id: gone.id }));

    const mine = await ok(call(o.t.app, o.viewer, 'activities.forPerson', { personId: p1 }));
    expect(mine.rows.map((r) => [r.date, r.title, r.signedUp, r.attended])).toEqual([
      ['2026-12-05', '冬至包饺子', true, null],
      ['2026-11-20', '冬季心脑血管疾病预防讲座', true, true],
      ['2025-10-09', '重阳节登高', true, null],
    ]);
    expect(mine).toMatchObject({ year: 2026, signedUpThisYear: 2, attendedThisYear: 1 });
    expect((await ok(call(o.t.app, o.viewer, 'activities.forPerson', { personId: p2 }))).rows).toEqual([]);
    expect(await errorCode(call(o.t.app, o.viewer, 'activities.forPerson', { personId: o.ids.staff }))).toBe('NOT_FOUND');
  });

  it('has its tables in the schema with their checks, synchronised', () => {
    const db = o.t.app.db;
    expect(syncedTables()).toEqual(expect.arrayContaining(['activities', 'activity_participants']));
    const cols = (t: string) => (db.prepare('SELECT name FROM pragma_table_info(?)').all(t) as { name: string }[]).map((c) => c.name);
    expect(cols('activities')).toEqual(expect.arrayContaining(['kind', 'title', 'date', 'start_time', 'end_time', 'place_kind', 'place', 'organiser', 'capacity', 'description', 'deleted_at', 'version']));
    expect(cols('activity_participants')).toEqual(expect.arrayContaining(['activity_id', 'person_id', 'signed_up', 'attended', 'notes']));
    const meta = "'x', 'a', 'a', 'u', 'o'";
    expect(() => db.prepare(`INSERT INTO activities (id, created_at, updated_at, updated_by, origin_office, kind, title, date) VALUES (${meta}, 'party', 't', '2026-01-01')`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO activities (id, created_at, updated_at, updated_by, origin_office, kind, title, date, capacity) VALUES (${meta}, 'other', 't', '2026-01-01', 0)`).run()).toThrow(/CHECK/);
  });
});
