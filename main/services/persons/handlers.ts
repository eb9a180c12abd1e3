/** Handlers of the channels in shared/contracts/persons.ts (persons, health archive, family contacts). */
import type { HandlersOf } from '../../handlerContext';
import { writeContextOf } from '../../handlerContext';
import type { personChannels } from '../../../shared/contracts/persons';
import { toDateString } from '../../../shared/dates';
import { scopeOf } from '../scope';
import { changeStatus, checkIdNumber, createPerson, deletePerson, listGridNames, listPersons, setHighRisk, updatePerson } from './persons';
import { getPersonDetail, personHistory } from './detail';
import { deleteAssessment, addHealthEvent, deleteHealthEvent, recordAssessment, saveHealthProfile, updateHealthEvent } from './health';
import { addFamilyContact, deleteFamilyContact, updateFamilyContact } from './family';

export const personHandlers: HandlersOf<keyof typeof personChannels> = {
  // A grid worker's scope: their own persons once any assignment exists.
  'persons.list': (ctx, input) => listPersons(ctx.db, input, toDateString(ctx.now), scopeOf(ctx.db, ctx.user)),

  'persons.get': (ctx, input) => getPersonDetail(ctx.db, input.id, toDateString(ctx.now), scopeOf(ctx.db, ctx.user)),

  'persons.history': (ctx, input) => personHistory(ctx.db, input.id, input.limit, scopeOf(ctx.db, ctx.user)),

  'persons.grids': (ctx) => listGridNames(ctx.db),

  'persons.checkIdNumber': (ctx, input) => checkIdNumber(ctx.db, input.idNumber, input.exceptId, ctx.now),

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

  'persons.setHighRisk': (ctx, input) => setHighRisk(ctx.db, writeContextOf(ctx), input.id, input.highRisk),

  'health.saveProfile': (ctx, input) => saveHealthProfile(ctx.db, writeContextOf(ctx), input.personId, input.fields),

  'health.addAssessment': (ctx, input) => recordAssessment(ctx.db, writeContextOf(ctx), input.personId, input),

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
};
