/**
 * The packet format (ARCHITECTURE.md "Packets"), version 1.
 *
 * A packet is a standard age file (https://age-encryption.org/v1), encrypted to the X25519
 * recipients of its addressees or to one passphrase (scrypt). Its plaintext is gzip; gunzipped it is
 * JSON Lines, UTF-8, each line ending in "\n":
 *
 *   line 1      the manifest: {"format":"cadrecare-packet","formatVersion":1,"schemaVersion":N,
 *               "appVersion","packetId" (UUIDv7),"kind" (full|incremental|transfer|backup|receipt),
 *               "created","sender":{officeId,name,areaCode,mode,signingKey,keyFingerprint},
 *               "recipients":[{officeId,name,areaCode}],"encryption" (recipients|passphrase),
 *               "base" (incremental: {packetId,created,acknowledged}) | null,
 *               "persons" (transfer), "receipt" (receipt), "counts":{table: rows}}
 *   lines 2…    one record each: {"table":"persons","row":{…every column, sync metadata included…}}
 *               tables in dependency order (a row's references come before it); BLOB values as {"$blob":base64}
 *   last line   the trailer: {"trailer":{"sha256":hex,"algorithm":"ed25519","signature":base64}}
 *               sha256 of every byte before the trailer line (the JSON Lines, before gzip); the
 *               signature is Ed25519 over the ASCII text "cadrecare-packet-v1:" + that hex. The
 *               trailer is not signed: only what JSON does not tell apart may vary in it (spaces,
 *               key order, escapes, the final newline); another algorithm, a signature not in
 *               canonical base64 or any other field is refused (BUNDLE_SIGNATURE_INVALID)
 *
 * The gzip stream is followed by a second, empty gzip member whose comment pads the compressed
 * plaintext to a whole number of age's 64 KiB chunks. gunzip reads it as part of the same file and it
 * adds nothing to the JSON Lines; it hides the packet's exact size and lets a cut-short file be told
 * from a changed one (every age chunk of a whole packet is full size).
 *
 * `age -d -i identity.txt packet.age | gunzip` prints the JSON Lines.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../../../shared/errors';

/** age's STREAM chunk: 64 KiB of plaintext, 16 bytes of Poly1305 tag. */
export const AGE_CHUNK = 64 * 1024;
export const AGE_CHUNK_SEALED = AGE_CHUNK + 16;
export const AGE_MAGIC = 'age-encryption.org/v1\n';
/** Passphrase packets: scrypt work factor written (age's default) and the most accepted. */
export const SCRYPT_WORK_FACTOR = 18;
export const MAX_SCRYPT_WORK_FACTOR = 18;
/** zlib level: 6 (the default) compresses JSON about 8:1; lower levels cost more USB space than they save time. */
export const GZIP_LEVEL = 6;
/** Limits that keep a hostile packet from filling the disk or memory before its signature is checked. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
export const MAX_EXPANSION = 60;
export const MIN_PLAINTEXT_ALLOWANCE = 256 * 1024 * 1024;

/** The one signature algorithm of format version 1: the trailer's `algorithm`, checked exactly. */
export const SIGNATURE_ALGORITHM = 'ed25519';

export const SYNC_META_COLUMNS = ['id', 'created_at', 'updated_at', 'updated_by', 'origin_office', 'version', 'deleted_at'] as const;

const GZIP_MEMBER_MIN = 21;

/**
 * An empty gzip member of exactly `size` bytes (≥ 21): header with a comment of spaces, an empty
 * final deflate block, CRC and length zero (RFC 1952).
 */
export function gzipPaddingMember(size: number): Buffer {
  if (size < GZIP_MEMBER_MIN) throw new Error(`a gzip member needs at least ${GZIP_MEMBER_MIN} bytes`);
  const out = Buffer.alloc(size, 0x20);
  out.set([0x1f, 0x8b, 0x08, 0x10, 0, 0, 0, 0, 0x00, 0xff], 0); // magic, deflate, FCOMMENT, no mtime, unknown OS
  const commentEnd = size - 11;
  out[commentEnd] = 0x00; // end of the comment
  out.set([0x03, 0x00], commentEnd + 1); // a final fixed-Huffman block with no data
  out.fill(0, commentEnd + 3); // CRC32 and ISIZE of nothing
  return out;
}

/** How much padding brings `length` to a multiple of the age chunk. */
export function paddingFor(length: number): number {
  const rest = length % AGE_CHUNK;
  if (rest === 0 && length > 0) return 0;
  let pad = AGE_CHUNK - rest;
  if (pad < GZIP_MEMBER_MIN) pad += AGE_CHUNK;
  return pad;
}

/** Passes gzip output through and appends the padding member at its end. */
export class ChunkPadder extends Transform {
  private length = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.length += chunk.length;
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    const pad = paddingFor(this.length);
    if (pad > 0) this.push(gzipPaddingMember(pad));
    done();
  }
}

// ---- rows ------------------------------------------------------------------------------------

export type RowValue = string | number | null | Buffer;
export type Row = Record<string, RowValue>;

