/**
 * A data folder as the version before encryption left it: plain SQLite, plain keys/identity.json,
 * plain backups, made by today's services on a database opened without a key (which is what that
 * version wrote). Used by the upgrade, kill and leak tests.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { closeApp, openApp } from '../../main/context';
import { openKeyed } from '../../main/db/connection';
import type { DatabaseKey } from '../../main/db/cipher';
import { call, ok, TEST_PASSWORD_COST, TestClock, tempDir, USER_PASSWORD } from '../helpers/app';
import { SETUP } from '../helpers/closed';
import { databasePath } from '../../main/paths';
import { upgradeFiles } from '../../main/db/upgrade';
import { personInput } from '../helpers/persons';

export const PEOPLE = [
  { name: '欧阳建国', phone: '13912345678', seq: 11 },
  { name: '司马秀英', phone: '15887654321', seq: 12 },
  { name: '诸葛卫东', phone: '18611112222', seq: 13 },
] as const;

export interface PlainOffice {
  dir: string;
  names: string[];
  idNumbers: string[];
  phones: string[];
  /** The age identity and Ed25519 private key as the plain identity file held them. */
  secrets: string[];
  /** The Ed25519 private key's 32 bytes. */
  signingKeyRaw: Buffer;
}

/** Tables a login writes to (last login, audit): left out of the content hash compared across an upgrade. */
const CHANGED_BY_LOGIN = new Set(['users', 'audit_log']);

/** SHA-256 over every row of every data table (ordered by rowid or key), the login's own tables left out. */
export function contentHash(db: Database.Database): { hash: string; counts: Record<string, number> } {
  const tables = (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string; sql: string }[]).filter(
    (t) => !/^\s*CREATE\s+VIRTUAL/i.test(t.sql),
  );
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const width = (db.prepare('SELECT count(*) AS n FROM pragma_table_info(?)').get(t.name) as { n: number }).n;
    const order = Array.from({ length: width }, (_, i) => i + 1).join(', ');
    const rows = db.prepare(`SELECT * FROM "${t.name}" ORDER BY ${order}`).raw().all() as unknown[][];
    counts[t.name] = rows.length;
    if (CHANGED_BY_LOGIN.has(t.name)) continue;
    hash.update(t.name);
    for (const row of rows) hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? v.toString() : v)));
  }
  return { hash: hash.digest('hex'), counts };
}

export function hashOf(file: string, key: DatabaseKey | undefined): { hash: string; counts: Record<string, number> } {
  const db = openKeyed(file, key, { readonly: true, fileMustExist: true });
  try {
    return contentHash(db);
  } finally {
    db.close();
  }
}

/**
 * A one-person plaintext office (its folder added to `dirs`, removed after the test) about to be
 * upgraded step by step: its database, the database's content before, the upgrade's files and a
 * key of 32 bytes of `fill`.
 */
export async function plainOfficeToUpgrade(dirs: string[], fill: number) {
  const office = await makePlainOffice(1);
  dirs.push(office.dir);
  const db = databasePath(office.dir);
  return { office, db, before: hashOf(db, undefined), f: upgradeFiles(office.dir, db), key: Buffer.alloc(32, fill) };
}

/**
 * A plaintext office in a new folder: admin, an enabled worker, a disabled worker, persons with
 * names, ID numbers and phones, a visit, the office's keys and a backup.
 */
export async function makePlainOffice(persons: number = PEOPLE.length): Promise<PlainOffice> {
  const dir = tempDir('cadrecare-plain-');
  const clock = new TestClock();
  const app = openApp({ dataDir: dir, transport: 'direct', clock: clock.now, passwordCost: TEST_PASSWORD_COST, plaintext: true });
  const names: string[] = [];
  const idNumbers: string[] = [];
  const phones: string[] = [];
  try {
    const admin = app.sessions.create(clock.time);
    await ok(call(app, admin, 'setup.create', SETUP));
    await ok(call(app, admin, 'users.create', { username: 'worker1', displayName: '李网格', role: 'gridworker', password: USER_PASSWORD, phone: null }));
    const gone = await ok(call(app, admin, 'users.create', { username: 'worker2', displayName: '赵离职', role: 'gridworker', password: USER_PASSWORD, phone: null }));
    app.db.prepare('UPDATE users SET must_change_password = 0').run();
    app.db.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(gone.id);
    let first: string | null = null;
    for (let i = 0; i < persons; i += 1) {
      const p = PEOPLE[i % PEOPLE.length] as (typeof PEOPLE)[number];
      const name = i < PEOPLE.length ? p.name : `${'赵钱孙李周吴郑王冯陈'[i % 10] ?? '张'}${'德明华英兰桂平安春秋'[Math.floor(i / 10) % 10] ?? '林'}`;
      const phone = i < PEOPLE.length ? p.phone : `139${String(10000000 + i).slice(-8)}`;
      const input = personInput({ name, birthDate: `1946-05-0${(i % 9) + 1}`, phones: [phone], seq: p.seq + i });
      const idNumber = input.idNumber as string;
      const { id } = await ok(call(app, admin, 'persons.create', input));
      first ??= id;
      if (i < PEOPLE.length) {
        names.push(name);
        idNumbers.push(idNumber);
        phones.push(phone);
      }
    }
    if (first) {
      await ok(call(app, admin, 'visits.record', { personId: first, fields: { visitDate: '2026-11-26', method: 'home', summary: '身体尚好', visitors: '小李' } }));
    }
    await ok(call(app, admin, 'keys.card', {}));
    await ok(call(app, admin, 'backup.create', {}));
    app.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    closeApp(app);
  }
  const identity = fs.readFileSync(path.join(dir, 'keys', 'identity.json'), 'utf8');
  const parsed = JSON.parse(identity) as { ageIdentity: string; signingPrivateKey: string };
  const pem = parsed.signingPrivateKey;
  const der = Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
  // PKCS#8 of an Ed25519 key: the last 32 bytes are the private key itself.
  const raw = der.subarray(der.length - 32);
  const secrets = [parsed.ageIdentity, pem.split('\n')[1] ?? '', raw.toString('base64'), raw.toString('hex')];
  return { dir, names, idNumbers, phones, secrets, signingKeyRaw: Buffer.from(raw) };
}
