/**
 * The print layouts of 统计, A4 portrait:
 *
 *  - #/print/report-drill?key=…&measure=…&period=…[&by=…&value=…]: the list behind a number, with the
 *    office, the figure, the period and the filter at the top of every page (rows of the table head,
 *    which the browser repeats) and page x / y at the foot;
 *  - #/print/report-form/<form>/<period>[?submission=<id>]: a statutory form as the bureau's paper one
 *    — title, 填报单位, 统计时点, the tables with merged headers, notes, and the signature lines
 *    (filled in from a hand-in when printing one);
 *  - #/print/work-summary/<period>[?user=<id>]: the 月度工作小结 of the office, or of one worker with
 *    the visits they are behind on and lines to sign.
 */
import { Fragment } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { DrillResult, FormData } from '../../shared/schemas/reports';
import { request } from '../rpc';
import { label } from '../components/labels';
import {
  FormTableView,
  WRAPPING_COLUMNS,
  shownColumns,
  cellText,
  columnLabel,
  dimName,
  dimValue,
  drillTargetOf,
  figureName,
  indicatorDef,
  indicatorName,
  periodName,
  reportKeys,
  workCellText,
} from '../features/reports';
import { PrintFrame } from './PrintFrame';
import { formNoteLines } from '../../shared/reports/formNotes';
import { A4_SHEET_CSS } from './printCss';

export const LIST_CSS = `${A4_SHEET_CSS}
  table.rl { width: 190mm; border-collapse: collapse; table-layout: auto; font-size: 8.5pt; line-height: 1.35; }
  table.rl thead { display: table-header-group; }
  table.rl tr { break-inside: avoid; page-break-inside: avoid; }
  table.rl th, table.rl td { border: 0.5pt solid #000; padding: 1mm 1mm; vertical-align: top; white-space: nowrap; }
  table.rl td.wrap { white-space: normal; overflow-wrap: anywhere; }
  table.rl thead th.cols { background: #e8e8e8; font-weight: 700; text-align: center; vertical-align: middle; font-size: 8pt; white-space: nowrap; }
  table.rl thead th.masthead { border: none; padding: 0 0 2mm; font-weight: 400; text-align: left; }
  table.rl td.no { text-align: center; font-variant-numeric: tabular-nums; }
  table.rl td.name { font-weight: 700; white-space: nowrap; }
  .rl-head { display: flex; align-items: flex-end; gap: 4mm; border-bottom: 1.2pt solid #000; padding-bottom: 1.5mm; }
  .rl-head .office { font-size: 9.5pt; flex: 1; }
  .rl-head .title { font-size: 14pt; font-weight: 700; text-align: center; }
  .rl-head .right { font-size: 9.5pt; flex: 1; text-align: right; }
  .rl-sub { display: flex; flex-wrap: wrap; gap: 1mm 6mm; font-size: 8.5pt; padding-top: 1.2mm; }
  .rl-end { margin-top: 6mm; display: flex; gap: 8mm; font-size: 9.5pt; break-inside: avoid; }
  .rl-end span { flex: 1; border-bottom: 0.5pt solid #000; padding-bottom: 6mm; }
  .rl-empty { padding: 6mm; text-align: center; }
  h2.rl-section { font-size: 11pt; margin: 5mm 0 2mm; }
`;

const FORM_CSS = `${A4_SHEET_CSS}
  .fm-title { text-align: center; font-size: 17pt; font-weight: 700; letter-spacing: 2pt; margin-bottom: 3mm; }
  .fm-meta { display: flex; justify-content: space-between; font-size: 9.5pt; margin-bottom: 2mm; gap: 4mm; }
  table.form-table { width: 190mm; border-collapse: collapse; font-size: 8.5pt; line-height: 1.3; margin-bottom: 4mm; }
  table.form-table caption { caption-side: top; text-align: left; font-weight: 700; font-size: 10pt; padding: 1mm 0; }
  table.form-table thead { display: table-header-group; }
  table.form-table tr { break-inside: avoid; page-break-inside: avoid; }
  table.form-table th, table.form-table td { border: 0.6pt solid #000; padding: 0.8mm 1.2mm; }
  table.form-table.compact { break-inside: avoid; page-break-inside: avoid; }
  table.form-table thead th { background: #ececec; font-weight: 700; text-align: center; vertical-align: middle; white-space: nowrap; }
  table.form-table tbody th { font-weight: 400; text-align: left; white-space: nowrap; }
  table.form-table tbody th.group { text-align: center; font-weight: 700; white-space: normal; width: 20mm; }
  table.form-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
  table.form-table td.text { text-align: center; }
  table.form-table tr.total th, table.form-table tr.total td { font-weight: 700; }
  .fm-notes { font-size: 8.5pt; line-height: 1.45; break-inside: avoid; }
  .fm-notes ol { margin: 0; padding-left: 5mm; }
  .fm-sign { margin-top: 8mm; display: grid; grid-template-columns: repeat(4, 1fr); gap: 6mm; font-size: 10pt; break-inside: avoid; }
  .fm-sign span { border-bottom: 0.5pt solid #000; padding-bottom: 1mm; min-height: 6mm; white-space: nowrap; }
  .fm-submitted { font-size: 8.5pt; margin-top: 3mm; color: #333; }
`;

