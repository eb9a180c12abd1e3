/**
 * 密钥卡 on paper (#/print/key-card): one A4 page with the office, its area code and mode, the
 * fingerprint large enough to read out on the phone, the public keys and the date.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/dates';
import { currentLanguage } from '../i18n';
import { request } from '../rpc';
import { PrintFrame } from './PrintFrame';
import { PRINT_FONTS } from './printCss';

const KEY_CARD_CSS = `
  @page { size: A4 portrait; margin: 18mm 16mm; }
  .print-root { font-family: ${PRINT_FONTS}; color: #000; }
  .print-sheet { background: #fff; margin: 16px auto; box-shadow: 0 1px 4px rgba(0,0,0,.25); box-sizing: border-box; }
  @media print {
    html, body { background: #fff !important; }
    .print-toolbar { display: none !important; }
    .print-sheet { margin: 0; box-shadow: none; width: auto !important; padding: 0 !important; }
  }
  .print-sheet.kc { width: 210mm; min-height: 297mm; padding: 18mm 16mm; }
  .kc h1 { font-size: 22pt; text-align: center; margin: 0 0 2mm; letter-spacing: 4pt; }
  .kc .sub { text-align: center; font-size: 10.5pt; margin-bottom: 8mm; }
  .kc table.facts { width: 100%; border-collapse: collapse; font-size: 13pt; margin-bottom: 8mm; }
  .kc table.facts th, .kc table.facts td { border: 0.6pt solid #000; padding: 3mm; text-align: left; }
  .kc table.facts th { width: 32mm; background: #eee; font-weight: 700; }
  .kc .fp-label { font-size: 13pt; font-weight: 700; margin-bottom: 3mm; }
  .kc .fp { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm 4mm; border: 1.2pt solid #000; padding: 6mm; margin-bottom: 4mm;
            font-family: "Noto Sans Mono", "DejaVu Sans Mono", Consolas, monospace; font-size: 26pt; font-weight: 700; text-align: center; letter-spacing: 2pt; }
  .kc .fp span { display: block; }
  .kc .fp .n { font-family: ${PRINT_FONTS}; font-size: 8pt; font-weight: 400; letter-spacing: 0; color: #444; }
  .kc .hint { font-size: 10.5pt; line-height: 1.6; margin-bottom: 8mm; }
  .kc .keys { font-size: 9pt; word-break: break-all; font-family: "Noto Sans Mono", "DejaVu Sans Mono", Consolas, monospace; }
  .kc .keys div { margin-bottom: 2mm; }
  .kc .keys b { font-family: ${PRINT_FONTS}; }
  .kc .sign { margin-top: 14mm; display: flex; justify-content: space-between; font-size: 11pt; }
`;

export function KeyCardPrint() {
  const { t } = useTranslation();
  const card = useQuery({ queryKey: ['packets', 'card'], queryFn: () => request('keys.card', {}) });
  const data = card.data;
  const lang = currentLanguage();
  const title = t('print.keyCard.title', { name: data?.card.name ?? '' });
  return (
    <PrintFrame title={title} css={KEY_CARD_CSS} pageNumbers={false} ready={data !== undefined} error={card.error}>
      {data ? (
        <div className="print-sheet kc">
          <h1>{t('print.keyCard.heading')}</h1>
          <div className="sub">{t('print.keyCard.printed', { time: formatDateTime(new Date().toISOString(), lang) })}</div>
          <table className="facts">
            <tbody>
              <tr>
                <th>{t('packets.keys.office')}</th>
                <td>{data.card.name}</td>
              </tr>
              <tr>
                <th>{t('packets.keys.areaCode')}</th>
                <td>{data.card.areaCode}</td>
              </tr>
              <tr>
                <th>{t('packets.keys.mode')}</th>
                <td>{t(`mode.${data.card.mode}`)}</td>
              </tr>
              <tr>
                <th>{t('print.keyCard.created')}</th>
                <td>{formatDateTime(data.card.created, lang)}</td>
              </tr>
            </tbody>
          </table>
          <div className="fp-label">{t('packets.keys.fingerprint')}</div>
          <div className="fp" data-testid="print-fingerprint">
            {data.fingerprintGroups.split('-').map((g, i) => (
              <span key={i}>
                {g}
                <span className="n">{t('print.keyCard.group', { n: i + 1 })}</span>
              </span>
            ))}
          </div>
          <div className="hint">{t('print.keyCard.hint')}</div>
          <div className="keys">
            <div>
              <b>{t('print.keyCard.ageRecipient')}</b> {data.card.ageRecipient}
            </div>
            <div>
              <b>{t('print.keyCard.signingKey')}</b> {data.card.signingKey}
            </div>
            <div>
              <b>{t('print.keyCard.fullFingerprint')}</b> {data.fingerprint}
            </div>
          </div>
          <div className="sign">
            <span>{t('print.keyCard.signature')}</span>
            <span>{t('print.keyCard.stamp')}</span>
          </div>
        </div>
      ) : null}
    </PrintFrame>
  );
}
