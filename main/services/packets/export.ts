/**
 * Exports: full (every row of every synchronised table), incremental to a recipient (the rows changed
 * since the last packet it acknowledged; the first is full; without any receipt, since the last
 * packet sent, and the result says so), transfer of persons to another office (every row of theirs:
 * the persons and each row whose person_id is one of them), and passphrase backups (full).
 *
 * Rows are read from a second, read-only connection inside one read transaction: a consistent
 * snapshot that never blocks the app's own connection while the packet streams out.
 * A packet carries only rows its recipient will take from this office (ownership.ts): an office
 * sends its own rows; the bureau sending to a community office of its county sends that office's
 * records (persons it registered and their rows) and the bureau's own, and only those (a row of any
 * other office would make the office refuse the whole packet). Transfers carry every row of their
 * persons; backups carry everything.
 */
import { cachedStatement } from '../../db/statements';
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { openKeyed } from '../../db/connection';
import { keyringOf } from '../../db/keySlots';
import { v7 as uuidv7 } from 'uuid';
import type { AppContext } from '../../context';
import { writeAudit, type Actor } from '../../db/audit';
import { schemaVersionOf } from '../../db/migrate';
import { getOffice } from '../app/office';
import { AppError, fieldError } from '../../../shared/errors';
import { PACKET_FORMAT, PACKET_FORMAT_VERSION, type ExportKind, type ExportResult, type Manifest, type PacketKind } from '../../../shared/schemas/packets';
import { boxPath, packetFileName } from './files';
import { recordLine } from './format';
import { cardFingerprint, keyCardOf } from './keys';
import { incrementalBase, logPacket } from './log';
import { officeIdentity } from './ownIdentity';
import { countyOf } from './ownership';
import { ensureChangeTracking, PERSON_TABLE, syncedTableMetas, type TableMeta } from './tables';
import { getTrustedPeer, type TrustedPeer } from './trust';
import { writePacket, type PacketEncryption } from './writer';


export interface ExportOptions {
  kind: ExportKind;
  /** Office id of a trusted office; required but for backups. */
  to?: string | null | undefined;
  persons?: readonly string[] | undefined;
  passphrase?: string | undefined;
  /** Tests and benchmarks lower it; packets for people keep age's default. */
  scryptWorkFactor?: number | undefined;
  /** A file, or an existing folder to write the default name into; the outbox when left out. */
  out?: string | undefined;
  actor: Actor;
  signal?: AbortSignal | undefined;
  progress?: ((done: number, total: number, stage: string) => void) | undefined;
}

interface TablePlan {
  meta: TableMeta;
  sql: string;
  params: (string | number)[];
  /** The same rows as record lines written by SQLite itself (lineQuery); null for a table too wide for it. */
  lineSql: string | null;
}

/** Record lines are handed on in pieces of about this many bytes. */
const BATCH_BYTES = 256 * 1024;

/** json_object takes two arguments a column; wider tables are encoded in JavaScript. */
const MAX_SQL_COLUMNS = 60;

/**
 * A query answering each row's record line as SQLite writes it (json_object: the same keys in the
 * same order and the same values JSON.stringify gives), so the rows never become JavaScript
 * objects. A REAL (only where the column's affinity lets one be stored) is printed with all 17
 * digits, as JavaScript would keep it; a BLOB makes SQLite refuse the row (JSON_BLOB): the export
 * then starts again with JavaScript encoding every row ({"$blob": base64}).
 */
function lineQuery(meta: TableMeta, from: string, clause: string, order: string): string | null {
  if (meta.columns.length > MAX_SQL_COLUMNS) return null;
  const prefix = `{"table":${JSON.stringify(meta.name)},"row":`;
  const value = (c: string) => (meta.textColumns.has(c) ? `t."${c}"` : `CASE typeof(t."${c}") WHEN 'real' THEN json(printf('%!.17g', t."${c}")) ELSE t."${c}" END`);
  // As a BLOB, the line comes as the UTF-8 bytes SQLite wrote (a Buffer), never decoded into a
  // JavaScript string and encoded back: a third of the time of turning rows into lines.
  return `SELECT CAST('${prefix.replaceAll("'", "''")}' || json_object(${meta.columns.map((c) => `'${c}', ${value(c)}`).join(', ')}) || '}' || char(10) AS BLOB) FROM ${from}${clause}${order}`;
}

