/** Handlers of the channels in shared/contracts/users.ts. */
import type { HandlersOf } from '../../handlerContext';
import { actorOf } from '../../handlerContext';
import type { userChannels } from '../../../shared/contracts/users';
import { createUser, listUsers, resetPassword, updateUser } from './users';

export const userHandlers: HandlersOf<keyof typeof userChannels> = {
  'users.list': (ctx) => listUsers(ctx.db),
  'users.create': (ctx, input) => createUser(ctx.db, actorOf(ctx), input, ctx.now.toISOString(), ctx.app.passwordCost),
  'users.update': (ctx, { id, ...patch }) => updateUser(ctx.db, ctx.app.sessions, actorOf(ctx), id, patch, ctx.now.toISOString()),
  'users.resetPassword': (ctx, input) => {
    resetPassword(ctx.db, ctx.app.sessions, actorOf(ctx), ctx.session, input.id, input.newPassword, ctx.now.toISOString(), ctx.app.passwordCost);
    return { done: true };
  },
};
