/**
 * Packets: keys and trust, the channels, and round trips between offices and the bureau —
 * full and incremental with receipts, bureau → office, transfers, conflicts and their resolution,
 * deletes, passphrase backups.
 */
import { isUtf8 } from 'node:buffer';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call, dumpDatabase, errorCode, ok, sessionAs } from '../helpers/app';
import { boxPath } from '../../main/services/packets/files';
import { exportPacket } from '../../main/services/packets/export';
import { importPacket } from '../../main/services/packets/import';
import { keysDir } from '../../main/services/packets/keys';
import { checkOfficeKeys } from '../../main/services/packets/ownIdentity';
import { SYSTEM_ACTOR } from '../../main/db/audit';
import { syncedTables } from '../../main/db/syncedTables';
import { SYNC_COLUMN_NAMES } from '../../main/db/sync';
import { addPerson, carry, closeAll, drop, exportFrom, identityOf, importAt, linesOf, makeOffice, plaintextOf, recipientOf, rowsOf, seal, send, signLines, trust, trustBoth, type Office } from './packets.helpers';

let offices: Office[] = [];
afterEach(() => {
  closeAll(...offices);
  offices = [];
});

async function pair(aName = '幸福里社区', bName = '榆次区委老干部局', bMode: 'community' | 'bureau' = 'bureau'): Promise<[Office, Office]> {
  const a = await makeOffice(aName);
  const b = await makeOffice(bName, bMode);
  offices.push(a, b);
  await trustBoth(a, b);
  return [a, b];
}

/** Every synchronised row that came from `origin`, table by table. */
function syncedRows(o: Office, origin?: string): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of syncedTables()) {
    out[t] = o.t.app.db.prepare(`SELECT * FROM "${t}" ${origin ? 'WHERE origin_office = ?' : ''} ORDER BY id`).all(...(origin ? [origin] : []));
  }
  return out;
}

async function addHealthEvent(o: Office, personId: string, summary = '良好'): Promise<string> {
  return (await ok(call(o.t.app, o.admin, 'health.addEvent', { personId, fields: { kind: 'checkup', date: '2026-01-05', endDate: null, institution: '县医院', summary } }))).id;
}

async function rename(o: Office, personId: string, fields: Record<string, unknown>): Promise<void> {
  const detail = await ok(call(o.t.app, o.admin, 'persons.get', { id: personId }));
  const p = detail.person as unknown as Record<string, unknown>;
  const base = {
    name: p['name'],
    gender: p['gender'],
    idNumber: p['idNumber'],
    birthDate: p['birthDate'],
    phones: p['phones'],
    retirementType: p['retirementType'],
    retirementDate: p['retirementDate'],
    originalUnit: p['originalUnit'],
    unitLevel: p['unitLevel'],
    formerPosition: p['formerPosition'],
    rank: p['rank'],
    politicalStatus: p['politicalStatus'],
    community: p['community'],
    grid: p['grid'],
    address: p['address'],
    livingSituation: p['livingSituation'],
  };
  await ok(call(o.t.app, o.admin, 'persons.update', { id: personId, fields: { ...base, ...fields } as never }));
}

describe('the bytes of a packet', () => {
  it('are well-formed UTF-8 even where a stored text holds a lone surrogate, written as JavaScript reads it back', async () => {
    const [office, bureau] = await pair();
    const id = await addPerson(office, { notes: '子女在外地' });
    // A lone surrogate from a pasted text: better-sqlite3 stores its bytes as they are (WTF-8), not well-formed UTF-8.
    office.t.app.db.prepare('UPDATE persons SET notes = ? WHERE id = ?').run('子女\uD800在外地', id);
    const stored = office.t.app.db.prepare('SELECT notes FROM persons WHERE id = ?').pluck().get(id) as string;
    const exported = await exportFrom(office, { kind: 'full', to: bureau.id });
    const plain = await plaintextOf(exported.path, identityOf(bureau).ageIdentity);
    expect(isUtf8(plain)).toBe(true);
    const line = plain.toString('utf8').split('\n').find((l) => l.includes(id) && l.startsWith('{"table":"persons"'));
    expect((JSON.parse(line ?? '{}') as { row: { notes: string } }).row.notes).toBe(stored);
    await importAt(bureau, carry(exported.path, bureau));
    expect(bureau.t.app.db.prepare('SELECT notes FROM persons WHERE id = ?').pluck().get(id)).toBe(stored);
  });
});

