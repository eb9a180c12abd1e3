/**
 * Importing a packet, in this order (each failure its own error code, the database untouched):
 *
 *   1. decrypt with this office's identities (or the passphrase), gunzip, split the lines, parsing
 *      and checking each record once and staging its values in a private database in packets/tmp
 *      (stage.ts; streamed: memory stays flat);
 *   2. verify the trailer: the SHA-256 of everything before it, then the Ed25519 signature, with the
 *      key the manifest names;
 *   3. the sender must be on the trust list with that key (or be this office itself);
 *   4. the schema version must not be newer than this app's;
 *   5. the packet must be addressed to this office;
 *   6. it must not have been imported before;
 *   7. (receipts) it must acknowledge a packet this office sent to that sender;
 * then, for a full packet or a passphrase backup, a safety copy of the database (one per import
 * command, however many packets it imports: ImportSession; the last IMPORT_SAFETY_COPIES are kept),
 * and the merge in ONE synchronous transaction read from the staging database (stage.ts, merge.ts),
 * which also records what it did for undo (undo.ts). The copy comes after the checks so that a
 * refused packet leaves no trace. Afterwards a signed receipt for the sender is written to the outbox.
 */
import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { AppContext } from '../../context';
import { rawKeyText } from '../../db/cipher';
import { writeAudit, type Actor } from '../../db/audit';
import { createBackup, pruneBackups } from '../../db/backup';
import { schemaVersionOf } from '../../db/migrate';
import type { Db } from '../../db/connection';
import { keyringOf } from '../../db/keySlots';
import { cachedStatement } from '../../db/statements';
import { storageError } from '../../db/storageErrors';
import { pauseAutoCheckpoint } from '../../db/writeGate';
import { getOffice } from '../app/office';
import { changeStatus } from '../persons/persons';
import { AppError, type AppErrorShape, type ErrorCode } from '../../../shared/errors';
import { toDateString } from '../../../shared/dates';
import type { BackupInfo } from '../../../shared/schemas/backup';
import type { Office } from '../../../shared/schemas/office';
import {
  PACKET_FORMAT,
  PACKET_FORMAT_VERSION,
  type BATCH_STATUSES,
  type ImportBatchResult,
  type ImportReport,
  type ImportResult,
  type InspectResult,
  type Manifest,
  type PacketKind,
  type PacketSummary,
} from '../../../shared/schemas/packets';
import { boxPath, existingBoxFile, packetFileName, removeStaleTmp, tmpFile } from './files';
import type { Row } from './format';
import { cardFingerprint, fingerprintGroups, keyCardOf, signingKeyId, type OwnIdentity } from './keys';
import { officeIdentities } from './ownIdentity';
import { getLogRow, logPacket } from './log';
import { CLOSED_CONFLICTS, Merger } from './merge';
import { readPacket, type VerifiedPacket } from './reader';
import { mergeStaged, Stager, type StagedTable } from './stage';
import { currentChangeSeq, ensureChangeTracking, tableMap } from './tables';
import { OwnershipRules } from './ownership';
import { getTrustedPeer, trustedKey } from './trust';
import { importRanges, importRecordOf } from './undo';
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
  /** The command this packet is imported in (one safety copy for all its packets); a packet alone is a command of its own. */
  session?: ImportSession | undefined;
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
  if (seen && alreadyImported(db, m.packetId)) {
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
  const metas = tableMap(app.db);
  const vetter = new Stager(app.db, metas, null);
  const verified = await readPacket(file, {
    identities: own.map((i) => i.ageIdentity),
    passphrase: opts.passphrase,
    signal: opts.signal,
    progress: opts.progress ? (d, t) => opts.progress?.(d, t, 'progress.packetVerify') : undefined,
    onManifest: (m) => vetter.useRules(new OwnershipRules(app.db, office, m, metas)),
    onRecord: vetter.record,
  });
  const problem = checkPacket(app.db, office, own, verified) ?? vetter.problem;
  const m = verified.manifest;
  const trusted = m.sender.officeId === office.id || trustedKey(app.db, m.sender.officeId, m.sender.signingKey) !== null;
  return {
    ...summaryOf(verified),
    senderTrusted: trusted,
    addressedHere: m.recipients.length === 0 || m.recipients.some((r) => r.officeId === office.id),
    alreadyImported: alreadyImported(app.db, m.packetId),
    newerSchema: m.schemaVersion > schemaVersionOf(app.db),
    wouldFail: problem?.code ?? null,
  };
}

/** inspectPacket of a file uploaded to packets/in, by its name (PACKET_FILE_NOT_FOUND when there is none). */
export function inspectInboxPacket(app: AppContext, fileName: string, opts: ReadPacketOptions = {}): Promise<InspectResult> {
  return inspectPacket(app, existingBoxFile(app.dataDir, 'in', fileName), opts);
}

