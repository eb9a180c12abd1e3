/**
 * Opening a unit's feedback for print: the layout is a route of this same page
 * (#/print/unit-feedback/<unitId>?from=…&to=…), opened the way renderer/print/openPrint.ts opens the
 * visit lists — a new tab in browser mode (printing by itself once ready), a print job in Electron
 * (main/electron/print.ts checks the unit id and the two dates before loading it).
 */
import { transport } from '../../api';

export function feedbackPrintHash(unitId: string, from: string, to: string, auto: 'print' | 'pdf' | 'none' = 'none'): string {
  const query = new URLSearchParams({ from, to });
  if (auto !== 'none') query.set('auto', auto);
  return `#/print/unit-feedback/${encodeURIComponent(unitId)}?${query.toString()}`;
}

/** Answers false when the browser refused to open the tab (a pop-up blocker). */
export function openFeedbackPrint(unitId: string, from: string, to: string): boolean {
  const url = `${window.location.pathname}${window.location.search}${feedbackPrintHash(unitId, from, to, 'print')}`;
  // No 'noopener': the new tab shares this tab's session storage (the host token and the login).
  const opened = window.open(url, '_blank');
  return transport === 'electron' || opened !== null;
}
