/**
 * Where packets live while the app handles them, inside the data folder:
 *
 *   packets/in/    packets brought in: the renderer uploads a chosen file here in pieces
 *                  (packets.upload, at most PACKET_CHUNK_BYTES each), then inspects or imports it by name
 *   packets/out/   packets written by exports and receipts; the renderer downloads them in pieces
 *                  (packets.download) to save them where the person chooses (a USB stick)
 *   packets/tmp/   decrypted records of an import between its checks and its transaction (0700),
 *                  removed when the import ends
 *
 * The contract names files by plain file name only, never by path (like backups). The CLI works with
 * paths directly. An Electron shell with file dialogs can copy a chosen file into packets/in (or out
 * of packets/out) in one step instead of the pieces.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError, fieldError } from '../../../shared/errors';
import { PACKET_CHUNK_BYTES, packetFileNameSchema } from '../../../shared/schemas/packets';

export type Box = 'in' | 'out';

/** An uploaded packet may not grow beyond this (a county's full packet is well below it). */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;

export function packetsDir(dataDir: string): string {
  return path.join(dataDir, 'packets');
}

export function boxDir(dataDir: string, box: Box): string {
  return path.join(packetsDir(dataDir), box);
}

export function tmpDir(dataDir: string): string {
  const dir = path.join(packetsDir(dataDir), 'tmp');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** A temporary file of this process (its pid first, so leftovers of a crashed process are recognised). */
export function tmpFile(dataDir: string, name: string): string {
  return path.join(tmpDir(dataDir), `${process.pid}-${name}`);
}

/**
 * Removes what an import killed mid-way left in packets/tmp. Only one process opens a data folder
 * (main/db/lock.ts), so files of any other pid are leftovers.
 */
export function removeStaleTmp(dataDir: string): string[] {
  const dir = tmpDir(dataDir);
  const removed: string[] = [];
  for (const f of fs.readdirSync(dir)) {
    if (f.startsWith(`${process.pid}-`)) continue;
    fs.rmSync(path.join(dir, f), { force: true, recursive: true });
    removed.push(f);
  }
  return removed;
}

function checkedName(fileName: string): string {
  const parsed = packetFileNameSchema.safeParse(fileName);
  if (!parsed.success || parsed.data.includes('..')) {
    throw fieldError('fileName', 'packet.fileName', 'The file name is not valid.');
  }
  return parsed.data;
}

export function boxPath(dataDir: string, box: Box, fileName: string): string {
  return path.join(boxDir(dataDir, box), checkedName(fileName));
}

/** A file of a box that must exist. */
export function existingBoxFile(dataDir: string, box: Box, fileName: string): string {
  const file = boxPath(dataDir, box, fileName);
  if (!fs.existsSync(file)) throw new AppError('PACKET_FILE_NOT_FOUND', `There is no packet ${fileName}.`, { file: fileName });
  return file;
}

/** Writes one piece of an uploaded file at `offset`: 0 starts the file afresh, later pieces must follow on. */
export function uploadChunk(dataDir: string, fileName: string, offset: number, base64: string): { fileName: string; sizeBytes: number } {
  const file = boxPath(dataDir, 'in', fileName);
  const data = Buffer.from(base64, 'base64');
  if (data.length > PACKET_CHUNK_BYTES) throw fieldError('base64', 'packet.chunk', 'The piece is too large.');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const current = offset === 0 ? 0 : fs.existsSync(file) ? fs.statSync(file).size : -1;
  if (current !== offset) {
    throw fieldError('offset', 'packet.offset', 'The piece does not follow on from what was uploaded.', { sizeBytes: current });
  }
  if (offset + data.length > MAX_UPLOAD_BYTES) throw new AppError('PACKET_TOO_LARGE', 'The file is too large.', { limitBytes: MAX_UPLOAD_BYTES });
  if (offset === 0) fs.writeFileSync(file, data);
  else fs.appendFileSync(file, data);
  return { fileName, sizeBytes: offset + data.length };
}

export function downloadChunk(dataDir: string, fileName: string, offset: number): { base64: string; offset: number; sizeBytes: number; done: boolean } {
  const file = existingBoxFile(dataDir, 'out', fileName);
  const size = fs.statSync(file).size;
  const length = Math.max(0, Math.min(PACKET_CHUNK_BYTES, size - offset));
  const buf = Buffer.alloc(length);
  if (length > 0) {
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, buf, 0, length, offset);
    } finally {
      fs.closeSync(fd);
    }
  }
  return { base64: buf.toString('base64'), offset, sizeBytes: size, done: offset + length >= size };
}

export function listBox(dataDir: string, box: Box): { fileName: string; box: Box; sizeBytes: number; modifiedAt: string }[] {
  const dir = boxDir(dataDir, box);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => packetFileNameSchema.safeParse(f).success && !f.includes('.partial-'))
    .map((f) => {
      const st = fs.statSync(path.join(dir, f));
      return { fileName: f, box, sizeBytes: st.size, modifiedAt: st.mtime.toISOString() };
    })
    .filter((f) => f.sizeBytes >= 0)
    .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
}

/** A default name: cadrecare-<kind>-<from area>-to-<to area | passphrase>-<yyyymmdd-hhmmss>-<id tail>.age */
export function packetFileName(kind: string, fromArea: string, toArea: string | null, created: string, packetId: string): string {
  const stamp = created.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `cadrecare-${kind}-${fromArea}-to-${toArea ?? 'passphrase'}-${stamp}-${packetId.replace(/-/g, '').slice(-8)}.age`;
}
