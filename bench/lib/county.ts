/**
 * The county-size database (100,000 persons) the query benchmarks run against, written by the
 * generator's fast path (registry rows identical to the services', no visit planning). Building it
 * takes most of a minute, so it is cached in the temp folder under a key made of the size, the seed, the
 * schema version and a hash of everything that shapes its rows (migrations, the generator, the
 * write path); any change there builds a fresh one. Caches under other keys stay (remove them by hand).
 */
import { BENCH_DB_KEY } from './dbKey';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeApp, openApp, type AppContext } from '../../main/context';
import { latestVersion, loadMigrations } from '../../main/db/migrate';
import { SYSTEM_ACTOR } from '../../main/db/audit';
import { setupOffice } from '../../main/services/app/office';
import type { Session } from '../../main/auth/session';
import { fillDatabase, type InsertCounts } from '../generator/index';
import { timed } from './stats';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Files whose content decides what the generated rows look like. */
const SHAPING_FILES = [
  'main/db/migrations',
  'bench/generator',
  'main/db/sync.ts',
  'main/db/audit.ts',
  'main/services/persons/persons.ts',
  'main/services/persons/health.ts',
  'main/services/persons/family.ts',
  'main/services/persons/pinyin.ts',
  'main/services/grids/places.ts',
];

export const CACHE_ROOT = path.join(os.tmpdir(), 'cadrecare-bench');
/** "Today" of the county data and of the app clock while benchmarking, so age bands stay put. */
export const COUNTY_REFERENCE_DATE = '2026-01-01';

export interface CountyMeta {
  key: string;
  seed: number;
  persons: number;
  schemaVersion: number;
  referenceDate: string;
  builtAt: string;
  buildWallMs: number;
  buildCpuMs: number;
  counts: InsertCounts;
  sizeBytes: number;
  adminId: string;
}

export interface OpenCounty {
  app: AppContext;
  /** Logged in as the office admin, as the renderer would be. */
  session: Session;
  today: string;
  close(): void;
}

export interface CountyFixture {
  dataDir: string;
  meta: CountyMeta;
  /** True when this run built it; false when it came from the cache. */
  builtNow: boolean;
  open(): OpenCounty;
}

function hashFiles(): string {
  const hash = createHash('sha256');
  const add = (rel: string) => {
    const full = path.join(ROOT, rel);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) {
      for (const entry of fs.readdirSync(full).sort()) add(path.join(rel, entry));
      return;
    }
    hash.update(rel).update('\0').update(fs.readFileSync(full)).update('\0');
  };
  for (const rel of SHAPING_FILES) add(rel);
  return hash.digest('hex').slice(0, 10);
}

export function countyKey(seed: number, persons: number): string {
  return `county-n${persons}-s${seed}-v${latestVersion(loadMigrations())}-${hashFiles()}`;
}

export async function countyFixture(options: { seed: number; persons: number; fresh?: boolean; log?: (line: string) => void }): Promise<CountyFixture> {
  const log = options.log ?? (() => undefined);
  const key = countyKey(options.seed, options.persons);
  const dir = path.join(CACHE_ROOT, key);
  const metaFile = path.join(dir, 'meta.json');
  fs.mkdirSync(CACHE_ROOT, { recursive: true });
  let builtNow = false;
  if (options.fresh || !fs.existsSync(metaFile)) {
    fs.rmSync(dir, { recursive: true, force: true });
    removeStale(key);
    log(`building the county database (${options.persons} persons, seed ${options.seed}) in ${dir} …`);
    const meta = build(options.seed, options.persons, key, `${dir}.building-${process.pid}`, log);
    fs.renameSync(`${dir}.building-${process.pid}`, dir);
    fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    builtNow = true;
  } else {
    log(`reusing the cached county database ${dir}`);
  }
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as CountyMeta;
  const dataDir = path.join(dir, 'data');
  return {
    dataDir,
    meta,
    builtNow,
    open() {
      const clock = () => new Date(`${meta.referenceDate}T09:00:00.000Z`);
      const app = openApp({ key: BENCH_DB_KEY, dataDir, transport: 'direct', clock });
      const session = app.sessions.create(clock().getTime());
      session.login(meta.adminId, 'admin', clock().getTime());
      return { app, session, today: meta.referenceDate, close: () => closeApp(app) };
    },
  };
}

/**
 * Builds a crashed run of this key left behind. Caches under other keys (and copies beside them,
 * `-plaintext`) are left alone: several worktrees may share this folder, each with its own key.
 */
function removeStale(key: string): void {
  for (const entry of fs.readdirSync(CACHE_ROOT)) {
    if (entry.startsWith(`${key}.building-`)) fs.rmSync(path.join(CACHE_ROOT, entry), { recursive: true, force: true });
  }
}

function build(seed: number, persons: number, key: string, dir: string, log: (line: string) => void): CountyMeta {
  fs.rmSync(dir, { recursive: true, force: true });
  const dataDir = path.join(dir, 'data');
  const app = openApp({ key: BENCH_DB_KEY, dataDir, transport: 'direct' });
  try {
    const at = `${COUNTY_REFERENCE_DATE}T08:00:00.000Z`;
    const { officeId, adminId } = app.db
      .transaction(() =>
        setupOffice(
          app.db,
          { officeName: '榆次区委老干部局', areaCode: '140702000000', mode: 'bureau', adminUsername: 'admin', adminDisplayName: '管理员', adminPassword: 'Bench2026pass' },
          at,
          app.passwordCost,
        ),
      )
      .immediate();
    // A larger page cache while writing; the app's own connections keep the default.
    app.db.pragma('cache_size = -262144');
    const step = Math.max(1, Math.round(persons / 10));
    const { value: result, wallMs, cpuMs } = timed(() =>
      fillDatabase(app.db, { actor: SYSTEM_ACTOR, officeId, at }, {
        seed,
        count: persons,
        referenceDate: COUNTY_REFERENCE_DATE,
        transactionSize: 10_000,
        // Registry rows as the services write them, without planning visits after every write.
        path: 'fast',
        onProgress: (done, total) => {
          if (done % step === 0 || done === total) log(`  ${done} / ${total}`);
        },
      }),
    );
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    const dbFile = app.dbPath;
    closeApp(app);
    return {
      key,
      seed,
      persons,
      schemaVersion: latestVersion(loadMigrations()),
      referenceDate: COUNTY_REFERENCE_DATE,
      builtAt: new Date().toISOString(),
      buildWallMs: Math.round(wallMs),
      buildCpuMs: Math.round(cpuMs),
      counts: result.counts,
      sizeBytes: fs.statSync(dbFile).size,
      adminId,
    };
  } catch (err) {
    closeApp(app);
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
