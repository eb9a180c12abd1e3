/**
 * The county bureau's print layouts, A4 portrait like the other lists of 统计:
 *
 *  - #/print/county-rollup/<period>: the roll-up (汇总) of the communities' key figures with the
 *    county total;
 *  - #/print/county-board: the reporting board (报送情况), every office with its packets of the last
 *    twelve months, month by month;
 *  - #/print/county-remind: the 催报 list — the offices silent too long, never heard from, or with a
 *    form past due — with what each is missing and a column for the reminder's note;
 *  - #/print/county-scorecard/<year>: the yearly 考核 scorecard, ranked, with the weights.
 */
import { useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { SCORE_PARTS } from '../../shared/schemas/reports';
import { request } from '../rpc';
import { figureName, indicatorName, officeNames, periodName, reportKeys, rollupCell, rollupGroups, rollupNote, rollupShort, rollupTotalNote } from '../features/reports';
import { PrintFrame } from './PrintFrame';
import { LIST_CSS, SignatureLine } from './ReportPrints';

const COUNT = new Intl.NumberFormat('zh-CN');

function Masthead({ office, title, right, sub, span }: { office: string; title: string; right: string; sub: string[]; span: number }) {
  return (
    <tr>
      <th className="masthead" colSpan={span}>
        <div className="rl-head">
          <span className="office">{office}</span>
          <span className="title">{title}</span>
          <span className="right">{right}</span>
        </div>
        <div className="rl-sub">
          {sub.map((s) => (
            <span key={s}>{s}</span>
          ))}
        </div>
      </th>
    </tr>
  );
}

/** This bureau's name for the masthead; null until read (the page is not ready before). */
function useOfficeName(): string | null {
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => request('app.info', {}) });
  return info.data ? (info.data.office?.name ?? '') : null;
}

/** The groups of the roll-up's columns on paper: as many as fit across an A4 portrait page, then the next table. */
const PRINT_FIGURES_PER_TABLE = 10;

function printParts<T extends { figures: readonly unknown[] }>(groups: readonly T[]): T[][] {
  const parts: T[][] = [];
  let width = Infinity;
  for (const g of groups) {
    if (width + g.figures.length > PRINT_FIGURES_PER_TABLE) {
      parts.push([]);
      width = 0;
    }
    parts[parts.length - 1]?.push(g);
    width += g.figures.length;
  }
  return parts;
}

const ROLLUP_CSS = `${LIST_CSS}
  table.rl.rollup { margin-bottom: 5mm; }
  table.rl.rollup td.note { white-space: normal; min-width: 32mm; max-width: 45mm; font-size: 8pt; }
  table.rl.rollup td.short { color: #555; font-style: italic; }
  table.rl.rollup td.name .mark { font-weight: 400; }
  p.rl-note { font-size: 8.5pt; margin: 0 0 3mm; }
`;