describe('0004-packets migration', () => {
  it('creates the trust list, packet log, conflicts and change sequence tables', async () => {
    const a = await makeOffice('幸福里社区');
    offices.push(a);
    const tables = (a.t.app.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    for (const t of ['trusted_offices', 'trusted_keys', 'packet_log', 'sync_conflicts', 'sync_clock', 'sync_row_seq', 'sync_tracked']) expect(tables).toContain(t);
    expect(a.t.app.db.prepare('SELECT seq FROM sync_clock').get()).toEqual({ seq: 0 });
    expect(() => a.t.app.db.prepare("INSERT INTO packet_log (packet_id, direction, kind, created_at, logged_at, username, sha256) VALUES ('x', 'sideways', 'full', '', '', '', '')").run()).toThrow(/CHECK/);
    expect(() => a.t.app.db.prepare('INSERT INTO sync_clock (singleton, seq) VALUES (2, 0)').run()).toThrow();
  });

  it('the list of synchronised tables holds every table that has the sync columns', async () => {
    const a = await makeOffice('幸福里社区');
    offices.push(a);
    const db = a.t.app.db;
    const all = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
    const withSyncColumns = all.filter((t) => {
      const cols = new Set((db.prepare('SELECT name FROM pragma_table_info(?)').all(t) as { name: string }[]).map((c) => c.name));
      return SYNC_COLUMN_NAMES.every((c) => cols.has(c));
    });
    expect(new Set(syncedTables())).toEqual(new Set(withSyncColumns));
  });
});

describe('keys and the trust list', () => {
  it('makes the identity at setup, private to the user, and shows the card with its fingerprint', async () => {
    const a = await makeOffice('幸福里社区');
    offices.push(a);
    expect(fs.existsSync(path.join(keysDir(a.t.dir), 'identity.json'))).toBe(true);
    const card = await ok(call(a.t.app, a.admin, 'keys.card', {}));
    expect(card.fingerprintGroups).toMatch(/^([0-9A-F]{4}-){7}[0-9A-F]{4}$/);
    expect(card.card).toMatchObject({ officeId: a.id, name: '幸福里社区', areaCode: a.areaCode, mode: 'community' });
    expect(card.card.ageRecipient).toMatch(/^age1/);
    expect(JSON.parse(card.json)).toMatchObject({ ...card.card, fingerprint: card.fingerprintGroups });
    if (process.platform !== 'win32') {
      expect(fs.statSync(keysDir(a.t.dir)).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(keysDir(a.t.dir), 'identity.json')).mode & 0o777).toBe(0o600);
    }
    // The same card every time.
    expect((await ok(call(a.t.app, a.admin, 'keys.card', {}))).fingerprint).toBe(card.fingerprint);
  });

  it('trusts a card only with its fingerprint, refuses its own and broken cards, and leaves no trace when refused', async () => {
    const a = await makeOffice('幸福里社区');
    const b = await makeOffice('榆次区委老干部局', 'bureau');
    offices.push(a, b);
    const cardA = await ok(call(a.t.app, a.admin, 'keys.card', {}));
    const cardB = await ok(call(b.t.app, b.admin, 'keys.card', {}));
    const before = dumpDatabase(b.t.app);
    expect(await errorCode(call(b.t.app, b.admin, 'keys.trust', { card: cardA.json, fingerprint: '0000-0000-0000-0000-0000-0000-0000-0000' }))).toBe('KEY_FINGERPRINT_MISMATCH');
    expect(await errorCode(call(b.t.app, b.admin, 'keys.trust', { card: cardB.json, fingerprint: cardB.fingerprintGroups }))).toBe('KEY_CARD_INVALID');
    expect(await errorCode(call(b.t.app, b.admin, 'keys.trust', { card: '{"type":"x"}', fingerprint: cardA.fingerprintGroups }))).toBe('KEY_CARD_INVALID');
    const tampered = JSON.stringify({ ...cardA.card, name: '冒名社区' });
    expect(await errorCode(call(b.t.app, b.admin, 'keys.trust', { card: tampered, fingerprint: cardA.fingerprintGroups }))).toBe('KEY_FINGERPRINT_MISMATCH');
    expect(dumpDatabase(b.t.app)).toEqual(before);

    const seen = await ok(call(b.t.app, b.admin, 'keys.inspectCard', { card: cardA.json }));
    expect(seen).toMatchObject({ fingerprintGroups: cardA.fingerprintGroups, isOwn: false, alreadyTrusted: false });
    const trusted = await ok(call(b.t.app, b.admin, 'keys.trust', { card: cardA.json, fingerprint: cardA.fingerprint.toLowerCase() }));
    expect(trusted).toMatchObject({ officeId: a.id, name: '幸福里社区', trustedBy: 'admin' });
    const list = await ok(call(b.t.app, b.admin, 'keys.list', {}));
    expect(list.trusted.map((t) => t.officeId)).toEqual([a.id]);
    expect(list.own.card.officeId).toBe(b.id);
    const audit = await ok(call(b.t.app, b.admin, 'audit.list', { entity: 'trusted_office', limit: 10 }));
    expect(audit.entries).toHaveLength(1);
  });

  it('roles: admins manage keys, staff export and import, grid workers and viewers do neither', async () => {
    const [a, b] = await pair();
    const staff = await sessionAs(a.t, a.admin, 'staff');
    const gw = await sessionAs(a.t, a.admin, 'gridworker');
    const card = await ok(call(b.t.app, b.admin, 'keys.card', {}));
    expect(await errorCode(call(a.t.app, staff, 'keys.trust', { card: card.json, fingerprint: card.fingerprintGroups }))).toBe('FORBIDDEN');
    expect(await errorCode(call(a.t.app, staff, 'keys.exportIdentity', {}))).toBe('FORBIDDEN');
    expect(await errorCode(call(a.t.app, staff, 'keys.rotate', {}))).toBe('FORBIDDEN');
    expect(await errorCode(call(a.t.app, gw, 'packets.export', { kind: 'full', to: b.id }))).toBe('FORBIDDEN');
    expect(await errorCode(call(a.t.app, gw, 'conflicts.list', {}))).toBe('FORBIDDEN');
    expect(await errorCode(call(a.t.app, gw, 'conflicts.count', {}))).toBe('FORBIDDEN');
    const viewer = await sessionAs(a.t, a.admin, 'viewer');
    expect(await ok(call(a.t.app, viewer, 'conflicts.count', {}))).toEqual({ open: 0 });
    const exported = await ok(call(a.t.app, staff, 'packets.export', { kind: 'full', to: b.id }));
    expect(exported.kind).toBe('full');
    expect((await ok(call(a.t.app, staff, 'packets.log', {}))).entries[0]).toMatchObject({ username: 'staff1', direction: 'out' });
  });

  it('exports the secret identity as a standard age identity file', async () => {
    const a = await makeOffice('幸福里社区');
    offices.push(a);
    const id = await ok(call(a.t.app, a.admin, 'keys.exportIdentity', {}));
    expect(id.text).toMatch(/^# CadreCare identity/);
    expect(id.text).toMatch(/\nAGE-SECRET-KEY-1[0-9A-Z]{58}\n$/);
    expect(id.text).toContain(`# public key: ${id.recipient}`);
    const audit = await ok(call(a.t.app, a.admin, 'audit.list', { entity: 'office_identity', limit: 10 }));
    expect(audit.entries.map((e) => e.action)).toEqual(['backup']);
  });

  it('rotation: packets sent to the old key still open; the peer needs the new card, and old packets still verify', async () => {
    const [a, b] = await pair();
    await addPerson(a, { name: '王五' });
    // A packet to B made before B rotates, and one from A signed before A rotates.
    const toOldB = await exportFrom(a, { kind: 'full', to: b.id });
    await ok(call(b.t.app, b.admin, 'keys.rotate', {}));
    const list = await ok(call(b.t.app, b.admin, 'keys.list', {}));
    expect(list.own.retired).toHaveLength(1);
    expect(list.own.retired[0]?.replacedAt).not.toBeNull();
    const imported = await importAt(b, carry(toOldB.path, b));
    expect(imported.report.totals.inserted).toBeGreaterThan(0);

    // A rotates: its next packet is refused by B until B trusts the new card.
    await addPerson(a, { name: '赵六' });
    const signedOld = await exportFrom(a, { kind: 'incremental', to: b.id });
    a.t.clock.advance(60_000);
    await ok(call(a.t.app, a.admin, 'keys.rotate', {}));
    a.t.clock.advance(60_000);
    const signedNew = await exportFrom(a, { kind: 'incremental', to: b.id });
    const before = dumpDatabase(b.t.app);
    const refused = await call(b.t.app, b.admin, 'packets.import', { fileName: carry(signedNew.path, b) });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'UNKNOWN_SENDER', details: { knownOffice: true, offer: 'keys.trust' } });
    expect(dumpDatabase(b.t.app)).toEqual(before);
    b.t.clock.advance(120_000);
    await trust(b, a);
    const keys = (await ok(call(b.t.app, b.admin, 'keys.list', {}))).trusted[0]?.keys ?? [];
    expect(keys.map((k) => k.replacedAt === null)).toEqual([true, false]);
    expect((await importAt(b, signedNew.fileName)).summary.packetId).toBe(signedNew.packetId);
    // Made before the replacement, signed with the old key: still accepted.
    expect((await importAt(b, carry(signedOld.path, b))).report.tables['persons']).toMatchObject({ inserted: 1 });
  });
});

