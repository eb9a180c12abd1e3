/**
 * Packets: key cards, the manifest and trailer of a packet, and what the packets,
 * keys and conflicts channels take and give. The format itself is described in main/services/packets/format.ts.
 */
import { z } from 'zod';
import { OFFICE_MODES } from './office';

export const PACKET_KINDS = ['full', 'incremental', 'transfer', 'backup', 'receipt'] as const;
export type PacketKind = (typeof PACKET_KINDS)[number];

/** Kinds a person asks for; receipts are made by imports. */
export const EXPORT_KINDS = ['full', 'incremental', 'transfer', 'backup'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const PACKET_FORMAT = 'cadrecare-packet';
export const PACKET_FORMAT_VERSION = 1;
export const KEY_CARD_TYPE = 'cadrecare-key-card';

const uuid = z.string().uuid();
const isoTime = z.string().min(10).max(40);
/** Ed25519 public key: base64 of its 32 raw bytes. */
export const signingKeySchema = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);
/** An age X25519 recipient (bech32, lower case). */
export const ageRecipientSchema = z.string().regex(/^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/);
/** SHA-256 as 64 lower-case hex digits. */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** What an office tells others about itself: exchanged once, on file or on paper. */
export const keyCardSchema = z
  .object({
    type: z.literal(KEY_CARD_TYPE),
    version: z.literal(1),
    officeId: uuid,
    name: z.string().min(1).max(60),
    areaCode: z.string().regex(/^\d{12}$/),
    mode: z.enum(OFFICE_MODES),
    ageRecipient: ageRecipientSchema,
    signingKey: signingKeySchema,
    created: isoTime,
  })
  .strict();
export type KeyCard = z.infer<typeof keyCardSchema>;

/** The key card file: the card and, for people reading it, its fingerprint (recomputed on import). */
export const keyCardFileSchema = keyCardSchema.extend({ fingerprint: z.string().max(100).optional() }).strict();

const officeRef = z.object({
  officeId: uuid,
  name: z.string().max(60),
  areaCode: z.string().max(12),
});

export const manifestSchema = z
  .object({
    format: z.literal(PACKET_FORMAT),
    formatVersion: z.number().int().min(1),
    /** PRAGMA user_version of the sender's database. */
    schemaVersion: z.number().int().min(0),
    appVersion: z.string().max(40),
    packetId: uuid,
    kind: z.enum(PACKET_KINDS),
    created: isoTime,
    sender: officeRef.extend({
      mode: z.enum(OFFICE_MODES),
      signingKey: signingKeySchema,
      /** Fingerprint of the sender's key card that carries signingKey (hex). */
      keyFingerprint: sha256HexSchema,
    }),
    /** The offices it is for; empty for a passphrase backup, which is for whoever knows the passphrase. */
    recipients: z.array(officeRef).max(50),
    encryption: z.enum(['recipients', 'passphrase']),
    /** Incremental packets: the packet this one continues from (its rows changed since). */
    base: z.object({ packetId: uuid, created: isoTime, acknowledged: z.boolean() }).nullable(),
    /** Transfers: the persons moving. */
    persons: z.array(uuid).max(10_000).optional(),
    /** Receipts: the packet acknowledged. */
    receipt: z
      .object({
        packetId: uuid,
        sha256: sha256HexSchema,
        kind: z.enum(PACKET_KINDS),
        importedAt: isoTime,
        totals: z.object({ inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), conflicts: z.number().int() }),
      })
      .optional(),
    /** Rows per table, in the order they follow. */
    counts: z.record(z.string().regex(/^[a-z_][a-z0-9_]*$/), z.number().int().min(0)),
  })
  .strip();
export type Manifest = z.infer<typeof manifestSchema>;

export const trailerSchema = z
  .object({
    trailer: z.object({
      sha256: z.string(),
      /** Checked exactly by the reader (any other value, or none, is refused), so any value parses here. */
      algorithm: z.unknown().optional(),
      signature: z.string().optional(),
    }),
  })
  .strip();

