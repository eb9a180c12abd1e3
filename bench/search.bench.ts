/**
 * Search latency on the county register (100,000 persons): the one search box of persons.list with
 * limit 50 and the total counted, for each kind of thing people type. Queries are drawn (seeded)
 * from the persons in the database, so every one finds at least its source person.
 *
 * Two tables: the service beside the raw SQL on the county database as the benches keep it, and the
 * cost of encryption at rest: the same queries on a plaintext copy of the county and on that copy
 * encrypted again the way the upgrade writes it (so both files have the same content and the same
 * page layout), call by call alternating which goes first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeApp, openApp } from '../main/context';
import type { Db } from '../main/db/connection';
import { writeEncryptedCopy } from '../main/db/upgrade';
import { databasePath } from '../main/paths';
import { listPersons } from '../main/services/persons/persons';
import { namePinyin } from '../main/services/persons/pinyin';
import { personListQuerySchema, type PersonListQuery } from '../shared/schemas/persons';
import { Rng } from './generator/prng';
import { CACHE_ROOT } from './lib/county';
import { BENCH_DB_KEY } from './lib/dbKey';
import { explain, measureCases, statementsOf, summarisePaths, type ListCase } from './lib/listQueries';
import { mark, ms, ratio, summarise } from './lib/stats';
import type { BenchContext, BenchTable, Benchmark, Cell } from './lib/types';
import { plaintextCounty } from './upgrade.bench';

export const SEARCH_P95_TARGET_MS = 5;
export const RATIO_TARGET = 1.5;
/** Encrypted / plaintext, p95 of the same queries (encryption at rest costs at most a quarter more). */
export const ENCRYPTED_RATIO_TARGET = 1.25;

interface Sample {
  name: string;
  name_pinyin: string;
  name_initials: string;
  id_number: string;
  phones: string;
}

interface Kind {
  key: string;
  label: string;
  make(p: Sample, rng: Rng): string | null;
}

export const SEARCH_KINDS: readonly Kind[] = [
  { key: 'name2', label: '2-character name', make: (p) => ([...p.name].length === 2 ? p.name : null) },
  { key: 'name3', label: '3-character name', make: (p) => ([...p.name].length === 3 ? p.name : null) },
  { key: 'initials2', label: 'pinyin initials, 2 letters', make: (p) => (p.name_initials.length >= 2 ? p.name_initials.slice(0, 2) : null) },
  { key: 'initials3', label: 'pinyin initials, 3 letters', make: (p) => (p.name_initials.length >= 3 ? p.name_initials.slice(0, 3) : null) },
  { key: 'pinyin', label: 'full pinyin', make: (p) => p.name_pinyin },
  { key: 'surname', label: 'surname pinyin (typing)', make: (p) => namePinyin([...p.name][0] ?? '').full || null },
  {
    key: 'id6',
    label: 'ID number, 6 middle digits',
    make: (p, rng) => {
      const start = rng.int(4, 10);
      return p.id_number.slice(start, start + 6);
    },
  },
  {
    key: 'phone',
    label: 'phone fragment, 4-8 digits',
    make: (p, rng) => {
      const phones = JSON.parse(p.phones) as string[];
      if (phones.length === 0) return null;
      const digits = rng.pick(phones).replace(/\D/g, '');
      const length = rng.int(4, 8);
      // Most often the tail (尾号), otherwise from anywhere after the prefix.
      const start = rng.chance(0.5) ? digits.length - length : rng.int(3, Math.max(3, digits.length - length));
      return digits.slice(start, start + length);
    },
  },
  // Last, so the kinds above draw the same queries as before it was added.
  { key: 'char1', label: 'one character (a surname)', make: (p) => [...p.name][0] ?? null },
  { key: 'given1', label: 'one character (of a given name)', make: (p) => [...p.name].at(-1) ?? null },
];

/** Up to `count` distinct queries of each kind, drawn from random persons. */
export function sampleQueries(db: Db, seed: number, count: number): Map<string, string[]> {
  const rng = new Rng(seed ^ 0x5ea4c4);
  const maxRowid = (db.prepare('SELECT max(rowid) AS m FROM persons').get() as { m: number | null }).m ?? 0;
  const byRowid = db.prepare('SELECT name, name_pinyin, name_initials, id_number, phones FROM persons WHERE rowid = ? AND deleted_at IS NULL');
  const out = new Map<string, string[]>();
  for (const kind of SEARCH_KINDS) {
    const seen = new Set<string>();
    for (let attempt = 0; seen.size < count && attempt < count * 50 && maxRowid > 0; attempt++) {
      const row = byRowid.get(rng.int(1, maxRowid)) as Sample | undefined;
      if (!row) continue;
      const q = kind.make(row, rng);
      if (q) seen.add(q);
    }
    out.set(kind.key, [...seen]);
  }
  return out;
}

