/**
 * Dates as offices type them: a day its month does not have is named as such, and where old paper
 * files give only a year and month (离退休时间, 入党时间) that is what is stored, shown and counted.
 * The office's day is 2026-11-27.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok } from '../helpers/app';
import type { Result } from '../../shared/errors';
import { careOffice, addPerson, type CareOffice } from './care.helpers';
import { cellValueOf, type RosterPerson } from '../../main/services/roster/export';
import { readDate } from '../../main/services/roster/validate';
import { personInput } from '../helpers/persons';

let o: CareOffice;
beforeEach(async () => {
  o = await careOffice();
});
afterEach(() => o.t.close());

describe('typed dates', () => {
  it('says that February 2026 has no 30th instead of calling the format wrong', async () => {
    const bad = (await call(o.t.app, o.staff, 'visits.record', { personId: await addPerson(o), fields: { visitDate: '2026-02-30', method: 'home', summary: '身体尚好' } })) as Result<unknown>;
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'fields.visitDate', message: 'date.noSuchDay?year=2026&month=2&day=30' }] } } });
    const garbled = (await call(o.t.app, o.staff, 'visits.record', { personId: await addPerson(o), fields: { visitDate: '二月三十', method: 'home', summary: '身体尚好' } })) as Result<unknown>;
    expect(garbled).toMatchObject({ ok: false, error: { details: { issues: [{ message: 'date.format' }] } } });
  });

  it('keeps a year and month of retirement as such, and reads it back from the roster spreadsheet', async () => {
    const id = await addPerson(o, { retirementDate: '2008年3月' });
    expect((await ok(call(o.t.app, o.staff, 'persons.get', { id }))).person.retirementDate).toBe('2008-03');
    const other = await addPerson(o, { retirementDate: '２００８－０３' });
    expect((await ok(call(o.t.app, o.staff, 'persons.get', { id: other }))).person.retirementDate).toBe('2008-03');
    const whole = await addPerson(o, { retirementDate: '2008-03-15' });
    expect((await ok(call(o.t.app, o.staff, 'persons.get', { id: whole }))).person.retirementDate).toBe('2008-03-15');
    const refused = (await call(o.t.app, o.admin, 'persons.create', personInput({ seq: 90, retirementDate: '2008年13月' }))) as Result<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { details: { issues: [{ path: 'retirementDate', message: 'date.formatOrMonth' }] } } });
    // The roster spreadsheet writes the month as 2008年3月, which its import reads back as the month.
    const cell = cellValueOf({ retirementDate: '2008-03' } as RosterPerson, 'retirementDate');
    expect(cell).toBe('2008年3月');
    expect(readDate(cell as string)).toEqual({ yearMonth: '2008-03' });
  });

  it('counts 党龄 from a month of joining, and refuses a month before the eighteenth birthday', async () => {
    const personId = await addPerson(o, { birthDate: '1950-06-10' });
    const branchId = (await ok(call(o.t.app, o.staff, 'party.branches.create', { name: '离退休干部党支部', kind: 'branch', foundedOn: '2018-07-01', meetingPlace: '二楼' }))).id;
    const add = (partyJoinedOn: string) =>
      call(o.t.app, o.staff, 'party.members.add', { personId, branchId, partyJoinedOn, relationHeld: 'community', managementMode: 'single', fromDate: '2026-01-10' });
    // Eighteen on 1968-06-10: May 1968 is too early, June 1968 may be right.
    expect(((await add('1968年5月')) as Result<unknown>).ok).toBe(false);
    await ok(add('1975年7月'));
    const record = await ok(call(o.t.app, o.staff, 'party.person', { personId }));
    expect(record.current).toMatchObject({ partyJoinedOn: '1975-07', partyStanding: 51 });
  });
});
