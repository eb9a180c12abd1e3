/**
 * Packets that must be refused: each way of tampering
 * has its own error code, and the database is byte for byte the same in content afterwards.
 * Also the seeded fuzz loop (more iterations: npm run fuzz).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { call, dumpDatabase } from '../helpers/app';
import { generateIdentity } from '../../main/services/packets/keys';
import { latestVersion, loadMigrations } from '../../main/db/migrate';
import { AGE_CHUNK_SEALED } from '../../main/services/packets/format';
import {
  addPerson,
  carry,
  closeAll,
  drop,
  exportFrom,
  identityOf,
  importAt,
  linesOf,
  makeOffice,
  recipientOf,
  seal,
  signLines,
  trust,
  trustBoth,
  type Office,
} from './packets.helpers';
import { runFuzz } from './packets.fuzz';

let a: Office;
let bureau: Office;
let other: Office;
let stranger: Office;
let packet: Buffer;
let lines: string[];

beforeAll(async () => {
  a = await makeOffice('幸福里社区');
  bureau = await makeOffice('榆次区委老干部局', 'bureau');
  other = await makeOffice('锦绣苑社区');
  stranger = await makeOffice('陌生社区');
  await trustBoth(a, bureau);
  await trustBoth(other, bureau);
  await trust(stranger, bureau);
  await trust(a, other);
  for (const name of ['张一', '张二', '张三']) await addPerson(a, { name });
  // The bureau has data of its own, so "unchanged" means something.
  await addPerson(bureau, { name: '局一' });
  const exported = await exportFrom(a, { kind: 'full', to: bureau.id });
  packet = fs.readFileSync(exported.path);
  lines = await linesOf(packet, identityOf(bureau).ageIdentity);
}, 120_000);

afterAll(() => closeAll(a, bureau, other, stranger));

/** Imports bytes at the bureau; answers the error code, and checks that nothing was written. */
async function refused(bytes: Buffer, extra: { passphrase?: string } = {}): Promise<{ code: string; details: Record<string, unknown> | undefined }> {
  const before = dumpDatabase(bureau.t.app);
  const name = drop(bureau, bytes, `t-${uuidv7()}.age`);
  const r = await call(bureau.t.app, bureau.admin, 'packets.import', { fileName: name, ...extra });
  expect(dumpDatabase(bureau.t.app)).toEqual(before);
  if (r.ok) throw new Error('the packet was imported');
  return { code: r.error.code, details: r.error.details };
}

const manifestOf = (l: string[]) => JSON.parse(l[0] as string) as Record<string, unknown>;
const body = () => lines.slice(0, -1);

