/**
 * How a print route becomes a PDF, wherever the page is rendered: Electron's hidden window
 * (main/electron/print.ts) and the command line's headless browser (main/cli/formPdf.ts) make the
 * same file — A4, the layouts' margins, no header, and the footer drawn by the PDF engine from the
 * page's own "第 {{page}} / {{pages}} 页" wording — and both wait for the page the same way.
 * Pure parts only: no Electron, no browser driver.
 */

/** What a print page says about itself, read from <html>'s data attributes (renderer/print/PrintFrame.tsx). */
export interface PageState {
  /** '1' ready, 'error' the page could not read its data, '' still loading. */
  ready: string;
  template: string;
}

/** The script that reads a page's PageState, for executeJavaScript / page.evaluate. */
export const READ_PAGE_STATE = '({ ready: document.documentElement.dataset.printReady || "", template: document.documentElement.dataset.pageTemplate || "" })';

/** Polls the page until it is ready or failed; null after the timeout. */
export async function waitForPage(read: () => Promise<PageState>, timeoutMs = 30_000, everyMs = 150, now: () => number = Date.now): Promise<PageState | null> {
  const until = now() + timeoutMs;
  for (;;) {
    const state = await read();
    if (state.ready === '1' || state.ready === 'error') return state;
    if (now() >= until) return null;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The fonts of the footer: Chromium draws it apart from the page, so it names Chinese fonts itself. */
const FOOTER_FONTS = `'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'SimSun', sans-serif`;

/**
 * Chromium's PDF footer from the page's template ('第 {{page}} / {{pages}} 页', or 'Page {{page}} of
 * {{pages}}'): the placeholders become the spans Chromium fills in (pageNumber, totalPages). The
 * list number goes on the left so a loose page can be put back. Font sizes must be set: the
 * footer's default is too small to read.
 */
export function footerTemplate(pageTemplate: string, listNo = ''): string {
  const template = pageTemplate.trim() === '' ? '{{page}} / {{pages}}' : pageTemplate;
  const pages = escapeHtml(template)
    .replace(/\{\{\s*pages\s*\}\}/g, '<span class="totalPages"></span>')
    .replace(/\{\{\s*page\s*\}\}/g, '<span class="pageNumber"></span>');
  const left = listNo ? escapeHtml(listNo) : '';
  return (
    `<div style="width:100%;font-size:8pt;font-family:${FOOTER_FONTS};color:#333;padding:0 10mm;display:flex;justify-content:space-between;">` +
    `<span style="flex:1">${left}</span><span style="flex:1;text-align:center">${pages}</span><span style="flex:1"></span></div>`
  );
}

/** An empty header: displayHeaderFooter would otherwise print the date and title at the top. */
export const EMPTY_HEADER = '<span></span>';

/** The page margins of the layouts (renderer/print/printCss.ts), in millimetres. */
export const PDF_MARGINS_MM = { top: 12, right: 10, bottom: 14, left: 10 } as const;

/** Electron's printToPDF takes margins in inches. */
export function marginsInInches(mm: { top: number; right: number; bottom: number; left: number }) {
  const inch = (v: number) => Math.round((v / 25.4) * 1000) / 1000;
  return { top: inch(mm.top), right: inch(mm.right), bottom: inch(mm.bottom), left: inch(mm.left) };
}

/**
 * The PDF of a print page as Chromium's page.pdf (playwright-core) takes it: what Electron's
 * printToPDF is given, so the command line's PDF and the tests' match the app's.
 */
export function chromiumPdfOptions(pageTemplate: string, listNo = '') {
  const mm = (v: number) => `${v}mm`;
  return {
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: EMPTY_HEADER,
    footerTemplate: footerTemplate(pageTemplate, listNo),
    margin: { top: mm(PDF_MARGINS_MM.top), right: mm(PDF_MARGINS_MM.right), bottom: mm(PDF_MARGINS_MM.bottom), left: mm(PDF_MARGINS_MM.left) },
  };
}
