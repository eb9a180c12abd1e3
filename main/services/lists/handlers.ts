/** Handlers of the channels in shared/contracts/lists.ts. */
import type { HandlersOf } from '../../handlerContext';
import { requireUser, writeContextOf } from '../../handlerContext';
import type { listChannels } from '../../../shared/contracts/lists';
import { toDateString } from '../../../shared/dates';
import { cancelList, createList, enterResults, getList, listLists, serviceCards } from './lists';
import { resolveListCode } from './codes';

export const listHandlers: HandlersOf<keyof typeof listChannels> = {
  'lists.create': (ctx, input) => createList(ctx.db, writeContextOf(ctx), requireUser(ctx), input, toDateString(ctx.now)),
  'lists.get': (ctx, input) => getList(ctx.db, input.listNo, ctx.user),
  'lists.list': (ctx, input) => listLists(ctx.db, ctx.user, input),
  'lists.enterResults': (ctx, input) => enterResults(ctx.db, writeContextOf(ctx), ctx.user, input.listNo, input.rows, toDateString(ctx.now)),
  'lists.resolveCode': (ctx, input) => resolveListCode(ctx.db, ctx.user, input.code),
  'lists.cancel': (ctx, input) => cancelList(ctx.db, writeContextOf(ctx), ctx.user, input.listNo, input.reason),
  'lists.serviceCards': (ctx, input) => serviceCards(ctx.db, requireUser(ctx), input),
};