/** Every file under a folder with its content's hash: to show nothing was written there. */
function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return out;
}

describe('this office’s key files', () => {
  it('a missing keys folder is refused everywhere, nothing new is made, and replacing the keys is the way out', async () => {
    const [a, bureau] = await pair();
    await addPerson(a, { name: '钥一' });
    await send(a, bureau, 'full');
    const before = (await ok(call(bureau.t.app, bureau.admin, 'keys.card', {}))).fingerprint;
    const waiting = await exportFrom(a, { kind: 'incremental', to: bureau.id });
    fs.rmSync(keysDir(bureau.t.dir), { recursive: true, force: true });

    const dump = dumpDatabase(bureau.t.app);
    for (const channel of ['keys.card', 'keys.list', 'keys.exportIdentity'] as const) {
      expect(await errorCode(call(bureau.t.app, bureau.admin, channel, {})), channel).toBe('OFFICE_KEYS_MISSING');
    }
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'packets.export', { kind: 'full', to: a.id }))).toBe('OFFICE_KEYS_MISSING');
    // The packet waiting for it is refused for what is wrong, not as "not for this office".
    const refused = await call(bureau.t.app, bureau.admin, 'packets.import', { fileName: carry(waiting.path, bureau) });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('OFFICE_KEYS_MISSING');
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'packets.inspect', { fileName: path.basename(waiting.path) }))).toBe('OFFICE_KEYS_MISSING');
    // At start the problem is found and named; nothing is written to keys/.
    expect(checkOfficeKeys(bureau.t.app.db, bureau.t.dir, bureau.t.clock.now())?.code).toBe('OFFICE_KEYS_MISSING');
    expect(fs.existsSync(keysDir(bureau.t.dir))).toBe(false);
    expect(dumpDatabase(bureau.t.app)).toEqual(dump);

    // An administrator replaces the keys on purpose: a new card, and packets flow again.
    const staff = await sessionAs(bureau.t, bureau.admin, 'staff');
    expect(await errorCode(call(bureau.t.app, staff, 'keys.rotate', {}))).toBe('FORBIDDEN');
    const rotated = await ok(call(bureau.t.app, bureau.admin, 'keys.rotate', {}));
    expect(rotated.fingerprint).not.toBe(before);
    expect((await ok(call(bureau.t.app, bureau.admin, 'keys.list', {}))).own.retired).toEqual([]);
    const audit = await ok(call(bureau.t.app, bureau.admin, 'audit.list', { entity: 'office_keys', limit: 10 }));
    expect(audit.entries[0]?.changes).toMatchObject({ fingerprint: [null, rotated.fingerprintGroups] });
    expect(checkOfficeKeys(bureau.t.app.db, bureau.t.dir, bureau.t.clock.now())).toBeNull();
    await trust(a, bureau);
    expect((await send(bureau, a, 'incremental')).imported.summary.sender.officeId).toBe(bureau.id);
  });

  it('key files that are not the ones the database records are refused, and left as they are', async () => {
    const [a, bureau] = await pair();
    const other = await makeOffice('锦绣苑社区');
    offices.push(other);
    const own = fs.readFileSync(path.join(keysDir(a.t.dir), 'identity.json'));
    fs.copyFileSync(path.join(keysDir(other.t.dir), 'identity.json'), path.join(keysDir(a.t.dir), 'identity.json'));
    const files = filesOf(keysDir(a.t.dir));
    const dump = dumpDatabase(a.t.app);
    expect(await errorCode(call(a.t.app, a.admin, 'keys.card', {}))).toBe('OFFICE_KEYS_MISMATCH');
    expect(await errorCode(call(a.t.app, a.admin, 'packets.export', { kind: 'full', to: bureau.id }))).toBe('OFFICE_KEYS_MISMATCH');
    const fromBureau = await exportFrom(bureau, { kind: 'full', to: a.id });
    expect(await errorCode(call(a.t.app, a.admin, 'packets.import', { fileName: carry(fromBureau.path, a) }))).toBe('OFFICE_KEYS_MISMATCH');
    expect(checkOfficeKeys(a.t.app.db, a.t.dir, a.t.clock.now())?.code).toBe('OFFICE_KEYS_MISMATCH');
    expect(filesOf(keysDir(a.t.dir))).toEqual(files);
    expect(dumpDatabase(a.t.app)).toEqual(dump);
    // This office's own file back: everything works again.
    fs.writeFileSync(path.join(keysDir(a.t.dir), 'identity.json'), own);
    expect((await importAt(a, path.basename(fromBureau.path))).summary.packetId).toBe(fromBureau.packetId);
    // Or replaced on purpose: the foreign file is kept aside as a retired key, new keys are made.
    fs.copyFileSync(path.join(keysDir(other.t.dir), 'identity.json'), path.join(keysDir(a.t.dir), 'identity.json'));
    const rotated = await ok(call(a.t.app, a.admin, 'keys.rotate', {}));
    expect((await ok(call(a.t.app, a.admin, 'keys.card', {}))).fingerprint).toBe(rotated.fingerprint);
  });

  it('keys replaced after the database was backed up still count as this office’s; an office that never had keys gets them', async () => {
    const [a] = await pair();
    const recorded = a.t.app.db.prepare("SELECT value FROM settings WHERE key = 'officeIdentity'").get() as { value: string };
    expect(JSON.parse(recorded.value)).toMatchObject({ signingKey: expect.any(String), ageRecipient: expect.stringMatching(/^age1/) });
    await ok(call(a.t.app, a.admin, 'keys.rotate', {}));
    // The database as it was before the rotation (restored from a backup): its key is a retired one now.
    a.t.app.db.prepare("UPDATE settings SET value = ? WHERE key = 'officeIdentity'").run(recorded.value);
    const card = await ok(call(a.t.app, a.admin, 'keys.card', {}));
    expect(card.card.signingKey).not.toBe(JSON.parse(recorded.value).signingKey);

    // Set up before packets existed: no keys, no record, no packet ever: made on first use.
    const fresh = await makeOffice('新社区');
    offices.push(fresh);
    fs.rmSync(keysDir(fresh.t.dir), { recursive: true, force: true });
    fresh.t.app.db.prepare("DELETE FROM settings WHERE key = 'officeIdentity'").run();
    expect(checkOfficeKeys(fresh.t.app.db, fresh.t.dir, fresh.t.clock.now())).toBeNull();
    expect((await ok(call(fresh.t.app, fresh.admin, 'keys.card', {}))).card.officeId).toBe(fresh.id);
    expect(fs.existsSync(path.join(keysDir(fresh.t.dir), 'identity.json'))).toBe(true);
  });
});

