import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import type { RiskFlag } from '../../../shared/schemas/visits';
import { ageOn } from '../../../shared/calendar';

/** A Barthel total at or below this is 失能 (重度受损) on lists. */
export const DISABLED_ADL_MAX = 40;

export interface FlagFacts {
  living_situation: string;
  latest_adl_total: number | null;
  high_risk: number;
  birth_date: string;
}

/** 独居, 失能 (ADL ≤ 40), 空巢 at the risk age (80 by default), 高风险. */
export function riskFlags(p: FlagFacts, today: string, emptyNestRiskAge: number): RiskFlag[] {
  const flags: RiskFlag[] = [];
  if (p.living_situation === 'alone') flags.push('alone');
  if (p.latest_adl_total !== null && p.latest_adl_total <= DISABLED_ADL_MAX) flags.push('disabled');
  if (p.living_situation === 'empty_nest' && ageOn(p.birth_date, today) >= emptyNestRiskAge) flags.push('empty_nest_old');
  if (p.high_risk === 1) flags.push('high_risk');
  return flags;
}

/** The latest visit date of each person, in one query. */
export function lastVisitDates(db: Db, personIds: readonly string[]): Map<string, string> {
  if (personIds.length === 0) return new Map();
  const rows = cachedStatement(
    db,
      `SELECT person_id, max(visit_date) AS last FROM visit_records
       WHERE person_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL GROUP BY person_id`,
    )
    .all(JSON.stringify([...new Set(personIds)])) as { person_id: string; last: string }[];
  return new Map(rows.map((r) => [r.person_id, r.last]));
}
