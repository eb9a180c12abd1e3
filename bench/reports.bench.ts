/**
 * Statistics at bureau scale: a copy of the county fixture (100,000 persons) turned into a county
 * bureau with 200 trusted community offices, the persons dealt out among them by origin_office as
 * their packets would have left them. Measured warm, in this process, each beside the same question
 * put as raw SQL (a prepared statement, no engine, no catalogue) for the ratio:
 *
 *   (a) the bureau's 汇总 of all offices (countyRollup), goal p95 ≤ 300 ms;
 *   (b) one office's whole dashboard as the office sees it (dashboard with the office filter), goal p95 ≤ 100 ms;
 *   (c) a drill-down list page (50 rows of one office's register), goal p95 ≤ 50 ms;
 *   (d) one office's annual form counted and written to .xlsx, goal ≤ 3 s.
 *
 * Nothing here fails on a figure; the goals are printed beside the figures.
 */
import { BENCH_DB_KEY } from './lib/dbKey';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeApp, openApp } from '../main/context';
import type { Db } from '../main/db/connection';
import { rollupFigures, countyRollup } from '../main/services/reports/bureau';
import { officeContext } from '../main/services/reports/county';
import { dashboard, periodFor } from '../main/services/reports/dashboard';
import { drill } from '../main/services/reports/engine';
import { countForm } from '../main/services/reports/forms/forms';
import { formWorkbook } from '../main/services/reports/forms/xlsx';
import { localDayStartUtc } from '../main/services/reports/sql';
import { getSettings } from '../main/services/settings/settings';
import { mark, ms, ratio, summarise } from './lib/stats';
import { rawSums, type RawScope } from './lib/rawFacts';
import { CAMPAIGN_KEYS, INDICATORS, indicator, type Dim } from '../shared/reports/catalogue';
import { parsePeriod } from '../shared/reports/period';
import type { BenchContext, BenchTable, Benchmark, Cell } from './lib/types';

export const ROLLUP_P95_MS = 300;
export const DASHBOARD_P95_MS = 100;
export const DRILL_P95_MS = 50;
export const ANNUAL_XLSX_MS = 3000;
const OFFICES = 200;

