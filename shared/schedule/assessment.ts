/**
 * The planned 能力评估 visit: a person whose latest capability assessment (Barthel or GB/T 42195) is
 * older than the office's interval (12 months by default), or who is 80 or older or lives alone and
 * was never assessed, is due an assessment. Pure, like the rest of the engine.
 *
 * One visit per cycle, keyed by the assessment it follows ('assessment:2025-11-03', or
 * 'assessment:first'), so recording an assessment (which completes the open visit) starts the next
 * cycle. The visit is due when the interval ends, a first assessment by the end of the month the
 * person became due. A visit that fell due before the current month (a backlog: the rule is new,
 * or the last one was missed) is due at the end of the current month, so it is planned and shown
 * rather than lost; if it is still not done it moves on a month at a time until the person is assessed.
 */
import type { PlannedVisit, PlanningFacts, Span } from './engine';
import type { ScheduleRules } from './rules';
import { addDays, addMonths, addYears, firstOfMonth, lastOfMonth, monthIndexOf } from '../calendar';

/** Never-assessed persons are planned a first assessment from this age. */
export const FIRST_ASSESSMENT_AGE = 80;

/** When a never-assessed person became due, or null when they are not due (yet) within the span. */
function firstDueFrom(facts: PlanningFacts, span: Span): string | null {
  if (facts.livingSituation === 'alone') return facts.registeredOn;
  // A record whose birth date was lost (kept as '') has no age to reach 80 by.
  if (facts.birthDate === '') return null;
  const birthday = addYears(facts.birthDate, FIRST_ASSESSMENT_AGE);
  if (birthday > span.to) return null;
  return birthday > facts.registeredOn ? birthday : facts.registeredOn;
}

export function assessmentVisits(facts: PlanningFacts, rules: ScheduleRules, span: Span): PlannedVisit[] {
  let key: string;
  let natural: string;
  if (facts.lastAssessedOn !== null) {
    key = `assessment:${facts.lastAssessedOn}`;
    natural = addMonths(facts.lastAssessedOn, rules.reassessEveryMonths);
  } else {
    const from = firstDueFrom(facts, span);
    if (from === null) return [];
    key = 'assessment:first';
    natural = lastOfMonth(monthIndexOf(from));
  }
  // The planning span starts on the first of the month before the current one.
  const thisMonth = monthIndexOf(span.from) + 1;
  const due = natural < firstOfMonth(thisMonth) ? lastOfMonth(thisMonth) : natural;
  return [{ key, reason: 'assessment', dueDate: due, windowStart: addDays(due, -rules.showDaysBefore), missedAfter: addDays(due, rules.missedAfterDays) }];
}
