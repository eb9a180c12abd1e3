/**
 * Backups as the app offers them: the copying and restoring is main/db/backup.ts; here the app
 * names a backup by its file name in the backups folder, never by a path.
 */
import path from 'node:path';
import type { AppContext } from '../../context';
import type { Actor } from '../../db/audit';
import { restoreBackup, type ProgressSink } from '../../db/backup';
import { backupDir } from '../../paths';
import type { BackupInfo } from '../../../shared/schemas/backup';

/** Restores the backup of that name (main/db/backup.ts says how) and says which it was. */
export async function restoreNamedBackup(
  app: AppContext,
  name: string,
  sink: ProgressSink,
  actor: Actor,
): Promise<{ restoredFrom: string; safetyBackup: BackupInfo }> {
  const { safetyBackup } = await restoreBackup(app, path.join(backupDir(app.dataDir), name), sink, actor);
  return { restoredFrom: name, safetyBackup };
}
