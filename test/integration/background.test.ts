// The month's replanning and the daily backup's copy on the background worker's thread: its own
// connection to the encrypted database, calls answered (and writes committed) while it works, the
// same plans and audit entries as on the main thread, and the last logout ending it with the key.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, call, ok, makeApp, setupOffice, tempDir, TEST_DB_KEY, type TestApp } from '../helpers/app';
import type { Session } from '../../main/auth/session';
import { personInput } from '../helpers/persons';
import { careOffice, addPerson, openKeys, setDay, type CareOffice } from './care.helpers';
import { replanIfDue } from '../../main/services/visits/schedule';
import { backgroundWorker } from '../../main/background/client';
import { checkBackupFile, listBackups, runDailyBackupIfDue } from '../../main/db/backup';
import { openKeyed } from '../../main/db/connection';
import { checkpointInBackground } from '../../main/background/checkpoint';
import { pauseAutoCheckpoint } from '../../main/db/writeGate';
import { longRosterXlsx } from '../helpers/xlsx';
import { carry, closeAll, exportFrom, importAt, makeOffice, trustBoth, type Office } from './packets.helpers';

const NAMES = '甲乙丙丁戊己庚辛壬癸子丑';
const PERSONS = NAMES.length;

function auditSince(o: CareOffice, id: number) {
  return (o.t.app.db.prepare('SELECT entity, action, username, changes FROM audit_log WHERE id > ? ORDER BY id').all(id) as { entity: string; action: string; username: string; changes: string }[]).map((e) => ({
    ...e,
    changes: JSON.parse(e.changes) as Record<string, number>,
  }));
}

describe('background work on a worker thread', () => {
  let o: CareOffice;
  let persons: string[];
  beforeEach(async () => {
    o = await careOffice();
    persons = [];
    for (let i = 0; i < PERSONS; i++) persons.push(await addPerson(o, { name: `老人${NAMES[i]}` }));
  });
  afterEach(() => o.t.close());

  it('replans the month on its own connection while a call is answered and a write commits, with the audit entries the main thread writes', async () => {
    setDay(o, '2027-01-05');
    const lastAudit = (o.t.app.db.prepare('SELECT max(id) AS n FROM audit_log').get() as { n: number }).n;
    let finished = false;
    const replanning = replanIfDue(o.t.app, { inWorker: true }).then((n) => {
      finished = true;
      return n;
    });
    const worker = backgroundWorker(o.t.app);
    expect(worker?.alive).toBe(true);
    // Answered, and written, before the worker is done: nothing here waits behind it.
    expect((await ok(call(o.t.app, o.admin, 'app.info', {}))).office?.name).toBe('幸福里社区');
    await ok(call(o.t.app, o.admin, 'users.update', { id: o.ids.gw1, displayName: '网格员小赵', phone: '13900000001' }));
    expect(finished).toBe(false);
    expect(await replanning).toBe(PERSONS);
    for (const id of persons) expect(openKeys(o, id)).toContain('routine:2028-01');
    // What was written meanwhile is there.
    expect(o.t.app.db.prepare('SELECT display_name FROM users WHERE id = ?').pluck().get(o.ids.gw1)).toBe('网格员小赵');
    const entries = auditSince(o, lastAudit).filter((e) => e.entity === 'visit_plan');
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.action === 'update' && e.username === 'system')).toBe(true);
    expect(entries.reduce((n, e) => n + (e.changes['checked'] ?? 0), 0)).toBe(PERSONS);
    // A second tick finds nothing stale.
    expect(await replanIfDue(o.t.app, { inWorker: true })).toBe(0);
  });

  it('copies the daily backup on the worker: a whole, encrypted file of that moment, with its audit entry', async () => {
    const made = await runDailyBackupIfDue(o.t.app, { inWorker: true });
    expect(made?.reason).toBe('daily');
    const file = made?.path as string;
    expect(checkBackupFile(file, undefined, TEST_DB_KEY).officeName).toBe('幸福里社区');
    // Standalone: no WAL beside it, and the persons as they were.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const copy = openKeyed(file, TEST_DB_KEY, { readonly: true });
    try {
      expect(copy.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(PERSONS);
    } finally {
      copy.close();
    }
    expect(listBackups(o.t.dir).map((b) => b.name)).toEqual([made?.name]);
    expect(o.t.app.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'backup' AND entity_id = ?").pluck().get(made?.name)).toBe(1);
  });
});

