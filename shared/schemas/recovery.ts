/** The recovery sheet and the administrators a recovery key can give a new password (shared/contracts/recovery.ts). */
import { z } from 'zod';

export const recoverySheetSchema = z.object({
  officeName: z.string(),
  areaCode: z.string(),
  /** 17 groups of 4 joined by dashes: the key's 16, then the check (shared/recoveryKey.ts). */
  recoveryKey: z.string(),
  /** When main issued it (main's clock: the date printed on the sheet). */
  issuedAt: z.string(),
});
export type RecoverySheet = z.infer<typeof recoverySheetSchema>;

export const recoveryAdminSchema = z.object({ id: z.string(), username: z.string(), displayName: z.string() });
export type RecoveryAdmin = z.infer<typeof recoveryAdminSchema>;
