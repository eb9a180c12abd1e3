/**
 * The visit scheduling engine: pure code, no database. Given a person's facts and the rules, it
 * says which visits should be planned in a span of dates, each with a stable key, so that planning
 * again after a change neither duplicates a visit nor loses one that was done.
 */
import type { ScheduleRules } from './rules';
import { chongyang, partyDay, springFestival } from './holidays';
import { addDays, ageOn, dayNumber, daysFromCivil, dateOfDay, firstOfMonth, lastOfMonth, monthIndexOf, monthOfMonthIndex, parseYmd, yearMonthOf } from '../calendar';
import { toDateString } from '../dates';

import type { VisitReason } from './reasons';
import { assessmentVisits } from './assessment';
import { milestoneBirthdays, type LunarBirthday } from '../lunarBirthday';

export { VISIT_REASONS, type VisitReason } from './reasons';

export interface PlanningFacts {
  birthDate: string;
  /** 农历生日, when recorded: the 整寿 date when the office counts by the lunar calendar. */
  lunarBirthday?: LunarBirthday | null;
  status: 'active' | 'moved_out' | 'deceased';
  statusDate: string | null;
  livingSituation: 'alone' | 'empty_nest' | 'with_children' | 'institution' | 'other';
  adlTotal: number | null;
  highRisk: boolean;
  partyMember: boolean;
  /** The date the person came on the register: nothing is planned before it. */
  registeredOn: string;
  hospitalisations: readonly { id: string; admitted: string }[];
  /** The latest capability assessment of either instrument (Barthel or GB/T 42195), or null. */
  lastAssessedOn: string | null;
}

export interface PlannedVisit {
  /** Stable per person: 'routine:2026-11', 'birthday:2026', 'hospitalisation:<event id>' … */
  key: string;
  reason: VisitReason;
  dueDate: string;
  /** Shown in worklists from this date. */
  windowStart: string;
  /** Missed when not done by the end of this date. */
  missedAfter: string;
}

export interface Span {
  from: string;
  to: string;
}

/**
 * `date` moved by `days`. Dates are YYYY-MM-DD everywhere planning looks; anything else (an odd
 * stored value such as 2026-3-5) is first read as toDateString reads it, so it gives what it gave.
 */
function shiftDays(date: string, days: number): string {
  const ymd = parseYmd(date);
  if (ymd) return dateOfDay(daysFromCivil(ymd.year, ymd.month, ymd.day) + days);
  const day = toDateString(date);
  return parseYmd(day) ? addDays(day, days) : day;
}

/** 独居, 空巢 at or above the risk age, ADL 中度 or 重度 (≤ 60), or flagged by staff. */
export function isAtRisk(facts: PlanningFacts, rules: ScheduleRules, on: string): boolean {
  if (facts.highRisk) return true;
  if (facts.livingSituation === 'alone') return true;
  if (facts.livingSituation === 'empty_nest' && ageOn(facts.birthDate, on) >= rules.emptyNestRiskAge) return true;
  return facts.adlTotal !== null && facts.adlTotal <= 60;
}

function visit(key: string, reason: VisitReason, due: string, windowStart: string, rules: ScheduleRules): PlannedVisit {
  return { key, reason, dueDate: due, windowStart, missedAfter: shiftDays(due, rules.missedAfterDays) };
}

function around(key: string, reason: VisitReason, due: string, rules: ScheduleRules): PlannedVisit {
  return visit(key, reason, due, shiftDays(due, -rules.showDaysBefore), rules);
}

/**
 * Routine visits: one per period of N months, aligned to the calendar (months 1, 4, 7, 10 for quarters).
 * Months are counted as integers (year × 12 + month − 1); the span's bounds must be YYYY-MM-DD dates.
 */
function routineVisits(facts: PlanningFacts, rules: ScheduleRules, span: Span): PlannedVisit[] {
  const out: PlannedVisit[] = [];
  dayNumber(span.to); // the end must be a calendar date too (throws otherwise)
  // A month already inside a planned period (a quarter begun before the person became at risk) gets no second visit.
  let coveredUntil = '';
  for (let month = monthIndexOf(span.from); ; month++) {
    const at = firstOfMonth(month);
    if (at > span.to) break;
    const months = isAtRisk(facts, rules, at) ? rules.atRiskEveryMonths : rules.othersEveryMonths;
    const inYear = monthOfMonthIndex(month) - 1; // 0-based
    const periodStart = month - (inYear % months);
    const periodEnd = lastOfMonth(periodStart + months - 1);
    const startText = yearMonthOf(periodStart);
    const key = months === 1 ? `routine:${startText}` : `routine:${startText}/${months}m`;
    if (periodEnd > coveredUntil) {
      out.push(visit(key, 'routine', periodEnd, firstOfMonth(periodStart), rules));
      coveredUntil = periodEnd;
    }
  }
  return out;
}

