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
import { unitChannels } from './contracts/units';
import { partyChannels } from './contracts/party';
import { activityChannels } from './contracts/activities';
import { volunteerChannels } from './contracts/volunteers';
import { pairChannels } from './contracts/pairs';
import { personChannels } from './contracts/persons';
import { rosterChannels } from './contracts/roster';
import { gridChannels } from './contracts/grids';
import { assignmentChannels } from './contracts/assignments';
import { ADMIN_ONLY, ALL_ROLES, FIELD_WORKERS, READERS, ROLES, WRITERS } from './roles';
import { areaCodeSchema, officeNameSchema, officeSchema, OFFICE_MODES } from './schemas/office';
import {
  displayNameSchema,
  passwordSchema,
  phoneSchema,
  userPrefsSchema,
  userSchema,
  usernameSchema,
} from './schemas/user';
import { officeSettingsSchema } from './schemas/settings';
import { auditEntrySchema, auditQuerySchema } from './schemas/audit';
import { backupInfoSchema, backupNameSchema } from './schemas/backup';
import { barthelScoresSchema, dateSchema, healthEventFieldsSchema } from './schemas/persons';
import {
  plannedVisitSchema,
  visitRecordFieldsSchema,
  visitRecordQuerySchema,
  visitRecordSchema,
  worklistCountsSchema,
  worklistQuerySchema,
  worklistRowSchema,
} from './schemas/visits';
import {
  newRequestSchema,
  requestFieldsSchema,
  requestListQuerySchema,
  requestStatusChangeSchema,
  requestUpdateSchema,
  serviceRequestSchema,
} from './schemas/requests';
import {
  createListSchema,
  enterResultsSchema,
  LIST_KINDS,
  listNoSchema,
  listSummarySchema,
  printedListSchema,
  serviceCardSchema,
} from './schemas/lists';
import {
  conflictSchema,
  exportInputSchema,
  exportResultSchema,
  importResultSchema,
  inspectResultSchema,
  keyCardSchema,
  keyCardViewSchema,
  keyInfoSchema,
  PACKET_CHUNK_BYTES,
  packetFileNameSchema,
  packetFileSchema,
  packetLogEntrySchema,
  resolveConflictSchema,
  trustedOfficeSchema,
} from './schemas/packets';

export type { ChannelDef, ChannelKind } from './channel';

const sessionInfoSchema = z.object({
  user: userSchema.nullable(),
  locked: z.boolean(),
  idleLockMinutes: z.number().int(),
});

