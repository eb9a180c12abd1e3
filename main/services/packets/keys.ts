/**
 * This office's identity: an age X25519 key pair (packets are encrypted to it) and an Ed25519 key
 * pair (packets are signed with it), kept as files in <data folder>/keys/ (folder 0700, files 0600),
 * never in the database, so a database backup carries no secret key.
 *
 *   keys/identity.json            the current identity
 *   keys/retired/<time>-<fp>.json identities replaced by a rotation, kept to read packets sent to them
 *
 * Which identity is this office's is recorded in its database (ownIdentity.ts), which is the only
 * way the rest of the app gets it: missing or foreign key files are refused, never replaced.
 *
 * The key card is what others need of it (office, keys, created); its fingerprint is the SHA-256 of
 * the card's canonical JSON (keys sorted, no spaces), shown as eight groups of four hex digits.
 */
import { seal, shouldSeal, unseal } from '../../db/sealedFiles';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { bech32 } from '@scure/base';
import { AppError } from '../../../shared/errors';
import { KEY_CARD_TYPE, keyCardFileSchema, keyCardSchema, type KeyCard } from '../../../shared/schemas/packets';
import type { Office } from '../../../shared/schemas/office';

export const KEYS_FOLDER = 'keys';
const IDENTITY_FILE = 'identity.json';
const RETIRED_FOLDER = 'retired';

export interface OwnIdentity {
  created: string;
  /** AGE-SECRET-KEY-1…: decrypts packets sent to this office. */
  ageIdentity: string;
  /** age1…: what others encrypt to. */
  ageRecipient: string;
  /** Ed25519 private key, PKCS#8 PEM. */
  signingPrivateKey: string;
  /** Ed25519 public key, base64 of the 32 raw bytes. */
  signingKey: string;
  /** Set on identities replaced by a rotation. */
  retiredAt: string | null;
}

const identityFileSchema = z.object({
  version: z.literal(1),
  created: z.string(),
  ageIdentity: z.string().startsWith('AGE-SECRET-KEY-1'),
  ageRecipient: z.string().startsWith('age1'),
  signingPrivateKey: z.string().includes('PRIVATE KEY'),
  signingKey: z.string(),
  retiredAt: z.string().nullable().default(null),
});

export function keysDir(dataDir: string): string {
  return path.join(dataDir, KEYS_FOLDER);
}

function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    fs.chmodSync(dir, 0o700);
  } catch {
    // Windows: permissions come from the user profile folder the data folder sits in.
  }
}

/**
 * Writes a file readable by this user only, through a temporary name, so it is whole or absent.
 * `ownFolder`: the folder is the app's own (keys/) and is made private too; a folder the person chose is left as it is.
 */