/**
 * The plaintext copy of the county (shared with the upgrade bench) encrypted again by the upgrade's
 * own copy, cached beside the county: same rows, same page layout as the plaintext one, unlike the
 * county file itself, which was written row by row.
 */
async function reencryptedCounty(plainDir: string, cacheKey: string, log: (line: string) => void): Promise<string> {
  const dir = path.join(CACHE_ROOT, `${cacheKey}-reencrypted`);
  if (fs.existsSync(path.join(dir, 'done'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  log('encrypting the plaintext county copy again (once) …');
  await writeEncryptedCopy(databasePath(plainDir), databasePath(dir), Buffer.from(BENCH_DB_KEY));
  fs.writeFileSync(path.join(dir, 'done'), '');
  return dir;
}

interface Side {
  wall: number[];
  cpu: number[];
}

/** What a search answered, to check both files answer alike. */
const answerOf = (r: ReturnType<typeof listPersons>) => `${r.total}${r.capped ? '+' : ''}:${r.rows.map((row) => row.id).join(',')}`;

/**
 * Every query of every kind on both databases, `rounds` times after one pass that warms both caches
 * alike and checks both answer the same; the side that goes first alternates call by call. Wall and
 * CPU time of each call (CPU time stays put when other work on the machine takes the cores).
 */
function measureEncryption(plain: Db, enc: Db, queries: Map<string, string[]>, today: string, rounds: number): Map<string, { plain: Side; enc: Side }> {
  const cases: { kind: string; query: PersonListQuery }[] = [];
  for (const kind of SEARCH_KINDS) for (const q of queries.get(kind.key) ?? []) cases.push({ kind: kind.key, query: personListQuerySchema.parse({ search: q, limit: 50 }) });
  for (const c of cases) {
    const a = answerOf(listPersons(plain, c.query, today));
    const b = answerOf(listPersons(enc, c.query, today));
    if (a !== b) throw new Error(`search "${c.query.search}" answered differently on the plaintext and the encrypted copy`);
  }
  const out = new Map<string, { plain: Side; enc: Side }>();
  for (let round = 0; round < rounds; round++) {
    for (const [i, c] of cases.entries()) {
      let sides = out.get(c.kind);
      if (!sides) out.set(c.kind, (sides = { plain: { wall: [], cpu: [] }, enc: { wall: [], cpu: [] } }));
      const s = sides;
      const order: [Db, Side][] = (i + round) % 2 === 0 ? [[plain, s.plain], [enc, s.enc]] : [[enc, s.enc], [plain, s.plain]];
      for (const [db, side] of order) {
        const cpu = process.cpuUsage();
        const t = performance.now();
        listPersons(db, c.query, today);
        side.wall.push(performance.now() - t);
        const used = process.cpuUsage(cpu);
        side.cpu.push((used.user + used.system) / 1000);
      }
    }
  }
  return out;
}

async function encryptionTable(ctx: BenchContext, fixture: Awaited<ReturnType<BenchContext['county']>>): Promise<BenchTable> {
  const plainDir = plaintextCounty(fixture.dataDir, fixture.meta.key, ctx.log);
  const encDir = await reencryptedCounty(plainDir, fixture.meta.key, ctx.log);
  const clock = () => new Date(`${fixture.meta.referenceDate}T09:00:00.000Z`);
  const plain = openApp({ dataDir: plainDir, transport: 'direct', clock, plaintext: true });
  try {
    const enc = openApp({ dataDir: encDir, transport: 'direct', clock, key: Buffer.from(BENCH_DB_KEY) });
    try {
      const queries = sampleQueries(plain.db, ctx.seed, ctx.queries);
      ctx.log(`search: plaintext and encrypted, ${[...queries.values()].reduce((n, l) => n + l.length, 0)} queries alternating …`);
      const load = os.loadavg()[0] ?? 0;
      const cpu = process.cpuUsage();
      const t = performance.now();
      const times = measureEncryption(plain.db, enc.db, queries, fixture.meta.referenceDate, 2);
      const wall = performance.now() - t;
      const used = process.cpuUsage(cpu);
      const rows: Cell[][] = SEARCH_KINDS.map((kind) => {
        const sides = times.get(kind.key);
        if (!sides) return [kind.label, 0, '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'];
        const [p, e, pc, ec] = [summarise(sides.plain.wall), summarise(sides.enc.wall), summarise(sides.plain.cpu), summarise(sides.enc.cpu)];
        return [
          kind.label,
          p.n,
          ms(p.p50),
          ms(p.p95),
          ms(e.p50),
          ms(e.p95),
          ratio(e.p50, p.p50),
          ratio(e.p95, p.p95),
          ms(pc.p95),
          ms(ec.p95),
          ratio(ec.p95, pc.p95),
          mark(Math.max(p.p95, e.p95) <= SEARCH_P95_TARGET_MS),
          mark(e.p95 / p.p95 <= ENCRYPTED_RATIO_TARGET),
        ];
      });
      return {
        title: `Search, encrypted / plaintext: the same ${fixture.meta.persons.toLocaleString('en')} persons in both files (listPersons, limit 50, ms)`,
        columns: ['query kind', 'samples', 'plain p50', 'plain p95', 'enc p50', 'enc p95', 'ratio p50', 'ratio p95', 'plain cpu p95', 'enc cpu p95', 'cpu ratio p95', `p95≤${SEARCH_P95_TARGET_MS}`, `ratio≤${ENCRYPTED_RATIO_TARGET}`],
        rows,
        notes: [
          `targets: p95 ≤ ${SEARCH_P95_TARGET_MS} ms on both; encrypted / plaintext p95 ≤ ${ENCRYPTED_RATIO_TARGET} (printed, never asserted)`,
          'plain = the county decrypted (the upgrade bench\'s copy); enc = that copy encrypted again by the upgrade\'s own copy, as an upgraded office has it;',
          'both with the page cache every app connection has; one pass over every query on both first (both caches warmed alike, answers checked equal), then 2 rounds.',
          `cpu = user + system time of the process during the call; whole run ${ms(wall)} ms wall, ${ms((used.user + used.system) / 1000)} ms CPU; load ${load.toFixed(2)} at the start, ${(os.loadavg()[0] ?? 0).toFixed(2)} at the end`,
        ],
      };
    } finally {
      closeApp(enc);
    }
  } finally {
    closeApp(plain);
  }
}

async function run(ctx: BenchContext): Promise<BenchTable[]> {
  const fixture = await ctx.county();
  const tables = await serviceTable(ctx, fixture);
  tables.push(await encryptionTable(ctx, fixture));
  return tables;
}

async function serviceTable(ctx: BenchContext, fixture: Awaited<ReturnType<BenchContext['county']>>): Promise<BenchTable[]> {
  const county = fixture.open();
  try {
    const queries = sampleQueries(county.app.db, ctx.seed, ctx.queries);
    const rows: Cell[][] = [];
    const plans: string[] = [];
    for (const kind of SEARCH_KINDS) {
      const list = queries.get(kind.key) ?? [];
      ctx.log(`search: ${kind.label} (${list.length} queries)`);
      const cases: ListCase[] = list.map((q) => ({ label: q, input: { search: q, limit: 50 } }));
      const times = await measureCases(county, cases, 2);
      const s = summarisePaths(times);
      const example = list[0] ?? '';
      rows.push([
        kind.label,
        example,
        s.service.n,
        Math.round(s.meanTotal),
        ms(s.raw.p50),
        ms(s.raw.p95),
        ms(s.service.p50),
        ms(s.service.p95),
        ratio(s.service.p50, s.raw.p50),
        ratio(s.service.p95, s.raw.p95),
        ms(s.dispatch.p50),
        ms(s.dispatch.p95),
        mark(s.service.p95 <= SEARCH_P95_TARGET_MS),
        mark(s.service.p95 / s.raw.p95 <= RATIO_TARGET),
      ]);
      if (example) plans.push(`${kind.key} "${example}": ${explain(county.app.db, statementsOf(county, { search: example, limit: 50 })).join('  ||  ')}`);
    }
    return [
      {
        title: `Search on ${fixture.meta.persons.toLocaleString('en')} persons (persons.list, limit 50, total counted up to the cap; ms)`,
        columns: ['query kind', 'example', 'samples', 'hits', 'raw p50', 'raw p95', 'svc p50', 'svc p95', 'ratio p50', 'ratio p95', 'disp p50', 'disp p95', `p95≤${SEARCH_P95_TARGET_MS}`, `ratio≤${RATIO_TARGET}`],
        rows,
        notes: [
          `targets: service p95 ≤ ${SEARCH_P95_TARGET_MS} ms; ratio service/raw ≤ ${RATIO_TARGET} (printed, never asserted)`,
          'raw = the same SQL text and parameters listPersons ran, prepared once, executed directly (count + page);',
          'svc = listPersons(); disp = dispatch(persons.list): validation, roles, read transaction, output check.',
          'query plans (first query of each kind):',
          ...plans.map((p) => `  ${p}`),
        ],
      },
    ];
  } finally {
    county.close();
  }
}

export const searchBenchmark: Benchmark = {
  name: 'search',
  description: 'search latency by query kind: service beside raw SQL on the county database, and encrypted against plaintext on the same content',
  run,
};
