import { z } from 'zod';

/** Office-wide settings, changed by an admin. Defaults apply until someone changes them. */
export const officeSettingsSchema = z.object({
  /** Minutes without activity before the session locks; 0 turns the lock off. */
  idleLockMinutes: z.number().int().min(0).max(240),
  /** Automatic daily backups on or off. */
  dailyBackup: z.boolean(),
  /** How many automatic backups to keep; older ones are deleted. */
  backupKeep: z.number().int().min(1).max(365),
});
export type OfficeSettings = z.infer<typeof officeSettingsSchema>;

export const DEFAULT_SETTINGS: OfficeSettings = {
  idleLockMinutes: 15,
  dailyBackup: true,
  backupKeep: 14,
};