describe('round trips', () => {
  it('office → bureau: a full packet, then incrementals cut from the acknowledged packet', async () => {
    const [a, bureau] = await pair();
    const p1 = await addPerson(a, { name: '李四' });
    await addHealthEvent(a, p1);
    await ok(call(a.t.app, a.admin, 'family.add', { personId: p1, fields: { name: '李小明', relation: '儿子', phones: ['13900000000'], livesNearby: true, isEmergency: true, note: '' } }));
    // The first incremental to an office is a full packet, and says so.
    const first = await send(a, bureau, 'incremental');
    expect(first.exported).toMatchObject({ kind: 'full', requestedKind: 'incremental', baseNote: 'first', base: null });
    expect(syncedRows(bureau, a.id)).toEqual(syncedRows(a, a.id));
    expect(first.imported.report.totals.conflicts).toBe(0);
    expect(first.imported.report.backup).toMatch(/before-import/);
    const log = await ok(call(a.t.app, a.admin, 'packets.log', { direction: 'out' }));
    expect(log.entries.find((e) => e.packetId === first.exported.packetId)?.ackedAt).not.toBeNull();

    // Changes since: one person edited, one added.
    await rename(a, p1, { name: '李四新' });
    const p2 = await addPerson(a, { name: '周七' });
    const second = await send(a, bureau, 'incremental');
    expect(second.exported).toMatchObject({ kind: 'incremental', baseNote: null, base: { packetId: first.exported.packetId, acknowledged: true } });
    expect(second.exported.counts['persons']).toBe(2);
    expect(second.exported.counts['health_events']).toBe(0);
    expect(second.imported.report.tables['persons']).toMatchObject({ inserted: 1, updated: 1 });
    expect(syncedRows(bureau, a.id)).toEqual(syncedRows(a, a.id));
    expect((bureau.t.app.db.prepare('SELECT name FROM persons WHERE id = ?').get(p1) as { name: string }).name).toBe('李四新');
    expect(bureau.t.app.db.prepare('SELECT origin_office FROM persons WHERE id = ?').get(p2)).toEqual({ origin_office: a.id });

    // A packet whose receipt is lost: the next increment still counts from the last acknowledged one.
    await rename(a, p2, { name: '周七七' });
    const third = await send(a, bureau, 'incremental', undefined, false);
    expect(third.exported).toMatchObject({ kind: 'incremental', base: { packetId: second.exported.packetId, acknowledged: true } });
    await rename(a, p2, { name: '周八' });
    const fourth = await send(a, bureau, 'incremental');
    expect(fourth.exported).toMatchObject({ baseNote: null, base: { packetId: second.exported.packetId, acknowledged: true } });
    expect(fourth.exported.counts['persons']).toBe(1);
    expect(fourth.imported.report.tables['persons']).toMatchObject({ updated: 1 });
    // An unchanged database sends an empty increment.
    const empty = await exportFrom(a, { kind: 'incremental', to: bureau.id });
    expect(empty.total).toBe(0);
  });

  it('without any receipt, an increment counts from the last packet sent, and says so', async () => {
    const [a, bureau] = await pair();
    const p = await addPerson(a, { name: '韩一' });
    const first = await send(a, bureau, 'full', undefined, false);
    await rename(a, p, { name: '韩二' });
    const second = await exportFrom(a, { kind: 'incremental', to: bureau.id });
    expect(second).toMatchObject({ kind: 'incremental', baseNote: 'unacknowledged', base: { packetId: first.exported.packetId, acknowledged: false } });
    expect(second.counts['persons']).toBe(1);
    expect(second.total).toBe(1);
  });

  it('the bureau imports from many offices and keeps each office’s records attributed; bureau → office sends only that office’s records', async () => {
    const bureau = await makeOffice('榆次区委老干部局', 'bureau');
    const a = await makeOffice('幸福里社区');
    const c = await makeOffice('锦绣苑社区');
    offices.push(bureau, a, c);
    await trustBoth(a, bureau);
    await trustBoth(c, bureau);
    const pa = await addPerson(a, { name: '甲一' });
    const pc = await addPerson(c, { name: '丙一' });
    await send(a, bureau, 'full');
    await send(c, bureau, 'full');
    const origins = bureau.t.app.db.prepare('SELECT id, origin_office FROM persons ORDER BY name').all();
    expect(origins).toEqual(
      expect.arrayContaining([
        { id: pa, origin_office: a.id },
        { id: pc, origin_office: c.id },
      ]),
    );
    expect(syncedRows(bureau, a.id)).toEqual(syncedRows(a, a.id));
    expect(syncedRows(bureau, c.id)).toEqual(syncedRows(c, c.id));

    // The bureau adds a health event to A's person and sends A an incremental: A gets it, not C's persons.
    const ev = await addHealthEvent(bureau, pa, '局里补录');
    const back = await send(bureau, a, 'incremental');
    expect(back.exported.kind).toBe('full');
    expect(back.exported.counts['persons']).toBe(1);
    expect(a.t.app.db.prepare('SELECT count(*) AS n FROM persons WHERE id = ?').get(pc)).toEqual({ n: 0 });
    expect(a.t.app.db.prepare('SELECT summary, origin_office FROM health_events WHERE id = ?').get(ev)).toEqual({ summary: '局里补录', origin_office: bureau.id });
    expect(back.imported.report.tables['persons']).toMatchObject({ unchanged: 1 });
  });

  it('office → office transfer: the receiver creates the persons, the receipt marks them 迁出 at the sender', async () => {
    const a = await makeOffice('幸福里社区');
    const d = await makeOffice('锦绣苑社区');
    offices.push(a, d);
    await trustBoth(a, d);
    const grid = await ok(call(a.t.app, a.admin, 'grids.create', { name: '第一网格', description: '', workerIds: [], places: [] }));
    const p = await addPerson(a, { name: '钱九' });
    const stay = await addPerson(a, { name: '孙十' });
    await ok(call(a.t.app, a.admin, 'grids.placePerson', { personId: p, gridId: grid.id }));
    await addHealthEvent(a, p);
    await ok(call(a.t.app, a.admin, 'family.add', { personId: p, fields: { name: '钱小', relation: '女儿', phones: [], livesNearby: false, isEmergency: false, note: '' } }));

    const exported = await exportFrom(a, { kind: 'transfer', to: d.id, persons: [p] });
    expect(exported.counts['persons']).toBe(1);
    expect(exported.counts['health_events']).toBe(1);
    expect(exported.counts['family_contacts']).toBe(1);
    expect(exported.counts).not.toHaveProperty('grids');
    const imported = await importAt(d, carry(exported.path, d));
    expect(imported.summary.persons).toEqual([p]);
    // The grid of the sending office does not exist here: the reference is cleared as an edit of this office.
    expect(imported.report.clearedReferences).toEqual({ 'persons.grid_id': 1 });
    const there = d.t.app.db.prepare('SELECT name, grid_id, status, origin_office, version FROM persons WHERE id = ?').get(p) as Record<string, unknown>;
    expect(there).toMatchObject({ name: '钱九', grid_id: null, status: 'active', origin_office: a.id });
    expect(JSON.parse(String(there['version']))).toHaveProperty(d.id, 1);
    expect(d.t.app.db.prepare('SELECT count(*) AS n FROM persons WHERE id = ?').get(stay)).toEqual({ n: 0 });
    expect(rowsOf(d, 'family_contacts')).toHaveLength(1);

    // Not yet acknowledged: still active at the sender.
    expect(a.t.app.db.prepare('SELECT status FROM persons WHERE id = ?').get(p)).toEqual({ status: 'active' });
    expect(imported.receipt).not.toBeNull();
    const receipt = await importAt(a, carry((imported.receipt as { path: string }).path, a));
    expect(receipt.summary.kind).toBe('receipt');
    expect(receipt.report.acknowledged).toBe(exported.packetId);
    expect(receipt.report.movedOut).toEqual([p]);
    expect(receipt.receipt).toBeNull();
    expect(a.t.app.db.prepare('SELECT status FROM persons WHERE id = ?').get(p)).toEqual({ status: 'moved_out' });
    expect(a.t.app.db.prepare("SELECT status, destination FROM person_status_events WHERE person_id = ? AND deleted_at IS NULL").all(p)).toEqual([
      { status: 'moved_out', destination: '锦绣苑社区' },
    ]);
    expect(a.t.app.db.prepare('SELECT status FROM persons WHERE id = ?').get(stay)).toEqual({ status: 'active' });
    // The same receipt twice is recognised and skipped.
    expect(await errorCode(call(a.t.app, a.admin, 'packets.import', { fileName: path.basename((imported.receipt as { path: string }).path) }))).toBe('PACKET_ALREADY_IMPORTED');
  });

  it('concurrent edits become a conflict on both sides; a merged resolution wins everywhere', async () => {
    const [a, bureau] = await pair();
    const p = await addPerson(a, { name: '吴一', phones: ['13800000001'] });
    await send(a, bureau, 'full');
    await rename(a, p, { name: '吴一一' });
    await rename(bureau, p, { phones: ['13800000009'], address: '局里登记的新地址' });

    const toBureau = await send(a, bureau, 'incremental');
    expect(toBureau.imported.report.tables['persons']).toMatchObject({ conflicts: 1 });
    const toA = await send(bureau, a, 'incremental');
    expect(toA.imported.report.tables['persons']).toMatchObject({ conflicts: 1 });
    // Both versions are kept: the local row is untouched, the other side waits in the conflict.
    expect((a.t.app.db.prepare('SELECT name, phones FROM persons WHERE id = ?').get(p) as { name: string }).name).toBe('吴一一');
    expect(await ok(call(a.t.app, a.admin, 'conflicts.count', {}))).toEqual({ open: 1 });
    const list = await ok(call(a.t.app, a.admin, 'conflicts.list', {}));
    const conflict = list.rows[0];
    expect(conflict).toMatchObject({ table: 'persons', rowId: p, kind: 'concurrent', label: '吴一一', senderName: '榆次区委老干部局' });
    expect(conflict?.differing).toEqual(expect.arrayContaining(['name', 'phones', 'address']));
    // Importing the same packet's content again does not duplicate it.
    const again = await exportFrom(bureau, { kind: 'incremental', to: a.id });
    await importAt(a, carry(again.path, a));
    expect(await ok(call(a.t.app, a.admin, 'conflicts.count', {}))).toEqual({ open: 1 });

    // Merge: the name from A, phones and address from the bureau.
    const staff = await sessionAs(a.t, a.admin, 'staff');
    const resolved = await ok(call(a.t.app, staff, 'conflicts.resolve', { id: conflict?.id as string, choice: 'merge', fields: { phones: 'remote', address: 'remote' } }));
    expect(JSON.parse(resolved.version as string)).toMatchObject({ [a.id]: 3 });
    expect(await errorCode(call(a.t.app, staff, 'conflicts.resolve', { id: conflict?.id as string, choice: 'local' }))).toBe('CONFLICT_ALREADY_RESOLVED');
    const row = a.t.app.db.prepare('SELECT name, phones, address FROM persons WHERE id = ?').get(p);
    expect(row).toEqual({ name: '吴一一', phones: JSON.stringify(['13800000009']), address: '局里登记的新地址' });
    expect(await ok(call(a.t.app, a.admin, 'conflicts.count', {}))).toEqual({ open: 0 });
    const history = await ok(call(a.t.app, a.admin, 'persons.history', { id: p }));
    expect(history[0]?.changes).toMatchObject({ conflict: 'merge' });

    // The resolution travels: the bureau takes it as newer and its own open conflict closes.
    const back = await send(a, bureau, 'incremental');
    expect(back.imported.report.tables['persons']).toMatchObject({ updated: 1, conflicts: 0 });
    expect(await ok(call(bureau.t.app, bureau.admin, 'conflicts.count', {}))).toEqual({ open: 0 });
    const closed = await ok(call(bureau.t.app, bureau.admin, 'conflicts.list', { status: 'resolved' }));
    expect(closed.rows[0]?.resolution).toBe('superseded');
    expect(syncedRows(bureau, a.id)['persons']).toEqual(syncedRows(a, a.id)['persons']);
    // And back again: nothing left to change.
    const settle = await send(bureau, a, 'incremental');
    expect(settle.imported.report.totals.conflicts).toBe(0);
    expect(settle.imported.report.totals.updated).toBe(0);
  });

  it('resolving by picking a side: local keeps ours with a version that wins; remote takes theirs', async () => {
    const [a, bureau] = await pair();
    const p1 = await addPerson(a, { name: '郑一' });
    const p2 = await addPerson(a, { name: '郑二' });
    await send(a, bureau, 'full');
    await rename(a, p1, { name: '郑一A' });
    await rename(a, p2, { name: '郑二A' });
    await rename(bureau, p1, { name: '郑一B' });
    await rename(bureau, p2, { name: '郑二B' });
    await send(bureau, a, 'incremental');
    const rows = (await ok(call(a.t.app, a.admin, 'conflicts.list', {}))).rows;
    expect(rows).toHaveLength(2);
    const c1 = rows.find((r) => r.rowId === p1);
    const c2 = rows.find((r) => r.rowId === p2);
    await ok(call(a.t.app, a.admin, 'conflicts.resolve', { id: c1?.id as string, choice: 'local' }));
    await ok(call(a.t.app, a.admin, 'conflicts.resolve', { id: c2?.id as string, choice: 'remote' }));
    expect(a.t.app.db.prepare('SELECT name FROM persons WHERE id IN (?, ?) ORDER BY name').all(p1, p2)).toEqual([{ name: '郑一A' }, { name: '郑二B' }]);
    const back = await send(a, bureau, 'incremental');
    expect(back.imported.report.tables['persons']).toMatchObject({ updated: 2, conflicts: 0 });
    expect(bureau.t.app.db.prepare('SELECT name FROM persons WHERE id IN (?, ?) ORDER BY name').all(p1, p2)).toEqual([{ name: '郑一A' }, { name: '郑二B' }]);
  });

  it('deletes travel as tombstones, and a delete against an edit is a conflict, not a loss', async () => {
    const [a, bureau] = await pair();
    const p = await addPerson(a, { name: '冯一' });
    const q = await addPerson(a, { name: '冯二' });
    const contact = await ok(call(a.t.app, a.admin, 'family.add', { personId: p, fields: { name: '冯小', relation: '儿子', phones: [], livesNearby: false, isEmergency: false, note: '' } }));
    await send(a, bureau, 'full');
    await ok(call(a.t.app, a.admin, 'family.delete', { id: contact.id }));
    await ok(call(a.t.app, a.admin, 'persons.delete', { id: q }));
    const sent = await send(a, bureau, 'incremental');
    expect(sent.imported.report.tables['family_contacts']).toMatchObject({ updated: 1 });
    expect(bureau.t.app.db.prepare('SELECT deleted_at IS NOT NULL AS gone FROM family_contacts WHERE id = ?').get(contact.id)).toEqual({ gone: 1 });
    expect(bureau.t.app.db.prepare('SELECT deleted_at IS NOT NULL AS gone FROM persons WHERE id = ?').get(q)).toEqual({ gone: 1 });
    expect(syncedRows(bureau, a.id)).toEqual(syncedRows(a, a.id));

    // A deletes p while the bureau edits it.
    await ok(call(a.t.app, a.admin, 'persons.delete', { id: p }));
    await rename(bureau, p, { address: '新地址' });
    const crossed = await send(a, bureau, 'incremental');
    expect(crossed.imported.report.tables['persons']).toMatchObject({ conflicts: 1 });
    const conflict = (await ok(call(bureau.t.app, bureau.admin, 'conflicts.list', {}))).rows[0];
    expect(conflict?.differing).toContain('deleted_at');
    await ok(call(bureau.t.app, bureau.admin, 'conflicts.resolve', { id: conflict?.id as string, choice: 'merge', fields: { deleted_at: 'remote' } }));
    expect(bureau.t.app.db.prepare('SELECT deleted_at IS NOT NULL AS gone, address FROM persons WHERE id = ?').get(p)).toEqual({ gone: 1, address: '新地址' });
  });

  it('two offices’ grids of the same name and prefix both arrive at the bureau without a conflict; the bureau plans only its own persons', async () => {
    const bureau = await makeOffice('榆次区委老干部局', 'bureau');
    const a = await makeOffice('幸福里社区');
    const c = await makeOffice('锦绣苑社区');
    offices.push(bureau, a, c);
    await trustBoth(a, bureau);
    await trustBoth(c, bureau);
    for (const o of [a, c]) await ok(call(o.t.app, o.admin, 'grids.create', { name: '第一网格', places: ['幸福里小区'] }));
    const pa = await addPerson(a, { name: '甲一' });
    await addPerson(c, { name: '丙一' });
    expect(rowsOf(a, 'planned_visits').length).toBeGreaterThan(0);
    for (const o of [a, c]) {
      const { imported } = await send(o, bureau, 'full');
      for (const table of ['grids', 'grid_places', 'persons', 'planned_visits']) expect(imported.report.tables[table]?.conflicts ?? 0).toBe(0);
    }
    expect(await ok(call(bureau.t.app, bureau.admin, 'conflicts.count', {}))).toEqual({ open: 0 });
    const grids = bureau.t.app.db.prepare("SELECT origin_office FROM grids WHERE name = '第一网格' AND deleted_at IS NULL ORDER BY origin_office").all();
    expect(grids).toEqual([{ origin_office: a.id }, { origin_office: c.id }].sort((x, y) => x.origin_office.localeCompare(y.origin_office)));
    expect(bureau.t.app.db.prepare("SELECT count(*) AS n FROM grid_places WHERE prefix = '幸福里小区' AND deleted_at IS NULL").get()).toEqual({ n: 2 });
    // The bureau may have its own grid of that name too, once.
    await ok(call(bureau.t.app, bureau.admin, 'grids.create', { name: '第一网格', places: ['幸福里小区'] }));
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'grids.create', { name: '第一网格' }))).toBe('INVALID_INPUT');

    // Planning at the bureau leaves other offices' persons to them: no visits of its own for them,
    // neither when rolling every plan forward nor after a hospitalisation is recorded there.
    const own = await addPerson(bureau, { name: '局一' });
    await ok(call(bureau.t.app, bureau.admin, 'health.addEvent', { personId: pa, fields: { kind: 'hospitalisation', date: '2026-01-05', endDate: null, institution: '县医院', summary: '住院' } }));
    await ok(call(bureau.t.app, bureau.admin, 'visits.replanAll', { force: true }));
    const byBureau = bureau.t.app.db.prepare('SELECT DISTINCT person_id FROM planned_visits WHERE origin_office = ?').all(bureau.id);
    expect(byBureau).toEqual([{ person_id: own }]);
    expect(rowsOf(bureau, 'planned_visits').filter((v) => v['person_id'] === pa).every((v) => v['origin_office'] === a.id)).toBe(true);
  });

  it('a row clashing with a unique rule here is kept as a conflict, and its records wait for it', async () => {
    const a = await makeOffice('幸福里社区');
    const d = await makeOffice('锦绣苑社区');
    offices.push(a, d);
    await trustBoth(a, d);
    const p = await addPerson(a, { name: '陈一' });
    await addHealthEvent(a, p);
    // D registered the same person (same ID number) before the transfer arrived.
    const idNumber = (a.t.app.db.prepare('SELECT id_number FROM persons WHERE id = ?').get(p) as { id_number: string }).id_number;
    const local = (await ok(call(d.t.app, d.admin, 'persons.create', { ...(await import('../helpers/persons')).personInput({ name: '陈一', grid: '' }), idNumber }))).id;
    const exported = await exportFrom(a, { kind: 'transfer', to: d.id, persons: [p] });
    const imported = await importAt(d, carry(exported.path, d));
    expect(imported.report.tables['persons']).toMatchObject({ conflicts: 1 });
    expect(imported.report.tables['health_events']).toMatchObject({ conflicts: 1 });
    const rows = (await ok(call(d.t.app, d.admin, 'conflicts.list', {}))).rows;
    const personConflict = rows.find((r) => r.table === 'persons');
    expect(personConflict).toMatchObject({ kind: 'unique', rowId: p });
    expect(personConflict?.local?.['id']).toBe(local);
    expect(rows.find((r) => r.table === 'health_events')?.kind).toBe('reference');
    // Taking theirs while ours still holds the ID number is refused; after ours is deleted it goes in, and its records follow.
    expect(await errorCode(call(d.t.app, d.admin, 'conflicts.resolve', { id: personConflict?.id as string, choice: 'remote' }))).toBe('CONFLICT_STILL_BLOCKED');
    await ok(call(d.t.app, d.admin, 'persons.delete', { id: local }));
    const done = await ok(call(d.t.app, d.admin, 'conflicts.resolve', { id: personConflict?.id as string, choice: 'remote' }));
    expect(done.retried).toBe(rows.filter((r) => r.kind === 'reference').length);
    expect(await ok(call(d.t.app, d.admin, 'conflicts.count', {}))).toEqual({ open: 0 });
    expect(d.t.app.db.prepare('SELECT count(*) AS n FROM health_events WHERE person_id = ?').get(p)).toEqual({ n: 1 });
  });

  it('a passphrase backup holds everything and imports back with the passphrase only', async () => {
    const a = await makeOffice('幸福里社区');
    offices.push(a);
    const p = await addPerson(a, { name: '褚一' });
    await addHealthEvent(a, p);
    const backup = await exportPacket(a.t.app, { kind: 'backup', passphrase: 'correct horse battery', scryptWorkFactor: 10, actor: SYSTEM_ACTOR });
    expect(backup).toMatchObject({ kind: 'backup', recipient: null });
    expect(backup.counts['persons']).toBe(1);
    const file = carry(backup.path, a);
    const before = dumpDatabase(a.t.app);
    expect(await errorCode(call(a.t.app, a.admin, 'packets.import', { fileName: file }))).toBe('PASSPHRASE_REQUIRED');
    expect(await errorCode(call(a.t.app, a.admin, 'packets.import', { fileName: file, passphrase: 'wrong horse battery' }))).toBe('WRONG_PASSPHRASE');
    expect(dumpDatabase(a.t.app)).toEqual(before);
    // Into the same office after a delete: the packet's older version does not undo the delete.
    await ok(call(a.t.app, a.admin, 'persons.delete', { id: p }));
    const result = await importAt(a, file, { passphrase: 'correct horse battery' });
    expect(result.summary.kind).toBe('backup');
    expect(result.receipt).toBeNull();
    expect(result.report.tables['persons']).toMatchObject({ unchanged: 1 });
    expect(a.t.app.db.prepare('SELECT deleted_at IS NOT NULL AS gone FROM persons WHERE id = ?').get(p)).toEqual({ gone: 1 });
    // The channel's passphrase export uses age's own work factor.
    const viaChannel = await ok(call(a.t.app, a.admin, 'packets.export', { kind: 'backup', passphrase: 'correct horse battery' }));
    const head = fs.readFileSync(viaChannel.path).subarray(0, 200).toString('latin1');
    expect(head).toMatch(/-> scrypt \S+ 18\n/);
  });
});

