/**
 * Channels of 服务需求 (service requests). Spread into the one contract by shared/contract.ts;
 * handlers live in main/services/requests/handlers.ts. Every role reads; staff, admins and grid
 * workers raise needs; staff and admins change and close them. Once any contact assignment exists,
 * a grid worker sees and raises only the needs of the persons assigned to them: anyone else's
 * answers NOT_FOUND (enforced in main).
 */
import { z } from 'zod';
import { channel, idInput, type ChannelDef } from '../channel';
import { ALL_ROLES, FIELD_WORKERS, WRITERS } from '../roles';
import {
  newRequestSchema,
  requestListQuerySchema,
  requestStatusChangeSchema,
  requestUpdateSchema,
  serviceRequestSchema,
} from '../schemas/requests';

export const requestChannels = {
  'requests.list': channel({
    input: requestListQuerySchema,
    output: z.object({ total: z.number().int(), capped: z.boolean(), rows: z.array(serviceRequestSchema) }),
    access: ALL_ROLES,
    kind: 'read',
  }),
  'requests.get': channel({ input: idInput, output: serviceRequestSchema, access: ALL_ROLES, kind: 'read' }),
  'requests.create': channel({ input: newRequestSchema, output: z.object({ id: z.string() }), access: FIELD_WORKERS, kind: 'write' }),
  'requests.update': channel({ input: requestUpdateSchema, output: z.object({ changed: z.boolean() }), access: WRITERS, kind: 'write' }),
  'requests.setStatus': channel({ input: requestStatusChangeSchema, output: z.object({ changed: z.boolean() }), access: WRITERS, kind: 'write' }),
} as const satisfies Record<string, ChannelDef>;
