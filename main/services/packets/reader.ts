/**
 * Reads a packet file: decrypts it with this office's identities (or a passphrase), gunzips it,
 * splits the JSON Lines, hashes everything before the trailer and checks the trailer's hash and
 * Ed25519 signature. Streamed: memory stays flat whatever the packet's size. Record lines can be
 * handed to a sink (the import writes them to a temporary file it applies after every check).
 *
 * Each way a file can fail has its own error code (see classify* below); nothing here touches the
 * database.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import zlib from 'node:zlib';
import type { Identity, Stanza } from 'age-encryption';
import { loadAge } from './age';
import { AppError } from '../../../shared/errors';
import { manifestSchema, PACKET_FORMAT, PACKET_FORMAT_VERSION, trailerSchema, type Manifest } from '../../../shared/schemas/packets';
import {
  AGE_CHUNK_SEALED,
  damaged,
  MAX_EXPANSION,
  MAX_LINE_BYTES,
  MAX_SCRYPT_WORK_FACTOR,
  MIN_PLAINTEXT_ALLOWANCE,
  scanAgeHeader,
  SIGNATURE_ALGORITHM,
  tableOfLine,
  truncated,
  unreadable,
} from './format';
import { verifyDigest } from './keys';

export interface ReadOptions {
  /** AGE-SECRET-KEY-1… strings: this office's current and retired identities. */
  identities: readonly string[];
  passphrase?: string | undefined;
  /** Receives the manifest as soon as it is read, before any record (not yet verified). */
  onManifest?: ((manifest: Manifest) => void) | undefined;
  /** Receives every record line (without its newline) and its table, in order. */
  onRecord?: ((line: Buffer, table: string) => void) | undefined;
  signal?: AbortSignal | undefined;
  progress?: ((done: number, total: number) => void) | undefined;
}

export interface VerifiedPacket {
  manifest: Manifest;
  /** The hash the trailer signs (hex). */
  sha256: string;
  /** SHA-256 of the record lines alone, to check the temporary copy against when applying. */
  recordsSha256: string;
  counts: Record<string, number>;
  records: number;
  sizeBytes: number;
  plaintextBytes: number;
}

const NEWLINE = Buffer.from('\n');

/** Refuses scrypt work factors that would take minutes and gigabytes before anything can be checked. */
class WorkFactorGuard implements Identity {
  unwrapFileKey(stanzas: Stanza[]): null {
    for (const s of stanzas) {
      if (s.args[0] === 'scrypt' && Number(s.args[2]) > MAX_SCRYPT_WORK_FACTOR) throw unreadable('scrypt-work-factor');
    }
    return null;
  }
}

class LineSink extends Writable {
  private carry: Buffer[] = [];
  private carryLength = 0;
  private pending: Buffer | null = null;
  private lineNo = 0;
  private readonly hash = crypto.createHash('sha256');
  private readonly recordsHash = crypto.createHash('sha256');
  manifest: Manifest | null = null;
  plaintextBytes = 0;
  records = 0;
  readonly counts: Record<string, number> = {};
  trailerLine: Buffer | null = null;

