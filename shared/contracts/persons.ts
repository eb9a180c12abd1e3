/**
 * Channels of the person register with the health archive and family contacts (persons.*, health.*,
 * family.*). Spread into the one contract by shared/contract.ts; handlers live in
 * main/services/persons/handlers.ts. Every role reads; staff and admins write. Once any assignment
 * exists, a grid worker sees only the persons assigned to them; anyone else's answers NOT_FOUND.
 */
import { z } from 'zod';
import { channel, empty, idInput, okOutput, type ChannelDef } from '../channel';
import { ALL_ROLES, WRITERS } from '../roles';
import { auditEntrySchema } from '../schemas/audit';
import {
  barthelScoresSchema,
  dateSchema,
  familyContactFieldsSchema,
  healthEventFieldsSchema,
  healthProfileFieldsSchema,
  healthProfileSchema,
  idNumberCheckSchema,
  personDetailSchema,
  personFieldsSchema,
  personListQuerySchema,
  personRowSchema,
  statusChangeSchema,
} from '../schemas/persons';

export const personChannels = {
  'persons.list': channel({
    input: personListQuerySchema,
    output: z.object({ total: z.number().int(), capped: z.boolean(), rows: z.array(personRowSchema) }),
    access: ALL_ROLES,
    kind: 'read',
  }),
  'persons.get': channel({ input: idInput, output: personDetailSchema, access: ALL_ROLES, kind: 'read' }),
  'persons.history': channel({
    input: z.object({ id: z.string().uuid(), limit: z.number().int().min(1).max(500).default(200) }).strict(),
    output: z.array(auditEntrySchema),
    access: ALL_ROLES,
    kind: 'read',
  }),
  'persons.grids': channel({ input: empty, output: z.array(z.string()), access: ALL_ROLES, kind: 'read' }),
  /** Live feedback for the form: is the ID valid, what does it say, is it taken? */
  'persons.checkIdNumber': channel({
    input: z.object({ idNumber: z.string().max(40), exceptId: z.string().uuid().optional() }).strict(),
    output: idNumberCheckSchema,
    access: WRITERS,
    kind: 'read',
  }),
  'persons.create': channel({ input: personFieldsSchema, output: z.object({ id: z.string() }), access: WRITERS, kind: 'write' }),
  'persons.update': channel({
    input: z.object({ id: z.string().uuid(), fields: personFieldsSchema }).strict(),
    output: z.object({ changed: z.boolean() }),
    access: WRITERS,
    kind: 'write',
  }),
  'persons.changeStatus': channel({ input: statusChangeSchema, output: okOutput, access: WRITERS, kind: 'write' }),
  'persons.delete': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
  /** 高风险: visited monthly and marked on lists. */
  'persons.setHighRisk': channel({
    input: z.object({ id: z.string().uuid(), highRisk: z.boolean() }).strict(),
    output: z.object({ changed: z.boolean() }),
    access: WRITERS,
    kind: 'write',
  }),
  'health.saveProfile': channel({
    input: z.object({ personId: z.string().uuid(), fields: healthProfileFieldsSchema }).strict(),
    output: healthProfileSchema,
    access: WRITERS,
    kind: 'write',
  }),
  /** Answers the Barthel total the items add up to. */
  'health.addAssessment': channel({
    input: z
      .object({
        personId: z.string().uuid(),
        assessedOn: dateSchema,
        items: barthelScoresSchema,
        assessor: z.string().trim().max(40).default(''),
        note: z.string().trim().max(500).default(''),
      })
      .strict(),
    output: z.object({ id: z.string(), total: z.number().int() }),
    access: WRITERS,
    kind: 'write',
  }),
  'health.deleteAssessment': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
  'health.addEvent': channel({
    input: z.object({ personId: z.string().uuid(), fields: healthEventFieldsSchema }).strict(),
    output: z.object({ id: z.string() }),
    access: WRITERS,
    kind: 'write',
  }),
  'health.updateEvent': channel({
    input: z.object({ id: z.string().uuid(), fields: healthEventFieldsSchema }).strict(),
    output: okOutput,
    access: WRITERS,
    kind: 'write',
  }),
  'health.deleteEvent': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
  'family.add': channel({
    input: z.object({ personId: z.string().uuid(), fields: familyContactFieldsSchema }).strict(),
    output: z.object({ id: z.string() }),
    access: WRITERS,
    kind: 'write',
  }),
  'family.update': channel({
    input: z.object({ id: z.string().uuid(), fields: familyContactFieldsSchema }).strict(),
    output: okOutput,
    access: WRITERS,
    kind: 'write',
  }),
  'family.delete': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
} as const satisfies Record<string, ChannelDef>;
