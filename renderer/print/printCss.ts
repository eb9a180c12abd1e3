/**
 * Paper CSS of the print layouts. Sizes are in millimetres and points, as on paper; A4 portrait is
 * 210 × 297 mm, and with 10 mm side margins a table is 190 mm wide.
 */

/** Chinese fonts first: Noto (Linux, the tests), YaHei and SimSun (Windows), PingFang (macOS). */
export const PRINT_FONTS = `"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "微软雅黑", "PingFang SC", "SimSun", "宋体", sans-serif`;

/** '第 {{page}} / {{pages}} 页' → `"第 " counter(page) " / " counter(pages) " 页"` for an @page margin box. */
export function pageCounterContent(template: string): string {
  const parts: string[] = [];
  let rest = template;
  const re = /\{\{\s*(page|pages)\s*\}\}/;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    if (m.index > 0) parts.push(JSON.stringify(rest.slice(0, m.index)));
    parts.push(m[1] === 'pages' ? 'counter(pages)' : 'counter(page)');
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest !== '') parts.push(JSON.stringify(rest));
  return parts.join(' ');
}

/** Shared by every layout: white paper, no toolbar, colours kept, the page's own margins. */
const BASE = `
  .print-root { font-family: ${PRINT_FONTS}; color: #000; }
  .print-sheet { background: #fff; margin: 16px auto; box-shadow: 0 1px 4px rgba(0,0,0,.25); box-sizing: border-box; }
  @media print {
    html, body { background: #fff !important; }
    .print-toolbar { display: none !important; }
    .print-sheet { margin: 0; box-shadow: none; }
    * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  }
`;

/**
 * The rules every such table shares, for `table.<cls>`: full width, ruled cells, a row never split
 * across pages, the head repeated, grey column heads, a borderless masthead with its title line.
 * A layout adds its own font sizes and paddings after these.
 */
export function sheetTableCss(cls: string): string {
  return `
  table.${cls} { width: 190mm; border-collapse: collapse; table-layout: fixed; }
  table.${cls} thead { display: table-header-group; }
  table.${cls} tr { break-inside: avoid; page-break-inside: avoid; }
  table.${cls} th, table.${cls} td { border: 0.5pt solid #000; overflow-wrap: anywhere; }
  table.${cls} thead th.cols { background: #e8e8e8; font-weight: 700; text-align: center; vertical-align: middle; }
  table.${cls} thead th.masthead { border: none; padding: 0 0 2mm; font-weight: 400; text-align: left; }
  .${cls}-head { display: flex; align-items: flex-end; gap: 4mm; border-bottom: 1.2pt solid #000; padding-bottom: 1.5mm; }
  .${cls}-head .title { font-size: 15pt; font-weight: 700; letter-spacing: 1pt; text-align: center; }
`;
}

export const VISIT_LIST_MARGINS = { top: '12mm', right: '10mm', bottom: '14mm', left: '10mm' } as const;

export const VISIT_LIST_CSS = `
  @page { size: A4 portrait; margin: ${VISIT_LIST_MARGINS.top} ${VISIT_LIST_MARGINS.right} ${VISIT_LIST_MARGINS.bottom} ${VISIT_LIST_MARGINS.left}; }
  ${BASE}
  .print-sheet.vl { width: 210mm; padding: 12mm 10mm 14mm; }
  @media print { .print-sheet.vl { width: auto; padding: 0; } }
  ${sheetTableCss('vl')}
  table.vl { font-size: 8.5pt; line-height: 1.3; }
  table.vl tfoot { display: table-footer-group; }
  table.vl th, table.vl td { padding: 1mm 0.8mm; vertical-align: middle; }
  table.vl thead th.cols { font-size: 7.5pt; padding: 1mm 0.3mm; }
  .vl-head .office { font-size: 10pt; }
  .vl-head .title { flex: 1; }
  .vl-head .no { font-size: 10pt; font-weight: 700; text-align: right; font-variant-numeric: tabular-nums; }
  .vl-head .page-code { width: 11mm; height: 11mm; flex: none; }
  .vl .code svg { display: block; width: 100%; height: 100%; shape-rendering: crispEdges; }
  table.vl td.no { padding: 0.5mm 1.1mm 0.5mm 0.3mm; }
  table.vl td.no > div { display: flex; align-items: center; justify-content: space-between; }
  table.vl td.no .n { flex: 1 1 auto; min-width: 0; text-align: center; font-size: 8pt; font-variant-numeric: tabular-nums; white-space: nowrap; }
  table.vl td.no .code { flex: none; width: 7mm; height: 7mm; }
  .vl-sub { display: flex; justify-content: space-between; gap: 4mm; font-size: 8.5pt; padding-top: 1mm; }
  table.vl td { height: 9mm; }
  table.vl td.c { text-align: center; }
  table.vl td.num { font-variant-numeric: tabular-nums; white-space: nowrap; font-size: 8pt; text-align: center; }
  table.vl td.name { font-weight: 700; font-size: 9.5pt; }
  table.vl td.flags span { display: inline-block; border: 0.5pt solid #000; border-radius: 1mm; padding: 0 0.5mm; margin: 0.2mm; font-size: 7pt; white-space: nowrap; }
  table.vl td.reason { font-size: 7.5pt; line-height: 1.25; }
  table.vl td.reason div { white-space: nowrap; }
  table.vl td.reason .due { font-variant-numeric: tabular-nums; }
  table.vl tr.group td { height: auto; background: #f2f2f2; font-weight: 700; padding: 0.8mm 1.5mm; }
  .vl-end { margin-top: 4mm; display: flex; gap: 10mm; font-size: 9pt; break-inside: avoid; }
  .vl-end span { flex: 1; border-bottom: 0.5pt solid #000; padding-bottom: 5mm; }
`;

