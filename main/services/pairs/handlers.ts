/** Handlers of the channels in shared/contracts/pairs.ts. */
import type { HandlersOf } from '../../handlerContext';
import { writeContextOf } from '../../handlerContext';
import type { pairChannels } from '../../../shared/contracts/pairs';
import { toDateString } from '../../../shared/dates';
import { addContact, createPair, deleteContact, deletePair, endPair, getPair, listPairs, pairsOfPerson, updateContact, updatePair } from './pairs';

export const pairHandlers: HandlersOf<keyof typeof pairChannels> = {
  'pairs.list': (ctx, input) => listPairs(ctx.db, input, toDateString(ctx.now)),
  'pairs.get': (ctx, input) => getPair(ctx.db, input.id, toDateString(ctx.now)),
  'pairs.forPerson': (ctx, input) => pairsOfPerson(ctx.db, input.personId, toDateString(ctx.now)),
  'pairs.create': (ctx, input) => ({ id: createPair(ctx.db, writeContextOf(ctx), input) }),
  'pairs.update': (ctx, input) => updatePair(ctx.db, writeContextOf(ctx), input),
  'pairs.end': (ctx, input) => endPair(ctx.db, writeContextOf(ctx), input, toDateString(ctx.now)),
  'pairs.delete': (ctx, input) => {
    deletePair(ctx.db, writeContextOf(ctx), input.id);
    return { done: true };
  },
  'pairs.addContact': (ctx, input) => ({ id: addContact(ctx.db, writeContextOf(ctx), input, toDateString(ctx.now)) }),
  'pairs.updateContact': (ctx, input) => updateContact(ctx.db, writeContextOf(ctx), input, toDateString(ctx.now)),
  'pairs.deleteContact': (ctx, input) => {
    deleteContact(ctx.db, writeContextOf(ctx), input.id);
    return { done: true };
  },
};
