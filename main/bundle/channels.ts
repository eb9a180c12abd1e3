/** The keys.*, packets.* and conflicts.* channels over the bundle modules (handlers.ts calls these). */
import type { ChannelOutput, ChannelParsedInput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { KeyCardView, KeyInfo } from '../../shared/schemas/packets';
import { actorOf, requireUser, writeContextOf, type HandlerCtx } from '../handlerContext';
import { writeAudit } from '../db/audit';
import { getOffice } from '../services/app/office';
import type { Office } from '../../shared/schemas/office';
import { countOpenConflicts, listConflicts, resolveConflict } from './conflicts';
import { exportPacket } from './export';
import { downloadChunk, existingBoxFile, listBox, uploadChunk } from './files';
import { importPacket, inspectPacket } from './import';
import {
  ageIdentityFileText,
  cardFileName,
  cardFileText,
  cardFingerprint,
  ensureIdentity,
  fingerprintGroups,
  keyCardOf,
  parseCardText,
  retiredIdentities,
  rotateIdentity,
  type OwnIdentity,
} from './keys';
import { listLog } from './log';
import { checkCard, listTrusted, trustCard } from './trust';

function office(ctx: HandlerCtx): Office {
  const o = getOffice(ctx.db);
  if (!o) throw new AppError('SETUP_REQUIRED', 'The office has not been set up yet.');
  return o;
}

export function cardView(o: Office, identity: OwnIdentity): KeyCardView {
  const card = keyCardOf(o, identity);
  const fingerprint = cardFingerprint(card);
  return { card, fingerprint, fingerprintGroups: fingerprintGroups(fingerprint), fileName: cardFileName(card), json: cardFileText(card) };
}

function ownKeyInfo(o: Office, identity: OwnIdentity): KeyInfo {
  const fp = cardFingerprint(keyCardOf(o, identity));
  return {
    signingKey: identity.signingKey,
    ageRecipient: identity.ageRecipient,
    fingerprint: fp,
    fingerprintGroups: fingerprintGroups(fp),
    created: identity.created,
    replacedAt: identity.retiredAt,
  };
}

/** Creates the office's identity at setup (files in the data folder; nothing in the database). */
export function ensureOfficeIdentity(ctx: HandlerCtx): void {
  ensureIdentity(ctx.app.dataDir, ctx.now);
}

export function keysCard(ctx: HandlerCtx): ChannelOutput<'keys.card'> {
  return cardView(office(ctx), ensureIdentity(ctx.app.dataDir, ctx.now));
}

export function keysList(ctx: HandlerCtx): ChannelOutput<'keys.list'> {
  const o = office(ctx);
  const current = ensureIdentity(ctx.app.dataDir, ctx.now);
  return {
    own: { ...cardView(o, current), retired: retiredIdentities(ctx.app.dataDir).map((i) => ownKeyInfo(o, i)) },
    trusted: listTrusted(ctx.db),
  };
}

export function keysInspectCard(ctx: HandlerCtx, input: ChannelParsedInput<'keys.inspectCard'>): ChannelOutput<'keys.inspectCard'> {
  const card = parseCardText(input.card);
  const check = checkCard(ctx.db, card);
  return {
    card,
    fingerprint: check.fingerprint,
    fingerprintGroups: fingerprintGroups(check.fingerprint),
    isOwn: card.officeId === office(ctx).id,
    alreadyTrusted: check.alreadyTrusted,
    replacesKeys: check.replacesKeys,
  };
}

export function keysTrust(ctx: HandlerCtx, input: ChannelParsedInput<'keys.trust'>): ChannelOutput<'keys.trust'> {
  const card = parseCardText(input.card);
  return trustCard(ctx.db, card, input.fingerprint, office(ctx).id, actorOf(ctx), ctx.now.toISOString());
}

export function keysRotate(ctx: HandlerCtx): ChannelOutput<'keys.rotate'> {
  const o = office(ctx);
  const { current, retired } = rotateIdentity(ctx.app.dataDir, ctx.now);
  writeAudit(ctx.db, actorOf(ctx), ctx.now.toISOString(), {
    entity: 'office_keys',
    entityId: o.id,
    action: 'update',
    changes: { fingerprint: [ownKeyInfo(o, retired).fingerprintGroups, cardView(o, current).fingerprintGroups] },
  });
  return cardView(o, current);
}

export function keysExportIdentity(ctx: HandlerCtx): ChannelOutput<'keys.exportIdentity'> {
  const o = office(ctx);
  const identity = ensureIdentity(ctx.app.dataDir, ctx.now);
  writeAudit(ctx.db, actorOf(ctx), ctx.now.toISOString(), {
    entity: 'office_identity',
    entityId: o.id,
    action: 'backup',
    changes: { recipient: identity.ageRecipient },
  });
  return { fileName: `cadrecare-identity-${o.areaCode}.txt`, text: ageIdentityFileText(identity, o), recipient: identity.ageRecipient };
}

export function packetsUpload(ctx: HandlerCtx, input: ChannelParsedInput<'packets.upload'>): ChannelOutput<'packets.upload'> {
  return uploadChunk(ctx.app.dataDir, input.fileName, input.offset, input.base64);
}

export function packetsDownload(ctx: HandlerCtx, input: ChannelParsedInput<'packets.download'>): ChannelOutput<'packets.download'> {
  return downloadChunk(ctx.app.dataDir, input.fileName, input.offset);
}

export function packetsFiles(ctx: HandlerCtx, input: ChannelParsedInput<'packets.files'>): ChannelOutput<'packets.files'> {
  return listBox(ctx.app.dataDir, input.box);
}

function taskSink(ctx: HandlerCtx) {
  return { signal: ctx.task?.signal, progress: ctx.task ? (d: number, t: number, stage: string) => ctx.task?.progress(d, t, stage) : undefined };
}

export function packetsInspect(ctx: HandlerCtx, input: ChannelParsedInput<'packets.inspect'>): Promise<ChannelOutput<'packets.inspect'>> {
  return inspectPacket(ctx.app, existingBoxFile(ctx.app.dataDir, 'in', input.fileName), { passphrase: input.passphrase, ...taskSink(ctx) });
}

export function packetsImport(ctx: HandlerCtx, input: ChannelParsedInput<'packets.import'>): Promise<ChannelOutput<'packets.import'>> {
  requireUser(ctx);
  return importPacket(ctx.app, existingBoxFile(ctx.app.dataDir, 'in', input.fileName), {
    passphrase: input.passphrase,
    receipt: input.receipt,
    actor: actorOf(ctx),
    ...taskSink(ctx),
  });
}

export function packetsExport(ctx: HandlerCtx, input: ChannelParsedInput<'packets.export'>): Promise<ChannelOutput<'packets.export'>> {
  requireUser(ctx);
  return exportPacket(ctx.app, { ...input, actor: actorOf(ctx), ...taskSink(ctx) });
}

export function packetsLog(ctx: HandlerCtx, input: ChannelParsedInput<'packets.log'>): ChannelOutput<'packets.log'> {
  return listLog(ctx.db, input);
}

export function conflictsList(ctx: HandlerCtx, input: ChannelParsedInput<'conflicts.list'>): ChannelOutput<'conflicts.list'> {
  return listConflicts(ctx.db, input);
}

export function conflictsResolve(ctx: HandlerCtx, input: ChannelParsedInput<'conflicts.resolve'>): ChannelOutput<'conflicts.resolve'> {
  return resolveConflict(ctx.db, writeContextOf(ctx), input);
}

export function conflictsCount(ctx: HandlerCtx): ChannelOutput<'conflicts.count'> {
  return { open: countOpenConflicts(ctx.db) };
}
