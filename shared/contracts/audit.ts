/**
 * Channels of the audit log (who changed what, when). Spread into the one contract by
 * shared/contract.ts; handlers live in main/services/audit/handlers.ts. Grid workers do not read it.
 */
import { z } from 'zod';
import { channel, type ChannelDef } from '../channel';
import { READERS } from '../roles';
import { auditEntrySchema, auditQuerySchema } from '../schemas/audit';

export const auditChannels = {
  /** Newest first; each filter given narrows the entries, total counts them all before limit and offset. */
  'audit.list': channel({
    input: auditQuerySchema.strict(),
    output: z.object({ total: z.number().int(), capped: z.boolean(), entries: z.array(auditEntrySchema) }),
    access: READERS,
    kind: 'read',
  }),
} as const satisfies Record<string, ChannelDef>;