export function writePrivateFile(file: string, content: string, ownFolder = false): void {
  if (ownFolder) ensurePrivateDir(path.dirname(file));
  const temp = `${file}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  try {
    fs.writeFileSync(temp, content, { mode: 0o600 });
    fs.chmodSync(temp, 0o600);
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

function b64urlToBytes(text: string): Buffer {
  return Buffer.from(text, 'base64url');
}

/** Bech32 (BIP 173) in lower case, as age writes its keys; age does not apply BIP 173's 90-character limit. */
function ageBech32(prefix: string, bytes: Uint8Array): string {
  return bech32.encode(prefix, bech32.toWords(bytes), false);
}

/** A new identity, made with node:crypto (X25519 and Ed25519), written as age writes its keys. */
export function generateIdentity(created: string): OwnIdentity {
  const x = crypto.generateKeyPairSync('x25519');
  const xJwk = x.privateKey.export({ format: 'jwk' });
  if (!xJwk.d || !xJwk.x) throw new Error('x25519 key export failed');
  const ed = crypto.generateKeyPairSync('ed25519');
  const edJwk = ed.publicKey.export({ format: 'jwk' });
  if (!edJwk.x) throw new Error('ed25519 key export failed');
  return {
    created,
    ageIdentity: ageBech32('AGE-SECRET-KEY-', b64urlToBytes(xJwk.d)).toUpperCase(),
    ageRecipient: ageBech32('age', b64urlToBytes(xJwk.x)),
    signingPrivateKey: ed.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    signingKey: b64urlToBytes(edJwk.x).toString('base64'),
    retiredAt: null,
  };
}

function identityText(identity: OwnIdentity): string {
  return `${JSON.stringify({ version: 1, ...identity }, null, 2)}\n`;
}

/**
 * An identity file, sealed under the database key (main/db/sealedFiles.ts). One written before
 * encryption is sealed in place the first time it is read with the key known.
 */
function readIdentityFile(dataDir: string, file: string): OwnIdentity {
  const text = fs.readFileSync(file, 'utf8');
  const plain = unseal(dataDir, text, file);
  if (shouldSeal(dataDir, text)) writePrivateFile(file, seal(dataDir, plain));
  const parsed = identityFileSchema.safeParse(JSON.parse(plain));
  if (!parsed.success) throw new AppError('INTERNAL', `The key file ${path.basename(file)} is not valid.`, { file: path.basename(file) });
  const { version: _version, ...identity } = parsed.data;
  return identity;
}

export function identityFile(dataDir: string): string {
  return path.join(keysDir(dataDir), IDENTITY_FILE);
}

export function loadIdentity(dataDir: string): OwnIdentity | null {
  const file = identityFile(dataDir);
  return fs.existsSync(file) ? readIdentityFile(dataDir, file) : null;
}

/**
 * Writes the current identity. Only ownIdentity.ts calls it: it knows whether this office may get
 * new keys (never when the ones its database records went missing).
 */
export function writeIdentity(dataDir: string, identity: OwnIdentity): void {
  writePrivateFile(identityFile(dataDir), seal(dataDir, identityText(identity)), true);
}

/** Identities replaced by rotations, newest first. */
export function retiredIdentities(dataDir: string): OwnIdentity[] {
  const dir = path.join(keysDir(dataDir), RETIRED_FOLDER);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => readIdentityFile(dataDir, path.join(dir, f)))
    .sort((a, b) => (b.retiredAt ?? '').localeCompare(a.retiredAt ?? ''));
}

/** Keeps a replaced identity (retired) so packets already sent to it still open. */
export function retireIdentity(dataDir: string, old: OwnIdentity, at: string): OwnIdentity {
  const retired: OwnIdentity = { ...old, retiredAt: at };
  const stamp = at.replace(/[-:.]/g, '').slice(0, 15);
  const fp = crypto.createHash('sha256').update(old.signingKey).digest('hex').slice(0, 8);
  ensurePrivateDir(keysDir(dataDir));
  writePrivateFile(path.join(keysDir(dataDir), RETIRED_FOLDER, `${stamp}-${fp}.json`), seal(dataDir, identityText(retired)), true);
  return retired;
}

// ---- key cards -------------------------------------------------------------------------------

/** JSON with object keys sorted at every level and no spaces: the same card gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function keyCardOf(office: Office, identity: OwnIdentity): KeyCard {
  return {
    type: KEY_CARD_TYPE,
    version: 1,
    officeId: office.id,
    name: office.name,
    areaCode: office.areaCode,
    mode: office.mode,
    ageRecipient: identity.ageRecipient,
    signingKey: identity.signingKey,
    created: identity.created,
  };
}

export function cardFingerprint(card: KeyCard): string {
  return crypto.createHash('sha256').update(canonicalJson(card), 'utf8').digest('hex');
}

/** The first 128 bits of a fingerprint as eight groups of four: 3F2A-91C0-…. */
export function fingerprintGroups(hex: string): string {
  return (hex.slice(0, 32).toUpperCase().match(/.{4}/g) ?? []).join('-');
}

/** What a person typed or pasted, reduced to hex digits in upper case. */
export function normaliseFingerprint(text: string): string {
  return text.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
}

/** Does what the person read from the card (at least the eight groups) match the card? */
export function fingerprintMatches(card: KeyCard, confirmed: string): boolean {
  const typed = normaliseFingerprint(confirmed);
  const full = cardFingerprint(card).toUpperCase();
  return typed.length >= 32 && full.startsWith(typed);
}

export function cardFileName(card: KeyCard): string {
  return `cadrecare-keycard-${card.areaCode}-${card.created.slice(0, 10).replace(/-/g, '')}.json`;
}

export function cardFileText(card: KeyCard): string {
  return `${JSON.stringify({ ...card, fingerprint: fingerprintGroups(cardFingerprint(card)) }, null, 2)}\n`;
}

/** Reads a key card file's text; anything but a whole, well-formed card is KEY_CARD_INVALID. */
export function parseCardText(text: string): KeyCard {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new AppError('KEY_CARD_INVALID', 'The key card is not valid JSON.', { reason: 'json' });
  }
  const parsed = keyCardFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('KEY_CARD_INVALID', 'The key card is not a CadreCare key card.', {
      reason: 'shape',
      fields: parsed.error.issues.slice(0, 10).map((i) => i.path.join('.')),
    });
  }
  const { fingerprint: _shown, ...card } = parsed.data;
  const recipient = bech32.decodeUnsafe(card.ageRecipient, false);
  const bytes = recipient ? bech32.fromWordsUnsafe(recipient.words) : undefined;
  if (!recipient || recipient.prefix !== 'age' || !bytes || bytes.length !== 32) {
    throw new AppError('KEY_CARD_INVALID', 'The age recipient of the key card is not valid.', { reason: 'ageRecipient' });
  }
  if (Buffer.from(card.signingKey, 'base64').length !== 32) {
    throw new AppError('KEY_CARD_INVALID', 'The signing key of the key card is not valid.', { reason: 'signingKey' });
  }
  return keyCardSchema.parse(card);
}

/** The identity as a standard age identity file, the form `age-keygen` writes and `age -d -i` reads. */
export function ageIdentityFileText(identity: OwnIdentity, office: Office): string {
  return [
    `# CadreCare identity of ${office.name} (${office.areaCode})`,
    `# created: ${identity.created}`,
    `# public key: ${identity.ageRecipient}`,
    identity.ageIdentity,
    '',
  ].join('\n');
}

// ---- signatures ------------------------------------------------------------------------------

/** What is signed: a fixed label and the hex SHA-256 of the packet's plaintext before its trailer. */
export function signedMessage(sha256Hex: string): Buffer {
  return Buffer.from(`cadrecare-packet-v1:${sha256Hex}`, 'utf8');
}

export function signDigest(identity: OwnIdentity, sha256Hex: string): string {
  const key = crypto.createPrivateKey(identity.signingPrivateKey);
  return crypto.sign(null, signedMessage(sha256Hex), key).toString('base64');
}

export function verifyDigest(signingKey: string, sha256Hex: string, signature: string): boolean {
  try {
    const raw = Buffer.from(signingKey, 'base64');
    const sig = Buffer.from(signature, 'base64');
    if (raw.length !== 32 || sig.length !== 64) return false;
    const key = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
    return crypto.verify(null, signedMessage(sha256Hex), key, sig);
  } catch {
    return false;
  }
}

/** Short fingerprint of one signing key, for logs and messages. */
export function signingKeyId(signingKey: string): string {
  return crypto.createHash('sha256').update(Buffer.from(signingKey, 'base64')).digest('hex').slice(0, 16);
}
