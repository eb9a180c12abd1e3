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
import { reportContext, type ReportContext } from './scope';
import { periodDays, type ResolvedPeriod } from '../../../shared/reports/period';
import { toDateString } from '../../../shared/dates';
import { firstOfMonth, monthIndexOf } from '../../../shared/calendar';
import { getSettings } from '../settings/settings';
import { expectedForms, officeForms, requireBureau } from './county';
import { NOTHING_RECEIVED, dataCover, daysBetween, receivedPackets, staleness } from './freshness';

export { STALE_AMBER_DAYS, STALE_GREEN_DAYS, staleness } from './freshness';

/**
 * The figures of the roll-up: counts summed over offices, rates recomputed from the sums. Each
 * indicator is counted for these figures only (computeFor's `figures`), so its facts' SQL reads
 * nothing else: the main campaigns' coverage and 慰问金, and the responsible contacts (分片包干).
 */
export const ROLLUP_FIGURES: readonly RollupFigure[] = [
  { key: 'persons.headcount', measure: 'total' },
  { key: 'persons.headcount', measure: 'lixiu' },
  { key: 'persons.headcount', measure: 'tuixiu' },
  { key: 'visits.plan', measure: 'planned' },
  { key: 'visits.plan', measure: 'done' },
  { key: 'visits.plan', measure: 'missed' },
  { key: 'visits.plan', measure: 'completion' },
  { key: 'persons.contacts', measure: 'noResponsible' },
  { key: 'persons.contacts', measure: 'responsibleRate' },
];

/**
 * The campaigns' figures, in the roll-up unless the bureau hides them (`campaigns: false`, a narrower
 * table): 春节 and 重阳 due, visited, coverage and 慰问金 of every office. They come from visit_campaign_tally (migration 0028),
 * the campaign visits counted ahead per office with the 慰问金 of those visited, rather than from each
 * campaign visit of the county with its person and record (about 2.9 s for the two at 100,000 persons before,
 * bench/reports.bench.ts); only these measures are asked, so the tally answers (indicators.ts,
 * campaignTally). The ways of visiting would need every visit's record again.
 */
export const CAMPAIGN_ROLLUP_FIGURES: readonly RollupFigure[] = (['spring_festival', 'chongyang'] as const).flatMap((c) =>
  ['due', 'visited', 'coverage', 'giftFen'].map((measure) => ({ key: `visits.campaign.${c}`, measure })),
);

/** The roll-up's figures, the campaigns' among them unless hidden (in the indicators' order). */
export function rollupFigures(campaigns: boolean): readonly RollupFigure[] {
  if (!campaigns) return ROLLUP_FIGURES;
  const plan = ROLLUP_FIGURES.findIndex((f) => f.key === 'persons.contacts');
  return [...ROLLUP_FIGURES.slice(0, plan), ...CAMPAIGN_ROLLUP_FIGURES, ...ROLLUP_FIGURES.slice(plan)];
}

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

/**
 * Each office's first registration (deleted persons too), office by office: the offices found one
 * seek at a time in persons_office_created and each one's first day by another, rather than all
 * 100,000 persons read and grouped.
 */
const FIRST_RECORDS = `WITH RECURSIVE o (office) AS (
    SELECT min(origin_office) FROM persons
    UNION ALL
    SELECT (SELECT min(p.origin_office) FROM persons p WHERE p.origin_office > o.office) FROM o WHERE o.office IS NOT NULL)
  SELECT o.office, (SELECT min(p.created_at) FROM persons p WHERE p.origin_office = o.office) AS at FROM o WHERE o.office IS NOT NULL`;

/** The figures of the roll-up of one indicator, by measure. */
function figuresOfKey(figures: readonly RollupFigure[], key: string): string[] {
  return figures.filter((f) => f.key === key).map((f) => f.measure);
}

/**
 * The roll-up counts every office's records in one pass per indicator (the office breakdown of the
 * same engine the office's own dashboard uses), rather than one pass per office: the figures are
 * the same, and 200 offices cost one scan, not 200. An office whose records begin after the period
 * is refused for it, as its own dashboard would be; so is one whose newest packet is older than the
 * period (PERIOD_AFTER_DATA: its zeros would not be real), and one whose data ends inside the
 * period is marked incomplete (freshness.ts), its date shown either way.
 */
