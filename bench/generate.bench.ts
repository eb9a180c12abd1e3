/**
 * How fast the synthetic registry is made: generation alone; a community (2,000 persons) written
 * through the services as the app calls them, with the statement cache, and by the fast path; and
 * the county (100,000) as built for the query benchmarks (or as it was built, when it was cached).
 */
import { BENCH_DB_KEY } from './lib/dbKey';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeApp, openApp } from '../main/context';
import { SYSTEM_ACTOR } from '../main/db/audit';
import { setupOffice } from '../main/services/app/office';
import { fillDatabase, PersonGenerator, SIZES, type InsertCounts } from './generator/index';
import { timed } from './lib/stats';
import type { BenchContext, BenchTable, Benchmark, Cell } from './lib/types';

function rowsWritten(c: InsertCounts): number {
  return c.persons + c.healthProfiles + c.assessments + c.healthEvents + c.familyContacts + c.statusChanges * 2;
}

function seconds(msValue: number): string {
  return (msValue / 1000).toFixed(2);
}

function community(seed: number, cacheStatements: boolean, fillPath: 'services' | 'fast'): { counts: InsertCounts; wallMs: number; cpuMs: number; mb: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadrecare-bench-community-'));
  const app = openApp({ key: BENCH_DB_KEY, dataDir: path.join(dir, 'data'), transport: 'direct' });
  try {
    const at = new Date().toISOString();
    const { officeId } = app.db
      .transaction(() =>
        setupOffice(app.db, { officeName: '幸福里社区', areaCode: '140702001001', mode: 'community', adminUsername: 'admin', adminDisplayName: '管理员', adminPassword: 'Bench2026pass' }, at, app.passwordCost),
      )
      .immediate();
    const { value, wallMs, cpuMs } = timed(() =>
      fillDatabase(app.db, { actor: SYSTEM_ACTOR, officeId, at }, { seed, count: SIZES.community, community: '幸福里社区', cacheStatements, path: fillPath }),
    );
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    const mb = fs.statSync(app.dbPath).size / 1e6;
    return { counts: value.counts, wallMs, cpuMs, mb };
  } finally {
    closeApp(app);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function run(ctx: BenchContext): Promise<BenchTable[]> {
  const rows: Cell[][] = [];
  ctx.log(`generate: ${SIZES.county} persons in memory`);
  const gen = timed(() => {
    const generator = new PersonGenerator({ seed: ctx.seed });
    let contacts = 0;
    for (let i = 0; i < SIZES.county; i++) contacts += generator.next().family.length;
    return contacts;
  });
  rows.push(['generate only (no database)', SIZES.county, '-', seconds(gen.wallMs), seconds(gen.cpuMs), Math.round(SIZES.county / (gen.wallMs / 1000)), '-', '']);

  const ways = [
    { label: 'community, services as the app calls them', cache: false, fillPath: 'services' },
    { label: 'community, services + statement cache', cache: true, fillPath: 'services' },
    { label: 'community, fast path', cache: true, fillPath: 'fast' },
  ] as const;
  for (const way of ways) {
    ctx.log(`generate: ${way.label} (${SIZES.community})`);
    const r = community(ctx.seed, way.cache, way.fillPath);
    rows.push([
      way.label,
      r.counts.persons,
      rowsWritten(r.counts),
      seconds(r.wallMs),
      seconds(r.cpuMs),
      Math.round(r.counts.persons / (r.wallMs / 1000)),
      r.mb.toFixed(1),
      way.fillPath === 'fast' ? 'one transaction; no visit planning' : 'one transaction; plans visits',
    ]);
  }

  const fixture = await ctx.county();
  const m = fixture.meta;
  rows.push([
    'county, fast path',
    m.persons,
    rowsWritten(m.counts),
    seconds(m.buildWallMs),
    seconds(m.buildCpuMs),
    Math.round(m.persons / (m.buildWallMs / 1000)),
    (m.sizeBytes / 1e6).toFixed(1),
    fixture.builtNow ? 'built in this run; 10k per transaction' : `cached, built ${m.builtAt}`,
  ]);
  const c = m.counts;
  return [
    {
      title: 'Synthetic data generation (seconds; rows = persons, profiles, assessments, events, contacts, status events and updates; audit rows not counted)',
      columns: ['what', 'persons', 'rows', 'wall s', 'cpu s', 'persons/s', 'db MB', 'note'],
      rows,
      notes: [
        `county contents: ${c.persons} persons, ${c.healthProfiles} health profiles, ${c.assessments} ADL assessments, ${c.healthEvents} health events, ${c.familyContacts} family contacts, ${c.statusChanges} status changes`,
        'cpu s beside wall s: the machine is shared, so wall time includes waiting for a core.',
        'fast path = the registry rows and audit entries the services write (checked by test/unit/generator.test.ts), without visit planning.',
      ],
    },
  ];
}

export const generateBenchmark: Benchmark = {
  name: 'generate',
  description: 'synthetic data generation and bulk insertion through the services',
  run,
};
