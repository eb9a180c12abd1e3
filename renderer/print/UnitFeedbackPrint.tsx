/**
 * 离退休干部在社区情况反馈表 on paper (#/print/unit-feedback/<unitId>?from=…&to=…): A4 portrait, sent
 * to the unit a community's retirees came from. The office, the title and the period head every page
 * (rows of the table head, which the browser repeats), then the unit and its contacts; one row per
 * retiree: status and its changes, self-care (Barthel) and its change, checkups and hospital stays,
 * visits, needs raised and resolved, party life. Totals and the community's signature and date lines
 * close it; page x / y at the foot of every page.
 */
import { useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FeedbackRow } from '../../shared/schemas/units';
import { request } from '../rpc';
import { valueLabel } from '../components/labels';
import { label } from '../components/labels';
import { unitKeys } from '../features/units';
import { PrintFrame } from './PrintFrame';
import { A4_SHEET_CSS, sheetTableCss } from './printCss';
import { SheetTableHead } from './SheetTable';

/** Column widths in mm; they add up to the 190 mm between A4's 10 mm margins. */
const COLUMNS = [
  ['no', 7],
  ['name', 13],
  ['genderAge', 10],
  ['status', 15],
  ['adl', 24],
  ['health', 33],
  ['visits', 22],
  ['needs', 36],
  ['party', 30],
] as const;

const CSS = `${A4_SHEET_CSS}${sheetTableCss('uf')}
  table.uf { font-size: 8pt; line-height: 1.35; }
  table.uf th, table.uf td { padding: 1mm 0.9mm; vertical-align: top; }
  table.uf thead th.cols { font-size: 7.5pt; padding: 1mm 0.3mm; word-break: keep-all; }
  .uf-head .office { font-size: 9.5pt; flex: 1; }
  .uf-head .range { font-size: 9.5pt; flex: 1; text-align: right; font-variant-numeric: tabular-nums; }
  .uf-sub { display: flex; flex-wrap: wrap; gap: 1mm 6mm; font-size: 8.5pt; padding-top: 1.2mm; }
  .uf-sub b { font-weight: 700; }
  table.uf td.c { text-align: center; }
  table.uf td.name { font-weight: 700; font-size: 9pt; }
  table.uf td .muted { color: #444; font-size: 7.5pt; }
  table.uf td div + div { margin-top: 0.6mm; }
  table.uf .day { white-space: nowrap; font-variant-numeric: tabular-nums; }
  .uf-totals { margin-top: 3mm; font-size: 9pt; line-height: 1.5; break-inside: avoid; }
  .uf-end { margin-top: 8mm; display: flex; gap: 8mm; font-size: 9.5pt; break-inside: avoid; }
  .uf-end span { flex: 1; border-bottom: 0.5pt solid #000; padding-bottom: 6mm; }
  .uf-empty { padding: 6mm; text-align: center; font-size: 10pt; }
`;

/** The latest total and its change on one line, the day it was assessed below it. */
function Adl({ r }: { r: FeedbackRow }) {
  const { t } = useTranslation();
  if (r.adlTotal === null) return <span className="muted">{t('units.feedback.adlNone')}</span>;
  const change =
    r.adlChange === null ? '' : r.adlChange === 0 ? t('units.print.adlSame') : t(r.adlChange > 0 ? 'units.print.adlUp' : 'units.print.adlDown', { change: Math.abs(r.adlChange) });
  return (
    <>
        <div>
          {t('units.print.adlTotal', { total: r.adlTotal })}
          {change}
        </div>
        <div className="muted day">{t('units.print.adlOn', { date: r.adlDate ?? '' })}</div>
    </>
  );
}