export function countyRollup(db: Db, today: string, text: string, campaigns = true): CountyRollup {
  const ROLLUP = rollupFigures(campaigns);
  requireBureau(db);
  const period = parsePeriod(text);
  if (!period) throw new AppError('INVALID_INPUT', `Not a period: ${text}`, { issues: [{ path: 'period', message: 'report.periodFormat', code: 'custom' }] });
  const days = periodDays(period);
  const keys = [...new Set(ROLLUP.map((f) => f.key))];
  const totals = new Map<string, Record<string, number | null>>(keys.map((k) => [k, {}]));
  const firstRecord = new Map(
    (cachedStatement(db, FIRST_RECORDS).all() as { office: string; at: string }[]).map((r) => [
      r.office,
      toDateString(r.at),
    ]),
  );
  const packets = receivedPackets(db, today.slice(0, 7));
  const earliest = [...firstRecord.values()].sort()[0] ?? today;
  const all: ReportContext = { ...reportContext(db, today), office: null, bureauOwn: false, recordsFrom: earliest };
  // Per indicator: the figures by office, or the refusal that holds for every office.
  const byOffice = new Map<string, { period: ResolvedPeriod; rows: Map<string | null, Record<string, number | null>> } | { refused: string }>();
  for (const key of keys) {
    const def = defOf(key);
    try {
      const resolved = periodOf(all, def, periodFor(def, period, text));
      const result = computeFor(all, def, resolved, 'office', figuresOfKey(ROLLUP, key));
      byOffice.set(key, { period: resolved, rows: new Map(result.rows.map((r) => [r.key, r.figures])) });
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'INTERNAL') throw err;
      byOffice.set(key, { refused: err.code });
    }
  }
  const rows: CountyRollup['rows'] = communities(db).map((peer) => {
    const office = { id: peer.office_id, name: peer.name, areaCode: peer.area_code };
    const figures: Record<string, number | null> = Object.fromEntries(ROLLUP.map((f) => [figureKey(f), null]));
    const since = firstRecord.get(peer.office_id);
    const dataAsOf = (packets.get(peer.office_id) ?? NOTHING_RECEIVED).dataAsOf;
    const about = { dataAsOf, recordsFrom: since ?? null };
    // Nothing received: no figures at all, rather than zeros that read as an empty community.
    if (since === undefined) return { office, received: false, figures, refused: null, ...about, dataIncomplete: false };
    const cover = dataCover(dataAsOf, days.from, days.to, today);
    if (cover === 'none') return { office, received: true, figures, refused: 'PERIOD_AFTER_DATA', ...about, dataIncomplete: true };
    let refused: string | null = null;
    for (const key of keys) {
      const def = defOf(key);
      const got = byOffice.get(key);
      if (!got || 'refused' in got) {
        refused = got?.refused ?? 'INTERNAL';
        continue;
      }
      // The office began keeping records after the period: nothing of it to count.
      if (got.period.to < since) {
        refused = 'PERIOD_BEFORE_RECORDS';
        continue;
      }
      const own = got.rows.get(peer.office_id) ?? figuresOf(def, Object.fromEntries(def.measures.map((m) => [m.key, m.agg === 'sum' ? 0 : null])));
      const sums = totals.get(key) as Record<string, number | null>;
      // A row's figures are in their unit (元 of fen): back to what was summed, for the total's own division.
      for (const m of def.measures) if (m.agg === 'sum') sums[m.key] = (sums[m.key] ?? 0) + Math.round((own[m.key] ?? 0) * (m.divisor ?? 1));
      for (const f of ROLLUP) if (f.key === key) figures[figureKey(f)] = own[f.measure] ?? null;
    }
    return { office, received: true, figures, refused, ...about, dataIncomplete: cover === 'incomplete' };
  });
  const total: Record<string, number | null> = {};
  for (const key of keys) {
    const figures = figuresOf(defOf(key), totals.get(key) as Record<string, number | null>);
    for (const f of ROLLUP) if (f.key === key) total[figureKey(f)] = figures[f.measure] ?? null;
  }
  return { period: text, campaigns, figures: [...ROLLUP], rows, total };
}

interface SubmissionRow {
  origin_office: string;
  form: 'annual' | 'campaign';
  period: string;
  submitted_on: string;
}

/**
 * Who sent data when: each office's newest packet received, the day its data is as of, the packets
 * of this month and in all, its colour, and the forms of the current period (last year's annual
 * form, each campaign's latest summary) on time, late, missing or not yet due. Ordered with the
 * offices that most need a reminder (催报) first.
 */
/** How many months of packets the board shows, this month last. */
const HISTORY_MONTHS = 12;

export function countyBoard(db: Db, today: string): CountyBoard {
  requireBureau(db);
  const month = today.slice(0, 7);
  const annualPeriod = String(Number(today.slice(0, 4)) - 1);
  const packets = receivedPackets(db, month);
  const submitted = cachedStatement(
    db,
    `SELECT origin_office, form, period, max(submitted_on) AS submitted_on
       FROM report_submissions
      WHERE deleted_at IS NULL AND form = 'annual' AND period = ?
      GROUP BY origin_office`,
  ).all(annualPeriod) as SubmissionRow[];
  const annual = new Map(submitted.map((s) => [s.origin_office, s.submitted_on]));
  // The packets of the last months, per office and month (the month of logged_at, as 本月 counts it).
  const now = monthIndexOf(today);
  const months = Array.from({ length: HISTORY_MONTHS }, (_, i) => firstOfMonth(now - HISTORY_MONTHS + 1 + i).slice(0, 7));
  const history = new Map<string, number>();
  for (const h of cachedStatement(
    db,
    `SELECT peer_office_id AS office, substr(logged_at, 1, 7) AS month, count(*) AS n
       FROM packet_log
      WHERE direction = 'in' AND kind IN ('full', 'incremental', 'transfer') AND logged_at >= ?
      GROUP BY 1, 2`,
  ).all(months[0] as string) as { office: string; month: string; n: number }[]) {
    history.set(`${h.office}|${h.month}`, h.n);
  }
  const expected = expectedForms(today, getSettings(db).bureau);
  const rows: CountyBoard['rows'] = communities(db).map((peer) => {
    const s = packets.get(peer.office_id) ?? NOTHING_RECEIVED;
    const daysSince = s.dataAsOf ? daysBetween(s.dataAsOf, today) : null;
    return {
      office: { id: peer.office_id, name: peer.name, areaCode: peer.area_code },
      lastReceived: s.lastReceived,
      dataAsOf: s.dataAsOf,
      daysSince,
      packetsThisMonth: s.inMonth,
      packetsTotal: s.total,
      packetsByMonth: months.map((m) => history.get(`${peer.office_id}|${m}`) ?? 0),
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
    months,
    rows,
    expected,
    remind: rows.filter((r) => r.status === 'never' || r.status === 'red' || r.forms.some((f) => f.status === 'missing')).map((r) => r.office.id),
  };
}
