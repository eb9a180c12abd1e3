/**
 * Crash safety: a child process importing a large packet (the real CLI) is killed with
 * SIGKILL at random moments, at least 20 times. After each, the database passes
 * PRAGMA integrity_check and the import is either wholly there or wholly absent.
 *
 * The child is the built CLI (fresh from `npm test`'s build) when it is newer than the sources, else
 * the sources through tsx (test/helpers/cli.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, tempDir, TEST_DB_KEY } from '../helpers/app';
import { formatRecoveryKey } from '../../main/db/cipher';

let keyFile: string | null = null;

/** The test offices' key as a recovery key file, for the CLI runs. */
function testKeyFile(): string {
  if (!keyFile) {
    keyFile = path.join(tempDir(), 'recovery.key');
    fs.writeFileSync(keyFile, formatRecoveryKey(TEST_DB_KEY), { mode: 0o600 });
  }
  return keyFile;
}
import { cliCommand, ROOT } from '../helpers/cli';
import { runAndKill, type KillRun } from '../helpers/kill';
import { prng } from '../helpers/prng';
import { fillDatabase } from '../../bench/generator/index';
import { closeApp } from '../../main/context';
import { SYSTEM_ACTOR } from '../../main/db/audit';
import { databasePath } from '../../main/paths';
import { exportFrom, makeOffice, trustBoth, type Office } from './packets.helpers';

const KILLS = Number(process.env['PACKETS_CRASH_KILLS'] ?? 20);
// A thousand persons make an import of some six thousand rows: a merge long enough for kills to land
// all through it (the kill times scale with the measured import), without minutes of waiting.
const PERSONS = Number(process.env['PACKETS_CRASH_PERSONS'] ?? 1000);

type Kill = { at: 'start'; ms: number } | { at: 'backup'; ms: number } | null;

/** Runs `packet import` in a child; kills it `ms` after its start, or after its backup file appears. */
function runImport(cmd: string[], dataDir: string, file: string, kill: Kill): Promise<KillRun> {
  const backups = path.join(dataDir, 'backups');
  return runAndKill(cmd[0] as string, [...cmd.slice(1), '--json', 'packet', 'import', '--data-dir', dataDir, '--recovery-key-file', testKeyFile(), '--no-receipt', file], {
    cwd: ROOT,
    // The automatic backup in place: the merge transaction starts right after it.
    mark: () => fs.existsSync(backups) && fs.readdirSync(backups).some((f) => f.endsWith('-before-import.sqlite')),
    kill: kill === null ? null : { after: kill.at === 'backup' ? 'mark' : 'start', ms: kill.ms },
  });
}

