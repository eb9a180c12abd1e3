/**
 * One indicator as the reports.indicator channel and `cadrecare report show` give it, saying whose
 * figures they are. A community office counts every record it holds. A county bureau counts, unless
 * told otherwise, only the persons it registered itself (labelled so, as its dashboard is); one
 * community's from the records that office sent when it is named; and broken down by office with
 * none named, the whole county: a row per community that has sent data, and the county's total of
 * them, the bureau's own persons not in it, as the 汇总 counts it.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { toDateString } from '../../../shared/dates';
import type { IndicatorAnswer, IndicatorQuery, IndicatorResult } from '../../../shared/schemas/reports';
import { getOffice } from '../app/office';
import { computeFor, computeIndicator, periodOf, requireBreakdown, requireIndicator } from './engine';
import { officeContext } from './county';
import { coverOf } from './dashboard';
import { dataCover, receivedPackets } from './freshness';
import { parsePeriod } from '../../../shared/reports/period';
import { officeLabels } from './offices';
import { reportContext, type ReportContext } from './scope';

function answer(rc: ReportContext, result: IndicatorResult): IndicatorAnswer {
  return { ...result, whose: { id: rc.office, name: rc.officeName, bureauOwn: rc.bureauOwn, county: false } };
}

interface Community {
  id: string;
  name: string;
  areaCode: string;
  /** The first registration received from it (null: nothing received). */
  from: string | null;
}

/** The communities trusted here, each one's first day found by one seek in persons_office_created. */
function communities(db: Db): Community[] {
  const first = cachedStatement(db, 'SELECT min(created_at) AS at FROM persons WHERE origin_office = ?');
  const rows = cachedStatement(db, "SELECT office_id, name, area_code FROM trusted_offices WHERE mode = 'community' ORDER BY office_id").all() as { office_id: string; name: string; area_code: string }[];
  return rows.map((o) => {
    const at = (first.get(o.office_id) as { at: string | null }).at;
    return { id: o.office_id, name: o.name, areaCode: o.area_code, from: at ? toDateString(at) : null };
  });
}

/**
 * The county by office: the records of every community, each office's figures its own and the total
 * theirs together. An office whose records begin after the period has nothing of it to count and
 * no row, as the 汇总 refuses it for the period.
 */
function countyByOffice(db: Db, today: string, query: IndicatorQuery): IndicatorAnswer {
  const def = requireIndicator(query.key);
  requireBreakdown(def, 'office');
  const own = reportContext(db, today);
  const known = communities(db);
  const earliest = known.map((o) => o.from).filter((d): d is string => d !== null).sort()[0] ?? own.recordsFrom;
  const rc: ReportContext = { ...own, office: null, bureauOwn: false, recordsFrom: earliest };
  const period = periodOf(rc, def, query.period);
  // Nor has one whose newest packet is older than the period (its zeros would not be real), as in the 汇总.
  const packets = receivedPackets(db, today.slice(0, 7));
  const keys = known
    .filter((o) => o.from !== null && o.from <= period.to && dataCover(packets.get(o.id)?.dataAsOf ?? null, period.from, period.to, today) !== 'none')
    .map((o) => o.id);
  const result = computeFor(rc, def, period, 'office', undefined, { dim: 'office', keys });
  // Two communities of one name are told apart by area code, as the bureau's lists name them.
  const labels = officeLabels(known);
  const rows = result.rows.map((r) => (r.key === null ? r : { ...r, name: labels.get(r.key) ?? r.name }));
  return { ...result, rows, whose: { id: null, name: own.officeName, bureauOwn: false, county: true } };
}

export function indicatorAnswer(db: Db, today: string, query: IndicatorQuery): IndicatorAnswer {
  const { office, ...rest } = query;
  const own = getOffice(db);
  // A community names only itself; anything else is the bureau's to ask (BUREAU_ONLY from officeContext).
  const named = office === undefined || (own?.mode === 'community' && office === own.id) ? undefined : office;
  if (named === undefined && own?.mode === 'bureau' && rest.by === 'office') return countyByOffice(db, today, rest);
  const rc = officeContext(db, today, named);
  // Another office's figures of a period after its newest packet are refused, as its dashboard is.
  const p = parsePeriod(rest.period);
  if (rc.dataAsOf !== undefined && p) coverOf(rc, rc.dataAsOf, p);
  return answer(rc, computeIndicator(rc, rest.key, rest.period, rest.by));
}
