import { describe, expect, it } from 'vitest';
import { planVisits, reconcile, visitStatus, isAtRisk, type PlanningFacts, type PlannedVisit } from '../../shared/schedule/engine';
import { DEFAULT_SCHEDULE_RULES as rules } from '../../shared/schedule/rules';
import { chongyang, springFestival } from '../../shared/schedule/holidays';

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

const keys = (v: PlannedVisit[]) => v.map((x) => x.key);

describe('holidays', () => {
  it('computes lunar holidays for each year', () => {
    expect(springFestival(2026)).toBe('2026-02-17');
    expect(springFestival(2027)).toBe('2027-02-06');
    expect(springFestival(2028)).toBe('2028-01-26');
    expect(chongyang(2026)).toBe('2026-10-18');
    expect(chongyang(2025)).toBe('2025-10-29');
  });
});

describe('risk', () => {
  it('counts living alone, empty nest at 80+, ADL ≤ 60 and the high-risk flag', () => {
    expect(isAtRisk(base, rules, '2026-01-01')).toBe(false);
    expect(isAtRisk({ ...base, livingSituation: 'alone' }, rules, '2026-01-01')).toBe(true);
    expect(isAtRisk({ ...base, livingSituation: 'empty_nest', birthDate: '1946-06-10' }, rules, '2026-06-09')).toBe(false);
    expect(isAtRisk({ ...base, livingSituation: 'empty_nest', birthDate: '1946-06-10' }, rules, '2026-06-10')).toBe(true);
    expect(isAtRisk({ ...base, adlTotal: 60 }, rules, '2026-01-01')).toBe(true);
    expect(isAtRisk({ ...base, adlTotal: 65 }, rules, '2026-01-01')).toBe(false);
    expect(isAtRisk({ ...base, highRisk: true }, rules, '2026-01-01')).toBe(true);
  });
});

describe('routine visits', () => {
  it('plans quarterly visits aligned to calendar quarters, due at the quarter end', () => {
    const v = planVisits(base, { ...rules, springFestival: false, chongyang: false }, { from: '2026-01-01', to: '2026-12-31' });
    expect(v.map((x) => [x.key, x.windowStart, x.dueDate])).toEqual([
      ['routine:2026-01/3m', '2026-01-01', '2026-03-31'],
      ['routine:2026-04/3m', '2026-04-01', '2026-06-30'],
      ['routine:2026-07/3m', '2026-07-01', '2026-09-30'],
      ['routine:2026-10/3m', '2026-10-01', '2026-12-31'],
    ]);
  });

  it('plans monthly visits for people at risk, across the year end', () => {
    // Assessed in June: the next 能力评估 falls after this span, which is about routine visits.
    const v = planVisits({ ...base, livingSituation: 'alone', lastAssessedOn: '2026-06-01' }, { ...rules, springFestival: false, chongyang: false }, { from: '2026-11-15', to: '2027-02-28' });
    expect(keys(v)).toEqual(['routine:2026-11', 'routine:2026-12', 'routine:2027-01', 'routine:2027-02']);
    expect(v[1]).toMatchObject({ dueDate: '2026-12-31', windowStart: '2026-12-01', missedAfter: '2027-01-14' });
    expect(v[3]?.dueDate).toBe('2027-02-28');
  });

  it('switches to monthly after an empty-nest person turns 80, without a second visit in a quarter already planned', () => {
    const v = planVisits({ ...base, livingSituation: 'empty_nest', birthDate: '1946-05-20' }, { ...rules, springFestival: false, chongyang: false }, { from: '2026-01-01', to: '2026-08-31' });
    expect(keys(v.filter((x) => x.reason === 'routine'))).toEqual(['routine:2026-01/3m', 'routine:2026-04/3m', 'routine:2026-07', 'routine:2026-08']);
  });

  it('plans nothing before the person came on the register', () => {
    const v = planVisits({ ...base, registeredOn: '2026-11-20' }, rules, { from: '2026-01-01', to: '2026-12-31' });
    expect(v.every((x) => x.dueDate >= '2026-11-20')).toBe(true);
    expect(keys(v)).toEqual(['routine:2026-10/3m']);
  });
});

