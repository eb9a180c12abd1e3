/**
 * The one contract: every channel that crosses the process boundary, with its input schema, output
 * schema, who may call it and how it runs. Both the renderer client and main's dispatch are typed
 * from this map; nothing else crosses.
 *
 * kind: 'read'  runs inside a read transaction (a consistent snapshot);
 *       'write' runs inside a write transaction, so a failure writes nothing;
 *       'task'  is long work: async, reports progress events, can be cancelled, manages its own writes.
 */
import { z } from 'zod';
import { channel, empty, idInput, okOutput, type ChannelDef } from './channel';
import { appChannels } from './contracts/app';
import { authChannels } from './contracts/auth';
import { userChannels } from './contracts/users';
import { settingsChannels } from './contracts/settings';
import { auditChannels } from './contracts/audit';
import { backupChannels } from './contracts/backup';
import { unitChannels } from './contracts/units';
import { partyChannels } from './contracts/party';
import { activityChannels } from './contracts/activities';
import { volunteerChannels } from './contracts/volunteers';
import { pairChannels } from './contracts/pairs';
import { packetChannels } from './contracts/packets';
import { visitChannels } from './contracts/visits';
import { requestChannels } from './contracts/requests';
import { listChannels } from './contracts/lists';
import { ALL_ROLES, READERS, WRITERS } from './roles';
import { auditEntrySchema } from './schemas/audit';
import {
  barthelScoresSchema,
  dateSchema,
  familyContactFieldsSchema,
  healthEventFieldsSchema,
  healthProfileFieldsSchema,
  healthProfileSchema,
  personDetailSchema,
  personFieldsSchema,
  personListQuerySchema,
  personRowSchema,
  statusChangeSchema,
  GENDERS,
} from './schemas/person';
import { optionalText } from './schemas/common';
import { gridFieldsSchema, gridSchema } from './schemas/grids';
import {
  assignableUserSchema,
  assignSchema,
  endAssignmentSchema,
  personContactsSchema,
  transferInputSchema,
  transferPlanSchema,
  unassignedQuerySchema,
  unassignedRowSchema,
} from './schemas/assignments';

export type { ChannelDef, ChannelKind } from './channel';