export function CountyRollupPrint() {
  const { t } = useTranslation();
  const { period = '' } = useParams();
  const [sp] = useSearchParams();
  const campaigns = sp.get('campaigns') !== '0';
  const office = useOfficeName();
  const data = useQuery({ queryKey: reportKeys.countyRollup(period, campaigns), queryFn: () => request('reports.countyRollup', { period, campaigns }), retry: false });
  const r = data.data;
  const title = t('reports.county.printRollupTitle');
  const names = officeNames(r?.rows.map((x) => x.office) ?? []);
  const parts = printParts(rollupGroups(r?.figures ?? []));
  const totalNote = r ? rollupTotalNote(r) : null;
  return (
    <PrintFrame title={`${title}-${period}`} css={ROLLUP_CSS} pageNumbers ready={r !== undefined && office !== null} error={data.error}>
      {r ? (
        <div className="print-sheet">
          {parts.map((groups, part) => {
            const first = part === 0;
            const figures = groups.flatMap((g) => g.figures);
            const span = figures.length + (first ? 5 : 2);
            return (
              <table className="rl rollup" key={groups[0]?.key ?? part} data-testid="rollup-print">
                <thead>
                  {first ? (
                    <Masthead
                      office={office ?? ''}
                      title={title}
                      right={periodName(r.period)}
                      sub={[t('reports.print.count', { count: r.rows.length }), t('reports.print.printedOn', { date: dayjs().format('YYYY-MM-DD') })]}
                      span={span}
                    />
                  ) : null}
                  <tr>
                    <th className="cols" rowSpan={2}>
                      {t('print.col.no')}
                    </th>
                    {first ? (
                      <th className="cols" rowSpan={2}>
                        {t('reports.county.columns.areaCode')}
                      </th>
                    ) : null}
                    <th className="cols" rowSpan={2}>
                      {t('reports.county.columns.office')}
                    </th>
                    {first ? (
                      <th className="cols" rowSpan={2}>
                        {t('reports.county.columns.dataAsOf')}
                      </th>
                    ) : null}
                    {groups.map((g) => (
                      <th key={g.key} className="cols" colSpan={g.figures.length}>
                        {indicatorName(g.key)}
                      </th>
                    ))}
                    {first ? (
                      <th className="cols" rowSpan={2}>
                        {t('reports.county.columns.note')}
                      </th>
                    ) : null}
                  </tr>
                  <tr>
                    {figures.map((f) => (
                      <th key={`${f.key}:${f.measure}`} className="cols">
                        {figureName(f.key, f.measure)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {r.rows.map((x, i) => {
                    const note = rollupNote(x);
                    const short = rollupShort(x);
                    return (
                      <tr key={x.office.id} data-office-row={x.office.id}>
                        <td className="no">{i + 1}</td>
                        {first ? <td className="no">{x.office.areaCode}</td> : null}
                        <td className="name">
                          {names.get(x.office.id)}
                          {!first && note ? <span className="mark">※</span> : null}
                        </td>
                        {first ? <td className="no">{x.dataAsOf ?? '—'}</td> : null}
                        {figures.map((f) => (
                          <td key={`${f.key}:${f.measure}`} className={short ? 'no short' : 'no'}>
                            {rollupCell(f, x.figures[`${f.key}:${f.measure}`])}
                          </td>
                        ))}
                        {first ? <td className="note">{note}</td> : null}
                      </tr>
                    );
                  })}
                  <tr>
                    <td className="name" colSpan={first ? 4 : 2}>
                      {t('reports.county.total')}
                    </td>
                    {figures.map((f) => (
                      <td key={`${f.key}:${f.measure}`} className="no" style={{ fontWeight: 700 }}>
                        {rollupCell(f, r.total[`${f.key}:${f.measure}`])}
                      </td>
                    ))}
                    {first ? <td /> : null}
                  </tr>
                </tbody>
              </table>
            );
          })}
          {totalNote ? <p className="rl-note">{totalNote}</p> : null}
          {parts.length > 1 && r.rows.some((x) => rollupNote(x) !== '') ? <p className="rl-note">{t('reports.county.printNoteMark')}</p> : null}
          <SignatureLine />
        </div>
      ) : null}
    </PrintFrame>
  );
}

export function CountyRemindPrint() {
  const { t } = useTranslation();
  const office = useOfficeName();
  const data = useQuery({ queryKey: reportKeys.countyBoard(), queryFn: () => request('reports.countyBoard', {}), retry: false });
  const b = data.data;
  const title = t('reports.county.remindTitle');
  const remind = new Set(b?.remind ?? []);
  const rows = b?.rows.filter((r) => remind.has(r.office.id)) ?? [];
  const names = officeNames(b?.rows.map((r) => r.office) ?? []);
  const formName = (f: { form: string; period: string }) => (f.form === 'annual' ? t('reports.county.columns.annual', { year: f.period }) : periodName(f.period));
  return (
    <PrintFrame title={title} css={LIST_CSS} pageNumbers ready={b !== undefined && office !== null} error={data.error}>
      {b ? (
        <div className="print-sheet">
          <table className="rl">
            <thead>
              <Masthead
                office={office ?? ''}
                title={title}
                right={t('reports.county.remindCount', { count: rows.length })}
                sub={[t('reports.county.remindAsOf', { date: b.today }), t('reports.print.printedOn', { date: dayjs().format('YYYY-MM-DD') })]}
                span={7}
              />
              <tr>
                <th className="cols">{t('print.col.no')}</th>
                <th className="cols">{t('reports.county.columns.office')}</th>
                <th className="cols">{t('reports.county.columns.areaCode')}</th>
                <th className="cols">{t('reports.county.columns.status')}</th>
                <th className="cols">{t('reports.county.columns.lastReceived')}</th>
                <th className="cols">{t('reports.county.remindMissing')}</th>
                <th className="cols">{t('reports.county.remindNote')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={7} className="rl-empty">
                    {t('reports.county.remindEmpty')}
                  </td>
                </tr>
              ) : null}
              {rows.map((r, i) => {
                const missing = r.forms.filter((f) => f.status === 'missing');
                return (
                  <tr key={r.office.id} data-office-row={r.office.id}>
                    <td className="no">{i + 1}</td>
                    <td className="name">{names.get(r.office.id)}</td>
                    <td className="no">{r.office.areaCode}</td>
                    <td>
                      {t(`reports.county.status.${r.status}`)}
                      {r.daysSince !== null ? t(r.status === 'green' ? 'reports.county.remindSince' : 'reports.county.remindDays', { days: r.daysSince }) : ''}
                    </td>
                    <td className="no">{r.lastReceived ?? '—'}</td>
                    <td className="wrap">{missing.length === 0 ? '—' : missing.map((f) => t('reports.county.remindForm', { name: formName(f), due: f.due })).join('；')}</td>
                    <td style={{ minWidth: '30mm' }} />
                  </tr>
                );
              })}
            </tbody>
          </table>
          <SignatureLine />
        </div>
      ) : null}
    </PrintFrame>
  );
}

export function CountyBoardPrint() {
  const { t } = useTranslation();
  const office = useOfficeName();
  const data = useQuery({ queryKey: reportKeys.countyBoard(), queryFn: () => request('reports.countyBoard', {}), retry: false });
  const b = data.data;
  const title = t('reports.county.boardPrintTitle');
  const names = officeNames(b?.rows.map((r) => r.office) ?? []);
  const months = b?.months ?? [];
  const span = 6 + months.length;
  const first = months[0];
  const last = months[months.length - 1];
  return (
    <PrintFrame title={title} css={`${LIST_CSS} table.rl td.m, table.rl th.m { padding: 1mm 0.4mm; text-align: center; min-width: 6mm; } table.rl td.zero { color: #999; }`} pageNumbers ready={b !== undefined && office !== null} error={data.error}>
      {b ? (
        <div className="print-sheet">
          <table className="rl" data-testid="board-print">
            <thead>
              <Masthead
                office={office ?? ''}
                title={title}
                right={t('reports.county.remindAsOf', { date: b.today })}
                sub={[`${t('reports.county.history')}：${first ?? ''} — ${last ?? ''}`, t('reports.print.printedOn', { date: dayjs().format('YYYY-MM-DD') })]}
                span={span}
              />
              <tr>
                <th className="cols">{t('print.col.no')}</th>
                <th className="cols">{t('reports.county.columns.office')}</th>
                <th className="cols">{t('reports.county.columns.status')}</th>
                <th className="cols">{t('reports.county.columns.lastReceived')}</th>
                {months.map((m) => (
                  <th key={m} className="cols m">
                    {t('reports.county.monthShort', { month: Number(m.slice(5)) })}
                  </th>
                ))}
                <th className="cols">{t('reports.county.columns.packetsTotal')}</th>
                <th className="cols">{t('reports.county.columns.dataAsOf')}</th>
              </tr>
            </thead>
            <tbody>
              {b.rows.map((r, i) => (
                <tr key={r.office.id} data-office-row={r.office.id}>
                  <td className="no">{i + 1}</td>
                  <td className="name">{names.get(r.office.id)}</td>
                  <td>{t(`reports.county.status.${r.status}`)}</td>
                  <td className="no">{r.lastReceived ?? '—'}</td>
                  {r.packetsByMonth.map((n, j) => (
                    <td key={months[j]} className={n === 0 ? 'no m zero' : 'no m'}>
                      {n}
                    </td>
                  ))}
                  <td className="no">{COUNT.format(r.packetsTotal)}</td>
                  <td className="no">{r.dataAsOf ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </PrintFrame>
  );
}

export function CountyScorecardPrint() {
  const { t } = useTranslation();
  const { year = '' } = useParams();
  const office = useOfficeName();
  const y = Number(year);
  const data = useQuery({ queryKey: reportKeys.scorecard(y), queryFn: () => request('reports.scorecard', { year: y }), retry: false });
  const c = data.data;
  const title = t('reports.scorecard.printTitle', { year });
  const names = officeNames(c?.rows.map((r) => r.office) ?? []);
  const part = (v: number | null) => (v === null ? '—' : v.toFixed(1));
  const inPlace = ['venue', 'funds', 'staff', 'services'] as const;
  return (
    <PrintFrame title={title} css={LIST_CSS} pageNumbers ready={c !== undefined && office !== null} error={data.error}>
      {c ? (
        <div className="print-sheet">
          <table className="rl">
            <thead>
              <Masthead
                office={office ?? ''}
                title={title}
                right={t('reports.scorecard.asOf', { date: c.asOf })}
                sub={[
                  t('reports.scorecard.weightsLine', { weights: SCORE_PARTS.map((p) => `${t(`reports.scorecard.parts.${p}`)} ${c.weights[p]}`).join('、') }),
                  t('reports.print.printedOn', { date: dayjs().format('YYYY-MM-DD') }),
                ]}
                span={SCORE_PARTS.length + 4}
              />
              <tr>
                <th className="cols">{t('reports.scorecard.rank')}</th>
                <th className="cols">{t('reports.county.columns.office')}</th>
                <th className="cols">{t('reports.profile.inPlace')}</th>
                {SCORE_PARTS.map((p) => (
                  <th key={p} className="cols">
                    {t(`reports.scorecard.parts.${p}`)}
                  </th>
                ))}
                <th className="cols">{t('reports.scorecard.score')}</th>
              </tr>
            </thead>
            <tbody>
              {c.rows.map((r) => (
                <tr key={r.office.id} data-office-row={r.office.id}>
                  <td className="no">{r.rank}</td>
                  <td className="name">
                    {names.get(r.office.id)}
                    {r.received ? '' : `（${t('reports.county.status.never')}）`}
                  </td>
                  <td>{inPlace.map((k) => `${t(`reports.profile.items.${k}`)}${r.inPlace[k] ? '✓' : '✗'}`).join(' ')}</td>
                  {SCORE_PARTS.map((p) => (
                    <td key={p} className="no">
                      {part(r.parts[p])}
                    </td>
                  ))}
                  <td className="no" style={{ fontWeight: 700 }}>
                    {r.score.toFixed(1)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <SignatureLine />
        </div>
      ) : null}
    </PrintFrame>
  );
}
