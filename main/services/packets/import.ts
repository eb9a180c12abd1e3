/**
 * Importing a packet, in this order (each failure its own error code, the database untouched):
 *
 *   1. decrypt with this office's identities (or the passphrase), gunzip, split the lines, copying
 *      the records to a temporary file (streamed: memory stays flat);
 *   2. verify the trailer: the SHA-256 of everything before it, then the Ed25519 signature, with the
 *      key the manifest names;
 *   3. the sender must be on the trust list with that key (or be this office itself);
 *   4. the schema version must not be newer than this app's;
 *   5. the packet must be addressed to this office;
 *   6. it must not have been imported before;
 *   7. (receipts) it must acknowledge a packet this office sent to that sender;
 * then an automatic backup, and the merge in ONE synchronous transaction read from the temporary
 * file (merge.ts). The backup comes after the checks so that a refused packet leaves no trace.
 * Afterwards a signed receipt for the sender is written to the outbox.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { AppContext } from '../../context';
import { writeAudit, type Actor } from '../../db/audit';
import { createBackup } from '../../db/backup';
import { schemaVersionOf } from '../../db/migrate';
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { getOffice } from '../app/office';
import { changeStatus } from '../persons/persons';
import { AppError } from '../../../shared/errors';
import { toDateString } from '../../../shared/dates';
import type { Office } from '../../../shared/schemas/office';
import {
  PACKET_FORMAT,
  PACKET_FORMAT_VERSION,
  type ImportReport,
  type ImportResult,
  type InspectResult,
  type Manifest,
  type PacketSummary,
} from '../../../shared/schemas/packets';
import { boxPath, existingBoxFile, packetFileName, removeStaleTmp, tmpFile } from './files';
import { cardFingerprint, fingerprintGroups, keyCardOf, signingKeyId, type OwnIdentity } from './keys';
import { officeIdentities } from './ownIdentity';
import { getLogRow, logPacket } from './log';
import { Merger, parseVersionOf } from './merge';
import { decodeRow, invalidRecord } from './format';
import { readPacket, type VerifiedPacket } from './reader';
import { ensureChangeTracking, tableMap, type TableMeta } from './tables';
import { OwnershipRules } from './ownership';
import { getTrustedPeer, trustedKey } from './trust';
import { writePacket } from './writer';

export interface ReadPacketOptions {
  passphrase?: string | undefined;
  signal?: AbortSignal | undefined;
  progress?: ((done: number, total: number, stage: string) => void) | undefined;
}

export interface ImportOptions extends ReadPacketOptions {
  actor: Actor;
  /** Write a receipt for the sender (default true; never for backups, receipts or own packets). */
  receipt?: boolean | undefined;
  /** Where the receipt goes: a folder; the outbox when left out. */
  receiptDir?: string | undefined;
  /** Name kept in the log (defaults to the file's name). */
  fileName?: string | undefined;
}

function requireOffice(db: Db): Office {
  const office = getOffice(db);
  if (!office) throw new AppError('SETUP_REQUIRED', 'The office has not been set up yet.');
  return office;
}

export function summaryOf(v: VerifiedPacket): PacketSummary {
  const m = v.manifest;
  return {
    packetId: m.packetId,
    kind: m.kind,
    created: m.created,
    schemaVersion: m.schemaVersion,
    sender: { officeId: m.sender.officeId, name: m.sender.name, areaCode: m.sender.areaCode, mode: m.sender.mode },
    recipients: m.recipients,
    encryption: m.encryption,
    counts: m.counts,
    total: v.records,
    persons: m.persons ?? [],
    base: m.base,
    sha256: v.sha256,
    sizeBytes: v.sizeBytes,
  };
}

