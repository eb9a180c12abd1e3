/**
 * The handler of every channel of the contract. The mapped type makes a missing or misspelled
 * handler a compile error, and gives each handler its channel's parsed input and output types.
 */
import path from 'node:path';
import type { Channel, ChannelOutput } from '../shared/contract';
import type { HandlerCtx } from './handlerContext';
import { unitHandlers } from './services/units/handlers';
import { partyHandlers } from './services/party/handlers';
import { activityHandlers } from './services/activities/handlers';
import { volunteerHandlers } from './services/volunteers/handlers';
import { pairHandlers } from './services/pairs/handlers';
import { personHandlers } from './services/persons/handlers';
import { rosterHandlers } from './services/roster/handlers';
import { gridHandlers } from './services/grids/handlers';
import { assignmentHandlers } from './services/assignments/handlers';
import { actorOf, requireUser } from './handlerContext';
import { getOffice, setupOffice } from './services/office';
import {
  checkCredentials,
  createUserRow,
  getUser,
  listUsers,
  recordLogin,
  setPassword,
  updatePrefs,
  updateUser,
} from './services/users';
import { getSettings, updateSettings } from './services/settings';
import { listAudit } from './services/audit';
import { createBackup, listBackups, restoreBackup } from './db/backup';
import { backupDir } from './paths';
import { schemaVersionOf } from './db/migrate';
import { writeAudit } from './db/audit';
import { AppError } from '../shared/errors';
import { toDateString } from '../shared/dates';
import { writeContextOf } from './handlerContext';
import type { BarthelScores } from '../shared/barthel';
import { assertInScope, scopeOf, type PersonScope } from './services/scope';
import { personsToReplan, replanAll, replanPersons, rulesHash } from './services/visits/planning';
import { worklist } from './services/visits/worklist';
import { cancelPlannedVisit, deleteRecord, getRecord, listRecords, recordVisit, updateRecord, visitsForPerson } from './services/visits/records';
import { createRequest, getRequest, listRequests, setRequestStatus, updateRequest } from './services/requests/requests';
import { createList, enterResults, getList, listLists, serviceCards } from './services/lists/lists';
import * as packets from './bundle/channels';

import type { Handler } from './handlerContext';
export type { Handler };

export type HandlerTable = { [C in Channel]: Handler<C> };

function sessionInfo(ctx: HandlerCtx): ChannelOutput<'auth.session'> {
  return {
    user: ctx.session.userId ? getUser(ctx.db, ctx.session.userId) : null,
    locked: ctx.session.locked,
    idleLockMinutes: getSettings(ctx.db).idleLockMinutes,
  };
}

/** The persons the logged-in user may see (grid workers: their own, once assignments exist). */
function scopeOfCtx(ctx: HandlerCtx): PersonScope {
  return scopeOf(ctx.db, ctx.user);
}

const todayOf = (ctx: HandlerCtx): string => toDateString(ctx.now);

