/** Handlers of the channels in shared/contracts/app.ts. */
import type { HandlersOf } from '../../handlerContext';
import type { appChannels } from '../../../shared/contracts/app';
import { appInfo, setupAndLogin } from './app';

export const appHandlers: HandlersOf<keyof typeof appChannels> = {
  'app.info': (ctx) => appInfo(ctx.db, ctx.app),
  'setup.create': (ctx, input) => setupAndLogin(ctx.db, ctx.app.dataDir, ctx.app.sessions, ctx.session, input, ctx.now, ctx.app.passwordCost),
  'tasks.cancel': (ctx, input) => ({ cancelled: ctx.app.tasks.cancel(input.taskId, ctx.session.id) }),
};
