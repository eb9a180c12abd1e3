/** Handlers of the channels in shared/contracts/packets.ts. */
import type { HandlersOf, HandlerCtx } from '../../handlerContext';
import { actorOf, requireUser, writeContextOf } from '../../handlerContext';
import type { Actor } from '../../db/audit';
import type { packetChannels } from '../../../shared/contracts/packets';
import { countOpenConflicts, listConflicts, resolveConflict } from './conflicts';
import { exportPacket } from './export';
import { downloadChunk, listBox, uploadChunk } from './files';
import { importInboxPacket, importInboxPackets, inspectInboxPacket } from './import';
import { listLog } from './log';
import { undoImport } from './undo';
import { exportOfficeIdentity, inspectCard, listKeys, ownKeyCard, rotateOfficeKeys, trustCardText } from './officeKeys';

/** Packets made or imported name the person who did it, never the system. */
function userActorOf(ctx: HandlerCtx): Actor {
  requireUser(ctx);
  return actorOf(ctx);
}

/** The task's cancel signal and progress, for the long packet work. */
function taskSink(ctx: HandlerCtx) {
  return { signal: ctx.task?.signal, progress: ctx.task ? (d: number, t: number, stage: string) => ctx.task?.progress(d, t, stage) : undefined };
}

export const packetHandlers: HandlersOf<keyof typeof packetChannels> = {
  'keys.card': (ctx) => ownKeyCard(ctx.db, ctx.app.dataDir, ctx.now),
  'keys.list': (ctx) => listKeys(ctx.db, ctx.app.dataDir, ctx.now),
  'keys.inspectCard': (ctx, input) => inspectCard(ctx.db, input.card),
  'keys.trust': (ctx, input) => trustCardText(ctx.db, input.card, input.fingerprint, actorOf(ctx), ctx.now.toISOString()),
  'keys.rotate': (ctx) => rotateOfficeKeys(ctx.db, ctx.app.dataDir, actorOf(ctx), ctx.now),
  'keys.exportIdentity': (ctx) => exportOfficeIdentity(ctx.db, ctx.app.dataDir, actorOf(ctx), ctx.now),
  'packets.upload': (ctx, input) => uploadChunk(ctx.app.dataDir, input.fileName, input.offset, input.base64),
  'packets.download': (ctx, input) => downloadChunk(ctx.app.dataDir, input.fileName, input.offset),
  'packets.files': (ctx, input) => listBox(ctx.app.dataDir, input.box),
  'packets.inspect': (ctx, input) => inspectInboxPacket(ctx.app, input.fileName, { passphrase: input.passphrase, ...taskSink(ctx) }),
  'packets.export': (ctx, input) => exportPacket(ctx.app, { ...input, actor: userActorOf(ctx), ...taskSink(ctx) }),
  'packets.import': (ctx, input) =>
    importInboxPacket(ctx.app, input.fileName, { passphrase: input.passphrase, receipt: input.receipt, actor: userActorOf(ctx), ...taskSink(ctx) }),
  'packets.importBatch': (ctx, input) => importInboxPackets(ctx.app, input.files, { receipt: input.receipt, actor: userActorOf(ctx), ...taskSink(ctx) }),
  'packets.undoImport': (ctx, input) => undoImport(ctx.db, userActorOf(ctx), ctx.now.toISOString(), input.packetId),
  'packets.log': (ctx, input) => listLog(ctx.db, input),
  'conflicts.list': (ctx, input) => listConflicts(ctx.db, input),
  'conflicts.resolve': (ctx, input) => resolveConflict(ctx.db, writeContextOf(ctx), input),
  'conflicts.count': (ctx) => ({ open: countOpenConflicts(ctx.db) }),
};
