/**
 * Files cross to main by name, in pieces of at most 4 MiB (packets.upload / packets.download): the
 * browser reads a picked file piece by piece, and a packet to save is put together into a Blob.
 */
import { PACKET_CHUNK_BYTES } from '../../../shared/schemas/packets';
import { useWrite } from '../../components/useWrite';
import { request } from '../../rpc';

/** A name main accepts (letters, digits, dot, dash, underscore), keeping the extension when it can. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[^A-Za-z0-9]+/, '');
  const stamp = Date.now().toString(36);
  if (!/[A-Za-z0-9]/.test(cleaned.replace(/\.[A-Za-z0-9]+$/, ''))) return `packet-${stamp}${/\.[A-Za-z0-9]+$/.exec(cleaned)?.[0] ?? '.age'}`;
  return cleaned.slice(-150);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Uploads a picked file into packets/in and answers the name it has there. */
export async function uploadPacket(file: File, onProgress?: (done: number, total: number) => void): Promise<string> {
  const fileName = safeFileName(file.name);
  let offset = 0;
  do {
    const piece = new Uint8Array(await file.slice(offset, offset + PACKET_CHUNK_BYTES).arrayBuffer());
    await request('packets.upload', { fileName, offset, base64: toBase64(piece) });
    offset += piece.length;
    onProgress?.(offset, file.size);
  } while (offset < file.size);
  return fileName;
}

/** Reads a packet of packets/out (or in) piece by piece into a Blob. */
export async function downloadPacket(fileName: string): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (;;) {
    const piece = await request('packets.download', { fileName, offset });
    const bytes = fromBase64(piece.base64);
    parts.push(bytes);
    offset += bytes.length;
    if (piece.done || bytes.length === 0) break;
  }
  return new Blob(parts, { type: 'application/octet-stream' });
}

/** Hands a Blob to the browser (or Electron's download handling) as a file to save. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saving a packet of main's onto the disk, as a write: its busy state and its refusal to show. */
export function useSavePacket(onError?: (error: Error) => void) {
  return useWrite({ write: async (fileName: string) => saveBlob(await downloadPacket(fileName), fileName), onError });
}
