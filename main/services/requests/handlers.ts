/** Handlers of the channels in shared/contracts/requests.ts. */
import type { HandlersOf } from '../../handlerContext';
import { writeContextOf } from '../../handlerContext';
import type { requestChannels } from '../../../shared/contracts/requests';
import { toDateString } from '../../../shared/dates';
import { getRequest, listRequests, raiseRequest, setRequestStatus, updateRequest } from './requests';

export const requestHandlers: HandlersOf<keyof typeof requestChannels> = {
  'requests.list': (ctx, input) => listRequests(ctx.db, input, ctx.user),
  'requests.get': (ctx, input) => getRequest(ctx.db, input.id, ctx.user),
  'requests.create': (ctx, input) => ({ id: raiseRequest(ctx.db, writeContextOf(ctx), input, toDateString(ctx.now), ctx.user) }),
  'requests.update': (ctx, input) => updateRequest(ctx.db, writeContextOf(ctx), input.id, input),
  'requests.setStatus': (ctx, input) => setRequestStatus(ctx.db, writeContextOf(ctx), input, toDateString(ctx.now)),
};
