/**
 * 恢复密钥单 (the recovery sheet): one A4 page with the office, the date, the recovery key in 17 groups
 * of 4 (shared/recoveryKey.ts), its QR code and what to do with it. Shown on screen where it is issued
 * (setup, settings) and printed from that same page: the key never goes into an address or a second
 * window, so the page prints itself, with everything but the sheet hidden from the paper.
 */
import { createPortal } from 'react-dom';
import { useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import { useTranslation } from 'react-i18next';
import type { RecoverySheet } from '../../../shared/schemas/recovery';
import { formatDateTime } from '../../../shared/dates';
import { currentLanguage } from '../../i18n';
import { PRINT_FONTS } from '../../print/printCss';

const MONO = '"Noto Sans Mono", "DejaVu Sans Mono", Consolas, monospace';

const SHEET_CSS = `
  .cc-recovery-sheet { font-family: ${PRINT_FONTS}; color: #000; background: #fff; box-sizing: border-box; line-height: 1.5; }
  .cc-recovery-sheet h1 { font-size: 20pt; text-align: center; margin: 0; letter-spacing: 6pt; }
  .cc-recovery-sheet .en { text-align: center; font-size: 10pt; margin-bottom: 3mm; }
  .cc-recovery-sheet table.facts { width: 100%; border-collapse: collapse; font-size: 11pt; margin-bottom: 4mm; }
  .cc-recovery-sheet table.facts th, .cc-recovery-sheet table.facts td { border: 0.6pt solid #000; padding: 1.2mm 3mm; text-align: left; }
  .cc-recovery-sheet table.facts th { width: 40mm; background: #eee; white-space: nowrap; }
  .cc-recovery-sheet .key-label { font-size: 11pt; font-weight: 700; margin-bottom: 2mm; }
  .cc-recovery-sheet .key-row { display: flex; gap: 6mm; align-items: flex-start; margin-bottom: 3mm; }
  .cc-recovery-sheet .groups { flex: 1; display: grid; grid-template-columns: repeat(4, 1fr); gap: 1mm 3mm; border: 1.2pt solid #000; padding: 3mm; }
  .cc-recovery-sheet .groups span.g { display: block; text-align: center; font-family: ${MONO}; font-size: 18pt; font-weight: 700; letter-spacing: 2pt; }
  .cc-recovery-sheet .groups span.n { display: block; text-align: center; font-size: 7.5pt; color: #444; }
  .cc-recovery-sheet .groups .check { grid-column: 1 / span 4; border-top: 0.6pt dashed #000; padding-top: 1.5mm; }
  .cc-recovery-sheet .qr { width: 44mm; text-align: center; font-size: 8pt; }
  .cc-recovery-sheet .qr svg { width: 44mm; height: 44mm; display: block; }
  .cc-recovery-sheet dl { margin: 0 0 2mm; font-size: 10pt; line-height: 1.45; }
  .cc-recovery-sheet dt { font-weight: 700; margin-top: 1.5mm; }
  .cc-recovery-sheet dd { margin: 0 0 0 0; }
  .cc-recovery-sheet .english { font-size: 9pt; border-top: 0.6pt solid #000; padding-top: 2mm; margin-top: 3mm; }
  .cc-recovery-sheet .sign { display: flex; justify-content: space-between; margin-top: 6mm; font-size: 11pt; }
  .cc-recovery-sheet .sign span { width: 45%; border-bottom: 0.6pt solid #000; padding-bottom: 4mm; }
  @media screen { .cc-recovery-print { display: none; } }
  @media print {
    @page { size: A4 portrait; margin: 14mm 16mm; }
    html, body { background: #fff !important; }
    body > *:not(.cc-recovery-print) { display: none !important; }
    .cc-recovery-print { display: block; }
  }
`;

/** The QR code of the key as SVG markup (bwip-js, loaded only here). Level M, as the visit lists. */
async function drawQr(text: string): Promise<string> {
  const { qrcode, drawingSVG } = await import('bwip-js/browser');
  return qrcode({ bcid: 'qrcode', text, eclevel: 'M' } as Parameters<typeof qrcode>[0], drawingSVG());
}

function SheetBody({ sheet, qr, testId }: { sheet: RecoverySheet; qr: string | undefined; testId?: string }) {
  const { t } = useTranslation();
  const groups = sheet.recoveryKey.split('-');
  const check = groups.pop() ?? '';
  return (
    <div className="cc-recovery-sheet" data-testid={testId}>
      <h1>{t('recovery.sheetTitle')}</h1>
      <div className="en">{t('recovery.sheetEnglish')}</div>
      <table className="facts">
        <tbody>
          <tr>
            <th>{t('recovery.office')}</th>
            <td>{sheet.officeName}</td>
          </tr>
          <tr>
            <th>{t('recovery.areaCode')}</th>
            <td>{sheet.areaCode}</td>
          </tr>
          <tr>
            <th>{t('recovery.issued')}</th>
            <td>{formatDateTime(sheet.issuedAt, currentLanguage())}</td>
          </tr>
        </tbody>
      </table>
      <div className="key-label">{t('recovery.keyLabel')}</div>
      <div className="key-row">
        <div className="groups">
          {groups.map((g, i) => (
            <span key={i}>
              <span className="g">{g}</span>
              <span className="n">{t('recovery.group', { n: i + 1 })}</span>
            </span>
          ))}
          <span className="check">
            <span className="g">{check}</span>
            <span className="n">{t('recovery.checkGroup')}</span>
          </span>
        </div>
        <div className="qr">
          {/* bwip-js's own SVG of a fixed text; nothing of the page goes into it. */}
          {qr ? <div dangerouslySetInnerHTML={{ __html: qr }} /> : null}
          <div>{t('recovery.qrHint')}</div>
        </div>
      </div>
      <dl>
        <dt>{t('recovery.whatTitle')}</dt>
        <dd>{t('recovery.what')}</dd>
        <dt>{t('recovery.useTitle')}</dt>
        <dd>{t('recovery.use')}</dd>
        <dt>{t('recovery.keepTitle')}</dt>
        <dd>{t('recovery.keep')}</dd>
        <dt>{t('recovery.techTitle')}</dt>
        <dd>{t('recovery.tech')}</dd>
      </dl>
      <div className="english">{t('recovery.english')}</div>
      <div className="sign">
        <span>{t('recovery.keeper')}</span>
        <span>{t('recovery.keptOn')}</span>
      </div>
    </div>
  );
}

/**
 * The sheet on screen (`ready` once its QR code is drawn) and its copy for paper, outside the app's
 * root so the print CSS can hide everything else.
 */
export function RecoverySheetView({ sheet }: { sheet: RecoverySheet }) {
  const qr = useQuery({ queryKey: ['recoveryQr', sheet.recoveryKey], queryFn: () => drawQr(sheet.recoveryKey), staleTime: Infinity, gcTime: 0 });
  return (
    <>
      <style>{SHEET_CSS}</style>
      <Box
        data-recovery-ready={qr.data ? '1' : undefined}
        sx={{ border: 1, borderColor: 'divider', boxShadow: 1, p: '12mm', width: '210mm', maxWidth: '100%', mx: 'auto', bgcolor: '#fff', overflowX: 'auto' }}
      >
        <SheetBody sheet={sheet} qr={qr.data} testId="recovery-sheet" />
      </Box>
      {createPortal(
        <div className="cc-recovery-print">
          <SheetBody sheet={sheet} qr={qr.data} />
        </div>,
        document.body,
      )}
    </>
  );
}