describe('record lines', () => {
  it('SQLite writes the lines; values JSON cannot hold as they are (a BLOB, a REAL of 17 digits, a large integer) travel exactly', async () => {
    const [a, bureau] = await pair();
    const p1 = await addPerson(a, { name: '褚二' });
    const p2 = await addPerson(a, { name: '褚三' });
    // Written here by hand, as an older or other app could have: every row is still the same at the bureau.
    const db = a.t.app.db;
    db.prepare('UPDATE persons SET latest_adl_total = ?, notes = ? WHERE id = ?').run(0.1 + 0.2, '引号"、反斜杠\\、换行\n和\u0001', p1);
    db.prepare('UPDATE persons SET latest_adl_total = ? WHERE id = ?').run(2 ** 53 - 1, p2);
    const plain = await send(a, bureau, 'full');
    expect(plain.imported.report.tables['persons']).toMatchObject({ inserted: 2 });
    const row = (o: typeof a, id: string) => o.t.app.db.prepare('SELECT * FROM persons WHERE id = ?').get(id);
    expect(row(bureau, p1)).toEqual(row(a, p1));
    expect(row(bureau, p2)).toEqual(row(a, p2));
    expect((row(bureau, p1) as { latest_adl_total: number }).latest_adl_total).toBe(0.1 + 0.2);

    // A BLOB: SQLite cannot write that line, so the whole packet is written again by JavaScript.
    db.prepare('UPDATE persons SET photo = ? WHERE id = ?').run(Buffer.from([0, 1, 2, 250, 255]), p2);
    db.prepare('UPDATE persons SET name = ? WHERE id = ?').run('褚三三', p2);
    db.prepare("UPDATE persons SET version = json_set(version, '$.\"' || ? || '\"', json_extract(version, '$.\"' || ? || '\"') + 1) WHERE id = ?").run(a.id, a.id, p2);
    const withBlob = await send(a, bureau, 'incremental');
    expect(withBlob.exported.counts['persons']).toBeGreaterThanOrEqual(1);
    expect(withBlob.imported.report.tables['persons']).toMatchObject({ updated: 1 });
    expect(row(bureau, p2)).toEqual(row(a, p2));
    expect(Buffer.isBuffer((row(bureau, p2) as { photo: unknown }).photo)).toBe(true);
  });
});

