/**
 * What encryption at rest costs: the same office built twice from the same seed, once encrypted
 * (SQLCipher, as the app stores it) and once plaintext, then the same work on both in the same run,
 * alternating plain and encrypted call by call so load on the machine falls on both alike. Ratios are
 * encrypted / plaintext (goal ≤ 1.25). Login is the unwrap of the user's key slot (scrypt at the
 * app's real cost) plus opening the database, against the 400 ms goal.
 *
 * The offices are its own (a temp folder, removed after), not the cached county database, which is
 * encrypted only. Size: CADRECARE_BENCH_ENC_PERSONS (default 20,000; the county is 100,000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeApp, openApp, openAppDatabase, type AppContext } from '../main/context';
import { SYSTEM_ACTOR } from '../main/db/audit';
import { slotsPath } from '../main/db/keySlots';
import { dispatch } from '../main/dispatch';
import { setupOffice } from '../main/services/app/office';
import { unlockWithPassword } from '../main/services/auth/unlock';
import type { Session } from '../main/auth/session';
import { fillDatabase } from './generator/index';
import { COUNTY_REFERENCE_DATE } from './lib/county';
import { BENCH_DB_KEY } from './lib/dbKey';
import { sampleQueries } from './search.bench';
import { ms, ratio, summarise, timed } from './lib/stats';
import type { BenchContext, BenchTable, Benchmark, Cell } from './lib/types';

const PASSWORD = 'Bench2026pass';
const RATIO_GOAL = 1.25;
const LOGIN_GOAL_MS = 400;
const log = { error: (message: string, err: unknown) => console.error(message, err) };

interface Built {
  dataDir: string;
  adminId: string;
  fillMs: number;
  sizeBytes: number;
}

function build(dir: string, encrypted: boolean, seed: number, persons: number): Built {
  const dataDir = path.join(dir, encrypted ? 'encrypted' : 'plain');
  const app = openApp({ dataDir, transport: 'direct', ...(encrypted ? { key: BENCH_DB_KEY } : { plaintext: true }) });
  try {
    const at = `${COUNTY_REFERENCE_DATE}T08:00:00.000Z`;
    const setup = { officeName: '榆次区委老干部局', areaCode: '140702000000', mode: 'bureau' as const, adminUsername: 'admin', adminDisplayName: '管理员', adminPassword: PASSWORD };
    const { officeId, adminId } = app.db.transaction(() => setupOffice(app.db, setup, at, app.passwordCost)).immediate();
    const { wallMs } = timed(() =>
      fillDatabase(app.db, { actor: SYSTEM_ACTOR, officeId, at }, { seed, count: persons, referenceDate: COUNTY_REFERENCE_DATE, transactionSize: 10_000, path: 'fast' }),
    );
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    return { dataDir, adminId, fillMs: wallMs, sizeBytes: fs.statSync(app.dbPath).size };
  } finally {
    closeApp(app);
  }
}

interface Opened {
  app: AppContext;
  session: Session;
}

function open(built: Built, encrypted: boolean): Opened {
  const clock = () => new Date(`${COUNTY_REFERENCE_DATE}T09:00:00.000Z`);
  const app = openApp({ dataDir: built.dataDir, transport: 'direct', clock, ...(encrypted ? { key: BENCH_DB_KEY } : { plaintext: true }) });
  const session = app.sessions.create(clock().getTime());
  session.login(built.adminId, 'admin', clock().getTime());
  return { app, session };
}

/** Times each input on both offices, alternating which goes first; p50 of each side. */
async function pair(plain: Opened, enc: Opened, channel: 'persons.list', inputs: unknown[]): Promise<{ plain: number; enc: number; n: number }> {
  const times = { plain: [] as number[], enc: [] as number[] };
  const one = async (o: Opened, into: number[], input: unknown) => {
    const t = performance.now();
    const r = await dispatch(o.app, o.session, channel, input, {}, log);
    into.push(performance.now() - t);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  };
  // One warm-up pass over each, so both start with their pages in the cache.
  for (const input of inputs.slice(0, 5)) {
    await one(plain, [], input);
    await one(enc, [], input);
  }
  let turn = 0;
  for (const input of inputs) {
    if (turn++ % 2 === 0) {
      await one(plain, times.plain, input);
      await one(enc, times.enc, input);
    } else {
      await one(enc, times.enc, input);
      await one(plain, times.plain, input);
    }
  }
  return { plain: summarise(times.plain).p50, enc: summarise(times.enc).p50, n: inputs.length };
}

