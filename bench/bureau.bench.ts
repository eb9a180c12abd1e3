/**
 * A county bureau absorbing its offices: N community offices (default 200, --offices N) of P
 * persons each (default 500, --office-persons P) send it a full packet each, imported in ONE
 * command (`cadrecare packet import --data-dir BUREAU FOLDER` from the built bundle, a fresh process); then each office
 * edits one record and sends an incremental packet, again all imported in one command.
 * Per command: the wall time, the process's peak memory (from outside), the bytes it wrote, and
 * what the data folder holds afterwards (database, backups).
 *
 * Goals: 200 full packets < 2 min with the disk used proportional to the data, not to the number
 * of packets; 200 one-record incrementals < 20 s.
 *
 * The offices and their packets take minutes to make, so they are kept in the benchmark cache
 * (CACHE_ROOT/bureau-…), made once per size and seed and extended when more offices are asked for.
 */
import { BENCH_DB_KEY, recoveryKeyFile } from './lib/dbKey';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeApp, openApp } from '../main/context';
import { SYSTEM_ACTOR } from '../main/db/audit';
import { updateSynced } from '../main/db/sync';
import { exportPacket } from '../main/services/packets/export';
import { databasePath } from '../main/paths';
import { fillDatabase } from './generator/index';
import { CACHE_ROOT } from './lib/county';
import { mark, ms } from './lib/stats';
import { folderBytes, loadNow, mb, measure, requireOk, ROOT, type Measured } from './lib/proc';
import type { BenchContext, BenchTable, Benchmark } from './lib/types';
import { newOffice, officeId, trust } from './packets.bench';
import { builtCliArgs, ensureBuilt } from './lib/build';

export const FULL_GOAL_MS = 120_000;
export const INCREMENTAL_GOAL_MS = 20_000;
/** The goals are for 200 offices; other sizes are held to the same rate per packet. */
export const GOAL_OFFICES = 200;
export const DEFAULT_OFFICES = 200;
export const DEFAULT_OFFICE_PERSONS = 500;

const BUREAU = { name: '榆次区委老干部局', areaCode: '140702000000' };

interface BureauFixture {
  dir: string;
  /** The bureau's data folder, trusting every office made so far. */
  bureau: string;
  fulls: string;
  incrementals: string;
  offices: number;
}

function hashGenerator(): string {
  const hash = createHash('sha256');
  // The offices' data and the bureau's empty database follow the generator and the schema.
  for (const dir of ['bench/generator', 'main/db/migrations']) {
    for (const f of fs.readdirSync(path.join(ROOT, dir)).sort()) hash.update(fs.readFileSync(path.join(ROOT, dir, f)));
  }
  return hash.digest('hex').slice(0, 10);
}

