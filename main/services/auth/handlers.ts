/** Handlers of the channels in shared/contracts/auth.ts. */
import type { HandlersOf } from '../../handlerContext';
import { actorOf, requireUser } from '../../handlerContext';
import type { authChannels } from '../../../shared/contracts/auth';
import { updatePrefs } from '../users/users';
import { changePassword, login, logout, sessionInfo, unlock } from './auth';

export const authHandlers: HandlersOf<keyof typeof authChannels> = {
  'auth.session': (ctx) => sessionInfo(ctx.db, ctx.session),
  'auth.login': (ctx, input) => login(ctx.db, ctx.app.sessions, ctx.session, input.username, input.password, ctx.now, ctx.slotOpened),
  'auth.logout': (ctx) => {
    logout(ctx.db, ctx.session, requireUser(ctx), ctx.now);
    return { done: true };
  },
  'auth.unlock': (ctx, input) => unlock(ctx.db, ctx.session, requireUser(ctx), input.password, ctx.now, ctx.slotOpened),
  // Reaching dispatch is the point: it marks the session active.
  'auth.heartbeat': () => ({ done: true }),
  'auth.changePassword': (ctx, input) => {
    changePassword(ctx.db, ctx.app.sessions, ctx.session, requireUser(ctx), input.currentPassword, input.newPassword, ctx.now, ctx.app.passwordCost);
    return { done: true };
  },
  'prefs.update': (ctx, input) => updatePrefs(ctx.db, actorOf(ctx), requireUser(ctx).id, input, ctx.now.toISOString()),
};
