/**
 * A print page made into a PDF the way Electron's printToPDF makes it (main/electron/print.ts: its
 * margins, no header, the footer drawn by the engine from the page's own "第 x / y 页" wording). The
 * page must be a print route opened with `?footer=engine`. The command line's PDF of a form is made
 * the same way (main/cli/formPdf.ts), from the same main/print/pdfPage.ts.
 */
import type { Page } from 'playwright-core';
import { chromiumPdfOptions } from '../../main/print/pdfPage';

/** Writes the PDF to `file`; answers the page template the footer was made of. */
export async function electronPdf(page: Page, file: string, listId?: string): Promise<string> {
  const template = (await page.evaluate(() => document.documentElement.dataset['pageTemplate'])) ?? '';
  await page.pdf({ path: file, ...chromiumPdfOptions(template, listId) });
  return template;
}