/** Makes (or extends) the cached offices: each a real office that trusts the bureau and sent it a full and an incremental packet. */
async function bureauFixture(ctx: BenchContext, offices: number, persons: number): Promise<BureauFixture> {
  const dir = path.join(CACHE_ROOT, `bureau-p${persons}-s${ctx.seed}-${hashGenerator()}`);
  const fx: BureauFixture = { dir, bureau: path.join(dir, 'bureau'), fulls: path.join(dir, 'full'), incrementals: path.join(dir, 'incremental'), offices: 0 };
  const countFile = path.join(dir, 'offices.json');
  if (fs.existsSync(countFile)) fx.offices = (JSON.parse(fs.readFileSync(countFile, 'utf8')) as { offices: number }).offices;
  else {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(fx.fulls, { recursive: true });
    fs.mkdirSync(fx.incrementals, { recursive: true });
    newOffice(fx.bureau, BUREAU.name, BUREAU.areaCode, 'bureau');
  }
  if (fx.offices >= offices) return fx;
  ctx.log(`bureau: making offices ${fx.offices + 1}–${offices} of ${persons} persons each (cached in ${dir}) …`);
  const bureau = openApp({ key: BENCH_DB_KEY, dataDir: fx.bureau, transport: 'direct' });
  try {
    const bureauId = officeId(bureau);
    for (let i = fx.offices; i < offices; i++) {
      const officeDir = path.join(os.tmpdir(), `cadrecare-bench-office-${process.pid}-${i}`);
      fs.rmSync(officeDir, { recursive: true, force: true });
      newOffice(officeDir, `第${i + 1}社区`, `140702${String(i + 1).padStart(6, '0')}`, 'community');
      const office = openApp({ key: BENCH_DB_KEY, dataDir: officeDir, transport: 'direct' });
      try {
        trust(office, bureau);
        trust(bureau, office);
        const self = officeId(office);
        fillDatabase(office.db, { actor: SYSTEM_ACTOR, officeId: self, at: new Date().toISOString() }, { seed: ctx.seed * 100_000 + i, count: persons, referenceDate: '2026-01-01', transactionSize: 1000, path: 'fast' });
        // File names carry the time, so a folder's packets sort in the order they were made.
        await exportPacket(office, { kind: 'full', to: bureauId, out: fx.fulls, actor: SYSTEM_ACTOR });
        const one = office.db.prepare('SELECT id, notes FROM persons ORDER BY id LIMIT 1').get() as { id: string; notes: string };
        office.db.transaction(() => updateSynced(office.db, { actor: SYSTEM_ACTOR, officeId: self, at: new Date().toISOString() }, 'persons', one.id, { notes: `${one.notes}（已走访）` })).immediate();
        await exportPacket(office, { kind: 'incremental', to: bureauId, out: fx.incrementals, actor: SYSTEM_ACTOR });
      } finally {
        closeApp(office);
        fs.rmSync(officeDir, { recursive: true, force: true });
      }
      fx.offices = i + 1;
      fs.writeFileSync(countFile, JSON.stringify({ offices: fx.offices }));
      if ((i + 1) % 20 === 0) ctx.log(`  ${i + 1} / ${offices}`);
    }
  } finally {
    closeApp(bureau);
  }
  return fx;
}

/** The first `n` packets of a folder (by name: the order they were made), linked into a folder of their own. */
function firstPackets(from: string, n: number, into: string): string {
  fs.mkdirSync(into, { recursive: true });
  const names = fs.readdirSync(from).filter((f) => f.endsWith('.age')).sort().slice(0, n);
  for (const name of names) fs.linkSync(path.join(from, name), path.join(into, name));
  return into;
}

interface CommandFigures {
  run: Measured;
  imported: number;
  failed: number;
  dbBytes: number;
  backupBytes: number;
  backups: number;
}

async function importCommand(dataDir: string, folder: string, receipts: string): Promise<CommandFigures> {
  const [cmd, args] = builtCliArgs(['--json', 'packet', 'import', '--data-dir', dataDir, '--recovery-key-file', recoveryKeyFile(dataDir), '--receipts', receipts, folder]);
  const run = await measure(cmd, args);
  let imported = 0;
  let failed = 0;
  try {
    const out = JSON.parse(run.stdout) as { value?: { summary?: { imported: number; failed: number } }; error?: { details?: { summary?: { imported: number; failed: number } } } };
    const s = out.value?.summary ?? out.error?.details?.summary;
    imported = s?.imported ?? 0;
    failed = s?.failed ?? 0;
  } catch {
    requireOk(run, 'packet import');
  }
  const backups = path.join(dataDir, 'backups');
  const db = databasePath(dataDir);
  return {
    run,
    imported,
    failed,
    dbBytes: fs.statSync(db).size + (fs.existsSync(`${db}-wal`) ? fs.statSync(`${db}-wal`).size : 0),
    backupBytes: folderBytes(backups),
    backups: fs.existsSync(backups) ? fs.readdirSync(backups).length : 0,
  };
}

