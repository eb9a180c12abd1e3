/**
 * How soon the app is ready, measured from outside on the built app (dist/, rebuilt when older than
 * the sources): a CLI command as a whole process beside the floors `node -e 0`, `sqlite3` and the
 * scrypt a password unlock costs; the renderer's first screen (the scripts index.html loads, and
 * what Chromium fetches before the login form shows), gzipped; browser mode from spawn to its first
 * answer at 2k and county size, and the longest a trivial request waits while the first unlock of a
 * month backs up and replans; typing a 2-character name in 档案 until the list shows it, in Chromium.
 *
 * Every database is encrypted and browser mode starts locked: its first answers are the ones the
 * login page needs (app.info, then auth.session), answered from the key-slot file without the
 * database. A login (scrypt of the password, the database opened) and the home page's first data
 * call (the admin's home page asks reports.morning) are timed apart, from the login's request. The month's backup and
 * replanning need the open database, so they are watched after the first login of a fresh copy.
 *
 *   npm run bench -- --only startup
 *   npm run bench -- --only startup --queries 9     runs per alternating measure (default 7 here)
 *   STARTUP_WATCH_S=60 npm run bench -- --only startup   how long background work is watched (default 20 s)
 *   STARTUP_COUNTY=0 …                                   2k only (no county copy)
 *   STARTUP_PARTS=host,ui …                              some parts only (cli, ui, host)
 *   STARTUP_CLI_BASE=/other/dist/main/cli.js …           also runs another build's CLI, alternating (before → after)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { latestVersion, loadMigrations } from '../main/db/migrate';
import { openKeyed } from '../main/db/connection';
import { parseRecoveryKey, type DatabaseKey } from '../main/db/cipher';
import { readSlotFile, slotsPath } from '../main/db/keySlots';
import { HTTP_SESSION_HEADER } from '../shared/bridge';
import { measure, requireOk, ROOT, spread } from './lib/proc';
import { mark, ms } from './lib/stats';
import type { BenchContext, BenchTable, Benchmark, Cell } from './lib/types';
import { CACHE_ROOT } from './lib/county';
import { BENCH_DB_KEY } from './lib/dbKey';
import { BUILT_CLI, BUILT_HOST, BUILT_RENDERER, ensureBuilt } from './lib/build';

const CLI = BUILT_CLI;
const HOST = BUILT_HOST;
const RENDERER = BUILT_RENDERER;
const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'Bench2026pass';

const GOALS = { cliMs: 150, firstScreenKb: 250, firstAnswerMs: 300, stallMs: 50, typingMs: 200 };

/** An office the bench starts: its data folder, the admin's password file, and how the CLI unlocks it. */
interface Office {
  dataDir: string;
  passwordFile: string;
  /** The recovery key in a file, as init writes it. */
  recoveryKeyFile: string;
  key: DatabaseKey;
}

/** A demo office of 2,000 persons with a working history, made once through the CLI (encrypted, as init makes every office) and cached. */
function twoThousand(log: (line: string) => void): Office {
  const dir = path.join(CACHE_ROOT, `startup-2k-v${latestVersion(loadMigrations())}`);
  const data = path.join(dir, 'data');
  const pw = path.join(dir, 'password');
  const recovery = path.join(dir, 'recovery-key');
  const office = () => ({ dataDir: data, passwordFile: pw, recoveryKeyFile: recovery, key: parseRecoveryKey(fs.readFileSync(recovery, 'utf8').split(/\r?\n/).find((l) => /[0-9A-Fa-f]{4}/.test(l) && !l.startsWith('#')) ?? '') });
  if (fs.existsSync(path.join(dir, 'done'))) return office();
  log(`making a 2k demo office in ${dir} …`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(pw, `${PASSWORD}\n`);
  const run = (args: string[]) => execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  run(['init', '--data-dir', data, '--office-name', '幸福里社区', '--area-code', '140702001001', '--mode', 'community', '--admin', 'admin', '--password-file', pw, '--recovery-key-file', recovery]);
  run(['demo', '--data-dir', data, '--persons', '2000', '--history', '--recovery-key-file', recovery]);
  fs.writeFileSync(path.join(dir, 'done'), '');
  return office();
}

/** A copy of a data folder (the database and nothing else), so a run's first start of the month is a real one. */
function copyData(from: string, to: string): string {
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  // The database and its key slots (the login unwraps the key from them).
  for (const name of ['cadrecare.sqlite', 'cadrecare.sqlite-wal', path.basename(slotsPath(from))]) {
    const src = path.join(from, name);
    if (fs.existsSync(src)) fs.copyFileSync(src, path.join(to, name));
  }
  // The office's key files: the host checks them at start.
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name === 'keys') fs.cpSync(path.join(from, entry.name), path.join(to, entry.name), { recursive: true });
  }
  return to;
}

