/**
 * Adding facts up and listing them, the same way for every indicator: a figure is the sum (or
 * minimum, maximum, median) of a measure over the facts of indicators.ts, overall or per value of a
 * breakdown; a derived figure (a rate, an average) is computed from the summed measures, so the
 * figures of the grids add up to the office's and the offices' to the county's. The list behind a
 * number is the facts with that measure (and that breakdown value), with the person's columns.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { AppError } from '../../../shared/errors';
import { ageOn } from '../../../shared/calendar';
import { DIM_VALUES, indicator, type Dim, type IndicatorDef, type MeasureDef } from '../../../shared/reports/catalogue';
import { resolvePeriodText, type ResolvedPeriod } from '../../../shared/reports/period';
import type { DrillResult, DrillRow, IndicatorResult, IndicatorRow, RagStatus } from '../../../shared/schemas/reports';
import { FACTS, TALLIES, type FactRow, type FactSource, type FactValue } from './indicators';
import type { ReportContext } from './scope';
import { dimNames } from './names';

export function requireIndicator(key: string): IndicatorDef {
  const def = indicator(key);
  if (!def) throw new AppError('INVALID_INPUT', `No indicator ${key}.`, { issues: [{ path: 'key', message: 'report.unknownIndicator', code: 'custom' }] });
  return def;
}

export function requireBreakdown(def: IndicatorDef, by: Dim | undefined): void {
  if (by !== undefined && !def.breakdowns.includes(by)) {
    throw new AppError('INVALID_INPUT', `${def.key} has no breakdown by ${by}.`, { issues: [{ path: 'by', message: 'report.noSuchBreakdown', code: 'custom' }] });
  }
}

export function periodOf(rc: ReportContext, def: IndicatorDef, text: string): ResolvedPeriod {
  return resolvePeriodText(text, def.use, rc.today, rc.recordsFrom, def.campaign ?? null);
}

/**
 * The facts of an indicator. `counted` names the measures read when each is summed or listed where
 * above 0: the facts may then leave out rows none of them counts (see FactContext.counted).
 */
function factsOf(rc: ReportContext, def: IndicatorDef, period: ResolvedPeriod, counted?: readonly MeasureDef[]): FactSource {
  const facts = FACTS[def.key];
  if (!facts) throw new Error(`indicator ${def.key} has no implementation`);
  return facts({ db: rc.db, office: rc.office, period, today: rc.today, settings: rc.settings, counted: counted?.map((m) => m.key) });
}

/** The source of an indicator's figures (not its lists): the counted-ahead table where one holds the breakdown, else the facts. */
function sumsSourceOf(rc: ReportContext, def: IndicatorDef, period: ResolvedPeriod, by: Dim | undefined, measures: readonly MeasureDef[]): FactSource {
  // A minimum, maximum or median would change with the rows a narrowed source leaves out; a sum does not.
  const counted = measures.length < def.measures.length && measures.every((m) => m.agg === 'sum') ? measures : undefined;
  const tally = TALLIES[def.key]?.({ db: rc.db, office: rc.office, period, today: rc.today, settings: rc.settings, counted: counted?.map((m) => m.key) }, by);
  return tally ?? factsOf(rc, def, period, counted);
}

type Sums = Record<string, number | null>;

function emptySums(measures: readonly MeasureDef[]): Sums {
  return Object.fromEntries(measures.map((m) => [m.key, m.agg === 'sum' ? 0 : null]));
}

/**
 * The measures that figures are made of: every measure, or (asked for some figures) those figures'
 * measures, the two parts of a derived one and what the goal is judged on. The facts' SQL then sums
 * only these, and SQLite leaves out the subqueries of the columns nobody reads.
 */
function measuresFor(def: IndicatorDef, figures: readonly string[] | undefined): readonly MeasureDef[] {
  if (!figures) return def.measures;
  const keys = new Set<string>();
  const add = (key: string) => {
    const d = def.derived.find((x) => x.key === key);
    if (d) {
      keys.add(d.num);
      keys.add(d.den);
    } else keys.add(key);
  };
  for (const f of figures) add(f);
  if (def.goal) add(def.goal.figure);
  return def.measures.filter((m) => keys.has(m.key));
}

