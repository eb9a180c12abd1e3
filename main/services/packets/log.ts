/** The packet log: every packet sent and received, with what it held and what its import did. */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { selectPage, Where } from '../../db/paged';
import type { Actor } from '../../db/audit';
import { PACKET_KINDS, type PacketKind, type PacketLogEntry } from '../../../shared/schemas/packets';

export interface LogRow {
  packet_id: string;
  direction: 'in' | 'out';
  kind: PacketKind;
  peer_office_id: string | null;
  peer_name: string;
  created_at: string;
  logged_at: string;
  user_id: string | null;
  username: string;
  sha256: string;
  size_bytes: number;
  file_name: string;
  counts: string;
  report: string;
  base_packet_id: string | null;
  change_seq: number | null;
  acked_at: string | null;
  ack_packet_id: string | null;
}

export interface NewLogEntry {
  packetId: string;
  direction: 'in' | 'out';
  kind: PacketKind;
  peerOfficeId: string | null;
  peerName: string;
  created: string;
  loggedAt: string;
  actor: Actor;
  sha256: string;
  sizeBytes: number;
  fileName: string;
  counts: Record<string, number>;
  report: Record<string, unknown>;
  basePacketId?: string | null;
  changeSeq?: number | null;
  /** Takes the place of an earlier entry of the same packet (imported again after an undo). */
  replace?: boolean;
}

export function logPacket(db: Db, e: NewLogEntry): void {
  cachedStatement(
    db,
    `INSERT ${e.replace ? 'OR REPLACE ' : ''}INTO packet_log (packet_id, direction, kind, peer_office_id, peer_name, created_at, logged_at, user_id, username, sha256,
       size_bytes, file_name, counts, report, base_packet_id, change_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.packetId,
    e.direction,
    e.kind,
    e.peerOfficeId,
    e.peerName,
    e.created,
    e.loggedAt,
    e.actor.userId,
    e.actor.username,
    e.sha256,
    e.sizeBytes,
    e.fileName,
    JSON.stringify(e.counts),
    JSON.stringify(e.report),
    e.basePacketId ?? null,
    e.changeSeq ?? null,
  );
}

export function getLogRow(db: Db, packetId: string, direction: 'in' | 'out'): LogRow | null {
  return (cachedStatement(db, 'SELECT * FROM packet_log WHERE packet_id = ? AND direction = ?').get(packetId, direction) as LogRow | undefined) ?? null;
}

/**
 * Where an incremental packet to `peer` starts: the last full or incremental packet it acknowledged,
 * or, without any receipt, the last one sent (and the caller says so).
 */
export function incrementalBase(db: Db, peerOfficeId: string): { row: LogRow; acknowledged: boolean } | null {
  const acked = cachedStatement(
    db,
      `SELECT * FROM packet_log WHERE direction = 'out' AND peer_office_id = ? AND kind IN ('full', 'incremental') AND acked_at IS NOT NULL
       ORDER BY change_seq DESC, logged_at DESC LIMIT 1`,
    )
    .get(peerOfficeId) as LogRow | undefined;
  if (acked) return { row: acked, acknowledged: true };
  const sent = cachedStatement(db, `SELECT * FROM packet_log WHERE direction = 'out' AND peer_office_id = ? AND kind IN ('full', 'incremental') ORDER BY change_seq DESC, logged_at DESC LIMIT 1`)
    .get(peerOfficeId) as LogRow | undefined;
  return sent ? { row: sent, acknowledged: false } : null;
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

interface LogListRow extends LogRow {
  undone_at: string | null;
  undone_by: string | null;
  import_id: number | null;
}

function toEntry(r: LogListRow): PacketLogEntry {
  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(parseObject(r.counts))) if (typeof v === 'number') counts[k] = v;
  return {
    packetId: r.packet_id,
    direction: r.direction,
    kind: PACKET_KINDS.includes(r.kind) ? r.kind : 'full',
    peerOfficeId: r.peer_office_id,
    peerName: r.peer_name,
    created: r.created_at,
    loggedAt: r.logged_at,
    username: r.username,
    sha256: r.sha256,
    sizeBytes: r.size_bytes,
    fileName: r.file_name,
    counts,
    report: parseObject(r.report),
    basePacketId: r.base_packet_id,
    ackedAt: r.acked_at,
    undoable: r.direction === 'in' && r.kind !== 'receipt' && r.import_id !== null && r.undone_at === null,
    undoneAt: r.undone_at,
    undoneBy: r.undone_by,
  };
}

export function listLog(
  db: Db,
  query: { limit: number; offset: number; direction?: 'in' | 'out' | undefined; peerOfficeId?: string | undefined },
): { total: number; capped: boolean; entries: PacketLogEntry[] } {
  const where = new Where().andIf('l.direction = @direction', { direction: query.direction || undefined }).andIf('l.peer_office_id = @peer', { peer: query.peerOfficeId || undefined });
  const { total, capped, rows } = selectPage<LogListRow>(
    db,
    {
      select: `SELECT l.*, i.id AS import_id, i.undone_at, i.undone_by FROM packet_log l LEFT JOIN packet_imports i ON l.direction = 'in' AND i.packet_id = l.packet_id`,
      countFrom: 'FROM packet_log l',
      orderBy: 'l.logged_at DESC, l.packet_id DESC',
    },
    where,
    query,
  );
  return { total, capped, entries: rows.map(toEntry) };
}
