/**
 * Channels of 走访 (visit plans, worklists and visit records). Spread into the one contract by
 * shared/contract.ts; handlers live in main/services/visits/handlers.ts. Every role reads; staff,
 * admins and grid workers record visits; staff and admins correct, cancel and replan. Once any
 * contact assignment exists, a grid worker sees only the persons assigned to them: anyone else's
 * answers NOT_FOUND (enforced in main). The visit rules themselves are office settings (settings.update).
 */
import { z } from 'zod';
import { channel, idInput, okOutput, type ChannelDef } from '../channel';
import { ALL_ROLES, FIELD_WORKERS, WRITERS } from '../roles';
import { barthelScoresSchema, dateSchema, healthEventFieldsSchema } from '../schemas/persons';
import { requestFieldsSchema, serviceRequestSchema } from '../schemas/requests';
import {
  plannedVisitSchema,
  visitRecordFieldsSchema,
  visitRecordQuerySchema,
  visitRecordSchema,
  worklistCountsSchema,
  worklistQuerySchema,
  worklistRowSchema,
} from '../schemas/visits';

export const visitChannels = {
  /** A user's visits (default: the logged-in user's; grid workers only their own), overdue first, with counts. */
  'visits.worklist': channel({
    input: worklistQuerySchema,
    output: z.object({
      userId: z.string().nullable(),
      today: z.string(),
      counts: worklistCountsSchema,
      /**
       * Persons by the most pressing status of their open visits (overdue before due before upcoming):
       * what the home page counts, never more than the persons.
       */
      personCounts: z.object({ overdue: z.number().int(), due: z.number().int(), upcoming: z.number().int(), missed: z.number().int() }),
      /** Rows matching the filters and statuses, before limit and offset. */
      total: z.number().int(),
      rows: z.array(worklistRowSchema),
      /** Open and in-progress service requests of the list's persons. */
      requests: z.array(serviceRequestSchema),
    }),
    access: ALL_ROLES,
    kind: 'read',
  }),
  'visits.forPerson': channel({
    input: z.object({ personId: z.string().uuid(), include: z.enum(['open', 'all']).default('all') }).strict(),
    output: z.array(plannedVisitSchema),
    access: ALL_ROLES,
    kind: 'read',
  }),
  /**
   * Records a visit. It resolves the planned visits chosen, or (none chosen) every open one whose
   * window holds the visit date. Needs can become service requests, and a hospitalisation or an ADL
   * assessment can go into the health archive, in the same call.
   */
  'visits.record': channel({
    input: z
      .object({
        personId: z.string().uuid(),
        plannedVisitIds: z.array(z.string().uuid()).max(20).optional(),
        fields: visitRecordFieldsSchema,
        requests: z.array(requestFieldsSchema).max(10).default([]),
        healthEvent: healthEventFieldsSchema.optional(),
        assessment: z
          .object({
            assessedOn: dateSchema,
            items: barthelScoresSchema,
            assessor: z.string().trim().max(40).default(''),
            note: z.string().trim().max(500).default(''),
          })
          .strict()
          .optional(),
      })
      .strict(),
    output: z.object({
      id: z.string(),
      resolved: z.array(z.string()),
      requestIds: z.array(z.string()),
      healthEventId: z.string().nullable(),
      assessmentId: z.string().nullable(),
    }),
    access: FIELD_WORKERS,
    kind: 'write',
  }),
  'visits.getRecord': channel({ input: idInput, output: visitRecordSchema, access: ALL_ROLES, kind: 'read' }),
  'visits.records': channel({
    input: visitRecordQuerySchema,
    output: z.object({ total: z.number().int(), capped: z.boolean(), rows: z.array(visitRecordSchema) }),
    access: ALL_ROLES,
    kind: 'read',
  }),
  'visits.updateRecord': channel({
    input: z.object({ id: z.string().uuid(), fields: visitRecordFieldsSchema }).strict(),
    output: z.object({ changed: z.boolean() }),
    access: WRITERS,
    kind: 'write',
  }),
  /** The planned visits it resolved are open again. */
  'visits.deleteRecord': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
  /** Cancels a planned visit by hand, with why; replanning leaves it cancelled. */
  'visits.cancel': channel({
    input: z.object({ id: z.string().uuid(), note: z.string().trim().min(1).max(200) }).strict(),
    output: okOutput,
    access: WRITERS,
    kind: 'write',
  }),
  /** Rolls plans forward for persons not yet planned this month or with these rules (all with force). */
  'visits.replanAll': channel({
    input: z.object({ force: z.boolean().default(false) }).strict(),
    output: z.object({
      persons: z.number().int(),
      created: z.number().int(),
      rescheduled: z.number().int(),
      cancelled: z.number().int(),
      reopened: z.number().int(),
    }),
    access: WRITERS,
    kind: 'task',
  }),
} as const satisfies Record<string, ChannelDef>;
