/**
 * One row per person per period: next quarter's routine visit does not stand beside this quarter's
 * on the worklist or on a printed list, and the home page's counts never exceed the persons.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok } from '../helpers/app';
import { careOffice, addPerson, plannedOf, setDay, type CareOffice } from './care.helpers';

let o: CareOffice;
beforeEach(async () => {
  o = await careOffice();
});
afterEach(() => o.t.close());

describe('routine visits period by period', () => {
  it('shows this quarter\'s visit only, on the worklist, on a list for 12-05…01-04 and in the counts', async () => {
    const ids: string[] = [];
    for (const name of ['周一', '吴二', '郑三']) {
      const id = await addPerson(o, { name, grid: '', livingSituation: 'with_children', birthDate: '1950-06-10' });
      await ok(call(o.t.app, o.staff, 'assignments.set', { personId: id, userId: o.ids.gw1 }));
      ids.push(id);
    }
    setDay(o, '2026-12-05');
    // Planned: the quarter ending 12-31 and the next one ending 03-31, whose window opens 01-01.
    const keys = plannedOf(o, ids[0] as string).filter((v) => v.done_on === null).map((v) => [v.key, v.due_date, v.window_start]);
    expect(keys).toEqual(expect.arrayContaining([expect.arrayContaining(['2026-12-31']), expect.arrayContaining(['2027-03-31', '2027-01-01'])]));

    const list = await ok(call(o.t.app, o.gw1, 'visits.worklist', { statuses: ['overdue', 'due', 'upcoming'] }));
    const rowsOf = (personId: string) => list.rows.filter((r) => r.personId === personId).map((r) => r.dueDate);
    for (const id of ids) expect(rowsOf(id)).toEqual(['2026-12-31']);
    expect(list.counts.upcoming).toBe(0);
    expect(list.personCounts.due + list.personCounts.overdue + list.personCounts.upcoming).toBeLessThanOrEqual(ids.length);

    const paper = await ok(call(o.t.app, o.gw1, 'lists.create', { kind: 'visit_list', from: '2026-12-05', to: '2027-01-04' }));
    expect(paper.rows.map((r) => r.visits.map((v) => v.dueDate))).toEqual([['2026-12-31'], ['2026-12-31'], ['2026-12-31']]);

    // Once this quarter's visit is made, the next one is what the worklist shows.
    await ok(call(o.t.app, o.gw1, 'visits.record', { personId: ids[0] as string, fields: { visitDate: '2026-12-05', method: 'home', summary: '身体尚好' } }));
    const after = await ok(call(o.t.app, o.gw1, 'visits.worklist', { statuses: ['overdue', 'due', 'upcoming'], upcomingDays: 40 }));
    expect(after.rows.filter((r) => r.personId === ids[0]).map((r) => r.dueDate)).toEqual(['2027-03-31']);
  });
});
