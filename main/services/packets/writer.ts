/**
 * Writes a packet: manifest, records and signed trailer, streamed through gzip and age into a
 * temporary file beside the destination, synced and renamed into place. Nothing holds the whole
 * plaintext or ciphertext: age-encryption's stream API encrypts 64 KiB at a time.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import zlib from 'node:zlib';
import { loadAge } from './age';
import { AppError } from '../../../shared/errors';
import type { Manifest } from '../../../shared/schemas/packets';
import { ChunkPadder, GZIP_LEVEL, SCRYPT_WORK_FACTOR, SIGNATURE_ALGORITHM } from './format';
import { signDigest, type OwnIdentity } from './keys';

export type PacketEncryption = { recipients: string[] } | { passphrase: string; workFactor?: number | undefined };

export interface WrittenPacket {
  path: string;
  sha256: string;
  sizeBytes: number;
  plaintextBytes: number;
}

function cancelled(): AppError {
  return new AppError('CANCELLED', 'The export was cancelled.');
}

/**
 * `body` yields record lines (each ending in "\n", any number per string). The file appears at
 * `target` only when whole; on failure or cancel nothing is left behind.
 */
export async function writePacket(
  target: string,
  manifest: Manifest,
  /** The record lines, newline-terminated, as UTF-8 bytes. */
  body: AsyncIterable<Buffer> | Iterable<Buffer>,
  identity: OwnIdentity,
  encryption: PacketEncryption,
  signal?: AbortSignal,
): Promise<WrittenPacket> {
  const hash = crypto.createHash('sha256');
  let sha256 = '';
  let plaintextBytes = 0;
  async function* plaintext(): AsyncGenerator<Buffer> {
    const head = Buffer.from(`${JSON.stringify(manifest)}\n`, 'utf8');
    hash.update(head);
    plaintextBytes += head.length;
    yield head;
    for await (const bytes of body) {
      if (signal?.aborted) throw cancelled();
      hash.update(bytes);
      plaintextBytes += bytes.length;
      yield bytes;
      // A turn of the event loop: zlib, on libuv's thread, goes on with the piece before only once
      // this thread has taken its output, so without the turn the two would work one after the other.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    sha256 = hash.digest('hex');
    const trailer = { trailer: { sha256, algorithm: SIGNATURE_ALGORITHM, signature: signDigest(identity, sha256) } };
    const tail = Buffer.from(`${JSON.stringify(trailer)}\n`, 'utf8');
    plaintextBytes += tail.length;
    yield tail;
  }

  const { Encrypter } = await loadAge();
  const encrypter = new Encrypter();
  if ('passphrase' in encryption) {
    encrypter.setScryptWorkFactor(encryption.workFactor ?? SCRYPT_WORK_FACTOR);
    encrypter.setPassphrase(encryption.passphrase);
  } else {
    if (encryption.recipients.length === 0) throw new Error('a packet needs at least one recipient');
    for (const r of encryption.recipients) encrypter.addRecipient(r);
  }

  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.partial-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  // Opened here, synchronously, so a failure at any moment finds the file to remove.
  const out = fs.createWriteStream('', { fd: fs.openSync(temp, 'w', 0o600) });
  const source = Readable.from(plaintext(), { objectMode: false });
  try {
    const gzip = zlib.createGzip({ level: GZIP_LEVEL, chunkSize: 64 * 1024 });
    const padder = new ChunkPadder();
    let plainError: unknown = null;
    // The plaintext side: records → gzip → padding; its first error is kept to report instead of the web stream's.
    void pipeline(source, gzip, padder).catch((err: unknown) => {
      plainError = err;
    });
    const sealed = await encrypter.encrypt(Readable.toWeb(padder) as unknown as ReadableStream<Uint8Array>);
    try {
      await pipeline(Readable.fromWeb(sealed as unknown as NodeReadableStream<Uint8Array>), out);
    } catch (err) {
      throw plainError ?? err;
    }
    if (plainError) throw plainError;
    if (signal?.aborted) throw cancelled();
    const fd = fs.openSync(temp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (err) {
    // Ends the record generator too, so the caller's statement iterators are closed.
    source.destroy();
    if (!out.closed) {
      out.destroy();
      await new Promise<void>((resolve) => out.once('close', () => resolve()));
    }
    fs.rmSync(temp, { force: true });
    if (err instanceof AppError) throw err;
    throw new AppError('INTERNAL', `The packet could not be written: ${(err as Error).message}`, { file: path.basename(target) });
  }
  return { path: target, sha256, sizeBytes: fs.statSync(target).size, plaintextBytes };
}
