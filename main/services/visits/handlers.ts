/** Handlers of the channels in shared/contracts/visits.ts. */
import type { HandlersOf } from '../../handlerContext';
import { requireUser, writeContextOf } from '../../handlerContext';
import type { visitChannels } from '../../../shared/contracts/visits';
import type { BarthelScores } from '../../../shared/barthel';
import { toDateString } from '../../../shared/dates';
import { replanAll } from './planning';
import { worklistFor } from './worklist';
import { cancelPlannedVisit, deleteRecord, getRecord, listRecords, recordVisit, updateRecord, visitsForPerson } from './records';

export const visitHandlers: HandlersOf<keyof typeof visitChannels> = {
  'visits.worklist': (ctx, input) => worklistFor(ctx.db, requireUser(ctx), input, toDateString(ctx.now)),
  'visits.forPerson': (ctx, input) => visitsForPerson(ctx.db, input.personId, toDateString(ctx.now), input.include, ctx.user),
  'visits.record': (ctx, input) => {
    const { assessment, ...visit } = input;
    return recordVisit(
      ctx.db,
      writeContextOf(ctx),
      { ...visit, assessment: assessment && { ...assessment, items: assessment.items as BarthelScores } },
      toDateString(ctx.now),
      ctx.user,
    );
  },
  'visits.getRecord': (ctx, input) => getRecord(ctx.db, input.id, ctx.user),
  'visits.records': (ctx, input) => listRecords(ctx.db, input, ctx.user),
  'visits.updateRecord': (ctx, input) => updateRecord(ctx.db, writeContextOf(ctx), input.id, input.fields, toDateString(ctx.now)),
  'visits.deleteRecord': (ctx, input) => {
    deleteRecord(ctx.db, writeContextOf(ctx), input.id);
    return { done: true };
  },
  'visits.cancel': (ctx, input) => {
    cancelPlannedVisit(ctx.db, writeContextOf(ctx), input.id, input.note, toDateString(ctx.now));
    return { done: true };
  },
  'visits.replanAll': (ctx, input) =>
    replanAll(ctx.db, writeContextOf(ctx), toDateString(ctx.now), {
      force: input.force,
      progress: (done, total) => ctx.task?.progress(done, total, 'progress.visitsReplan'),
      throwIfCancelled: () => ctx.task?.throwIfCancelled(),
    }),
};
