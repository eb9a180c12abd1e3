/**
 * A print page made into a PDF the way Electron's printToPDF makes it (main/electron/print.ts: its
 * margins, no header, the footer drawn by the engine from the page's own "第 x / y 页" wording). The
 * page must be a print route opened with `?footer=engine`. The command line's PDF of a form is made
 * the same way (main/cli/formPdf.ts), from the same main/print/pdfPage.ts.
 */
import type { Page } from 'playwright-core';
import { EMPTY_HEADER, PDF_MARGINS_MM, footerTemplate } from '../../main/print/pdfPage';

/** Writes the PDF to `file`; answers the page template the footer was made of. */
export async function electronPdf(page: Page, file: string, listId?: string): Promise<string> {
  const template = (await page.evaluate(() => document.documentElement.dataset['pageTemplate'])) ?? '';
  const mm = (v: number) => `${v}mm`;
  await page.pdf({
    path: file,
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: EMPTY_HEADER,
    footerTemplate: footerTemplate(template, listId),
    margin: { top: mm(PDF_MARGINS_MM.top), right: mm(PDF_MARGINS_MM.right), bottom: mm(PDF_MARGINS_MM.bottom), left: mm(PDF_MARGINS_MM.left) },
  });
  return template;
}
