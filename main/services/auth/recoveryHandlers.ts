/** Handlers of the channels in shared/contracts/recovery.ts. */
import type { HandlersOf } from '../../handlerContext';
import { requireUser } from '../../handlerContext';
import type { recoveryChannels } from '../../../shared/contracts/recovery';
import { proveRecoveryKey, recoveryAdmins, recoveryLogin, recoverySheet } from './recovery';

export const recoveryHandlers: HandlersOf<keyof typeof recoveryChannels> = {
  'recovery.sheet': (ctx, input) => recoverySheet(ctx.db, ctx.app.key, requireUser(ctx), input.password, ctx.now),
  'recovery.check': (ctx, input) => {
    proveRecoveryKey(ctx.app.key, input.recoveryKey);
    return { admins: recoveryAdmins(ctx.db) };
  },
  'recovery.login': (ctx, input) => {
    proveRecoveryKey(ctx.app.key, input.recoveryKey);
    return recoveryLogin(ctx.db, ctx.app.sessions, ctx.session, input.admin, input.newPassword, ctx.now, ctx.app.passwordCost);
  },
};
