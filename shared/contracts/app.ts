/**
 * Channels of the application itself: what it is and where its data lives, the first-run setup of
 * the office, and cancelling long work. Spread into the one contract by shared/contract.ts; handlers
 * live in main/services/app/handlers.ts.
 */
import { z } from 'zod';
import { channel, empty, type ChannelDef } from '../channel';
import { areaCodeSchema, officeNameSchema, officeSchema, OFFICE_MODES } from '../schemas/office';
import { displayNameSchema, passwordSchema, sessionInfoSchema, usernameSchema } from '../schemas/user';

export const appChannels = {
  'app.info': channel({
    input: empty,
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      databasePath: z.string(),
      /** The log of errors and warnings, for technical support. */
      logFile: z.string(),
      schemaVersion: z.number().int(),
      transport: z.enum(['electron', 'browser', 'direct']),
      setupNeeded: z.boolean(),
      office: officeSchema.nullable(),
    }),
    access: 'public',
    kind: 'read',
    whileLocked: true,
  }),
  /** The office and its first administrator, who is then logged in on this session. */
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
  /** Stops a task of this session by the taskId its call carried. */
  'tasks.cancel': channel({
    input: z.object({ taskId: z.string().min(1).max(64) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
    access: 'session',
    kind: 'read',
  }),
} as const satisfies Record<string, ChannelDef>;