function Row({ r, no, unitPartyContact }: { r: FeedbackRow; no: number; unitPartyContact: string }) {
  const { t } = useTranslation();
  const none = <span className="muted">{t('units.feedback.none')}</span>;
  return (
    <tr>
      <td className="c">{no}</td>
      <td className="name">{r.name}</td>
      <td className="c">
        {valueLabel('gender', r.gender)}
        <br />
        {r.age}
      </td>
      <td>
        <div>{valueLabel('status', r.status)}</div>
        {r.statusChanges.map((c) => (
          <div key={`${c.date}${c.status}`} className="muted">
            {t('units.print.statusChange', { date: c.date, status: valueLabel('status', c.status) })}
            {c.destination ? t('units.print.destination', { destination: c.destination }) : ''}
          </div>
        ))}
      </td>
      <td>
        <Adl r={r} />
      </td>
      <td>
        {r.hospitalisations.length === 0 && r.checkups.length === 0 ? none : null}
        {r.hospitalisations.map((h) => (
          <div key={`h${h.date}`}>
            {t('units.print.hospital', { from: h.date, to: h.endDate ?? t('units.feedback.ongoing'), institution: h.institution })}
            {h.summary ? `：${h.summary}` : ''}
          </div>
        ))}
        {r.checkups.map((c) => (
          <div key={`c${c.date}`}>
            {t('units.print.checkup', { date: c.date, institution: c.institution })}
            {c.summary ? `：${c.summary}` : ''}
          </div>
        ))}
      </td>
      <td>
        <div>{t('units.feedback.visitCount', { count: r.visits })}</div>
        <div className="muted day">{r.lastVisitDate ? t('units.feedback.lastVisit', { date: r.lastVisitDate }) : t('units.feedback.neverVisited')}</div>
      </td>
      <td>
        {r.needsRaised.length === 0 ? none : null}
        {r.needsRaised.map((n, i) => (
          <div key={i}>
            {label('requestCategory', n.category)}：{n.description}（{label('requestStatus', n.status)}）
          </div>
        ))}
        {r.needsResolved > 0 ? <div className="muted">{t('units.print.resolved', { count: r.needsResolved })}</div> : null}
      </td>
      <td>
        {r.party ? (
          <>
              <div>{r.party.branchName}</div>
              <div className="muted">{t(`units.feedback.relation.${r.party.relationHeld}`)}</div>
              {/* A member's own contact at the unit, when it is not the unit's party contact printed above. */}
              {r.party.relationHeld === 'original_unit' && r.party.unitPartyContact !== '' && r.party.unitPartyContact !== unitPartyContact ? (
                <div className="muted">{t('units.print.memberContact', { name: r.party.unitPartyContact })}</div>
              ) : null}
              <div>{t('units.feedback.meetings', { attended: r.party.meetingsAttended, held: r.party.meetingsHeld })}</div>
              <div>
                {t('units.print.dues', { paid: r.party.duesMonthsPaid })}
                {r.party.duesMonthsBehind > 0 ? t('units.print.duesBehind', { count: r.party.duesMonthsBehind }) : ''}
              </div>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}

export function UnitFeedbackPrint() {
  const { t } = useTranslation();
  const { unitId = '' } = useParams();
  const [sp] = useSearchParams();
  const from = sp.get('from') ?? '';
  const to = sp.get('to') ?? '';
  const query = { unitId, from, to };
  const feedback = useQuery({ queryKey: unitKeys.feedback(query), queryFn: () => request('units.feedback', query), retry: false });
  const f = feedback.data;
  const title = f ? t('units.print.docTitle', { name: f.unit.name, from, to }) : t('units.print.heading');
  const partyContact = f ? [f.unit.partyContact, f.unit.partyPhone].filter((s) => s !== '').join(' ') : '';
  const contact = f ? [f.unit.contactPerson, f.unit.contactPhone].filter((s) => s !== '').join(' ') : '';

  return (
    <PrintFrame title={title} css={CSS} pageNumbers ready={f !== undefined} error={feedback.error}>
      {f ? (
        <div className="print-sheet">
          <table className="uf">
            <SheetTableHead
              columns={COLUMNS}
              heading={(key) => t(`units.print.col.${key}`)}
              masthead={
                <>
                  <div className="uf-head">
                    <span className="office">{t('units.print.from', { office: f.officeName })}</span>
                    <span className="title">{t('units.print.heading')}</span>
                    <span className="range">{t('units.print.range', { from: f.from, to: f.to })}</span>
                  </div>
                  <div className="uf-sub">
                    <span>
                      <b>{t('units.print.unit')}</b>
                      {f.unit.name}（{valueLabel('unitLevel', f.unit.level)}）
                    </span>
                    {f.unit.retireeDepartment ? (
                      <span>
                        <b>{t('units.print.department')}</b>
                        {f.unit.retireeDepartment}
                        {contact ? ` ${contact}` : ''}
                      </span>
                    ) : null}
                    {partyContact ? (
                      <span>
                        <b>{t('units.print.partyContact')}</b>
                        {partyContact}
                      </span>
                    ) : null}
                  </div>
                </>
              }
            />
            <tbody>
              {f.rows.length === 0 ? (
                <tr>
                  <td colSpan={COLUMNS.length} className="uf-empty">
                    {t('units.feedback.noPersons')}
                  </td>
                </tr>
              ) : null}
              {f.rows.map((r, i) => (
                <Row key={r.personId} r={r} no={i + 1} unitPartyContact={f.unit.partyContact} />
              ))}
            </tbody>
          </table>
          <div className="uf-totals">
            {t('units.print.totals', {
              persons: f.totals.persons,
              visits: f.totals.visits,
              hospitalisations: f.totals.hospitalisations,
              raised: f.totals.needsRaised,
              resolved: f.totals.needsResolved,
            })}
            {f.totals.partyAtUnit > 0 ? t('units.print.partyAtUnit', { count: f.totals.partyAtUnit }) : ''}
          </div>
          <div className="uf-end">
            <span>{t('units.print.stamp')}</span>
            <span>{t('units.print.filledBy')}</span>
            <span>{t('units.print.head')}</span>
            <span>{t('units.print.date')}</span>
          </div>
        </div>
      ) : null}
    </PrintFrame>
  );
}
