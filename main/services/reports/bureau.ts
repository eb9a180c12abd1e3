/**
 * The county bureau's view of its communities, from the records their packets brought: the roll-up
 * (汇总) of key figures per office with the county total, and the reporting board (报送情况) of who
 * sent data when and which forms each handed in. Every office trusted as a community appears, also
 * one never heard from, so a silent office is seen rather than missing from the table.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { AppError } from '../../../shared/errors';
import { INDICATORS, type IndicatorDef } from '../../../shared/reports/catalogue';
import { parsePeriod } from '../../../shared/reports/period';
import type { CountyBoard, CountyRollup, RollupFigure, Staleness } from '../../../shared/schemas/reports';
import { computeFor, figuresOf, periodOf } from './engine';
import { periodFor } from './dashboard';
import { reportContext } from './scope';
import { toDateString } from '../../../shared/dates';
import { getSettings } from '../settings/settings';
import { expectedForms, officeForms, requireBureau } from './county';

/** The figures of the roll-up: counts summed over offices, rates recomputed from the sums. */
export const ROLLUP_FIGURES: readonly RollupFigure[] = [
  { key: 'persons.headcount', measure: 'total' },
  { key: 'persons.headcount', measure: 'lixiu' },
  { key: 'persons.headcount', measure: 'tuixiu' },
  { key: 'visits.plan', measure: 'planned' },
  { key: 'visits.plan', measure: 'done' },
  { key: 'visits.plan', measure: 'missed' },
  { key: 'visits.plan', measure: 'completion' },
];

/** Days since an office's newest data before its colour turns amber, then red. */
export const STALE_GREEN_DAYS = 35;
export const STALE_AMBER_DAYS = 65;

interface PeerRow {
  office_id: string;
  name: string;
  area_code: string;
}


/** The community offices this bureau trusts, by area code then name (two offices may share a name). */
function communities(db: Db): PeerRow[] {
  return cachedStatement(db, "SELECT office_id, name, area_code FROM trusted_offices WHERE mode = 'community' ORDER BY area_code, name, office_id").all() as PeerRow[];
}

const figureKey = (f: RollupFigure) => `${f.key}:${f.measure}`;

function defOf(key: string): IndicatorDef {
  const def = INDICATORS.find((d) => d.key === key);
  if (!def) throw new Error(`indicator ${key} is not in the catalogue`);
  return def;
}

export function countyRollup(db: Db, today: string, text: string): CountyRollup {
  requireBureau(db);
  const period = parsePeriod(text);
  if (!period) throw new AppError('INVALID_INPUT', `Not a period: ${text}`, { issues: [{ path: 'period', message: 'report.periodFormat', code: 'custom' }] });
  const keys = [...new Set(ROLLUP_FIGURES.map((f) => f.key))];
  const totals = new Map<string, Record<string, number | null>>(keys.map((k) => [k, {}]));
  const anyRecord = cachedStatement(db, 'SELECT 1 FROM persons WHERE origin_office = ? LIMIT 1');
  const rows: CountyRollup['rows'] = communities(db).map((peer) => {
    const office = { id: peer.office_id, name: peer.name, areaCode: peer.area_code };
    const figures: Record<string, number | null> = Object.fromEntries(ROLLUP_FIGURES.map((f) => [figureKey(f), null]));
    // Nothing received: no figures at all, rather than zeros that read as an empty community.
    if (anyRecord.get(peer.office_id) === undefined) return { office, received: false, figures, refused: null };
    const rc = reportContext(db, today, peer.office_id);
    let refused: string | null = null;
    for (const key of keys) {
      const def = defOf(key);
      try {
        const result = computeFor(rc, def, periodOf(rc, def, periodFor(def, period, text)), undefined);
        const sums = totals.get(key) as Record<string, number | null>;
        for (const m of def.measures) if (m.agg === 'sum') sums[m.key] = (sums[m.key] ?? 0) + (result.figures[m.key] ?? 0);
        for (const f of ROLLUP_FIGURES) if (f.key === key) figures[figureKey(f)] = result.figures[f.measure] ?? null;
      } catch (err) {
        // An office with no records for the period (never reported, or began later) has no figures.
        if (!(err instanceof AppError) || err.code === 'INTERNAL') throw err;
        refused = err.code;
      }
    }
    return { office, received: true, figures, refused };
  });
  const total: Record<string, number | null> = {};
  for (const key of keys) {
    const figures = figuresOf(defOf(key), totals.get(key) as Record<string, number | null>);
    for (const f of ROLLUP_FIGURES) if (f.key === key) total[figureKey(f)] = figures[f.measure] ?? null;
  }
  return { period: text, figures: [...ROLLUP_FIGURES], rows, total };
}