  constructor(
    private readonly limit: number,
    private readonly onRecord: ReadOptions['onRecord'],
    private readonly signal: AbortSignal | undefined,
    private readonly onManifest: ReadOptions['onManifest'] = undefined,
  ) {
    super({ highWaterMark: 1024 * 1024 });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    try {
      if (this.signal?.aborted) throw new AppError('CANCELLED', 'The import was cancelled.');
      this.plaintextBytes += chunk.length;
      if (this.plaintextBytes > this.limit) {
        throw new AppError('PACKET_TOO_LARGE', 'The packet unpacks to far more data than its size allows.', { limitBytes: this.limit });
      }
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(0x0a, start);
        if (nl === -1) break;
        let line = chunk.subarray(start, nl);
        if (this.carryLength > 0) {
          line = Buffer.concat([...this.carry, line]);
          this.carry = [];
          this.carryLength = 0;
        }
        this.line(line);
        start = nl + 1;
      }
      if (start < chunk.length) {
        const rest = chunk.subarray(start);
        this.carry.push(Buffer.from(rest));
        this.carryLength += rest.length;
        if (this.carryLength > MAX_LINE_BYTES) throw new AppError('PACKET_INVALID', 'A line of the packet is too long.', { reason: 'line-length' });
      }
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _final(done: (err?: Error | null) => void): void {
    try {
      if (this.carryLength > 0) this.line(Buffer.concat(this.carry));
      this.trailerLine = this.pending;
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  /** Each line is handled when the next one arrives: only the last line is the trailer. */
  private line(line: Buffer): void {
    const previous = this.pending;
    this.pending = line;
    if (previous === null) return;
    this.hash.update(previous);
    this.hash.update(NEWLINE);
    if (this.lineNo++ === 0) {
      this.manifest = parseManifest(previous);
      this.onManifest?.(this.manifest);
      return;
    }
    const table = tableOfLine(previous);
    this.counts[table] = (this.counts[table] ?? 0) + 1;
    this.records++;
    this.recordsHash.update(previous);
    this.recordsHash.update(NEWLINE);
    this.onRecord?.(previous, table);
  }

  digests(): { sha256: string; recordsSha256: string } {
    return { sha256: this.hash.digest('hex'), recordsSha256: this.recordsHash.digest('hex') };
  }
}

/** An Ed25519 signature (64 bytes) in base64 exactly as Buffer writes it: Buffer.from would also take other spellings. */
const CANONICAL_SIGNATURE = /^[A-Za-z0-9+/]{86}==$/;
const TRAILER_FIELDS = new Set(['sha256', 'algorithm', 'signature']);

/** Fields of a parsed trailer line the format does not have (the schema parse drops them). */
function trailerExtraFields(raw: unknown): string[] {
  const outer = raw as Record<string, unknown>;
  const inner = outer['trailer'] as Record<string, unknown>;
  return [...Object.keys(outer).filter((k) => k !== 'trailer'), ...Object.keys(inner).filter((k) => !TRAILER_FIELDS.has(k)).map((k) => `trailer.${k}`)];
}

export function parseManifest(line: Buffer): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(line.toString('utf8'));
  } catch {
    throw new AppError('PACKET_INVALID', 'The packet has no readable manifest.', { reason: 'manifest' });
  }
  const head = raw as { format?: unknown; formatVersion?: unknown } | null;
  if (head?.format !== PACKET_FORMAT) throw new AppError('PACKET_INVALID', 'This is not a CadreCare packet.', { reason: 'format' });
  if (typeof head.formatVersion === 'number' && head.formatVersion > PACKET_FORMAT_VERSION) {
    throw new AppError('PACKET_FROM_NEWER_VERSION', 'The packet was written in a newer format by a newer version of the app.', {
      formatVersion: head.formatVersion,
      appFormatVersion: PACKET_FORMAT_VERSION,
    });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('PACKET_INVALID', 'The manifest of the packet is not valid.', {
      reason: 'manifest',
      fields: parsed.error.issues.slice(0, 10).map((i) => i.path.join('.')),
    });
  }
  return parsed.data;
}

function fileStream(file: string, onBytes: (n: number) => void): ReadableStream<Uint8Array> {
  const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  stream.on('data', (chunk) => onBytes(chunk.length));
  return Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
}

function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

export async function readPacket(file: string, options: ReadOptions): Promise<VerifiedPacket> {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw new AppError('PACKET_FILE_NOT_FOUND', 'The packet file cannot be found.', { file: file.split(/[\\/]/).pop() ?? '' });
  }
  const headBytes = Buffer.alloc(Math.min(size, 256 * 1024));
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, headBytes, 0, headBytes.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const header = scanAgeHeader(headBytes, size);
  const forPassphrase = header.stanzaTypes.includes('scrypt');
  if (forPassphrase && header.scryptWorkFactor !== null && header.scryptWorkFactor > MAX_SCRYPT_WORK_FACTOR) throw unreadable('scrypt-work-factor');
  if (forPassphrase && !options.passphrase) {
    throw new AppError('PASSPHRASE_REQUIRED', 'The packet is protected by a passphrase; enter it to open the packet.');
  }

  const { Decrypter } = await loadAge();
  const decrypter = new Decrypter();
  decrypter.addIdentity(new WorkFactorGuard());
  for (const identity of options.identities) decrypter.addIdentity(identity);
  if (options.passphrase) decrypter.addPassphrase(options.passphrase);

  let read = 0;
  const report = () => options.progress?.(read, size);
  let plain: ReadableStream<Uint8Array>;
  try {
    plain = await decrypter.decrypt(
      fileStream(file, (n) => {
        read += n;
        if (read === size || read % (4 * 1024 * 1024) < 256 * 1024) report();
      }),
    );
  } catch (err) {
    if (err instanceof AppError) throw err;
    const message = (err as Error).message ?? '';
    if (message.includes('no identity matched')) {
      if (forPassphrase) throw new AppError('WRONG_PASSPHRASE', 'The passphrase is wrong: the packet cannot be opened with it.');
      throw new AppError('NOT_FOR_THIS_OFFICE', 'The packet is not addressed to this office: none of its keys opens it.', { reason: 'keys' });
    }
    if (message.includes('HMAC')) throw damaged('header');
    throw unreadable('header');
  }