describe('holiday and birthday visits', () => {
  it('plans 春节 and 重阳节 for everyone and 七一 for party members, on their dates each year', () => {
    const v = planVisits({ ...base, partyMember: true }, rules, { from: '2026-01-01', to: '2027-12-31' });
    const holidays = v.filter((x) => x.reason !== 'routine').map((x) => [x.key, x.dueDate, x.windowStart]);
    expect(holidays).toEqual([
      ['spring_festival:2026', '2026-02-17', '2026-02-10'],
      ['party_day:2026', '2026-07-01', '2026-06-24'],
      ['chongyang:2026', '2026-10-18', '2026-10-11'],
      ['spring_festival:2027', '2027-02-06', '2027-01-30'],
      ['party_day:2027', '2027-07-01', '2027-06-24'],
      ['chongyang:2027', '2027-10-08', '2027-10-01'],
    ]);
    expect(planVisits(base, rules, { from: '2026-01-01', to: '2026-12-31' }).some((x) => x.reason === 'party_day')).toBe(false);
  });

  it('plans milestone birthdays at 80, 85, 90, 95, 100 and every year after 100', () => {
    const birthdays = (birthDate: string, from: string, to: string) =>
      planVisits({ ...base, birthDate }, rules, { from, to }).filter((x) => x.reason === 'birthday').map((x) => x.dueDate);
    expect(birthdays('1946-03-08', '2026-01-01', '2026-12-31')).toEqual(['2026-03-08']); // 80
    expect(birthdays('1947-03-08', '2026-01-01', '2026-12-31')).toEqual([]); // 79
    expect(birthdays('1941-12-31', '2026-01-01', '2026-12-31')).toEqual(['2026-12-31']); // 85
    expect(birthdays('1925-05-01', '2026-01-01', '2027-12-31')).toEqual(['2026-05-01', '2027-05-01']); // 101, 102
  });

  it('puts a 29 February birthday on the 28th in common years', () => {
    const v = planVisits({ ...base, birthDate: '1936-02-29' }, rules, { from: '2026-01-01', to: '2026-12-31' });
    expect(v.find((x) => x.reason === 'birthday')?.dueDate).toBe('2026-02-28');
    const leap = planVisits({ ...base, birthDate: '1948-02-29' }, rules, { from: '2028-01-01', to: '2028-12-31' });
    expect(leap.find((x) => x.reason === 'birthday')?.dueDate).toBe('2028-02-29');
  });

  it('lets an office turn holiday rules off', () => {
    const v = planVisits(base, { ...rules, springFestival: false, chongyang: false }, { from: '2026-01-01', to: '2026-12-31' });
    expect(v.every((x) => x.reason === 'routine')).toBe(true);
  });
});

describe('events', () => {
  it('plans a visit within 3 days of a hospitalisation, shown from the admission', () => {
    const v = planVisits({ ...base, hospitalisations: [{ id: 'h1', admitted: '2026-12-30' }] }, rules, { from: '2026-12-01', to: '2026-12-31' });
    expect(v.find((x) => x.key === 'hospitalisation:h1')).toEqual({
      key: 'hospitalisation:h1',
      reason: 'hospitalisation',
      dueDate: '2027-01-02',
      windowStart: '2026-12-30',
      missedAfter: '2027-01-16',
    });
  });

  it('after a death plans only the condolence visit within 7 days', () => {
    const v = planVisits({ ...base, status: 'deceased', statusDate: '2026-12-28', hospitalisations: [{ id: 'h1', admitted: '2026-12-20' }] }, rules, {
      from: '2026-01-01',
      to: '2027-12-31',
    });
    expect(v).toEqual([{ key: 'condolence', reason: 'condolence', dueDate: '2027-01-04', windowStart: '2026-12-28', missedAfter: '2027-01-18' }]);
  });

  it('after a move plans nothing', () => {
    expect(planVisits({ ...base, status: 'moved_out', statusDate: '2026-05-01' }, rules, { from: '2026-01-01', to: '2026-12-31' })).toEqual([]);
  });
});