export const handlers: HandlerTable = {
  'app.info': (ctx) => ({
    version: ctx.app.version,
    dataDir: ctx.app.dataDir,
    databasePath: ctx.app.dbPath,
    schemaVersion: schemaVersionOf(ctx.db),
    transport: ctx.app.transport,
    setupNeeded: getOffice(ctx.db) === null,
    office: getOffice(ctx.db),
  }),

  'setup.create': (ctx, input) => {
    const at = ctx.now.toISOString();
    const { adminId } = setupOffice(ctx.db, input, at);
    // The office's packet keys (issue 5); offices set up before packets get theirs on first use.
    packets.ensureOfficeIdentity(ctx);
    const admin = getUser(ctx.db, adminId);
    if (!admin) throw new AppError('INTERNAL', 'The admin account was not created.');
    recordLogin(ctx.db, admin, at);
    ctx.session.login(adminId, ctx.now.getTime());
    return sessionInfo(ctx);
  },

  'auth.session': (ctx) => sessionInfo(ctx),

  'auth.login': (ctx, input) => {
    const user = checkCredentials(ctx.db, input.username, input.password, ctx.now);
    recordLogin(ctx.db, user, ctx.now.toISOString());
    ctx.session.login(user.id, ctx.now.getTime());
    return sessionInfo(ctx);
  },

  'auth.logout': (ctx) => {
    const user = requireUser(ctx);
    writeAudit(ctx.db, actorOf(ctx), ctx.now.toISOString(), { entity: 'user', entityId: user.id, action: 'logout' });
    ctx.session.logout();
    return { done: true };
  },

  'auth.unlock': (ctx, input) => {
    const user = requireUser(ctx);
    try {
      checkCredentials(ctx.db, user.username, input.password, ctx.now);
    } catch (err) {
      // Locked out while unlocking: the session ends, so the next person must log in afresh.
      if (err instanceof AppError && err.code === 'ACCOUNT_LOCKED') ctx.session.logout();
      throw err;
    }
    ctx.session.login(user.id, ctx.now.getTime());
    return sessionInfo(ctx);
  },

  'auth.heartbeat': () => ({ done: true }),

  'auth.changePassword': (ctx, input) => {
    const user = requireUser(ctx);
    try {
      checkCredentials(ctx.db, user.username, input.currentPassword, ctx.now);
    } catch (err) {
      if (err instanceof AppError && err.code === 'LOGIN_FAILED') {
        throw new AppError('WRONG_PASSWORD', 'The current password is wrong.', err.details, { keepWrites: true });
      }
      throw err;
    }
    setPassword(ctx.db, actorOf(ctx), user.id, input.newPassword, ctx.now.toISOString(), 'changed');
    return { done: true };
  },

  'prefs.update': (ctx, input) => updatePrefs(ctx.db, actorOf(ctx), requireUser(ctx).id, input, ctx.now.toISOString()),

  'users.list': (ctx) => listUsers(ctx.db),

  'users.create': (ctx, input) => {
    const id = createUserRow(ctx.db, actorOf(ctx), input, ctx.now.toISOString());
    return getUser(ctx.db, id) as NonNullable<ReturnType<typeof getUser>>;
  },

  'users.update': (ctx, input) => {
    const { id, ...patch } = input;
    const user = updateUser(ctx.db, actorOf(ctx), id, patch, ctx.now.toISOString());
    if (user.disabled) ctx.app.sessions.logoutUser(user.id);
    return user;
  },

  'users.resetPassword': (ctx, input) => {
    setPassword(ctx.db, actorOf(ctx), input.id, input.newPassword, ctx.now.toISOString(), 'reset');
    return { done: true };
  },

  'settings.get': (ctx) => getSettings(ctx.db),

  'settings.update': (ctx, input) => {
    const before = rulesHash(getSettings(ctx.db).scheduleRules);
    const after = updateSettings(ctx.db, actorOf(ctx), input, ctx.now.toISOString());
    // New visit rules replan every open visit, in the same transaction as the change.
    if (rulesHash(after.scheduleRules) !== before) {
      const today = todayOf(ctx);
      replanPersons(ctx.db, writeContextOf(ctx), personsToReplan(ctx.db, today, after.scheduleRules, false), today, after.scheduleRules);
    }
    return after;
  },

  'audit.list': (ctx, input) => listAudit(ctx.db, input),

  'backup.list': (ctx) => listBackups(ctx.app.dataDir),

  'backup.create': (ctx) => createBackup(ctx.app, 'manual', { progress: ctx.task?.progress, signal: ctx.task?.signal }, actorOf(ctx)),

  'backup.restore': async (ctx, input) => {
    const file = path.join(backupDir(ctx.app.dataDir), input.name);
    const { safetyBackup } = await restoreBackup(ctx.app, file, { progress: ctx.task?.progress, signal: ctx.task?.signal }, actorOf(ctx));
    return { restoredFrom: input.name, safetyBackup };
  },

  ...personHandlers,
  ...rosterHandlers,
  ...gridHandlers,
  ...assignmentHandlers,

  'visits.worklist': (ctx, input) => {
    const user = requireUser(ctx);
    if (user.role === 'gridworker' && (input.scope !== 'user' || (input.userId !== undefined && input.userId !== user.id))) {
      throw new AppError('FORBIDDEN', 'A grid worker sees their own worklist only.', { role: user.role, channel: 'visits.worklist' });
    }
    const target = input.scope === 'user' ? { scope: 'user' as const, userId: input.userId ?? user.id } : { scope: input.scope, userId: null };
    return worklist(ctx.db, target, input, todayOf(ctx));
  },

  'visits.forPerson': (ctx, input) => {
    assertInScope(ctx.db, scopeOfCtx(ctx), input.personId);
    return visitsForPerson(ctx.db, input.personId, todayOf(ctx), input.include);
  },

  'visits.record': (ctx, input) => {
    const { personId, plannedVisitIds, fields, requests, healthEvent, assessment } = input;
    const items = assessment ? (assessment.items as BarthelScores) : undefined;
    return recordVisit(
      ctx.db,
      writeContextOf(ctx),
      { personId, plannedVisitIds, fields, requests, healthEvent, assessment: assessment && items ? { ...assessment, items } : undefined },
      todayOf(ctx),
      scopeOfCtx(ctx),
    );
  },

  'visits.getRecord': (ctx, input) => getRecord(ctx.db, input.id, scopeOfCtx(ctx)),

  'visits.records': (ctx, input) => listRecords(ctx.db, input, scopeOfCtx(ctx)),

  'visits.updateRecord': (ctx, input) => updateRecord(ctx.db, writeContextOf(ctx), input.id, input.fields, todayOf(ctx)),

  'visits.deleteRecord': (ctx, input) => {
    deleteRecord(ctx.db, writeContextOf(ctx), input.id);
    return { done: true };
  },

  'visits.cancel': (ctx, input) => {
    cancelPlannedVisit(ctx.db, writeContextOf(ctx), input.id, input.note, todayOf(ctx));
    return { done: true };
  },

  'visits.replanAll': (ctx, input) =>
    replanAll(ctx.db, writeContextOf(ctx), todayOf(ctx), {
      force: input.force,
      progress: (done, total) => ctx.task?.progress(done, total, 'progress.visitsReplan'),
      throwIfCancelled: () => ctx.task?.throwIfCancelled(),
    }),

  'requests.list': (ctx, input) => listRequests(ctx.db, input, scopeOfCtx(ctx)),

  'requests.get': (ctx, input) => getRequest(ctx.db, input.id, scopeOfCtx(ctx)),

  'requests.create': (ctx, input) => {
    assertInScope(ctx.db, scopeOfCtx(ctx), input.personId);
    return { id: createRequest(ctx.db, writeContextOf(ctx), input, todayOf(ctx)) };
  },

  'requests.update': (ctx, input) => updateRequest(ctx.db, writeContextOf(ctx), input.id, input),

  'requests.setStatus': (ctx, input) => setRequestStatus(ctx.db, writeContextOf(ctx), input, todayOf(ctx)),

  'lists.create': (ctx, input) => createList(ctx.db, writeContextOf(ctx), requireUser(ctx), scopeOfCtx(ctx), input, todayOf(ctx)),

  'lists.get': (ctx, input) => getList(ctx.db, input.listNo, scopeOfCtx(ctx)),

  'lists.list': (ctx, input) => listLists(ctx.db, scopeOfCtx(ctx), input),

  'lists.enterResults': (ctx, input) => enterResults(ctx.db, writeContextOf(ctx), scopeOfCtx(ctx), input.listNo, input.rows, todayOf(ctx)),

  'lists.serviceCards': (ctx, input) => serviceCards(ctx.db, scopeOfCtx(ctx), requireUser(ctx), input),

  // Keys, packets and conflicts (issue 5): main/bundle/channels.ts.
  'keys.card': (ctx) => packets.keysCard(ctx),

  'keys.list': (ctx) => packets.keysList(ctx),

  'keys.inspectCard': (ctx, input) => packets.keysInspectCard(ctx, input),

  'keys.trust': (ctx, input) => packets.keysTrust(ctx, input),

  'keys.rotate': (ctx) => packets.keysRotate(ctx),

  'keys.exportIdentity': (ctx) => packets.keysExportIdentity(ctx),

  'packets.upload': (ctx, input) => packets.packetsUpload(ctx, input),

  'packets.download': (ctx, input) => packets.packetsDownload(ctx, input),

  'packets.files': (ctx, input) => packets.packetsFiles(ctx, input),

  'packets.inspect': (ctx, input) => packets.packetsInspect(ctx, input),

  'packets.export': (ctx, input) => packets.packetsExport(ctx, input),

  'packets.import': (ctx, input) => packets.packetsImport(ctx, input),

  'packets.log': (ctx, input) => packets.packetsLog(ctx, input),

  'conflicts.list': (ctx, input) => packets.conflictsList(ctx, input),

  'conflicts.resolve': (ctx, input) => packets.conflictsResolve(ctx, input),

  'conflicts.count': (ctx) => packets.conflictsCount(ctx),

  // Issue 6: each capability's handlers live beside its service.
  ...unitHandlers,
  ...partyHandlers,
  ...activityHandlers,
  ...volunteerHandlers,
  ...pairHandlers,
  'tasks.cancel': (ctx, input) => ({ cancelled: ctx.app.tasks.cancel(input.taskId, ctx.session.id) }),
};
