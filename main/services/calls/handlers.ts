/** Handlers of the channels in shared/contracts/calls.ts. */
import type { HandlersOf } from '../../handlerContext';
import { writeContextOf } from '../../handlerContext';
import type { callChannels } from '../../../shared/contracts/calls';
import { toDateString } from '../../../shared/dates';
import { callToRequest, createCall, deleteCall, getCall, listCalls, updateCall } from './calls';

export const callHandlers: HandlersOf<keyof typeof callChannels> = {
  'calls.list': (ctx, input) => listCalls(ctx.db, input),
  'calls.get': (ctx, input) => getCall(ctx.db, input.id),
  'calls.create': (ctx, input) => createCall(ctx.db, writeContextOf(ctx), input, toDateString(ctx.now)),
  'calls.update': (ctx, input) => updateCall(ctx.db, writeContextOf(ctx), input),
  'calls.toRequest': (ctx, input) => callToRequest(ctx.db, writeContextOf(ctx), input, toDateString(ctx.now)),
  'calls.delete': (ctx, input) => {
    deleteCall(ctx.db, writeContextOf(ctx), input.id);
    return { done: true };
  },
};
