/**
 * The parts of an .xlsx (a zip file) already in memory, read one at a time and in any order, each
 * unpacked as a stream of text whose size is counted as it comes: a small file that unpacks to
 * gigabytes is refused after the limit, not after it filled the memory. Only what .xlsx files use:
 * stored or deflated parts, no encryption, no zip64 (a roster file is at most a few tens of MB).
 */
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** Where the local header of the part starts. */
  offset: number;
}

/** Thrown for a file that is not a zip this reader understands; the caller says it in plain words. */
export class ZipFormatError extends Error {}

/** Thrown when a part unpacks to more than the caller allowed. */
export class ZipPartTooLarge extends Error {
  constructor(readonly part: string) {
    super(`The part ${part} unpacks to more than allowed.`);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const SLICE = 64 * 1024;

/** The parts of the zip by name (names compared without regard to case, as Excel does). */
export function zipEntries(data: Buffer): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('No end of the zip directory.');
  const count = data.readUInt16LE(eocd + 10);
  let pos = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || pos === 0xffffffff) throw new ZipFormatError('zip64 is not supported.');
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (pos + 46 > data.length || data.readUInt32LE(pos) !== CENTRAL) throw new ZipFormatError('The zip directory is damaged.');
    const flags = data.readUInt16LE(pos + 8);
    const method = data.readUInt16LE(pos + 10);
    const compressedSize = data.readUInt32LE(pos + 20);
    const nameLength = data.readUInt16LE(pos + 28);
    const extraLength = data.readUInt16LE(pos + 30);
    const commentLength = data.readUInt16LE(pos + 32);
    const offset = data.readUInt32LE(pos + 42);
    const name = data.subarray(pos + 46, pos + 46 + nameLength).toString('utf8');
    if (flags & 0x1) throw new ZipFormatError('The zip is encrypted.');
    entries.set(name.toLowerCase(), { name, method, compressedSize, offset });
    pos += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The packed bytes of a part. */
function packed(data: Buffer, entry: ZipEntry): Buffer {
  const at = entry.offset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== LOCAL) throw new ZipFormatError(`The part ${entry.name} is damaged.`);
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > data.length) throw new ZipFormatError(`The part ${entry.name} is cut short.`);
  return data.subarray(start, end);
}

export interface PartOptions {
  /** At most this many unpacked bytes, else ZipPartTooLarge. */
  maxBytes: number;
  /** Packed bytes read so far, of all of them. */
  onRead?: (done: number, total: number) => void;
}

/**
 * A part as UTF-8 text, a piece at a time (pieces end on whole characters). Stopping early (a
 * `break`, a throw in the consumer) stops the unpacking.
 */
export async function* partText(data: Buffer, entry: ZipEntry, options: PartOptions): AsyncGenerator<string> {
  const bytes = packed(data, entry);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`The part ${entry.name} uses an unknown packing.`);
  let fed = 0;
  function* slices(): Generator<Buffer> {
    for (let at = 0; at < bytes.length; at += SLICE) {
      const slice = bytes.subarray(at, Math.min(at + SLICE, bytes.length));
      fed += slice.length;
      yield slice;
    }
  }
  const source = Readable.from(slices(), { objectMode: false });
  const inflater = entry.method === 8 ? zlib.createInflateRaw() : null;
  const stream: Readable = inflater ? source.pipe(inflater) : source;
  const decoder = new TextDecoder('utf-8');
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > options.maxBytes) throw new ZipPartTooLarge(entry.name);
      options.onRead?.(fed, bytes.length);
      const text = decoder.decode(chunk, { stream: true });
      if (text !== '') yield text;
    }
  } catch (err) {
    if (err instanceof ZipPartTooLarge) throw err;
    // zlib's own errors: the packed bytes are not what the directory says.
    if (err instanceof Error && 'code' in err && String((err as NodeJS.ErrnoException).code).startsWith('Z_')) {
      throw new ZipFormatError(`The part ${entry.name} is damaged: ${err.message}`);
    }
    throw err;
  } finally {
    source.destroy();
    inflater?.destroy();
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}