/** Checks 3–7 above, against the database as it is now; the first that fails, or null. */
export function checkPacket(db: Db, office: Office, own: readonly OwnIdentity[], v: VerifiedPacket): AppError | null {
  const m = v.manifest;
  const sender = m.sender;
  if (sender.officeId === office.id) {
    if (!own.some((i) => i.signingKey === sender.signingKey)) return unknownSender(m, true, 'own-key');
  } else {
    const key = trustedKey(db, sender.officeId, sender.signingKey);
    if (!key) return unknownSender(m, getTrustedPeer(db, sender.officeId) !== null, 'key');
    if (key.replacedAt !== null && m.created > key.replacedAt) return unknownSender(m, true, 'replaced-key');
  }
  const ours = schemaVersionOf(db);
  if (m.schemaVersion > ours) {
    return new AppError('PACKET_FROM_NEWER_VERSION', `The packet comes from a newer version of the app (schema ${m.schemaVersion}; this app knows ${ours}). Install the newer version first.`, {
      packetVersion: m.schemaVersion,
      appVersion: ours,
    });
  }
  if (m.recipients.length === 0 ? m.encryption !== 'passphrase' : !m.recipients.some((r) => r.officeId === office.id)) {
    return new AppError('NOT_FOR_THIS_OFFICE', `The packet is addressed to ${m.recipients.map((r) => r.name).join('、') || 'no office'}, not to this office.`, {
      reason: 'manifest',
      recipients: m.recipients.map((r) => r.name),
    });
  }
  const seen = getLogRow(db, m.packetId, 'in');
  if (seen) {
    return new AppError('PACKET_ALREADY_IMPORTED', 'This packet has already been imported; it was skipped.', { importedAt: seen.logged_at, by: seen.username, packetId: m.packetId });
  }
  const tables = tableMap(db);
  for (const [table, n] of Object.entries(m.counts)) {
    if (n > 0 && !tables.has(table)) return new AppError('PACKET_INVALID', `The packet holds records of ${table}, which this app does not synchronise.`, { reason: 'unknown-table', table });
  }
  if (m.kind === 'transfer' && !m.persons) return new AppError('PACKET_INVALID', 'The transfer names no persons.', { reason: 'manifest' });
  if (m.kind === 'receipt') {
    const r = m.receipt;
    if (!r) return new AppError('PACKET_INVALID', 'The receipt names no packet.', { reason: 'manifest' });
    const out = getLogRow(db, r.packetId, 'out');
    if (!out || out.peer_office_id !== sender.officeId || out.sha256 !== r.sha256) {
      return new AppError('RECEIPT_FOR_UNKNOWN_PACKET', 'The receipt acknowledges a packet this office did not send to that office.', { packetId: r.packetId });
    }
  }
  return null;
}

function unknownSender(m: Manifest, knownOffice: boolean, reason: string): AppError {
  return new AppError(
    'UNKNOWN_SENDER',
    knownOffice
      ? `The packet is signed with a key of ${m.sender.name} this office does not know: import its new key card first.`
      : `${m.sender.name} is not on the trust list: import its key card (and compare the fingerprint) first.`,
    {
      reason,
      officeId: m.sender.officeId,
      name: m.sender.name,
      areaCode: m.sender.areaCode,
      knownOffice,
      keyId: signingKeyId(m.sender.signingKey),
      cardFingerprint: fingerprintGroups(m.sender.keyFingerprint),
      offer: 'keys.trust',
    },
  );
}

/** Decrypts and verifies a packet and says what it is, without importing it. */
export async function inspectPacket(app: AppContext, file: string, opts: ReadPacketOptions = {}): Promise<InspectResult> {
  const office = requireOffice(app.db);
  const own = officeIdentities(app.db, app.dataDir, app.clock());
  const vetter = new RecordVetter(app.db, office, tableMap(app.db));
  const verified = await readPacket(file, {
    identities: own.map((i) => i.ageIdentity),
    passphrase: opts.passphrase,
    signal: opts.signal,
    progress: opts.progress ? (d, t) => opts.progress?.(d, t, 'progress.packetVerify') : undefined,
    onManifest: vetter.manifest,
    onRecord: vetter.record,
  });
  const problem = checkPacket(app.db, office, own, verified) ?? vetter.problem;
  const m = verified.manifest;
  const trusted = m.sender.officeId === office.id || trustedKey(app.db, m.sender.officeId, m.sender.signingKey) !== null;
  return {
    ...summaryOf(verified),
    senderTrusted: trusted,
    addressedHere: m.recipients.length === 0 || m.recipients.some((r) => r.officeId === office.id),
    alreadyImported: getLogRow(app.db, m.packetId, 'in') !== null,
    newerSchema: m.schemaVersion > schemaVersionOf(app.db),
    wouldFail: problem?.code ?? null,
  };
}

