/** Query keys and the opening of the day's log for print (#/print/calls-day/<date>), shared by the pages of 来电来访. */
import { transport } from '../../api';

export const callKeys = {
  all: ['calls'] as const,
  list: (query: object) => ['calls', 'list', query] as const,
};

export function callsDayPrintHash(date: string, auto: 'print' | 'pdf' | 'none' = 'none'): string {
  return `#/print/calls-day/${date}${auto === 'none' ? '' : `?auto=${auto}`}`;
}

/** Answers false when the browser refused to open the tab (a pop-up blocker). */
export function openCallsDayPrint(date: string): boolean {
  const url = `${window.location.pathname}${window.location.search}${callsDayPrintHash(date, 'print')}`;
  // No 'noopener': the new tab shares this tab's session storage (the host token and the login).
  const opened = window.open(url, '_blank');
  return transport === 'electron' || opened !== null;
}
