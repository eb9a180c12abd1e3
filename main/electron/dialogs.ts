/**
 * Dialogs of the shell: plain, blocking error boxes (they work before any window exists, which is
 * when the database fails to open), and the save dialog for a file the person takes out.
 */
import path from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import { describeStartupError } from './runtime';

/** Tells the person, in plain Chinese, why the app cannot start (e.g. DB_FROM_NEWER_VERSION). */
export function showStartupError(err: unknown, where: { dataDir: string; packaged: boolean }): void {
  const { title, message } = describeStartupError(err, where);
  console.error(title, err);
  dialog.showErrorBox(title, message);
}

export function showErrorBox(title: string, message: string): void {
  dialog.showErrorBox(title, message);
}

/** Where to save a backup copy: the save dialog over the window, starting in 文档; null when cancelled. */
export async function chooseBackupCopyPath(owner: BrowserWindow | null, defaultName: string): Promise<string | null> {
  const options = {
    title: '备份另存为',
    defaultPath: path.join(app.getPath('documents'), defaultName),
    filters: [{ name: 'CadreCare 备份', extensions: ['sqlite'] }],
  };
  const chosen = owner && !owner.isDestroyed() ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
  return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
}
