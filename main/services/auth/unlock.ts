/**
 * The app before its database is open. The database key lives only in main's memory while someone is
 * logged in: until then the login screen is answered from the key-slot file (the office's name), a
 * login unwraps the user's slot with their password (counting wrong ones in that file, so lockout
 * works before anything is open) and opens the database, and setup creates a new encrypted one. When
 * the last session ends or is idle-locked the database is closed and the key zeroed
 * (`closeWhenNobodyIsIn`); unlocking the lock screen then opens it with the password, as a login does.
 */
import fs from 'node:fs';
import type { AppContext } from '../../context';
import { closeAppDatabase, openAppDatabase } from '../../context';
import type { Session } from '../../auth/session';
import type { Channel, ChannelOutput } from '../../../shared/contract';
// The few channels answered here, not the whole contract: the command line unlocks through this
// file, and building every schema of the contract cost a CLI command a good part of its start.
import { appChannels } from '../../../shared/contracts/app';
import { authChannels } from '../../../shared/contracts/auth';
import { recoveryChannels } from '../../../shared/contracts/recovery';
import { AppError, NOT_VALID } from '../../../shared/errors';
import { newDatabaseKey, type DatabaseKey } from '../../db/cipher';
import { readSlotFile, slotsPath, unwrapKey, userHash, writeSlotFile, type SlotOpened } from '../../db/keySlots';
import { LOCKOUT_MINUTES, MAX_FAILED_ATTEMPTS } from './credentials';
import { keyFromRecoveryText } from './recovery';
import { closedAppInfo, closedSession, dataExists } from './closedAnswers';
import { getSettings } from '../settings/settings';

/** How often main looks for sessions idle past the office's idle lock (its own clock, not the renderer's). */
export const IDLE_CHECK_MS = 15_000;

/**
 * What a call made while the database is closed gets: an answer, or the go-ahead after the database
 * was opened (with the slot the call's password opened, when a password opened it).
 */
export type ClosedAnswer = { answered: true; value: unknown } | { answered: false; createdNow: boolean; slotOpened?: SlotOpened };

/**
 * Answers or opens for a call that came while the database is closed. Anything but the login screen's
 * questions, a login (with a password or the recovery key) and setup is refused as not logged in (or setup required).
 */
export function openForCall(app: AppContext, session: Session, channel: Channel, rawInput: unknown, now: Date): ClosedAnswer {
  if (channel === 'app.info') return { answered: true, value: closedAppInfo(app) };
  if (channel === 'auth.session') return { answered: true, value: closedSession(session) };
  if (channel === 'auth.login') {
    const input = authChannels['auth.login'].input.safeParse(rawInput);
    if (!input.success) throw new AppError('INVALID_INPUT', NOT_VALID);
    const opened = openSlotWithPassword(slotsPath(app.dataDir), input.data.username, input.data.password, now);
    openAppDatabase(app, opened.key);
    return { answered: false, createdNow: false, slotOpened: opened.slot };
  }
  if (channel === 'recovery.check' || channel === 'recovery.login') {
    const input = recoveryChannels[channel].input.safeParse(rawInput);
    if (!input.success) throw new AppError('INVALID_INPUT', NOT_VALID);
    openAppDatabase(app, keyFromRecoveryText(app, input.data.recoveryKey));
    return { answered: false, createdNow: false };
  }
  if (channel === 'setup.create') {
    if (dataExists(app)) throw new AppError('SETUP_ALREADY_DONE', 'This office is already set up.');
    const input = appChannels['setup.create'].input.safeParse(rawInput);
    // Refused before anything is created, so a bad first try leaves no file behind.
    if (!input.success) throw new AppError('INVALID_INPUT', NOT_VALID);
    openAppDatabase(app, newDatabaseKey());
    return { answered: false, createdNow: true };
  }
  if (session.userId !== null && session.locked) return answerLocked(app, session, channel, rawInput, now);
  if (!dataExists(app)) throw new AppError('SETUP_REQUIRED', 'The office has not been set up yet.');
  throw new AppError('UNAUTHENTICATED', 'Please log in.');
}

/**
 * A session behind the idle lock while the database is closed: its password opens the user's slot
 * and the database (then the unlock goes on as usual), logging out needs nothing open (it is not
 * audited: the audit log is in the closed database), and anything else is answered as locked, so
 * the page under the lock screen keeps what was typed.
 */
