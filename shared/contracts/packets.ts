/**
 * Channels of packets: this office's keys and the trust list (keys.*), encrypted signed packets between
 * offices and the bureau (packets.*), and the conflicts their imports leave (conflicts.*). Spread into
 * the one contract by shared/contract.ts; handlers live in main/services/packets/handlers.ts.
 * Admins manage keys and the trust list; staff and admins export, import and resolve. Files cross by
 * name: packets/in and packets/out of the data folder, uploaded and downloaded in pieces of at most
 * 4 MiB (main/services/packets/files.ts).
 */
import { z } from 'zod';
import { channel, empty, type ChannelDef } from '../channel';
import { ADMIN_ONLY, READERS, WRITERS } from '../roles';
import {
  conflictSchema,
  exportInputSchema,
  exportResultSchema,
  importBatchInputSchema,
  importBatchResultSchema,
  importResultSchema,
  inspectResultSchema,
  keyCardSchema,
  keyCardViewSchema,
  keyInfoSchema,
  PACKET_CHUNK_BYTES,
  packetFileNameSchema,
  packetFileSchema,
  packetLogEntrySchema,
  resolveConflictSchema,
  trustedOfficeSchema,
  undoImportInputSchema,
  undoImportResultSchema,
} from '../schemas/packets';

export const packetChannels = {
  'keys.card': channel({ input: empty, output: keyCardViewSchema, access: WRITERS, kind: 'read' }),
  'keys.list': channel({
    input: empty,
    output: z.object({ own: keyCardViewSchema.extend({ retired: z.array(keyInfoSchema) }), trusted: z.array(trustedOfficeSchema) }),
    access: WRITERS,
    kind: 'read',
  }),
  /** What a key card file says and its fingerprint, for the person to compare before trusting it. */
  'keys.inspectCard': channel({
    input: z.object({ card: z.string().min(2).max(16_384) }).strict(),
    output: z.object({
      card: keyCardSchema,
      fingerprint: z.string(),
      fingerprintGroups: z.string(),
      isOwn: z.boolean(),
      alreadyTrusted: z.boolean(),
      replacesKeys: z.boolean(),
    }),
    access: ADMIN_ONLY,
    kind: 'read',
  }),
  /** Trusts the card once the person confirmed its fingerprint (at least the eight groups). */
  'keys.trust': channel({
    input: z.object({ card: z.string().min(2).max(16_384), fingerprint: z.string().min(32).max(200) }).strict(),
    output: trustedOfficeSchema,
    access: ADMIN_ONLY,
    kind: 'write',
  }),
  'keys.rotate': channel({ input: empty, output: keyCardViewSchema, access: ADMIN_ONLY, kind: 'write' }),
  /** The secret age identity as a standard identity file (age -d -i FILE reads packets with it). */
  'keys.exportIdentity': channel({
    input: empty,
    output: z.object({ fileName: z.string(), text: z.string(), recipient: z.string() }),
    access: ADMIN_ONLY,
    kind: 'write',
  }),
  'packets.upload': channel({
    input: z
      .object({
        fileName: packetFileNameSchema,
        offset: z.number().int().min(0),
        base64: z.string().max(Math.ceil(PACKET_CHUNK_BYTES / 3) * 4),
      })
      .strict(),
    output: z.object({ fileName: z.string(), sizeBytes: z.number().int() }),
    access: WRITERS,
    kind: 'read',
  }),
  'packets.download': channel({
    input: z.object({ fileName: packetFileNameSchema, offset: z.number().int().min(0).default(0) }).strict(),
    output: z.object({ base64: z.string(), offset: z.number().int(), sizeBytes: z.number().int(), done: z.boolean() }),
    access: WRITERS,
    kind: 'read',
  }),
  'packets.files': channel({
    input: z.object({ box: z.enum(['in', 'out']) }).strict(),
    output: z.array(packetFileSchema),
    access: WRITERS,
    kind: 'read',
  }),
  /** Decrypts and verifies an uploaded packet and says what it is, without importing it. */
  'packets.inspect': channel({
    input: z.object({ fileName: packetFileNameSchema, passphrase: z.string().min(1).max(200).optional() }).strict(),
    output: inspectResultSchema,
    access: WRITERS,
    kind: 'task',
  }),
  'packets.export': channel({ input: exportInputSchema, output: exportResultSchema, access: WRITERS, kind: 'task' }),
  /**
   * Imports one uploaded packet (one transaction; a full packet or a backup after a safety copy of the
   * database); a receipt for the sender goes to packets/out.
   */
  'packets.import': channel({
    input: z
      .object({ fileName: packetFileNameSchema, passphrase: z.string().min(1).max(200).optional(), receipt: z.boolean().default(true) })
      .strict(),
    output: importResultSchema,
    access: WRITERS,
    kind: 'task',
  }),
  /**
   * Imports several uploaded packets as one command: one safety copy for all of them. A refused packet
   * is reported and the next one tried; a full disk stops the batch after the last whole packet.
   */
  'packets.importBatch': channel({ input: importBatchInputSchema, output: importBatchResultSchema, access: WRITERS, kind: 'task' }),
  /** 撤销这次导入: takes back what an imported packet did, or refuses naming the rows changed since. */
  'packets.undoImport': channel({ input: undoImportInputSchema, output: undoImportResultSchema, access: WRITERS, kind: 'write' }),
  'packets.log': channel({
    input: z
      .object({
        direction: z.enum(['in', 'out']).optional(),
        peerOfficeId: z.string().uuid().optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ total: z.number().int(), capped: z.boolean(), entries: z.array(packetLogEntrySchema) }),
    access: WRITERS,
    kind: 'read',
  }),
  'conflicts.list': channel({
    input: z
      .object({
        status: z.enum(['open', 'resolved', 'all']).default('open'),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ total: z.number().int(), capped: z.boolean(), rows: z.array(conflictSchema) }),
    access: WRITERS,
    kind: 'read',
  }),
  'conflicts.resolve': channel({
    input: resolveConflictSchema,
    output: z.object({ version: z.string().nullable(), retried: z.number().int() }),
    access: WRITERS,
    kind: 'write',
  }),
  /** Unresolved conflicts, for the home screen (grid workers neither see nor resolve them). */
  'conflicts.count': channel({ input: empty, output: z.object({ open: z.number().int() }), access: READERS, kind: 'read' }),
} as const satisfies Record<string, ChannelDef>;