async function run(ctx: BenchContext): Promise<BenchTable[]> {
  const persons = Number(process.env['CADRECARE_BENCH_ENC_PERSONS'] ?? 20_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadrecare-bench-enc-'));
  try {
    ctx.log(`encryption: building a plaintext and an encrypted office of ${persons} persons …`);
    const plainBuilt = build(dir, false, ctx.seed, persons);
    const encBuilt = build(dir, true, ctx.seed, persons);
    const rows: Cell[][] = [];
    const add = (label: string, p: number, e: number, n: number | string) => rows.push([label, n, ms(p), ms(e), ratio(e, p)]);
    add(`write ${persons} persons (generator's fast path, as a roster import writes them)`, plainBuilt.fillMs, encBuilt.fillMs, 1);

    const plain = open(plainBuilt, false);
    const enc = open(encBuilt, true);
    try {
      const queries = sampleQueries(plain.app.db, ctx.seed, Math.max(5, Math.round(ctx.queries / 5)));
      const searches = [...queries.values()].flat().map((q) => ({ search: q, limit: 50 }));
      ctx.log(`encryption: search (${searches.length} queries) …`);
      const s = await pair(plain, enc, 'persons.list', searches);
      add('search (persons.list with the search box, p50 per query)', s.plain, s.enc, s.n);

      const pages = Array.from({ length: ctx.queries }, (_, i) => ({ limit: 50, offset: ((i * 7919) % Math.max(1, Math.floor(persons / 50))) * 50 }));
      ctx.log(`encryption: list (${pages.length} pages) …`);
      const l = await pair(plain, enc, 'persons.list', pages);
      add('list (a page of 50 anywhere in the register, total counted, p50)', l.plain, l.enc, l.n);
    } finally {
      closeApp(plain.app);
      closeApp(enc.app);
    }

    // Login: unwrap the admin's slot with the password (scrypt at the app's cost) and open the database.
    ctx.log('encryption: login …');
    const logins: number[] = [];
    const opens: number[] = [];
    for (let i = 0; i < 5; i++) {
      const closed = openApp({ dataDir: encBuilt.dataDir, transport: 'direct' });
      try {
        const t = performance.now();
        const key = unlockWithPassword(slotsPath(encBuilt.dataDir), 'admin', PASSWORD, new Date());
        openAppDatabase(closed, key);
        closed.db.prepare('SELECT count(*) AS n FROM persons').get();
        logins.push(performance.now() - t);
      } finally {
        closeApp(closed);
      }
      const t = performance.now();
      const plainApp = openApp({ dataDir: plainBuilt.dataDir, transport: 'direct', plaintext: true });
      plainApp.db.prepare('SELECT count(*) AS n FROM persons').get();
      opens.push(performance.now() - t);
      closeApp(plainApp);
    }
    const login = summarise(logins).p50;
    rows.push(['login: unwrap the slot (scrypt) + open + first read, p50 (plaintext: open + first read)', 5, ms(summarise(opens).p50), ms(login), login <= LOGIN_GOAL_MS ? `${ms(login)} ms ≤ ${LOGIN_GOAL_MS}` : `${ms(login)} ms > ${LOGIN_GOAL_MS}`]);
    return [
      {
        title: `Encryption at rest: encrypted / plaintext, ${persons} persons, same run`,
        columns: ['measure', 'n', 'plain ms', 'encrypted ms', 'ratio'],
        rows,
        notes: [
          `Goal: ratio ≤ ${RATIO_GOAL} for search, list, worklist, roster import and packet import; login ≤ ${LOGIN_GOAL_MS} ms including scrypt.`,
          `Database size: plaintext ${(plainBuilt.sizeBytes / 1e6).toFixed(1)} MB, encrypted ${(encBuilt.sizeBytes / 1e6).toFixed(1)} MB.`,
          `Load average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}.`,
        ],
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const encryptionBenchmark: Benchmark = {
  name: 'encryption',
  description: 'encrypted against plaintext in the same run: writing persons, search, list, login (unwrap + open)',
  run,
};
