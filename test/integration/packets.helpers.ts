/**
 * Shared set-up for the packet tests: offices and a bureau in temp folders, trusting each
 * other's key cards, and packets carried between their packets/in and packets/out folders.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Decrypter, Encrypter } from 'age-encryption';
import { makeApp, call, ok, type TestApp } from '../helpers/app';
import { personInput } from '../helpers/persons';
import type { Session } from '../../main/auth/session';
import type { ChannelInput, ChannelOutput } from '../../shared/contract';
import { boxPath } from '../../main/services/packets/files';
import { loadIdentity, signDigest, type OwnIdentity } from '../../main/services/packets/keys';

export interface Office {
  t: TestApp;
  admin: Session;
  id: string;
  name: string;
  areaCode: string;
}

let areaSeq = 0;

/** An office of county 140702 (榆次区), unless `area` gives another 12-digit area code. */
export async function makeOffice(name: string, mode: 'community' | 'bureau' = 'community', area?: string): Promise<Office> {
  const t = makeApp();
  const session = t.app.sessions.create(t.clock.time);
  // Two digits are free in a bureau's code: wrap (the offices of one test never come near 99).
  areaSeq = (areaSeq % 99) + 1;
  const areaCode = area ?? (mode === 'bureau' ? `1407020000${String(areaSeq).padStart(2, '0')}` : `14070200${String(areaSeq).padStart(4, '0')}`);
  await ok(
    call(t.app, session, 'setup.create', {
      officeName: name,
      areaCode,
      mode,
      adminUsername: 'admin',
      adminDisplayName: '管理员',
      adminPassword: 'Admin2026pass',
    }),
  );
  await ok(call(t.app, session, 'settings.update', { idleLockMinutes: 0 }));
  const info = await ok(call(t.app, session, 'app.info', {}));
  return { t, admin: session, id: info.office?.id as string, name, areaCode };
}

/** `to` trusts `from`: reads its card and confirms the fingerprint shown on it. */
export async function trust(to: Office, from: Office): Promise<void> {
  const card = await ok(call(from.t.app, from.admin, 'keys.card', {}));
  await ok(call(to.t.app, to.admin, 'keys.trust', { card: card.json, fingerprint: card.fingerprintGroups }));
}

export async function trustBoth(a: Office, b: Office): Promise<void> {
  await trust(a, b);
  await trust(b, a);
}

let personSeq = 500;

/**
 * A county bureau and three communities it trusts and that trust it (幸福里社区, 锦绣苑社区, 桃园社区),
 * as the statistics tests of the bureau use them. `keep` is told of each office, to close it after.
 */
export async function bureauWithThree(keep: (o: Office) => void): Promise<{ bureau: Office; a: Office; b: Office; c: Office }> {
  const bureau = await makeOffice('榆次区委老干部局', 'bureau');
  const a = await makeOffice('幸福里社区');
  const b = await makeOffice('锦绣苑社区');
  const c = await makeOffice('桃园社区');
  for (const o of [bureau, a, b, c]) keep(o);
  for (const o of [a, b, c]) await trustBoth(o, bureau);
  return { bureau, a, b, c };
}

export async function addPerson(o: Office, overrides: Parameters<typeof personInput>[0] = {}): Promise<string> {
  personSeq += 1;
  const { id } = await ok(call(o.t.app, o.admin, 'persons.create', personInput({ seq: personSeq, grid: '', ...overrides })));
  return id;
}

export type ExportInput = ChannelInput<'packets.export'>;

export async function exportFrom(from: Office, input: ExportInput): Promise<ChannelOutput<'packets.export'>> {
  return ok(call(from.t.app, from.admin, 'packets.export', input));
}

/** Copies a file into an office's inbox (as the renderer's upload would) and answers its name there. */
export function carry(file: string, to: Office, name = path.basename(file)): string {
  fs.mkdirSync(path.dirname(boxPath(to.t.dir, 'in', name)), { recursive: true });
  fs.copyFileSync(file, boxPath(to.t.dir, 'in', name));
  return name;
}

export async function importAt(to: Office, fileName: string, extra: Partial<ChannelInput<'packets.import'>> = {}): Promise<ChannelOutput<'packets.import'>> {
  return ok(call(to.t.app, to.admin, 'packets.import', { fileName, ...extra }));
}

/** Exports from `from` to `to` and imports there; the receipt travels back unless told not to. */
export async function send(from: Office, to: Office, kind: 'full' | 'incremental' | 'transfer' = 'full', persons?: string[], receiptBack = true) {
  const exported = await exportFrom(from, { kind, to: to.id, ...(persons ? { persons } : {}) });
  const imported = await importAt(to, carry(exported.path, to));
  if (receiptBack && imported.receipt) await importAt(from, carry(imported.receipt.path, from));
  return { exported, imported };
}

export function rowsOf(o: Office, table: string): Record<string, unknown>[] {
  return o.t.app.db.prepare(`SELECT * FROM "${table}" ORDER BY id`).all() as Record<string, unknown>[];
}

export function closeAll(...offices: (Office | undefined)[]): void {
  for (const o of offices) o?.t.close();
}

// ---- taking packets apart and putting them together, as an attacker (or a buggy sender) would ----

export async function plaintextOf(file: string | Buffer, identity: string): Promise<Buffer> {
  const d = new Decrypter();
  d.addIdentity(identity);
  const bytes = typeof file === 'string' ? fs.readFileSync(file) : file;
  return zlib.gunzipSync(await d.decrypt(bytes));
}

/** The JSON Lines of a packet, without the final empty string. */
export async function linesOf(file: string | Buffer, identity: string): Promise<string[]> {
  return (await plaintextOf(file, identity)).toString('utf8').split('\n').slice(0, -1);
}

/** A valid age file around gzip'd plaintext, for a recipient or a passphrase. */
export async function seal(plaintext: Buffer | string, to: { recipient: string } | { passphrase: string }): Promise<Buffer> {
  const e = new Encrypter();
  if ('passphrase' in to) {
    e.setScryptWorkFactor(10);
    e.setPassphrase(to.passphrase);
  } else {
    e.addRecipient(to.recipient);
  }
  return Buffer.from(await e.encrypt(zlib.gzipSync(typeof plaintext === 'string' ? Buffer.from(plaintext) : plaintext)));
}

/** Manifest and records (the trailer dropped), re-signed with `identity` as the trailer says. */
export function signLines(body: string[], identity: OwnIdentity, signature?: string): string {
  const text = body.map((l) => `${l}\n`).join('');
  const sha256 = crypto.createHash('sha256').update(text).digest('hex');
  return `${text}${JSON.stringify({ trailer: { sha256, algorithm: 'ed25519', signature: signature ?? signDigest(identity, sha256) } })}\n`;
}

export function identityOf(o: Office): OwnIdentity {
  return loadIdentity(o.t.dir) as OwnIdentity;
}

export function recipientOf(o: Office): string {
  return identityOf(o).ageRecipient;
}

/** Writes bytes into an office's inbox under a name. */
export function drop(to: Office, bytes: Buffer, name: string): string {
  const file = boxPath(to.t.dir, 'in', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return name;
}
