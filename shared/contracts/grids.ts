/**
 * Channels of the community's grids (网格). Spread into the one contract by shared/contract.ts;
 * handlers live in main/services/grids/handlers.ts. Every role reads; staff and admins write.
 */
import { z } from 'zod';
import { channel, idInput, okOutput, type ChannelDef } from '../channel';
import { ALL_ROLES, WRITERS } from '../roles';
import { optionalText } from '../schemas/common';
import { gridFieldsSchema, gridListQuerySchema, gridSchema } from '../schemas/grids';
import { transferPlanSchema } from '../schemas/assignments';

export const gridChannels = {
  'grids.list': channel({ input: gridListQuerySchema, output: z.array(gridSchema), access: ALL_ROLES, kind: 'read' }),
  'grids.get': channel({ input: idInput, output: gridSchema, access: ALL_ROLES, kind: 'read' }),
  'grids.create': channel({ input: gridFieldsSchema, output: gridSchema, access: WRITERS, kind: 'write' }),
  'grids.update': channel({
    input: z.object({ id: z.string().uuid(), fields: gridFieldsSchema }).strict(),
    output: gridSchema,
    access: WRITERS,
    kind: 'write',
  }),
  /** Its persons are in no grid afterwards; their contacts stay. */
  'grids.delete': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
  /** By hand; null takes the person out of every grid. */
  'grids.placePerson': channel({
    input: z.object({ personId: z.string().uuid(), gridId: z.string().uuid().nullable() }).strict(),
    output: z.object({ changed: z.boolean() }),
    access: WRITERS,
    kind: 'write',
  }),
  /** Places persons in no grid (all persons with overwrite) by the longest matching address prefix. */
  'grids.placeByAddress': channel({
    input: z.object({ gridId: z.string().uuid().optional(), overwrite: z.boolean().default(false) }).strict(),
    output: z.object({ placed: z.number().int() }),
    access: WRITERS,
    kind: 'write',
  }),
  /**
   * One action: the new worker takes the old one's place in the grid, their contacts for the grid's
   * persons and the open requests of those persons. fromUserId: left out, the grid's only worker.
   */
  'grids.reassignWorker': channel({
    input: z
      .object({ gridId: z.string().uuid(), fromUserId: z.string().uuid().optional(), toUserId: z.string().uuid(), reason: optionalText(200) })
      .strict(),
    output: transferPlanSchema,
    access: WRITERS,
    kind: 'write',
  }),
} as const satisfies Record<string, ChannelDef>;
