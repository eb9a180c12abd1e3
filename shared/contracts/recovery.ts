/**
 * Channels of the recovery sheet (恢复密钥单) and of logging in with its key when every password is
 * forgotten. Spread into the one contract by shared/contract.ts; handlers live in
 * main/services/auth/recoveryHandlers.ts, the rules in main/services/auth/recovery.ts.
 */
import { z } from 'zod';
import { channel, type ChannelDef } from '../channel';
import { ADMIN_ONLY } from '../roles';
import { displayNameSchema, passwordSchema, sessionInfoSchema, usernameSchema } from '../schemas/user';
import { recoveryAdminSchema, recoverySheetSchema } from '../schemas/recovery';

/** The key as typed: checked by main (shared/recoveryKey.ts), so a typo gets its own answer, not INVALID_INPUT. */
const recoveryKeyInput = z.string().max(400);

export const recoveryChannels = {
  /** The recovery key for the sheet; an administrator gives their password again to see it. */
  'recovery.sheet': channel({
    input: z.object({ password: z.string().min(1).max(128) }).strict(),
    output: recoverySheetSchema,
    access: ADMIN_ONLY,
    kind: 'write',
  }),
  /** Proves a recovery key and answers the administrators whose password can be set with it. */
  'recovery.check': channel({
    input: z.object({ recoveryKey: recoveryKeyInput }).strict(),
    output: z.object({ admins: z.array(recoveryAdminSchema) }),
    access: 'public',
    kind: 'read',
  }),
  /**
   * With the recovery key: a new password for an enabled administrator (or, when none is enabled, a
   * new administrator), who is then logged in on this session.
   */
  'recovery.login': channel({
    input: z
      .object({
        recoveryKey: recoveryKeyInput,
        admin: z.union([
          z.object({ userId: z.string().min(1).max(64) }).strict(),
          z.object({ username: usernameSchema, displayName: displayNameSchema }).strict(),
        ]),
        newPassword: passwordSchema,
      })
      .strict(),
    output: sessionInfoSchema,
    access: 'public',
    kind: 'write',
  }),
} as const satisfies Record<string, ChannelDef>;
