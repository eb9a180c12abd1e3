/**
 * The 统计 dashboard of a period: every indicator of the catalogue overall, the coverage of each
 * campaign per grid, the planned and done visits per month and the ages by sex. An indicator that
 * cannot be counted for the period (a campaign not begun, a flow asked for one day) is named with
 * its reason instead of showing a number.
 */
import { AppError } from '../../../shared/errors';
import { CAMPAIGN_KEYS, INDICATORS, type Dim, type IndicatorDef } from '../../../shared/reports/catalogue';
import { parsePeriod, periodDays, periodText, type Period } from '../../../shared/reports/period';
import { dataCover } from './freshness';
import type { Dashboard, IndicatorResult } from '../../../shared/schemas/reports';
import { computeFor, periodOf } from './engine';
import type { ReportContext } from './scope';

/** The text an indicator reads the dashboard's period as: a campaign takes the period's year. */
export function periodFor(def: IndicatorDef, period: Period, text: string): string {
  if (def.use !== 'campaign') return text;
  return period.kind === 'campaign' ? text : periodDays(period).from.slice(0, 4);
}

/** The figures of an indicator, or null with the reason it was refused noted once. */
function attempt(rc: ReportContext, def: IndicatorDef, text: string, by: Dim | undefined, refused: Dashboard['refused']): IndicatorResult | null {
  try {
    return computeFor(rc, def, periodOf(rc, def, text), by);
  } catch (err) {
    if (err instanceof AppError && err.code !== 'INTERNAL') {
      refused.push({ key: def.key, code: err.code });
      return null;
    }
    throw err;
  }
}

/** The overall figures of a result counted by a breakdown. */
function overallOf(r: IndicatorResult | null): IndicatorResult | null {
  return r === null ? null : { ...r, by: null, rows: [] };
}

/**
 * Another office's data against the period, at the bureau. A period that begins after its newest
 * packet is refused as a whole: every figure would be a zero that is not real (no visits, nobody
 * new), and a careful reader wants the reason, not a dashboard to see through. One that goes on
 * past the data is shown, marked incomplete with the day.
 */
export function coverOf(rc: ReportContext, dataAsOf: string | null, period: Period): NonNullable<Dashboard['officeData']> {
  const { from, to } = periodDays(period);
  const cover = dataCover(dataAsOf, from, to, rc.today);
  if (cover === 'none') {
    throw new AppError('PERIOD_AFTER_DATA', `The newest data of ${rc.officeName} is as of ${dataAsOf}, before the period ${periodText(period)}.`, {
      name: rc.officeName,
      dataAsOf,
      period: periodText(period),
    });
  }
  return { dataAsOf, incomplete: cover === 'incomplete' };
}

export function dashboard(rc: ReportContext, text: string): Dashboard {
  const period = parsePeriod(text);
  if (!period) throw new AppError('INVALID_INPUT', `Not a period: ${text}`, { issues: [{ path: 'period', message: 'report.periodFormat', code: 'custom' }] });
  // The period itself as the persons' figures read it, so an unusable period is refused as a whole.
  const headline = INDICATORS[0] as IndicatorDef;
  const resolved = periodOf(rc, headline, text);
  const officeData = rc.dataAsOf === undefined ? null : coverOf(rc, rc.dataAsOf, period);
  const refused: Dashboard['refused'] = [];
  // The breakdowns the dashboard charts (coverage per grid, visits per month, ages by sex): each is
  // counted once, and its overall figure is that count's total, which is the figure asked for alone
  // (computeFor's total is the sum of the rows, medians read again).
  const charted = new Map<string, { result: IndicatorResult | null; refused: Dashboard['refused'] }>();
  const chart = (key: string, by: Dim, periodText: string): IndicatorResult | null => {
    const def = INDICATORS.find((d) => d.key === key) as IndicatorDef;
    const own: Dashboard['refused'] = [];
    const result = attempt(rc, def, periodText, by, own);
    charted.set(key, { result, refused: own });
    return result;
  };
  const coverageByGrid = CAMPAIGN_KEYS.map((key) => chart(key, 'grid', periodFor(INDICATORS.find((d) => d.key === key) as IndicatorDef, period, text))).filter(
    (r): r is IndicatorResult => r !== null,
  );
  const visitsByMonth = chart('visits.plan', 'month', text);
  const agePyramid = chart('persons.age', 'sex', text);
  const results: IndicatorResult[] = [];
  for (const def of INDICATORS) {
    const counted = charted.get(def.key);
    // Refusals in the catalogue's order, as the figures are.
    if (counted) refused.push(...counted.refused);
    const r = counted ? overallOf(counted.result) : attempt(rc, def, periodFor(def, period, text), undefined, refused);
    if (r) results.push(r);
  }
  return {
    period: resolved,
    office: { id: rc.office, name: rc.officeName, bureauOwn: rc.bureauOwn },
    results,
    refused,
    coverageByGrid,
    visitsByMonth,
    agePyramid,
    officeData,
  };
}