// ---- channels -------------------------------------------------------------------------------

/** File names of the packets folder (data folder/packets/in, /out): no paths. */
export const packetFileNameSchema = z
  .string()
  .min(1)
  .max(160)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);

/** Largest piece of a file one packets.upload / packets.download call carries: 4 MiB. */
export const PACKET_CHUNK_BYTES = 4 * 1024 * 1024;

export const keyInfoSchema = z.object({
  signingKey: z.string(),
  ageRecipient: z.string(),
  fingerprint: z.string(),
  fingerprintGroups: z.string(),
  created: z.string(),
  replacedAt: z.string().nullable(),
});
export type KeyInfo = z.infer<typeof keyInfoSchema>;

export const keyCardViewSchema = z.object({
  card: keyCardSchema,
  fingerprint: z.string(),
  /** 3F2A-91C0-…: the first 128 bits in groups of four, for comparing by eye or on the phone. */
  fingerprintGroups: z.string(),
  fileName: z.string(),
  /** The card file's content (JSON). */
  json: z.string(),
});
export type KeyCardView = z.infer<typeof keyCardViewSchema>;

export const trustedOfficeSchema = z.object({
  officeId: z.string(),
  name: z.string(),
  areaCode: z.string(),
  mode: z.enum(OFFICE_MODES),
  fingerprint: z.string(),
  fingerprintGroups: z.string(),
  trustedBy: z.string(),
  trustedAt: z.string(),
  updatedAt: z.string(),
  keys: z.array(keyInfoSchema),
});
export type TrustedOffice = z.infer<typeof trustedOfficeSchema>;

export const tableReportSchema = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  conflicts: z.number().int(),
});
export type TableReport = z.infer<typeof tableReportSchema>;