describe('packet channels', () => {
  it('单位性质 travels with the person; a packet of an older app, without the column, still imports and leaves it as the bureau has it', async () => {
    const [a, bureau] = await pair();
    const p1 = await addPerson(a, { name: '褚一', unitKind: 'institution' });
    await send(a, bureau, 'full');
    const kindAt = (o: Office, id: string) => (o.t.app.db.prepare('SELECT unit_kind FROM persons WHERE id = ?').get(id) as { unit_kind: string | null }).unit_kind;
    expect(kindAt(bureau, p1)).toBe('institution');

    // The same office before it had the field: its packet's person rows lack unit_kind.
    const p2 = await addPerson(a, { name: '褚二', unitKind: 'government' });
    a.t.app.db.prepare("UPDATE persons SET address = '新华街2号', version = json_set(version, '$.\"' || ? || '\"', json_extract(version, '$.\"' || ? || '\"') + 1) WHERE id = ?").run(a.id, a.id, p1);
    const exported = await exportFrom(a, { kind: 'incremental', to: bureau.id });
    const lines = await linesOf(exported.path, identityOf(bureau).ageIdentity);
    const body = lines.slice(0, -1).map((line, i) => {
      const record = JSON.parse(line) as { table?: string; row?: Record<string, unknown>; schemaVersion?: number };
      if (i === 0) return JSON.stringify({ ...record, schemaVersion: 23 });
      if (record.table !== 'persons' || !record.row) return line;
      const { unit_kind: _dropped, ...row } = record.row;
      return JSON.stringify({ ...record, row });
    });
    expect(body.some((l) => l.includes('unit_kind'))).toBe(false);
    const name = drop(bureau, await seal(signLines(body, identityOf(a)), { recipient: recipientOf(bureau) }), 'older.cadrecare');
    const imported = await importAt(bureau, name);
    expect(imported.report.tables['persons']).toMatchObject({ inserted: 1, updated: 1 });
    // A new person arrives without a kind (未登记); the one the bureau had keeps it, with the change the packet carried.
    expect(kindAt(bureau, p2)).toBeNull();
    expect(kindAt(bureau, p1)).toBe('institution');
    expect((bureau.t.app.db.prepare('SELECT address FROM persons WHERE id = ?').get(p1) as { address: string }).address).toBe('新华街2号');
  });

  it('inspect says what a packet is without importing it', async () => {
    const [a, bureau] = await pair();
    const stranger = await makeOffice('陌生社区');
    offices.push(stranger);
    await trust(stranger, bureau);
    await addPerson(a, { name: '蒋一' });
    const exported = await exportFrom(a, { kind: 'full', to: bureau.id });
    const name = carry(exported.path, bureau);
    const before = dumpDatabase(bureau.t.app);
    const seen = await ok(call(bureau.t.app, bureau.admin, 'packets.inspect', { fileName: name }));
    expect(seen).toMatchObject({
      packetId: exported.packetId,
      kind: 'full',
      sender: { officeId: a.id, name: '幸福里社区' },
      senderTrusted: true,
      addressedHere: true,
      alreadyImported: false,
      newerSchema: false,
      wouldFail: null,
      sha256: exported.sha256,
    });
    expect(seen.counts['persons']).toBe(1);
    expect(dumpDatabase(bureau.t.app)).toEqual(before);
    await importAt(bureau, name);
    expect(await ok(call(bureau.t.app, bureau.admin, 'packets.inspect', { fileName: name }))).toMatchObject({ alreadyImported: true, wouldFail: 'PACKET_ALREADY_IMPORTED' });
    // From an office the bureau does not know.
    const unknown = await exportFrom(stranger, { kind: 'full', to: bureau.id });
    expect(await ok(call(bureau.t.app, bureau.admin, 'packets.inspect', { fileName: carry(unknown.path, bureau) }))).toMatchObject({
      senderTrusted: false,
      wouldFail: 'UNKNOWN_SENDER',
    });
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'packets.inspect', { fileName: 'nothing-here.age' }))).toBe('PACKET_FILE_NOT_FOUND');
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'packets.inspect', { fileName: '../escape.age' }))).toBe('INVALID_INPUT');
  });

  it('files go up and down in pieces; progress is reported and an export can be cancelled', async () => {
    const [a, bureau] = await pair();
    for (const name of ['沈一', '沈二', '沈三']) await addPerson(a, { name });
    const events: { taskId: string; stage: string }[] = [];
    a.admin.subscribe((name, payload) => {
      if (name === 'progress') events.push(payload as { taskId: string; stage: string });
    });
    const exported = await ok(call(a.t.app, a.admin, 'packets.export', { kind: 'full', to: bureau.id }, { taskId: 'exp1' }));
    expect(events.some((e) => e.taskId === 'exp1' && e.stage === 'progress.packetExport')).toBe(true);
    expect((await ok(call(a.t.app, a.admin, 'packets.files', { box: 'out' }))).map((f) => f.fileName)).toContain(exported.fileName);
    // Download in pieces, upload in pieces at the bureau.
    const parts: Buffer[] = [];
    let offset = 0;
    for (;;) {
      const piece = await ok(call(a.t.app, a.admin, 'packets.download', { fileName: exported.fileName, offset }));
      parts.push(Buffer.from(piece.base64, 'base64'));
      offset += Buffer.from(piece.base64, 'base64').length;
      if (piece.done) break;
    }
    const bytes = Buffer.concat(parts);
    expect(bytes.equals(fs.readFileSync(exported.path))).toBe(true);
    const half = Math.floor(bytes.length / 2);
    await ok(call(bureau.t.app, bureau.admin, 'packets.upload', { fileName: 'from-a.age', offset: 0, base64: bytes.subarray(0, half).toString('base64') }));
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'packets.upload', { fileName: 'from-a.age', offset: 5, base64: 'AAAA' }))).toBe('INVALID_INPUT');
    await ok(call(bureau.t.app, bureau.admin, 'packets.upload', { fileName: 'from-a.age', offset: half, base64: bytes.subarray(half).toString('base64') }));
    expect((await importAt(bureau, 'from-a.age')).report.totals.inserted).toBeGreaterThan(0);

    // Cancelled: no file, no log entry.
    const controller = new AbortController();
    controller.abort();
    const logBefore = (await ok(call(a.t.app, a.admin, 'packets.log', {}))).total;
    const filesBefore = fs.readdirSync(path.dirname(exported.path)).length;
    await expect(exportPacket(a.t.app, { kind: 'full', to: bureau.id, actor: SYSTEM_ACTOR, signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fs.readdirSync(path.dirname(exported.path))).toEqual([exported.fileName]);
    expect(filesBefore).toBe(1);
    expect((await ok(call(a.t.app, a.admin, 'packets.log', {}))).total).toBe(logBefore);
    // An import cancelled before its transaction writes nothing.
    const again = await exportFrom(a, { kind: 'full', to: bureau.id });
    const before = dumpDatabase(bureau.t.app);
    await expect(importPacket(bureau.t.app, boxPath(bureau.t.dir, 'in', carry(again.path, bureau)), { actor: SYSTEM_ACTOR, signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(dumpDatabase(bureau.t.app)).toEqual(before);
    expect(fs.readdirSync(path.join(bureau.t.dir, 'packets', 'tmp'))).toEqual([]);
  });

  it('an import removes decrypted records a killed import left behind', async () => {
    const [a, bureau] = await pair();
    const tmp = path.join(bureau.t.dir, 'packets', 'tmp');
    fs.mkdirSync(tmp, { recursive: true });
    fs.writeFileSync(path.join(tmp, '999999-left-behind.jsonl'), '{"table":"persons"}\n');
    const exported = await exportFrom(a, { kind: 'full', to: bureau.id });
    await importAt(bureau, carry(exported.path, bureau));
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('export refuses an office that is not trusted and persons that do not exist', async () => {
    const [a, bureau] = await pair();
    const stranger = await makeOffice('陌生社区');
    offices.push(stranger);
    expect(await errorCode(call(a.t.app, a.admin, 'packets.export', { kind: 'full', to: stranger.id }))).toBe('RECIPIENT_NOT_TRUSTED');
    expect(await errorCode(call(a.t.app, a.admin, 'packets.export', { kind: 'transfer', to: bureau.id, persons: ['01a21e73-02b5-771e-a2b1-b630540380c0'] }))).toBe('NOT_FOUND');
    expect(await errorCode(call(a.t.app, a.admin, 'packets.export', { kind: 'transfer', to: bureau.id }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(a.t.app, a.admin, 'packets.export', { kind: 'backup' }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(a.t.app, a.admin, 'packets.export', { kind: 'backup', passphrase: 'short' }))).toBe('INVALID_INPUT');
  });
});
