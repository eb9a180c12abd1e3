/**
 * Dialogs of the shell. Only plain, blocking error boxes for now: they work before any window
 * exists, which is when the database fails to open.
 */
import { dialog } from 'electron';
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
