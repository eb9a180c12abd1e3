/**
 * Addresses of an indicator's 分项 page (/reports/indicator/<key>?period=…[&by=…][&office=…]) and of
 * its print layout (#/print/report-breakdown?key=…&period=…&by=…[&office=…]). The period is the one
 * the indicator was counted for (a campaign's year), the office the community a bureau is looking at.
 */
import { DIMS, indicator, type Dim } from '../../../shared/reports/catalogue';

export interface BreakdownTarget {
  key: string;
  period: string;
  by?: Dim | undefined;
  office?: string | undefined;
}

function search(t: BreakdownTarget, withKey: boolean): URLSearchParams {
  const q = new URLSearchParams(withKey ? { key: t.key, period: t.period } : { period: t.period });
  if (t.by) q.set('by', t.by);
  if (t.office) q.set('office', t.office);
  return q;
}

export function breakdownPath(t: BreakdownTarget): string {
  return `/reports/indicator/${encodeURIComponent(t.key)}?${search(t, false).toString()}`;
}

export function breakdownPrintHash(t: BreakdownTarget, auto: 'print' | 'pdf' | 'none' = 'none'): string {
  return `#/print/report-breakdown?${search(t, true).toString()}${auto === 'none' ? '' : `&auto=${auto}`}`;
}

/** The breakdown an address asks for, if the indicator has it. */
export function breakdownOf(key: string, by: string | null): Dim | undefined {
  const def = indicator(key);
  return def && by !== null && (DIMS as readonly string[]).includes(by) && def.breakdowns.includes(by as Dim) ? (by as Dim) : undefined;
}

/** The breakdown shown first: the first of the catalogue's that splits one office (grid, mostly), else the office. */
export function firstBreakdown(key: string): Dim | undefined {
  const def = indicator(key);
  return def?.breakdowns.find((d) => d !== 'office') ?? def?.breakdowns[0];
}