export const contract = {
  ...appChannels,
  ...authChannels,
  ...userChannels,
  ...settingsChannels,
  ...auditChannels,
  ...backupChannels,
  // Registry and health archives (issue 3). Every role reads; staff and admins write.
  'persons.list': channel({
    input: personListQuerySchema,
    output: z.object({ total: z.number().int(), rows: z.array(personRowSchema) }),
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
    output: z.object({
      valid: z.boolean(),
      problem: z.string().nullable(),
      normalised: z.string().nullable(),
      birthDate: z.string().nullable(),
      gender: z.enum(GENDERS).nullable(),
      existing: z.object({ id: z.string(), name: z.string() }).nullable(),
    }),
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
  'health.saveProfile': channel({
    input: z.object({ personId: z.string().uuid(), fields: healthProfileFieldsSchema }).strict(),
    output: healthProfileSchema,
    access: WRITERS,
    kind: 'write',
  }),
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
  // Excel roster in and out (issue 3). Staff and admins import; every role may export the list it sees.
  // Upload once (roster.parse keeps the parsed file in main by id), then preview and commit by id.
  'roster.template': channel({
    input: empty,
    output: z.object({ fileName: z.string(), base64: z.string() }),
    access: WRITERS,
    kind: 'task',
  }),
  'roster.parse': channel({
    input: z
      .object({
        fileName: z.string().trim().min(1).max(255),
        /** The file's bytes, base64 (at most 20 MB of file). */
        base64: z.string().min(1).max(28_000_000),
      })
      .strict(),
    output: z.object({
      sessionId: z.string(),
      fileName: z.string(),
      sheetName: z.string(),
      /** Header texts, one per column; mapping values index into it. */
      headers: z.array(z.string()),
      /** The Excel row number of the header row (found below merged title rows). */
      headerRow: z.number().int(),
      /** Field → column index, matched from the headers; null where no column matched. */
      mapping: z.record(personFieldsSchema.keyof().exclude(['photo', 'unitId']), z.number().int().nullable()),
      sampleRows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
      rowCount: z.number().int(),
    }),
    access: WRITERS,
    kind: 'task',
  }),
  'roster.preview': channel({
    input: z
      .object({
        sessionId: z.string().min(1).max(64),
        mapping: z.partialRecord(personFieldsSchema.keyof().exclude(['photo', 'unitId']), z.number().int().min(0).max(1000).nullable()),
      })
      .strict(),
    output: z.object({
      rows: z.number().int(),
      creates: z.number().int(),
      updateCount: z.number().int(),
      /** Rows that update a registered person (same ID number), with what changes (codes, phones joined by 、). */
      updates: z.array(
        z.object({
          row: z.number().int(),
          personId: z.string(),
          name: z.string(),
          changes: z.array(z.object({ field: z.string(), from: z.string(), to: z.string() })),
        }),
      ),
      /** Rows of registered persons that would not change. */
      unchanged: z.number().int(),
      errorCount: z.number().int(),
      errorRowCount: z.number().int(),
      /** code: an i18n key under validation. ('idNumber.checksum', 'date.format', 'roster.required', …). */
      errors: z.array(
        z.object({
          row: z.number().int(),
          column: z.string(),
          field: z.string().nullable(),
          code: z.string(),
          value: z.string(),
          otherRow: z.number().int().nullable(),
        }),
      ),
      validCount: z.number().int(),
      /** Required fields no column is mapped to. */
      missingColumns: z.array(z.string()),
    }),
    access: WRITERS,
    kind: 'read',
  }),
  'roster.commit': channel({
    input: z
      .object({
        sessionId: z.string().min(1).max(64),
        mapping: z.partialRecord(personFieldsSchema.keyof().exclude(['photo', 'unitId']), z.number().int().min(0).max(1000).nullable()),
        /** false: any error refuses the whole roster (ROSTER_HAS_ERRORS); true: only the valid rows are imported. */
        skipInvalid: z.boolean().default(false),
      })
      .strict(),
    output: z.object({
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      skipped: z.number().int(),
      skippedRows: z.array(z.number().int()),
    }),
    access: WRITERS,
    kind: 'task',
  }),
  'roster.export': channel({
    input: personListQuerySchema.omit({ limit: true, offset: true }),
    output: z.object({ fileName: z.string(), base64: z.string(), count: z.number().int() }),
    access: ALL_ROLES,
    kind: 'task',
  }),
  // Grids, contact assignments (分片包干), visit plans and records, service requests, printed lists
  // (issue 4). Once any assignment exists, a grid worker sees only the persons assigned to them on
  // every channel that returns person data; anyone else's answers NOT_FOUND (enforced in main).
  'persons.setHighRisk': channel({
    input: z.object({ id: z.string().uuid(), highRisk: z.boolean() }).strict(),
    output: z.object({ changed: z.boolean() }),
    access: WRITERS,
    kind: 'write',
  }),
  'grids.list': channel({ input: empty, output: z.array(gridSchema), access: ALL_ROLES, kind: 'read' }),
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
    output: z.object({ total: z.number().int(), rows: z.array(unassignedRowSchema) }),
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
  ...packetChannels,
  ...unitChannels,
  ...partyChannels,
  ...activityChannels,
  ...volunteerChannels,
  ...pairChannels,
  ...visitChannels,
  ...requestChannels,
  ...listChannels,
} as const satisfies Record<string, ChannelDef>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/**
 * Events for long work. A task call may carry a `taskId` chosen by the caller; progress for it
 * arrives on the 'progress' event with that id, and 'tasks.cancel' with the id stops it.
 */
export const events = {
  progress: z.object({
    taskId: z.string(),
    channel: z.string(),
    done: z.number(),
    total: z.number(),
    /** i18n key of what is being done, e.g. 'progress.backup'. */
    stage: z.string(),
  }),
  /** The session was locked by main (idle) or ended (restore, logout elsewhere). */
  session: z.object({ locked: z.boolean(), loggedOut: z.boolean() }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

/** Options that travel beside the input of a call, never inside it. */
export interface CallOptions {
  taskId?: string;
}