/** How many safety copies made before imports are kept (the oldest go); daily backups are kept by their own setting. */
export const IMPORT_SAFETY_COPIES = 3;

/**
 * A full packet or a passphrase backup can change any row of the database: the command that imports
 * it keeps a whole copy first. Incrementals, transfers and receipts change what they carry, and
 * their undo records (undo.ts) are enough to take them back: no copy, whatever the database's size.
 */
export function needsSafetyCopy(kind: PacketKind): boolean {
  return kind === 'full' || kind === 'backup';
}

/**
 * One import command (the CLI's `packet import` of files and folders, the app's "import all"): one
 * safety copy of the database for all its packets, made before the first that needs one.
 */
export class ImportSession {
  backup: BackupInfo | null = null;
  /** A packet went in whole but its receipt met a full disk: the command stops after it. */
  stopAfter: AppError | null = null;
  /** The command copies its packets' pages from the WAL into the database together, after the last (deferCheckpoints). */
  checkpointsDeferred = false;

  constructor(
    private readonly app: AppContext,
    private readonly actor: Actor,
  ) {}

  async safetyCopy(sink: { signal?: AbortSignal | undefined; progress?: ImportOptions['progress'] }): Promise<BackupInfo> {
    if (this.backup) return this.backup;
    this.backup = await createBackup(this.app, 'before-import', sink, this.actor);
    pruneBackups(this.app.dataDir, 'before-import', IMPORT_SAFETY_COPIES);
    return this.backup;
  }
}

export async function importPacket(app: AppContext, file: string, opts: ImportOptions): Promise<ImportResult> {
  try {
    // Where the app hands checkpoints to the background worker, neither the merge's commit nor the
    // receipt's copies the merge's pages into the database file; a command of several copies them once.
    if (opts.session?.checkpointsDeferred) return await importOne(app, file, opts);
    return await app.writeGate.handingOffCheckpoint(app.db, () => importOne(app, file, opts));
  } catch (err) {
    // A full disk (or read-only data) says so, whether it met the staging file, the copy or the merge.
    throw storageError(err, app.dataDir) ?? err;
  }
}

async function importOne(app: AppContext, file: string, opts: ImportOptions): Promise<ImportResult> {
  const office = requireOffice(app.db);
  const own = officeIdentities(app.db, app.dataDir, app.clock());
  removeStaleTmp(app.dataDir);
  const stageFile = tmpFile(app.dataDir, `${uuidv7()}.sqlite`);
  const progress = opts.progress;
  const metas = tableMap(app.db);
  // Made private before SQLite writes into it.
  fs.writeFileSync(stageFile, '', { mode: 0o600 });
  const stager = new Stager(app.db, metas, stageFile, app.nativeBinding);
  let attached = false;
  try {
    // Records are checked while they stream past, before anything is written (not even the copy).
    const verified = await readPacket(file, {
      identities: own.map((i) => i.ageIdentity),
      passphrase: opts.passphrase,
      signal: opts.signal,
      progress: progress ? (d, t) => progress(d, t, 'progress.packetVerify') : undefined,
      onManifest: (m) => stager.useRules(new OwnershipRules(app.db, office, m, metas)),
      onRecord: stager.record,
    });
    if (stager.failure !== null) throw stager.failure;
    const problem = checkPacket(app.db, office, own, verified) ?? stager.problem;
    if (problem) throw problem;
    stager.finish();
    if (opts.signal?.aborted) throw new AppError('CANCELLED', 'The import was cancelled.');

    const session = opts.session ?? new ImportSession(app, opts.actor);
    if (needsSafetyCopy(verified.manifest.kind)) await session.safetyCopy({ signal: opts.signal, progress });
    if (opts.signal?.aborted) throw new AppError('CANCELLED', 'The import was cancelled.');
    const fileName = opts.fileName ?? path.basename(file);
    // From here on nothing awaits: the merge is one synchronous transaction.
    // The staging file is keyed as the database is (stage.ts); an ATTACH must name the key.
    const key = keyringOf(app.db)?.key;
    if (key) {
      const text = rawKeyText(key);
      try {
        cachedStatement(app.db, 'ATTACH DATABASE ? AS stage KEY ?').run(stageFile, text);
      } finally {
        text.fill(0);
      }
    } else cachedStatement(app.db, 'ATTACH DATABASE ? AS stage').run(stageFile);
    attached = true;
    const report = app.db
      .transaction(() => applyPacket(app, office, verified, stager, fileName, session.backup?.name ?? null, opts.actor, progress))
      .immediate();
    app.db.exec('DETACH DATABASE stage');
    attached = false;

    let receipt: ImportResult['receipt'] = null;
    const m = verified.manifest;
    if (opts.receipt !== false && m.kind !== 'receipt' && m.kind !== 'backup' && m.sender.officeId !== office.id) {
      try {
        receipt = await writeReceipt(app, office, own[0] as OwnIdentity, verified, report, opts.actor, opts.receiptDir);
      } catch (err) {
        // The packet is in (committed): a command of several reports it imported and stops after it.
        const failure = storageError(err, app.dataDir);
        if (!failure || !opts.session) throw err;
        opts.session.stopAfter = failure;
      }
    }
    return { fileName, summary: summaryOf(verified), report, receipt };
  } finally {
    stager.abandon();
    if (attached) {
      try {
        app.db.exec('DETACH DATABASE stage');
      } catch {
        // not attached after all
      }
    }
    for (const suffix of ['', '-journal']) fs.rmSync(`${stageFile}${suffix}`, { force: true });
  }
}

