/**
 * Backups as the app offers them: the copying and restoring is main/db/backup.ts; here the app
 * names a backup by its file name in the backups folder, never by a path.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../context';
import { writeAudit, type Actor } from '../../db/audit';
import { restoreBackup, type ProgressSink } from '../../db/backup';
import { storageError } from '../../db/storageErrors';
import { backupDir } from '../../paths';
import { AppError } from '../../../shared/errors';
import type { BackupCopy, BackupInfo } from '../../../shared/schemas/backup';

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

/** Where the backups are kept, for the person to find them (and copy one by hand). */
export function backupFolder(app: AppContext): { folder: string } {
  return { folder: backupDir(app.dataDir) };
}

/**
 * 另存为: a copy of a backup somewhere the person chooses (a USB stick). In the desktop app main asks
 * where with a save dialog and copies the file there; elsewhere (browser mode) the file's bytes come
 * back for the browser to download. Taking the whole office's data out is written to the audit log.
 */
export async function saveBackupCopy(app: AppContext, name: string, actor: Actor): Promise<BackupCopy> {
  const source = path.join(backupDir(app.dataDir), name);
  if (!fs.existsSync(source)) throw new AppError('BACKUP_NOT_FOUND', `There is no backup ${name}.`, { file: name });
  const record = (to: string) =>
    app.db.transaction(() => {
      writeAudit(app.db, actor, app.clock().toISOString(), { entity: 'backup', entityId: name, action: 'save_backup_copy', changes: { savedTo: to } });
    })();
  try {
    if (app.saveAs) {
      const target = await app.saveAs(name);
      if (target === null) return { savedTo: null, download: null };
      await fs.promises.copyFile(source, target);
      record(target);
      return { savedTo: target, download: null };
    }
    const base64 = (await fs.promises.readFile(source)).toString('base64');
    record(name);
    return { savedTo: null, download: { fileName: name, base64 } };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw storageError(err, app.dataDir) ?? new AppError('INTERNAL', `The backup could not be copied: ${(err as Error).message}`);
  }
}
