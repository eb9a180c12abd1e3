/**
 * Channels of logging in and out, the idle lock, one's own password and preferences. Spread into
 * the one contract by shared/contract.ts; handlers live in main/services/auth/handlers.ts.
 */
import { z } from 'zod';
import { channel, empty, okOutput, type ChannelDef } from '../channel';
import { passwordSchema, sessionInfoSchema, userPrefsSchema, userSchema } from '../schemas/user';

export const authChannels = {
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
  'auth.logout': channel({ input: empty, output: okOutput, access: 'session', kind: 'write', whileLocked: true, beforePasswordChange: true }),
  'auth.unlock': channel({
    input: z.object({ password: z.string().min(1).max(128) }).strict(),
    output: sessionInfoSchema,
    access: 'session',
    kind: 'write',
    whileLocked: true,
    beforePasswordChange: true,
  }),
  /** The renderer reports that the person is still working, so the idle lock does not fall mid-task. */
  'auth.heartbeat': channel({ input: empty, output: okOutput, access: 'session', kind: 'read', beforePasswordChange: true }),
  'auth.changePassword': channel({
    input: z.object({ currentPassword: z.string().min(1).max(128), newPassword: passwordSchema }).strict(),
    output: okOutput,
    access: 'session',
    kind: 'write',
    beforePasswordChange: true,
  }),
  'prefs.update': channel({
    input: userPrefsSchema.partial().strict(),
    output: userSchema,
    access: 'session',
    kind: 'write',
    beforePasswordChange: true,
  }),
} as const satisfies Record<string, ChannelDef>;