function row(label: string, values: readonly number[], goal: string, ok?: boolean, extra: Cell[] = []): Cell[] {
  const s = spread(values);
  return [label, ms(s.min), ms(s.median), ms(s.max), ...extra, goal, ok === undefined ? '' : mark(ok)];
}

// ---------------------------------------------------------------------------------------------
// 1. The CLI as a whole process

async function cliTable(ctx: BenchContext, office: Office, runs: number): Promise<BenchTable> {
  const data = ['--data-dir', office.dataDir];
  const slot = readSlotFile(slotsPath(office.dataDir)).slots[0];
  const kdf = slot ? { N: slot.kdf.N, r: slot.kdf.r, p: slot.kdf.p } : { N: 32768, r: 8, p: 1 };
  const kinds: { label: string; cmd: string; args: string[]; goal: boolean }[] = [
    { label: 'users list --recovery-key-file (no scrypt)', cmd: process.execPath, args: [CLI, 'users', 'list', ...data, '--recovery-key-file', office.recoveryKeyFile], goal: true },
    { label: 'users list --user admin --password-file (scrypt)', cmd: process.execPath, args: [CLI, 'users', 'list', ...data, '--user', 'admin', '--password-file', office.passwordFile], goal: true },
    { label: 'cadrecare --version (no database)', cmd: process.execPath, args: [CLI, '--version'], goal: false },
    { label: 'floor: node -e 0', cmd: process.execPath, args: ['-e', '0'], goal: false },
    {
      label: `floor: node, one scrypt of the slot (N=${kdf.N} r=${kdf.r} p=${kdf.p})`,
      cmd: process.execPath,
      args: ['-e', `require('node:crypto').scryptSync('x', Buffer.alloc(16), 32, { N: ${kdf.N}, r: ${kdf.r}, p: ${kdf.p}, maxmem: 256 * 1024 * 1024 })`],
      goal: false,
    },
    { label: "floor: sqlite3 :memory: 'select 1'", cmd: 'sqlite3', args: [':memory:', 'select 1'], goal: false },
  ];
  // Another build's CLI (an earlier commit's dist/main/cli.js) run alternating with this one, for a before → after in one run.
  const base = process.env['STARTUP_CLI_BASE'];
  if (base) {
    kinds.splice(
      3,
      0,
      { label: 'before: users list --recovery-key-file', cmd: process.execPath, args: [base, 'users', 'list', ...data, '--recovery-key-file', office.recoveryKeyFile], goal: false },
      { label: 'before: users list --user admin --password-file', cmd: process.execPath, args: [base, 'users', 'list', ...data, '--user', 'admin', '--password-file', office.passwordFile], goal: false },
      { label: 'before: cadrecare --version', cmd: process.execPath, args: [base, '--version'], goal: false },
    );
  }
  const wall = kinds.map(() => [] as number[]);
  const cpu = kinds.map(() => [] as number[]);
  for (let i = 0; i < runs; i += 1) {
    for (const [k, kind] of kinds.entries()) {
      const m = requireOk(await measure(kind.cmd, kind.args), kind.label);
      wall[k]?.push(m.ms);
      cpu[k]?.push(m.cpuMs);
    }
  }
  ctx.log(`cli: ${runs} alternating runs done`);
  return {
    title: `startup: a CLI command as a whole process, 2k office (${runs} alternating runs, ms)`,
    columns: ['process', 'min', 'median', 'max', 'CPU median', 'goal', ''],
    rows: kinds.map((kind, k) => {
      const median = spread(wall[k] ?? []).median;
      return row(kind.label, wall[k] ?? [], kind.goal ? `≤ ${GOALS.cliMs} ms` : '', kind.goal ? median <= GOALS.cliMs : undefined, [ms(spread(cpu[k] ?? []).median)]);
    }),
    notes: [
      'Wall time from spawn to exit, measured from outside; CPU = user + system of the process (10 ms steps). On a shared',
      'machine the wall time also holds waits for a core: compare the command with the floors of the same run. A command',
      "unlocked with a password pays one scrypt of the user's key slot; the recovery key needs none.",
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// 2. The renderer's first screen

interface Asset {
  file: string;
  bytes: number;
  gzip: number;
}

function asset(file: string): Asset {
  const body = fs.readFileSync(path.join(RENDERER, file));
  return { file, bytes: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length };
}

/** The scripts and styles index.html itself names (entry, module preloads, stylesheets). */
function indexAssets(): Asset[] {
  const html = fs.readFileSync(path.join(RENDERER, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/^\.?\//, ''));
  return [...new Set(refs)].filter((f) => /\.(js|css)$/.test(f) && fs.existsSync(path.join(RENDERER, f))).map(asset);
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)}`;
}

function rendererTable(loaded: string[] | null): BenchTable {
  const named = indexAssets();
  const rows: Cell[][] = [];
  const total = (list: Asset[]) => list.reduce((s, a) => s + a.gzip, 0);
  const namedGzip = total(named);
  rows.push(['scripts and styles index.html names', named.length, kb(named.reduce((s, a) => s + a.bytes, 0)), kb(namedGzip), `≤ ${GOALS.firstScreenKb} KB`, mark(namedGzip / 1024 <= GOALS.firstScreenKb)]);
  const notes: string[] = [];
  if (loaded) {
    const fetched = loaded.map(asset);
    const gz = total(fetched);
    rows.push(['fetched by Chromium until the login form shows', fetched.length, kb(fetched.reduce((s, a) => s + a.bytes, 0)), kb(gz), `≤ ${GOALS.firstScreenKb} KB`, mark(gz / 1024 <= GOALS.firstScreenKb)]);
    for (const a of [...fetched].sort((x, y) => y.gzip - x.gzip).slice(0, 8)) notes.push(`${kb(a.gzip).padStart(7)} KB gz  ${a.file}`);
  } else {
    notes.push(fs.existsSync(CHROMIUM) ? 'Chromium not run (STARTUP_PARTS without ui): only what index.html names is counted.' : `Chromium is missing at ${CHROMIUM}: only what index.html names is counted.`);
  }
  const all = fs.readdirSync(path.join(RENDERER, 'assets')).filter((f) => f.endsWith('.js'));
  notes.push(`${all.length} script chunks in all; gzip level 9.`);
  return { title: 'startup: renderer first screen (KB)', columns: ['what', 'files', 'raw', 'gzipped', 'goal', ''], rows, notes };
}

// ---------------------------------------------------------------------------------------------
// 3. Browser mode: start to first answer, and requests during the background work

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

interface Answer {
  status: number;
  ms: number;
  /** The session id the host gave (a new session, or a login's new id). */
  session: string | undefined;
  /** The envelope's ok, for RPC answers. */
  ok: boolean;
  body: string;
}

function request(port: number, method: 'GET' | 'POST', target: string, options: { token?: string; session?: string; input?: unknown } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const body = method === 'POST' ? JSON.stringify({ input: options.input ?? {} }) : undefined;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: target,
        agent: false,
        headers: {
          host: `127.0.0.1:${port}`,
          ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.session ? { [HTTP_SESSION_HEADER]: options.session } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          const header = res.headers[HTTP_SESSION_HEADER];
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - started,
            session: typeof header === 'string' ? header : undefined,
            ok: res.statusCode === 200 && text.startsWith('{"ok":true'),
            body: text,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const sleep = (msDelay: number) => new Promise((r) => setTimeout(r, msDelay));

/** CPU time (user + system) a process has used so far, ms; NaN where /proc is missing. */
function processCpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

interface HostRun {
  /** Spawn until GET / answers. */
  staticMs: number;
  /** CPU the host had used by then, and by the login page's answers. */
  staticCpuMs: number;
  loginPageCpuMs: number;
  /** Spawn until the login page's questions (app.info, then auth.session) are answered. */
  loginPageMs: number;
  child: ChildProcess;
  port: number;
  token: string;
  /** The session the login page holds (not logged in yet). */
  session: string;
  stop(): Promise<void>;
}

interface LoginRun {
  /** The login's request until its answer (scrypt of the slot, the database opened, the password checked). */
  loginMs: number;
  /** The login's request until the home page's first data answer (reports.morning for the admin), asked right after it. */
  dataMs: number;
  /** CPU the host used from the login's request to the data answer. */
  cpuMs: number;
  session: string;
}

async function rpc(run: Pick<HostRun, 'port' | 'token'>, channel: string, session: string | undefined, input: unknown = {}): Promise<Answer> {
  const a = await request(run.port, 'POST', `/rpc/${channel}`, { token: run.token, ...(session ? { session } : {}), input });
  if (!a.ok) throw new Error(`${channel} failed: ${a.status} ${a.body.slice(0, 300)}`);
  return a;
}

async function startHostProcess(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<HostRun> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [HOST, '--data-dir', dataDir, '--port', String(port)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  const answered = async (): Promise<boolean> => {
    try {
      return (await request(port, 'GET', '/')).status > 0;
    } catch {
      return false;
    }
  };
  while (!(await answered())) {
    if (exited) throw new Error(`browser mode ended at start: ${err.slice(-1000)}`);
    if (performance.now() - started > 120_000) throw new Error('browser mode did not answer within 120 s');
    await sleep(2);
  }
  const staticMs = performance.now() - started;
  const staticCpuMs = processCpuMs(child.pid);
  const tokenOf = () => /token=([\w-]+)/.exec(out)?.[1];
  while (tokenOf() === undefined) {
    if (exited) throw new Error(`browser mode ended at start: ${err.slice(-1000)}`);
    await sleep(2);
  }
  const token = tokenOf() ?? '';
  // What the login page asks, in its order: the office (app.info), then whether someone is logged in.
  const info = await rpc({ port, token }, 'app.info', undefined);
  const sessionAnswer = await rpc({ port, token }, 'auth.session', info.session);
  const loginPageMs = performance.now() - started;
  const loginPageCpuMs = processCpuMs(child.pid);
  const session = sessionAnswer.session ?? info.session ?? '';
  return {
    staticMs,
    loginPageMs,
    staticCpuMs,
    loginPageCpuMs,
    child,
    port,
    token,
    session,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Logs in as the admin and asks what the home page asks first: a reader's home page is the morning view (HomePage.tsx). */
async function logIn(run: HostRun): Promise<LoginRun> {
  const cpu0 = processCpuMs(run.child.pid);
  const started = performance.now();
  const login = await rpc(run, 'auth.login', run.session, { username: 'admin', password: PASSWORD });
  const loginMs = performance.now() - started;
  const session = login.session ?? run.session;
  await rpc(run, 'reports.morning', session, {});
  return { loginMs, dataMs: performance.now() - started, cpuMs: processCpuMs(run.child.pid) - cpu0, session };
}

/** Latencies of app.info asked every 10 ms for `seconds`, one at a time, by a logged-in session. */
async function watch(run: HostRun, session: string, seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const tick = performance.now();
    latencies.push((await rpc(run, 'app.info', session)).ms);
    const rest = 10 - (performance.now() - tick);
    if (rest > 0) await sleep(rest);
  }
  return latencies;
}

/**
 * Where the month's backup and replanning run: the background worker's thread (the app's way), the
 * main thread in steps (CADRECARE_BACKGROUND=main, the way before), or nowhere (off: the floor, what
 * the same requests wait on this machine at this moment without any background work).
 */
type BackgroundMode = 'worker' | 'main' | 'off';

interface Stalls {
  mode: BackgroundMode;
  latencies: number[];
  backups: number;
  /** Persons planned for this month by the end of the watch. */
  planned: number;
  /** CPU the host used (all its threads) and wall time, over the watch. */
  cpuMs: number;
  wallMs: number;
}

/** The month's first login on a fresh copy, then app.info every 10 ms while the backup and the replanning run. */
async function watchFirstLogin(source: string, key: DatabaseKey, mode: BackgroundMode, watchS: number): Promise<Stalls> {
  const copy = copyData(source, fs.mkdtempSync(path.join(os.tmpdir(), 'cadrecare-startup-')));
  try {
    // The copy's pages on disk before the watch: writing them back would otherwise stall its first seconds, whatever the mode.
    const fd = fs.openSync(path.join(copy, 'cadrecare.sqlite'), 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const run = await startHostProcess(copy, { ...process.env, CADRECARE_BACKGROUND: mode });
    const login = await logIn(run);
    const cpu0 = processCpuMs(run.child.pid);
    const started = performance.now();
    const latencies = await watch(run, login.session, watchS);
    const cpuMs = processCpuMs(run.child.pid) - cpu0;
    const wallMs = performance.now() - started;
    await run.stop();
    const backups = fs.existsSync(path.join(copy, 'backups')) ? fs.readdirSync(path.join(copy, 'backups')).filter((f) => f.endsWith('.sqlite')).length : 0;
    const db = openKeyed(path.join(copy, 'cadrecare.sqlite'), key, { readonly: true });
    let planned: number;
    try {
      planned = db.prepare('SELECT count(*) FROM visit_plan_state WHERE planned_month = ?').pluck().get(new Date().toISOString().slice(0, 7)) as number;
    } finally {
      db.close();
    }
    return { mode, latencies, backups, planned, cpuMs, wallMs };
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

function stallRow(label: string, watchS: number, s: Stalls, before: Stalls | null): Cell[] {
  const sorted = [...s.latencies].sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? Number.NaN;
  const worst = sorted[sorted.length - 1] ?? Number.NaN;
  const where = { worker: 'on the worker thread', main: 'on the main thread (CADRECARE_BACKGROUND=main, before)', off: 'not started (CADRECARE_BACKGROUND=off, the floor)' }[s.mode];
  const ratio = before ? `, max ${(worst / (before.latencies.reduce((m, x) => Math.max(m, x), 0) || Number.NaN)).toFixed(2)}× the main thread's` : '';
  return [
    `${label}: app.info every 10 ms for ${watchS} s after the month's first login, backup and replanning ${where} (${s.latencies.length} asked, ${s.backups} backup${s.backups === 1 ? '' : 's'} made, ${s.planned} persons planned; host CPU ${ms(s.cpuMs)} in ${ms(s.wallMs)}${ratio})`,
    ms(sorted[0] ?? Number.NaN),
    `p99 ${ms(p99)}`,
    ms(worst),
    '',
    s.mode === 'worker' ? `max ≤ ${GOALS.stallMs} ms` : '',
    s.mode === 'worker' ? mark(worst <= GOALS.stallMs) : '',
  ];
}

async function hostRows(ctx: BenchContext, label: string, source: string, key: DatabaseKey, runs: number, watchS: number): Promise<Cell[][]> {
  // Both ways and the floor in the same run, each on a fresh copy: the main thread's (the way before), the worker's, none.
  const before = await watchFirstLogin(source, key, 'main', watchS);
  const after = await watchFirstLogin(source, key, 'worker', watchS);
  const floor = await watchFirstLogin(source, key, 'off', watchS);
  ctx.log(`host ${label}: background stalls watched both ways`);
  const copy = copyData(source, fs.mkdtempSync(path.join(os.tmpdir(), 'cadrecare-startup-')));
  try {
    const first = await startHostProcess(copy);
    await logIn(first);
    await first.stop();
    const statics = [first.staticMs];
    const pages = [first.loginPageMs];
    const staticCpu = [first.staticCpuMs];
    const pageCpu = [first.loginPageCpuMs];
    const logins: number[] = [];
    const datas: number[] = [];
    const loginCpu: number[] = [];
    for (let i = 1; i < runs; i += 1) {
      const again = await startHostProcess(copy);
      statics.push(again.staticMs);
      pages.push(again.loginPageMs);
      staticCpu.push(again.staticCpuMs);
      pageCpu.push(again.loginPageCpuMs);
      const l = await logIn(again);
      logins.push(l.loginMs);
      datas.push(l.dataMs);
      loginCpu.push(l.cpuMs);
      await again.stop();
    }
    ctx.log(`host ${label}: ${runs} starts done`);
    return [
      row(`${label}: spawn → first answer (GET /)`, statics, '', undefined, [ms(spread(staticCpu).median)]),
      row(`${label}: spawn → login page answered (app.info, auth.session)`, pages, `≤ ${GOALS.firstAnswerMs} ms`, spread(pages).median <= GOALS.firstAnswerMs, [ms(spread(pageCpu).median)]),
      row(`${label}: login request → login answered (later starts)`, logins, '', undefined, [ms(spread(loginCpu).median)]),
      row(`${label}: login request → first data answer (reports.morning)`, datas, '', undefined, [ms(spread(loginCpu).median)]),
      stallRow(label, watchS, before, null),
      stallRow(label, watchS, after, before),
      stallRow(label, watchS, floor, before),
    ];
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// 4 (and 2's fetched list). Chromium: what the first screen fetches; typing a name until the list shows it

/**
 * In the page: from the next input event to the frame after a grid cell shows `wanted`, ms. Runs
 * inside the page as a Promise-returning expression.
 */
const SHOWN_SCRIPT = `(wanted) => new Promise((resolve) => {
  let t0 = 0;
  document.addEventListener('input', () => { t0 = performance.now(); }, { capture: true, once: true });
  const seen = () => [...document.querySelectorAll('[role="gridcell"]')].some((c) => c.textContent === wanted);
  const obs = new MutationObserver(() => {
    if (t0 > 0 && seen()) {
      obs.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - t0));
    }
  });
  obs.observe(document.body, { subtree: true, childList: true, characterData: true });
})`;

interface BrowserFigures {
  firstScreen: string[];
  typing: number[];
  names: string[];
}

async function browserFigures(ctx: BenchContext, office: Office, tries: number): Promise<BrowserFigures | null> {
  if (!fs.existsSync(CHROMIUM)) return null;
  const { chromium } = await import('playwright-core');
  const copy = copyData(office.dataDir, fs.mkdtempSync(path.join(os.tmpdir(), 'cadrecare-startup-ui-')));
  const db = openKeyed(path.join(copy, 'cadrecare.sqlite'), office.key, { readonly: true });
  let names: string[];
  try {
    names = (db.prepare(`SELECT name FROM persons WHERE length(name) = 2 AND deleted_at IS NULL ORDER BY id LIMIT ${tries * 4}`).all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
  const host = await startHostProcess(copy);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const fetched: string[] = [];
    page.on('response', (res) => {
      const p = new URL(res.url()).pathname.replace(/^\//, '');
      if (/\.(js|css)$/.test(p)) fetched.push(p);
    });
    await page.goto(`http://127.0.0.1:${host.port}/?token=${host.token}#/`);
    await page.getByLabel('用户名', { exact: true }).waitFor();
    const firstScreen = [...new Set(fetched)];
    await page.getByLabel('用户名', { exact: true }).fill('admin');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('navigation').getByRole('link', { name: '档案', exact: true }).click();
    await page.getByRole('heading', { name: '离退休干部档案', exact: true }).waitFor();
    const box = page.getByRole('textbox', { name: '查找' });
    await page.getByRole('gridcell').first().waitFor();
    const typing: number[] = [];
    const used: string[] = [];
    for (const name of names) {
      if (used.length >= tries) break;
      // Only a name the unfiltered list does not show already: its appearing is then the answer's.
      if ((await page.getByRole('gridcell', { name, exact: true }).count()) > 0) continue;
      used.push(name);
      // Times from the input event to the first frame whose grid shows the name, inside the page.
      // A string, not a function: tsx would wrap a function's inner functions in a helper the page lacks.
      const shown = page.evaluate<number>(`(${SHOWN_SCRIPT})(${JSON.stringify(name)})`);
      shown.catch(() => undefined);
      await box.fill(name);
      typing.push(await shown);
      await box.fill('');
      await page.waitForFunction(() => !/q=/.test(location.href));
      await page.getByRole('gridcell').first().waitFor();
      await sleep(300);
    }
    ctx.log('chromium: first screen and typing done');
    return { firstScreen, typing, names: used };
  } finally {
    await browser.close();
    await host.stop();
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

export const startupBenchmark: Benchmark = {
  name: 'startup',
  description: 'CLI process, renderer first screen, browser-mode start and background stalls, typing a name in Chromium',
  async run(ctx) {
    ensureBuilt(ctx.log);
    const runs = Math.max(3, Math.min(ctx.queries, 7));
    const watchS = Number(process.env['STARTUP_WATCH_S'] ?? '20');
    const small = twoThousand(ctx.log);
    const parts = new Set((process.env['STARTUP_PARTS'] ?? 'cli,ui,host').split(','));
    const tables: BenchTable[] = [];
    if (parts.has('cli')) tables.push(await cliTable(ctx, small, runs));
    let ui: BrowserFigures | null = null;
    if (parts.has('ui')) {
      try {
        ui = await browserFigures(ctx, small, 5);
      } catch (err) {
        ctx.log(`chromium figures failed: ${(err as Error).message}`);
      }
    }
    tables.push(rendererTable(ui?.firstScreen ?? null));
    const hostRowsAll: Cell[][] = [];
    if (parts.has('host')) {
      hostRowsAll.push(...(await hostRows(ctx, '2k', small.dataDir, small.key, Math.min(runs, 5), watchS)));
      if (process.env['STARTUP_COUNTY'] !== '0') {
        const county = await ctx.county();
        hostRowsAll.push(...(await hostRows(ctx, 'county', county.dataDir, BENCH_DB_KEY, 3, watchS)));
      }
    }
    if (hostRowsAll.length > 0) {
      tables.push({
        title: 'startup: browser mode (node dist/main/host.js on a copy of the data folder, ms)',
        columns: ['measure', 'min', 'median', 'max', 'CPU median', 'goal', ''],
        rows: hostRowsAll,
        notes: [
          'The host starts locked: its first answers are what the login page asks (app.info, auth.session), from the key',
          'slots without the database. The login (one scrypt of the slot, the database opened, the password checked) and',
          "the home page's first data call are timed from the login's request; the bench logs in at once, so the login",
          'also waits for the services, which load once the login page is answered (a person types the password meanwhile).',
          "The first login on a fresh copy is the month's first: the daily backup and the visit replanning run in the",
          'background while app.info is asked every 10 ms; "max" is the longest answer among them, measured both ways in the',
          "same run on fresh copies: on the main thread in steps (the way before) and on the worker thread (the app's way).",
          'CPU: what the host process used (from /proc, 10 ms steps, all its threads), the',
          'part of the wall time that is its own work on a shared machine.',
        ],
      });
    }
    if (ui) {
      tables.push({
        title: 'startup: typing a 2-character name in 档案 until the list shows it (Chromium, 2k persons, ms)',
        columns: ['measure', 'min', 'median', 'max', 'goal', ''],
        rows: [row(`input event → grid shows the name (${ui.names.join(' ')})`, ui.typing, `≤ ${GOALS.typingMs} ms`, spread(ui.typing).median <= GOALS.typingMs)],
        notes: ['Measured inside the page: from the input event of the filled box to the frame after the name appears in the grid.'],
      });
    }
    return tables;
  },
};
