/**
 * The one entry point for every call from every transport (Electron IPC, the browser-mode HTTP
 * host, the CLI and the tests): find the channel, check the session and role, validate the input,
 * run the handler in a transaction, and answer with an envelope. Nothing throws past here.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { contract, isChannel, type CallOptions, type Channel, type ChannelDef } from '../shared/contract';
import { AppError, NOT_VALID, type Result } from '../shared/errors';
import type { AppContext } from './context';
import type { AppLog } from './log';
import type { Session } from './auth/session';
import { handlers, type Handler } from './handlers';
import { getUser } from './services/users/users';
import { getOffice } from './services/app/office';
import { getSettings } from './services/settings/settings';
import { requireOwnPassword } from './services/auth/auth';
import { storageError } from './db/storageErrors';
import { reconcileSlots, type SlotOpened } from './db/keySlots';
import { closeWhenNobodyIsIn, discardFailedSetup, openForCall } from './services/auth/unlock';
import { upgradeAtLogin } from './services/auth/upgrade';
import type { HandlerCtx } from './handlerContext';
import type { SessionEndReason, User } from '../shared/schemas/user';

/** Channels that work before the office exists. */
const BEFORE_SETUP = new Set<Channel>(['app.info', 'setup.create', 'auth.session']);

/**
 * Channels answered while a long write transaction holds the write gate (main/db/writeGate.ts):
 * they read only what such work does not change (the office, the session), and a cancel must get
 * through to stop it. Every other call waits until the transaction is over.
 */
const WHILE_GATE_HELD = new Set<Channel>(['app.info', 'auth.session', 'auth.heartbeat', 'tasks.cancel']);

/** Where dispatch says what failed (the app's log file by default, main/log.ts). */
export type DispatchLog = Pick<AppLog, 'error'>;

export async function dispatch(
  app: AppContext,
  session: Session,
  channelName: string,
  rawInput: unknown,
  options: CallOptions = {},
  log: DispatchLog = app.log,
): Promise<Result<unknown>> {
  let createdNow = false;
  let succeeded = false;
  let slotOpened: SlotOpened | undefined;
  try {
    if (!isChannel(channelName)) {
      throw new AppError('UNKNOWN_CHANNEL', `There is no channel "${channelName}".`, { channel: channelName.slice(0, 80) });
    }
    const channel = channelName;
    const def: ChannelDef = contract[channel];
    // Only when held: a call otherwise runs on at once, as a task's registration must (a cancel may follow).
    if (app.writeGate.isHeld && !WHILE_GATE_HELD.has(channel)) await app.writeGate.whenFree();
    const now = app.clock();
    if (!app.isOpen) {
      const closed = openForCall(app, session, channel, rawInput, now);
      if (closed.answered) {
        succeeded = true;
        return { ok: true, value: closed.value };
      }
      createdNow = closed.createdNow;
      slotOpened = closed.slotOpened;
    }
    const user = authorise(app, session, channel, def, now);
    // A call without input means "no input"; null is input, and not an object, so it is refused.
    const parsed = def.input.safeParse(rawInput === undefined ? {} : rawInput);
    if (!parsed.success) {
      throw new AppError('INVALID_INPUT', NOT_VALID, { issues: describeIssues(parsed.error) });
    }
    const handler = handlers[channel] as Handler<Channel>;
    const value = await run(app, session, channel, def, handler, user, now, parsed.data, options, slotOpened);
    if (channel === 'auth.login' && session.userId !== null) await encryptAtFirstLogin(app, session, parsed.data as { password: string }, options);
    if (def.kind !== 'read') keepSlotsInStep(app, log);
    const out = def.output.safeParse(value);
    if (!out.success) {
      log.error(`Output of ${channel} does not match the contract`, out.error);
      throw new AppError('INTERNAL', 'The app produced an answer it should not have.');
    }
    succeeded = true;
    return { ok: true, value: out.data };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.toShape() };
    const storage = storageError(err, app.dataDir);
    if (storage) {
      // Expected on real machines: one line for whoever watches the console, no stack.
      log.error(`${channelName} failed: ${storage.code}`, (err as Error).message);
      return { ok: false, error: storage.toShape() };
    }
    log.error(`Unexpected failure in ${channelName}`, err);
    return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside the app.' } };
  } finally {
    if (createdNow && !succeeded) discardFailedSetup(app);
    else closeWhenNobodyIsIn(app);
  }
}

/**
 * A data folder from before encryption is encrypted at its first login (main/services/auth/upgrade.ts);
 * the login screen follows it on the 'progress' event of the login's task id. A failure ends the
 * login: the plaintext database is kept as it was, and the next login tries again.
 */
