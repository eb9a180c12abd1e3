/**
 * Opening the print layouts of 统计 (#/print/report-drill?…, #/print/report-form/<form>/<period>,
 * #/print/work-summary/<period>): routes of this same page, opened the way the visit lists are — a
 * new tab in browser mode (printing by itself once ready), a print job in Electron
 * (main/electron/print.ts checks the route before loading it).
 */
import { transport } from '../../api';
import { drillSearch, type DrillTarget } from './common';

export function drillPrintHash(t: DrillTarget, auto: 'print' | 'pdf' | 'none' = 'none'): string {
  return `#/print/report-drill?${drillSearch(t)}${auto === 'none' ? '' : `&auto=${auto}`}`;
}

export function formPrintHash(form: 'annual' | 'campaign', period: string, submissionId: string | null, auto: 'print' | 'pdf' | 'none' = 'none'): string {
  const q = new URLSearchParams();
  if (submissionId) q.set('submission', submissionId);
  if (auto !== 'none') q.set('auto', auto);
  const query = q.toString();
  return `#/print/report-form/${form}/${encodeURIComponent(period)}${query ? `?${query}` : ''}`;
}

export function workPrintHash(period: string, userId: string | null, auto: 'print' | 'pdf' | 'none' = 'none'): string {
  const q = new URLSearchParams();
  if (userId) q.set('user', userId);
  if (auto !== 'none') q.set('auto', auto);
  const query = q.toString();
  return `#/print/work-summary/${encodeURIComponent(period)}${query ? `?${query}` : ''}`;
}

/** Answers false when the browser refused to open the tab (a pop-up blocker). */
export function openReportPrint(hash: string): boolean {
  const url = `${window.location.pathname}${window.location.search}${hash}`;
  // No 'noopener': the new tab shares this tab's session storage (the host token and the login).
  const opened = window.open(url, '_blank');
  return transport === 'electron' || opened !== null;
}

/** The county bureau's print layouts: the roll-up of a period, the 催报 list, the 考核 scorecard of a year. */
export function countyPrintHash(what: 'rollup' | 'remind' | 'board' | 'scorecard', period: string | null, auto: 'print' | 'pdf' | 'none' = 'none', campaigns = true): string {
  const path = what === 'remind' || what === 'board' ? `county-${what}` : `county-${what}/${encodeURIComponent(period ?? '')}`;
  const query = [!campaigns && what === 'rollup' ? 'campaigns=0' : '', auto === 'none' ? '' : `auto=${auto}`].filter((x) => x !== '').join('&');
  return `#/print/${path}${query ? `?${query}` : ''}`;
}
