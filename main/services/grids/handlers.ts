/** Handlers of the channels in shared/contracts/grids.ts. */
import type { HandlersOf } from '../../handlerContext';
import { writeContextOf } from '../../handlerContext';
import type { gridChannels } from '../../../shared/contracts/grids';
import { toDateString } from '../../../shared/dates';
import { createGrid, deleteGrid, getGrid, listGrids, placeByAddress, placePerson, updateGrid } from './grids';
import { reassignGridWorker } from '../assignments/bulk';

export const gridHandlers: HandlersOf<keyof typeof gridChannels> = {
  'grids.list': (ctx, input) => listGrids(ctx.db, input.office),

  'grids.get': (ctx, input) => getGrid(ctx.db, input.id),

  'grids.create': (ctx, input) => createGrid(ctx.db, writeContextOf(ctx), input),

  'grids.update': (ctx, input) => updateGrid(ctx.db, writeContextOf(ctx), input.id, input.fields),

  'grids.delete': (ctx, input) => {
    deleteGrid(ctx.db, writeContextOf(ctx), input.id);
    return { done: true };
  },

  'grids.placePerson': (ctx, input) => placePerson(ctx.db, writeContextOf(ctx), input.personId, input.gridId),

  'grids.placeByAddress': (ctx, input) => placeByAddress(ctx.db, writeContextOf(ctx), input),

  'grids.reassignWorker': (ctx, input) =>
    reassignGridWorker(ctx.db, writeContextOf(ctx), input.gridId, input.fromUserId, input.toUserId, input.reason, toDateString(ctx.now)),
};
