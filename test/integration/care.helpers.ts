/**
 * Shared set-up for the tests of grids, assignments, visits, requests, lists and the organised-life
 * areas: an office with a staff member, two grid workers and a viewer, the idle lock off so the clock
 * can move.
 */
import { setupOffice, sessionAs, call, ok, type TestApp } from '../helpers/app';
import { officeTemplate, sessionFor } from '../helpers/template';
import { personInput } from '../helpers/persons';
import type { Session } from '../../main/auth/session';
import type { ChannelOutput } from '../../shared/contract';

export interface CareOffice {
  t: TestApp;
  admin: Session;
  staff: Session;
  gw1: Session;
  gw2: Session;
  viewer: Session;
  ids: { admin: string; staff: string; gw1: string; gw2: string; viewer: string };
}

/** Built once per test file (the first test that asks) and copied for each test. */
const template = officeTemplate(async (t) => {
  const admin = await setupOffice(t);
  await ok(call(t.app, admin, 'settings.update', { idleLockMinutes: 0 }));
  await sessionAs(t, admin, 'staff', 'staff1');
  const gw1 = await sessionAs(t, admin, 'gridworker', 'gw1');
  const gw2 = await sessionAs(t, admin, 'gridworker', 'gw2');
  await sessionAs(t, admin, 'viewer', 'viewer1');
  await ok(call(t.app, admin, 'users.update', { id: gw1.userId as string, displayName: '网格员小李', phone: '13900000001' }));
  await ok(call(t.app, admin, 'users.update', { id: gw2.userId as string, displayName: '网格员小王', phone: '13900000002' }));
});

export async function careOffice(): Promise<CareOffice> {
  const t = await template.copy();
  const [admin, staff, gw1, gw2, viewer] = ['admin', 'staff1', 'gw1', 'gw2', 'viewer1'].map((username) => sessionFor(t, username)) as [Session, Session, Session, Session, Session];
  const ids = {
    admin: admin.userId as string,
    staff: staff.userId as string,
    gw1: gw1.userId as string,
    gw2: gw2.userId as string,
    viewer: viewer.userId as string,
  };
  return { t, admin, staff, gw1, gw2, viewer, ids };
}

let seq = 100;

/** Creates a person (as the admin) with a fresh ID number; answers the id. */
export async function addPerson(o: CareOffice, overrides: Parameters<typeof personInput>[0] = {}): Promise<string> {
  seq += 1;
  const { id } = await ok(call(o.t.app, o.admin, 'persons.create', personInput({ seq, ...overrides })));
  return id;
}

export function plannedOf(o: CareOffice, personId: string) {
  return o.t.app.db
    .prepare('SELECT id, key, reason, due_date, window_start, missed_after, done_on, cancelled_on, cancel_reason, visit_record_id FROM planned_visits WHERE person_id = ? AND deleted_at IS NULL ORDER BY due_date, key')
    .all(personId) as {
    id: string;
    key: string;
    reason: string;
    due_date: string;
    window_start: string;
    missed_after: string;
    done_on: string | null;
    cancelled_on: string | null;
    cancel_reason: string | null;
    visit_record_id: string | null;
  }[];
}

export const openKeys = (o: CareOffice, personId: string) => plannedOf(o, personId).filter((v) => v.done_on === null && v.cancelled_on === null).map((v) => v.key);

/** Moves the test clock to a day (09:00 UTC), keeping sessions alive (the idle lock is off). */
export function setDay(o: CareOffice, day: string): void {
  o.t.clock.time = Date.parse(`${day}T09:00:00.000Z`);
}

export type Worklist = ChannelOutput<'visits.worklist'>;