describe('the last logout ends the background worker', () => {
  let t: TestApp;
  beforeEach(() => {
    t = makeApp(tempDir(), { closed: true });
  });
  afterEach(() => t.close());

  it('stops the work between two slices, closes its connection and lets the database close whole', async () => {
    const admin = await setupOffice(t);
    await ok(call(t.app, admin, 'settings.update', { idleLockMinutes: 0 }));
    for (let i = 0; i < PERSONS; i++) await ok(call(t.app, admin, 'persons.create', personInput({ seq: 900 + i, name: `老人${NAMES[i]}` })));
    t.clock.time = Date.parse('2027-01-05T09:00:00.000Z');
    const replanning = replanIfDue(t.app, { inWorker: true });
    const worker = backgroundWorker(t.app);
    expect(worker?.alive).toBe(true);
    await ok(call(t.app, admin, 'auth.logout', {}));
    expect(t.app.isOpen).toBe(false);
    // The worker ends with the database: no error for the interrupted month, the thread gone.
    await expect(replanning).resolves.toBeTypeOf('number');
    await worker?.exited;
    expect(worker?.alive).toBe(false);
    expect(backgroundWorker(t.app)).toBeNull();
    // The last connection to close removes the WAL: none is left open, in this thread or the worker's.
    expect(fs.existsSync(`${t.app.dbPath}-wal`)).toBe(false);
    // The next login starts a new worker, which finishes the month.
    const again = t.app.sessions.create(t.clock.time);
    await ok(call(t.app, again, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }));
    await replanIfDue(t.app, { inWorker: true });
    expect(await replanIfDue(t.app, { inWorker: true })).toBe(0);
  });
});