describe('crash safety of imports', () => {
  let a: Office;
  let bureau: Office;
  let work: string;
  let template: string;
  let packet: string;
  let expected: { persons: number; rows: number };

  beforeAll(async () => {
    a = await makeOffice('幸福里社区');
    bureau = await makeOffice('榆次区委老干部局', 'bureau');
    await trustBoth(a, bureau);
    fillDatabase(a.t.app.db, { actor: SYSTEM_ACTOR, officeId: a.id, at: a.t.clock.now().toISOString() }, { seed: 5, count: PERSONS, referenceDate: '2026-01-01', transactionSize: 1000, path: 'fast' });
    const exported = await exportFrom(a, { kind: 'full', to: bureau.id });
    work = tempDir('cadrecare-crash-');
    packet = path.join(work, exported.fileName);
    fs.copyFileSync(exported.path, packet);
    expected = { persons: exported.counts['persons'] as number, rows: exported.total };
    // The bureau's data folder, closed, as the template each child starts from.
    template = path.join(work, 'template');
    closeApp(bureau.t.app);
    fs.cpSync(bureau.t.dir, template, { recursive: true });
  }, 300_000);

  afterAll(() => {
    a?.t.close();
    if (bureau) fs.rmSync(bureau.t.dir, { recursive: true, force: true });
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  /** What the database holds of the import: its rows, its log entry and its undo record (never half of one). */
  function state(dataDir: string): { integrity: string; persons: number; logged: number; synced: number; imports: number; undoRows: number; paused: number } {
    const db = openTestDb(databasePath(dataDir));
    try {
      const integrity = String(db.pragma('integrity_check', { simple: true }));
      const persons = (db.prepare('SELECT count(*) AS n FROM persons WHERE origin_office = ?').get(a.id) as { n: number }).n;
      const logged = (db.prepare("SELECT count(*) AS n FROM packet_log WHERE direction = 'in'").get() as { n: number }).n;
      const synced = (db.prepare('SELECT count(*) AS n FROM health_events').get() as { n: number }).n;
      const imports = (db.prepare('SELECT count(*) AS n FROM packet_imports').get() as { n: number }).n;
      const undoRows =
        (db.prepare('SELECT count(*) AS n FROM packet_import_rows').get() as { n: number }).n +
        (db.prepare('SELECT coalesce(sum(last_rowid - first_rowid + 1), 0) AS n FROM packet_import_ranges').get() as { n: number }).n;
      const paused = (db.prepare('SELECT paused FROM sync_clock').get() as { paused: number }).paused;
      return { integrity, persons, logged, synced, imports, undoRows, paused };
    } finally {
      db.close();
    }
  }

  it(`survives ${KILLS} SIGKILLs at random moments: whole or absent, never damaged`, async () => {
    const cmd = cliCommand();
    // One run to the end: how long an import takes here, and what "whole" looks like.
    const fullDir = path.join(work, 'full');
    fs.cpSync(template, fullDir, { recursive: true });
    const whole = await runImport(cmd, fullDir, packet, null);
    expect(whole.markAtMs).not.toBeNull();
    expect(whole.code, whole.stdout).toBe(0);
    const done = state(fullDir);
    expect(done).toMatchObject({ integrity: 'ok', persons: expected.persons, logged: 1, imports: 1, undoRows: expected.rows, paused: 0 });
    expect(expected.rows).toBeGreaterThan(PERSONS * 3);

    const rnd = prng(7);
    const outcomes = { absent: 0, whole: 0 };
    const mergeMs = whole.markAtMs === null ? whole.ms : whole.ms - whole.markAtMs;
    const kills: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const dir = path.join(work, `run-${i}`);
      fs.cpSync(template, dir, { recursive: true });
      // Every other kill falls in the merge (after the backup, until just past the commit); the rest
      // anywhere from startup through decryption, verification and the backup.
      const kill: Kill = i % 2 === 1 ? { at: 'backup', ms: Math.round(mergeMs * rnd() * 1.4) } : { at: 'start', ms: Math.round((whole.markAtMs ?? whole.ms) * (0.1 + rnd() * 0.9)) };
      const run = await runImport(cmd, dir, packet, kill);
      kills.push(`${kill?.at}+${kill?.ms}ms:${run.signal ?? run.code}`);
      const s = state(dir);
      expect(s.integrity, `run ${i} killed ${JSON.stringify(kill)}`).toBe('ok');
      if (s.logged === 0) {
        expect(s, `run ${i}: absent`).toMatchObject({ persons: 0, synced: 0, imports: 0, undoRows: 0, paused: 0 });
        outcomes.absent++;
      } else {
        expect(s, `run ${i}: whole`).toMatchObject({ persons: done.persons, synced: done.synced, logged: 1, imports: 1, undoRows: done.undoRows, paused: 0 });
        outcomes.whole++;
      }
      // No decrypted records are left behind in a data folder the next import could trip on.
      const leftovers = fs.existsSync(path.join(dir, 'packets', 'tmp')) ? fs.readdirSync(path.join(dir, 'packets', 'tmp')) : [];
      expect(run.signal === 'SIGKILL' || leftovers.length === 0).toBe(true);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    console.log(
      `crash test: ${KILLS} kills of an import of ${expected.rows} rows (${Math.round(whole.ms)} ms, merge ${Math.round(mergeMs)} ms): ` +
        `${outcomes.absent} absent, ${outcomes.whole} whole; ${kills.join(' ')}`,
    );
    expect(outcomes.absent + outcomes.whole).toBe(KILLS);
    expect(outcomes.absent).toBeGreaterThan(0);
  }, 600_000);
});