function answerLocked(app: AppContext, session: Session, channel: Channel, rawInput: unknown, now: Date): ClosedAnswer {
  if (channel === 'auth.logout') {
    session.logout();
    const value: ChannelOutput<'auth.logout'> = { done: true };
    return { answered: true, value };
  }
  if (channel === 'auth.unlock' && session.username !== null) {
    const input = authChannels['auth.unlock'].input.safeParse(rawInput);
    if (!input.success) throw new AppError('INVALID_INPUT', NOT_VALID);
    let opened: { key: DatabaseKey; slot: SlotOpened };
    try {
      opened = openSlotWithPassword(slotsPath(app.dataDir), session.username, input.data.password, now);
    } catch (err) {
      // Locked out while unlocking: the session ends, as it does with the database open.
      if (err instanceof AppError && err.code === 'ACCOUNT_LOCKED') session.logout();
      throw err;
    }
    openAppDatabase(app, opened.key);
    return { answered: false, createdNow: false, slotOpened: opened.slot };
  }
  throw new AppError('SESSION_LOCKED', 'The screen is locked; enter your password.');
}

/**
 * The database key from the user's slot, or LOGIN_FAILED / ACCOUNT_LOCKED as a login answers them.
 * A wrong password is counted in the slot file (the database is not open to hold the count); an
 * unknown user answers like a wrong password and counts nothing.
 */
export function unlockWithPassword(file: string, username: string, password: string, now: Date): DatabaseKey {
  return openSlotWithPassword(file, username, password, now).key;
}

/** As `unlockWithPassword`, also saying which slot opened (the login that follows need not check the password again). */
export function openSlotWithPassword(file: string, username: string, password: string, now: Date): { key: DatabaseKey; slot: SlotOpened } {
  const slots = readSlotFile(file);
  const mine = slots.slots.filter((s) => s.user === userHash(username));
  if (mine.length === 0) throw new AppError('LOGIN_FAILED', 'Wrong user name or password.');
  const at = now.toISOString();
  const lockedUntil = mine.map((s) => s.lockedUntil).find((until) => until !== null && until > at);
  if (lockedUntil) {
    const minutes = Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 60000));
    throw new AppError('ACCOUNT_LOCKED', `Too many wrong passwords; try again in ${minutes} minutes.`, { minutes });
  }
  for (const slot of mine) {
    const key = unwrapKey(slots, slot, password);
    if (!key) continue;
    if (mine.some((s) => s.failed > 0 || s.lockedUntil !== null)) {
      for (const s of mine) {
        s.failed = 0;
        s.lockedUntil = null;
      }
      writeSlotFile(file, slots);
    }
    return { key, slot: { userId: slot.userId, stamp: slot.stamp } };
  }
  const failed = Math.max(...mine.map((s) => s.failed)) + 1;
  if (failed >= MAX_FAILED_ATTEMPTS) {
    const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60000).toISOString();
    for (const s of mine) {
      s.failed = 0;
      s.lockedUntil = until;
    }
    writeSlotFile(file, slots);
    throw new AppError('ACCOUNT_LOCKED', `Too many wrong passwords; try again in ${LOCKOUT_MINUTES} minutes.`, { minutes: LOCKOUT_MINUTES });
  }
  for (const s of mine) s.failed = failed;
  writeSlotFile(file, slots);
  throw new AppError('LOGIN_FAILED', 'Wrong user name or password.', { remaining: MAX_FAILED_ATTEMPTS - failed });
}

/**
 * After a call and at every idle check: with nobody logged in (or everyone behind the idle lock) and
 * no long work running, the database is closed and its key zeroed. The CLI and tests, which came
 * with the key, keep it open.
 */
export function closeWhenNobodyIsIn(app: AppContext): void {
  if (app.keepOpen || !app.isOpen || app.key === null) return;
  if (app.sessions.anyAtWork() || app.tasks.runningExcept(new Set()) > 0 || app.writeGate.isHeld) return;
  closeAppDatabase(app);
}

/**
 * Locks the sessions nobody used for the office's idle time, telling their clients, then closes the
 * database if nobody is left at work. Dispatch also locks a session it finds idle at its next call;
 * this catches the one that makes no call, so its key does not stay in memory all night.
 */
export function lockIdleSessions(app: AppContext, now: Date): number {
  if (!app.isOpen) return 0;
  const minutes = getSettings(app.db).idleLockMinutes;
  let locked = 0;
  if (minutes > 0) {
    for (const session of app.sessions.loggedIn()) {
      if (session.locked || now.getTime() - session.lastActivity <= minutes * 60000) continue;
      session.locked = true;
      session.emit('session', { locked: true, loggedOut: false });
      locked++;
    }
  }
  closeWhenNobodyIsIn(app);
  return locked;
}

/** Starts the idle check of the desktop app and browser mode; returns a stop function. */
export function watchIdleSessions(app: AppContext, onError: (err: unknown) => void = () => undefined): () => void {
  const timer = setInterval(() => {
    try {
      lockIdleSessions(app, app.clock());
    } catch (err) {
      onError(err);
    }
  }, IDLE_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** A setup that failed leaves no database behind: the next try starts afresh. */
export function discardFailedSetup(app: AppContext): void {
  closeAppDatabase(app);
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${app.dbPath}${suffix}`, { force: true });
  fs.rmSync(slotsPath(app.dataDir), { force: true });
}