export const contract = {
  'app.info': channel({
    input: empty,
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      databasePath: z.string(),
      schemaVersion: z.number().int(),
      transport: z.enum(['electron', 'browser', 'direct']),
      setupNeeded: z.boolean(),
      office: officeSchema.nullable(),
    }),
    access: 'public',
    kind: 'read',
    whileLocked: true,
  }),
  'setup.create': channel({
    input: z
      .object({
        officeName: officeNameSchema,
        areaCode: areaCodeSchema,
        mode: z.enum(OFFICE_MODES),
        adminUsername: usernameSchema,
        adminDisplayName: displayNameSchema,
        adminPassword: passwordSchema,
      })
      .strict(),
    output: sessionInfoSchema,
    access: 'public',
    kind: 'write',
  }),
  'auth.session': channel({
    input: empty,
    output: sessionInfoSchema,
    access: 'public',
    kind: 'read',
    whileLocked: true,
  }),
  'auth.login': channel({
    input: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(128) }).strict(),
    output: sessionInfoSchema,
    access: 'public',
    kind: 'write',
  }),
  'auth.logout': channel({ input: empty, output: okOutput, access: 'session', kind: 'write', whileLocked: true }),
  'auth.unlock': channel({
    input: z.object({ password: z.string().min(1).max(128) }).strict(),
    output: sessionInfoSchema,
    access: 'session',
    kind: 'write',
    whileLocked: true,
  }),
  /** The renderer reports that the person is still working, so the idle lock does not fall mid-task. */
  'auth.heartbeat': channel({ input: empty, output: okOutput, access: 'session', kind: 'read' }),
  'auth.changePassword': channel({
    input: z.object({ currentPassword: z.string().min(1).max(128), newPassword: passwordSchema }).strict(),
    output: okOutput,
    access: 'session',
    kind: 'write',
  }),
  'prefs.update': channel({
    input: userPrefsSchema.partial().strict(),
    output: userSchema,
    access: 'session',
    kind: 'write',
  }),
  'users.list': channel({ input: empty, output: z.array(userSchema), access: ADMIN_ONLY, kind: 'read' }),
  'users.create': channel({
    input: z
      .object({
        username: usernameSchema,
        displayName: displayNameSchema,
        role: z.enum(ROLES),
        password: passwordSchema,
        phone: phoneSchema.nullable().default(null),
      })
      .strict(),
    output: userSchema,
    access: ADMIN_ONLY,
    kind: 'write',
  }),
  'users.update': channel({
    input: z
      .object({
        id: z.string().uuid(),
        displayName: displayNameSchema.optional(),
        role: z.enum(ROLES).optional(),
        disabled: z.boolean().optional(),
        phone: phoneSchema.nullable().optional(),
      })
      .strict(),
    output: userSchema,
    access: ADMIN_ONLY,
    kind: 'write',
  }),
  'users.resetPassword': channel({
    input: z.object({ id: z.string().uuid(), newPassword: passwordSchema }).strict(),
    output: okOutput,
    access: ADMIN_ONLY,
    kind: 'write',
  }),
  'settings.get': channel({ input: empty, output: officeSettingsSchema, access: ALL_ROLES, kind: 'read' }),
  'settings.update': channel({
    input: officeSettingsSchema.partial().strict(),
    output: officeSettingsSchema,
    access: ADMIN_ONLY,
    kind: 'write',
  }),
  'audit.list': channel({
    input: auditQuerySchema.strict(),
    output: z.object({ total: z.number().int(), entries: z.array(auditEntrySchema) }),
    access: READERS,
    kind: 'read',
  }),
  'backup.list': channel({ input: empty, output: z.array(backupInfoSchema), access: ADMIN_ONLY, kind: 'read' }),
  'backup.create': channel({ input: empty, output: backupInfoSchema, access: ADMIN_ONLY, kind: 'task' }),
  'backup.restore': channel({
    input: z.object({ name: backupNameSchema }).strict(),
    output: z.object({ restoredFrom: z.string(), safetyBackup: backupInfoSchema }),
    access: ADMIN_ONLY,
    kind: 'task',
  }),
  ...personChannels,
  ...rosterChannels,
  ...gridChannels,
  ...assignmentChannels,
  /** A user's visits (default: the logged-in user's; grid workers only their own), overdue first, with counts. */
  'visits.worklist': channel({
    input: worklistQuerySchema,
    output: z.object({
      userId: z.string().nullable(),
      today: z.string(),
      counts: worklistCountsSchema,
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
    output: z.object({ total: z.number().int(), rows: z.array(visitRecordSchema) }),
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
  'requests.list': channel({
    input: requestListQuerySchema,
    output: z.object({ total: z.number().int(), rows: z.array(serviceRequestSchema) }),
    access: ALL_ROLES,
    kind: 'read',
  }),
  'requests.get': channel({ input: idInput, output: serviceRequestSchema, access: ALL_ROLES, kind: 'read' }),
  'requests.create': channel({ input: newRequestSchema, output: z.object({ id: z.string() }), access: FIELD_WORKERS, kind: 'write' }),
  'requests.update': channel({ input: requestUpdateSchema, output: z.object({ changed: z.boolean() }), access: WRITERS, kind: 'write' }),
  'requests.setStatus': channel({ input: requestStatusChangeSchema, output: z.object({ changed: z.boolean() }), access: WRITERS, kind: 'write' }),
  /**
   * A numbered, stored list: a visit list for a worker (grid workers: their own) and/or a grid over
   * dates, sorted by grid and address; or service cards. The answer is what to print.
   */
  'lists.create': channel({ input: createListSchema, output: printedListSchema, access: FIELD_WORKERS, kind: 'write' }),
  /** A list by its number (2026-11-0007), for printing again and for entering results. */
  'lists.get': channel({ input: z.object({ listNo: listNoSchema }).strict(), output: printedListSchema, access: ALL_ROLES, kind: 'read' }),
  'lists.list': channel({
    input: z
      .object({
        kind: z.enum(LIST_KINDS).optional(),
        month: z.string().regex(/^\d{4}-\d{2}$/).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ total: z.number().int(), rows: z.array(listSummarySchema) }),
    access: ALL_ROLES,
    kind: 'read',
  }),
  /**
   * Every row of a printed visit list at once: visited (date, method, findings) or not. One
   * transaction; any problem in any row (LIST_RESULTS_INVALID, details.problems by row) writes nothing.
   */
  'lists.enterResults': channel({
    input: enterResultsSchema,
    output: z.object({
      listNo: z.string(),
      recorded: z.number().int(),
      notVisited: z.number().int(),
      visitRecordIds: z.array(z.string()),
      resolvedVisits: z.array(z.string()),
    }),
    access: FIELD_WORKERS,
    kind: 'write',
  }),
  /** 爱心服务卡 data for persons, a grid or a worker's persons, without storing a list. */
  'lists.serviceCards': channel({
    input: z
      .object({
        personIds: z.array(z.string().uuid()).min(1).max(2000).optional(),
        gridId: z.string().uuid().optional(),
        userId: z.string().uuid().optional(),
      })
      .strict(),
    output: z.object({ officeName: z.string(), hotline: z.string(), hotline24h: z.string(), cards: z.array(serviceCardSchema) }),
    access: ALL_ROLES,
    kind: 'read',
  }),
  // Keys, packets and conflicts (issue 5). Admins manage keys and the trust list; staff and admins
  // export, import and resolve. Files cross by name: packets/in and packets/out of the data folder,
  // uploaded and downloaded in pieces of at most 4 MiB (main/bundle/files.ts).
  'keys.card': channel({ input: empty, output: keyCardViewSchema, access: WRITERS, kind: 'read' }),
  'keys.list': channel({
    input: empty,
    output: z.object({ own: keyCardViewSchema.extend({ retired: z.array(keyInfoSchema) }), trusted: z.array(trustedOfficeSchema) }),
    access: WRITERS,
    kind: 'read',
  }),
  /** What a key card file says and its fingerprint, for the person to compare before trusting it. */
  'keys.inspectCard': channel({
    input: z.object({ card: z.string().min(2).max(16_384) }).strict(),
    output: z.object({
      card: keyCardSchema,
      fingerprint: z.string(),
      fingerprintGroups: z.string(),
      isOwn: z.boolean(),
      alreadyTrusted: z.boolean(),
      replacesKeys: z.boolean(),
    }),
    access: ADMIN_ONLY,
    kind: 'read',
  }),
  /** Trusts the card once the person confirmed its fingerprint (at least the eight groups). */
  'keys.trust': channel({
    input: z.object({ card: z.string().min(2).max(16_384), fingerprint: z.string().min(32).max(200) }).strict(),
    output: trustedOfficeSchema,
    access: ADMIN_ONLY,
    kind: 'write',
  }),
  'keys.rotate': channel({ input: empty, output: keyCardViewSchema, access: ADMIN_ONLY, kind: 'write' }),
  /** The secret age identity as a standard identity file (age -d -i FILE reads packets with it). */
  'keys.exportIdentity': channel({
    input: empty,
    output: z.object({ fileName: z.string(), text: z.string(), recipient: z.string() }),
    access: ADMIN_ONLY,
    kind: 'write',
  }),
  'packets.upload': channel({
    input: z
      .object({
        fileName: packetFileNameSchema,
        offset: z.number().int().min(0),
        base64: z.string().max(Math.ceil(PACKET_CHUNK_BYTES / 3) * 4),
      })
      .strict(),
    output: z.object({ fileName: z.string(), sizeBytes: z.number().int() }),
    access: WRITERS,
    kind: 'read',
  }),
  'packets.download': channel({
    input: z.object({ fileName: packetFileNameSchema, offset: z.number().int().min(0).default(0) }).strict(),
    output: z.object({ base64: z.string(), offset: z.number().int(), sizeBytes: z.number().int(), done: z.boolean() }),
    access: WRITERS,
    kind: 'read',
  }),
  'packets.files': channel({
    input: z.object({ box: z.enum(['in', 'out']) }).strict(),
    output: z.array(packetFileSchema),
    access: WRITERS,
    kind: 'read',
  }),
  /** Decrypts and verifies an uploaded packet and says what it is, without importing it. */
  'packets.inspect': channel({
    input: z.object({ fileName: packetFileNameSchema, passphrase: z.string().min(1).max(200).optional() }).strict(),
    output: inspectResultSchema,
    access: WRITERS,
    kind: 'task',
  }),
  'packets.export': channel({ input: exportInputSchema, output: exportResultSchema, access: WRITERS, kind: 'task' }),
  /** Imports one uploaded packet (one transaction, after a backup); a receipt for the sender goes to packets/out. */
  'packets.import': channel({
    input: z
      .object({ fileName: packetFileNameSchema, passphrase: z.string().min(1).max(200).optional(), receipt: z.boolean().default(true) })
      .strict(),
    output: importResultSchema,
    access: WRITERS,
    kind: 'task',
  }),
  'packets.log': channel({
    input: z
      .object({
        direction: z.enum(['in', 'out']).optional(),
        peerOfficeId: z.string().uuid().optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ total: z.number().int(), entries: z.array(packetLogEntrySchema) }),
    access: WRITERS,
    kind: 'read',
  }),
  'conflicts.list': channel({
    input: z
      .object({
        status: z.enum(['open', 'resolved', 'all']).default('open'),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ total: z.number().int(), rows: z.array(conflictSchema) }),
    access: WRITERS,
    kind: 'read',
  }),
  'conflicts.resolve': channel({
    input: resolveConflictSchema,
    output: z.object({ version: z.string().nullable(), retried: z.number().int() }),
    access: WRITERS,
    kind: 'write',
  }),
  /** Unresolved conflicts, for the home screen (grid workers neither see nor resolve them). */
  'conflicts.count': channel({ input: empty, output: z.object({ open: z.number().int() }), access: READERS, kind: 'read' }),
  // Issue 6: each capability declares its channels in shared/contracts/<area>.ts.
  ...unitChannels,
  ...partyChannels,
  ...activityChannels,
  ...volunteerChannels,
  ...pairChannels,
  'tasks.cancel': channel({
    input: z.object({ taskId: z.string().min(1).max(64) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
    access: 'session',
    kind: 'read',
  }),
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
