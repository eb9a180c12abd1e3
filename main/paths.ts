import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'CadreCare';
export const DATABASE_FILE = 'cadrecare.sqlite';
export const BACKUP_FOLDER = 'backups';
export const LOG_FOLDER = 'logs';
export const LOG_FILE = 'cadrecare.log';

/**
 * The data folder when no --data-dir is given. It is the folder Electron calls userData for this
 * app, so the desktop app, browser mode and the CLI all find the same database.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.join(env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), APP_FOLDER_NAME);
}

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

export function backupDir(dataDir: string): string {
  return path.join(dataDir, BACKUP_FOLDER);
}

/** The log of main's errors and warnings (main/log.ts). */
export function logFilePath(dataDir: string): string {
  return path.join(dataDir, LOG_FOLDER, LOG_FILE);
}

/** `--data-dir D` or `--data-dir=D` from an argv, wherever it stands. */
export function dataDirFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--data-dir') return argv[i + 1];
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length);
  }
  return undefined;
}
