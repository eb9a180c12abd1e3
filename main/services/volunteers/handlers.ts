/** Handlers of the channels in shared/contracts/volunteers.ts. Writes are synchronous: dispatch runs each in one transaction. */
import { writeContextOf, type HandlerCtx, type HandlersOf } from '../../handlerContext';
import type { volunteerChannels } from '../../../shared/contracts/volunteers';
import { toDateString } from '../../../shared/dates';
import { createTeam, deleteTeam, getTeam, joinTeam, leaveTeam, listTeams, updateTeam } from './teams';
import { createVolunteer, deleteVolunteer, getVolunteer, listVolunteers, updateVolunteer, volunteerOfPerson } from './people';
import { deleteService, listServices, logBatch, logService, recentServices, updateService } from './services';
import { volunteerStats } from './stats';

const todayOf = (ctx: HandlerCtx): string => toDateString(ctx.now);
const thisYearOf = (ctx: HandlerCtx): number => Number(todayOf(ctx).slice(0, 4));
/** The year asked for, or this year. */
const yearOf = (ctx: HandlerCtx, year: number | undefined): number => year ?? thisYearOf(ctx);

/** How many of a person's latest services their page shows. */
const RECENT_ON_PERSON_PAGE = 10;

export const volunteerHandlers: HandlersOf<keyof typeof volunteerChannels> = {
  'volunteers.teams': (ctx, input) => listTeams(ctx.db, yearOf(ctx, input.year)),
  'volunteers.team': (ctx, input) => getTeam(ctx.db, input.id, yearOf(ctx, input.year)),
  'volunteers.createTeam': (ctx, input) => ({ id: createTeam(ctx.db, writeContextOf(ctx), input, todayOf(ctx)) }),
  'volunteers.updateTeam': (ctx, input) => updateTeam(ctx.db, writeContextOf(ctx), input.id, input, todayOf(ctx)),
  'volunteers.deleteTeam': (ctx, input) => {
    deleteTeam(ctx.db, writeContextOf(ctx), input.id, todayOf(ctx));
    return { done: true };
  },

  'volunteers.list': (ctx, input) => listVolunteers(ctx.db, input, yearOf(ctx, input.year)),
  'volunteers.get': (ctx, input) => getVolunteer(ctx.db, input.id, yearOf(ctx, input.year)),
  'volunteers.ofPerson': (ctx, input) => {
    const volunteer = volunteerOfPerson(ctx.db, input.personId, yearOf(ctx, input.year));
    return { volunteer, recent: volunteer ? recentServices(ctx.db, volunteer.id, RECENT_ON_PERSON_PAGE) : [] };
  },
  'volunteers.create': (ctx, input) => ({ id: createVolunteer(ctx.db, writeContextOf(ctx), input, todayOf(ctx)) }),
  'volunteers.update': (ctx, input) => updateVolunteer(ctx.db, writeContextOf(ctx), input),
  'volunteers.delete': (ctx, input) => {
    deleteVolunteer(ctx.db, writeContextOf(ctx), input.id);
    return { done: true };
  },
  'volunteers.join': (ctx, input) => {
    const today = todayOf(ctx);
    return { ids: joinTeam(ctx.db, writeContextOf(ctx), input.teamId, input.volunteerIds, input.fromDate ?? today, today) };
  },
  'volunteers.leave': (ctx, input) => {
    const today = todayOf(ctx);
    return leaveTeam(ctx.db, writeContextOf(ctx), input.membershipId, input.toDate ?? today, today);
  },

  'volunteers.services': (ctx, input) => listServices(ctx.db, input),
  // After parsing, `hours` holds whole minutes (shared/schemas/volunteers.ts hoursSchema).
  'volunteers.logService': (ctx, input) => ({
    id: logService(ctx.db, writeContextOf(ctx), input.volunteerId, { teamId: input.teamId, date: input.date, minutes: input.hours, description: input.description }, todayOf(ctx)),
  }),
  'volunteers.logBatch': (ctx, input) => ({
    ids: logBatch(
      ctx.db,
      writeContextOf(ctx),
      { teamId: input.teamId, date: input.date, description: input.description, entries: input.entries.map((e) => ({ volunteerId: e.volunteerId, minutes: e.hours })) },
      todayOf(ctx),
    ),
  }),
  'volunteers.updateService': (ctx, input) =>
    updateService(ctx.db, writeContextOf(ctx), input.id, { teamId: input.teamId, date: input.date, minutes: input.hours, description: input.description }, todayOf(ctx)),
  'volunteers.deleteService': (ctx, input) => {
    deleteService(ctx.db, writeContextOf(ctx), input.id);
    return { done: true };
  },

  'volunteers.stats': (ctx, input) => volunteerStats(ctx.db, yearOf(ctx, input.year), thisYearOf(ctx)),
};
