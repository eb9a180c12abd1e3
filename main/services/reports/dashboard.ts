/**
 * The 统计 dashboard of a period: every indicator of the catalogue overall, the coverage of each
 * campaign per grid, the planned and done visits per month and the ages by sex. An indicator that
 * cannot be counted for the period (a campaign not begun, a flow asked for one day) is named with
 * its reason instead of showing a number.
 */
import { AppError } from '../../../shared/errors';
import { CAMPAIGN_KEYS, INDICATORS, type IndicatorDef } from '../../../shared/reports/catalogue';
import { parsePeriod, periodDays, type Period } from '../../../shared/reports/period';
import type { Dashboard, IndicatorResult } from '../../../shared/schemas/reports';
import { computeFor, periodOf } from './engine';
import type { ReportContext } from './scope';

/** The text an indicator reads the dashboard's period as: a campaign takes the period's year. */
export function periodFor(def: IndicatorDef, period: Period, text: string): string {
  if (def.use !== 'campaign') return text;
  return period.kind === 'campaign' ? text : periodDays(period).from.slice(0, 4);
}

function attempt(rc: ReportContext, def: IndicatorDef, text: string, by: Parameters<typeof computeFor>[3], refused: Dashboard['refused']): IndicatorResult | null {
  try {
    return computeFor(rc, def, periodOf(rc, def, text), by);
  } catch (err) {
    if (err instanceof AppError && err.code !== 'INTERNAL') {
      if (!by) refused.push({ key: def.key, code: err.code });
      return null;
    }
    throw err;
  }
}

export function dashboard(rc: ReportContext, text: string): Dashboard {
  const period = parsePeriod(text);
  if (!period) throw new AppError('INVALID_INPUT', `Not a period: ${text}`, { issues: [{ path: 'period', message: 'report.periodFormat', code: 'custom' }] });
  // The period itself as the persons' figures read it, so an unusable period is refused as a whole.
  const headline = INDICATORS[0] as IndicatorDef;
  const resolved = periodOf(rc, headline, text);
  const refused: Dashboard['refused'] = [];
  const results: IndicatorResult[] = [];
  for (const def of INDICATORS) {
    const r = attempt(rc, def, periodFor(def, period, text), undefined, refused);
    if (r) results.push(r);
  }
  const coverageByGrid: IndicatorResult[] = [];
  for (const key of CAMPAIGN_KEYS) {
    const def = INDICATORS.find((d) => d.key === key) as IndicatorDef;
    const r = attempt(rc, def, periodFor(def, period, text), 'grid', []);
    if (r) coverageByGrid.push(r);
  }
  const plan = INDICATORS.find((d) => d.key === 'visits.plan') as IndicatorDef;
  const ages = INDICATORS.find((d) => d.key === 'persons.age') as IndicatorDef;
  return {
    period: resolved,
    office: { id: rc.office, name: rc.officeName, bureauOwn: rc.bureauOwn },
    results,
    refused,
    coverageByGrid,
    visitsByMonth: attempt(rc, plan, text, 'month', []),
    agePyramid: attempt(rc, ages, text, 'sex', []),
  };
}