  const limit = Math.max(MIN_PLAINTEXT_ALLOWANCE, size * MAX_EXPANSION);
  const sink = new LineSink(limit, options.onRecord, options.signal, options.onManifest);
  let ageError: unknown = null;
  const source = Readable.fromWeb(plain as unknown as NodeReadableStream<Uint8Array>);
  source.on('error', (err) => {
    ageError ??= err;
  });
  try {
    await pipeline(source, zlib.createGunzip(), sink);
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (ageError !== null && !(ageError instanceof AppError)) {
      // Every age chunk of a whole packet is full size (format.ts pads it): a payload of any other
      // length was cut short (or lengthened); one of the right length was changed.
      const payload = size - header.headerLength - 16;
      throw payload % AGE_CHUNK_SEALED === 0 ? damaged('payload') : truncated('payload');
    }
    if (isZlibError(err)) throw damaged('gzip');
    throw damaged('stream');
  }
  report();

  const { sha256, recordsSha256 } = sink.digests();
  const manifest = sink.manifest;
  const trailerLine = sink.trailerLine;
  if (trailerLine === null) throw new AppError('PACKET_INVALID', 'The packet is empty.', { reason: 'empty' });
  let trailerRaw: unknown;
  try {
    trailerRaw = JSON.parse(trailerLine.toString('utf8'));
  } catch {
    throw new AppError('PACKET_INVALID', 'The last line of the packet is not JSON.', { reason: 'trailer' });
  }
  const trailer = trailerSchema.safeParse(trailerRaw);
  if (!trailer.success || manifest === null) {
    // The last line is a record (or the manifest): the trailer, and with it the signature, is missing.
    if (manifest === null) parseManifest(trailerLine);
    throw new AppError('BUNDLE_SIGNATURE_MISSING', 'The packet carries no signature.', { reason: 'no-trailer' });
  }
  const { sha256: claimed, algorithm, signature } = trailer.data.trailer;
  if (claimed !== sha256) {
    throw new AppError('BUNDLE_HASH_MISMATCH', 'The content of the packet does not match the hash its sender signed.', { expected: claimed.slice(0, 64), actual: sha256 });
  }
  if (!signature) throw new AppError('BUNDLE_SIGNATURE_MISSING', 'The packet carries no signature.', { reason: 'no-signature' });
  // The trailer is not itself signed, so nothing in it is taken on trust. What may vary is what JSON
  // does not tell apart (spaces, key order, escapes, a missing final newline); its values must be
  // exactly the hash (checked above), the algorithm, the signature in canonical base64, and nothing else.
  if (algorithm !== SIGNATURE_ALGORITHM) {
    throw new AppError('BUNDLE_SIGNATURE_INVALID', `The packet names a signature algorithm this app does not accept (${SIGNATURE_ALGORITHM} only).`, {
      reason: 'algorithm',
      algorithm: typeof algorithm === 'string' ? algorithm.slice(0, 40) : null,
      sender: manifest.sender.name,
    });
  }
  const extra = trailerExtraFields(trailerRaw);
  if (extra.length > 0) {
    throw new AppError('BUNDLE_SIGNATURE_INVALID', 'The trailer of the packet holds fields the format does not have.', { reason: 'trailer', fields: extra.slice(0, 10), sender: manifest.sender.name });
  }
  if (!CANONICAL_SIGNATURE.test(signature)) {
    throw new AppError('BUNDLE_SIGNATURE_INVALID', 'The signature of the packet is not written as the format writes it.', { reason: 'signature-encoding', sender: manifest.sender.name });
  }
  if (!verifyDigest(manifest.sender.signingKey, sha256, signature)) {
    throw new AppError('BUNDLE_SIGNATURE_INVALID', 'The signature of the packet is not valid: it was not signed by the key it names, or it was changed.', {
      sender: manifest.sender.name,
    });
  }
  for (const [table, n] of Object.entries(manifest.counts)) {
    if ((sink.counts[table] ?? 0) !== n) {
      throw new AppError('PACKET_INVALID', 'The packet does not hold the records its manifest lists.', { reason: 'counts', table, listed: n, found: sink.counts[table] ?? 0 });
    }
  }
  for (const table of Object.keys(sink.counts)) {
    if (!(table in manifest.counts)) throw new AppError('PACKET_INVALID', 'The packet holds records its manifest does not list.', { reason: 'counts', table });
  }
  return { manifest, sha256, recordsSha256, counts: sink.counts, records: sink.records, sizeBytes: size, plaintextBytes: sink.plaintextBytes };
}
