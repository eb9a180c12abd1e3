import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok, errorCode, dumpDatabase } from '../helpers/app';
import { GBT42195_ITEMS, itemMax } from '../../shared/capability/gbt42195';
import type { ChannelInput } from '../../shared/contract';
import { syncedTables } from '../../main/db/syncedTables';
import { replanAll } from '../../main/services/visits/planning';
import { SYSTEM_ACTOR } from '../../main/db/audit';
import { careOffice, addPerson, plannedOf, setDay, type CareOffice } from './care.helpers';

type Save = ChannelInput<'capability.save'>;

/** Answers adding up to `total`, filled from the top of the form. */
function answersFor(total: number): Record<string, number> {
  let left = total;
  const out: Record<string, number> = {};
  for (const item of GBT42195_ITEMS) {
    const score = Math.min(itemMax(item), left);
    out[item.key] = score;
    left -= score;
  }
  return out;
}

const person = (o: CareOffice, id: string) =>
  o.t.app.db.prepare('SELECT latest_capability_grade AS grade, latest_capability_date AS date FROM persons WHERE id = ?').get(id) as { grade: string | null; date: string | null };

describe('capability assessment (GB/T 42195-2022)', () => {
  let o: CareOffice;
  let p: string;
  beforeEach(async () => {
    o = await careOffice();
    setDay(o, '2026-11-10');
    p = await addPerson(o, { name: '王秀英', gender: 'female', birthDate: '1950-03-02', livingSituation: 'with_children' });
  });
  afterEach(() => o.t.close());

  const save = (input: Partial<Save>) => call(o.t.app, o.staff, 'capability.save', { personId: p, assessedOn: '2026-11-10', assessor: '刘医生', answers: answersFor(90), ...input });

  it('is a synchronised table', () => {
    expect(syncedTables()).toContain('capability_assessments');
  });

  it('saves partial answers as a draft without a grade, continues it, and a complete one becomes final with total and grade', async () => {
    const partial = answersFor(90);
    delete partial['memory'];
    delete partial['hearing'];
    const draft = await ok(save({ answers: partial }));
    expect(draft).toMatchObject({ status: 'draft', total: null, grade: null, missing: 2 });
    expect(person(o, p)).toEqual({ grade: null, date: null });
    const [listed] = (await ok(call(o.t.app, o.viewer, 'capability.forPerson', { personId: p }))).assessments;
    expect(listed).toMatchObject({ id: draft.id, status: 'draft', total: null, grade: null, answered: 24, assessor: '刘医生' });

    // Continued with the two answers: the same record becomes final.
    const final = await ok(save({ draftId: draft.id, answers: { ...partial, memory: 2, hearing: 1 } }));
    expect(final).toMatchObject({ id: draft.id, status: 'final', total: 87, grade: 'mild', missing: 0 });
    expect(person(o, p)).toEqual({ grade: 'mild', date: '2026-11-10' });
    const got = await ok(call(o.t.app, o.staff, 'capability.get', { id: draft.id }));
    expect(got).toMatchObject({ status: 'final', total: 87, baseGrade: 'mild', grade: 'mild', dimensions: { selfCare: 32, motor: 15, mental: 26, perception: 14 } });
  });

  it('applies the adjustment rules: diagnosis and two risk events raise one step, coma is 完全失能', async () => {
    expect(await ok(save({ answers: answersFor(70), conditions: { coma: false, dementia: true, mentalDisorder: false, riskEvents: { fall: 0, wandering: 0, choking: 0, selfHarm: 0, other: 0 } } }))).toMatchObject({ total: 70, grade: 'moderate' });
    expect(await ok(save({ answers: answersFor(50), conditions: { coma: false, dementia: false, mentalDisorder: false, riskEvents: { fall: 1, wandering: 0, choking: 1, selfHarm: 0, other: 0 } } }))).toMatchObject({ grade: 'severe' });
    const coma = await ok(save({ answers: answersFor(40), conditions: { coma: true, dementia: false, mentalDisorder: false, riskEvents: { fall: 0, wandering: 0, choking: 0, selfHarm: 0, other: 0 } } }));
    expect(coma).toMatchObject({ total: 40, grade: 'complete' });
    expect(await ok(call(o.t.app, o.staff, 'capability.get', { id: coma.id }))).toMatchObject({ baseGrade: 'severe', grade: 'complete', adjustments: ['coma'] });
  });

  it('keeps every assessment; the latest by date is the person\'s grade, and a final one cannot be changed or deleted', async () => {
    const first = await ok(save({ assessedOn: '2026-05-01', answers: answersFor(90) }));
    await ok(save({ assessedOn: '2026-11-01', answers: answersFor(50) }));
    // Entered later but assessed earlier: kept, without changing the latest grade.
    await ok(save({ assessedOn: '2026-03-01', answers: answersFor(20) }));
    const all = (await ok(call(o.t.app, o.staff, 'capability.forPerson', { personId: p }))).assessments;
    expect(all.map((a) => [a.assessedOn, a.grade])).toEqual([
      ['2026-11-01', 'moderate'],
      ['2026-05-01', 'intact'],
      ['2026-03-01', 'complete'],
    ]);
    expect(person(o, p)).toEqual({ grade: 'moderate', date: '2026-11-01' });

    const before = dumpDatabase(o.t.app);
    const changed = await call(o.t.app, o.staff, 'capability.save', { personId: p, draftId: first.id, assessedOn: '2026-05-01', assessor: '刘医生', answers: answersFor(10) });
    expect(changed.ok ? null : [changed.error.code, changed.error.details]).toEqual(['CAPABILITY_ASSESSMENT_FINAL', { date: '2026-05-01' }]);
    expect(await errorCode(call(o.t.app, o.staff, 'capability.deleteDraft', { id: first.id }))).toBe('CAPABILITY_ASSESSMENT_FINAL');
    expect(dumpDatabase(o.t.app)).toEqual(before);
  });

  it('refuses an answer outside its item\'s levels, naming the item, and writes nothing', async () => {
    await ok(save({ answers: answersFor(60) }));
    const before = dumpDatabase(o.t.app);
    const refused = await save({ answers: { ...answersFor(90), stairs: 4 } });
    expect(refused.ok ? null : [refused.error.code, refused.error.details]).toEqual(['CAPABILITY_ANSWER_INVALID', { item: 'B.2.4 上下楼梯', value: '4', allowed: '0、1、2、3', count: 1 }]);
    const two = await save({ answers: { feeding: 5, aggression: 2 } });
    expect(two.ok ? null : two.error.details).toMatchObject({ item: 'B.1.1 进食', count: 2 });
    expect(await errorCode(save({ answers: { vision: 1.5 } }))).toBe('CAPABILITY_ANSWER_INVALID');
    expect(await errorCode(save({ answers: { walkingSpeed: 3 } }))).toBe('CAPABILITY_ANSWER_INVALID');
    expect(await errorCode(save({ conditions: { coma: false, dementia: false, mentalDisorder: false, riskEvents: { fall: 4, wandering: 0, choking: 0, selfHarm: 0, other: 0 } } }))).toBe('INVALID_INPUT');
    expect(await errorCode(save({ assessor: ' ' }))).toBe('INVALID_INPUT');
    expect(await errorCode(save({ assessedOn: '2026-02-30' }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(o.t.app, o.viewer, 'capability.save', { personId: p, assessedOn: '2026-11-10', assessor: '刘医生', answers: answersFor(90) }))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.gw1, 'capability.forPerson', { personId: p }))).toBe('FORBIDDEN');
    expect(person(o, p)).toEqual({ grade: 'moderate', date: '2026-11-10' });
    expect(dumpDatabase(o.t.app)).toEqual(before);
  });

  it('counts the latest grade by the day in the statistics, drafts apart, with the grade in the list of persons', async () => {
    // The office keeps records from the day it was set up (27 November 2026).
    setDay(o, '2026-12-20');
    const q = await addPerson(o, { name: '陈志强', birthDate: '1948-07-07', livingSituation: 'with_children' });
    await addPerson(o, { name: '林美华', birthDate: '1949-09-09', livingSituation: 'with_children' });
    await ok(save({ assessedOn: '2026-11-28', answers: answersFor(90) }));
    await ok(save({ assessedOn: '2026-12-10', answers: answersFor(20) }));
    await ok(call(o.t.app, o.staff, 'capability.save', { personId: q, assessedOn: '2026-12-01', assessor: '刘医生', answers: answersFor(60) }));
    await ok(call(o.t.app, o.staff, 'capability.save', { personId: q, assessedOn: '2026-12-05', assessor: '刘医生', answers: { feeding: 0 } }));
    const show = (period: string) => ok(call(o.t.app, o.viewer, 'reports.indicator', { key: 'persons.capability', period }));
    const now = await show('2026-12-20');
    expect(now.figures).toMatchObject({ total: 3, intact: 0, mild: 0, moderate: 1, severe: 0, complete: 1, unassessed: 1, stale: 0 });
    expect(now.incomplete).toEqual([{ key: 'unassessed', count: 1 }]);
    // On 5 December only 王秀英 was on the register, her first assessment the latest.
    expect((await show('2026-12-05')).figures).toMatchObject({ total: 1, intact: 1, complete: 0, unassessed: 0 });
    const drill = await ok(call(o.t.app, o.viewer, 'reports.drill', { key: 'persons.capability', measure: 'complete', period: '2026-12-20', limit: 10 }));
    expect(drill.rows.map((r) => [r.cells['name'], r.cells['capabilityGrade'], r.cells['capabilityTotal'], r.cells['capabilityDate']])).toEqual([['王秀英', '完全失能', 20, '2026-12-10']]);
  });

  it('filters the registry by the latest grade, never-assessed persons apart, and shows it on each row', async () => {
    const q = await addPerson(o, { name: '陈志强', birthDate: '1948-07-07', livingSituation: 'with_children' });
    const r = await addPerson(o, { name: '林美华', birthDate: '1949-09-09', livingSituation: 'with_children' });
    await ok(save({ assessedOn: '2026-10-01', answers: answersFor(90) }));
    await ok(save({ assessedOn: '2026-11-01', answers: answersFor(50) }));
    await ok(call(o.t.app, o.staff, 'capability.save', { personId: q, assessedOn: '2026-11-02', assessor: '刘医生', answers: answersFor(90) }));
    await ok(call(o.t.app, o.staff, 'capability.save', { personId: r, assessedOn: '2026-11-03', assessor: '刘医生', answers: { feeding: 4 } }));
    const list = async (capabilityGrade: ChannelInput<'persons.list'>['capabilityGrade']) =>
      (await ok(call(o.t.app, o.viewer, 'persons.list', { capabilityGrade }))).rows.map((x) => [x.name, x.latestCapabilityGrade, x.latestCapabilityDate]);
    expect(await list('moderate')).toEqual([['王秀英', 'moderate', '2026-11-01']]);
    expect(await list('intact')).toEqual([['陈志强', 'intact', '2026-11-02']]);
    // A draft is no assessment.
    expect(await list('unassessed')).toEqual([['林美华', null, null]]);
    expect(await errorCode(call(o.t.app, o.viewer, 'persons.list', { capabilityGrade: 'bad' as 'mild' }))).toBe('INVALID_INPUT');
  });

  it('deletes a draft, leaving the finals', async () => {
    const draft = await ok(save({ answers: { feeding: 4 } }));
    await ok(call(o.t.app, o.staff, 'capability.deleteDraft', { id: draft.id }));
    expect((await ok(call(o.t.app, o.staff, 'capability.forPerson', { personId: p }))).assessments).toEqual([]);
    expect(await errorCode(call(o.t.app, o.staff, 'capability.get', { id: draft.id }))).toBe('NOT_FOUND');
  });
});

