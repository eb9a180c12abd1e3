/**
 * Channels of whole-database backups and restoring from one. Spread into the one contract by
 * shared/contract.ts; handlers live in main/services/backup/handlers.ts. Only administrators use them.
 */
import { z } from 'zod';
import { channel, empty, type ChannelDef } from '../channel';
import { ADMIN_ONLY } from '../roles';
import { backupCopySchema, backupInfoSchema, backupNameSchema } from '../schemas/backup';

export const backupChannels = {
  'backup.list': channel({ input: empty, output: z.array(backupInfoSchema), access: ADMIN_ONLY, kind: 'read' }),
  'backup.create': channel({ input: empty, output: backupInfoSchema, access: ADMIN_ONLY, kind: 'task' }),
  /** The folder the backups are kept in. */
  'backup.folder': channel({ input: empty, output: z.object({ folder: z.string() }), access: ADMIN_ONLY, kind: 'read' }),
  /** 另存为: a copy of a backup where the person chooses (a save dialog), or its bytes to download in browser mode. */
  'backup.saveCopy': channel({ input: z.object({ name: backupNameSchema }).strict(), output: backupCopySchema, access: ADMIN_ONLY, kind: 'task' }),
  /** Backs up the current data first (safetyBackup), then replaces it; every session is logged out. */
  'backup.restore': channel({
    input: z.object({ name: backupNameSchema }).strict(),
    output: z.object({ restoredFrom: z.string(), safetyBackup: backupInfoSchema }),
    access: ADMIN_ONLY,
    kind: 'task',
  }),
} as const satisfies Record<string, ChannelDef>;
