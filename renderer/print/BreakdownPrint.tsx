/**
 * #/print/report-breakdown?key=…&period=…&by=…[&office=…]: an indicator's 分项 on A4, as the page
 * shows it — the office, the indicator and the breakdown, the period and 统计时点 at the top of every
 * page (rows of the table head, which the browser repeats), a row per value of the breakdown, 合计,
 * the inputs that are missing, and the lines to sign.
 */
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { figureUnit, indicator } from '../../shared/reports/catalogue';
import { breakdownFigures } from '../../shared/reports/breakdown';
import { request } from '../rpc';
import { useSession } from '../state';
import { breakdownOf, dimName, dimValue, figureHead, figureName, figureText, indicatorName, periodName, reportKeys, useCountyOffices } from '../features/reports';
import { PrintFrame } from './PrintFrame';
import { LIST_CSS, SignatureLine } from './ReportPrints';

const CSS = `${LIST_CSS}
  table.rl.bd thead th.cols { white-space: normal; }
  table.rl.bd td.num { text-align: right; font-variant-numeric: tabular-nums; }
  table.rl.bd tr.total td { font-weight: 700; border-top: 1.2pt solid #000; }
  .bd-notes { font-size: 8.5pt; margin-top: 2mm; }
`;

export function BreakdownPrint() {
  const { t } = useTranslation();
  const [sp] = useSearchParams();
  const key = sp.get('key') ?? '';
  const d = indicator(key);
  const by = breakdownOf(key, sp.get('by'));
  const period = sp.get('period');
  const office = sp.get('office') ?? undefined;
  const ownName = useSession().info.office?.name ?? '';
  const county = useCountyOffices();
  const query = d && by && period ? { key, period, by, ...(office ? { office } : {}) } : null;
  const result = useQuery({ queryKey: reportKeys.indicator({ print: query }), queryFn: () => request('reports.indicator', query as NonNullable<typeof query>), enabled: query !== null, retry: false });
  const r = result.data;
  const figures = d ? breakdownFigures(d) : [];
  const heading = d && by ? t('reports.breakdown.printTitle', { indicator: indicatorName(key), dim: dimName(by) }) : '';
  const officeName = office ? (county?.names.get(office) ?? '') : ownName;
  return (
    <PrintFrame title={heading} css={CSS} pageNumbers ready={r !== undefined && (!office || county?.offices.length !== 0)} error={result.error ?? (query ? null : { code: 'NOT_FOUND' })}>
      {r && d && by ? (
        <div className="print-sheet">
          <table className="rl bd">
            <thead>
              <tr>
                <th className="masthead" colSpan={figures.length + 1}>
                  <div className="rl-head">
                    <span className="office">{officeName}</span>
                    <span className="title">{heading}</span>
                    <span className="right">{t('reports.breakdown.values', { count: r.rows.length })}</span>
                  </div>
                  <div className="rl-sub">
                    <span>{t('reports.print.period', { period: periodName(r.period.text) })}</span>
                    <span>{t('reports.print.asOf', { date: r.period.asOf })}</span>
                    {r.period.running ? <span>{t('reports.running', { date: r.period.asOf })}</span> : null}
                    <span>{t('reports.print.printedOn', { date: dayjs().format('YYYY-MM-DD') })}</span>
                  </div>
                </th>
              </tr>
              <tr>
                <th className="cols">{dimName(by)}</th>
                {figures.map((f) => (
                  <th key={f} className="cols">
                    {figureHead(d, f)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.rows.map((row) => (
                <tr key={row.key ?? 'none'}>
                  <td className="name">{dimValue(by, row.key, row.name)}</td>
                  {figures.map((f) => (
                    <td key={f} className="num">
                      {figureText({ key, figures: row.figures }, f)}
                    </td>
                  ))}
                </tr>
              ))}
              <tr className="total">
                <td>{t('reports.breakdown.total')}</td>
                {figures.map((f) => (
                  <td key={f} className="num">
                    {figureText(r, f)}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
          {r.incomplete.length > 0 ? (
            <div className="bd-notes">
              {t('reports.incompleteNote')}
              {r.incomplete.map((i) => `${figureName(key, i.key)} ${i.count} ${figureUnit(d, i.key)}`).join('；')}
            </div>
          ) : null}
          <SignatureLine />
        </div>
      ) : null}
    </PrintFrame>
  );
}
