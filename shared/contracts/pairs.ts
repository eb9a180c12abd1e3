/**
 * Channels of 结对帮扶. Spread into the one contract by shared/contract.ts; handlers live in
 * main/services/pairs/handlers.ts. Everyone but grid workers reads; staff and admins write.
 */
import { z } from 'zod';
import { channel, idInput, okOutput, type ChannelDef } from '../channel';
import { READERS, WRITERS } from '../roles';
import {
  contactUpdateSchema,
  endPairSchema,
  newContactSchema,
  newPairSchema,
  pairDetailSchema,
  pairListQuerySchema,
  pairListSchema,
  pairUpdateSchema,
  personPairsSchema,
} from '../schemas/pairs';

const changed = z.object({ changed: z.boolean() });

export const pairChannels = {
  /** Current pairs put overdue contacts first; ended pairs newest ending first. */
  'pairs.list': channel({ input: pairListQuerySchema, output: pairListSchema, access: READERS, kind: 'read' }),
  'pairs.get': channel({ input: idInput, output: pairDetailSchema, access: READERS, kind: 'read' }),
  /** The pairs a person is helped in, and those they help in as a retired official. */
  'pairs.forPerson': channel({ input: z.object({ personId: z.string().uuid() }).strict(), output: personPairsSchema, access: READERS, kind: 'read' }),
  'pairs.create': channel({ input: newPairSchema, output: z.object({ id: z.string() }), access: WRITERS, kind: 'write' }),
  /** PAIR_ALREADY_ENDED once ended. */
  'pairs.update': channel({ input: pairUpdateSchema, output: changed, access: WRITERS, kind: 'write' }),
  /** Ends the pair on a date with a reason; it stays listed under 已结束. */
  'pairs.end': channel({ input: endPairSchema, output: changed, access: WRITERS, kind: 'write' }),
  /** Tombstone; its contacts stay attached but are no longer shown. */
  'pairs.delete': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
  'pairs.addContact': channel({ input: newContactSchema, output: z.object({ id: z.string() }), access: WRITERS, kind: 'write' }),
  'pairs.updateContact': channel({ input: contactUpdateSchema, output: changed, access: WRITERS, kind: 'write' }),
  'pairs.deleteContact': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
} as const satisfies Record<string, ChannelDef>;
