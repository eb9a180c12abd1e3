/**
 * Months as 'YYYY-MM' text: dues are kept per month, and arrears walk the months a member should
 * have paid.
 */
import { addYearMonths, ageOn } from '../../../shared/calendar';
import { dayOfDateOrMonth } from '../../../shared/dates';

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function nextMonth(month: string): string {
  return addYearMonths(month, 1);
}

/** Every month from `from` to `to`, both included; empty when from is after to. */
export function monthsFromTo(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) months.push(m);
  return months;
}

/**
 * The months a member owes dues for, up to `upTo`: from the month their unbroken membership began
 * (`since`, across branch moves) or January of upTo's year, whichever is later (the arrears list looks at the current year, as branches settle
 * dues yearly).
 */
export function dueMonths(since: string, upTo: string): string[] {
  const yearStart = `${upTo.slice(0, 4)}-01`;
  const joined = monthOf(since);
  return monthsFromTo(joined > yearStart ? joined : yearStart, upTo);
}

/** Whole years from the date (or the month) of joining the party to `day` (党龄). */
export function partyStanding(partyJoinedOn: string | null, day: string): number | null {
  if (partyJoinedOn === null) return null;
  return Math.max(0, ageOn(dayOfDateOrMonth(partyJoinedOn), day));
}
