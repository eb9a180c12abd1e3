/**
 * The floor of a statistics measurement: the same question put straight to SQLite. Each indicator's
 * facts (main/services/reports/indicators.ts: the rows a figure is the sum of) summed, or grouped by
 * the breakdowns asked, in one prepared statement — without the engine around it: no catalogue
 * lookups, no counts kept ahead (visit_plan_tally, person_register_tally: the floor reads the
 * visits and persons themselves, so a ratio below 1 is what counting ahead saves), no names of
 * breakdown values, no goals, no tables of a form, no .xlsx. Medians are left out (a sum cannot
 * make them). Facts computed in JavaScript (rows rather than SQL) are the floor as they stand.
 */
import type { Db } from '../../main/db/connection';
import { FACTS } from '../../main/services/reports/indicators';
import { indicator, type Dim } from '../../shared/reports/catalogue';
import { resolvePeriodText } from '../../shared/reports/period';
import type { OfficeSettings } from '../../shared/schemas/settings';

export interface RawScope {
  db: Db;
  /** origin_office counted, or null for every office. */
  office: string | null;
  today: string;
  /** The first day of records the period may not start before. */
  recordsFrom: string;
  settings: OfficeSettings;
}

const prepared = new WeakMap<Db, Map<string, ReturnType<Db['prepare']>>>();

function statement(db: Db, sql: string): ReturnType<Db['prepare']> {
  let byText = prepared.get(db);
  if (!byText) prepared.set(db, (byText = new Map()));
  let s = byText.get(sql);
  if (!s) byText.set(sql, (s = db.prepare(sql)));
  return s;
}

/** An indicator's summed measures for a period, overall or grouped by `dims`: the rows SQLite answers. */
export function rawSums(scope: RawScope, key: string, periodText: string, dims: readonly Dim[] = []): unknown[] {
  const def = indicator(key);
  const facts = FACTS[key];
  if (!def || !facts) throw new Error(`indicator ${key} is not in the catalogue`);
  const period = resolvePeriodText(periodText, def.use, scope.today, scope.recordsFrom, def.campaign ?? null);
  const source = facts({ db: scope.db, office: scope.office, period, today: scope.today, settings: scope.settings });
  if ('rows' in source) return source.rows;
  const keys = dims.map((d, i) => `f.d_${d} AS k${i}`);
  const sums = def.measures.filter((m) => m.agg !== 'median').map((m) => `${m.agg}(f.m_${m.key}) AS m_${m.key}`);
  const groupBy = dims.length > 0 ? ` GROUP BY ${dims.map((_, i) => String(i + 1)).join(', ')}` : '';
  return statement(scope.db, `SELECT ${[...keys, ...sums].join(', ')} FROM (${source.sql}) f${groupBy}`).all(source.params);
}
