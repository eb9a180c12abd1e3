/**
 * 老年人能力评估表 on paper (#/print/capability/<id>): A4 portrait, the filled GB/T 42195-2022 form of
 * one assessment — the person, the 26 items with the level chosen and its score, each dimension's
 * subtotal, the total, the grade with the grounds that changed it — signed by the assessor and by the
 * person or their family.
 */
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { GBT42195_DIMENSIONS, itemMax, RISK_EVENTS } from '../../shared/capability/gbt42195';
import { request } from '../rpc';
import { valueLabel } from '../components/labels';
import { capabilityKeys, dimensionName, gradeLabel, itemName } from '../features/capability';
import { PrintFrame } from './PrintFrame';
import { PRINT_FONTS, VISIT_LIST_MARGINS } from './printCss';
import { SIGNATURE_CSS, SignatureLine } from './ReportPrints';

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
  .ca-head { display: flex; align-items: flex-end; gap: 4mm; border-bottom: 1.2pt solid #000; padding-bottom: 1.5mm; }
  .ca-head .office { font-size: 9.5pt; flex: 1; }
  .ca-head .title { font-size: 16pt; font-weight: 700; letter-spacing: 2pt; text-align: center; }
  .ca-head .std { font-size: 8.5pt; flex: 1; text-align: right; }
  table.ca-person { width: 190mm; border-collapse: collapse; margin-top: 2.5mm; font-size: 9.5pt; table-layout: fixed; }
  table.ca-person td { border: 0.5pt solid #000; padding: 1.2mm 1.5mm; }
  table.ca-person td.k { background: #efefef; width: 20mm; font-weight: 700; text-align: center; }
  table.ca { width: 190mm; border-collapse: collapse; table-layout: fixed; font-size: 8.5pt; line-height: 1.4; margin-top: 3mm; }
  table.ca thead { display: table-header-group; }
  table.ca tr { break-inside: avoid; page-break-inside: avoid; }
  table.ca th, table.ca td { border: 0.5pt solid #000; padding: 1mm 1.2mm; vertical-align: top; overflow-wrap: anywhere; }
  table.ca th { background: #e8e8e8; font-weight: 700; text-align: center; }
  table.ca td.dim { background: #f4f4f4; font-weight: 700; font-size: 9.5pt; }
  table.ca td.code { text-align: center; white-space: nowrap; }
  table.ca td.name b { font-size: 9pt; }
  table.ca td .def { color: #333; font-size: 7.5pt; }
  table.ca td.score { text-align: center; font-variant-numeric: tabular-nums; white-space: nowrap; }
  table.ca tr.sub td { font-weight: 700; }
  table.ca-sum { width: 190mm; border-collapse: collapse; margin-top: 3mm; font-size: 10pt; break-inside: avoid; }
  table.ca-sum td { border: 0.5pt solid #000; padding: 1.5mm 2mm; vertical-align: top; }
  table.ca-sum td.k { background: #efefef; width: 32mm; font-weight: 700; }
  table.ca-sum td.grade { font-size: 13pt; font-weight: 700; }
  .ca-draft { margin-top: 2mm; font-weight: 700; font-size: 11pt; }
  ${SIGNATURE_CSS}
  .rl-end { margin-top: 10mm; }
`;

export function CapabilityPrint() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const assessment = useQuery({ queryKey: capabilityKeys.one(id), queryFn: () => request('capability.get', { id }), retry: false });
  const a = assessment.data;
  const person = useQuery({ queryKey: ['persons', 'get', a?.personId], queryFn: () => request('persons.get', { id: a?.personId ?? '' }), enabled: a !== undefined, retry: false });
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => request('app.info', {}) });
  const p = person.data?.person;
  const ready = a !== undefined && p !== undefined && info.data !== undefined;
  const title = p && a ? `${t('capability.print.title')}-${p.name}-${a.assessedOn}` : t('capability.print.title');
  const events = a ? RISK_EVENTS.filter((e) => (a.conditions.riskEvents[e] ?? 0) > 0) : [];
  const grounds = a
    ? [
        ...(a.conditions.coma ? [t('capability.dialog.coma')] : []),
        ...(a.conditions.dementia ? [t('capability.dialog.dementia')] : []),
        ...(a.conditions.mentalDisorder ? [t('capability.dialog.mentalDisorder')] : []),
        ...(events.length > 0
          ? [
              `${t('capability.dialog.riskEvents')}：${events
                .map((e) => t('capability.print.riskEvent', { name: t(`capability.dialog.riskEventNames.${e}`), count: t(`capability.dialog.riskCount.${a.conditions.riskEvents[e] ?? 0}`) }))
                .join('、')}`,
            ]
          : []),
      ]
    : [];

  return (
    <PrintFrame title={title} css={CSS} pageNumbers ready={ready} error={assessment.error ?? person.error}>
      {a && p ? (
        <div className="print-sheet" data-testid="capability-print">
          <div className="ca-head">
            <span className="office">{info.data?.office?.name ?? ''}</span>
            <span className="title">{t('capability.print.title')}</span>
            <span className="std">{t('capability.print.standard')}</span>
          </div>
          <table className="ca-person">
            <tbody>
              <tr>
                <td className="k">{t('capability.print.person')}</td>
                <td>
                  <b>{p.name}</b>
                </td>
                <td className="k">{t('capability.print.gender')}</td>
                <td>{valueLabel('gender', p.gender)}</td>
                <td className="k">{t('capability.print.age')}</td>
                <td>{p.age}</td>
              </tr>
              <tr>
                <td className="k">{t('capability.print.idNumber')}</td>
                <td colSpan={3}>{p.idNumber}</td>
                <td className="k">{t('capability.print.assessedOn')}</td>
                <td>{a.assessedOn}</td>
              </tr>
              <tr>
                <td className="k">{t('capability.print.address')}</td>
                <td colSpan={3}>{p.address}</td>
                <td className="k">{t('capability.print.assessor')}</td>
                <td>{a.assessor}</td>
              </tr>
            </tbody>
          </table>
          <table className="ca">
            <colgroup>
              <col style={{ width: '13mm' }} />
              <col style={{ width: '52mm' }} />
              <col />
              <col style={{ width: '15mm' }} />
            </colgroup>
            <thead>
              <tr>
                <th colSpan={2}>{t('capability.print.item')}</th>
                <th>{t('capability.print.level')}</th>
                <th>{t('capability.print.score')}</th>
              </tr>
            </thead>
            {GBT42195_DIMENSIONS.map((d) => {
              const max = d.items.reduce((s, i) => s + itemMax(i), 0);
              return (
                <tbody key={d.key}>
                  <tr>
                    <td className="dim" colSpan={4}>
                      {d.code} {dimensionName(d)}
                    </td>
                  </tr>
                  {d.items.map((item) => {
                    const score = a.answers[item.key];
                    const level = item.levels.find((l) => l.score === score);
                    return (
                      <tr key={item.key}>
                        <td className="code">{item.code}</td>
                        <td className="name">
                          <b>{itemName(item)}</b>
                          {item.definition ? <div className="def">{item.definition}</div> : null}
                        </td>
                        <td>{level ? level.text : ''}</td>
                        <td className="score">{score === undefined ? '' : `${score} / ${itemMax(item)}`}</td>
                      </tr>
                    );
                  })}
                  <tr className="sub">
                    <td colSpan={3} style={{ textAlign: 'right' }}>
                      {t('capability.print.subtotal', { name: dimensionName(d) })}
                    </td>
                    <td className="score">
                      {a.dimensions[d.key] ?? 0} / {max}
                    </td>
                  </tr>
                </tbody>
              );
            })}
          </table>
          <table className="ca-sum">
            <tbody>
              <tr>
                <td className="k">{t('capability.print.total')}</td>
                <td>{a.total === null ? '' : `${a.total} / 90`}</td>
                <td className="k">{t('capability.print.baseGrade')}</td>
                <td>{gradeLabel(a.baseGrade)}</td>
              </tr>
              <tr>
                <td className="k">{t('capability.print.conditions')}</td>
                <td colSpan={3}>{grounds.length > 0 ? grounds.join('；') : t('capability.print.noConditions')}</td>
              </tr>
              <tr>
                <td className="k">{t('capability.print.grade')}</td>
                <td colSpan={3} className="grade">
                  {gradeLabel(a.grade)}
                </td>
              </tr>
              {a.note ? (
                <tr>
                  <td className="k">{t('capability.print.note')}</td>
                  <td colSpan={3}>{a.note}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {a.status === 'draft' ? <div className="ca-draft">{t('capability.print.notFinal')}</div> : null}
          <SignatureLine labels={[t('capability.print.signAssessor'), t('capability.print.signPerson'), t('capability.print.signDate')]} />
        </div>
      ) : null}
    </PrintFrame>
  );
}
