/**
 * Packet fuzzing: a seeded loop of mutated packets imported into a bureau. None may crash (every
 * failure is an AppError with a code) and none may write (the connection's change count stays put;
 * a full dump is compared now and then). Mutations:
 *   cipher   bytes of the age file flipped, cut, inserted, deleted or repeated
 *   plain    the JSON Lines changed (bytes, lines dropped, doubled or swapped) and sealed again in a
 *            valid age file for the bureau, without re-signing
 *   gzip     the gzip stream changed, sealed again
 *   signed   the JSON Lines changed and re-signed by the trusted office (a buggy sender): these may
 *            import, into another office, which must stay whole (integrity and foreign keys)
 *
 * A mutation can leave the packet as genuine as it was: a changed gzip header (time, flags, name)
 * around the same text, or a trailer written differently with the same values (spaces, key order,
 * escapes, no final newline: JSON does not tell them apart, and nothing else in the trailer may
 * vary, see format.ts). Such a mutation is a no-op: its decrypted, gunzipped content is compared
 * with the original's (everything the signature covers, byte for byte, and the trailer's values),
 * and it is checked with inspect — it must be accepted — instead of imported.
 *
 * The same seed gives the same run: every random source the offices, their keys and the age files
 * draw on (node:crypto and Web Crypto random bytes, key generation, uuid's clock) is fed from the
 * seed for the run's length. In the tests: 1,500 iterations (test/integration/packets-tamper.test.ts).
 * More:
 *   npm run fuzz -- --iterations 10000 --seed 11
 */
import nodeCrypto from 'node:crypto';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { Decrypter, Encrypter } from 'age-encryption';
import { dumpDatabase } from '../helpers/app';
import { AppError } from '../../shared/errors';
import { importPacket, inspectPacket } from '../../main/services/packets/import';
import { boxPath } from '../../main/services/packets/files';
import { SYSTEM_ACTOR } from '../../main/db/audit';
import { addPerson, closeAll, drop, exportFrom, identityOf, linesOf, makeOffice, plaintextOf, recipientOf, seal, signLines, trustBoth, type Office } from './packets.helpers';
import { call, ok } from '../helpers/app';
import { prng } from '../helpers/prng';

export interface FuzzResult {
  iterations: number;
  codes: Record<string, number>;
  strategies: Record<string, number>;
  /** Mutations refused with an AppError (their codes are in `codes`). */
  refused: number;
  /** Mutations that left the signed content as it was, and were accepted as the genuine packet. */
  noops: number;
  /** No-ops refused all the same (the reader is stricter than the format says). */
  noopRefused: string[];
  /** Mutations that imported although they should not have. */
  accepted: string[];
  /** Failures that were not AppErrors. */
  crashes: string[];
  signedImported: number;
  /** SHA-256 of the packet the run mutates: the same for the same seed (in a fresh process). */
  packet: string;
  ms: number;
}

function mutateBytes(src: Buffer, rnd: () => number): Buffer {
  const int = (n: number) => Math.floor(rnd() * n);
  const b = Buffer.from(src);
  switch (int(6)) {
    case 0: {
      for (let i = 0, n = 1 + int(4); i < n; i++) {
        const at = int(b.length);
        b[at] = (b[at] as number) ^ (1 << int(8));
      }
      return b;
    }
    case 1:
      return b.subarray(0, int(b.length));
    case 2: {
      const at = int(b.length);
      return Buffer.concat([b.subarray(0, at), Buffer.from([int(256), int(256)]).subarray(0, 1 + int(2)), b.subarray(at)]);
    }
    case 3: {
      const at = int(b.length);
      return Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + int(64))]);
    }
    case 4: {
      const at = int(b.length);
      const len = 1 + int(256);
      return Buffer.concat([b.subarray(0, at + len), b.subarray(at, at + len), b.subarray(at + len)]);
    }
    default: {
      const at = int(b.length);
      const value = int(256);
      b.fill(value, at, Math.min(b.length, at + 1 + int(32)));
      return b;
    }
  }
}

function mutateLines(lines: string[], rnd: () => number): string[] {
  const int = (n: number) => Math.floor(rnd() * n);
  const out = [...lines];
  const i = int(out.length);
  switch (int(6)) {
    case 0:
      out.splice(i, 1);
      return out;
    case 1:
      out.splice(i, 0, out[i] as string);
      return out;
    case 2: {
      const j = int(out.length);
      [out[i], out[j]] = [out[j] as string, out[i] as string];
      return out;
    }
    case 3: {
      const line = out[i] as string;
      const at = int(line.length);
      out[i] = line.slice(0, at) + String.fromCharCode(32 + int(95)) + line.slice(at + 1);
      return out;
    }
    case 4: {
      const line = out[i] as string;
      out[i] = line.replace(/\d/, String(int(10))).replace(/"[a-z_]+":/, (m) => (rnd() < 0.5 ? m : `"x${m.slice(1)}`));
      return out;
    }
    default:
      out[i] = (out[i] as string).slice(0, int((out[i] as string).length));
      return out;
  }
}

