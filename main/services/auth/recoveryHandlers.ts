/** Handlers of the channels in shared/contracts/recovery.ts. */
import type { HandlersOf } from '../../handlerContext';
import { requireUser } from '../../handlerContext';
import type { recoveryChannels } from '../../../shared/contracts/recovery';
import { checkRecoveryKey, recoveryLogin, recoverySheet } from './recovery';

export const recoveryHandlers: HandlersOf<keyof typeof recoveryChannels> = {
  'recovery.sheet': (ctx, input) => recoverySheet(ctx.db, ctx.app.key, requireUser(ctx), input.password, ctx.now),
  'recovery.check': (ctx, input) => checkRecoveryKey(ctx.db, ctx.app.key, input.recoveryKey),
  'recovery.login': (ctx, input) =>
    recoveryLogin(ctx.db, ctx.app.sessions, ctx.session, { openKey: ctx.app.key, text: input.recoveryKey }, input.admin, input.newPassword, ctx.now, ctx.app.passwordCost),
};
