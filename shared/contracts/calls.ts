/**
 * Channels of 来电来访登记. Spread into the one contract by shared/contract.ts; handlers live in
 * main/services/calls/handlers.ts. Staff and admins log and read calls; viewers read.
 */
import { z } from 'zod';
import { channel, idInput, okOutput, type ChannelDef } from '../channel';
import { READERS, WRITERS } from '../roles';
import { callCreatedSchema, callListQuerySchema, callListSchema, callSchema, callToRequestSchema, callUpdateSchema, newCallSchema } from '../schemas/calls';

export const callChannels = {
  /** Newest first; a day's calls oldest first when `from` = `to` (the duty handover). */
  'calls.list': channel({ input: callListQuerySchema, output: callListSchema, access: READERS, kind: 'read' }),
  'calls.get': channel({ input: idInput, output: callSchema, access: READERS, kind: 'read' }),
  /** Logs a call; 报告住院 / 报告去世 record the hospital stay or the death on the person in the same step. */
  'calls.create': channel({ input: newCallSchema, output: callCreatedSchema, access: WRITERS, kind: 'write' }),
  'calls.update': channel({ input: callUpdateSchema, output: z.object({ changed: z.boolean() }), access: WRITERS, kind: 'write' }),
  /** CALL_HAS_REQUEST when it already became one; CALL_NO_PERSON without a person. */
  'calls.toRequest': channel({ input: callToRequestSchema, output: z.object({ requestId: z.string() }), access: WRITERS, kind: 'write' }),
  'calls.delete': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
} as const satisfies Record<string, ChannelDef>;
