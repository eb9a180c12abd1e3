/**
 * Activities, sign-ups, pairs and their contacts travel in packets: a full packet from an office
 * gives the bureau the same rows (tombstones included), readable through the same channels.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok } from '../helpers/app';
import { addPerson, closeAll, makeOffice, rowsOf, send, trustBoth, type Office } from './packets.helpers';

const TABLES = ['activities', 'activity_participants', 'assistance_pairs', 'assistance_contacts'] as const;

describe('activities and pairs in packets', () => {
  let office: Office;
  let bureau: Office;
  beforeEach(async () => {
    office = await makeOffice('幸福里社区');
    bureau = await makeOffice('县委老干部局', 'bureau');
    await trustBoth(office, bureau);
  });
  afterEach(() => closeAll(office, bureau));

  it('carries every row of the four tables to the bureau, tombstones included', async () => {
    const app = office.t.app;
    const p1 = await addPerson(office, { name: '张桂兰', gender: 'female', birthDate: '1944-05-02' });
    const p2 = await addPerson(office, { name: '李建国' });
    // Today on the test clock: still open for sign-ups, and attendance can be recorded.
    const { id: activityId } = await ok(
      call(app, office.admin, 'activities.create', { kind: 'political_study', title: '学习党章', date: '2026-11-27', startTime: '09:00', endTime: '10:30', placeKind: 'community_centre' }),
    );
    const { ids } = await ok(call(app, office.admin, 'activities.signUp', { activityId, personIds: [p1, p2] }));
    await ok(call(app, office.admin, 'activities.recordAttendance', { activityId, attendance: [{ participantId: ids[0] ?? '', attended: true }, { participantId: ids[1] ?? '', attended: false }] }));
    const gone = await ok(call(app, office.admin, 'activities.create', { kind: 'other', title: '已取消的茶话会', date: '2026-11-30' }));
    await ok(call(app, office.admin, 'activities.delete', { id: gone.id }));
    const pair = await ok(
      call(app, office.admin, 'pairs.create', { personId: p1, helperKind: 'retiree', helperPersonId: p2, helpKinds: ['emotional'], frequency: 'monthly', fromDate: '2026-10-01' }),
    );
    await ok(call(app, office.admin, 'pairs.addContact', { pairId: pair.id, date: '2026-11-01', method: 'phone', content: '电话问候。' }));

    await send(office, bureau, 'full');
    for (const table of TABLES) {
      const there = rowsOf(bureau, table);
      expect(there.length, table).toBeGreaterThan(0);
      expect(there, table).toEqual(rowsOf(office, table));
    }
    const list = await ok(call(bureau.t.app, bureau.admin, 'activities.list', {}));
    expect(list.rows).toMatchObject([{ title: '学习党章', signedUpCount: 2, attendedCount: 1, attendanceRate: 0.5 }]);
    const pairs = await ok(call(bureau.t.app, bureau.admin, 'pairs.forPerson', { personId: p2 }));
    expect(pairs.asHelper).toMatchObject([{ personName: '张桂兰', helperName: '李建国', lastContactDate: '2026-11-01' }]);
  });
});
