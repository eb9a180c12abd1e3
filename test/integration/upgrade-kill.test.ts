/**
 * Crash safety of the encryption: a child process doing the upgrade of a plaintext folder, and one
 * changing a password back and forth, is killed (SIGKILL) at random moments, 20 times each. After
 * every kill the folder opens with the right password and holds every row (counts and a content
 * hash equal to the folder's before).
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeApp, openApp, type AppContext } from '../../main/context';
import { isPlaintextDatabase } from '../../main/db/cipher';
import { databasePath } from '../../main/paths';
import { ADMIN_PASSWORD, call, TEST_PASSWORD_COST, TestClock, tempDir } from '../helpers/app';
import { ROOT } from '../helpers/cli';
import { runAndKill, type KillRun } from '../helpers/kill';
import { prng } from '../helpers/prng';
import { hashOf, makePlainOffice, type PlainOffice } from './upgrade.helpers';

const KILLS = Number(process.env['UPGRADE_KILLS'] ?? 20);
const PERSONS = Number(process.env['UPGRADE_KILL_PERSONS'] ?? 60);
const OTHER_PASSWORD = 'Changed2026pass';

let work: string;
let child: string;
let office: PlainOffice;
let baseline: { hash: string; counts: Record<string, number> };

/** The child bundled once (tsx would take seconds to start each of the forty runs). */
beforeAll(async () => {
  work = tempDir('cadrecare-kill-');
  const bundle = path.join(work, 'bundle');
  fs.mkdirSync(bundle);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(bundle, 'node_modules'), 'dir');
  fs.cpSync(path.join(ROOT, 'main/db/migrations'), path.join(bundle, 'migrations'), { recursive: true });
  child = path.join(bundle, 'child.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'test/integration/upgrade-kill.child.ts')],
    outfile: child,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  office = await makePlainOffice(PERSONS);
  baseline = hashOf(databasePath(office.dir), undefined);
}, 120_000);

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(office.dir, { recursive: true, force: true });
});

/** Starts the child, waits for "ready", says go and kills it `killAfterMs` later (never when null). */
async function runChild(args: string[], killAfterMs: number | null): Promise<KillRun> {
  const run = await runAndKill(process.execPath, [child, ...args], { handshake: true, kill: killAfterMs === null ? null : { after: 'start', ms: killAfterMs } });
  if (!run.killed && run.code !== 0) throw new Error(`child exited ${run.code}: ${run.stderr}`);
  return run;
}

function copyOffice(): string {
  const dir = path.join(work, `office-${Math.random().toString(36).slice(2)}`);
  fs.cpSync(office.dir, dir, { recursive: true });
  return dir;
}

/** Opens the folder as the app does and logs in with the first of the passwords that opens it. */
async function openWith(dir: string, passwords: string[]): Promise<{ app: AppContext; password: string }> {
  const clock = new TestClock();
  const app = openApp({ dataDir: dir, transport: 'direct', clock: clock.now, passwordCost: TEST_PASSWORD_COST });
  for (const password of passwords) {
    const session = app.sessions.create(clock.time);
    const r = await call(app, session, 'auth.login', { username: 'admin', password });
    if (r.ok) return { app, password };
    if (r.error.code !== 'LOGIN_FAILED') {
      closeApp(app);
      throw new Error(`login failed with ${r.error.code}: ${r.error.message}`);
    }
  }
  closeApp(app);
  throw new Error('no password opens the folder');
}

function expectAllRows(app: AppContext): void {
  expect(app.key).not.toBeNull();
  expect(isPlaintextDatabase(app.dbPath)).toBe(false);
  const now = hashOf(app.dbPath, app.key as Buffer);
  expect(now.hash).toBe(baseline.hash);
  for (const [table, n] of Object.entries(baseline.counts)) if (table !== 'audit_log') expect(now.counts[table], table).toBe(n);
}

describe('kills during the encryption', () => {
  it(`the upgrade killed at ${KILLS} random moments: the folder opens each time with every row`, async () => {
    const uncut = copyOffice();
    const full = await runChild(['upgrade', uncut, 'admin', ADMIN_PASSWORD], null);
    expect(full.stdout).toContain('done');
    const committedAt = Number(/committed (\d+)/.exec(full.stdout)?.[1] ?? full.ms / 2);
    const random = prng(16);
    const outcomes = { plaintext: 0, encrypted: 0, finished: 0 };
    for (let i = 0; i < KILLS; i += 1) {
      const dir = copyOffice();
      // Every other kill lands about the commit and after it (the swap, sealing, backup, clean-up).
      const at = i % 2 === 0 ? random() * committedAt : committedAt - 30 + random() * 0.9 * (full.ms - committedAt + 30);
      const run = await runChild(['upgrade', dir, 'admin', ADMIN_PASSWORD], at);
      if (!run.killed) outcomes.finished += 1;
      else if (isPlaintextDatabase(databasePath(dir))) outcomes.plaintext += 1;
      else outcomes.encrypted += 1;
      // Opening and logging in: a plaintext folder is upgraded now, an encrypted one opens with its slot.
      const { app } = await openWith(dir, [ADMIN_PASSWORD]);
      try {
        expectAllRows(app);
      } finally {
        closeApp(app);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
    console.log(`upgrade kills: ${JSON.stringify(outcomes)}; an uncut upgrade took ${Math.round(full.ms)} ms, committed at ${committedAt} ms`);
    // Timing on a busy machine varies; most kills must still land inside the upgrade.
    expect(outcomes.plaintext + outcomes.encrypted).toBeGreaterThanOrEqual(KILLS / 2);
  }, 600_000);

  it(`a password change killed at ${KILLS} random moments: the folder opens with the old or the new password, with every row`, async () => {
    const dir = copyOffice();
    const first = await openWith(dir, [ADMIN_PASSWORD]);
    closeApp(first.app);
    const random = prng(61);
    const used = new Set<string>();
    let password = ADMIN_PASSWORD;
    for (let i = 0; i < KILLS; i += 1) {
      const other = password === ADMIN_PASSWORD ? OTHER_PASSWORD : ADMIN_PASSWORD;
      const run = await runChild(['password', dir, 'admin', password, other], 20 + random() * 400);
      expect(run.killed).toBe(true);
      const opened = await openWith(dir, [password, other]);
      try {
        expectAllRows(opened.app);
        // Exactly the committed password opens it: the database's check agrees with the slot.
        const s = opened.app.sessions.create(Date.now());
        const wrong = opened.password === password ? other : password;
        const r = await call(opened.app, s, 'auth.login', { username: 'admin', password: wrong });
        expect(r.ok).toBe(false);
      } finally {
        closeApp(opened.app);
      }
      used.add(opened.password);
      password = opened.password;
    }
    expect(used.size).toBe(2);
  }, 600_000);
});
