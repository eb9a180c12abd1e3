/** Handlers of the channels in shared/contracts/roster.ts. */
import type { HandlerCtx, HandlersOf } from '../../handlerContext';
import { writeContextOf } from '../../handlerContext';
import type { rosterChannels } from '../../../shared/contracts/roster';
import { toDateString } from '../../../shared/dates';
import { scopeOf } from '../scope';
import { rosterSessionsOf } from './session';
import { commitUpload, parseUpload, previewUpload, type UploadSlot } from './uploads';
import { templateFile } from './template';
import { exportRosterFile } from './export';

/** Uploads belong to the client session that made them. */
const slotOf = (ctx: HandlerCtx): UploadSlot => ({ sessions: rosterSessionsOf(ctx.app), owner: ctx.session.id, now: ctx.now.getTime() });

export const rosterHandlers: HandlersOf<keyof typeof rosterChannels> = {
  'roster.template': () => templateFile(),

  'roster.parse': (ctx, input) => parseUpload(ctx.db, slotOf(ctx), input, ctx.task),

  'roster.preview': (ctx, input) => previewUpload(ctx.db, slotOf(ctx), input, ctx.task),

  'roster.commit': (ctx, input) => commitUpload(ctx.db, ctx.app.writeGate, writeContextOf(ctx), slotOf(ctx), input, ctx.task),

  'roster.export': (ctx, input) => exportRosterFile(ctx.db, input, toDateString(ctx.now), scopeOf(ctx.db, ctx.user), ctx.task),
};
