import fs from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import { openKeyed } from '../../main/db/connection';
import os from 'node:os';
import path from 'node:path';
import { openApp, closeApp, type AppContext, type OpenAppOptions } from '../../main/context';
import type { PasswordCost } from '../../main/auth/password';
import { dispatch } from '../../main/dispatch';
import type { Session } from '../../main/auth/session';
import type { Channel, ChannelInput, ChannelOutput, CallOptions } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { Role } from '../../shared/roles';
import { restoreFolder, snapshotFolder, type FolderSnapshot } from './folders';

export const ADMIN_PASSWORD = 'Admin2026pass';

/**
 * The database key of every test office: test apps open their encrypted database with it at once, as
 * the CLI does after unlocking, and stay open when nobody is logged in. The tests about the key itself
 * (slots, login while closed, recovery) open apps without it.
 */
export const TEST_DB_KEY: Buffer = Buffer.alloc(32, 0x5a);

/** A test office's database file opened directly (keyed with TEST_DB_KEY), for checks below the services. */
export function openTestDb(file: string, options: { readonly?: boolean } = {}): Database.Database {
  return openKeyed(file, TEST_DB_KEY, options.readonly ? { readonly: true, fileMustExist: true } : {});
}
export const USER_PASSWORD = 'Worker2026pass';

export function tempDir(prefix = 'cadrecare-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A mutable clock so tests can move time (idle lock, lockout, daily backups). */
export class TestClock {
  constructor(public time = Date.parse('2026-11-27T09:00:00.000Z')) {}
  now = (): Date => new Date(this.time);
  advance(ms: number): void {
    this.time += ms;
  }
}

export interface TestApp {
  app: AppContext;
  clock: TestClock;
  dir: string;
  close(): void;
}

/**
 * scrypt at the lowest cost: every login and new user of a test would otherwise take a large part of
 * a second. auth.test.ts keeps one office at the real cost and checks the hashes it stores.
 */
export const TEST_PASSWORD_COST: PasswordCost = { N: 16, r: 1, p: 1 };

export interface MakeAppOptions extends Pick<OpenAppOptions, 'log'> {
  /** The app's own cost (PASSWORD_COST) for the tests about it; the tests' low cost otherwise. */
  passwordCost?: PasswordCost;
  /** Opens the app as the desktop app does: closed until a login or setup unwraps the key. */
  closed?: boolean;
}

/** The data folder of an app opened once: its database migrated, nothing else in it. */
let migrated: FolderSnapshot | null = null;

/**
 * A new data folder as the app leaves it on first open. Running the migrations takes most of the
 * time a test spends opening an app, so they run once per worker and their result is written out
 * for each new folder; the app then opens it as it would any existing one.
 */
function newDataDir(): string {
  if (!migrated) {
    const first = tempDir();
    closeApp(openApp({ dataDir: first, transport: 'direct', key: TEST_DB_KEY }));
    migrated = snapshotFolder(first);
    fs.rmSync(first, { recursive: true, force: true });
  }
  const dir = tempDir();
  restoreFolder(migrated, dir);
  return dir;
}

/** An app on `dir` as it is, or on a new data folder. */
export function makeApp(dir: string = newDataDir(), options: MakeAppOptions = {}): TestApp {
  const clock = new TestClock();
  const app = openApp({
    dataDir: dir,
    transport: 'direct',
    clock: clock.now,
    log: options.log,
    passwordCost: options.passwordCost ?? TEST_PASSWORD_COST,
    ...(options.closed ? {} : { key: TEST_DB_KEY }),
  });
  return {
    app,
    clock,
    dir,
    close() {
      closeApp(app);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Silences dispatch's error log for paths that are meant to fail. */
export const quietLog = { error: () => undefined };

export function call<C extends Channel>(
  app: AppContext,
  session: Session,
  channel: C,
  input: ChannelInput<C>,
  options?: CallOptions,
): Promise<Result<ChannelOutput<C>>> {
  return dispatch(app, session, channel, input, options, quietLog) as Promise<Result<ChannelOutput<C>>>;
}

export async function ok<T>(result: Promise<Result<T>> | Result<T>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

export async function errorCode(result: Promise<Result<unknown>>): Promise<string> {
  const r = await result;
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error.code;
}

/** Sets up the office with an admin and returns the admin's logged-in session. */
export async function setupOffice(t: TestApp, mode: 'community' | 'bureau' = 'community'): Promise<Session> {
  const session = t.app.sessions.create(t.clock.time);
  await ok(
    call(t.app, session, 'setup.create', {
      officeName: '幸福里社区',
      areaCode: '140702001001',
      mode,
      adminUsername: 'admin',
      adminDisplayName: '王主任',
      adminPassword: ADMIN_PASSWORD,
    }),
  );
  return session;
}

/** Creates a user of the role (as the admin) and returns a session logged in as them. */
export async function sessionAs(t: TestApp, admin: Session, role: Role, username = `${role}1`): Promise<Session> {
  await ok(call(t.app, admin, 'users.create', { username, displayName: `${role} 用户`, role, password: USER_PASSWORD, phone: null }));
  // A colleague long at work, who replaced the password the admin gave them (tested in auth.test.ts).
  t.app.db.prepare('UPDATE users SET must_change_password = 0 WHERE username = ?').run(username);
  const session = t.app.sessions.create(t.clock.time);
  await ok(call(t.app, session, 'auth.login', { username, password: USER_PASSWORD }));
  return session;
}

/** Every row of every table, for "nothing was written" assertions. */
export function dumpDatabase(app: AppContext): Record<string, unknown[]> {
  return dumpDb(app.db);
}

export function dumpDb(db: Database.Database): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const meta = db.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').get(name) as { wr: number } | undefined;
    // WITHOUT ROWID tables have no rowid to order by; their primary key orders them.
    out[name] = db.prepare(`SELECT * FROM "${name}" ${meta?.wr ? '' : 'ORDER BY rowid'}`).all();
  }
  return out;
}
