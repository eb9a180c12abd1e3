/** Handlers of the channels in shared/contracts/activities.ts. */
import type { HandlersOf } from '../../handlerContext';
import { writeContextOf } from '../../handlerContext';
import type { activityChannels } from '../../../shared/contracts/activities';
import { toDateString } from '../../../shared/dates';
import {
  activitiesOfPerson,
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  monthCalendar,
  recordAttendance,
  removeParticipant,
  signUp,
  updateActivity,
} from './activities';

export const activityHandlers: HandlersOf<keyof typeof activityChannels> = {
  'activities.list': (ctx, input) => listActivities(ctx.db, input),
  'activities.calendar': (ctx, input) => monthCalendar(ctx.db, input.year, input.month, input.kind),
  'activities.get': (ctx, input) => getActivity(ctx.db, input.id),
  'activities.create': (ctx, input) => ({ id: createActivity(ctx.db, writeContextOf(ctx), input) }),
  'activities.update': (ctx, input) => {
    const { id, ...fields } = input;
    return updateActivity(ctx.db, writeContextOf(ctx), id, fields, toDateString(ctx.now));
  },
  'activities.delete': (ctx, input) => {
    deleteActivity(ctx.db, writeContextOf(ctx), input.id);
    return { done: true };
  },
  'activities.signUp': (ctx, input) => ({ ids: signUp(ctx.db, writeContextOf(ctx), input.activityId, input.personIds, toDateString(ctx.now)) }),
  'activities.removeParticipant': (ctx, input) => {
    removeParticipant(ctx.db, writeContextOf(ctx), input.id);
    return { done: true };
  },
  'activities.recordAttendance': (ctx, input) => recordAttendance(ctx.db, writeContextOf(ctx), input, toDateString(ctx.now)),
  'activities.forPerson': (ctx, input) => activitiesOfPerson(ctx.db, input.personId, toDateString(ctx.now)),
};