async function run(ctx: BenchContext): Promise<BenchTable[]> {
  const offices = ctx.offices ?? DEFAULT_OFFICES;
  const persons = ctx.officePersons ?? DEFAULT_OFFICE_PERSONS;
  ensureBuilt(ctx.log);
  const fx = await bureauFixture(ctx, offices, persons);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cadrecare-bench-bureau-'));
  try {
    const dataDir = path.join(work, 'bureau');
    fs.cpSync(fx.bureau, dataDir, { recursive: true });
    // Opened once so any migration of the cached folder is done before the clock starts.
    closeApp(openApp({ key: BENCH_DB_KEY, dataDir, transport: 'direct' }));
    const fulls = firstPackets(fx.fulls, offices, path.join(work, 'full'));
    const incs = firstPackets(fx.incrementals, offices, path.join(work, 'incremental'));
    const receipts = path.join(work, 'receipts');
    fs.mkdirSync(receipts);
    const loads = [loadNow()];
    ctx.log(`bureau: importing ${offices} full packets in one command …`);
    const full = await importCommand(dataDir, fulls, receipts);
    loads.push(loadNow());
    ctx.log(`bureau: importing ${offices} incremental packets in one command …`);
    const inc = await importCommand(dataDir, incs, receipts);
    loads.push(loadNow());

    const fullGoal = (FULL_GOAL_MS * offices) / GOAL_OFFICES;
    const incGoal = (INCREMENTAL_GOAL_MS * offices) / GOAL_OFFICES;
    const packetBytes = folderBytes(fulls);
    const row = (what: string, f: CommandFigures, goal: number, before: CommandFigures | null) => [
      what,
      `${f.imported}/${offices}${f.failed ? ` (${f.failed} failed)` : ''}`,
      ms(f.run.ms),
      Number.isFinite(f.run.cpuMs) ? ms(f.run.cpuMs) : 'n/a',
      Number.isFinite(f.run.peakMb) ? f.run.peakMb.toFixed(0) : 'n/a',
      Number.isFinite(f.run.writtenMb) ? `${f.run.writtenMb.toFixed(0)} MB` : 'n/a',
      mb(f.dbBytes - (before?.dbBytes ?? 0)),
      `${mb(f.backupBytes - (before?.backupBytes ?? 0))} (${f.backups - (before?.backups ?? 0)})`,
      `< ${ms(goal)}`,
      mark(f.run.ms < goal && f.imported === offices),
    ];
    return [
      {
        title: `A bureau imports ${offices} offices' packets (${persons} persons each), one command each (a fresh CLI process)`,
        columns: ['command', 'imported', 'ms', 'cpu ms', 'peak MB', 'written', 'database grew', 'backups added (files)', 'goal', ''],
        rows: [row(`${offices} full packets (${mb(packetBytes)})`, full, fullGoal, null), row(`${offices} one-record incrementals`, inc, incGoal, full)],
        notes: [
          `goals for ${GOAL_OFFICES} offices: full < ${FULL_GOAL_MS / 1000} s, incrementals < ${INCREMENTAL_GOAL_MS / 1000} s (scaled to ${offices}); disk used proportional to the data:`,
          `written ÷ database growth for the full packets: ${(full.run.writtenMb / ((full.dbBytes) / 1e6)).toFixed(2)}; backups added per packet: ${mb((full.backupBytes) / Math.max(1, full.imported))}.`,
          'written: bytes the process wrote to files (GNU time %O); the times include starting the CLI; cpu ms: user + system time of the',
          'process (what the work cost; on a shared machine the wall time also holds its waits for a core).',
          `load averages (1, 5, 15 min) before, between and after: ${loads.join(' | ')}`,
        ],
      },
    ];
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export const bureauBenchmark: Benchmark = {
  name: 'bureau',
  description: 'a bureau imports N offices’ full packets, then their incrementals, one command each (--offices N, --office-persons P)',
  run,
};