export const CARDS_CSS = `
  @page { size: A4 portrait; margin: 8mm 10mm; }
  ${BASE}
  .print-sheet.cards { width: 210mm; height: 297mm; padding: 8mm 10mm; overflow: hidden; }
  @media print { .print-sheet.cards { width: auto; height: auto; padding: 0; break-after: page; page-break-after: always; } .print-sheet.cards:last-child { break-after: auto; page-break-after: auto; } }
  .cards-head { display: flex; justify-content: space-between; font-size: 8pt; color: #333; height: 6mm; align-items: flex-start; }
  .cards-grid { display: grid; grid-template-columns: 95mm 95mm; grid-auto-rows: 68mm; border-top: 0.6pt dashed #777; border-left: 0.6pt dashed #777; }
  .card { border-right: 0.6pt dashed #777; border-bottom: 0.6pt dashed #777; padding: 5mm 6mm 4mm; box-sizing: border-box; display: flex; flex-direction: column; position: relative; overflow: hidden; }
  .card .band { display: flex; align-items: baseline; justify-content: space-between; border-bottom: 1.2pt solid #b3261e; padding-bottom: 1.5mm; }
  .card .band .t { color: #b3261e; font-size: 14pt; font-weight: 700; letter-spacing: 2pt; }
  .card .band .o { font-size: 8.5pt; color: #333; max-width: 48mm; text-align: right; }
  .card .who { font-size: 19pt; font-weight: 700; margin: 2.5mm 0 2mm; letter-spacing: 0.5pt; }
  .card .line { font-size: 11pt; line-height: 1.6; display: flex; gap: 1.5mm; flex-wrap: wrap; }
  .card .line b { font-weight: 700; white-space: nowrap; }
  .card .line .v { font-variant-numeric: tabular-nums; }
  .card .blank { display: inline-block; min-width: 28mm; border-bottom: 0.5pt solid #000; }
  .card .foot { margin-top: auto; font-size: 8pt; color: #444; }
  .card.empty { background: transparent; }
`;

/**
 * An A4 portrait sheet with the visit lists' margins: on screen a white page with a shadow, in print
 * the page itself with the toolbar hidden and colours kept; `.page-break` starts a new page.
 */
export const A4_SHEET_CSS = `
  @page { size: A4 portrait; margin: ${VISIT_LIST_MARGINS.top} ${VISIT_LIST_MARGINS.right} ${VISIT_LIST_MARGINS.bottom} ${VISIT_LIST_MARGINS.left}; }
  .print-root { font-family: ${PRINT_FONTS}; color: #000; }
  .print-sheet { background: #fff; margin: 16px auto; box-shadow: 0 1px 4px rgba(0,0,0,.25); box-sizing: border-box; width: 210mm; padding: 12mm 10mm 14mm; }
  @media print {
    html, body { background: #fff !important; }
    .print-toolbar { display: none !important; }
    .print-sheet { margin: 0; box-shadow: none; width: auto; padding: 0; }
    .page-break { break-before: page; page-break-before: always; }
    * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  }
`;