// ---- the same run for the same seed ---------------------------------------------------------

const PKCS8_PREFIX: Record<string, Buffer> = {
  x25519: Buffer.from('302e020100300506032b656e04220420', 'hex'),
  ed25519: Buffer.from('302e020100300506032b657004220420', 'hex'),
};
/** uuid v7 takes the time from Date.now: a fixed time far ahead of any clock state uuid already holds. */
const FIXED_NOW = Date.parse('2099-01-01T00:00:00.000Z');

/**
 * Feeds every random source the offices, keys and packets draw on from the seed, until the returned
 * function puts them back. Per process: uuid's clock state outlives a run, so a second run in the
 * same process gets other ids.
 */
function seedRandomness(seed: number): () => void {
  const next = prng(seed ^ 0x5bd1e995);
  const fill = <T extends ArrayBufferView>(view: T): T => {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
    return view;
  };
  // node:crypto's own getRandomValues cannot be replaced; it calls Web Crypto's, replaced below.
  const names = ['randomFillSync', 'randomBytes', 'randomUUID', 'generateKeyPairSync'] as const;
  const saved = new Map(names.map((n) => [n, Object.getOwnPropertyDescriptor(nodeCrypto, n)]));
  const originalKeyPair = nodeCrypto.generateKeyPairSync as unknown as (...args: unknown[]) => unknown;
  const put = (name: (typeof names)[number], value: unknown) => Object.defineProperty(nodeCrypto, name, { value, configurable: true, writable: true, enumerable: true });
  const savedNow = Date.now;
  const web = globalThis.crypto;
  const webOwn = Object.getOwnPropertyDescriptor(web, 'getRandomValues');
  let fills = 0;
  put('randomFillSync', (buf: ArrayBufferView | ArrayBuffer, offset = 0, size?: number) => {
    fills++;
    const view = buf instanceof ArrayBuffer ? new Uint8Array(buf) : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    fill(view.subarray(offset, size === undefined ? undefined : offset + size));
    return buf;
  });
  put('randomBytes', (n: number, cb?: (err: Error | null, bytes: Buffer) => void) => {
    const bytes = fill(Buffer.alloc(n));
    if (!cb) return bytes;
    process.nextTick(cb, null, bytes);
    return undefined;
  });
  const getRandomValues = <T extends ArrayBufferView>(view: T): T => fill(view);
  Object.defineProperty(web, 'getRandomValues', { value: getRandomValues, configurable: true, writable: true });
  put('randomUUID', () => {
    const b = fill(Buffer.alloc(16));
    b[6] = ((b[6] as number) & 0x0f) | 0x40;
    b[8] = ((b[8] as number) & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  });
  put('generateKeyPairSync', (type: string, ...rest: unknown[]) => {
    const prefix = PKCS8_PREFIX[type];
    if (!prefix) return originalKeyPair(type, ...rest);
    const privateKey = nodeCrypto.createPrivateKey({ key: Buffer.concat([prefix, fill(Buffer.alloc(32))]), format: 'der', type: 'pkcs8' });
    return { privateKey, publicKey: nodeCrypto.createPublicKey(privateKey) };
  });
  Date.now = () => FIXED_NOW;
  syncBuiltinESMExports();
  // uuid keeps a pool of random bytes and the time and sequence of its last v7 id: use up what came
  // before the run, then move the clock on once so the next id starts a sequence from the seed.
  while (fills === 0) uuidv7();
  Date.now = () => FIXED_NOW + 1;
  return () => {
    for (const [name, descriptor] of saved) if (descriptor) Object.defineProperty(nodeCrypto, name, descriptor);
    Date.now = savedNow;
    if (webOwn) Object.defineProperty(web, 'getRandomValues', webOwn);
    else delete (web as unknown as Record<string, unknown>)['getRandomValues'];
    syncBuiltinESMExports();
  };
}

// ---- telling a genuine packet from a changed one -------------------------------------------

interface Opened {
  /** Every byte the signature covers: the lines before the trailer, each with its newline. */
  signed: Buffer;
  /** The trailer line as written. */
  trailer: string;
}

/** Splits JSON Lines as the reader does: the last line (a final newline aside) is the trailer. */
function openPlaintext(plain: Buffer): Opened | null {
  const end = plain.length > 0 && plain[plain.length - 1] === 0x0a ? plain.length - 1 : plain.length;
  const nl = plain.lastIndexOf(0x0a, end - 1);
  if (nl < 0) return null;
  return { signed: plain.subarray(0, nl + 1), trailer: plain.subarray(nl + 1, end).toString('utf8') };
}

function gunzipped(bytes: Buffer): Buffer | null {
  try {
    return zlib.gunzipSync(bytes);
  } catch {
    return null;
  }
}

async function decrypted(bytes: Buffer, identity: string): Promise<Buffer | null> {
  try {
    const d = new Decrypter();
    d.addIdentity(identity);
    return Buffer.from(await d.decrypt(bytes));
  } catch {
    return null;
  }
}

/** The same signed content, and a trailer with exactly the original's fields and values. */
function isNoop(plain: Buffer | null, original: Opened): boolean {
  if (plain === null) return false;
  const opened = openPlaintext(plain);
  if (opened === null || !opened.signed.equals(original.signed)) return false;
  try {
    return JSON.stringify(canonical(JSON.parse(opened.trailer))) === JSON.stringify(canonical(JSON.parse(original.trailer)));
  } catch {
    return false;
  }
}

/** Object keys sorted at every level: key order is one of the things JSON does not tell apart. */
function canonical(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(canonical);
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
  );
}

