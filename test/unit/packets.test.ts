/** Packets: the pieces of the format that need no database — keys, cards, padding, headers, rows. */
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as age from 'age-encryption';
import { bech32 } from '@scure/base';
import {
  canonicalJson,
  cardFingerprint,
  fingerprintGroups,
  fingerprintMatches,
  generateIdentity,
  parseCardText,
  signDigest,
  verifyDigest,
  cardFileText,
} from '../../main/services/packets/keys';
import { AGE_CHUNK, ChunkPadder, decodeRow, encodeRow, gzipPaddingMember, paddingFor, scanAgeHeader, tableOfLine } from '../../main/services/packets/format';
import type { KeyCard } from '../../shared/schemas/packets';

const card = (identity = generateIdentity('2026-11-27T09:00:00.000Z')): KeyCard => ({
  type: 'cadrecare-key-card',
  version: 1,
  officeId: '01a21e73-02b5-771e-a2b1-b630540380c0',
  name: '幸福里社区',
  areaCode: '140702001001',
  mode: 'community',
  ageRecipient: identity.ageRecipient,
  signingKey: identity.signingKey,
  created: identity.created,
});

describe('keys', () => {
  it('writes identities and recipients exactly as age does', async () => {
    for (let i = 0; i < 5; i++) {
      const id = generateIdentity('2026-11-27T09:00:00.000Z');
      expect(id.ageIdentity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
      expect(await age.identityToRecipient(id.ageIdentity)).toBe(id.ageRecipient);
      const e = new age.Encrypter();
      e.addRecipient(id.ageRecipient);
      const d = new age.Decrypter();
      d.addIdentity(id.ageIdentity);
      expect(await d.decrypt(await e.encrypt('离退休干部'), 'text')).toBe('离退休干部');
    }
  });

  it('takes a recipient on a card only as 32 whole bytes under a valid bech32 checksum', () => {
    const c = card();
    const code = (ageRecipient: string) => {
      try {
        parseCardText(JSON.stringify({ ...c, ageRecipient }));
        return 'ok';
      } catch (err) {
        return (err as { code: string }).code;
      }
    };
    expect(code(c.ageRecipient)).toBe('ok');
    const words = bech32.toWords(Uint8Array.from({ length: 32 }, (_, i) => i * 7));
    expect(code(bech32.encode('age', words, false))).toBe('ok');
    // The same length and a valid checksum, but the last word's spare bits are not zero: not 32 whole bytes.
    expect(code(bech32.encode('age', [...words.slice(0, -1), (words.at(-1) as number) | 1], false))).toBe('KEY_CARD_INVALID');
    // A valid checksum under another prefix of the same length.
    expect(code(bech32.encode('agf', words, false).replace(/^agf/, 'age'))).toBe('KEY_CARD_INVALID');
  });

  it('signs the hash and verifies only the same hash with the same key', () => {
    const id = generateIdentity('2026-11-27T09:00:00.000Z');
    const other = generateIdentity('2026-11-27T09:00:00.000Z');
    const hash = 'ab'.repeat(32);
    const sig = signDigest(id, hash);
    expect(verifyDigest(id.signingKey, hash, sig)).toBe(true);
    expect(verifyDigest(id.signingKey, 'cd'.repeat(32), sig)).toBe(false);
    expect(verifyDigest(other.signingKey, hash, sig)).toBe(false);
    expect(verifyDigest('not a key', hash, sig)).toBe(false);
    expect(verifyDigest(id.signingKey, hash, 'AAAA')).toBe(false);
  });
});

describe('key cards', () => {
  it('have a fingerprint of their canonical JSON, shown as eight groups of four', () => {
    const c = card();
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
    const reordered = Object.fromEntries(Object.entries(c).reverse()) as KeyCard;
    expect(cardFingerprint(reordered)).toBe(cardFingerprint(c));
    const groups = fingerprintGroups(cardFingerprint(c));
    expect(groups).toMatch(/^([0-9A-F]{4}-){7}[0-9A-F]{4}$/);
    expect(fingerprintMatches(c, groups)).toBe(true);
    expect(fingerprintMatches(c, groups.toLowerCase().replaceAll('-', ' '))).toBe(true);
    expect(fingerprintMatches(c, cardFingerprint(c))).toBe(true);
    expect(fingerprintMatches(c, groups.slice(0, 20))).toBe(false);
    expect(fingerprintMatches({ ...c, name: '别的社区' }, groups)).toBe(false);
  });

  it('read back from their file, and refuse anything else', () => {
    const c = card();
    expect(parseCardText(cardFileText(c))).toEqual(c);
    expect(parseCardText(`\uFEFF${JSON.stringify(c)}`)).toEqual(c);
    const bad = (text: string) => {
      try {
        parseCardText(text);
        return 'ok';
      } catch (err) {
        return (err as { code: string }).code;
      }
    };
    expect(bad('not json')).toBe('KEY_CARD_INVALID');
    expect(bad(JSON.stringify({ ...c, mode: 'other' }))).toBe('KEY_CARD_INVALID');
    expect(bad(JSON.stringify({ ...c, extra: 1 }))).toBe('KEY_CARD_INVALID');
    const r = c.ageRecipient;
    expect(bad(JSON.stringify({ ...c, ageRecipient: r.slice(0, 20) + (r[20] === 'q' ? 'p' : 'q') + r.slice(21) }))).toBe('KEY_CARD_INVALID');
  });
});

describe('the plaintext padding', () => {
  it('is an empty gzip member of exactly the size asked for', () => {
    for (const size of [21, 22, 100, 65535, 65536 + 20]) {
      const member = gzipPaddingMember(size);
      expect(member.length).toBe(size);
      expect(zlib.gunzipSync(member).length).toBe(0);
    }
    expect(() => gzipPaddingMember(20)).toThrow();
    expect(paddingFor(AGE_CHUNK)).toBe(0);
    expect(paddingFor(AGE_CHUNK - 21)).toBe(21);
    expect(paddingFor(AGE_CHUNK - 20)).toBe(20 + AGE_CHUNK);
    expect(paddingFor(1)).toBe(AGE_CHUNK - 1);
  });

  it('brings the gzip stream to whole 64 KiB chunks without changing what gunzip reads', async () => {
    for (const n of [0, 10, 70_000, 300_000]) {
      const text = Buffer.from(Array.from({ length: n }, (_, i) => String.fromCharCode(97 + ((i * 7919) % 26))).join(''));
      const out: Buffer[] = [];
      for await (const chunk of Readable.from([text]).pipe(zlib.createGzip()).pipe(new ChunkPadder())) out.push(chunk as Buffer);
      const padded = Buffer.concat(out);
      expect(padded.length % AGE_CHUNK).toBe(0);
      expect(zlib.gunzipSync(padded).equals(text)).toBe(true);
    }
  });
});

describe('age headers', () => {
  const code = (head: string | Buffer, size?: number) => {
    const b = typeof head === 'string' ? Buffer.from(head, 'latin1') : head;
    try {
      scanAgeHeader(b, size ?? b.length);
      return 'ok';
    } catch (err) {
      return (err as { code: string }).code;
    }
  };

  it('tells what a file is before decrypting it', async () => {
    const e = new age.Encrypter();
    e.addRecipient(generateIdentity('x').ageRecipient);
    const file = Buffer.from(await e.encrypt('hello'));
    expect(scanAgeHeader(file, file.length)).toMatchObject({ stanzaTypes: ['X25519'], scryptWorkFactor: null });
    const p = new age.Encrypter();
    p.setScryptWorkFactor(12);
    p.setPassphrase('pass phrase');
    const byPass = Buffer.from(await p.encrypt('hello'));
    expect(scanAgeHeader(byPass, byPass.length)).toMatchObject({ stanzaTypes: ['scrypt'], scryptWorkFactor: 12 });
    expect(code('age-encr')).toBe('PACKET_TRUNCATED');
    expect(code(file.subarray(0, 40))).toBe('PACKET_TRUNCATED');
    expect(code('hello world, this is not age at all')).toBe('PACKET_UNREADABLE');
    expect(code('-----BEGIN AGE ENCRYPTED FILE-----\n')).toBe('PACKET_UNREADABLE');
    const headerEnd = file.indexOf('\n---') + file.subarray(file.indexOf('\n---') + 1).indexOf('\n') + 2;
    expect(code(file.subarray(0, headerEnd + 5))).toBe('PACKET_TRUNCATED');
  });
});

describe('rows in record lines', () => {
  it('carry blobs as base64 and come back as they were', () => {
    const row = { id: 'x', created_at: 'a', updated_at: 'b', updated_by: 'c', origin_office: 'o', version: '{"o":1}', deleted_at: null, n: 3, photo: Buffer.from([0, 1, 255]) };
    const line = JSON.stringify({ table: 'persons', row: encodeRow(row) });
    expect(tableOfLine(Buffer.from(line))).toBe('persons');
    expect(tableOfLine(Buffer.from(JSON.stringify({ row: {}, table: 'grids' })))).toBe('grids');
    const back = decodeRow('persons', (JSON.parse(line) as { row: unknown }).row);
    expect(back).toEqual(row);
  });

  it('refuse values a row cannot hold and rows without their sync metadata', () => {
    const base = { id: 'x', created_at: 'a', updated_at: 'b', updated_by: 'c', origin_office: 'o', version: '{}' };
    expect(() => decodeRow('t', { ...base, bad: [1] })).toThrow(expect.objectContaining({ code: 'PACKET_INVALID' }));
    expect(() => decodeRow('t', { ...base, bad: { x: 1 } })).toThrow(expect.objectContaining({ code: 'PACKET_INVALID' }));
    expect(() => decodeRow('t', { ...base, version: undefined })).toThrow(expect.objectContaining({ code: 'PACKET_INVALID' }));
    expect(() => decodeRow('t', [])).toThrow(expect.objectContaining({ code: 'PACKET_INVALID' }));
    expect(() => tableOfLine(Buffer.from('{"table":"Robert\'); DROP TABLE persons;--"}'))).toThrow(expect.objectContaining({ code: 'PACKET_INVALID' }));
  });
});
