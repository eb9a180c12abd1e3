import { z } from 'zod';

export const BACKUP_REASONS = ['manual', 'daily', 'before-import', 'before-restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const backupInfoSchema = z.object({
  /** File name inside the data folder's backups/ folder. */
  name: z.string(),
  path: z.string(),
  reason: z.enum(BACKUP_REASONS),
  createdAt: z.string(),
  sizeBytes: z.number().int(),
});
export type BackupInfo = z.infer<typeof backupInfoSchema>;

/** A backup is named by file name only, never by an arbitrary path, when it comes from the renderer. */
export const backupNameSchema = z
  .string()
  .regex(/^cadrecare-\d{8}-\d{6}-\d{3}-[a-z-]+\.sqlite$/, { message: 'backup.name' });

/**
 * A backup saved elsewhere: where the desktop app's save dialog put it (null when the person
 * cancelled), or, in browser mode, the file for the browser to download.
 */
export const backupCopySchema = z.object({
  savedTo: z.string().nullable(),
  download: z.object({ fileName: z.string(), base64: z.string() }).nullable(),
});
export type BackupCopy = z.infer<typeof backupCopySchema>;
