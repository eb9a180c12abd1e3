/**
 * `npm run bench`: runs the benchmarks and prints their figures as tables. It never fails on a
 * figure; targets are printed beside them (ARCHITECTURE.md "Testing").
 *
 *   npm run bench                         all benchmarks
 *   npm run bench -- --only search,list   some of them
 *   npm run bench -- --fresh              rebuild the cached county database
 *   npm run bench -- --seed 7 --queries 50 --persons 20000
 *   npm run bench -- --only bureau --offices 50 --office-persons 500
 *   npm run bench -- --only encryption,visits --parts worklist   some parts of them
 *
 * Add a benchmark by writing bench/<name>.bench.ts exporting a Benchmark (a function from the
 * context to tables of figures) and listing it in BENCHMARKS.
 */
import { parseArgs } from 'node:util';
import os from 'node:os';
import { countyFixture, type CountyFixture } from './lib/county';
import { formatBenchTable } from './lib/table';
import type { BenchContext, Benchmark } from './lib/types';
import { SIZES } from './generator/index';
import { generateBenchmark } from './generate.bench';
import { searchBenchmark } from './search.bench';
import { listBenchmark } from './list.bench';
import { packetsBenchmark } from './packets.bench';
import { bureauBenchmark } from './bureau.bench';
import { rosterBenchmark } from './roster.bench';
import { visitsBenchmark } from './visits.bench';
import { organisedLifeBenchmark } from './organised-life.bench';
import { sizeBenchmark } from './size.bench';
import { startupBenchmark } from './startup.bench';
import { upgradeBenchmark } from './upgrade.bench';
import { reportsBenchmark } from './reports.bench';
import { encryptionBenchmark } from './encryption.bench';

export const BENCHMARKS: readonly Benchmark[] = [generateBenchmark, searchBenchmark, listBenchmark, rosterBenchmark, packetsBenchmark, bureauBenchmark, visitsBenchmark, organisedLifeBenchmark, reportsBenchmark, sizeBenchmark, startupBenchmark, encryptionBenchmark, upgradeBenchmark];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      seed: { type: 'string', default: '1' },
      persons: { type: 'string', default: String(SIZES.county) },
      queries: { type: 'string', default: '100' },
      fresh: { type: 'boolean', default: false },
      offices: { type: 'string' },
      'office-persons': { type: 'string' },
      parts: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('npm run bench -- [--only a,b] [--seed N] [--persons N] [--queries N] [--fresh] [--offices N] [--office-persons N] [--parts a,b]');
    console.log(BENCHMARKS.map((b) => `  ${b.name.padEnd(15)} ${b.description}`).join('\n'));
    return;
  }
  const seed = Number(values.seed);
  const persons = Number(values.persons);
  const queries = Number(values.queries);
  const wanted = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null;
  const selected = BENCHMARKS.filter((b) => !wanted || wanted.has(b.name));
  if (selected.length === 0) throw new Error(`no benchmark called ${values.only}; there are ${BENCHMARKS.map((b) => b.name).join(', ')}`);

  const log = (line: string) => void process.stderr.write(`[bench] ${line}\n`);
  let county: Promise<CountyFixture> | undefined;
  const ctx: BenchContext = {
    seed,
    queries,
    county: () => (county ??= countyFixture({ seed, persons, fresh: values.fresh, log })),
    log,
    ...(values.offices ? { offices: Number(values.offices) } : {}),
    ...(values['office-persons'] ? { officePersons: Number(values['office-persons']) } : {}),
    ...(values.parts ? { parts: new Set(values.parts.split(',').map((s) => s.trim())) } : {}),
  };

  const cpu = os.cpus();
  console.log(
    `CadreCare benchmarks — node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, seed ${seed}`,
  );
  const started = performance.now();
  for (const bench of selected) {
    const t = performance.now();
    const tables = await bench.run(ctx);
    for (const table of tables) console.log(`\n${formatBenchTable(table)}`);
    log(`${bench.name} took ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  console.log(`\nall benchmarks: ${((performance.now() - started) / 1000).toFixed(1)} s; load now ${os.loadavg()[0]?.toFixed(2) ?? '?'}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