/** A row as it goes into a record line: BLOBs as {"$blob": base64}. */
export function encodeRow(row: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const key in row) {
    const value = row[key];
    if (value !== null && typeof value === 'object') {
      out ??= { ...row };
      out[key] = { $blob: Buffer.from(value as Uint8Array).toString('base64') };
    } else if (typeof value === 'bigint') {
      out ??= { ...row };
      out[key] = Number(value);
    }
  }
  return out ?? row;
}

export function recordLine(table: string, row: Record<string, unknown>): string {
  return `{"table":${JSON.stringify(table)},"row":${JSON.stringify(encodeRow(row))}}\n`;
}

/** A record line's row back into column values; anything else a row cannot hold is PACKET_INVALID. */
export function decodeRow(table: string, raw: unknown): Row {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalidRecord(table, null, 'row is not an object');
  const row: Row = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) {
      row[key] = value;
    } else if (typeof value === 'object' && !Array.isArray(value) && typeof (value as { $blob?: unknown }).$blob === 'string') {
      row[key] = Buffer.from((value as { $blob: string }).$blob, 'base64');
    } else {
      throw invalidRecord(table, typeof (raw as { id?: unknown }).id === 'string' ? String((raw as { id: string }).id) : null, `bad value in ${key}`);
    }
  }
  if (typeof row['id'] !== 'string' || row['id'].length === 0 || row['id'].length > 64) throw invalidRecord(table, null, 'row has no id');
  for (const col of ['created_at', 'updated_at', 'updated_by', 'origin_office', 'version'] as const) {
    if (typeof row[col] !== 'string') throw invalidRecord(table, row['id'], `row has no ${col}`);
  }
  return row;
}

export function invalidRecord(table: string, id: string | null, reason: string): AppError {
  return new AppError('PACKET_INVALID', `A record of the packet is not valid (${table}${id ? ` ${id}` : ''}: ${reason}).`, {
    reason: 'record',
    table,
    id,
    problem: reason.slice(0, 200),
  });
}

const TABLE_PREFIX = Buffer.from('{"table":"');
const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

/** The table of a record line, read from its start when written the usual way, else by parsing it. */
export function tableOfLine(line: Buffer): string {
  if (line.length > TABLE_PREFIX.length && line.subarray(0, TABLE_PREFIX.length).equals(TABLE_PREFIX)) {
    const end = line.indexOf(0x22, TABLE_PREFIX.length, 'latin1');
    if (end > 0) {
      const name = line.toString('latin1', TABLE_PREFIX.length, end);
      if (TABLE_NAME.test(name)) return name;
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.toString('utf8'));
  } catch {
    throw new AppError('PACKET_INVALID', 'A line of the packet is not JSON.', { reason: 'json' });
  }
  const table = (parsed as { table?: unknown } | null)?.table;
  if (typeof table !== 'string' || !TABLE_NAME.test(table)) throw new AppError('PACKET_INVALID', 'A record of the packet names no table.', { reason: 'record' });
  return table;
}

// ---- the age header --------------------------------------------------------------------------

export interface AgeHeaderScan {
  /** Bytes up to and including the MAC line. */
  headerLength: number;
  stanzaTypes: string[];
  scryptWorkFactor: number | null;
}

/**
 * Reads the plain-text age header far enough to tell what kind of file this is before decrypting:
 * a file that is no age file, one cut short inside its header, one for a passphrase or for keys.
 * The header's integrity is checked by age itself (its MAC) during decryption.
 */
export function scanAgeHeader(head: Buffer, fileSize: number): AgeHeaderScan {
  const text = head.toString('latin1');
  if (text.length < AGE_MAGIC.length) {
    if (AGE_MAGIC.startsWith(text)) throw truncated('header');
    throw unreadable('not-age');
  }
  if (!text.startsWith(AGE_MAGIC)) {
    throw unreadable(text.startsWith('-----BEGIN AGE ENCRYPTED FILE-----') ? 'armored' : text.startsWith('\x1f\x8b') ? 'gzip' : 'not-age');
  }
  const stanzaTypes: string[] = [];
  let scryptWorkFactor: number | null = null;
  let pos = AGE_MAGIC.length;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    if (nl === -1) {
      if (head.length >= fileSize) throw truncated('header');
      throw unreadable('header-too-long');
    }
    const line = text.slice(pos, nl);
    pos = nl + 1;
    if (line.startsWith('-> ')) {
      const args = line.slice(3).split(' ');
      stanzaTypes.push(args[0] ?? '');
      if (args[0] === 'scrypt' && args[2] !== undefined && /^[1-9][0-9]?$/.test(args[2])) scryptWorkFactor = Number(args[2]);
      else if (args[0] === 'scrypt') throw unreadable('scrypt-stanza');
    } else if (line.startsWith('--- ')) {
      if (fileSize < pos + 16) throw truncated('nonce');
      return { headerLength: pos, stanzaTypes, scryptWorkFactor };
    }
  }
}

export function unreadable(reason: string): AppError {
  return new AppError('PACKET_UNREADABLE', 'The file is not a packet this app can read (not an age-encrypted CadreCare packet).', { reason });
}

export function truncated(where: string): AppError {
  return new AppError('PACKET_TRUNCATED', 'The packet file is incomplete: it was cut short (copy it again from the original).', { where });
}

export function damaged(where: string): AppError {
  return new AppError('PACKET_DAMAGED', 'The packet file has been changed or damaged: its encrypted content does not check out.', { where });
}
