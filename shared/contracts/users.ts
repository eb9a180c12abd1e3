/**
 * Channels of the office's user accounts. Spread into the one contract by shared/contract.ts;
 * handlers live in main/services/users/handlers.ts. Only administrators manage accounts.
 */
import { z } from 'zod';
import { channel, empty, okOutput, type ChannelDef } from '../channel';
import { ADMIN_ONLY, ROLES } from '../roles';
import { displayNameSchema, passwordSchema, phoneSchema, userSchema, usernameSchema } from '../schemas/user';

export const userChannels = {
  'users.list': channel({ input: empty, output: z.array(userSchema), access: ADMIN_ONLY, kind: 'read' }),
  /** USERNAME_TAKEN when the name is in use (user names compare without regard to case). */
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
  /** A disabled account's sessions end at once; LAST_ADMIN when the office would have no enabled administrator. */
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
  /** Also lifts a lockout: the administrator has just verified who the person is. */
  'users.resetPassword': channel({
    input: z.object({ id: z.string().uuid(), newPassword: passwordSchema }).strict(),
    output: okOutput,
    access: ADMIN_ONLY,
    kind: 'write',
  }),
} as const satisfies Record<string, ChannelDef>;
