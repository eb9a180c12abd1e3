/**
 * Channels of 志愿服务. Spread into the one contract by shared/contract.ts; handlers live in
 * main/services/volunteers/handlers.ts. Office staff and inspectors read, staff and admins write;
 * grid workers have no part in it.
 */
import { z } from 'zod';
import { channel, idInput, okOutput, type ChannelDef } from '../channel';
import { READERS, WRITERS } from '../roles';
import {
  batchServiceSchema,
  joinTeamSchema,
  leaveTeamSchema,
  newServiceSchema,
  newVolunteerSchema,
  personVolunteeringSchema,
  serviceListQuerySchema,
  serviceListSchema,
  serviceUpdateSchema,
  statsQuerySchema,
  statsSchema,
  teamDetailSchema,
  teamFieldsSchema,
  teamGetSchema,
  teamListQuerySchema,
  teamRowSchema,
  teamUpdateSchema,
  volunteerDetailSchema,
  volunteerGetSchema,
  volunteerListQuerySchema,
  volunteerRowSchema,
  volunteerUpdateSchema,
} from '../schemas/volunteers';

const created = z.object({ id: z.string() });
const changed = z.object({ changed: z.boolean() });
const yearShape = { year: z.number().int().min(2000).max(2100).optional() };

export const volunteerChannels = {
  // Teams
  'volunteers.teams': channel({ input: teamListQuerySchema, output: z.array(teamRowSchema), access: READERS, kind: 'read' }),
  'volunteers.team': channel({ input: teamGetSchema, output: teamDetailSchema, access: READERS, kind: 'read' }),
  'volunteers.createTeam': channel({ input: teamFieldsSchema, output: created, access: WRITERS, kind: 'write' }),
  'volunteers.updateTeam': channel({ input: teamUpdateSchema, output: changed, access: WRITERS, kind: 'write' }),
  /** A tombstone; current members leave today, service records keep the team's name. */
  'volunteers.deleteTeam': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
  // Volunteers
  'volunteers.list': channel({
    input: volunteerListQuerySchema,
    output: z.object({ total: z.number().int(), rows: z.array(volunteerRowSchema) }),
    access: READERS,
    kind: 'read',
  }),
  'volunteers.get': channel({ input: volunteerGetSchema, output: volunteerDetailSchema, access: READERS, kind: 'read' }),
  /** The person page: their volunteer record (null when they are not a volunteer) and recent services. */
  'volunteers.ofPerson': channel({
    input: z.object({ personId: z.string().uuid(), ...yearShape }).strict(),
    output: personVolunteeringSchema,
    access: READERS,
    kind: 'read',
  }),
  'volunteers.create': channel({ input: newVolunteerSchema, output: created, access: WRITERS, kind: 'write' }),
  'volunteers.update': channel({ input: volunteerUpdateSchema, output: changed, access: WRITERS, kind: 'write' }),
  /** A tombstone, with their memberships and service records. */
  'volunteers.delete': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
  'volunteers.join': channel({ input: joinTeamSchema, output: z.object({ ids: z.array(z.string()) }), access: WRITERS, kind: 'write' }),
  'volunteers.leave': channel({ input: leaveTeamSchema, output: changed, access: WRITERS, kind: 'write' }),
  // Service records
  'volunteers.services': channel({ input: serviceListQuerySchema, output: serviceListSchema, access: READERS, kind: 'read' }),
  'volunteers.logService': channel({ input: newServiceSchema, output: created, access: WRITERS, kind: 'write' }),
  /** All or nothing: one refused entry writes none. */
  'volunteers.logBatch': channel({ input: batchServiceSchema, output: z.object({ ids: z.array(z.string()) }), access: WRITERS, kind: 'write' }),
  'volunteers.updateService': channel({ input: serviceUpdateSchema, output: changed, access: WRITERS, kind: 'write' }),
  'volunteers.deleteService': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
  // Totals
  'volunteers.stats': channel({ input: statsQuerySchema, output: statsSchema, access: READERS, kind: 'read' }),
} as const satisfies Record<string, ChannelDef>;