/** Every row of a list, fetched a page at a time. */
async function allRows(target: NonNullable<ReturnType<typeof drillTargetOf>>): Promise<DrillResult> {
  const first = await request('reports.drill', { ...target, limit: 500, offset: 0 });
  const rows = [...first.rows];
  while (rows.length < first.total) {
    const next = await request('reports.drill', { ...target, limit: 500, offset: rows.length });
    if (next.rows.length === 0) break;
    rows.push(...next.rows);
  }
  return { ...first, rows };
}

/**
 * The foot of a sheet to sign: by default a statistics sheet's (who filled it in, the head's
 * signature, the date); other forms name their own lines (`labels`). Styled by `.rl-end` (SIGNATURE_CSS).
 */
export function SignatureLine({ labels }: { labels?: readonly string[] } = {}) {
  const { t } = useTranslation();
  const shown = labels ?? [t('reports.print.signature.filler'), t('reports.print.signHead'), t('reports.print.signature.date')];
  return (
    <div className="rl-end">
      {shown.map((text) => (
        <span key={text}>{text}</span>
      ))}
    </div>
  );
}

/** The signature line's CSS, for sheets that do not take LIST_CSS whole. */
export const SIGNATURE_CSS = `
  .rl-end { margin-top: 6mm; display: flex; gap: 8mm; font-size: 9.5pt; break-inside: avoid; }
  .rl-end span { flex: 1; border-bottom: 0.5pt solid #000; padding-bottom: 6mm; }
`;

