/**
 * The handler of every channel of the contract. The mapped type makes a missing or misspelled
 * handler a compile error, and gives each handler its channel's parsed input and output types.
 */
import type { Channel } from '../shared/contract';
import type { HandlerCtx } from './handlerContext';
import { appHandlers } from './services/app/handlers';
import { authHandlers } from './services/auth/handlers';
import { userHandlers } from './services/users/handlers';
import { settingsHandlers } from './services/settings/handlers';
import { auditHandlers } from './services/audit/handlers';
import { backupHandlers } from './services/backup/handlers';
import { unitHandlers } from './services/units/handlers';
import { partyHandlers } from './services/party/handlers';
import { activityHandlers } from './services/activities/handlers';
import { volunteerHandlers } from './services/volunteers/handlers';
import { pairHandlers } from './services/pairs/handlers';
import { requireUser } from './handlerContext';
import { listAudit } from './services/audit/audit';
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
import { replanAll } from './services/visits/planning';
import { worklist } from './services/visits/worklist';
import { cancelPlannedVisit, deleteRecord, getRecord, listRecords, recordVisit, updateRecord, visitsForPerson } from './services/visits/records';
import { createRequest, getRequest, listRequests, setRequestStatus, updateRequest } from './services/requests/requests';
import { createList, enterResults, getList, listLists, serviceCards } from './services/lists/lists';
import * as packets from './bundle/channels';

import type { Handler } from './handlerContext';
export type { Handler };

export type HandlerTable = { [C in Channel]: Handler<C> };

/** The persons the logged-in user may see (grid workers: their own, once assignments exist). */
function scopeOfCtx(ctx: HandlerCtx): PersonScope {
  return scopeOf(ctx.db, ctx.user);
}

const todayOf = (ctx: HandlerCtx): string => toDateString(ctx.now);

export const handlers: HandlerTable = {
  ...appHandlers,
  ...authHandlers,
  ...userHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...backupHandlers,

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

  ...unitHandlers,
  ...partyHandlers,
  ...activityHandlers,
  ...volunteerHandlers,
  ...pairHandlers,
};