export const importReportSchema = z.object({
  tables: z.record(z.string(), tableReportSchema),
  totals: tableReportSchema,
  /** References to records of the sending office that do not exist here, cleared on a transfer: "persons.grid_id": 2. */
  clearedReferences: z.record(z.string(), z.number().int()),
  /** Conflicts held earlier for a missing reference that this packet let in. */
  retried: z.number().int(),
  /** Receipts: the packet acknowledged, and the persons marked moved out for a transfer. */
  acknowledged: z.string().nullable(),
  movedOut: z.array(z.string()),
  backup: z.string().nullable(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

const peerSchema = z.object({ officeId: z.string(), name: z.string(), areaCode: z.string() });

export const exportInputSchema = z
  .object({
    kind: z.enum(EXPORT_KINDS),
    /** Office id of a trusted office (full, incremental, transfer). */
    to: uuid.optional(),
    persons: z.array(uuid).min(1).max(10_000).optional(),
    /** Backups (and hand-carried transfers): encrypt to this passphrase instead of the recipient's key. */
    passphrase: z.string().min(12, { message: 'passphrase.short' }).max(200).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === 'backup' && !v.passphrase) ctx.addIssue({ code: 'custom', path: ['passphrase'], message: 'passphrase.required' });
    if (v.kind !== 'backup' && !v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'packet.recipientRequired' });
    if (v.kind === 'transfer' && !v.persons) ctx.addIssue({ code: 'custom', path: ['persons'], message: 'packet.personsRequired' });
    if (v.kind !== 'transfer' && v.persons) ctx.addIssue({ code: 'custom', path: ['persons'], message: 'packet.personsOnlyForTransfer' });
  });
export type ExportInput = z.infer<typeof exportInputSchema>;

export const exportResultSchema = z.object({
  packetId: z.string(),
  kind: z.enum(PACKET_KINDS),
  requestedKind: z.enum(EXPORT_KINDS),
  fileName: z.string(),
  path: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  recipient: peerSchema.nullable(),
  counts: z.record(z.string(), z.number().int()),
  total: z.number().int(),
  base: z.object({ packetId: z.string(), created: z.string(), acknowledged: z.boolean() }).nullable(),
  /** Why the packet is not cut from an acknowledged packet: 'first' (none sent: full) or 'unacknowledged' (no receipt yet). */
  baseNote: z.enum(['first', 'unacknowledged']).nullable(),
});
export type ExportResult = z.infer<typeof exportResultSchema>;

export const packetSummarySchema = z.object({
  packetId: z.string(),
  kind: z.enum(PACKET_KINDS),
  created: z.string(),
  schemaVersion: z.number().int(),
  sender: z.object({ officeId: z.string(), name: z.string(), areaCode: z.string(), mode: z.enum(OFFICE_MODES) }),
  recipients: z.array(peerSchema),
  encryption: z.enum(['recipients', 'passphrase']),
  counts: z.record(z.string(), z.number().int()),
  total: z.number().int(),
  persons: z.array(z.string()),
  base: z.object({ packetId: z.string(), created: z.string(), acknowledged: z.boolean() }).nullable(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
});
export type PacketSummary = z.infer<typeof packetSummarySchema>;

export const inspectResultSchema = packetSummarySchema.extend({
  senderTrusted: z.boolean(),
  addressedHere: z.boolean(),
  alreadyImported: z.boolean(),
  newerSchema: z.boolean(),
  /** The error an import would stop with now, or null when it would go ahead. */
  wouldFail: z.string().nullable(),
});
export type InspectResult = z.infer<typeof inspectResultSchema>;

export const importResultSchema = z.object({
  fileName: z.string(),
  summary: packetSummarySchema,
  report: importReportSchema,
  /** The signed receipt for the sender, in the outbox (null for backups, receipts and own packets). */
  receipt: z.object({ fileName: z.string(), path: z.string(), packetId: z.string() }).nullable(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const packetLogEntrySchema = z.object({
  packetId: z.string(),
  direction: z.enum(['in', 'out']),
  kind: z.enum(PACKET_KINDS),
  peerOfficeId: z.string().nullable(),
  peerName: z.string(),
  created: z.string(),
  loggedAt: z.string(),
  username: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  fileName: z.string(),
  counts: z.record(z.string(), z.number().int()),
  report: z.record(z.string(), z.unknown()),
  basePacketId: z.string().nullable(),
  ackedAt: z.string().nullable(),
});
export type PacketLogEntry = z.infer<typeof packetLogEntrySchema>;

export const packetFileSchema = z.object({ fileName: z.string(), box: z.enum(['in', 'out']), sizeBytes: z.number().int(), modifiedAt: z.string() });

export const CONFLICT_KINDS = ['concurrent', 'unique', 'reference'] as const;
export const CONFLICT_RESOLUTIONS = ['local', 'remote', 'merge', 'superseded'] as const;

export const conflictSchema = z.object({
  id: z.string(),
  table: z.string(),
  rowId: z.string(),
  kind: z.enum(CONFLICT_KINDS),
  /** A person's name, when the record is a person's or belongs to one. */
  label: z.string(),
  personId: z.string().nullable(),
  local: z.record(z.string(), z.unknown()).nullable(),
  remote: z.record(z.string(), z.unknown()),
  /** Columns whose values differ (sync metadata aside). */
  differing: z.array(z.string()),
  packetId: z.string().nullable(),
  senderOfficeId: z.string().nullable(),
  senderName: z.string(),
  detail: z.string(),
  detectedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.enum(CONFLICT_RESOLUTIONS).nullable(),
});
export type Conflict = z.infer<typeof conflictSchema>;

export const resolveConflictSchema = z
  .object({
    id: uuid,
    choice: z.enum(['local', 'remote', 'merge']),
    /** For 'merge': which side each differing column takes (columns left out keep the local value). */
    fields: z.record(z.string().regex(/^[a-z_][a-z0-9_]*$/), z.enum(['local', 'remote'])).optional(),
  })
  .strict();
export type ResolveConflictInput = z.infer<typeof resolveConflictSchema>;
