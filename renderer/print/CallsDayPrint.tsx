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
import { A4_SHEET_CSS, sheetTableCss } from './printCss';
import { SheetTableHead } from './SheetTable';

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

const CSS = `${A4_SHEET_CSS}${sheetTableCss('cd')}
  table.cd { font-size: 8.5pt; line-height: 1.4; }
  table.cd th, table.cd td { padding: 1mm; vertical-align: top; white-space: pre-wrap; }
  table.cd thead th.masthead { white-space: normal; }
  .cd-head .office { font-size: 9.5pt; flex: 1; }
  .cd-head .day { font-size: 9.5pt; flex: 1; text-align: right; }
  .muted { color: #444; font-size: 7.5pt; }
  .urgent { font-weight: 700; }
  .cd-end { margin-top: 8mm; font-size: 10pt; break-inside: avoid; }
  .cd-empty { padding: 6mm; text-align: center; font-size: 10pt; }
`;

/** The column heads are the log's own field names. */
const HEADINGS: Record<(typeof COLUMNS)[number][0], string> = {
  time: 'calls.fields.time',
  caller: 'calls.fields.callerKind',
  person: 'calls.fields.person',
  category: 'calls.fields.category',
  content: 'calls.fields.content',
  outcome: 'calls.fields.outcome',
  takenBy: 'calls.fields.takenBy',
};

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
            <SheetTableHead
              columns={COLUMNS}
              heading={(key) => t(HEADINGS[key])}
              masthead={
                <div className="cd-head">
                  <span className="office">{office}</span>
                  <span className="title">{t('calls.print.title')}</span>
                  <span className="day">{t('calls.print.day', { date })}</span>
                </div>
              }
            />
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