/** Runs `fn` once to warm, then `n` times; the samples in milliseconds. */
async function sample(n: number, fn: (i: number) => unknown): Promise<number[]> {
  await fn(0);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

/** The bureau copy: the county's persons dealt out among OFFICES trusted communities. */
export function bureauCopy(source: string, log: (line: string) => void): { dir: string; offices: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadrecare-bench-reports-'));
  for (const f of fs.readdirSync(source)) fs.cpSync(path.join(source, f), path.join(dir, f), { recursive: true });
  log(`reports: dealing the county's persons out among ${OFFICES} offices in ${dir} …`);
  const app = openApp({ key: BENCH_DB_KEY, dataDir: dir, transport: 'direct' });
  try {
    const db = app.db;
    const offices = Array.from({ length: OFFICES }, (_, i) => `bench-office-${String(i + 1).padStart(3, '0')}`);
    db.transaction(() => {
      const add = db.prepare(
        `INSERT OR REPLACE INTO trusted_offices (office_id, name, area_code, mode, card_json, fingerprint, trusted_by, trusted_at, updated_at)
         VALUES (?, ?, ?, 'community', '{}', '', 'bench', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
      );
      offices.forEach((id, i) => add.run(id, `第${i + 1}社区`, `140702${String(i + 1).padStart(6, '0')}`));
      // Every table whose rows carry an origin office follows its person; the persons by rowid.
      db.exec(`CREATE TEMP TABLE deal AS SELECT id, 'bench-office-' || printf('%03d', (rowid % ${OFFICES}) + 1) AS office FROM persons`);
      db.exec('CREATE UNIQUE INDEX temp.deal_id ON deal (id)');
      db.exec('UPDATE persons SET origin_office = (SELECT office FROM deal WHERE deal.id = persons.id)');
      const tables = db.prepare("SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name <> 'persons' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'person_id') AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'origin_office')").all() as { name: string }[];
      for (const t of tables) db.exec(`UPDATE "${t.name}" SET origin_office = coalesce((SELECT office FROM deal WHERE deal.id = "${t.name}".person_id), origin_office)`);
      db.exec('DROP TABLE temp.deal');
    }).immediate();
    const t0 = performance.now();
    db.transaction(() => writeVisitHistory(db)).immediate();
    log(`reports: a year of visits written in ${Math.round((performance.now() - t0) / 1000)} s`);
    // No ANALYZE: the app never runs it, so the planner works from the statistics the migrations write.
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { dir, offices };
  } finally {
    closeApp(app);
  }
}

/** The year whose visits the copy holds: complete, before the fixture's reference day. */
const VISIT_YEAR = 2025;

/**
 * A year of visits as the offices' packets would bring them (raw SQL: bench data, not an office's
 * own): the persons registered over the two and a half years before the reference day, so some
 * arrive in the year; from registration on, 60 % visited monthly and 40 % quarterly, and everyone
 * due for 春节, 七一 and 重阳; 85 % of the visits done (some late), with a record each (慰问金 on the
 * campaign ones), December's partly still open. About 9 planned visits and 8 records per person.
 */
function writeVisitHistory(db: Db): void {
  db.exec(`UPDATE persons SET created_at = strftime('%Y-%m-%dT08:00:00.000Z', '2023-07-01', '+' || (rowid % 910) || ' days')`);
  db.exec("UPDATE office SET created_at = '2023-07-01T08:00:00.000Z'");
  db.exec(`CREATE TEMP TABLE due (key TEXT, reason TEXT, window_start TEXT, due_date TEXT, monthly INTEGER)`);
  const due = db.prepare('INSERT INTO temp.due VALUES (?, ?, ?, ?, ?)');
  for (let m = 1; m <= 12; m++) {
    const mm = String(m).padStart(2, '0');
    const last = new Date(Date.UTC(VISIT_YEAR, m, 0)).toISOString().slice(0, 10);
    due.run(`routine:${VISIT_YEAR}-${mm}`, 'routine', `${VISIT_YEAR}-${mm}-01`, last, 1);
    if (m % 3 === 1) due.run(`routine:${VISIT_YEAR}-${mm}/3m`, 'routine', `${VISIT_YEAR}-${mm}-01`, new Date(Date.UTC(VISIT_YEAR, m + 2, 0)).toISOString().slice(0, 10), 0);
  }
  due.run(`spring_festival:${VISIT_YEAR}`, 'spring_festival', `${VISIT_YEAR}-01-14`, `${VISIT_YEAR}-02-04`, 2);
  due.run(`party_day:${VISIT_YEAR}`, 'party_day', `${VISIT_YEAR}-06-24`, `${VISIT_YEAR}-07-08`, 2);
  due.run(`chongyang:${VISIT_YEAR}`, 'chongyang', `${VISIT_YEAR}-10-22`, `${VISIT_YEAR}-11-05`, 2);
  const stamp = `'${VISIT_YEAR}-06-01T08:00:00.000Z'`;
  db.exec(`INSERT INTO planned_visits (id, created_at, updated_at, updated_by, origin_office, person_id, key, reason, due_date, window_start, missed_after, done_on, visit_record_id)
    SELECT 'bv-' || p.rowid || '-' || d.key, ${stamp}, ${stamp}, 'bench', p.origin_office, p.id, d.key, d.reason, d.due_date, d.window_start, date(d.due_date, '+30 days'),
      CASE WHEN (p.rowid * 7 + d.rowid * 13) % 100 < 85 AND d.due_date < '${VISIT_YEAR}-12-20' THEN date(d.due_date, '-' || ((p.rowid + d.rowid) % 20) || ' days')
           WHEN (p.rowid * 7 + d.rowid * 13) % 100 < 90 AND d.due_date < '${VISIT_YEAR}-12-01' THEN date(d.due_date, '+' || ((p.rowid + d.rowid) % 15 + 1) || ' days') END,
      NULL
    FROM persons p JOIN temp.due d ON (d.monthly = 2 OR d.monthly = (p.rowid % 5 < 3))
    WHERE p.deleted_at IS NULL AND d.window_start >= date(p.created_at)`);
  db.exec(`INSERT INTO visit_records (id, created_at, updated_at, updated_by, origin_office, person_id, planned_visit_id, visit_date, visitors, method, reason, summary, recorded_by, gift_fen, gift_items)
    SELECT 'br-' || substr(v.id, 4), ${stamp}, ${stamp}, 'bench', v.origin_office, v.person_id, v.id, v.done_on, '网格员', CASE WHEN v.rowid % 10 < 8 THEN 'home' ELSE 'phone' END,
      v.reason, '身体状况良好', 'bench', CASE WHEN v.reason = 'routine' THEN 0 ELSE 30000 END, CASE WHEN v.reason = 'routine' THEN '' ELSE '米面油一份' END
    FROM planned_visits v WHERE v.done_on IS NOT NULL AND v.id GLOB 'bv-*'`);
  db.exec(`UPDATE planned_visits SET visit_record_id = 'br-' || substr(id, 4) WHERE done_on IS NOT NULL AND id GLOB 'bv-*'`);
  db.exec('DROP TABLE temp.due');
}

/**
 * The dashboard's questions as the floor puts them (bench/lib/rawFacts.ts): every indicator of the
 * catalogue for the period, the charted ones by their chart's breakdown. An indicator refused for
 * the period is refused by the floor too.
 */
const CHART_DIMS: Record<string, Dim[]> = { 'visits.plan': ['month'], 'persons.age': ['sex'], ...Object.fromEntries(CAMPAIGN_KEYS.map((k) => [k, ['grid' as Dim]])) };

function rawDashboard(scope: RawScope, text: string): void {
  const period = parsePeriod(text);
  if (!period) throw new Error(`not a period: ${text}`);
  for (const def of INDICATORS) {
    try {
      rawSums(scope, def.key, periodFor(def, period, text), CHART_DIMS[def.key] ?? []);
    } catch (err) {
      if (!(err instanceof Error) || !('code' in err)) throw err;
    }
  }
}

/** The roll-up's figures by office (with the campaigns' when asked), the county's every office at once. */
function rawRollup(scope: RawScope, text: string, campaigns: boolean): void {
  const period = parsePeriod(text);
  if (!period) throw new Error(`not a period: ${text}`);
  for (const key of new Set(rollupFigures(campaigns).map((f) => f.key))) rawSums(scope, key, periodFor(indicator(key) as NonNullable<ReturnType<typeof indicator>>, period, text), ['office']);
}

/** The annual form's four cross-tabulations, as annual.ts asks them, without its tables or the .xlsx. */
function rawAnnual(scope: RawScope, year: string): void {
  rawSums(scope, 'persons.headcount', year, ['rtype', 'sex', 'unitLevel', 'unitKind', 'living', 'adl']);
  rawSums(scope, 'persons.changes', year, ['rtype', 'sex']);
  rawSums(scope, 'persons.age', year, ['rtype', 'sex']);
  rawSums(scope, 'party.members', year, ['rtype', 'sex']);
}

const RAW_PAGE = `SELECT p.id, p.name, p.gender, p.birth_date, p.retirement_type, p.address FROM persons p
  WHERE p.deleted_at IS NULL AND p.status = 'active' AND p.created_at < @end AND p.origin_office = @office ORDER BY p.name_pinyin, p.id LIMIT 50`;

function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export const reportsBenchmark: Benchmark = {
  name: 'reports',
  description: `statistics at bureau scale: the 汇总 of ${OFFICES} offices, one office's dashboard, a drill-down page, the annual form to .xlsx, each beside raw SQL`,
  async run(ctx: BenchContext): Promise<BenchTable[]> {
    const county = await ctx.county();
    const { dir, offices } = bureauCopy(county.dataDir, ctx.log);
    const today = county.meta.referenceDate;
    const clock = () => new Date(`${today}T09:00:00.000Z`);
    const app = openApp({ key: BENCH_DB_KEY, dataDir: dir, transport: 'direct', clock });
    try {
      const db = app.db;
      // The year of visits written into the copy, complete before the reference day.
      const period = String(VISIT_YEAR);
      const end = localDayStartUtc(`${VISIT_YEAR + 1}-01-01`);
      const persons = (db.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;
      const plans = hasTable(db, 'planned_visits') ? (db.prepare('SELECT count(*) AS n FROM planned_visits').get() as { n: number }).n : 0;
      const records = hasTable(db, 'visit_records') ? (db.prepare('SELECT count(*) AS n FROM visit_records').get() as { n: number }).n : 0;
      const reps = Math.max(5, Math.min(ctx.queries, 20));
      const pick = (i: number) => offices[(i * 37) % offices.length] as string;
      const rows: Cell[][] = [];
      const row = (what: string, samples: number[], raw: number[], goal: number) => {
        const s = summarise(samples);
        const r = summarise(raw);
        rows.push([what, s.n, ms(s.p50), ms(s.p95), ms(r.p95), ratio(s.p95, r.p95), `≤ ${goal}`, mark(s.p95 <= goal)]);
      };

      ctx.log('reports: the roll-up …');
      const rollup = await sample(Math.min(reps, 10), () => countyRollup(db, today, period));
      const refused = countyRollup(db, today, period).rows.filter((r) => r.refused !== null).length;
      // The floor's scopes: the county (every office, from the first office's first record) and each office's own.
      const settings = getSettings(db);
      const countyScope: RawScope = { db, office: null, today, recordsFrom: '2023-07-01', settings };
      const scopes = new Map(offices.map((id) => [id, { db, office: id, today, recordsFrom: officeContext(db, today, id).recordsFrom, settings } satisfies RawScope]));
      const scopeOf = (i: number) => scopes.get(pick(i)) as RawScope;
      const rawRoll = await sample(Math.min(reps, 10), () => rawRollup(countyScope, period, true));
      row(`汇总 of ${offices.length} offices (${period})`, rollup, rawRoll, ROLLUP_P95_MS);
      // With 春节 and 重阳 hidden (the switch on the page): the narrower table.
      const narrow = await sample(Math.min(reps, 5), () => countyRollup(db, today, period, false));
      const rawNarrow = await sample(Math.min(reps, 5), () => rawRollup(countyScope, period, false));
      const nw = summarise(narrow);
      const rnw = summarise(rawNarrow);
      rows.push([`… with 春节 and 重阳 hidden`, nw.n, ms(nw.p50), ms(nw.p95), ms(rnw.p95), ratio(nw.p95, rnw.p95), '(none)', '']);

      ctx.log('reports: one office’s dashboard …');
      const dash = await sample(reps, (i) => dashboard(officeContext(db, today, pick(i)), period));
      const rawDash = await sample(reps, (i) => rawDashboard(scopeOf(i), period));
      row('one office’s dashboard', dash, rawDash, DASHBOARD_P95_MS);

      ctx.log('reports: drill-down pages …');
      const page = await sample(reps * 2, (i) => drill(officeContext(db, today, pick(i)), { key: 'persons.headcount', measure: 'total', period, limit: 50, offset: 0 }));
      const rawPageStmt = db.prepare(RAW_PAGE);
      const rawPage = await sample(reps * 2, (i) => rawPageStmt.all({ end, office: pick(i) }));
      row('drill-down page (50 rows)', page, rawPage, DRILL_P95_MS);

      ctx.log('reports: the annual form to .xlsx …');
      const forms = await sample(Math.min(reps, 5), async (i) => formWorkbook(countForm(officeContext(db, today, pick(i)), 'annual', period)));
      const rawForms = await sample(Math.min(reps, 5), (i) => rawAnnual(scopeOf(i), period));
      row('annual form → .xlsx (one office)', forms, rawForms, ANNUAL_XLSX_MS);

      return [
        {
          title: `Statistics at bureau scale — ${offices.length} offices, ${persons.toLocaleString('en-US')} persons, ${plans.toLocaleString('en-US')} planned visits, ${records.toLocaleString('en-US')} visit records`,
          columns: ['what', 'n', 'p50 ms', 'p95 ms', 'raw SQL p95 ms', 'ratio', 'goal ms', ''],
          rows,
          notes: [
            'Warm: each measured after one unmeasured run, in this process, on a copy of the county fixture dealt out among the offices by origin_office.',
            'The 汇总 holds headcount, visit plan, 春节 and 重阳 (due, visited, coverage, 慰问金) and contacts; the campaigns come from visit_campaign_tally (0028), counted ahead with their 慰问金, and the bureau may hide them.',
            'Raw SQL asks the same questions straight of SQLite (bench/lib/rawFacts.ts): each indicator’s facts summed in one prepared statement, grouped as asked — the roll-up’s indicators by office; the dashboard’s every indicator, the charted ones by their chart’s breakdown; the annual form’s four cross-tabulations; one page of the register — without the engine’s catalogue, counts kept ahead, names, goals, form tables or .xlsx.',
            `Period ${period} counted to ${today}; offices whose figures were refused for it: ${refused}.`,
            `The copy's visits (${VISIT_YEAR}) are written by raw SQL after the persons are dealt out (writeVisitHistory); the persons registered from mid-2023 to the end of ${VISIT_YEAR}.`,
            'The visit figures read visit_plan_tally (the planned visits counted ahead per office and due day, kept by triggers) and the headcount person_register_tally (persons whose status never changed, per office and month of registration); the raw SQL reads the visits and persons themselves, so there a ratio below 1 is what counting ahead saves. The annual form’s ratio is what laying out its tables and writing the .xlsx cost over its queries.',
            'The persons are dealt out by rowid, so each office’s rows lie on every page of every table: the worst case for one office’s dashboard, whose cost is mostly pages read and decrypted for the first time (an office’s own packet writes its rows together).',
          ].filter((n) => n !== ''),
        },
      ];
    } finally {
      closeApp(app);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
