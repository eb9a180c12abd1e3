/**
 * Nothing readable is left in the data folder: after real use of an upgraded office (persons with
 * names, ID numbers and phones, visits, the office's keys, backups) a copy of the folder is searched
 * for every known name, ID number and phone number in UTF-8, UTF-16LE/BE and GBK, and for the
 * private keys (the age identity, the Ed25519 private key as PEM, base64, hex and raw bytes).
 * The same search finds them all in the folder before the upgrade, so it is known to see them.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { closeApp, openApp, type AppContext } from '../../main/context';
import { ADMIN_PASSWORD, call, ok, TEST_PASSWORD_COST, TestClock, tempDir } from '../helpers/app';
import { personInput } from '../helpers/persons';
import { makePlainOffice, type PlainOffice } from './upgrade.helpers';

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) fs.rmSync(dir, { recursive: true, force: true });
});

function files(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return le.swap16();
}

interface Needle {
  what: string;
  bytes: Buffer;
}

function needlesOf(office: PlainOffice, extra: { names: string[]; idNumbers: string[]; phones: string[] }): Needle[] {
  const out: Needle[] = [];
  const texts = [...office.names, ...extra.names, ...office.idNumbers, ...extra.idNumbers, ...office.phones, ...extra.phones];
  for (const text of texts) {
    out.push({ what: `${text} utf8`, bytes: Buffer.from(text, 'utf8') });
    out.push({ what: `${text} utf16le`, bytes: Buffer.from(text, 'utf16le') });
    out.push({ what: `${text} utf16be`, bytes: utf16be(text) });
    const gbk = iconv.encode(text, 'gbk');
    if (!gbk.equals(Buffer.from(text, 'utf8'))) out.push({ what: `${text} gbk`, bytes: gbk });
  }
  out.push({ what: 'AGE-SECRET-KEY- (any age identity)', bytes: Buffer.from('AGE-SECRET-KEY-') });
  out.push({ what: 'AGE-SECRET-KEY- utf16le', bytes: Buffer.from('AGE-SECRET-KEY-', 'utf16le') });
  for (const s of office.secrets) if (s.length >= 16) out.push({ what: `private key text ${s.slice(0, 12)}…`, bytes: Buffer.from(s) });
  out.push({ what: 'Ed25519 private key bytes', bytes: office.signingKeyRaw });
  return out;
}

function findAll(dir: string, needles: Needle[]): string[] {
  const hits: string[] = [];
  for (const file of files(dir)) {
    const content = fs.readFileSync(file);
    for (const n of needles) if (content.includes(n.bytes)) hits.push(`${path.relative(dir, file)}: ${n.what}`);
  }
  return hits;
}

async function login(app: AppContext, clock: TestClock) {
  const s = app.sessions.create(clock.time);
  await ok(call(app, s, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }));
  return s;
}

describe('no plaintext in the data folder', () => {
  it('after an upgrade and real use, no file holds a name, ID number, phone or private key in any encoding', async () => {
    const office = await makePlainOffice();
    cleanup.push(office.dir);
    const extra = { names: [] as string[], idNumbers: [] as string[], phones: [] as string[] };
    const needles = () => needlesOf(office, extra);

    // The search sees them in the plaintext folder: every person, every encoding of the database's text, the keys.
    const before = findAll(office.dir, needles());
    for (const name of office.names) expect(before.some((h) => h.includes(`${name} utf8`)), name).toBe(true);
    expect(before.some((h) => h.includes('AGE-SECRET-KEY-'))).toBe(true);
    expect(before.some((h) => h.includes('private key text'))).toBe(true);

    const clock = new TestClock();
    let app = openApp({ dataDir: office.dir, transport: 'direct', clock: clock.now, passwordCost: TEST_PASSWORD_COST });
    let s = await login(app, clock);
    // Real use after the upgrade: a new person, a visit, the keys read, a backup, a key rotation.
    const input = personInput({ name: '上官婉清', gender: 'female', birthDate: '1948-02-03', phones: ['13577778888'], seq: 77 });
    extra.names.push('上官婉清');
    extra.idNumbers.push(input.idNumber as string);
    extra.phones.push('13577778888');
    const { id } = await ok(call(app, s, 'persons.create', input));
    await ok(call(app, s, 'visits.record', { personId: id, fields: { visitDate: '2026-11-27', method: 'phone', summary: '上官婉清说腿疼', visitors: '小李' } }));
    await ok(call(app, s, 'keys.card', {}));
    await ok(call(app, s, 'keys.rotate', {}));
    await ok(call(app, s, 'backup.create', {}));
    await ok(call(app, s, 'auth.logout', {}));
    closeApp(app);
    // And once more, leaving the database open with a WAL when the copy is taken (as a copied running office would).
    app = openApp({ dataDir: office.dir, transport: 'direct', clock: clock.now, passwordCost: TEST_PASSWORD_COST });
    s = await login(app, clock);
    await ok(call(app, s, 'persons.update', { id, fields: { ...input, address: '幸福里小区8号楼' } }));
    const copy = tempDir('cadrecare-leak-');
    cleanup.push(copy);
    fs.cpSync(office.dir, copy, { recursive: true });
    closeApp(app);

    const list = files(copy).map((f) => path.relative(copy, f));
    expect(list.some((f) => f.endsWith('-wal'))).toBe(true);
    expect(list.filter((f) => f.startsWith('backups/') && f.endsWith('.sqlite')).length).toBeGreaterThanOrEqual(2);
    expect(list.some((f) => f.startsWith('keys/'))).toBe(true);
    expect(findAll(copy, needles())).toEqual([]);
  }, 120_000);
});