function combine(m: MeasureDef, a: number | null, b: number | null): number | null {
  if (m.agg === 'sum') return (a ?? 0) + (b ?? 0);
  if (a === null) return b;
  if (b === null) return a;
  return m.agg === 'min' ? Math.min(a, b) : Math.max(a, b);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

/** The figures of summed measures: each measure in its unit, then the derived ones (of the measures counted). */
export function figuresOf(def: IndicatorDef, sums: Sums, measures: readonly MeasureDef[] = def.measures): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const m of measures) {
    const v = sums[m.key] ?? null;
    out[m.key] = v === null ? null : m.divisor ? round(v / m.divisor, m.divisor === 100 ? 2 : 1) : v;
  }
  for (const d of def.derived) {
    if (!measures.some((m) => m.key === d.num) || !measures.some((m) => m.key === d.den)) continue;
    const num = sums[d.num] ?? 0;
    const den = sums[d.den] ?? 0;
    out[d.key] = den > 0 ? round(d.kind === 'ratio' ? (num / den) * 100 : num / den, d.decimals) : null;
  }
  return out;
}

/** Groups of facts by breakdown value (one group, key null, without a breakdown), with summed measures. */
function aggregate(rc: ReportContext, source: FactSource, by: Dim | undefined, measures: readonly MeasureDef[]): Map<string | null, Sums> {
  const groups = new Map<string | null, Sums>();
  const medians = measures.filter((m) => m.agg === 'median');
  const plain = measures.filter((m) => m.agg !== 'median');
  if ('rows' in source) {
    const values = new Map<string, Map<string | null, number[]>>();
    for (const row of source.rows) {
      const k = by ? toKey(row[`d_${by}`]) : null;
      let sums = groups.get(k);
      if (!sums) groups.set(k, (sums = emptySums(measures)));
      for (const m of plain) sums[m.key] = combine(m, sums[m.key] ?? null, toNumber(row[`m_${m.key}`]));
      for (const m of medians) {
        const v = toNumber(row[`m_${m.key}`]);
        if (v === null) continue;
        let byKey = values.get(m.key);
        if (!byKey) values.set(m.key, (byKey = new Map()));
        byKey.set(k, [...(byKey.get(k) ?? []), v]);
      }
    }
    for (const m of medians) for (const [k, list] of values.get(m.key) ?? []) (groups.get(k) as Sums)[m.key] = median(list);
    return groups;
  }
  const k = by ? `f.d_${by}` : 'NULL';
  const cols = plain.map((m) => `${m.agg}(f.m_${m.key}) AS m_${m.key}`).join(', ');
  // Without a breakdown there is one group: no GROUP BY, which would sort every fact by a constant.
  // (Over no facts that gives one row of NULLs, which are the empty sums.)
  const rows = (
    plain.length === 0 && !by ? [] : cachedStatement(rc.db, `SELECT ${k} AS k${cols ? `, ${cols}` : ''} FROM (${source.sql}) f${by ? ' GROUP BY 1' : ''}`).all(source.params)
  ) as Record<string, FactValue>[];
  for (const row of rows) {
    const sums = emptySums(measures);
    for (const m of plain) sums[m.key] = combine(m, sums[m.key] ?? null, toNumber(row[`m_${m.key}`]));
    groups.set(toKey(row['k']), sums);
  }
  for (const m of medians) {
    const list = cachedStatement(rc.db, `SELECT ${k} AS k, f.m_${m.key} AS v FROM (${source.sql}) f WHERE f.m_${m.key} IS NOT NULL`).all(source.params) as { k: FactValue; v: number }[];
    const byKey = new Map<string | null, number[]>();
    for (const r of list) byKey.set(toKey(r.k), [...(byKey.get(toKey(r.k)) ?? []), r.v]);
    for (const [key, values] of byKey) {
      let sums = groups.get(key);
      if (!sums) groups.set(key, (sums = emptySums(measures)));
      sums[m.key] = median(values);
    }
  }
  return groups;
}

