/** Handlers of the channels in shared/contracts/assignments.ts. */
import type { HandlersOf } from '../../handlerContext';
import { writeContextOf } from '../../handlerContext';
import type { assignmentChannels } from '../../../shared/contracts/assignments';
import { toDateString } from '../../../shared/dates';
import { scopeOf } from '../scope';
import { assign, assignableUsers, endAssignment, personContacts, unassignedPersons } from './assignments';
import { applyTransfer, assignGrid, transferPlan } from './bulk';

export const assignmentHandlers: HandlersOf<keyof typeof assignmentChannels> = {
  'assignments.users': (ctx) => assignableUsers(ctx.db),

  'assignments.set': (ctx, input) => assign(ctx.db, writeContextOf(ctx), input, toDateString(ctx.now)),

  'assignments.end': (ctx, input) => endAssignment(ctx.db, writeContextOf(ctx), input.personId, input.role, input.reason, toDateString(ctx.now)),

  'assignments.forPerson': (ctx, input) => personContacts(ctx.db, input.personId, scopeOf(ctx.db, ctx.user)),

  'assignments.unassigned': (ctx, input) => unassignedPersons(ctx.db, input, toDateString(ctx.now)),

  'assignments.assignGrid': (ctx, input) =>
    assignGrid(ctx.db, writeContextOf(ctx), input.gridId, input.userId, input.reason, toDateString(ctx.now)),

  'assignments.transferPreview': (ctx, input) => transferPlan(ctx.db, input.fromUserId, input.toUserId, toDateString(ctx.now)),

  'assignments.transferApply': (ctx, input) =>
    applyTransfer(ctx.db, writeContextOf(ctx), input.fromUserId, input.toUserId, input.reason, toDateString(ctx.now)),
};