/** Every visit that should exist for the person with a due date inside the span. */
export function planVisits(facts: PlanningFacts, rules: ScheduleRules, span: Span): PlannedVisit[] {
  const out: PlannedVisit[] = [];
  const inSpan = (v: PlannedVisit) => v.dueDate >= span.from && v.dueDate <= span.to;

  if (facts.status === 'deceased') {
    // After a death the only visit is the condolence visit to the family.
    if (facts.statusDate) {
      const due = shiftDays(facts.statusDate, rules.condolenceWithinDays);
      out.push(visit('condolence', 'condolence', due, facts.statusDate, rules));
    }
    return out;
  }
  if (facts.status === 'moved_out') return [];

  const from = span.from > facts.registeredOn ? span.from : facts.registeredOn;
  if (from > span.to) return [];
  const effective: Span = { from, to: span.to };

  out.push(...routineVisits(facts, rules, effective));
  const firstYear = Number(effective.from.slice(0, 4));
  const lastYear = Number(effective.to.slice(0, 4));
  for (let year = firstYear; year <= lastYear; year++) {
    if (rules.springFestival) out.push(around(`spring_festival:${year}`, 'spring_festival', springFestival(year), rules));
    if (rules.chongyang) out.push(around(`chongyang:${year}`, 'chongyang', chongyang(year), rules));
    if (rules.partyDay && facts.partyMember) out.push(around(`party_day:${year}`, 'party_day', partyDay(year), rules));
  }
  // 整寿 (shared/lunarBirthday.ts): the key's year is the birthday's year, the lunar one for a lunar birthday.
  for (const b of milestoneBirthdays(facts.birthDate, facts.lunarBirthday ?? null, rules, effective.from, effective.to)) {
    out.push(around(`birthday:${b.year}`, 'birthday', b.date, rules));
  }
  for (const h of facts.hospitalisations) {
    const due = shiftDays(h.admitted, rules.hospitalisationWithinDays);
    // A hospitalisation is planned whenever it is recorded, even if it began before the span.
    out.push(visit(`hospitalisation:${h.id}`, 'hospitalisation', due, h.admitted, rules));
  }
  out.push(...assessmentVisits(facts, rules, span));
  return out
    .filter((v) => v.reason === 'hospitalisation' || (inSpan(v) && v.dueDate >= facts.registeredOn))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.key.localeCompare(b.key));
}

export type VisitStatus = 'upcoming' | 'due' | 'overdue' | 'missed' | 'done' | 'cancelled';

/** Where a planned visit stands on `today` (YYYY-MM-DD). */
export function visitStatus(v: Pick<PlannedVisit, 'dueDate' | 'windowStart' | 'missedAfter'> & { doneOn: string | null; cancelledOn: string | null }, today: string): VisitStatus {
  if (v.doneOn) return 'done';
  if (v.cancelledOn) return 'cancelled';
  if (today < v.windowStart) return 'upcoming';
  if (today <= v.dueDate) return 'due';
  if (today <= v.missedAfter) return 'overdue';
  return 'missed';
}

export interface Reconciliation<T> {
  create: PlannedVisit[];
  /** Existing open visits no longer wanted (the person moved, died, or the rule changed). */
  cancel: T[];
  /** Existing open visits whose dates changed (a rule change): new dates by key. */
  reschedule: { existing: T; planned: PlannedVisit }[];
}

/**
 * Compares what should exist with what exists. Done and cancelled visits are never touched; open
 * ones are kept when still wanted (dates updated if the rule moved them) and cancelled when not.
 * Only visits due inside the span are considered, so planning one year leaves other years alone.
 */
export function reconcile<T extends { key: string; dueDate: string; windowStart: string; missedAfter: string; open: boolean }>(
  planned: readonly PlannedVisit[],
  existing: readonly T[],
  span: Span,
): Reconciliation<T> {
  const byKey = new Map(existing.map((e) => [e.key, e]));
  const wanted = new Set(planned.map((p) => p.key));
  const create: PlannedVisit[] = [];
  const reschedule: { existing: T; planned: PlannedVisit }[] = [];
  for (const p of planned) {
    const e = byKey.get(p.key);
    if (!e) create.push(p);
    else if (e.open && (e.dueDate !== p.dueDate || e.windowStart !== p.windowStart || e.missedAfter !== p.missedAfter)) {
      reschedule.push({ existing: e, planned: p });
    }
  }
  const cancel = existing.filter(
    (e) => e.open && !wanted.has(e.key) && (e.key.startsWith('hospitalisation:') || e.key === 'condolence' || (e.dueDate >= span.from && e.dueDate <= span.to)),
  );
  return { create, cancel, reschedule };
}