async function encryptAtFirstLogin(app: AppContext, session: Session, input: { password: string }, options: CallOptions): Promise<void> {
  if (session.userId === null) return;
  const taskId = options.taskId ?? 'encrypt-database';
  try {
    await upgradeAtLogin(app, session.userId, input.password, (done, total, stage) => session.emit('progress', { taskId, channel: 'auth.login', done, total, stage }));
  } catch (err) {
    session.logout();
    throw err;
  }
}

/**
 * After a write has committed: the key slots follow the users (a disabled or deleted user's slot
 * goes, an old password's slot goes). A failure here loses nothing: the next write or open retries.
 */
function keepSlotsInStep(app: AppContext, log: DispatchLog): void {
  try {
    if (app.isOpen) reconcileSlots(app.db);
  } catch (err) {
    log.error('The key slots could not be brought in step with the users', err);
  }
}

/** Role checks live here, in main, so a renderer that skips its own checks gains nothing. */
function authorise(app: AppContext, session: Session, channel: Channel, def: ChannelDef, now: Date): User | null {
  const db = app.db;
  if (!BEFORE_SETUP.has(channel) && getOffice(db) === null) {
    throw new AppError('SETUP_REQUIRED', 'The office has not been set up yet.');
  }
  let user: User | null = null;
  if (session.userId !== null) {
    user = getUser(db, session.userId);
    // The account was removed by a restore or disabled by an admin since this session logged in.
    if (user === null || user.disabled) {
      session.logout();
      if (def.access !== 'public') throw new AppError(user ? 'ACCOUNT_DISABLED' : 'UNAUTHENTICATED', 'Please log in again.');
      user = null;
    }
  }
  if (user !== null && !session.locked) {
    const idleMinutes = getSettings(db).idleLockMinutes;
    if (idleMinutes > 0 && now.getTime() - session.lastActivity > idleMinutes * 60000) {
      session.locked = true;
      session.emit('session', { locked: true, loggedOut: false });
    }
  }
  if (def.access === 'public') return user;
  if (user === null) throw notLoggedIn(session);
  if (session.locked && def.whileLocked !== true) throw new AppError('SESSION_LOCKED', 'The screen is locked; enter your password.');
  requireOwnPassword(user, def.beforePasswordChange === true);
  if (def.access !== 'session' && !def.access.includes(user.role)) {
    throw new AppError('FORBIDDEN', `The role ${user.role} may not use ${channel}.`, { role: user.role, channel });
  }
  if (!session.locked) session.lastActivity = now.getTime();
  return user;
}

const ENDED_MESSAGES: Record<SessionEndReason, string> = {
  passwordChanged: 'Your password was changed; please log in again with the new one.',
  passwordReset: 'An administrator reset your password; please log in again with the new one.',
  roleChanged: 'An administrator changed your role; please log in again.',
  accountDisabled: 'An administrator disabled this account.',
};

/** UNAUTHENTICATED, saying why when the login was ended from elsewhere (the renderer translates `details.reason`). */
function notLoggedIn(session: Session): AppError {
  const reason = session.endedBecause;
  if (reason === null) return new AppError('UNAUTHENTICATED', 'Please log in.');
  return new AppError('UNAUTHENTICATED', ENDED_MESSAGES[reason], { reason });
}

async function run(
  app: AppContext,
  session: Session,
  channel: Channel,
  def: ChannelDef,
  handler: Handler<Channel>,
  user: User | null,
  now: Date,
  input: unknown,
  options: CallOptions,
  slotOpened: SlotOpened | undefined,
): Promise<unknown> {
  const ctx: HandlerCtx = { app, db: app.db, session, user, now, task: undefined, slotOpened };
  const call = () => handler(ctx, input as never);
  if (def.kind === 'task') {
    const taskId = options.taskId ?? randomUUID();
    const task = app.tasks.start(taskId, session.id, (done, total, stage) =>
      session.emit('progress', { taskId, channel, done, total, stage }),
    );
    try {
      return await handler({ ...ctx, task }, input as never);
    } finally {
      task.finish();
    }
  }
  if (def.kind === 'read') return app.db.transaction(call).deferred();
  // A write: everything the handler does commits together or not at all, except bookkeeping an
  // error asks to keep (wrong-password counts), which commits with the error.
  let kept: AppError | undefined;
  const value = app.db
    .transaction(() => {
      try {
        return assertSync(call());
      } catch (err) {
        if (err instanceof AppError && err.keepWrites) {
          kept = err;
          return undefined;
        }
        throw err;
      }
    })
    .immediate();
  if (kept) throw kept;
  return value;
}

function assertSync<T>(value: T): T {
  if (value instanceof Promise) throw new Error('write handlers must be synchronous: a transaction cannot span an await');
  return value;
}

function describeIssues(error: z.ZodError): { path: string; message: string; code: string }[] {
  return error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message, code: issue.code }));
}
