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
import { packetHandlers } from './services/packets/handlers';
import { visitHandlers } from './services/visits/handlers';
import { requestHandlers } from './services/requests/handlers';
import { listHandlers } from './services/lists/handlers';
import { listAudit } from './services/audit/audit';
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

  ...packetHandlers,

  ...unitHandlers,
  ...partyHandlers,
  ...activityHandlers,
  ...volunteerHandlers,
  ...pairHandlers,
  ...visitHandlers,
  ...requestHandlers,
  ...listHandlers,
};