describe('a long import\'s checkpoint on the worker', () => {
  let t: TestApp;
  beforeEach(() => {
    t = makeApp();
  });
  afterEach(() => t.close());

  let admin: Session;
  /** Imports a roster of `rows` new persons through the channels, as 导入花名册 does; the data file's size when the commit returned. */
  async function importRoster(rows: number, options: { workerRunning?: boolean } = {}): Promise<number> {
    admin = await setupOffice(t);
    await ok(call(t.app, admin, 'settings.update', { idleLockMinutes: 0 }));
    if (options.workerRunning) await backgroundWorker(t.app)?.run({ kind: 'checkpoint' });
    t.app.db.pragma('wal_checkpoint(TRUNCATE)');
    const parsed = await ok(call(t.app, admin, 'roster.parse', { fileName: '花名册.xlsx', base64: longRosterXlsx(rows).toString('base64') }));
    const done = await ok(call(t.app, admin, 'roster.commit', { sessionId: parsed.sessionId, mapping: parsed.mapping, skipInvalid: false, createGrids: true }));
    const size = fs.statSync(t.app.dbPath).size;
    expect(done.created).toBe(rows);
    return size;
  }

  it('copies a roster\'s pages from the WAL into the database file after the commit has returned, and the next commit copies them itself again', async () => {
    checkpointInBackground(t.app);
    const before = fs.statSync(t.app.dbPath).size;
    const atReturn = await importRoster(800);
    // The commit wrote thousands of pages to the WAL and returned without copying them (SQLite's own
    // checkpoint would have grown the file inside the commit).
    expect(atReturn - before).toBeLessThan(256 * 1024);
    expect(backgroundWorker(t.app)?.alive).toBe(true);
    // The persons are there already (the WAL is part of the database), in any connection.
    const reader = openKeyed(t.app.dbPath, TEST_DB_KEY, { readonly: true });
    try {
      expect(reader.prepare("SELECT count(*) FROM persons WHERE name LIKE '张%'").pluck().get()).toBe(800);
    } finally {
      reader.close();
    }
    await t.app.writeGate.checkpointed();
    expect(fs.statSync(t.app.dbPath).size - before).toBeGreaterThan(2 * 1024 * 1024);
    // Nothing is left in the WAL to copy, and SQLite's own checkpoint is on again for other writes.
    const [state] = t.app.db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(state?.checkpointed).toBe(state?.log);
    expect(t.app.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('a backup made right after a roster holds the roster, though its pages were still going into the file on the worker', async () => {
    checkpointInBackground(t.app);
    await importRoster(2000, { workerRunning: true });
    // At once, while the worker (running already, as in the app after a login) copies the roster's pages into the file.
    const made = await ok(call(t.app, admin, 'backup.create', {}));
    const copy = openKeyed(path.join(t.dir, 'backups', made.name), TEST_DB_KEY, { readonly: true });
    try {
      expect(copy.prepare("SELECT count(*) FROM persons WHERE name LIKE '张%'").pluck().get()).toBe(2000);
    } finally {
      copy.close();
    }
  });

  it('puts SQLite\'s own checkpoint back when overlapping imports end in any order', () => {
    const db = t.app.db;
    const setting = () => Number(db.pragma('wal_autocheckpoint', { simple: true }));
    expect(setting()).toBe(1000);
    // A packet being verified, then a roster committed meanwhile: the packet ends first.
    const packet = pauseAutoCheckpoint(db);
    const roster = pauseAutoCheckpoint(db);
    packet();
    expect(setting()).toBe(0);
    roster();
    expect(setting()).toBe(1000);
    // A batch's higher limit under a merge that turns it off: off while both last, the batch's after.
    const batch = pauseAutoCheckpoint(db, 65_536);
    expect(setting()).toBe(65_536);
    const merge = pauseAutoCheckpoint(db);
    expect(setting()).toBe(0);
    merge();
    merge();
    expect(setting()).toBe(65_536);
    batch();
    expect(setting()).toBe(1000);
  });

  it('copies them in the commit where no worker takes checkpoints (the CLI, tests)', async () => {
    const before = fs.statSync(t.app.dbPath).size;
    const atReturn = await importRoster(800);
    expect(atReturn - before).toBeGreaterThan(2 * 1024 * 1024);
  });
});

describe('a packet\'s checkpoint on the worker', () => {
  let community: Office;
  let bureau: Office;
  afterEach(() => closeAll(community, bureau));

  it('merges a full packet and returns; the worker copies its pages into the database file after', async () => {
    community = await makeOffice('幸福里社区');
    bureau = await makeOffice('榆次区老干部局', 'bureau');
    await trustBoth(community, bureau);
    const parsed = await ok(call(community.t.app, community.admin, 'roster.parse', { fileName: '花名册.xlsx', base64: longRosterXlsx(600).toString('base64') }));
    await ok(call(community.t.app, community.admin, 'roster.commit', { sessionId: parsed.sessionId, mapping: parsed.mapping, skipInvalid: false, createGrids: true }));
    const exported = await exportFrom(community, { kind: 'full', to: bureau.id });
    const app = bureau.t.app;
    checkpointInBackground(app);
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = fs.statSync(app.dbPath).size;
    const imported = await importAt(bureau, carry(exported.path, bureau));
    const atReturn = fs.statSync(app.dbPath).size;
    expect(imported.report.totals.inserted).toBeGreaterThan(600);
    expect(atReturn - before).toBeLessThan(256 * 1024);
    expect(app.db.prepare("SELECT count(*) FROM persons WHERE name LIKE '张%'").pluck().get()).toBe(600);
    await app.writeGate.checkpointed();
    expect(fs.statSync(app.dbPath).size - before).toBeGreaterThan(1024 * 1024);
    const [state] = app.db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(state?.checkpointed).toBe(state?.log);
    expect(app.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
