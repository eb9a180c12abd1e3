/**
 * When the next contact of a pair is due: the last contact (or, before any, the start of the pair)
 * plus the interval of its frequency. Like a task with a window (CHT's task model), a contact is
 * "due" for a few days before that date and "overdue" the day after it.
 */
import dayjs from 'dayjs';
import type { DueStatus, PairFrequency } from '../../../shared/schemas/pairs';

const INTERVAL: Record<PairFrequency, { n: number; unit: 'day' | 'month' }> = {
  weekly: { n: 7, unit: 'day' },
  biweekly: { n: 14, unit: 'day' },
  monthly: { n: 1, unit: 'month' },
  quarterly: { n: 3, unit: 'month' },
};

/** How many days before the due date a contact shows as due. */
export const DUE_WINDOW_DAYS: Record<PairFrequency, number> = { weekly: 2, biweekly: 3, monthly: 7, quarterly: 14 };

export function nextDueDate(frequency: PairFrequency, fromDate: string, lastContactDate: string | null): string {
  const base = lastContactDate !== null && lastContactDate > fromDate ? lastContactDate : fromDate;
  const { n, unit } = INTERVAL[frequency];
  // dayjs keeps month ends: 01-31 + 1 month is 02-28 (or 02-29), not 03-03.
  return dayjs(base).add(n, unit).format('YYYY-MM-DD');
}

export function dueStatusOf(frequency: PairFrequency, dueDate: string, today: string): DueStatus {
  if (today > dueDate) return 'overdue';
  const windowStart = dayjs(dueDate).subtract(DUE_WINDOW_DAYS[frequency], 'day').format('YYYY-MM-DD');
  return today >= windowStart ? 'due' : 'ok';
}