describe('status of a planned visit', () => {
  const v = { dueDate: '2026-12-31', windowStart: '2026-12-24', missedAfter: '2027-01-14', doneOn: null, cancelledOn: null };
  it('goes upcoming → due → overdue → missed over the window', () => {
    expect(visitStatus(v, '2026-12-23')).toBe('upcoming');
    expect(visitStatus(v, '2026-12-24')).toBe('due');
    expect(visitStatus(v, '2026-12-31')).toBe('due');
    expect(visitStatus(v, '2027-01-01')).toBe('overdue');
    expect(visitStatus(v, '2027-01-14')).toBe('overdue');
    expect(visitStatus(v, '2027-01-15')).toBe('missed');
  });
  it('done and cancelled win over dates', () => {
    expect(visitStatus({ ...v, doneOn: '2027-01-03' }, '2027-02-01')).toBe('done');
    expect(visitStatus({ ...v, cancelledOn: '2026-12-01' }, '2026-12-25')).toBe('cancelled');
  });
});

describe('reconciling plans with what exists', () => {
  const span = { from: '2026-01-01', to: '2026-12-31' };
  const asExisting = (p: PlannedVisit, open = true) => ({ ...p, open });

  it('planning twice creates nothing the second time', () => {
    const planned = planVisits(base, rules, span);
    const again = reconcile(planned, planned.map((p) => asExisting(p)), span);
    expect(again).toEqual({ create: [], cancel: [], reschedule: [] });
  });

  it('never touches done visits, and cancels open ones no longer wanted', () => {
    const before = planVisits({ ...base, livingSituation: 'alone' }, rules, span);
    const existing = before.map((p) => asExisting(p, p.key !== 'routine:2026-02'));
    const after = planVisits({ ...base, status: 'deceased', statusDate: '2026-03-10' }, rules, span);
    const r = reconcile(after, existing, span);
    expect(r.create.map((c) => c.key)).toEqual(['condolence']);
    expect(r.cancel.map((c) => c.key)).not.toContain('routine:2026-02');
    expect(r.cancel).toHaveLength(existing.filter((e) => e.open).length);
  });

  it('moves the dates of open visits when a rule changes', () => {
    const planned = planVisits(base, rules, span);
    const wider = planVisits(base, { ...rules, showDaysBefore: 14 }, span);
    const r = reconcile(wider, planned.map((p) => asExisting(p)), span);
    expect(r.create).toEqual([]);
    expect(r.reschedule.map((x) => x.planned.key)).toEqual(['spring_festival:2026', 'chongyang:2026']);
  });
});

describe('engine properties', () => {
  it('plans each key once, with window start ≤ due ≤ missed, the same every time', async () => {
    const fc = (await import('fast-check')).default;
    const day = fc.integer({ min: 0, max: 365 * 6 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86400000).toISOString().slice(0, 10));
    const facts = fc.record({
      birthDate: fc.integer({ min: 0, max: 365 * 40 }).map((n) => new Date(Date.UTC(1920, 0, 1) + n * 86400000).toISOString().slice(0, 10)),
      livingSituation: fc.constantFrom('alone', 'empty_nest', 'with_children', 'institution', 'other'),
      adlTotal: fc.option(fc.integer({ min: 0, max: 20 }).map((n) => n * 5)),
      highRisk: fc.boolean(),
      partyMember: fc.boolean(),
    });
    fc.assert(
      fc.property(facts, day, fc.integer({ min: 0, max: 800 }), (f, from, length) => {
        const to = new Date(Date.parse(from) + length * 86400000).toISOString().slice(0, 10);
        const p: PlanningFacts = { ...base, ...f, livingSituation: f.livingSituation as PlanningFacts['livingSituation'] };
        const v = planVisits(p, rules, { from, to });
        expect(new Set(keys(v)).size).toBe(v.length);
        for (const x of v) {
          expect(x.windowStart <= x.dueDate && x.dueDate <= x.missedAfter).toBe(true);
          expect(x.dueDate >= from && x.dueDate <= to).toBe(true);
        }
        expect(planVisits(p, rules, { from, to })).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });
});
