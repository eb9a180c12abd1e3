/**
 * Search latency on the county register (100,000 persons): the one search box of persons.list with
 * limit 50 and the total counted, for each kind of thing people type. Queries are drawn (seeded)
 * from the persons in the database, so every one finds at least its source person.
 */
import type { Db } from '../main/db/connection';
import { namePinyin } from '../main/services/persons/pinyin';
import { Rng } from './generator/prng';
import { explain, measureCases, statementsOf, summarisePaths, type ListCase } from './lib/listQueries';
import { mark, ms, ratio } from './lib/stats';
import type { BenchContext, BenchTable, Benchmark, Cell } from './lib/types';

export const SEARCH_P95_TARGET_MS = 5;
export const RATIO_TARGET = 1.5;

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

async function run(ctx: BenchContext): Promise<BenchTable[]> {
  const fixture = await ctx.county();
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
  description: 'search latency by query kind, service beside raw SQL, on the county database',
  run,
};
