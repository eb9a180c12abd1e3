/**
 * The register list without a search: the filters and sorts of the list page on the county
 * database (100,000 persons), limit 50 with the total counted, service beside raw SQL.
 */
import { explain, measureCases, statementsOf, summarisePaths, type ListCase } from './lib/listQueries';
import { mark, ms, ratio } from './lib/stats';
import type { BenchContext, BenchTable, Benchmark, Cell } from './lib/types';
import { RATIO_TARGET } from './search.bench';

/** Every filter combination of the register answers within this (p95, ms). */
export const LIST_P95_TARGET_MS = 10;

export const LIST_CASES: readonly ListCase[] = [
  { label: 'active register, by name', input: {} },
  { label: 'by birth date, newest first', input: { sort: 'birthDate', direction: 'desc' } },
  { label: 'by grid and address', input: { sort: 'address' } },
  // Generated rows share one timestamp, as after a roster import: the tie-break on p.id decides this one.
  { label: 'recently updated (one timestamp)', input: { sort: 'updatedAt', direction: 'desc' } },
  { label: 'grid 第三网格', input: { grid: '第三网格' } },
  { label: 'unit level: county', input: { unitLevel: 'county' } },
  { label: 'age 80-89', input: { ageBand: '80to89' } },
  { label: 'age 90+, by birth date', input: { ageBand: '90plus', sort: 'birthDate' } },
  { label: 'living alone', input: { livingSituation: 'alone' } },
  { label: 'ADL severe', input: { adlBand: 'severe' } },
  { label: 'CPC members', input: { politicalStatus: 'cpc' } },
  { label: 'grid + 80-89 + alone', input: { grid: '第五网格', ageBand: '80to89', livingSituation: 'alone' } },
  { label: 'grid + ADL severe', input: { grid: '第三网格', adlBand: 'severe' } },
  { label: 'alone + ADL moderate', input: { livingSituation: 'alone', adlBand: 'moderate' } },
  { label: '80-89 + CPC, by birth date', input: { ageBand: '80to89', politicalStatus: 'cpc', sort: 'birthDate' } },
  { label: 'grid + unit level county, by address', input: { grid: '第一网格', unitLevel: 'county', sort: 'address' } },
  { label: 'all statuses', input: { status: 'all' } },
  { label: 'deceased', input: { status: 'deceased' } },
  { label: 'page 101 (offset 5000)', input: { offset: 5000 } },
  { label: 'capability not assessed', input: { capabilityGrade: 'unassessed' } },
  { label: 'capability severe', input: { capabilityGrade: 'severe' } },
  { label: 'grid + capability not assessed', input: { grid: '第三网格', capabilityGrade: 'unassessed' } },
  { label: 'alone + not assessed', input: { livingSituation: 'alone', capabilityGrade: 'unassessed' } },
  { label: '80-89 + alone + not assessed', input: { ageBand: '80to89', livingSituation: 'alone', capabilityGrade: 'unassessed' } },
];

async function run(ctx: BenchContext): Promise<BenchTable[]> {
  const fixture = await ctx.county();
  const county = fixture.open();
  try {
    const rounds = Math.max(10, Math.round(ctx.queries / 5));
    ctx.log(`list: ${LIST_CASES.length} filters × ${rounds} rounds`);
    const times = await measureCases(county, LIST_CASES, rounds);
    const rows: Cell[][] = [];
    const plans: string[] = [];
    for (const [i, c] of LIST_CASES.entries()) {
      const t = times[i];
      if (!t) continue;
      const s = summarisePaths([t]);
      rows.push([
        c.label,
        Math.round(s.meanTotal),
        ms(s.raw.p50),
        ms(s.raw.p95),
        ms(s.service.p50),
        ms(s.service.p95),
        ratio(s.service.p95, s.raw.p95),
        ms(s.dispatch.p50),
        ms(s.dispatch.p95),
        mark(s.service.p95 <= LIST_P95_TARGET_MS),
      ]);
      plans.push(`${c.label}: ${explain(county.app.db, statementsOf(county, c.input)).join('  ||  ')}`);
    }
    const all = summarisePaths(times);
    rows.push([
      'ALL FILTERS',
      Math.round(all.meanTotal),
      ms(all.raw.p50),
      ms(all.raw.p95),
      ms(all.service.p50),
      ms(all.service.p95),
      ratio(all.service.p95, all.raw.p95),
      ms(all.dispatch.p50),
      ms(all.dispatch.p95),
      mark(all.service.p95 <= LIST_P95_TARGET_MS),
    ]);
    return [
      {
        title: `List without search on ${fixture.meta.persons.toLocaleString('en')} persons (limit 50, total counted up to the cap; ms, ${rounds} runs each)`,
        columns: ['filter / sort', 'total', 'raw p50', 'raw p95', 'svc p50', 'svc p95', 'ratio p95', 'disp p50', 'disp p95', `p95≤${LIST_P95_TARGET_MS}`],
        rows,
        notes: [`targets: p95 ≤ ${LIST_P95_TARGET_MS} ms, ratio ≤ ${RATIO_TARGET} (printed, never asserted)`, 'query plans:', ...plans.map((p) => `  ${p}`)],
      },
    ];
  } finally {
    county.close();
  }
}

export const listBenchmark: Benchmark = {
  name: 'list',
  description: 'the register list with filters and sorts (no search) on the county database',
  run,
};