/** The median of the whole cannot be made from the medians of its parts: it is read again without a breakdown. */
function totalOf(rc: ReportContext, source: FactSource, groups: Map<string | null, Sums>, by: Dim | undefined, measures: readonly MeasureDef[]): Sums {
  if (!by) return groups.get(null) ?? emptySums(measures);
  const total = emptySums(measures);
  for (const sums of groups.values()) for (const m of measures) if (m.agg !== 'median') total[m.key] = combine(m, total[m.key] ?? null, sums[m.key] ?? null);
  const medians = measures.filter((m) => m.agg === 'median');
  if (medians.length > 0) {
    const whole = aggregate(rc, source, undefined, medians).get(null);
    for (const m of medians) total[m.key] = whole?.[m.key] ?? null;
  }
  return total;
}

function toKey(v: FactValue | undefined): string | null {
  return v === null || v === undefined || v === '' ? null : String(v);
}

function toNumber(v: FactValue | undefined): number | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'number' ? v : Number(v);
}

export function ragOf(value: number | null, target: number, margin: number): RagStatus | null {
  if (value === null) return null;
  if (value >= target) return 'green';
  return value >= target - margin ? 'amber' : 'red';
}

function goalOf(rc: ReportContext, def: IndicatorDef): { target: number; figure: string } | null {
  if (!def.goal || !def.campaign) return null;
  return { target: rc.settings.reports.goals[def.campaign], figure: def.goal.figure };
}

