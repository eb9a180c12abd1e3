/** Handlers of the channels in shared/contracts/backup.ts. */
import type { HandlerCtx, HandlersOf } from '../../handlerContext';
import { actorOf } from '../../handlerContext';
import type { backupChannels } from '../../../shared/contracts/backup';
import { createBackup, listBackups, type ProgressSink } from '../../db/backup';
import { backupFolder, restoreNamedBackup, saveBackupCopy } from './backup';

/** The task's progress and cancel signal, as the backup mechanism takes them. */
const sinkOf = (ctx: HandlerCtx): ProgressSink => ({ progress: ctx.task?.progress, signal: ctx.task?.signal });

export const backupHandlers: HandlersOf<keyof typeof backupChannels> = {
  'backup.list': (ctx) => listBackups(ctx.app.dataDir),
  'backup.create': (ctx) => createBackup(ctx.app, 'manual', sinkOf(ctx), actorOf(ctx)),
  'backup.folder': (ctx) => backupFolder(ctx.app),
  'backup.saveCopy': (ctx, input) => saveBackupCopy(ctx.app, input.name, actorOf(ctx)),
  'backup.restore': (ctx, input) => restoreNamedBackup(ctx.app, input.name, sinkOf(ctx), actorOf(ctx)),
};
