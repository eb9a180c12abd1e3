/**
 * When the next contact of a pair is due: the last contact (or, before any, the start of the pair)
 * plus the interval of its frequency. Like a task with a window (CHT's task model), a contact is
 * "due" for a few days before that date and "overdue" the day after it.
 */
import { addDays, addMonths } from '../../../shared/calendar';
import type { DueStatus, PairFrequency } from '../../../shared/schemas/pairs';

/** The date a contact after `base` is due: weeks in days, months kept inside the month (01-31 + 1 month is 02-28). */
const INTERVAL: Record<PairFrequency, (base: string) => string> = {
  weekly: (base) => addDays(base, 7),
  biweekly: (base) => addDays(base, 14),
  monthly: (base) => addMonths(base, 1),
  quarterly: (base) => addMonths(base, 3),
};

/** How many days before the due date a contact shows as due. */
export const DUE_WINDOW_DAYS: Record<PairFrequency, number> = { weekly: 2, biweekly: 3, monthly: 7, quarterly: 14 };

export function nextDueDate(frequency: PairFrequency, fromDate: string, lastContactDate: string | null): string {
  const base = lastContactDate !== null && lastContactDate > fromDate ? lastContactDate : fromDate;
  return INTERVAL[frequency](base);
}

export function dueStatusOf(frequency: PairFrequency, dueDate: string, today: string): DueStatus {
  if (today > dueDate) return 'overdue';
  return today >= addDays(dueDate, -DUE_WINDOW_DAYS[frequency]) ? 'due' : 'ok';
}
