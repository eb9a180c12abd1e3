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
import { actorOf, requireUser } from './handlerContext';
import { getOffice, setupOffice } from './services/app/office';
import {
  checkCredentials,
  createUserRow,
  getUser,
  listUsers,
  recordLogin,
  setPassword,
  updatePrefs,
  updateUser,
} from './services/users/users';
import { getSettings, updateSettings } from './services/settings/settings';
import { listAudit } from './services/audit/audit';
import { createBackup, listBackups, restoreBackup } from './db/backup';
import { backupDir } from './paths';
import { schemaVersionOf } from './db/migrate';
import { writeAudit } from './db/audit';
import { AppError } from '../shared/errors';
import { toDateString } from '../shared/dates';
import { parseIdNumber } from '../shared/idcard';
import { writeContextOf } from './handlerContext';
import { changeStatus, createPerson, deletePerson, listGridNames, listPersons, updatePerson } from './services/persons/persons';
import { getPersonDetail } from './services/persons/detail';
import { findByIdNumber } from './services/persons/repo';
import {
  addAssessment,
  addHealthEvent,
  deleteAssessment,
  deleteHealthEvent,
  saveHealthProfile,
  updateHealthEvent,
} from './services/persons/health';
import { addFamilyContact, deleteFamilyContact, updateFamilyContact } from './services/persons/family';
import { barthelTotal, type BarthelScores } from '../shared/barthel';
import { rosterCommit, rosterExport, rosterParse, rosterPreview, rosterTemplate } from './services/roster/channels';
import { assertInScope, scopeOf, type PersonScope } from './services/scope';
import { setHighRisk } from './services/persons/persons';
import { createGrid, deleteGrid, getGrid, listGrids, placeByAddress, placePerson, updateGrid } from './services/grids/grids';
import { assign, assignableUsers, endAssignment, personContacts, unassignedPersons } from './services/assignments/assignments';
import { applyTransfer, assignGrid, reassignGridWorker, transferPlan } from './services/assignments/bulk';
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

  'persons.list': (ctx, input) => listPersons(ctx.db, input, toDateString(ctx.now), scopeOfCtx(ctx)),

  'persons.get': (ctx, input) => {
    assertInScope(ctx.db, scopeOfCtx(ctx), input.id);
    return getPersonDetail(ctx.db, input.id, toDateString(ctx.now));
  },

  'persons.history': (ctx, input) => {
    assertInScope(ctx.db, scopeOfCtx(ctx), input.id);
    return listAudit(ctx.db, { subjectId: input.id, limit: input.limit, offset: 0 }).entries;
  },

  'persons.grids': (ctx) => listGridNames(ctx.db),

  'persons.checkIdNumber': (ctx, input) => {
    const parsed = parseIdNumber(input.idNumber, ctx.now);
    if (!parsed.ok) return { valid: false, problem: parsed.problem, normalised: null, birthDate: null, gender: null, existing: null };
    const existing = findByIdNumber(ctx.db, parsed.value);
    return {
      valid: true,
      problem: null,
      normalised: parsed.value,
      birthDate: parsed.birthDate,
      gender: parsed.gender,
      existing: existing && existing.id !== input.exceptId ? existing : null,
    };
  },

  'persons.create': (ctx, input) => ({ id: createPerson(ctx.db, writeContextOf(ctx), input) }),

  'persons.update': (ctx, input) => updatePerson(ctx.db, writeContextOf(ctx), input.id, input.fields),

  'persons.changeStatus': (ctx, input) => {
    changeStatus(ctx.db, writeContextOf(ctx), input);
    return { done: true };
  },

  'persons.delete': (ctx, input) => {
    deletePerson(ctx.db, writeContextOf(ctx), input.id);
    return { done: true };
  },

  'health.saveProfile': (ctx, input) => saveHealthProfile(ctx.db, writeContextOf(ctx), input.personId, input.fields),

  'health.addAssessment': (ctx, input) => {
    const items = input.items as BarthelScores;
    const id = addAssessment(ctx.db, writeContextOf(ctx), input.personId, { ...input, items });
    return { id, total: barthelTotal(items) };
  },

  'health.deleteAssessment': (ctx, input) => {
    deleteAssessment(ctx.db, writeContextOf(ctx), input.id);
    return { done: true };
  },

  'health.addEvent': (ctx, input) => ({ id: addHealthEvent(ctx.db, writeContextOf(ctx), input.personId, input.fields) }),

  'health.updateEvent': (ctx, input) => {
    updateHealthEvent(ctx.db, writeContextOf(ctx), input.id, input.fields);
    return { done: true };
  },

  'health.deleteEvent': (ctx, input) => {
    deleteHealthEvent(ctx.db, writeContextOf(ctx), input.id);
    return { done: true };
  },

  'family.add': (ctx, input) => ({ id: addFamilyContact(ctx.db, writeContextOf(ctx), input.personId, input.fields) }),

  'family.update': (ctx, input) => {
    updateFamilyContact(ctx.db, writeContextOf(ctx), input.id, input.fields);
    return { done: true };
  },

  'family.delete': (ctx, input) => {
    deleteFamilyContact(ctx.db, writeContextOf(ctx), input.id);
    return { done: true };
  },

  // Excel roster in and out (issue 3): main/services/roster/channels.ts.
  'roster.template': () => rosterTemplate(),

  'roster.parse': (ctx, input) => rosterParse(ctx, input),

  'roster.preview': (ctx, input) => rosterPreview(ctx, input),

  'roster.commit': (ctx, input) => rosterCommit(ctx, input),

  'roster.export': (ctx, input) => rosterExport(ctx, input, scopeOfCtx(ctx)),

  // Grids, assignments, visits, requests, printed lists (issue 4).
  'persons.setHighRisk': (ctx, input) => setHighRisk(ctx.db, writeContextOf(ctx), input.id, input.highRisk),

  'grids.list': (ctx) => listGrids(ctx.db),

  'grids.get': (ctx, input) => getGrid(ctx.db, input.id),

  'grids.create': (ctx, input) => getGrid(ctx.db, createGrid(ctx.db, writeContextOf(ctx), input)),

  'grids.update': (ctx, input) => {
    updateGrid(ctx.db, writeContextOf(ctx), input.id, input.fields);
    return getGrid(ctx.db, input.id);
  },

  'grids.delete': (ctx, input) => {
    deleteGrid(ctx.db, writeContextOf(ctx), input.id);
    return { done: true };
  },

  'grids.placePerson': (ctx, input) => placePerson(ctx.db, writeContextOf(ctx), input.personId, input.gridId),

  'grids.placeByAddress': (ctx, input) => placeByAddress(ctx.db, writeContextOf(ctx), input),

  'grids.reassignWorker': (ctx, input) =>
    reassignGridWorker(ctx.db, writeContextOf(ctx), input.gridId, input.fromUserId, input.toUserId, input.reason, todayOf(ctx)),

  'assignments.users': (ctx) => assignableUsers(ctx.db),

  'assignments.set': (ctx, input) => assign(ctx.db, writeContextOf(ctx), input, todayOf(ctx)),

  'assignments.end': (ctx, input) => endAssignment(ctx.db, writeContextOf(ctx), input.personId, input.role, input.reason, todayOf(ctx)),

  'assignments.forPerson': (ctx, input) => {
    assertInScope(ctx.db, scopeOfCtx(ctx), input.personId);
    return personContacts(ctx.db, input.personId);
  },

  'assignments.unassigned': (ctx, input) => unassignedPersons(ctx.db, input, todayOf(ctx)),

  'assignments.assignGrid': (ctx, input) => assignGrid(ctx.db, writeContextOf(ctx), input.gridId, input.userId, input.reason, todayOf(ctx)),

  'assignments.transferPreview': (ctx, input) => transferPlan(ctx.db, input.fromUserId, input.toUserId, todayOf(ctx)),

  'assignments.transferApply': (ctx, input) => applyTransfer(ctx.db, writeContextOf(ctx), input.fromUserId, input.toUserId, input.reason, todayOf(ctx)),

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
