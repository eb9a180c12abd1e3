/**
 * 值班记录 (#/print/calls-day/<date>): one day's calls and walk-ins on A4 portrait, in the order they
 * came, for the duty handover: the office, the title and the day head every page (the table head,
 * which the browser repeats); the handover signatures close it; page x / y at the foot.
 */
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../rpc';
import { PrintFrame } from './PrintFrame';
import { PRINT_FONTS, VISIT_LIST_MARGINS } from './printCss';

/** Column widths in mm; they add up to the 190 mm between A4's 10 mm margins. */
const COLUMNS = [
  ['time', 14],
  ['caller', 28],
  ['person', 18],
  ['category', 18],
  ['content', 60],
  ['outcome', 36],
  ['takenBy', 16],
] as const;

const m = VISIT_LIST_MARGINS;
const CSS = `
  @page { size: A4 portrait; margin: ${m.top} ${m.right} ${m.bottom} ${m.left}; }
  .print-root { font-family: ${PRINT_FONTS}; color: #000; }
  .print-sheet { background: #fff; margin: 16px auto; box-shadow: 0 1px 4px rgba(0,0,0,.25); box-sizing: border-box; width: 210mm; padding: 12mm 10mm 14mm; }
  @media print {
    html, body { background: #fff !important; }
    .print-toolbar { display: none !important; }
    .print-sheet { margin: 0; box-shadow: none; width: auto; padding: 0; }
    * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  }
  table.cd { width: 190mm; border-collapse: collapse; table-layout: fixed; font-size: 8.5pt; line-height: 1.4; }
  table.cd thead { display: table-header-group; }
  table.cd tr { break-inside: avoid; page-break-inside: avoid; }
  table.cd th, table.cd td { border: 0.5pt solid #000; padding: 1mm; vertical-align: top; overflow-wrap: anywhere; white-space: pre-wrap; }
  table.cd thead th.cols { background: #e8e8e8; font-weight: 700; text-align: center; vertical-align: middle; }
  table.cd thead th.masthead { border: none; padding: 0 0 2mm; font-weight: 400; text-align: left; white-space: normal; }
  .cd-head { display: flex; align-items: flex-end; gap: 4mm; border-bottom: 1.2pt solid #000; padding-bottom: 1.5mm; }
  .cd-head .office { font-size: 9.5pt; flex: 1; }
  .cd-head .title { font-size: 15pt; font-weight: 700; letter-spacing: 1pt; text-align: center; }
  .cd-head .day { font-size: 9.5pt; flex: 1; text-align: right; }
  .muted { color: #444; font-size: 7.5pt; }
  .urgent { font-weight: 700; }
  .cd-end { margin-top: 8mm; font-size: 10pt; break-inside: avoid; }
  .cd-empty { padding: 6mm; text-align: center; font-size: 10pt; }
`;

export function CallsDayPrint() {
  const { t } = useTranslation();
  const { date = '' } = useParams();
  const query = { from: date, to: date, limit: 500 };
  const calls = useQuery({ queryKey: ['calls', 'list', query], queryFn: () => request('calls.list', query), retry: false });
  const info = useQuery({ queryKey: ['app', 'info'], queryFn: () => request('app.info', {}) });
  const rows = calls.data?.rows;
  const office = info.data?.office?.name ?? '';
  return (
    <PrintFrame title={`${t('calls.print.title')}-${date}`} css={CSS} pageNumbers ready={rows !== undefined && info.data !== undefined} error={calls.error}>
      {rows ? (
        <div className="print-sheet">
          <table className="cd">
            <colgroup>
              {COLUMNS.map(([key, width]) => (
                <col key={key} style={{ width: `${width}mm` }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <th className="masthead" colSpan={COLUMNS.length}>
                  <div className="cd-head">
                    <span className="office">{office}</span>
                    <span className="title">{t('calls.print.title')}</span>
                    <span className="day">{t('calls.print.day', { date })}</span>
                  </div>
                </th>
              </tr>
              <tr>
                <th className="cols">{t('calls.fields.time')}</th>
                <th className="cols">{t('calls.fields.callerKind')}</th>
                <th className="cols">{t('calls.fields.person')}</th>
                <th className="cols">{t('calls.fields.category')}</th>
                <th className="cols">{t('calls.fields.content')}</th>
                <th className="cols">{t('calls.fields.outcome')}</th>
                <th className="cols">{t('calls.fields.takenBy')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 ? (
                <tr>
                  <td className="cd-empty" colSpan={COLUMNS.length}>
                    {t('calls.print.none')}
                  </td>
                </tr>
              ) : (
                rows.map((c) => (
                  <tr key={c.id}>
                    <td>
                      {c.time}
                      <div className="muted">{t(`calls.channels.${c.channel}`)}</div>
                    </td>
                    <td>
                      {c.callerName}
                      {c.callerKind === 'other' ? '' : `（${t(`calls.callerKinds.${c.callerKind}`)}）`}
                      <div className="muted">{c.callerPhone}</div>
                    </td>
                    <td>
                      {c.personName ?? '—'}
                      {c.personStatus && c.personStatus !== 'active' ? <div className="muted">{t(c.personStatus === 'moved_out' ? 'calls.movedOut' : 'calls.deceased', { name: '', date: c.personStatusDate ?? '' })}</div> : null}
                    </td>
                    <td className={c.urgency === 'normal' ? '' : 'urgent'}>
                      {t(`calls.categories.${c.category}`)}
                      {c.urgency === 'normal' ? '' : `\n${t(`calls.urgencies.${c.urgency}`)}`}
                    </td>
                    <td>{c.content}</td>
                    <td>
                      {c.outcome}
                      {c.requestId && !c.outcome.includes(t('calls.requestMade')) ? <div className="muted">{t('calls.requestMade')}</div> : null}
                    </td>
                    <td>{c.takenByName ?? c.takenBy}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
          <div className="cd-end">{t('calls.print.signature')}</div>
        </div>
      ) : null}
    </PrintFrame>
  );
}
