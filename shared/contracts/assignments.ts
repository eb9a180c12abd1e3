/**
 * Channels of contact assignments (分片包干联系制度): who is responsible for each person, and moving
 * that responsibility in bulk. Spread into the one contract by shared/contract.ts; handlers live in
 * main/services/assignments/handlers.ts.
 */
import { z } from 'zod';
import { channel, empty, type ChannelDef } from '../channel';
import { ALL_ROLES, READERS, WRITERS } from '../roles';
import { optionalText } from '../schemas/common';
import {
  assignableUserSchema,
  assignSchema,
  endAssignmentSchema,
  personContactsSchema,
  transferInputSchema,
  transferPlanSchema,
  unassignedQuerySchema,
  unassignedRowSchema,
} from '../schemas/assignments';

export const assignmentChannels = {
  /** Who can be responsible for persons (admins, staff, grid workers), with what they hold. */
  'assignments.users': channel({ input: empty, output: z.array(assignableUserSchema), access: READERS, kind: 'read' }),
  /** Closes the current record of the role (if another user holds it) and opens one for the user. */
  'assignments.set': channel({ input: assignSchema, output: z.object({ changed: z.boolean() }), access: WRITERS, kind: 'write' }),
  'assignments.end': channel({ input: endAssignmentSchema, output: z.object({ changed: z.boolean() }), access: WRITERS, kind: 'write' }),
  'assignments.forPerson': channel({
    input: z.object({ personId: z.string().uuid() }).strict(),
    output: personContactsSchema,
    access: ALL_ROLES,
    kind: 'read',
  }),
  /** Active persons without a primary contact. */
  'assignments.unassigned': channel({
    input: unassignedQuerySchema,
    output: z.object({ total: z.number().int(), capped: z.boolean(), rows: z.array(unassignedRowSchema) }),
    access: READERS,
    kind: 'read',
  }),
  /** Every active person of the grid without a primary contact → the grid's worker (or the user named). */
  'assignments.assignGrid': channel({
    input: z.object({ gridId: z.string().uuid(), userId: z.string().uuid().optional(), reason: optionalText(200) }).strict(),
    output: z.object({ assigned: z.number().int(), personIds: z.array(z.string()) }),
    access: WRITERS,
    kind: 'write',
  }),
  /** What moves when a worker leaves: persons, open visits, open requests, grids. The apply moves exactly this. */
  'assignments.transferPreview': channel({ input: transferInputSchema, output: transferPlanSchema, access: WRITERS, kind: 'read' }),
  'assignments.transferApply': channel({
    input: transferInputSchema.extend({ reason: optionalText(200) }).strict(),
    output: transferPlanSchema,
    access: WRITERS,
    kind: 'write',
  }),
} as const satisfies Record<string, ChannelDef>;
