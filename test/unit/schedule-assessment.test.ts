import { describe, expect, it } from 'vitest';
import { planVisits, visitStatus, type PlanningFacts, type PlannedVisit } from '../../shared/schedule/engine';
import { DEFAULT_SCHEDULE_RULES } from '../../shared/schedule/rules';

const rules = { ...DEFAULT_SCHEDULE_RULES, springFestival: false, chongyang: false, partyDay: false, milestoneAges: [], everyYearFrom: 130 };

const base: PlanningFacts = {
  birthDate: '1950-06-10',
  status: 'active',
  statusDate: null,
  livingSituation: 'with_children',
  adlTotal: 100,
  highRisk: false,
  partyMember: false,
  registeredOn: '2020-01-01',
  hospitalisations: [],
  lastAssessedOn: null,
};

/** The span planning uses on `today`: from the first of last month to the end of the month 13 months on. */
function spanOn(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(y, m + 13, 0)).toISOString().slice(0, 10);
  return { from, to };
}

const assessments = (facts: PlanningFacts, today: string): PlannedVisit[] => planVisits(facts, rules, spanOn(today)).filter((v) => v.reason === 'assessment');

describe('能力评估 visits', () => {
  it('plans a reassessment when the latest assessment turns 12 months old, with the usual window', () => {
    const v = assessments({ ...base, lastAssessedOn: '2026-03-20' }, '2026-11-05');
    expect(v).toEqual([{ key: 'assessment:2026-03-20', reason: 'assessment', dueDate: '2027-03-20', windowStart: '2027-03-13', missedAfter: '2027-04-03' }]);
    expect(visitStatus({ ...v[0]!, doneOn: null, cancelledOn: null }, '2027-03-12')).toBe('upcoming');
    expect(visitStatus({ ...v[0]!, doneOn: null, cancelledOn: null }, '2027-03-13')).toBe('due');
    expect(visitStatus({ ...v[0]!, doneOn: null, cancelledOn: null }, '2027-03-21')).toBe('overdue');
    expect(visitStatus({ ...v[0]!, doneOn: null, cancelledOn: null }, '2027-04-04')).toBe('missed');
  });

  it('follows the office interval', () => {
    expect(planVisits({ ...base, lastAssessedOn: '2026-03-20' }, { ...rules, reassessEveryMonths: 6 }, spanOn('2026-05-05')).find((v) => v.reason === 'assessment')?.dueDate).toBe('2026-09-20');
  });

  it('puts an assessment already overdue before this month at the end of this month, and moves it on while it is not done', () => {
    expect(assessments({ ...base, lastAssessedOn: '2024-02-10' }, '2026-11-05').map((v) => [v.key, v.dueDate])).toEqual([['assessment:2024-02-10', '2026-11-30']]);
    expect(assessments({ ...base, lastAssessedOn: '2024-02-10' }, '2026-12-01').map((v) => v.dueDate)).toEqual(['2026-12-31']);
  });

  it('plans a first assessment for persons living alone, by the end of the month they came on the register', () => {
    const v = assessments({ ...base, livingSituation: 'alone', registeredOn: '2026-11-03' }, '2026-11-03');
    expect(v.map((x) => [x.key, x.dueDate])).toEqual([['assessment:first', '2026-11-30']]);
  });

  it('plans a first assessment from the 80th birthday, and nothing before it comes into the span', () => {
    expect(assessments({ ...base, birthDate: '1947-03-15' }, '2026-11-05').map((v) => [v.key, v.dueDate])).toEqual([['assessment:first', '2027-03-31']]);
    expect(assessments({ ...base, birthDate: '1950-06-10' }, '2026-11-05')).toEqual([]);
    // 80 long ago and never assessed: due at the end of this month.
    expect(assessments({ ...base, birthDate: '1935-01-01' }, '2026-11-05').map((v) => v.dueDate)).toEqual(['2026-11-30']);
  });

  it('plans nothing for a younger person living with family and never assessed, nor for the moved out or deceased', () => {
    expect(assessments(base, '2026-11-05')).toEqual([]);
    expect(assessments({ ...base, livingSituation: 'alone', status: 'moved_out', statusDate: '2026-10-01' }, '2026-11-05')).toEqual([]);
    expect(assessments({ ...base, birthDate: '1930-01-01', status: 'deceased', statusDate: '2026-10-01' }, '2026-11-05')).toEqual([]);
  });

  it('a recent assessment of either instrument stops the first assessment', () => {
    expect(assessments({ ...base, livingSituation: 'alone', lastAssessedOn: '2026-10-01' }, '2026-11-05').map((v) => v.key)).toEqual(['assessment:2026-10-01']);
    expect(assessments({ ...base, livingSituation: 'alone', lastAssessedOn: '2026-10-01' }, '2026-11-05')[0]?.dueDate).toBe('2027-10-01');
  });
});

describe('a person whose birth date is not known', () => {
  const unknown = { ...base, birthDate: '' };
  it('is planned without an age: no first assessment for being 80+, one for living alone, no 整寿', () => {
    expect(assessments(unknown, '2026-11-05')).toEqual([]);
    expect(assessments({ ...unknown, livingSituation: 'alone' }, '2026-11-05').map((v) => v.key)).toEqual(['assessment:first']);
    const all = planVisits(unknown, { ...DEFAULT_SCHEDULE_RULES }, spanOn('2026-11-05'));
    expect(all.filter((v) => v.reason === 'birthday')).toEqual([]);
    expect(all.length).toBeGreaterThan(0);
  });
});
