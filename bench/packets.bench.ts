/**
 * Packets at county size, on a copy of the county database (the cached one stays as it is):
 *
 *  - full export beside a floor measured in the same run: the same rows SELECTed, written as JSON
 *    Lines, gzip'd and age-encrypted with nothing else (target: export ≤ 1.3 × floor); and beside the
 *    age command-line tool encrypting the same gzip'd plaintext (and this library encrypting it);
 *  - full import into an empty database beside a raw better-sqlite3 insert of the same rows in one
 *    transaction (target ≤ 2.0 ×);
 *  - peak memory (max RSS of a child process) of import and export at community and county size
 *    (target ≤ 300 MB, and flat: about the same at both sizes);
 *  - an incremental packet of 100 changed records exported and imported at county size
 *    (target ≤ 200 ms, independent of the database size).
 *
 * Run alone: npm run bench -- --only packets. The child processes run this file with --packets-child.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { Encrypter } from 'age-encryption';
import { closeApp, openApp, type AppContext } from '../main/context';
import { SYSTEM_ACTOR } from '../main/db/audit';
import { openDatabase } from '../main/db/connection';
import { updateSynced } from '../main/db/sync';
import { setupOffice, getOffice } from '../main/services/app/office';
import { exportPacket } from '../main/services/packets/export';
import { importPacket } from '../main/services/packets/import';
import { cardFingerprint, keyCardOf } from '../main/services/packets/keys';
import { officeIdentity } from '../main/services/packets/ownIdentity';
import { trustCard } from '../main/services/packets/trust';
import { ensureChangeTracking, syncedTableMetas } from '../main/services/packets/tables';
import { GZIP_LEVEL } from '../main/services/packets/format';
import { fillDatabase, SIZES } from './generator/index';
import { mark, ms, ratio } from './lib/stats';
import type { BenchContext, BenchTable, Benchmark, Cell } from './lib/types';

export const EXPORT_RATIO_TARGET = 1.3;
export const IMPORT_RATIO_TARGET = 2.0;
export const PEAK_MB_TARGET = 300;
export const INCREMENTAL_MS_TARGET = 200;

const SELF = fileURLToPath(import.meta.url);
const AGE_CLI = ['/usr/bin/age', '/usr/local/bin/age'].find((p) => fs.existsSync(p)) ?? null;

function newOffice(dataDir: string, name: string, areaCode: string, mode: 'community' | 'bureau'): void {
  const app = openApp({ dataDir, transport: 'direct' });
  try {
    app.db
      .transaction(() =>
        setupOffice(app.db, { officeName: name, areaCode, mode, adminUsername: 'admin', adminDisplayName: '管理员', adminPassword: 'Bench2026pass' }, new Date().toISOString(), app.passwordCost),
      )
      .immediate();
    officeIdentity(app.db, app.dataDir, new Date());
  } finally {
    closeApp(app);
  }
}

/** `to` trusts `from`, as after comparing the fingerprint. */
function trust(to: AppContext, from: AppContext): void {
  const office = getOffice(from.db);
  const own = getOffice(to.db);
  if (!office || !own) throw new Error('office missing');
  const card = keyCardOf(office, officeIdentity(from.db, from.dataDir, new Date()));
  to.db.transaction(() => trustCard(to.db, card, cardFingerprint(card), own.id, SYSTEM_ACTOR, new Date().toISOString())).immediate();
}

function officeId(app: AppContext): string {
  return (getOffice(app.db) as { id: string }).id;
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/** The floor: the same rows, JSON Lines, gzip, age — nothing else (no counts, hash, signature, padding, log). */
async function floorExport(dbPath: string, tables: string[], recipient: string | null, out: string): Promise<number> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    db.exec('BEGIN');
    async function* lines(): AsyncGenerator<string> {
      let batch = '';
      for (const t of tables) {
        const prefix = `{"table":${JSON.stringify(t)},"row":`;
        for (const row of db.prepare(`SELECT * FROM "${t}"`).iterate() as IterableIterator<unknown>) {
          batch += `${prefix}${JSON.stringify(row)}}\n`;
          if (batch.length >= 256 * 1024) {
            yield batch;
            batch = '';
          }
        }
      }
      if (batch) yield batch;
    }
    const gz = Readable.from(lines(), { objectMode: false }).pipe(zlib.createGzip({ level: GZIP_LEVEL }));
    if (recipient === null) {
      await pipeline(gz, fs.createWriteStream(out));
    } else {
      const e = new Encrypter();
      e.addRecipient(recipient);
      const sealed = await e.encrypt(Readable.toWeb(gz) as unknown as ReadableStream<Uint8Array>);
      await pipeline(Readable.fromWeb(sealed as unknown as NodeReadableStream<Uint8Array>), fs.createWriteStream(out));
    }
    db.exec('COMMIT');
    return fs.statSync(out).size;
  } finally {
    db.close();
  }
}

