/**
 * `cadrecare backup` and `cadrecare restore`: the same online backup and checked restore as the
 * app's backup.create / backup.restore, but to and from any file (a USB stick, a network share).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { backupSlotsPath, checkBackupFile, createBackup, restoreBackup } from '../../db/backup';
import { slotsPath } from '../../db/keySlots';
import type { DatabaseKey } from '../../db/cipher';
import { unlockKey } from '../unlock';
import { schemaVersionOf } from '../../db/migrate';
import { databasePath } from '../../paths';
import { getOffice } from '../../services/app/office';
import { DATA_DIR_HELP, optionError, resolveDataDir, withApp } from '../support';
import type { CliIo } from '../io';

interface BackupOptions {
  dataDir: string;
  out: string;
}

interface RestoreOptions {
  dataDir: string;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('backup')
    .summary('在线备份数据库 / online backup')
    .description(
      '在线备份：程序运行时也可以做。备份同时保存在数据目录的 backups/ 中。\n' +
        'Online backup (safe while the app runs). A copy also stays in the data folder\'s backups/.',
    )
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .requiredOption('--out <file>', '备份文件路径；若是已存在的文件夹，则以备份名存入其中 / backup file, or an existing folder')
    .action(async (opts: BackupOptions) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const outArg = path.resolve(opts.out);
      const intoFolder = /[\\/]$/.test(opts.out) || isDirectory(outArg);
      // Checked before anything is written: the folder must exist, and the live database is never a target.
      const folder = intoFolder ? outArg : path.dirname(outArg);
      if (!isDirectory(folder)) {
        throw optionError('out', '--out', 'out.noFolder');
      }
      if (!intoFolder && isDatabaseFile(dataDir, outArg)) {
        throw optionError('out', '--out', 'out.isDatabase');
      }
      const result = await withApp(dataDir, 'existing', async (app) => {
        const backup = await createBackup(app, 'manual');
        const target = intoFolder ? path.join(outArg, backup.name) : outArg;
        if (path.resolve(target) !== path.resolve(backup.path)) {
          copyIntoPlace(backup.path, target, app.key);
          // The key slots go with the copy, so a password valid today opens it on another machine.
          if (fs.existsSync(backupSlotsPath(backup.path))) fs.copyFileSync(backupSlotsPath(backup.path), backupSlotsPath(target));
        }
        return { path: target, sizeBytes: fs.statSync(target).size, backup };
      });
      io.success(result, [`已备份到 ${result.path}（${formatSize(result.sizeBytes)}）`, `数据目录内副本 ${result.backup.path}`]);
    });

  program
    .command('restore')
    .summary('从备份文件恢复 / restore from a backup file')
    .description(
      '从备份文件恢复数据库：先检查备份的完整性和版本，并把当前数据另存为安全备份。请先关闭正在运行的 CadreCare 程序。\n' +
        'Restores the database from a backup file after checking its integrity and schema version; the current\n' +
        'data is kept as a safety backup first. Close the running CadreCare app before restoring.',
    )
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .argument('<file>', '备份文件 / backup file')
    .action(async (fileArg: string, opts: RestoreOptions) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const file = path.resolve(fileArg);
      if (!fs.existsSync(file)) throw new AppError('BACKUP_NOT_FOUND', `No backup at ${file}.`, { file: path.basename(file) });
      if (isDirectory(file)) throw new AppError('BACKUP_INVALID', `${file} is a folder, not a backup file.`, { file: path.basename(file) });
      // Onto a new folder the backup's own slots (or the recovery key) give the key; else the folder's.
      const fresh = !fs.existsSync(databasePath(dataDir));
      const key = fresh ? unlockKey(dataDir, new Date(), backupSlotsPath(file)) : unlockKey(dataDir, new Date());
      // A bad file is refused before the data folder is even opened.
      checkBackupFile(file, undefined, key);
      if (fresh && key && fs.existsSync(backupSlotsPath(file))) {
        fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
        fs.copyFileSync(backupSlotsPath(file), slotsPath(dataDir));
      }
      const result = await withApp(
        dataDir,
        'create',
        async (app) => {
          const { safetyBackup } = await restoreBackup(app, file);
          return { dataDir, restoredFrom: file, schemaVersion: schemaVersionOf(app.db), office: getOffice(app.db), safetyBackup };
        },
        key ? { key } : {},
      );
      io.success(result, [
        `已从 ${result.restoredFrom} 恢复数据${result.office ? `（办公室 ${result.office.name}）` : ''}`,
        `恢复前的数据已另存为 ${result.safetyBackup.path}`,
      ]);
    });
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The office database or one of its WAL companions: overwriting it would destroy the data being backed up. */
function isDatabaseFile(dataDir: string, file: string): boolean {
  const db = databasePath(dataDir);
  const sameFile = (a: string, b: string) => {
    if (path.resolve(a) === path.resolve(b)) return true;
    try {
      const sa = fs.statSync(a);
      const sb = fs.statSync(b);
      return sa.dev === sb.dev && sa.ino === sb.ino;
    } catch {
      return false;
    }
  };
  return [db, `${db}-wal`, `${db}-shm`, `${db}-journal`].some((f) => sameFile(f, file));
}

/**
 * Copies a finished backup to its destination through a temporary file beside it, synced and
 * checked before the rename, so the destination is either the old file or a whole, valid backup.
 */
function copyIntoPlace(source: string, target: string, key: DatabaseKey | null): void {
  const temp = `${target}.partial-${process.pid}`;
  try {
    fs.copyFileSync(source, temp);
    const fd = fs.openSync(temp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    checkBackupFile(temp, undefined, key);
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    if (err instanceof AppError) throw err;
    throw new AppError('INTERNAL', `Cannot write the backup to ${target}: ${(err as Error).message}`, { file: path.basename(target) });
  }
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
