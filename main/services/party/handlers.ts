/** Handlers of the channels in shared/contracts/party.ts: thin adapters from a call to the party services. */
import { writeContextOf, type HandlerCtx, type HandlersOf } from '../../handlerContext';
import type { partyChannels } from '../../../shared/contracts/party';
import { toDateString } from '../../../shared/dates';
import { appoint, createBranch, deleteBranch, deletePost, endPost, getBranch, listBranches, updateBranch } from './branches';
import { addMember, deleteMember, endMember, listMembers, membersOn, moveMember, updateMember } from './memberships';
import { createMeeting, deleteMeeting, getMeeting, listMeetings, updateMeeting } from './meetings';
import { arrears, deleteDues, duesMonth, recordMonth, setPension, updateDues } from './dues';
import { WRITERS } from '../../../shared/roles';
import { personParty } from './person';
import { branchLife } from './life';
import { requireBranch } from './branches';

const todayOf = (ctx: HandlerCtx): string => toDateString(ctx.now);
const done = { done: true } as const;

export const partyHandlers: HandlersOf<keyof typeof partyChannels> = {
  'party.branches.list': (ctx, input) => listBranches(ctx.db, input),
  'party.branches.get': (ctx, input) => getBranch(ctx.db, input.id),
  'party.branches.create': (ctx, input) => ({ id: createBranch(ctx.db, writeContextOf(ctx), input) }),
  'party.branches.update': (ctx, { id, ...fields }) => updateBranch(ctx.db, writeContextOf(ctx), id, fields),
  'party.branches.delete': (ctx, input) => {
    deleteBranch(ctx.db, writeContextOf(ctx), input.id);
    return done;
  },
  'party.branches.life': (ctx, input) => branchLife(ctx.db, input.branchId, input.year, todayOf(ctx)),
  'party.committee.appoint': (ctx, input) => ({ id: appoint(ctx.db, writeContextOf(ctx), input) }),
  'party.committee.end': (ctx, input) => endPost(ctx.db, writeContextOf(ctx), input.id, input.toDate),
  'party.committee.delete': (ctx, input) => {
    deletePost(ctx.db, writeContextOf(ctx), input.id);
    return done;
  },
  'party.members.list': (ctx, input) => listMembers(ctx.db, input, todayOf(ctx)),
  'party.members.add': (ctx, input) => ({ id: addMember(ctx.db, writeContextOf(ctx), input, todayOf(ctx)) }),
  'party.members.update': (ctx, input) => updateMember(ctx.db, writeContextOf(ctx), input, todayOf(ctx)),
  'party.members.move': (ctx, input) => ({ id: moveMember(ctx.db, writeContextOf(ctx), input, todayOf(ctx)) }),
  'party.members.end': (ctx, input) => {
    endMember(ctx.db, writeContextOf(ctx), input, todayOf(ctx));
    return done;
  },
  'party.members.delete': (ctx, input) => {
    deleteMember(ctx.db, writeContextOf(ctx), input.id);
    return done;
  },
  'party.person': (ctx, input) => personParty(ctx.db, input.personId, todayOf(ctx)),
  'party.meetings.list': (ctx, input) => listMeetings(ctx.db, input),
  'party.meetings.get': (ctx, input) => getMeeting(ctx.db, input.id),
  'party.meetings.expected': (ctx, input) => {
    requireBranch(ctx.db, input.branchId);
    return membersOn(ctx.db, input.branchId, input.date).map(({ personId, personName }) => ({ personId, personName }));
  },
  'party.meetings.create': (ctx, input) => ({ id: createMeeting(ctx.db, writeContextOf(ctx), input, todayOf(ctx)) }),
  'party.meetings.update': (ctx, { id, ...fields }) => updateMeeting(ctx.db, writeContextOf(ctx), id, fields, todayOf(ctx)),
  'party.meetings.delete': (ctx, input) => {
    deleteMeeting(ctx.db, writeContextOf(ctx), input.id);
    return done;
  },
  'party.dues.month': (ctx, input) => duesMonth(ctx.db, input.branchId, input.month, { withPension: ctx.user !== null && WRITERS.includes(ctx.user.role) }),
  'party.dues.setPension': (ctx, input) => setPension(ctx.db, writeContextOf(ctx), input),
  'party.dues.recordMonth': (ctx, input) => recordMonth(ctx.db, writeContextOf(ctx), input, todayOf(ctx)),
  'party.dues.update': (ctx, input) => updateDues(ctx.db, writeContextOf(ctx), input, todayOf(ctx)),
  'party.dues.delete': (ctx, input) => {
    deleteDues(ctx.db, writeContextOf(ctx), input.id);
    return done;
  },
  'party.dues.arrears': (ctx, input) => arrears(ctx.db, input.month, input.branchId, input.office),
};