/**
 * A piece of record lines as well-formed UTF-8. A JavaScript string holding a lone surrogate is
 * stored by better-sqlite3 as such (WTF-8), and SQLite's bytes would carry it into the packet: such a
 * piece is written as JavaScript writes the text, with U+FFFD, as lines encoded in JavaScript are.
 * Pieces hold whole lines, so no character is cut between two.
 */
function wellFormed(piece: Buffer): Buffer {
  return isUtf8(piece) ? piece : Buffer.from(piece.toString('utf8'), 'utf8');
}

/** SQLite's answer to json_object given a BLOB. */
function isJsonBlobError(err: unknown): boolean {
  return err instanceof Error && /JSON cannot hold BLOB values/i.test(err.message);
}

/**
 * `scope`: the community office a bureau sends that office's records to; `ownOnly`: only this
 * office's rows (every other full or incremental packet).
 */
function plans(metas: TableMeta[], kind: PacketKind, selfId: string, scope: string | null, ownOnly: boolean, baseSeq: number, persons: string | null): TablePlan[] {
  const out: TablePlan[] = [];
  for (const meta of metas) {
    const where: string[] = [];
    const params: (string | number)[] = [];
    let from = `"${meta.name}" t`;
    if (kind === 'incremental') {
      from = `sync_row_seq s JOIN "${meta.name}" t ON t.id = s.row_id`;
      where.push('s.tbl = ?', 's.seq > ?');
      params.push(meta.name, baseSeq);
    }
    if (kind === 'transfer') {
      if (meta.name === PERSON_TABLE) where.push('t.id IN (SELECT value FROM json_each(?))');
      else if (meta.personColumn) where.push('t.person_id IN (SELECT value FROM json_each(?))');
      else continue;
      params.push(persons ?? '[]');
    }
    if (scope !== null) {
      if (meta.name === PERSON_TABLE) {
        where.push('t.origin_office = ?');
        params.push(scope);
      } else if (meta.personColumn) {
        where.push(`t.person_id IN (SELECT id FROM "${PERSON_TABLE}" WHERE origin_office = ?)`, 't.origin_office IN (?, ?)');
        params.push(scope, scope, selfId);
      } else {
        where.push('t.origin_office IN (?, ?)');
        params.push(scope, selfId);
      }
    } else if (ownOnly) {
      where.push('t.origin_office = ?');
      params.push(selfId);
    }
    const order = kind === 'incremental' ? ' ORDER BY s.seq' : '';
    const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    out.push({ meta, sql: `SELECT t.* FROM ${from}${clause}${order}`, params, lineSql: lineQuery(meta, from, clause, order) });
  }
  return out;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export async function exportPacket(app: AppContext, opts: ExportOptions): Promise<ExportResult> {
  const now = app.clock();
  const created = now.toISOString();
  const office = getOffice(app.db);
  if (!office) throw new AppError('SETUP_REQUIRED', 'The office has not been set up yet.');
  const identity = officeIdentity(app.db, app.dataDir, now);

  let peer: TrustedPeer | null = null;
  if (opts.kind !== 'backup') {
    if (!opts.to) throw fieldError('to', 'packet.recipientRequired', 'Choose the office the packet is for.');
    peer = getTrustedPeer(app.db, opts.to);
    if (!peer) throw new AppError('RECIPIENT_NOT_TRUSTED', 'The office is not on the trust list: import and check its key card first.', { to: opts.to });
  } else if (!opts.passphrase) {
    throw fieldError('passphrase', 'passphrase.required', 'A backup packet needs a passphrase.');
  }

  let personsJson: string | null = null;
  const persons = opts.kind === 'transfer' ? [...new Set(opts.persons ?? [])] : [];
  if (opts.kind === 'transfer') {
    if (persons.length === 0) throw fieldError('persons', 'packet.personsRequired', 'Choose the persons to transfer.');
    personsJson = JSON.stringify(persons);
    const found = new Set(
      (cachedStatement(app.db, `SELECT id FROM "${PERSON_TABLE}" WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`).all(personsJson) as { id: string }[]).map((r) => r.id),
    );
    const missing = persons.filter((p) => !found.has(p));
    if (missing.length > 0) throw new AppError('NOT_FOUND', 'Some of the persons to transfer do not exist.', { entity: 'person', ids: missing.slice(0, 20) });
  }

  app.db.transaction(() => ensureChangeTracking(app.db, created)).immediate();

  let kind: PacketKind = opts.kind;
  let base: Manifest['base'] = null;
  let baseNote: ExportResult['baseNote'] = null;
  let baseSeq = 0;
  if (opts.kind === 'incremental' && peer) {
    const found = incrementalBase(app.db, peer.officeId);
    if (!found) {
      kind = 'full';
      baseNote = 'first';
    } else {
      base = { packetId: found.row.packet_id, created: found.row.created_at, acknowledged: found.acknowledged };
      baseSeq = found.row.change_seq ?? 0;
      baseNote = found.acknowledged ? null : 'unacknowledged';
    }
  }
  const rowsOf = kind === 'full' || kind === 'incremental';
  const scope = rowsOf && peer && office.mode === 'bureau' && peer.mode === 'community' && countyOf(peer.areaCode) === countyOf(office.areaCode) ? peer.officeId : null;
  const ownOnly = rowsOf && scope === null;
  const metas = syncedTableMetas(app.db);
  const packetId = uuidv7();
  const fileName = packetFileName(kind, office.areaCode, peer ? peer.areaCode : null, created, packetId);
  const target = opts.out ? (isDirectory(opts.out) ? path.join(opts.out, fileName) : path.resolve(opts.out)) : boxPath(app.dataDir, 'out', fileName);

  const snap = openKeyed(app.dbPath, keyringOf(app.db)?.key, { readonly: true, fileMustExist: true, nativeBinding: app.nativeBinding });
  let changeSeq: number;
  let written: Awaited<ReturnType<typeof writePacket>>;
  const counts: Record<string, number> = {};
  let total = 0;
  try {
    snap.pragma('busy_timeout = 5000');
    snap.exec('BEGIN');
    // eslint-disable-next-line no-restricted-syntax -- a snapshot connection of this one export, closed after it
    changeSeq = (snap.prepare('SELECT seq FROM sync_clock WHERE singleton = 1').get() as { seq: number }).seq;
    const schemaVersion = schemaVersionOf(snap);
    const tablePlans = plans(metas, kind, office.id, scope, ownOnly, baseSeq, personsJson);
    for (const p of tablePlans) {
      // eslint-disable-next-line no-restricted-syntax -- a snapshot connection of this one export, closed after it
      counts[p.meta.name] = (snap.prepare(`SELECT count(*) AS n FROM (${p.sql})`).get(...p.params) as { n: number }).n;
      total += counts[p.meta.name] as number;
    }
    const manifest: Manifest = {
      format: PACKET_FORMAT,
      formatVersion: PACKET_FORMAT_VERSION,
      schemaVersion,
      appVersion: app.version,
      packetId,
      kind,
      created,
      sender: {
        officeId: office.id,
        name: office.name,
        areaCode: office.areaCode,
        mode: office.mode,
        signingKey: identity.signingKey,
        keyFingerprint: cardFingerprint(keyCardOf(office, identity)),
      },
      recipients: peer ? [{ officeId: peer.officeId, name: peer.name, areaCode: peer.areaCode }] : [],
      encryption: opts.passphrase ? 'passphrase' : 'recipients',
      base,
      ...(kind === 'transfer' ? { persons } : {}),
      counts,
    };
    let done = 0;
    let encodeInJs = false;
    let blobFound = false;
    const progress = opts.progress;
    async function* body(): AsyncGenerator<Buffer> {
      let batch: Buffer[] = [];
      let bytes = 0;
      for (const p of tablePlans) {
        const bySql = p.lineSql !== null && !encodeInJs;
        const rows = bySql
          ? // eslint-disable-next-line no-restricted-syntax -- a snapshot connection of this one export, closed after it
            (snap.prepare(p.lineSql as string).pluck().iterate(...p.params) as IterableIterator<Buffer>)
          : // eslint-disable-next-line no-restricted-syntax -- a snapshot connection of this one export, closed after it
            (snap.prepare(p.sql).iterate(...p.params) as IterableIterator<Record<string, unknown>>);
        try {
          for (const r of rows) {
            const line = bySql ? (r as Buffer) : Buffer.from(recordLine(p.meta.name, r as Record<string, unknown>), 'utf8');
            batch.push(line);
            bytes += line.length;
            done++;
            if (bytes >= BATCH_BYTES) {
              yield wellFormed(Buffer.concat(batch, bytes));
              batch = [];
              bytes = 0;
              if (opts.signal?.aborted) throw new AppError('CANCELLED', 'The export was cancelled.');
              progress?.(done, total, 'progress.packetExport');
            }
          }
        } catch (err) {
          if (bySql && isJsonBlobError(err)) blobFound = true;
          throw err;
        }
      }
      if (bytes > 0) yield wellFormed(Buffer.concat(batch, bytes));
      progress?.(done, total, 'progress.packetExport');
    }
    const encryption: PacketEncryption = opts.passphrase
      ? { passphrase: opts.passphrase, workFactor: opts.scryptWorkFactor }
      : { recipients: [(peer as TrustedPeer).card.ageRecipient] };
    try {
      written = await writePacket(target, manifest, body(), identity, encryption, opts.signal);
    } catch (err) {
      if (!blobFound) throw err;
      // A BLOB somewhere: the same snapshot again, every row encoded in JavaScript.
      encodeInJs = true;
      done = 0;
      written = await writePacket(target, manifest, body(), identity, encryption, opts.signal);
    }
    if (done !== total) {
      fs.rmSync(target, { force: true });
      throw new AppError('INTERNAL', 'The export read a different number of rows than it counted.', { counted: total, written: done });
    }
  } finally {
    try {
      snap.exec('COMMIT');
    } catch {
      // nothing to end
    }
    try {
      snap.close();
    } catch {
      // a statement still iterating: the connection closes when it is collected
    }
  }

  const actor = opts.actor;
  const report = { requestedKind: opts.kind, baseNote, plaintextBytes: written.plaintextBytes, ...(kind === 'transfer' ? { persons } : {}) };
  app.db
    .transaction(() => {
      logPacket(app.db, {
        packetId,
        direction: 'out',
        kind,
        peerOfficeId: peer?.officeId ?? null,
        peerName: peer?.name ?? '',
        created,
        loggedAt: app.clock().toISOString(),
        actor,
        sha256: written.sha256,
        sizeBytes: written.sizeBytes,
        fileName: path.basename(target),
        counts,
        report,
        basePacketId: base?.packetId ?? null,
        changeSeq,
      });
      writeAudit(app.db, actor, created, {
        entity: 'packet',
        entityId: packetId,
        action: 'create',
        changes: { direction: 'out', kind, to: peer?.name ?? null, total, sha256: written.sha256 },
      });
    })
    .immediate();

  return {
    packetId,
    kind,
    requestedKind: opts.kind,
    fileName: path.basename(target),
    path: target,
    sizeBytes: written.sizeBytes,
    sha256: written.sha256,
    recipient: peer ? { officeId: peer.officeId, name: peer.name, areaCode: peer.areaCode } : null,
    counts,
    total,
    base,
    baseNote,
  };
}