/** The order of breakdown rows: coded values as the catalogue lists them, months in order, named ones by name; the missing value last. */
function orderRows(dim: Dim, rows: IndicatorRow[]): IndicatorRow[] {
  const codeOrder = (key: string | null) => {
    const codes = DIM_ORDER[dim];
    return codes ? codes.indexOf(key ?? '') : -1;
  };
  return rows.sort((a, b) => {
    if ((a.key === null) !== (b.key === null)) return a.key === null ? 1 : -1;
    const ca = codeOrder(a.key);
    const cb = codeOrder(b.key);
    if (ca !== cb) return ca - cb;
    // People by the pinyin of their names; numbered names (grids, branches) as people count them
    // (第二网格 before 第十网格); months in order.
    if (dim === 'contact' || dim === 'recorder') return PINYIN.compare(a.name ?? a.key ?? '', b.name ?? b.key ?? '');
    const x = dim === 'month' ? (a.key ?? '') : naturalKey(a.name ?? a.key ?? '');
    const y = dim === 'month' ? (b.key ?? '') : naturalKey(b.name ?? b.key ?? '');
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

const PINYIN = new Intl.Collator('zh-CN');

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** The value of a Chinese numeral up to 九十九 (十, 十二, 二十, 二十三 …). */
function chineseNumber(text: string): number {
  const ten = text.indexOf('十');
  if (ten === -1) return [...text].reduce((n, ch) => n * 10 + (CN_DIGITS[ch] ?? 0), 0);
  const tens = ten === 0 ? 1 : (CN_DIGITS[text[ten - 1] ?? ''] ?? 1);
  const ones = text.length > ten + 1 ? (CN_DIGITS[text[ten + 1] ?? ''] ?? 0) : 0;
  return tens * 10 + ones;
}

/** A sort key with every number (Arabic or Chinese) zero-padded, so names sort as people count. */
export function naturalKey(name: string): string {
  return name
    .replace(/[零〇一二两三四五六七八九十]+/g, (m) => String(chineseNumber(m)).padStart(6, '0'))
    .replace(/\d+/g, (m) => m.padStart(6, '0'));
}

const DIM_ORDER: Partial<Record<Dim, string[]>> = Object.fromEntries(Object.entries(DIM_VALUES).map(([dim, values]) => [dim, Object.keys(values)]));

/** One indicator for a period, overall and (with `by`) per value of a breakdown. */
export function computeIndicator(rc: ReportContext, key: string, periodText: string, by?: Dim): IndicatorResult {
  const def = requireIndicator(key);
  requireBreakdown(def, by);
  const period = periodOf(rc, def, periodText);
  return computeFor(rc, def, period, by);
}

/**
 * The facts of some values of a breakdown only (a county's communities, without the bureau's own
 * persons): the filter is on the facts, so a median of the whole is of those facts too.
 */
export interface Among {
  dim: Dim;
  keys: readonly string[];
}

function amongOf(source: FactSource, among: Among | undefined): FactSource {
  if (!among) return source;
  if ('rows' in source) {
    const keep = new Set(among.keys);
    return { rows: source.rows.filter((r) => keep.has(toKey(r[`d_${among.dim}`]) ?? '')) };
  }
  return { sql: `SELECT * FROM (${source.sql}) WHERE d_${among.dim} IN (SELECT value FROM json_each(@among))`, params: { ...source.params, among: JSON.stringify(among.keys) } };
}

/**
 * An indicator's figures for a period. `figures` names the figures wanted (measures or derived
 * ones) when not all are: the result then holds those (and what the goal is judged on) only.
 * `among` counts the facts of those breakdown values only; broken down by that breakdown, each of
 * them has its row, with zeros where it has no facts (an office that sent data is not left out).
 */
export function computeFor(rc: ReportContext, def: IndicatorDef, period: ResolvedPeriod, by?: Dim, figures?: readonly string[], among?: Among): IndicatorResult {
  const measures = measuresFor(def, figures);
  const source = amongOf(sumsSourceOf(rc, def, period, by, measures), among);
  const groups = aggregate(rc, source, by, measures);
  if (among && by === among.dim) for (const k of among.keys) if (!groups.has(k)) groups.set(k, emptySums(measures));
  const total = totalOf(rc, source, groups, by, measures);
  const overall = figuresOf(def, total, measures);
  const goal = goalOf(rc, def);
  const margin = rc.settings.reports.amberMargin;
  const names = by ? dimNames(rc.db, by, [...groups.keys()].filter((k): k is string => k !== null)) : new Map<string, string>();
  const rows: IndicatorRow[] = by
    ? orderRows(
        by,
        [...groups].map(([k, sums]) => {
          const f = figuresOf(def, sums, measures);
          return { key: k, name: k === null ? null : (names.get(k) ?? null), figures: f, status: goal ? ragOf(f[goal.figure] ?? null, goal.target, margin) : null };
        }),
      )
    : [];
  return {
    key: def.key,
    version: def.version,
    period,
    office: rc.office,
    figures: overall,
    incomplete: measures.filter((m) => m.incomplete && (total[m.key] ?? 0) > 0).map((m) => ({ key: m.key, count: total[m.key] ?? 0 })),
    goal: goal ? { target: goal.target, status: ragOf(overall[goal.figure] ?? null, goal.target, margin) } : null,
    by: by ?? null,
    rows,
  };
}

// Drill-down

export interface DrillInput {
  key: string;
  measure: string;
  period: string;
  by?: Dim | undefined;
  value?: string | null | undefined;
  limit: number;
  offset: number;
}

interface PersonCells {
  id: string;
  name: string;
  gender: string;
  birth_date: string;
  retirement_type: string;
  grid_name: string | null;
  address: string;
  phones: string;
  status: string;
  status_date: string | null;
  contact_name: string | null;
}

function firstPhone(json: string): string | null {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) && typeof v[0] === 'string' ? v[0] : null;
  } catch {
    return null;
  }
}

/** The person's own columns of a list, as of the period's day (age at death for someone who died before it). */
function personCells(db: Db, ids: string[], asOf: string): Map<string, Record<string, FactValue>> {
  if (ids.length === 0) return new Map();
  const rows = cachedStatement(
    db,
    `SELECT p.id, p.name, p.gender, p.birth_date, p.retirement_type, g.name AS grid_name, p.address, p.phones, p.status, p.status_date,
       (SELECT coalesce(u.display_name, ca.user_name) FROM contact_assignments ca LEFT JOIN users u ON u.id = ca.user_id
         WHERE ca.person_id = p.id AND ca.role = 'primary' AND ca.deleted_at IS NULL AND ca.from_date <= @asOf AND (ca.to_date IS NULL OR ca.to_date > @asOf)
         ORDER BY ca.from_date DESC LIMIT 1) AS contact_name
     FROM json_each(@ids) j JOIN persons p ON p.id = j.value LEFT JOIN grids g ON g.id = p.grid_id`,
  ).all({ ids: JSON.stringify(ids), asOf }) as PersonCells[];
  const out = new Map<string, Record<string, FactValue>>();
  for (const p of rows) {
    const day = p.status === 'deceased' && p.status_date !== null && p.status_date < asOf ? p.status_date : asOf;
    const usable = /^\d{4}-\d{2}-\d{2}$/.test(p.birth_date) && p.birth_date <= day;
    out.set(p.id, {
      name: p.name,
      sex: p.gender,
      age: usable ? ageOn(p.birth_date, day) : null,
      rtype: p.retirement_type,
      grid: p.grid_name,
      contact: p.contact_name,
      address: p.address,
      phone: firstPhone(p.phones),
    });
  }
  return out;
}

function requireDrillMeasure(def: IndicatorDef, measure: string): MeasureDef {
  const m = def.measures.find((x) => x.key === measure);
  if (!m || !m.drill) throw new AppError('INVALID_INPUT', `${def.key} has no list for ${measure}.`, { issues: [{ path: 'measure', message: 'report.noSuchMeasure', code: 'custom' }] });
  return m;
}

function cellsOf(def: IndicatorDef, fact: Record<string, FactValue>, person: Record<string, FactValue> | undefined): Record<string, FactValue> {
  const cells: Record<string, FactValue> = {};
  for (const c of def.columns) {
    if (typeof c === 'string') cells[c] = person?.[c] ?? null;
    else cells[c.key] = fact[`x_${c.key}`] ?? null;
  }
  return cells;
}

/** The facts behind one number: a page of them (or, with limit null, all of them), each with its columns. */
export function drill(rc: ReportContext, input: Omit<DrillInput, 'limit' | 'offset'> & { limit: number | null; offset: number }): DrillResult {
  const def = requireIndicator(input.key);
  requireDrillMeasure(def, input.measure);
  requireBreakdown(def, input.by);
  const period = periodOf(rc, def, input.period);
  const source = factsOf(rc, def, period, def.measures.filter((m) => m.key === input.measure));
  const filtered = input.by !== undefined && input.value !== undefined;
  const value = filtered ? (input.value ?? null) : null;
  let total: number;
  let facts: Record<string, FactValue>[];
  if ('rows' in source) {
    const all = source.rows
      .filter((r: FactRow) => (toNumber(r[`m_${input.measure}`]) ?? 0) > 0 && (!filtered || toKey(r[`d_${input.by}`]) === value))
      .sort((a, b) => a.o.localeCompare(b.o) || a.id.localeCompare(b.id));
    total = all.length;
    facts = input.limit === null ? all.slice(input.offset) : all.slice(input.offset, input.offset + input.limit);
  } else {
    const where = `f.m_${input.measure} > 0${filtered ? ` AND (f.d_${input.by} IS @drillValue${value === null ? " OR f.d_" + input.by + " = ''" : ''})` : ''}`;
    const params = { ...source.params, drillValue: value };
    total = (cachedStatement(rc.db, `SELECT count(*) AS n FROM (${source.sql}) f WHERE ${where}`).get(params) as { n: number }).n;
    // The page is chosen by its order alone, then only its facts are read with every column: the
    // columns (a contact on a day, the latest assessment …) are not worked out for the rows before
    // and after the page. A fact's id is unique among the facts of an indicator.
    const page = (cachedStatement(rc.db, `SELECT f.id FROM (${source.sql}) f WHERE ${where} ORDER BY f.o, f.id LIMIT @limit OFFSET @offset`).all({
      ...params,
      limit: input.limit ?? -1,
      offset: input.offset,
    }) as { id: FactValue }[]).map((r) => r.id);
    facts =
      page.length === 0
        ? []
        : (cachedStatement(rc.db, `SELECT f.* FROM (${source.sql}) f WHERE ${where} AND f.id IN (SELECT value FROM json_each(@pageIds)) ORDER BY f.o, f.id`).all({
            ...params,
            pageIds: JSON.stringify(page),
          }) as Record<string, FactValue>[]);
  }
  const persons = def.facts === 'person' ? personCells(rc.db, [...new Set(facts.map((f) => f['person_id']).filter((x): x is string => typeof x === 'string'))], period.asOf) : new Map();
  const rows: DrillRow[] = facts.map((f) => {
    const personId = typeof f['person_id'] === 'string' ? f['person_id'] : null;
    return { id: String(f['id']), personId, cells: cellsOf(def, f, personId ? persons.get(personId) : undefined) };
  });
  const valueName = filtered && value !== null && input.by ? (dimNames(rc.db, input.by, [value]).get(value) ?? null) : null;
  return { key: def.key, measure: input.measure, period, by: filtered ? (input.by ?? null) : null, value: filtered ? value : null, valueName, officeName: rc.officeName, total, rows };
}

export interface CrossRow {
  keys: (string | null)[];
  sums: Sums;
}

/**
 * Summed measures per combination of several breakdowns in one pass (a form's rows × 离休/退休 ×
 * 男/女). Medians are left out (a form adds no medians up); the caller sums combinations as needed.
 */
export function crossTab(rc: ReportContext, def: IndicatorDef, period: ResolvedPeriod, dims: readonly Dim[]): CrossRow[] {
  const source = factsOf(rc, def, period);
  const plain = def.measures.filter((m) => m.agg !== 'median');
  if ('rows' in source) {
    const groups = new Map<string, CrossRow>();
    for (const row of source.rows) {
      const keys = dims.map((d) => toKey(row[`d_${d}`]));
      const id = JSON.stringify(keys);
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { keys, sums: emptySums(def.measures) }));
      for (const m of plain) g.sums[m.key] = combine(m, g.sums[m.key] ?? null, toNumber(row[`m_${m.key}`]));
    }
    return [...groups.values()];
  }
  const keyCols = dims.map((d, i) => `f.d_${d} AS k${i}`).join(', ');
  const cols = plain.map((m) => `${m.agg}(f.m_${m.key}) AS m_${m.key}`).join(', ');
  const groupBy = dims.map((_, i) => String(i + 1)).join(', ');
  const rows = cachedStatement(rc.db, `SELECT ${keyCols}, ${cols} FROM (${source.sql}) f GROUP BY ${groupBy}`).all(source.params) as Record<string, FactValue>[];
  return rows.map((row) => {
    const sums = emptySums(def.measures);
    for (const m of plain) sums[m.key] = combine(m, null, toNumber(row[`m_${m.key}`]));
    return { keys: dims.map((_, i) => toKey(row[`k${i}`])), sums };
  });
}

/** The sums of the combinations that match: `match[i]` undefined matches any value of dims[i]. */
export function sumWhere(def: IndicatorDef, rows: readonly CrossRow[], match: readonly (string | null | undefined)[]): Sums {
  const out = emptySums(def.measures);
  for (const r of rows) {
    if (!match.every((v, i) => v === undefined || r.keys[i] === v)) continue;
    for (const m of def.measures) if (m.agg !== 'median') out[m.key] = combine(m, out[m.key] ?? null, r.sums[m.key] ?? null);
  }
  return out;
}
