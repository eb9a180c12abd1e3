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
 * In the tests: 1,500 iterations (test/integration/packets-tamper.test.ts). More:
 *   npm run fuzz -- --iterations 20000 --seed 7
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { Encrypter } from 'age-encryption';
import { dumpDatabase } from '../helpers/app';
import { AppError } from '../../shared/errors';
import { importPacket } from '../../main/services/packets/import';
import { boxPath } from '../../main/services/packets/files';
import { SYSTEM_ACTOR } from '../../main/db/audit';
import { addPerson, closeAll, drop, exportFrom, identityOf, linesOf, makeOffice, plaintextOf, recipientOf, seal, signLines, trustBoth, type Office } from './packets.helpers';
import { call, ok } from '../helpers/app';

export interface FuzzResult {
  iterations: number;
  codes: Record<string, number>;
  strategies: Record<string, number>;
  /** Mutations that imported although they should not have. */
  accepted: string[];
  /** Failures that were not AppErrors. */
  crashes: string[];
  signedImported: number;
  ms: number;
}

/** mulberry32: small, seeded, good enough to choose mutations. */
function prng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
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
      b.fill(int(256), at, at + 1 + int(32));
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

export async function runFuzz(options: { iterations: number; seed: number; log?: (line: string) => void }): Promise<FuzzResult> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const rnd = prng(options.seed);
  const a = await makeOffice('幸福里社区');
  const bureau = await makeOffice('榆次区委老干部局', 'bureau');
  const sink = await makeOffice('锦绣苑社区');
  const offices: Office[] = [a, bureau, sink];
  try {
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
    const file = boxPath(bureau.t.dir, 'in', 'fuzz.age');
    fs.mkdirSync(path.dirname(file), { recursive: true });

    const result: FuzzResult = { iterations: 0, codes: {}, strategies: {}, accepted: [], crashes: [], signedImported: 0, ms: 0 };
    const changes = () => (bureau.t.app.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const baseline = dumpDatabase(bureau.t.app);
    const changesBefore = changes();

    for (let i = 0; i < options.iterations; i++) {
      const roll = rnd();
      const strategy = roll < 0.45 ? 'cipher' : roll < 0.8 ? 'plain' : roll < 0.92 ? 'gzip' : 'signed';
      result.strategies[strategy] = (result.strategies[strategy] ?? 0) + 1;
      let bytes: Buffer;
      if (strategy === 'cipher') {
        bytes = mutateBytes(cipher, rnd);
        if (bytes.equals(cipher)) bytes = cipher.subarray(0, cipher.length - 1);
      } else if (strategy === 'plain') {
        let text = mutateLines(lines, rnd).join('\n') + '\n';
        if (text === plain.toString('utf8')) text += ' ';
        bytes = await seal(text, { recipient });
      } else if (strategy === 'gzip') {
        let mutated = mutateBytes(gz, rnd);
        if (mutated.equals(gz)) mutated = gz.subarray(0, gz.length - 1);
        // seal() gzips; a mutated gzip stream is encrypted as it is.
        const enc = new Encrypter();
        enc.addRecipient(recipient);
        bytes = Buffer.from(await enc.encrypt(mutated));
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
          if (err instanceof AppError) result.codes[err.code] = (result.codes[err.code] ?? 0) + 1;
          else result.crashes.push(`${i} signed: ${String((err as Error).stack ?? err)}`);
        }
        result.iterations++;
        continue;
      }
      fs.writeFileSync(file, bytes);
      try {
        await importPacket(bureau.t.app, file, { actor: SYSTEM_ACTOR, receipt: false });
        result.accepted.push(`${i} ${strategy}`);
      } catch (err) {
        if (err instanceof AppError) result.codes[err.code] = (result.codes[err.code] ?? 0) + 1;
        else result.crashes.push(`${i} ${strategy}: ${String((err as Error).stack ?? err)}`);
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
      console.log(JSON.stringify({ ...r, crashes: r.crashes.slice(0, 5), accepted: r.accepted.slice(0, 5) }, null, 2));
      if (r.crashes.length > 0 || r.accepted.length > 0) process.exitCode = 1;
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