/** Imported and not undone since: an undone import's packet may be imported again. */
function alreadyImported(db: Db, packetId: string): boolean {
  return getLogRow(db, packetId, 'in') !== null && importRecordOf(db, packetId)?.undone_at == null;
}

function applyPacket(
  app: AppContext,
  office: Office,
  verified: VerifiedPacket,
  stager: Stager,
  fileName: string,
  backupName: string | null,
  actor: Actor,
  progress: ImportOptions['progress'],
): ImportReport {
  const db = app.db;
  const m = verified.manifest;
  const at = app.clock().toISOString();
  // Checked again inside the transaction: another import of the same packet may have won the race.
  const again = checkPacket(db, office, officeIdentities(app.db, app.dataDir, app.clock()), verified);
  if (again) throw again;
  const staged = stager.staged.reduce((n, s) => n + s.rows, 0);
  if (staged !== verified.records) {
    throw new AppError('PACKET_DAMAGED', 'The unpacked records changed on disk before they were applied.', { where: 'staging' });
  }
  ensureChangeTracking(db, at);
  const metas = tableMap(db);
  // The rules again, against the rows as they are inside the transaction: every row here already
  // is checked again as it is merged; rows not here only if what the rules read has changed since.
  const rules = new OwnershipRules(db, office, m, metas);
  if (stager.rules === null || stager.rules.fingerprint() !== rules.fingerprint()) recheckStaged(db, rules, stager.staged);

  // An earlier import of this packet that was undone: its record makes way for this one.
  cachedStatement(db, 'DELETE FROM packet_imports WHERE packet_id = ? AND undone_at IS NOT NULL').run(m.packetId);
  // One change number for every row the import writes; the triggers stand aside until they are numbered.
  cachedStatement(db, 'UPDATE sync_clock SET seq = seq + 1, paused = 1 WHERE singleton = 1').run();
  const seq = currentChangeSeq(db);
  const importId = Number(
    cachedStatement(
      db,
      `INSERT INTO packet_imports (packet_id, kind, sender_office_id, sender_name, change_seq, imported_at, user_id, username)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(m.packetId, m.kind, m.sender.officeId, m.sender.name, seq, at, actor.userId, actor.username).lastInsertRowid,
  );
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
      importId,
    },
    metas,
  );
  let done = 0;
  let shown = 0;
  mergeStaged(db, merger, stager.staged, (n) => {
    done += n;
    if (done - shown >= 10_000) {
      shown = done;
      progress?.(done, verified.records, 'progress.packetMerge');
    }
  });
  merger.retryReferences();
  cachedStatement(db, 'INSERT OR REPLACE INTO sync_row_seq (tbl, row_id, seq) SELECT tbl, row_id, ? FROM packet_import_rows WHERE import_id = ? AND tbl <> ?').run(seq, importId, CLOSED_CONFLICTS);
  for (const r of importRanges(db, importId)) {
    cachedStatement(db, `INSERT OR REPLACE INTO sync_row_seq (tbl, row_id, seq) SELECT ?, id, ? FROM "${r.tbl}" WHERE rowid BETWEEN ? AND ?`).run(r.tbl, seq, r.first_rowid, r.last_rowid);
  }
  cachedStatement(db, 'UPDATE sync_clock SET paused = 0 WHERE singleton = 1').run();
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
    replace: true,
  });
  // One entry for the whole packet: which rows it brought is in its undo records and the packet log.
  writeAudit(db, actor, at, {
    entity: 'packet',
    entityId: m.packetId,
    action: 'create',
    changes: { direction: 'in', kind: m.kind, from: m.sender.name, fromOfficeId: m.sender.officeId, totals: report.totals, tables: report.tables, backup: backupName },
  });
  progress?.(verified.records, verified.records, 'progress.packetMerge');
  return report;
}

/** Every staged row against the rules once more (what they read changed between reading the packet and its transaction). */
function recheckStaged(db: Db, rules: OwnershipRules, staged: readonly StagedTable[]): void {
  for (const s of staged) {
    // eslint-disable-next-line no-restricted-syntax -- over this import's staging tables, attached only for it
    const page = db.prepare(`SELECT rowid AS "__rowid", * FROM stage."${s.stage}" WHERE rowid > ? ORDER BY rowid LIMIT 1000`);
    let after = 0;
    for (;;) {
      const rows = page.all(after) as (Row & { __rowid: number })[];
      if (rows.length === 0) break;
      for (const r of rows) {
        after = r.__rowid;
        const local = cachedStatement(db, `SELECT origin_office FROM "${s.table}" WHERE id = ?`).get(r['id']) as { origin_office: string } | undefined;
        const problem = rules.check(s.table, r, local ? local.origin_office : null);
        if (problem) throw problem;
      }
    }
  }
}

/**
 * Imports several packets as one command: one safety copy for all of them (ImportSession). A packet
 * refused is reported and the next one tried; a full disk (or data that became read-only) stops
 * the command after the last whole packet, and the packets not imported are listed as remaining.
 */
export async function importPackets(
  app: AppContext,
  items: readonly { file: string; fileName?: string | undefined; passphrase?: string | undefined }[],
  opts: Omit<ImportOptions, 'session' | 'fileName'>,
): Promise<ImportBatchOutcome> {
  const session = new ImportSession(app, opts.actor);
  const results: ImportBatchOutcome['results'] = [];
  let stopped: ImportBatchOutcome['stopped'] = null;
  const checkpointLater = items.length > 1 ? deferCheckpoints(app) : null;
  session.checkpointsDeferred = checkpointLater !== null;
  try {
    for (const item of items) {
      const fileName = item.fileName ?? path.basename(item.file);
      if (stopped) {
        results.push({ file: item.file, fileName, status: 'not-attempted', result: null, error: null });
        continue;
      }
      try {
        if (!fs.existsSync(item.file)) throw new AppError('PACKET_FILE_NOT_FOUND', `There is no packet ${fileName}.`, { file: fileName });
        const result = await importPacket(app, item.file, { ...opts, passphrase: item.passphrase ?? opts.passphrase, fileName, session });
        results.push({ file: item.file, fileName, status: 'imported', result, error: null });
        if (session.stopAfter) stopped = { code: session.stopAfter.code, message: session.stopAfter.message };
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({ file: item.file, fileName, status: err.code === 'PACKET_ALREADY_IMPORTED' ? 'skipped' : 'failed', result: null, error: err.toShape() });
        if (STOPS_BATCH.has(err.code)) stopped = { code: err.code, message: err.message };
      }
    }
  } finally {
    checkpointLater?.();
  }
  return { results, safetyBackup: session.backup?.name ?? null, stopped };
}

/** Pages the WAL may hold while one command imports several packets (about 256 MiB), before they are copied into the database. */
const BATCH_CHECKPOINT_PAGES = 65_536;

/**
 * While a command imports several packets, their commits are copied from the WAL into the database
 * together (when the WAL reaches BATCH_CHECKPOINT_PAGES, and once at the end) rather than after each
 * packet: the pages consecutive packets write (the persons' indexes, the change log) are copied once,
 * and in an encrypted database each copy decrypts the page from the WAL and encrypts it again.
 * Returns what puts SQLite's own setting back and copies the rest: on the background worker where
 * the app hands checkpoints to it (main/db/writeGate.ts), here otherwise.
 */
function deferCheckpoints(app: AppContext): () => void {
  const db = app.db;
  const restore = pauseAutoCheckpoint(db, BATCH_CHECKPOINT_PAGES);
  return () => {
    if (!db.open) return;
    restore();
    if (app.writeGate.handOffCheckpoint(db)) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Copied by the next commit's checkpoint instead: the WAL is part of the database until then.
    }
  };
}

/** Errors of the machine, not of a packet: the packets after it would meet them too. */
const STOPS_BATCH = new Set<ErrorCode>(['DISK_FULL', 'DATA_READ_ONLY', 'CANCELLED']);

export interface ImportBatchOutcome {
  results: {
    file: string;
    fileName: string;
    status: (typeof BATCH_STATUSES)[number];
    result: ImportResult | null;
    error: AppErrorShape | null;
  }[];
  safetyBackup: string | null;
  stopped: { code: ErrorCode; message: string } | null;
}

/** importPackets of files uploaded to packets/in, by their names. */
export async function importInboxPackets(app: AppContext, files: readonly { fileName: string; passphrase?: string | undefined }[], opts: Omit<ImportOptions, 'session' | 'fileName'>): Promise<ImportBatchResult> {
  const items = files.map((f) => ({ file: boxPath(app.dataDir, 'in', f.fileName), fileName: f.fileName, passphrase: f.passphrase }));
  const out = await importPackets(app, items, opts);
  return { results: out.results.map(({ file: _file, ...rest }) => rest), safetyBackup: out.safetyBackup, stopped: out.stopped };
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