describe('tampered packets are refused, each with its own code, and change nothing', () => {
  it('a flipped byte in the encrypted content: PACKET_DAMAGED', async () => {
    for (const at of [packet.length - 100, Math.floor(packet.length / 2), 400]) {
      const bytes = Buffer.from(packet);
      bytes[at] = (bytes[at] as number) ^ 0x01;
      expect((await refused(bytes)).code).toBe('PACKET_DAMAGED');
    }
  });

  it('a flipped byte anywhere (header included) is refused', async () => {
    const codes = new Set<string>();
    const step = Math.max(1, Math.floor(packet.length / 40));
    const positions = [...Array.from({ length: 120 }, (_, i) => i * 2), ...Array.from({ length: 40 }, (_, i) => 240 + i * step)].filter((p) => p < packet.length);
    for (const at of positions) {
      const bytes = Buffer.from(packet);
      bytes[at] = (bytes[at] as number) ^ 0x20;
      codes.add((await refused(bytes)).code);
    }
    expect([...codes].every((c) => ['PACKET_DAMAGED', 'PACKET_UNREADABLE', 'NOT_FOR_THIS_OFFICE', 'PACKET_TRUNCATED'].includes(c))).toBe(true);
    expect(codes).toContain('PACKET_DAMAGED');
    expect(codes).toContain('PACKET_UNREADABLE');
  });

  it('a truncated file: PACKET_TRUNCATED, wherever it was cut', async () => {
    const headerEnd = packet.indexOf('\n---') + 1 + packet.subarray(packet.indexOf('\n---') + 1).indexOf('\n') + 1;
    for (const length of [10, 60, headerEnd - 3, headerEnd + 8, headerEnd + 16 + 1000, packet.length - 1, packet.length - AGE_CHUNK_SEALED + 7]) {
      expect((await refused(packet.subarray(0, length))).code).toBe('PACKET_TRUNCATED');
    }
    expect((await refused(Buffer.alloc(0))).code).toBe('PACKET_TRUNCATED');
  });

  it('not a packet at all: PACKET_UNREADABLE', async () => {
    expect((await refused(Buffer.from('这不是数据包 not a packet at all, just text'.repeat(20)))).code).toBe('PACKET_UNREADABLE');
    expect((await refused(Buffer.from('-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n'))).code).toBe('PACKET_UNREADABLE');
  });

  it('records changed inside a valid age file, the signed hash left as it was: BUNDLE_HASH_MISMATCH', async () => {
    const changed = lines.map((l, i) => (i === 1 ? l.replace('张', '章') : l));
    expect(changed[1]).not.toBe(lines[1]);
    expect((await refused(await seal(changed.join('\n') + '\n', { recipient: recipientOf(bureau) }))).code).toBe('BUNDLE_HASH_MISMATCH');
  });

  it('a forged signature (hash recomputed, signed by another key): BUNDLE_SIGNATURE_INVALID', async () => {
    const changed = body().map((l, i) => (i === 1 ? l.replace('张', '章') : l));
    const forger = generateIdentity(new Date().toISOString());
    expect((await refused(await seal(signLines(changed, forger), { recipient: recipientOf(bureau) }))).code).toBe('BUNDLE_SIGNATURE_INVALID');
    const random = Buffer.alloc(64, 7).toString('base64');
    expect((await refused(await seal(signLines(body(), forger, random), { recipient: recipientOf(bureau) }))).code).toBe('BUNDLE_SIGNATURE_INVALID');
  });

  it('a missing signature or trailer: BUNDLE_SIGNATURE_MISSING', async () => {
    const trailer = JSON.parse(lines[lines.length - 1] as string) as { trailer: { sha256: string } };
    const unsigned = [...body(), JSON.stringify({ trailer: { sha256: trailer.trailer.sha256 } })];
    expect((await refused(await seal(unsigned.join('\n') + '\n', { recipient: recipientOf(bureau) }))).code).toBe('BUNDLE_SIGNATURE_MISSING');
    expect((await refused(await seal(body().join('\n') + '\n', { recipient: recipientOf(bureau) }))).code).toBe('BUNDLE_SIGNATURE_MISSING');
  });

  it('a trailer naming any signature algorithm but ed25519, or none: BUNDLE_SIGNATURE_INVALID', async () => {
    for (const algorithm of ['rsa', 'Ed25519', 'ed25519 ', '', null, undefined]) {
      const m = manifestOf(lines);
      const text = signLines([JSON.stringify({ ...m, packetId: uuidv7() }), ...body().slice(1)], identityOf(a));
      const parts = text.trimEnd().split('\n');
      const trailer = JSON.parse(parts[parts.length - 1] as string) as { trailer: Record<string, unknown> };
      const changed = { trailer: { ...trailer.trailer, algorithm } };
      if (algorithm === undefined) delete changed.trailer['algorithm'];
      const bytes = await seal([...parts.slice(0, -1), JSON.stringify(changed)].join('\n') + '\n', { recipient: recipientOf(bureau) });
      const r = await refused(bytes);
      expect(r.code, String(algorithm)).toBe('BUNDLE_SIGNATURE_INVALID');
      expect(r.details, String(algorithm)).toMatchObject({ reason: 'algorithm' });
    }
  });

  it('the trailer may be written differently but say nothing else: other fields or another spelling of the signature are refused', async () => {
    const signed = (extra: (t: Record<string, unknown>) => string) => {
      const m = manifestOf(lines);
      const text = signLines([JSON.stringify({ ...m, packetId: uuidv7() }), ...body().slice(1)], identityOf(a));
      const parts = text.trimEnd().split('\n');
      const trailer = (JSON.parse(parts[parts.length - 1] as string) as { trailer: Record<string, unknown> }).trailer;
      return seal([...parts.slice(0, -1), extra(trailer)].join('\n') + '\n', { recipient: recipientOf(bureau) });
    };
    const extraField = await refused(await signed((t) => JSON.stringify({ trailer: { ...t, note: 'hi' } })));
    expect(extraField).toMatchObject({ code: 'BUNDLE_SIGNATURE_INVALID', details: { reason: 'trailer', fields: ['trailer.note'] } });
    expect((await refused(await signed((t) => JSON.stringify({ trailer: t, comment: 1 })))).details).toMatchObject({ reason: 'trailer', fields: ['comment'] });
    // The same 64 bytes, spelt as Buffer.from would also read them.
    const unpadded = await refused(await signed((t) => JSON.stringify({ trailer: { ...t, signature: String(t['signature']).replace(/=+$/, '') } })));
    expect(unpadded).toMatchObject({ code: 'BUNDLE_SIGNATURE_INVALID', details: { reason: 'signature-encoding' } });
    const spaced = await refused(await signed((t) => JSON.stringify({ trailer: { ...t, signature: ` ${String(t['signature'])}` } })));
    expect(spaced.details).toMatchObject({ reason: 'signature-encoding' });
    // What JSON does not tell apart may vary: spaces, key order, escapes.
    const loose = await signed((t) => `{ "trailer" : { "signature" : "${String(t['signature'])}" , "algorithm" : "\\u0065d25519", "sha256" : "${String(t['sha256'])}" } }  `);
    const name = drop(bureau, loose, `t-${uuidv7()}.age`);
    const r = await call(bureau.t.app, bureau.admin, 'packets.import', { fileName: name, receipt: false });
    expect(r.ok ? 'imported' : r.error.code).toBe('imported');
  });

  it('signed by a key the trust list does not hold: UNKNOWN_SENDER, with the offer to import the card', async () => {
    // Someone signs with their own key while claiming to be the trusted office.
    const forger = generateIdentity(new Date().toISOString());
    const m = manifestOf(lines);
    const claimed = [JSON.stringify({ ...m, sender: { ...(m['sender'] as object), signingKey: forger.signingKey } }), ...body().slice(1)];
    const r1 = await refused(await seal(signLines(claimed, forger), { recipient: recipientOf(bureau) }));
    expect(r1.code).toBe('UNKNOWN_SENDER');
    expect(r1.details).toMatchObject({ knownOffice: true, offer: 'keys.trust', officeId: a.id });
    // An office the bureau has never trusted, writing a perfectly good packet.
    const exported = await exportFrom(stranger, { kind: 'full', to: bureau.id });
    const r2 = await refused(fs.readFileSync(exported.path));
    expect(r2.code).toBe('UNKNOWN_SENDER');
    expect(r2.details).toMatchObject({ knownOffice: false, name: '陌生社区', offer: 'keys.trust' });
  });

  it('a packet imported before: PACKET_ALREADY_IMPORTED (skipped)', async () => {
    const exported = await exportFrom(a, { kind: 'full', to: bureau.id });
    const name = carry(exported.path, bureau);
    await importAt(bureau, name, { receipt: false });
    const r = await refused(fs.readFileSync(exported.path));
    expect(r.code).toBe('PACKET_ALREADY_IMPORTED');
    expect(r.details).toMatchObject({ packetId: exported.packetId });
  });

  it('a packet for another office: NOT_FOR_THIS_OFFICE (whether its keys or its manifest say so)', async () => {
    const toOther = await exportFrom(a, { kind: 'full', to: other.id });
    expect((await refused(fs.readFileSync(toOther.path))).code).toBe('NOT_FOR_THIS_OFFICE');
    // Encrypted to the bureau, but the signed manifest addresses the other office.
    const otherLines = await linesOf(toOther.path, identityOf(other).ageIdentity);
    const r = await refused(await seal(otherLines.join('\n') + '\n', { recipient: recipientOf(bureau) }));
    expect(r.code).toBe('NOT_FOR_THIS_OFFICE');
    expect(r.details).toMatchObject({ reason: 'manifest' });
  });

  it('a wrong passphrase: WRONG_PASSPHRASE; none given: PASSPHRASE_REQUIRED', async () => {
    const bytes = await seal(lines.join('\n') + '\n', { passphrase: 'the right passphrase' });
    expect((await refused(bytes, { passphrase: 'the wrong passphrase' })).code).toBe('WRONG_PASSPHRASE');
    expect((await refused(bytes)).code).toBe('PASSPHRASE_REQUIRED');
  });

  it('a schema version from the future: PACKET_FROM_NEWER_VERSION', async () => {
    const m = manifestOf(lines);
    const future = [JSON.stringify({ ...m, packetId: uuidv7(), schemaVersion: latestVersion(loadMigrations()) + 1 }), ...body().slice(1)];
    const r = await refused(await seal(signLines(future, identityOf(a)), { recipient: recipientOf(bureau) }));
    expect(r.code).toBe('PACKET_FROM_NEWER_VERSION');
    expect(r.details).toMatchObject({ packetVersion: latestVersion(loadMigrations()) + 1 });
    const newerFormat = [JSON.stringify({ ...m, packetId: uuidv7(), formatVersion: 2 }), ...body().slice(1)];
    expect((await refused(await seal(signLines(newerFormat, identityOf(a)), { recipient: recipientOf(bureau) }))).code).toBe('PACKET_FROM_NEWER_VERSION');
  });

  it('a receipt for a packet never sent: RECEIPT_FOR_UNKNOWN_PACKET', async () => {
    const m = manifestOf(lines);
    const receipt = {
      ...m,
      packetId: uuidv7(),
      kind: 'receipt',
      counts: {},
      receipt: { packetId: uuidv7(), sha256: 'a'.repeat(64), kind: 'full', importedAt: new Date().toISOString(), totals: { inserted: 0, updated: 0, unchanged: 0, conflicts: 0 } },
    };
    expect((await refused(await seal(signLines([JSON.stringify(receipt)], identityOf(a)), { recipient: recipientOf(bureau) }))).code).toBe('RECEIPT_FOR_UNKNOWN_PACKET');
  });

  it('signed by a trusted office but not well formed: PACKET_INVALID', async () => {
    const m = manifestOf(lines);
    const fresh = () => JSON.stringify({ ...m, packetId: uuidv7() });
    // The manifest lists other counts than the records.
    const counts = [JSON.stringify({ ...m, packetId: uuidv7(), counts: { ...(m['counts'] as object), persons: 99 } }), ...body().slice(1)];
    expect((await refused(await seal(signLines(counts, identityOf(a)), { recipient: recipientOf(bureau) }))).code).toBe('PACKET_INVALID');
    // A column this schema does not have.
    const record = JSON.parse(body()[1] as string) as { table: string; row: Record<string, unknown> };
    const badColumn = [fresh(), JSON.stringify({ table: record.table, row: { ...record.row, no_such_column: 1 } }), ...body().slice(2)];
    const r = await refused(await seal(signLines(badColumn, identityOf(a)), { recipient: recipientOf(bureau) }));
    expect(r).toMatchObject({ code: 'PACKET_INVALID', details: { reason: 'record', problem: 'unknown column no_such_column' } });
    // A version that is no version vector.
    const badVersion = [fresh(), JSON.stringify({ table: record.table, row: { ...record.row, version: '[1,2]' } }), ...body().slice(2)];
    expect((await refused(await seal(signLines(badVersion, identityOf(a)), { recipient: recipientOf(bureau) }))).code).toBe('PACKET_INVALID');
    // No manifest at all.
    expect((await refused(await seal(signLines(body().slice(1), identityOf(a)), { recipient: recipientOf(bureau) }))).code).toBe('PACKET_INVALID');
  });

  it('a record that breaks a rule of this database rolls the whole import back', async () => {
    const m = manifestOf(lines);
    const rows = body().slice(1);
    const persons = rows.filter((l) => l.startsWith('{"table":"persons"'));
    // A new person (new id, new ID number) whose gender this schema does not allow.
    const last = JSON.parse(persons[persons.length - 1] as string) as { table: string; row: Record<string, unknown> };
    const bad = JSON.stringify({ table: 'persons', row: { ...last.row, id: uuidv7(), id_number: '140702194503150000', gender: 'unknown' } });
    const broken = [...persons.slice(0, -1), bad];
    const text = signLines([JSON.stringify({ ...m, packetId: uuidv7(), counts: { persons: persons.length } }), ...broken], identityOf(a));
    const before = dumpDatabase(bureau.t.app);
    const name = drop(bureau, await seal(text, { recipient: recipientOf(bureau) }), `t-${uuidv7()}.age`);
    const r = await call(bureau.t.app, bureau.admin, 'packets.import', { fileName: name });
    expect(r.ok ? 'ok' : r.error.code).toBe('PACKET_INVALID');
    // Only the automatic backup taken before the merge is recorded; no record, no log entry.
    const after = dumpDatabase(bureau.t.app);
    const backups = (after['audit_log'] as { entity: string }[]).filter((e) => e.entity === 'backup').length - (before['audit_log'] as { entity: string }[]).filter((e) => e.entity === 'backup').length;
    expect(backups).toBe(1);
    expect({ ...after, audit_log: (after['audit_log'] as { entity: string }[]).filter((e) => e.entity !== 'backup') }).toEqual({
      ...before,
      audit_log: (before['audit_log'] as { entity: string }[]).filter((e) => e.entity !== 'backup'),
    });
  });
});

describe('fuzz', () => {
  it('mutated packets never crash the import and never write', async () => {
    const iterations = Number(process.env['PACKETS_FUZZ_ITERATIONS'] ?? 1500);
    const result = await runFuzz({ iterations, seed: 20261127 });
    expect(result.crashes).toEqual([]);
    expect(result.accepted).toEqual([]);
    expect(result.noopRefused).toEqual([]);
    expect(result.iterations).toBe(iterations);
    // Every kind of refusal was met along the way.
    expect(Object.keys(result.codes)).toEqual(expect.arrayContaining(['PACKET_DAMAGED', 'PACKET_TRUNCATED', 'BUNDLE_HASH_MISMATCH']));
  }, 600_000);
});