export function ReportDrillPrint() {
  const { t } = useTranslation();
  const [sp] = useSearchParams();
  const target = drillTargetOf(sp);
  const list = useQuery({ queryKey: reportKeys.drill({ print: target }), queryFn: () => allRows(target as NonNullable<typeof target>), enabled: target !== null, retry: false });
  const d = list.data;
  const def = target ? indicatorDef(target.key) : null;
  const columns = def && d ? shownColumns(def, d.rows) : [];
  const heading = target ? t('reports.print.drillTitle', { indicator: indicatorName(target.key), figure: figureName(target.key, target.measure) }) : '';
  return (
    <PrintFrame title={heading} css={LIST_CSS} pageNumbers ready={d !== undefined} error={list.error ?? (target ? null : { code: 'NOT_FOUND' })}>
      {d && def ? (
        <div className="print-sheet">
          <table className="rl">
            <thead>
              <tr>
                <th className="masthead" colSpan={columns.length + 1}>
                  <div className="rl-head">
                    <span className="office">{d.officeName}</span>
                    <span className="title">{heading}</span>
                    <span className="right">{t('reports.print.count', { count: d.total })}</span>
                  </div>
                  <div className="rl-sub">
                    <span>{t('reports.print.period', { period: periodName(d.period.text) })}</span>
                    {d.period.running ? <span>{t('reports.running', { date: d.period.asOf })}</span> : null}
                    {d.by ? <span>{t('reports.drill.filter', { dim: dimName(d.by), value: dimValue(d.by, d.value, d.valueName) })}</span> : null}
                    <span>{t('reports.print.printedOn', { date: dayjs().format('YYYY-MM-DD') })}</span>
                  </div>
                </th>
              </tr>
              <tr>
                <th className="cols">{t('print.col.no')}</th>
                {columns.map((c) => (
                  <th key={typeof c === 'string' ? c : c.key} className="cols">
                    {columnLabel(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.rows.length === 0 ? (
                <tr>
                  <td colSpan={columns.length + 1} className="rl-empty">
                    {t('reports.drill.empty')}
                  </td>
                </tr>
              ) : null}
              {d.rows.map((r, i) => (
                <tr key={r.id}>
                  <td className="no">{i + 1}</td>
                  {columns.map((c) => {
                    const key = typeof c === 'string' ? c : c.key;
                    return (
                      <td key={key} className={key === 'name' ? 'name' : WRAPPING_COLUMNS.has(key) ? 'wrap' : undefined}>
                        {cellText(c, r.cells[key])}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </PrintFrame>
  );
}

function Signature({ f }: { f: FormData }) {
  const { t } = useTranslation();
  const s = f.submission;
  return (
    <div className="fm-sign">
      <span>
        {t('reports.print.signature.head')}
        {s?.headName ?? ''}
      </span>
      <span>
        {t('reports.print.signature.filler')}
        {s?.fillerName ?? ''}
      </span>
      <span>
        {t('reports.print.signature.phone')}
        {s?.fillerPhone ?? ''}
      </span>
      <span>
        {t('reports.print.signature.date')}
        {s?.submittedOn ?? ''}
      </span>
    </div>
  );
}

export function ReportFormPrint() {
  const { t } = useTranslation();
  const { form = 'annual', period = '' } = useParams();
  const [sp] = useSearchParams();
  const submissionId = sp.get('submission');
  const kind = form === 'campaign' ? 'campaign' : 'annual';
  const query = { form: kind, period, ...(submissionId ? { submissionId } : {}) } as const;
  const data = useQuery({ queryKey: reportKeys.form(query), queryFn: () => request('reports.form', query), retry: false });
  const f = data.data;
  const notes = f ? formNoteLines(f) : [];
  return (
    <PrintFrame title={f ? `${f.title}-${f.officeName}-${f.periodLabel}` : ''} css={FORM_CSS} pageNumbers ready={f !== undefined} error={data.error}>
      {f ? (
        <div className="print-sheet">
          <div className="fm-title">{f.title}</div>
          <div className="fm-meta">
            <span>{t('reports.print.formFrom', { office: f.officeName })}</span>
            <span>{t('reports.print.periodLine', { period: f.periodLabel })}</span>
            <span>{t('reports.print.asOf', { date: f.asOfLabel })}</span>
          </div>
          {f.tables.map((table) => (
            <FormTableView key={table.id} table={table} className={table.rows.length <= 12 ? 'form-table compact' : 'form-table'} />
          ))}
          {notes.length > 0 ? (
            <div className="fm-notes">
              <b>{t('reports.print.notes')}</b>
              <ol>
                {notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ol>
            </div>
          ) : null}
          <Signature f={f} />
        </div>
      ) : null}
    </PrintFrame>
  );
}

export function WorkSummaryPrint() {
  const { t } = useTranslation();
  const { period = '' } = useParams();
  const [sp] = useSearchParams();
  const userId = sp.get('user');
  const query = { period, ...(userId ? { userId } : {}) };
  const data = useQuery({ queryKey: reportKeys.work(query), queryFn: () => request('reports.workSummary', query), retry: false });
  const s = data.data;
  const columns = ['persons', 'planned', 'done', 'overdue', 'missed', 'pending', 'completion', 'records', 'gift', 'requests'] as const;
  const one = userId ? s?.rows[0] : undefined;
  const title = s ? (one ? t('reports.print.workOneTitle', { name: one.name }) : t('reports.print.workTitle', { office: s.office.name })) : '';
  return (
    <PrintFrame title={title} css={LIST_CSS} pageNumbers ready={s !== undefined} error={data.error}>
      {s ? (
        <div className="print-sheet">
          <table className="rl">
            <thead>
              <tr>
                <th className="masthead" colSpan={columns.length + 2}>
                  <div className="rl-head">
                    <span className="office">{s.office.name}</span>
                    <span className="title">{title}</span>
                    <span className="right">{periodName(s.period.text)}</span>
                  </div>
                  <div className="rl-sub">
                    {s.period.running ? <span>{t('reports.running', { date: s.period.asOf })}</span> : null}
                    <span>{t('reports.print.printedOn', { date: dayjs().format('YYYY-MM-DD') })}</span>
                  </div>
                </th>
              </tr>
              <tr>
                <th className="cols">{t('reports.work.columns.name')}</th>
                <th className="cols">{t('reports.work.columns.grids')}</th>
                {columns.map((c) => (
                  <th key={c} className="cols">
                    {t(`reports.work.columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {s.rows.map((r) => (
                <tr key={r.userId ?? 'none'}>
                  <td className="name">{r.userId === null ? t('reports.morning.noContactName') : r.name}</td>
                  <td>{r.grids.join('、') || '—'}</td>
                  {columns.map((c) => (
                    <td key={c} className="no">
                      {workCellText(r, c)}
                    </td>
                  ))}
                </tr>
              ))}
              {one ? null : (
                <tr>
                  <td className="name" colSpan={2}>
                    {t('reports.work.total')}
                  </td>
                  {columns.map((c) => (
                    <td key={c} className="no" style={{ fontWeight: 700 }}>
                      {workCellText(s.totals, c)}
                    </td>
                  ))}
                </tr>
              )}
            </tbody>
          </table>
          {one ? (
            <Fragment>
              <h2 className="rl-section">{t('reports.print.behindTitle')}</h2>
              {one.behind.length === 0 ? (
                <p>{t('reports.print.behindEmpty')}</p>
              ) : (
                <table className="rl">
                  <thead>
                    <tr>
                      <th className="cols">{t('print.col.no')}</th>
                      <th className="cols">{t('reports.work.columns.name')}</th>
                      <th className="cols">{t('print.col.reason')}</th>
                      <th className="cols">{t('reports.print.due')}</th>
                      <th className="cols">{t('reports.work.behind')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {one.behind.map((b, i) => (
                      <tr key={`${b.personId}${b.due}${b.reason}`}>
                        <td className="no">{i + 1}</td>
                        <td className="name">{b.name}</td>
                        <td>{label('visitReason', b.reason)}</td>
                        <td className="no">{b.due}</td>
                        <td>{t(`reports.print.status.${b.status}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <div className="rl-end">
                <span>{t('reports.print.signWorker')}</span>
                <span>{t('reports.print.signHead')}</span>
              </div>
            </Fragment>
          ) : (
            <SignatureLine />
          )}
        </div>
      ) : null}
    </PrintFrame>
  );
}
