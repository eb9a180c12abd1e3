/** Handlers of the channels in shared/contracts/units.ts. */
import type { HandlersOf } from '../../handlerContext';
import { writeContextOf } from '../../handlerContext';
import type { unitChannels } from '../../../shared/contracts/units';
import { toDateString } from '../../../shared/dates';
import { createUnit, deleteUnit, getUnit, listUnits, updateUnit } from './units';
import { confirmMatches, matchSuggestions } from './match';
import { unitFeedback } from './feedback';
import { feedbackFileName, feedbackWorkbook } from './xlsx';

export const unitHandlers: HandlersOf<keyof typeof unitChannels> = {
  'units.list': (ctx, input) => listUnits(ctx.db, input),

  'units.get': (ctx, input) => getUnit(ctx.db, input.id, toDateString(ctx.now)),

  'units.create': (ctx, input) => ({ id: createUnit(ctx.db, writeContextOf(ctx), input) }),

  'units.update': (ctx, input) => updateUnit(ctx.db, writeContextOf(ctx), input.id, input.fields),

  'units.delete': (ctx, input) => {
    deleteUnit(ctx.db, writeContextOf(ctx), input.id);
    return { done: true };
  },

  'units.matchSuggestions': (ctx, input) => matchSuggestions(ctx.db, input),

  'units.confirmMatches': (ctx, input) => confirmMatches(ctx.db, writeContextOf(ctx), input),

  'units.feedback': (ctx, input) => unitFeedback(ctx.db, input, toDateString(ctx.now)),

  // Read in one snapshot, then the workbook is written outside it.
  'units.feedbackXlsx': async (ctx, input) => {
    ctx.task?.progress(0, 1, 'units.feedbackProgress');
    const feedback = ctx.db.transaction(() => unitFeedback(ctx.db, input, toDateString(ctx.now))).deferred();
    const data = await feedbackWorkbook(feedback);
    ctx.task?.progress(1, 1, 'units.feedbackProgress');
    return { fileName: feedbackFileName(feedback), base64: data.toString('base64'), count: feedback.rows.length };
  },
};