/** inspectPacket of a file uploaded to packets/in, by its name (PACKET_FILE_NOT_FOUND when there is none). */
export function inspectInboxPacket(app: AppContext, fileName: string, opts: ReadPacketOptions = {}): Promise<InspectResult> {
  return inspectPacket(app, existingBoxFile(app.dataDir, 'in', fileName), opts);
}

/**
 * What can be known of a record without writing it: its table is synchronised here, its row has the
 * sync metadata, a version vector and only columns this schema has, and (given the rules of the
 * packet) the sender may write it here. Answers the problem, or null.
 */
export function checkRecord(metas: Map<string, TableMeta>, line: Buffer, table: string, rules: OwnershipRules | null = null): AppError | null {
  try {
    const rec = JSON.parse(line.toString('utf8')) as { table?: unknown; row?: unknown } | null;
    if (rec?.table !== table) return invalidRecord(table, null, 'record is not a {table, row} object');
    const meta = metas.get(table);
    if (!meta) return invalidRecord(table, null, 'not a table this office synchronises');
    const row = decodeRow(table, rec.row);
    for (const key of Object.keys(row)) if (!meta.columnSet.has(key)) return invalidRecord(table, String(row['id']), `unknown column ${key}`);
    parseVersionOf(table, String(row['id']), row['version']);
    return rules ? rules.check(table, row, rules.ownerHere(table, String(row['id']))) : null;
  } catch (err) {
    return err instanceof AppError ? err : invalidRecord(table, null, 'record line is not JSON');
  }
}

/**
 * Checks the records as they stream past, against the rules of the packet (known once its manifest
 * has been read), and keeps the first problem. The problem is reported only after the signature and
 * the sender: an unsigned or foreign packet is refused as such first.
 */
class RecordVetter {
  problem: AppError | null = null;
  private rules: OwnershipRules | null = null;

  constructor(
    private readonly db: Db,
    private readonly office: Office,
    private readonly metas: Map<string, TableMeta>,
  ) {}

  readonly manifest = (m: Manifest): void => {
    this.rules = new OwnershipRules(this.db, this.office, m, this.metas);
  };

  readonly record = (line: Buffer, table: string): void => {
    if (this.problem === null) this.problem = checkRecord(this.metas, line, table, this.rules);
  };
}

/** Calls fn with each line of a file (without its newline); answers the SHA-256 of the whole file. */
export function forEachLineSync(file: string, fn: (line: string) => void): string {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1024 * 1024);
    let carry: Buffer | null = null;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const chunk = buf.subarray(0, n);
      hash.update(chunk);
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(0x0a, start);
        if (nl === -1) break;
        const part = chunk.subarray(start, nl);
        const line: Buffer = carry ? Buffer.concat([carry, part]) : part;
        carry = null;
        fn(line.toString('utf8'));
        start = nl + 1;
      }
      if (start < n) carry = carry ? Buffer.concat([carry, chunk.subarray(start)]) : Buffer.from(chunk.subarray(start));
    }
    if (carry && carry.length > 0) fn(carry.toString('utf8'));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** Buffers record lines into the temporary file. */
class TempWriter {
  private parts: Buffer[] = [];
  private size = 0;
  private readonly fd: number;
  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'w', 0o600);
  }
  add(line: Buffer): void {
    this.parts.push(line, NEWLINE);
    this.size += line.length + 1;
    if (this.size >= 1024 * 1024) this.flush();
  }
  flush(): void {
    if (this.size === 0) return;
    fs.writeSync(this.fd, Buffer.concat(this.parts, this.size));
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    try {
      this.flush();
    } finally {
      fs.closeSync(this.fd);
    }
  }
}
const NEWLINE = Buffer.from('\n');

