/**
 * Opening a print layout. The layouts are routes of this same page (#/print/visit-list/2026-11-0007),
 * so they take their data through the contract like every other page.
 *
 * Browser mode: a new tab of the same page (it shares this tab's login), which opens the browser's
 * print dialog by itself once the data and fonts are in (`auto=print`).
 * Electron: the main process takes the request for a new window (main/electron/print.ts): no window
 * opens; it renders the same route in a hidden window and shows the system print dialog
 * (`auto=print`) or saves a PDF with page numbers (`auto=pdf`).
 */
import { transport } from '../api';

export type PrintKind = 'visit-list' | 'service-cards';
export type PrintMode = 'print' | 'pdf' | 'none';

/** The route of a layout, as a hash link: '#/print/visit-list/2026-11-0007?auto=print'. */
export function printHash(kind: PrintKind, listNo: string, mode: PrintMode = 'none'): string {
  return `#/print/${kind}/${encodeURIComponent(listNo)}${mode === 'none' ? '' : `?auto=${mode}`}`;
}

/** Answers false when the browser refused to open the tab (a pop-up blocker). */
export function openPrint(kind: PrintKind, listNo: string, mode: Exclude<PrintMode, 'none'> = 'print'): boolean {
  const url = `${window.location.pathname}${window.location.search}${printHash(kind, listNo, mode)}`;
  // No 'noopener': the new tab must inherit this tab's session storage (the host token and the login).
  const opened = window.open(url, '_blank');
  if (transport === 'electron') return true;
  return opened !== null;
}

/** Saving a PDF straight away is the Electron path; in a browser the print dialog offers "另存为 PDF". */
export const canSavePdf = transport === 'electron';