describe('planned 能力评估 visits', () => {
  let o: CareOffice;
  beforeEach(async () => {
    o = await careOffice();
    setDay(o, '2026-11-10');
  });
  afterEach(() => o.t.close());

  const assessmentVisits = (personId: string) => plannedOf(o, personId).filter((v) => v.reason === 'assessment');

  it('plans a first assessment for a person living alone and for one aged 80 or more, none for a younger person with family', async () => {
    const alone = await addPerson(o, { name: '赵淑芬', birthDate: '1952-04-01', livingSituation: 'alone' });
    const old = await addPerson(o, { name: '钱国华', birthDate: '1944-01-15', livingSituation: 'with_children' });
    const young = await addPerson(o, { name: '孙立平', birthDate: '1955-08-08', livingSituation: 'with_children' });
    expect(assessmentVisits(alone).map((v) => [v.key, v.window_start, v.due_date, v.missed_after])).toEqual([['assessment:first', '2026-11-23', '2026-11-30', '2026-12-14']]);
    expect(assessmentVisits(old).map((v) => [v.key, v.due_date])).toEqual([['assessment:first', '2026-11-30']]);
    expect(assessmentVisits(young)).toEqual([]);
    const worklist = await ok(call(o.t.app, o.staff, 'visits.worklist', { scope: 'all', reason: 'assessment', upcomingDays: 30 }));
    expect(new Set(worklist.rows.map((r) => r.personId))).toEqual(new Set([alone, old]));
  });

  it('recording a GB/T assessment completes the visit and plans the reassessment 12 months on', async () => {
    const alone = await addPerson(o, { name: '赵淑芬', birthDate: '1952-04-01', livingSituation: 'alone' });
    setDay(o, '2026-11-25');
    // A draft does not count as an assessment.
    await ok(call(o.t.app, o.staff, 'capability.save', { personId: alone, assessedOn: '2026-11-25', assessor: '刘医生', answers: { feeding: 4 } }));
    expect(assessmentVisits(alone).map((v) => [v.key, v.done_on])).toEqual([['assessment:first', null]]);
    await ok(call(o.t.app, o.staff, 'capability.save', { personId: alone, assessedOn: '2026-11-25', assessor: '刘医生', answers: answersFor(80) }));
    expect(assessmentVisits(alone).map((v) => [v.key, v.due_date, v.done_on])).toEqual([
      ['assessment:first', '2026-11-30', '2026-11-25'],
      ['assessment:2026-11-25', '2027-11-25', null],
    ]);
  });

  it('a Barthel assessment completes it too, and the interval is an office setting', async () => {
    const old = await addPerson(o, { name: '钱国华', birthDate: '1944-01-15', livingSituation: 'with_children' });
    const full = { feeding: 10, bathing: 5, grooming: 5, dressing: 10, bowels: 10, bladder: 10, toilet: 10, transfer: 15, mobility: 15, stairs: 10 };
    await ok(call(o.t.app, o.staff, 'health.addAssessment', { personId: old, assessedOn: '2026-11-10', items: full }));
    expect(assessmentVisits(old).map((v) => [v.key, v.due_date, v.done_on])).toEqual([
      ['assessment:first', '2026-11-30', '2026-11-10'],
      ['assessment:2026-11-10', '2027-11-10', null],
    ]);
    const settings = await ok(call(o.t.app, o.admin, 'settings.get', {}));
    await ok(call(o.t.app, o.admin, 'settings.update', { scheduleRules: { ...settings.scheduleRules, reassessEveryMonths: 6 } }));
    expect(assessmentVisits(old).filter((v) => v.done_on === null).map((v) => [v.key, v.due_date])).toEqual([['assessment:2026-11-10', '2027-05-10']]);
  });

  it('an overdue reassessment shows at the end of the current month and moves on a month while not done', async () => {
    const p = await addPerson(o, { name: '周建军', birthDate: '1950-01-01', livingSituation: 'with_children' });
    const full = { feeding: 10, bathing: 5, grooming: 5, dressing: 10, bowels: 10, bladder: 10, toilet: 10, transfer: 15, mobility: 15, stairs: 10 };
    await ok(call(o.t.app, o.staff, 'health.addAssessment', { personId: p, assessedOn: '2025-06-01', items: full }));
    expect(assessmentVisits(p).map((v) => [v.key, v.due_date])).toEqual([['assessment:2025-06-01', '2026-11-30']]);
    // The next month's planning moves it to the end of December, still open.
    const office = (o.t.app.db.prepare('SELECT id FROM office').get() as { id: string }).id;
    await replanAll(o.t.app.db, { actor: SYSTEM_ACTOR, officeId: office, at: '2026-12-02T09:00:00.000Z' }, '2026-12-02');
    expect(assessmentVisits(p).map((v) => [v.key, v.due_date, v.done_on, v.cancelled_on])).toEqual([['assessment:2025-06-01', '2026-12-31', null, null]]);
  });
});