export async function importPacket(app: AppContext, file: string, opts: ImportOptions): Promise<ImportResult> {
  const office = requireOffice(app.db);
  const own = officeIdentities(app.db, app.dataDir, app.clock());
  removeStaleTmp(app.dataDir);
  const temp = tmpFile(app.dataDir, `${uuidv7()}.jsonl`);
  const progress = opts.progress;
  try {
    const writer = new TempWriter(temp);
    // Records are checked while they stream past, before anything is written (not even the backup).
    const vetter = new RecordVetter(app.db, office, tableMap(app.db));
    let verified: VerifiedPacket;
    try {
      verified = await readPacket(file, {
        identities: own.map((i) => i.ageIdentity),
        passphrase: opts.passphrase,
        signal: opts.signal,
        progress: progress ? (d, t) => progress(d, t, 'progress.packetVerify') : undefined,
        onManifest: vetter.manifest,
        onRecord: (line, table) => {
          writer.add(line);
          vetter.record(line, table);
        },
      });
    } finally {
      writer.close();
    }
    const problem = checkPacket(app.db, office, own, verified) ?? vetter.problem;
    if (problem) throw problem;
    if (opts.signal?.aborted) throw new AppError('CANCELLED', 'The import was cancelled.');

    const backup = await createBackup(app, 'before-import', { signal: opts.signal, progress }, opts.actor);
    if (opts.signal?.aborted) throw new AppError('CANCELLED', 'The import was cancelled.');
    const fileName = opts.fileName ?? path.basename(file);
    // From here on nothing awaits: the merge is one synchronous transaction.
    const report = app.db.transaction(() => applyPacket(app, office, verified, temp, fileName, backup.name, opts.actor, progress)).immediate();

    let receipt: ImportResult['receipt'] = null;
    const m = verified.manifest;
    if (opts.receipt !== false && m.kind !== 'receipt' && m.kind !== 'backup' && m.sender.officeId !== office.id) {
      receipt = await writeReceipt(app, office, own[0] as OwnIdentity, verified, report, opts.actor, opts.receiptDir);
    }
    return { fileName, summary: summaryOf(verified), report, receipt };
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function applyPacket(
  app: AppContext,
  office: Office,
  verified: VerifiedPacket,
  temp: string,
  fileName: string,
  backupName: string,
  actor: Actor,
  progress: ImportOptions['progress'],
): ImportReport {
  const db = app.db;
  const m = verified.manifest;
  const at = app.clock().toISOString();
  // Checked again inside the transaction: another import of the same packet may have won the race.
  const again = checkPacket(db, office, officeIdentities(app.db, app.dataDir, app.clock()), verified);
  if (again) throw again;
  ensureChangeTracking(db, at);
  const metas = tableMap(db);
  // The rules again, against the rows as they are inside the transaction (the checks above ran before it).
  const rules = new OwnershipRules(db, office, m, metas);
  const merger = new Merger(
    {
      db,
      officeId: office.id,
      at,
      actor,
      packetId: m.packetId,
      senderOfficeId: m.sender.officeId,
      clearMissingReferences: m.kind === 'transfer',
      guard: (table, row, local) => rules.check(table, row, local === null ? null : String(local['origin_office'])),
    },
    metas,
  );
  let done = 0;
  const digest = forEachLineSync(temp, (line) => {
    merger.applyLine(line);
    if (++done % 10_000 === 0) progress?.(done, verified.records, 'progress.packetMerge');
  });
  if (digest !== verified.recordsSha256 || done !== verified.records) {
    throw new AppError('PACKET_DAMAGED', 'The unpacked records changed on disk before they were applied.', { where: 'temporary-file' });
  }
  merger.retryReferences();
  const report = merger.report;
  report.backup = backupName;

  if (m.kind === 'receipt' && m.receipt) {
    const out = getLogRow(db, m.receipt.packetId, 'out');
    if (out) {
      if (out.acked_at === null) {
        cachedStatement(db, "UPDATE packet_log SET acked_at = ?, ack_packet_id = ? WHERE packet_id = ? AND direction = 'out'").run(at, m.packetId, out.packet_id);
      }
      report.acknowledged = out.packet_id;
      if (out.kind === 'transfer') report.movedOut = markMovedOut(db, office, actor, at, out.report, out.created_at, m.sender.name, out.packet_id);
    }
  }

  logPacket(db, {
    packetId: m.packetId,
    direction: 'in',
    kind: m.kind,
    peerOfficeId: m.sender.officeId,
    peerName: m.sender.name,
    created: m.created,
    loggedAt: at,
    actor,
    sha256: verified.sha256,
    sizeBytes: verified.sizeBytes,
    fileName,
    counts: m.counts,
    report: { ...report, ...(m.persons ? { persons: m.persons } : {}) },
    basePacketId: m.base?.packetId ?? null,
  });
  writeAudit(db, actor, at, {
    entity: 'packet',
    entityId: m.packetId,
    action: 'create',
    changes: { direction: 'in', kind: m.kind, from: m.sender.name, totals: report.totals, backup: backupName },
  });
  progress?.(verified.records, verified.records, 'progress.packetMerge');
  return report;
}

/** A transfer's receipt came back: its persons are marked 迁出 here, with where they went. */
function markMovedOut(db: Db, office: Office, actor: Actor, at: string, reportJson: string, transferCreated: string, destination: string, packetId: string): string[] {
  let persons: unknown;
  try {
    persons = (JSON.parse(reportJson) as { persons?: unknown }).persons;
  } catch {
    persons = [];
  }
  if (!Array.isArray(persons)) return [];
  const moved: string[] = [];
  const date = toDateString(transferCreated);
  for (const id of persons) {
    if (typeof id !== 'string') continue;
    const row = cachedStatement(db, 'SELECT status, deleted_at FROM persons WHERE id = ?').get(id) as { status: string; deleted_at: string | null } | undefined;
    if (!row || row.deleted_at !== null || row.status !== 'active') continue;
    changeStatus(db, { actor, officeId: office.id, at }, { id, status: 'moved_out', date, destination: destination.slice(0, 200), note: `迁出：移交包 ${packetId}` });
    moved.push(id);
  }
  return moved;
}

/** A small signed packet telling the sender its packet arrived and what the import did. */
async function writeReceipt(
  app: AppContext,
  office: Office,
  identity: OwnIdentity,
  verified: VerifiedPacket,
  report: ImportReport,
  actor: Actor,
  dir: string | undefined,
): Promise<NonNullable<ImportResult['receipt']>> {
  const m = verified.manifest;
  const peer = getTrustedPeer(app.db, m.sender.officeId);
  if (!peer) throw new AppError('UNKNOWN_SENDER', 'The sender is not on the trust list.', { officeId: m.sender.officeId });
  const created = app.clock().toISOString();
  const packetId = uuidv7();
  const manifest: Manifest = {
    format: PACKET_FORMAT,
    formatVersion: PACKET_FORMAT_VERSION,
    schemaVersion: schemaVersionOf(app.db),
    appVersion: app.version,
    packetId,
    kind: 'receipt',
    created,
    sender: {
      officeId: office.id,
      name: office.name,
      areaCode: office.areaCode,
      mode: office.mode,
      signingKey: identity.signingKey,
      keyFingerprint: cardFingerprint(keyCardOf(office, identity)),
    },
    recipients: [{ officeId: peer.officeId, name: peer.name, areaCode: peer.areaCode }],
    encryption: 'recipients',
    base: null,
    receipt: { packetId: m.packetId, sha256: verified.sha256, kind: m.kind, importedAt: created, totals: report.totals },
    counts: {},
  };
  const name = packetFileName('receipt', office.areaCode, peer.areaCode, created, packetId);
  const target = dir ? path.join(dir, name) : boxPath(app.dataDir, 'out', name);
  const written = await writePacket(target, manifest, [], identity, { recipients: [peer.card.ageRecipient] });
  app.db
    .transaction(() => {
      logPacket(app.db, {
        packetId,
        direction: 'out',
        kind: 'receipt',
        peerOfficeId: peer.officeId,
        peerName: peer.name,
        created,
        loggedAt: created,
        actor,
        sha256: written.sha256,
        sizeBytes: written.sizeBytes,
        fileName: name,
        counts: {},
        report: { acknowledges: m.packetId },
      });
    })
    .immediate();
  return { fileName: name, path: target, packetId };
}

/** importPacket of a file uploaded to packets/in, by its name (PACKET_FILE_NOT_FOUND when there is none). */
export function importInboxPacket(app: AppContext, fileName: string, opts: ImportOptions): Promise<ImportResult> {
  return importPacket(app, existingBoxFile(app.dataDir, 'in', fileName), opts);
}
