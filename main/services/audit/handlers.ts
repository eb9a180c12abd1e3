/** Handlers of the channels in shared/contracts/audit.ts. */
import type { HandlersOf } from '../../handlerContext';
import type { auditChannels } from '../../../shared/contracts/audit';
import { listAudit } from './audit';

export const auditHandlers: HandlersOf<keyof typeof auditChannels> = {
  'audit.list': (ctx, input) => listAudit(ctx.db, input),
};