/** This library encrypting a file as it is, streamed. */
async function libraryEncrypt(file: string, recipient: string, out: string): Promise<void> {
  const e = new Encrypter();
  e.addRecipient(recipient);
  const sealed = await e.encrypt(Readable.toWeb(fs.createReadStream(file, { highWaterMark: 256 * 1024 })) as unknown as ReadableStream<Uint8Array>);
  await pipeline(Readable.fromWeb(sealed as unknown as NodeReadableStream<Uint8Array>), fs.createWriteStream(out));
}

/** The same rows inserted into an empty database in one transaction, straight from the source. */
function rawInsert(sourcePath: string, targetPath: string, tables: string[]): { ms: number; rows: number } {
  const src = new Database(sourcePath, { readonly: true, fileMustExist: true });
  const dst = openDatabase(targetPath);
  try {
    const start = performance.now();
    let rows = 0;
    dst
      .transaction(() => {
        for (const t of tables) {
          const cols = (src.prepare('SELECT name FROM pragma_table_info(?)').all(t) as { name: string }[]).map((c) => c.name);
          const insert = dst.prepare(`INSERT INTO "${t}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
          for (const row of src.prepare(`SELECT * FROM "${t}"`).raw().iterate() as IterableIterator<unknown[]>) {
            insert.run(...row);
            rows++;
          }
        }
      })
      .immediate();
    return { ms: performance.now() - start, rows };
  } finally {
    src.close();
    dst.close();
  }
}

interface ChildResult {
  ms: number;
  maxRssMb: number;
  rows: number;
}

/** Runs an import or export in a child process and answers its time and peak memory. */
function child(args: string[], nodeFlags: string[] = []): ChildResult {
  const r = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', SELF, '--packets-child', ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`child ${args[0]} failed: ${r.stderr || r.stdout}`);
  const last = r.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as ChildResult;
}

async function childMain(argv: string[]): Promise<void> {
  const [what, dataDir, file, to] = argv;
  const app = openApp({ dataDir: dataDir as string, transport: 'direct' });
  try {
    const start = performance.now();
    let rows = 0;
    if (what === 'import') {
      const r = await importPacket(app, file as string, { actor: SYSTEM_ACTOR, receipt: false });
      rows = r.summary.total;
    } else {
      const r = await exportPacket(app, { kind: 'full', to, out: file, actor: SYSTEM_ACTOR });
      rows = r.total;
    }
    const result: ChildResult = { ms: performance.now() - start, maxRssMb: process.resourceUsage().maxRSS / 1024, rows };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    closeApp(app);
  }
}

async function run(ctx: BenchContext): Promise<BenchTable[]> {
  const fixture = await ctx.county();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cadrecare-bench-packets-'));
  try {
    // ---- set-up: a copy of the county database (the sender) and an empty bureau (the receiver)
    const srcDir = path.join(work, 'county');
    ctx.log(`packets: copying the county database (${(fixture.meta.sizeBytes / 1e6).toFixed(0)} MB) …`);
    fs.cpSync(fixture.dataDir, srcDir, { recursive: true });
    const emptyDir = path.join(work, 'empty-template');
    newOffice(emptyDir, '晋中市委老干部局', '140700000000', 'bureau');
    const dstDir = path.join(work, 'receiver');
    fs.cpSync(emptyDir, dstDir, { recursive: true });

    let src = openApp({ dataDir: srcDir, transport: 'direct' });
    let dst = openApp({ dataDir: dstDir, transport: 'direct' });
    officeIdentity(src.db, src.dataDir, new Date());
    trust(src, dst);
    trust(dst, src);
    const empty = openApp({ dataDir: emptyDir, transport: 'direct' });
    trust(empty, src);
    closeApp(empty);
    const tables = syncedTableMetas(src.db).map((m) => m.name);
    const recipient = officeIdentity(dst.db, dst.dataDir, new Date()).ageRecipient;
    const dstId = officeId(dst);

    // One-time: numbering every existing row for incremental packets (done by the first export after an upgrade).
    const tracking = performance.now();
    src.db.transaction(() => ensureChangeTracking(src.db, new Date().toISOString())).immediate();
    const trackingMs = performance.now() - tracking;

    // ---- full export, floor, age CLI
    ctx.log('packets: full export …');
    const full = await timedAsync(() => exportPacket(src, { kind: 'full', to: dstId, out: path.join(work, 'full.age'), actor: SYSTEM_ACTOR }));
    ctx.log('packets: floor …');
    const floor = await timedAsync(() => floorExport(src.dbPath, tables, recipient, path.join(work, 'floor.age')));
    const gzOnly = await timedAsync(() => floorExport(src.dbPath, tables, null, path.join(work, 'floor.gz')));
    const gzFile = path.join(work, 'floor.gz');
    const lib = await timedAsync(() => libraryEncrypt(gzFile, recipient, path.join(work, 'lib.age')));
    let cliMs = Number.NaN;
    if (AGE_CLI) {
      const t = performance.now();
      const r = spawnSync(AGE_CLI, ['-r', recipient, '-o', path.join(work, 'cli.age'), gzFile]);
      cliMs = r.status === 0 ? performance.now() - t : Number.NaN;
    }
    const gzBytes = fs.statSync(gzFile).size;

    // ---- full import beside raw inserts
    ctx.log('packets: full import …');
    const stages: Record<string, number> = {};
    const importStart = performance.now();
    const imported = await timedAsync(() =>
      importPacket(dst, full.value.path, {
        actor: SYSTEM_ACTOR,
        receiptDir: work,
        progress: (_d, _t, stage) => {
          stages[stage] ??= performance.now() - importStart;
        },
      }),
    );
    ctx.log('packets: raw insert …');
    const raw = rawInsert(src.dbPath, path.join(work, 'raw', 'raw.sqlite'), tables);

    // ---- incremental: 100 changed records, after the full packet was acknowledged
    ctx.log('packets: incremental …');
    await importPacket(src, (imported.value.receipt as { path: string }).path, { actor: SYSTEM_ACTOR });
    const ids = (src.db.prepare('SELECT id, notes FROM persons WHERE deleted_at IS NULL ORDER BY random() LIMIT 100').all() as { id: string; notes: string }[]);
    const at = new Date().toISOString();
    src.db
      .transaction(() => {
        for (const p of ids) updateSynced(src.db, { actor: SYSTEM_ACTOR, officeId: officeId(src), at }, 'persons', p.id, { notes: `${p.notes}（已走访）` });
      })
      .immediate();
    const incExport = await timedAsync(() => exportPacket(src, { kind: 'incremental', to: dstId, out: path.join(work, 'inc.age'), actor: SYSTEM_ACTOR }));
    const incStages: Record<string, number> = {};
    const incStart = performance.now();
    const incImport = await timedAsync(() =>
      importPacket(dst, incExport.value.path, {
        actor: SYSTEM_ACTOR,
        receipt: false,
        progress: (_d, _t, stage) => {
          incStages[stage] ??= performance.now() - incStart;
        },
      }),
    );
    const incBackupMs = (incStages['progress.packetMerge'] ?? incImport.ms) - (incStages['progress.backup'] ?? 0);
    const incWithoutBackup = incImport.ms - incBackupMs;

    // ---- peak memory in child processes: community and county size
    closeApp(src);
    closeApp(dst);
    ctx.log('packets: peak memory, community size …');
    const commDir = path.join(work, 'community');
    newOffice(commDir, '幸福里社区', '140702001001', 'community');
    {
      const comm = openApp({ dataDir: commDir, transport: 'direct' });
      const commOffice = officeId(comm);
      fillDatabase(comm.db, { actor: SYSTEM_ACTOR, officeId: commOffice, at: new Date().toISOString() }, { seed: ctx.seed, count: SIZES.community, referenceDate: '2026-01-01', transactionSize: 1000, path: 'fast' });
      const e2 = openApp({ dataDir: emptyDir, transport: 'direct' });
      trust(comm, e2);
      trust(e2, comm);
      closeApp(e2);
      closeApp(comm);
    }
    const commCopy = path.join(work, 'community-receiver');
    fs.cpSync(emptyDir, commCopy, { recursive: true });
    const emptyId = (() => {
      const e = openApp({ dataDir: emptyDir, transport: 'direct' });
      try {
        return officeId(e);
      } finally {
        closeApp(e);
      }
    })();
    const commExport = child(['export', commDir, path.join(work, 'comm.age'), emptyId]);
    const commImport = child(['import', commCopy, path.join(work, 'comm.age')]);
    ctx.log('packets: peak memory, county size …');
    const countyCopy = path.join(work, 'county-receiver');
    fs.cpSync(emptyDir, countyCopy, { recursive: true });
    // The receiver template trusts the county sender, so the county export can go to it.
    src = openApp({ dataDir: srcDir, transport: 'direct' });
    {
      const e3 = openApp({ dataDir: emptyDir, transport: 'direct' });
      trust(src, e3);
      closeApp(e3);
    }
    closeApp(src);
    const countyExport = child(['export', srcDir, path.join(work, 'county2.age'), emptyId]);
    const countyImport = child(['import', countyCopy, path.join(work, 'county2.age')]);
    // The same with V8's heap held to 64 MB: what the work itself needs, without the garbage V8 lets pile up.
    ctx.log('packets: peak memory, county size, heap capped …');
    const capped = ['--max-old-space-size=64'];
    const countyCopy2 = path.join(work, 'county-receiver-2');
    fs.cpSync(emptyDir, countyCopy2, { recursive: true });
    const cappedExport = child(['export', srcDir, path.join(work, 'county3.age'), emptyId], capped);
    const cappedImport = child(['import', countyCopy2, path.join(work, 'county3.age')], capped);
    dst = openApp({ dataDir: dstDir, transport: 'direct' });
    closeApp(dst);

    const rows = full.value.total;
    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
    const exportTable: BenchTable = {
      title: `Full export at county size (${rows.toLocaleString('en')} rows of ${tables.length} tables; ms)`,
      columns: ['what', 'ms', 'size', 'ratio', `≤${EXPORT_RATIO_TARGET}`],
      rows: [
        ['export (exportPacket)', ms(full.ms), mb(full.value.sizeBytes), ratio(full.ms, floor.ms), mark(full.ms / floor.ms <= EXPORT_RATIO_TARGET)],
        ['floor: SELECT → JSON Lines → gzip → age', ms(floor.ms), mb(fs.statSync(path.join(work, 'floor.age')).size), '1.00', ''],
        ['  of which SELECT → JSON Lines → gzip', ms(gzOnly.ms), mb(gzBytes), ratio(gzOnly.ms, floor.ms), ''],
        ['age CLI encrypting the gzip’d plaintext', Number.isNaN(cliMs) ? 'n/a' : ms(cliMs), mb(gzBytes), '', ''],
        ['age-encryption (this library) encrypting it', ms(lib.ms), mb(gzBytes), Number.isNaN(cliMs) ? '' : `${ratio(lib.ms, cliMs)} × CLI`, ''],
        ['one-time change numbering (first export after upgrade)', ms(trackingMs), '', '', ''],
      ] as Cell[][],
      notes: [
        `target: export ≤ ${EXPORT_RATIO_TARGET} × floor (printed, never asserted); gzip level ${GZIP_LEVEL}.`,
        'the export adds to the floor: counts per table, the SHA-256 and signature, the padding to whole age chunks, fsync and the log.',
      ],
    };
    const t = imported.value.report.totals;
    const verifyMs = stages['progress.backup'] ?? Number.NaN;
    const mergeStart = stages['progress.packetMerge'] ?? Number.NaN;
    const importTable: BenchTable = {
      title: `Full import into an empty database (${rows.toLocaleString('en')} rows; ms)`,
      columns: ['what', 'ms', 'ratio', `≤${IMPORT_RATIO_TARGET}`],
      rows: [
        ['import (importPacket), all of it', ms(imported.ms), ratio(imported.ms, raw.ms), mark(imported.ms / raw.ms <= IMPORT_RATIO_TARGET)],
        ['  decrypt, gunzip, verify, check records', ms(verifyMs), '', ''],
        ['  backup of the (empty) database', ms(mergeStart - verifyMs), '', ''],
        ['  merge transaction (+ receipt)', ms(imported.ms - mergeStart), ratio(imported.ms - mergeStart, raw.ms), ''],
        ['raw better-sqlite3 insert, one transaction', ms(raw.ms), '1.00', ''],
      ],
      notes: [
        `inserted ${t.inserted}, updated ${t.updated}, unchanged ${t.unchanged}, conflicts ${t.conflicts}; raw inserted ${raw.rows}`,
        `target: import ≤ ${IMPORT_RATIO_TARGET} × raw insert (printed, never asserted). The raw insert has no change-sequence triggers; the import's tables do.`,
      ],
    };
    const memTable: BenchTable = {
      title: 'Peak memory (max RSS of a child process running only the export or import)',
      columns: ['size', 'rows', 'export ms', 'export MB', 'import ms', 'import MB', `≤${PEAK_MB_TARGET} MB`],
      rows: [
        ['community', commImport.rows, ms(commExport.ms), commExport.maxRssMb.toFixed(0), ms(commImport.ms), commImport.maxRssMb.toFixed(0), mark(Math.max(commExport.maxRssMb, commImport.maxRssMb) <= PEAK_MB_TARGET)],
        ['county', countyImport.rows, ms(countyExport.ms), countyExport.maxRssMb.toFixed(0), ms(countyImport.ms), countyImport.maxRssMb.toFixed(0), mark(Math.max(countyExport.maxRssMb, countyImport.maxRssMb) <= PEAK_MB_TARGET)],
        ['county, heap ≤ 64 MB', cappedImport.rows, ms(cappedExport.ms), cappedExport.maxRssMb.toFixed(0), ms(cappedImport.ms), cappedImport.maxRssMb.toFixed(0), mark(Math.max(cappedExport.maxRssMb, cappedImport.maxRssMb) <= PEAK_MB_TARGET)],
      ],
      notes: [
        'flat: the county figures should be close to the community ones although the packet is ~50 times larger;',
        'the last row runs the county export and import with V8 held to a 64 MB heap (--max-old-space-size=64): they',
        'complete, so nothing grows with the packet, and what the default row adds is garbage V8 had not yet collected.',
      ],
    };
    const incTable: BenchTable = {
      title: `Incremental packet of ${ids.length} changed records at county size (ms)`,
      columns: ['what', 'ms', `≤${INCREMENTAL_MS_TARGET}`],
      rows: [
        [`export (${incExport.value.total} rows, ${mb(incExport.value.sizeBytes)})`, ms(incExport.ms), mark(incExport.ms <= INCREMENTAL_MS_TARGET)],
        ['import without the backup (decrypt, verify, merge, log)', ms(incWithoutBackup), mark(incWithoutBackup <= INCREMENTAL_MS_TARGET)],
        ['  the automatic backup before the import', ms(incBackupMs), ''],
        ['import, all of it', ms(incImport.ms), mark(incImport.ms <= INCREMENTAL_MS_TARGET)],
      ],
      notes: [
        `updated ${incImport.value.report.totals.updated} of ${ids.length} at the receiver.`,
        'The automatic backup before every import (ARCHITECTURE.md) copies the whole database: it grows with the database, the rest does not.',
      ],
    };
    return [exportTable, importTable, memTable, incTable];
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export const packetsBenchmark: Benchmark = {
  name: 'packets',
  description: 'full export/import vs floor and raw insert, age CLI, peak memory, 100-record increments, at county size',
  run,
};

if (process.argv.includes('--packets-child')) {
  const at = process.argv.indexOf('--packets-child');
  childMain(process.argv.slice(at + 1)).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}