export async function runFuzz(options: { iterations: number; seed: number; log?: (line: string) => void }): Promise<FuzzResult> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const rnd = prng(options.seed);
  const unseed = seedRandomness(options.seed);
  const offices: Office[] = [];
  try {
    const a = await makeOffice('幸福里社区');
    const bureau = await makeOffice('榆次区委老干部局', 'bureau');
    const sink = await makeOffice('锦绣苑社区');
    offices.push(a, bureau, sink);
    await trustBoth(a, bureau);
    await trustBoth(a, sink);
    for (const name of ['张一', '张二']) {
      const id = await addPerson(a, { name });
      await ok(call(a.t.app, a.admin, 'family.add', { personId: id, fields: { name: '家属', relation: '儿子', phones: [], livesNearby: true, isEmergency: false, note: '' } }));
    }
    const toBureau = await exportFrom(a, { kind: 'full', to: bureau.id });
    const toSink = await exportFrom(a, { kind: 'full', to: sink.id });
    const cipher = fs.readFileSync(toBureau.path);
    const plain = await plaintextOf(cipher, identityOf(bureau).ageIdentity);
    const gz = zlib.gzipSync(plain);
    const lines = await linesOf(cipher, identityOf(bureau).ageIdentity);
    const sinkLines = await linesOf(toSink.path, identityOf(sink).ageIdentity);
    const recipient = recipientOf(bureau);
    const bureauIdentity = identityOf(bureau).ageIdentity;
    const original = openPlaintext(plain) as Opened;
    const file = boxPath(bureau.t.dir, 'in', 'fuzz.age');
    fs.mkdirSync(path.dirname(file), { recursive: true });

    const result: FuzzResult = { iterations: 0, codes: {}, strategies: {}, refused: 0, noops: 0, noopRefused: [], accepted: [], crashes: [], signedImported: 0, packet: nodeCrypto.createHash('sha256').update(cipher).digest('hex'), ms: 0 };
    const refusedWith = (err: unknown, what: string) => {
      if (err instanceof AppError) {
        result.codes[err.code] = (result.codes[err.code] ?? 0) + 1;
        result.refused++;
      } else result.crashes.push(`${what}: ${String((err as Error).stack ?? err)}`);
    };
    const changes = () => (bureau.t.app.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const baseline = dumpDatabase(bureau.t.app);
    const changesBefore = changes();

    for (let i = 0; i < options.iterations; i++) {
      const roll = rnd();
      const strategy = roll < 0.45 ? 'cipher' : roll < 0.8 ? 'plain' : roll < 0.92 ? 'gzip' : 'signed';
      result.strategies[strategy] = (result.strategies[strategy] ?? 0) + 1;
      let bytes: Buffer;
      /** What the mutated packet unpacks to, when it can be told without the app. */
      let content: Buffer | null;
      if (strategy === 'cipher') {
        bytes = mutateBytes(cipher, rnd);
        if (bytes.equals(cipher)) bytes = cipher.subarray(0, cipher.length - 1);
        const opened = await decrypted(bytes, bureauIdentity);
        content = opened && gunzipped(opened);
      } else if (strategy === 'plain') {
        let text = mutateLines(lines, rnd).join('\n') + '\n';
        if (text === plain.toString('utf8')) text += ' ';
        bytes = await seal(text, { recipient });
        content = Buffer.from(text);
      } else if (strategy === 'gzip') {
        let mutated = mutateBytes(gz, rnd);
        if (mutated.equals(gz)) mutated = gz.subarray(0, gz.length - 1);
        // seal() gzips; a mutated gzip stream is encrypted as it is.
        const enc = new Encrypter();
        enc.addRecipient(recipient);
        bytes = Buffer.from(await enc.encrypt(mutated));
        content = gunzipped(mutated);
      } else {
        const body = mutateLines(sinkLines.slice(0, -1), rnd);
        const m = body[0];
        if (m && m.startsWith('{"format"')) {
          try {
            body[0] = JSON.stringify({ ...(JSON.parse(m) as object), packetId: uuidv7() });
          } catch {
            // leave the mutated manifest as it is
          }
        }
        const sealed = await seal(signLines(body, identityOf(a)), { recipient: recipientOf(sink) });
        const name = drop(sink, sealed, 'fuzz-signed.age');
        try {
          await importPacket(sink.t.app, boxPath(sink.t.dir, 'in', name), { actor: SYSTEM_ACTOR, receipt: false });
          result.signedImported++;
        } catch (err) {
          refusedWith(err, `${i} signed`);
        }
        result.iterations++;
        continue;
      }
      fs.writeFileSync(file, bytes);
      if (isNoop(content, original)) {
        // The genuine packet, written differently: it must be accepted (checked without importing it).
        try {
          const seen = await inspectPacket(bureau.t.app, file);
          if (seen.wouldFail === null) result.noops++;
          else result.noopRefused.push(`${i} ${strategy}: ${seen.wouldFail}`);
        } catch (err) {
          if (err instanceof AppError) result.noopRefused.push(`${i} ${strategy}: ${err.code}`);
          else result.crashes.push(`${i} ${strategy} (no-op): ${String((err as Error).stack ?? err)}`);
        }
      } else {
        try {
          await importPacket(bureau.t.app, file, { actor: SYSTEM_ACTOR, receipt: false });
          result.accepted.push(`${i} ${strategy}`);
        } catch (err) {
          refusedWith(err, `${i} ${strategy}`);
        }
      }
      if (changes() !== changesBefore) {
        result.accepted.push(`${i} ${strategy}: wrote to the database`);
        break;
      }
      result.iterations++;
      if ((i + 1) % 250 === 0) {
        if (JSON.stringify(dumpDatabase(bureau.t.app)) !== JSON.stringify(baseline)) {
          result.accepted.push(`${i}: the database changed`);
          break;
        }
        log(`${i + 1} / ${options.iterations}: ${JSON.stringify(result.codes)}`);
      }
    }
    const integrity = sink.t.app.db.pragma('integrity_check', { simple: true });
    const fk = sink.t.app.db.pragma('foreign_key_check') as unknown[];
    if (integrity !== 'ok' || fk.length > 0) result.crashes.push(`the office importing re-signed mutations is damaged: ${String(integrity)}, ${fk.length} foreign key problems`);
    result.ms = Math.round(performance.now() - started);
    return result;
  } finally {
    closeAll(...offices);
    unseed();
  }
}

// `npm run fuzz`: more iterations than the test suite runs.
if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  const { values } = parseArgs({ options: { iterations: { type: 'string', default: '20000' }, seed: { type: 'string', default: String(Date.now() % 1_000_000) } } });
  const iterations = Number(values.iterations);
  const seed = Number(values.seed);
  console.log(`packet fuzz: ${iterations} iterations, seed ${seed}`);
  runFuzz({ iterations, seed, log: (line) => console.log(line) })
    .then((r) => {
      console.log(JSON.stringify({ ...r, crashes: r.crashes.slice(0, 5), accepted: r.accepted.slice(0, 5), noopRefused: r.noopRefused.slice(0, 5) }, null, 2));
      console.log(
        `seed ${seed}: ${r.iterations} iterations — accepted no-ops ${r.noops}, refused ${r.refused}, signed mutations imported ${r.signedImported}, ` +
          `crashed ${r.crashes.length}, wrongly accepted ${r.accepted.length}, no-ops refused ${r.noopRefused.length}, time ${(r.ms / 1000).toFixed(1)} s`,
      );
      if (r.crashes.length > 0 || r.accepted.length > 0) process.exitCode = 1;
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