interface PacketStats {
  last_logged: string | null;
  last_created: string | null;
  this_month: number;
  total: number;
}

interface SubmissionRow {
  origin_office: string;
  form: 'annual' | 'campaign';
  period: string;
  submitted_on: string;
}

/** Whole days from one YYYY-MM-DD to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function staleness(daysSince: number | null): Staleness {
  if (daysSince === null) return 'never';
  if (daysSince <= STALE_GREEN_DAYS) return 'green';
  if (daysSince <= STALE_AMBER_DAYS) return 'amber';
  return 'red';
}

/**
 * Who sent data when: each office's newest packet received, the day its data is as of, the packets
 * of this month and in all, its colour, and the forms of the current period (last year's annual
 * form, each campaign's latest summary) on time, late, missing or not yet due. Ordered with the
 * offices that most need a reminder (催报) first.
 */
export function countyBoard(db: Db, today: string): CountyBoard {
  requireBureau(db);
  const month = today.slice(0, 7);
  const annualPeriod = String(Number(today.slice(0, 4)) - 1);
  const stats = cachedStatement(
    db,
    `SELECT max(logged_at) AS last_logged, max(created_at) AS last_created,
            sum(substr(logged_at, 1, 7) = ?) AS this_month, count(*) AS total
       FROM packet_log
      WHERE direction = 'in' AND peer_office_id = ? AND kind IN ('full', 'incremental', 'transfer')`,
  );
  const submitted = cachedStatement(
    db,
    `SELECT origin_office, form, period, max(submitted_on) AS submitted_on
       FROM report_submissions
      WHERE deleted_at IS NULL AND form = 'annual' AND period = ?
      GROUP BY origin_office`,
  ).all(annualPeriod) as SubmissionRow[];
  const annual = new Map(submitted.map((s) => [s.origin_office, s.submitted_on]));
  const expected = expectedForms(today, getSettings(db).bureau);
  const rows: CountyBoard['rows'] = communities(db).map((peer) => {
    const s = stats.get(month, peer.office_id) as PacketStats;
    const dataAsOf = s.last_created ? toDateString(s.last_created) : null;
    const daysSince = dataAsOf ? daysBetween(dataAsOf, today) : null;
    return {
      office: { id: peer.office_id, name: peer.name, areaCode: peer.area_code },
      lastReceived: s.last_logged ? toDateString(s.last_logged) : null,
      dataAsOf,
      daysSince,
      packetsThisMonth: s.this_month ?? 0,
      packetsTotal: s.total,
      status: staleness(daysSince),
      annualSubmittedOn: annual.get(peer.office_id) ?? null,
      forms: officeForms(db, peer.office_id, expected, today),
    };
  });
  const urgency: Record<Staleness, number> = { never: 0, red: 1, amber: 2, green: 3 };
  rows.sort((a, b) => urgency[a.status] - urgency[b.status] || (b.daysSince ?? 0) - (a.daysSince ?? 0) || a.office.areaCode.localeCompare(b.office.areaCode));
  return {
    today,
    annualPeriod,
    rows,
    expected,
    remind: rows.filter((r) => r.status === 'never' || r.status === 'red' || r.forms.some((f) => f.status === 'missing')).map((r) => r.office.id),
  };
}
