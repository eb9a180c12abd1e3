/**
 * 撤销这次导入 and what makes imports cheap to keep safe: the rows a packet replaced are kept in its
 * own transaction (so an import can be undone, or refused with the rows named when they changed
 * since), one safety copy of the whole database per import command and only a few kept, one audit
 * entry per imported packet, and a batch that meets a full disk stops after the last whole packet.
 */
import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/dispatch';
import { listBackups } from '../../main/db/backup';
import { syncedTables } from '../../main/db/syncedTables';
import { IMPORT_SAFETY_COPIES } from '../../main/services/packets/import';
import type { ChannelOutput } from '../../shared/contract';
import { call, dumpDatabase, ok, quietLog } from '../helpers/app';
import { addPerson, carry, closeAll, drop, exportFrom, identityOf, importAt, linesOf, makeOffice, recipientOf, seal, send, signLines, trustBoth, type Office } from './packets.helpers';

let offices: Office[] = [];
afterEach(() => {
  closeAll(...offices);
  offices = [];
});

async function office(name: string, mode: 'community' | 'bureau' = 'community'): Promise<Office> {
  const o = await makeOffice(name, mode);
  offices.push(o);
  return o;
}

/** Every synchronised row that came from `origin`, table by table. */
function syncedRows(o: Office, origin: string): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of syncedTables()) out[t] = o.t.app.db.prepare(`SELECT * FROM "${t}" WHERE origin_office = ? ORDER BY id`).all(origin);
  return out;
}

async function rename(o: Office, personId: string, name: string): Promise<void> {
  const p = (await ok(call(o.t.app, o.admin, 'persons.get', { id: personId }))).person as unknown as Record<string, unknown>;
  const keys = ['gender', 'idNumber', 'birthDate', 'phones', 'retirementType', 'retirementDate', 'originalUnit', 'unitLevel', 'formerPosition', 'rank', 'politicalStatus', 'community', 'grid', 'address', 'livingSituation'];
  const fields = Object.fromEntries(keys.map((k) => [k, p[k]]));
  await ok(call(o.t.app, o.admin, 'persons.update', { id: personId, fields: { ...fields, name } as never }));
}

const ADL = { feeding: 5, bathing: 0, grooming: 0, dressing: 5, bowels: 5, bladder: 5, toilet: 5, transfer: 5, mobility: 5, stairs: 0 }; // 35

async function addFamily(o: Office, personId: string, name = '李小明'): Promise<string> {
  return (await ok(call(o.t.app, o.admin, 'family.add', { personId, fields: { name, relation: '儿子', phones: ['13900000000'], livesNearby: true, isEmergency: false, note: '' } }))).id;
}

function undo(o: Office, packetId: string) {
  return call(o.t.app, o.admin, 'packets.undoImport', { packetId });
}

async function logEntry(o: Office, packetId: string) {
  const log = await ok(call(o.t.app, o.admin, 'packets.log', { direction: 'in' }));
  return log.entries.find((e) => e.packetId === packetId);
}

function nameOf(o: Office, personId: string): string | undefined {
  return (o.t.app.db.prepare('SELECT name FROM persons WHERE id = ?').get(personId) as { name: string } | undefined)?.name;
}

function count(o: Office, sql: string, ...params: unknown[]): number {
  return (o.t.app.db.prepare(sql).get(...params) as { n: number }).n;
}

describe('撤销这次导入', () => {
  it('undoes an incremental and then the full packet: rows they added go, rows they changed come back, and the packets import again', async () => {
    const a = await office('幸福里社区');
    const bureau = await office('榆次区委老干部局', 'bureau');
    await trustBoth(a, bureau);
    const own = await addPerson(bureau, { name: '局里的人' });
    const p1 = await addPerson(a, { name: '李四' });
    const p0 = await addPerson(a, { name: '李零' });
    await addFamily(a, p1, '李大');
    const full = await send(a, bureau, 'full');
    const afterFull = syncedRows(bureau, a.id);

    // An assessment of 李零 (whose latest ADL the bureau's triggers keep), a change of 李四, a new person.
    await ok(call(a.t.app, a.admin, 'health.addAssessment', { personId: p0, assessedOn: '2026-11-01', items: ADL }));
    await rename(a, p1, '李四新');
    const p2 = await addPerson(a, { name: '周七' });
    await addFamily(a, p2, '周小七');
    const inc = await send(a, bureau, 'incremental');
    expect(inc.imported.report.tables).toMatchObject({ persons: { inserted: 1, updated: 1 }, family_contacts: { inserted: 1 } });
    expect(inc.imported.report.backup).toBeNull();
    expect(nameOf(bureau, p1)).toBe('李四新');
    expect(bureau.t.app.db.prepare('SELECT latest_adl_total FROM persons WHERE id = ?').get(p0)).toEqual({ latest_adl_total: 35 });
    expect(await logEntry(bureau, inc.exported.packetId)).toMatchObject({ undoable: true, undoneAt: null });

    const undone = await ok(undo(bureau, inc.exported.packetId));
    const incRows = inc.imported.report.totals;
    expect(undone).toMatchObject({ packetId: inc.exported.packetId, sender: '幸福里社区', deleted: incRows.inserted, restored: incRows.updated, conflictsRemoved: 0, conflictsReopened: 0 });
    // Exactly as after the full packet: the person's earlier values, version included; the new rows
    // gone; 李零's latest ADL as it was.
    expect(syncedRows(bureau, a.id)).toEqual(afterFull);
    expect(nameOf(bureau, p2)).toBeUndefined();
    // The search index follows (persons_fts is kept by triggers).
    expect(count(bureau, "SELECT count(*) AS n FROM persons_fts WHERE persons_fts MATCH '周七'")).toBe(0);
    expect(await logEntry(bureau, inc.exported.packetId)).toMatchObject({ undoable: false, undoneBy: 'admin' });
    expect((await logEntry(bureau, inc.exported.packetId))?.undoneAt).not.toBeNull();
    const again = await undo(bureau, inc.exported.packetId);
    expect(again).toMatchObject({ ok: false, error: { code: 'IMPORT_UNDO_UNAVAILABLE', details: { reason: 'undone' } } });
    const audit = bureau.t.app.db.prepare("SELECT username, changes FROM audit_log WHERE action = 'undo_import'").all() as { username: string; changes: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.changes ?? '{}')).toMatchObject({ from: '幸福里社区', deleted: incRows.inserted, restored: incRows.updated });

    // The full packet too: nothing of the office is left; the bureau's own person stays.
    const fullUndone = await ok(undo(bureau, full.exported.packetId));
    expect(fullUndone).toMatchObject({ deleted: full.imported.report.totals.inserted, restored: 0 });
    expect(Object.values(syncedRows(bureau, a.id)).flat()).toEqual([]);
    expect(nameOf(bureau, own)).toBe('局里的人');

    // The same files import again, in their order, as if for the first time.
    const fullAgain = await importAt(bureau, full.imported.fileName);
    expect(fullAgain.report.totals).toEqual(full.imported.report.totals);
    const incAgain = await importAt(bureau, inc.imported.fileName);
    expect(incAgain.report.totals).toEqual(inc.imported.report.totals);
    expect(syncedRows(bureau, a.id)).toEqual(syncedRows(a, a.id));
    expect(await logEntry(bureau, inc.exported.packetId)).toMatchObject({ undoable: true, undoneAt: null });
    // Imported again: recognised as such.
    expect((await call(bureau.t.app, bureau.admin, 'packets.import', { fileName: inc.imported.fileName })).ok).toBe(false);
  });

  it('refuses, naming the rows, when they were changed or used here since; undoing the later import first makes way', async () => {
    const a = await office('幸福里社区');
    const bureau = await office('榆次区委老干部局', 'bureau');
    await trustBoth(a, bureau);
    const p1 = await addPerson(a, { name: '王一' });
    await addPerson(a, { name: '王二' });
    const full = await send(a, bureau, 'full');

    // A later packet changed 王一: the full packet cannot be undone before it.
    await rename(a, p1, '王一一');
    const inc = await send(a, bureau, 'incremental');
    let before = dumpDatabase(bureau.t.app);
    const byLater = await undo(bureau, full.exported.packetId);
    expect(byLater).toMatchObject({ ok: false, error: { code: 'IMPORT_UNDO_BLOCKED', details: { total: 1, rows: [{ table: 'persons', id: p1, person: '王一一', why: 'changed' }] } } });
    expect(dumpDatabase(bureau.t.app)).toEqual(before);
    await ok(undo(bureau, inc.exported.packetId));
    expect(nameOf(bureau, p1)).toBe('王一');

    // An edit here after the import: refused with the person named, and the edit stays.
    await rename(bureau, p1, '王一局改');
    before = dumpDatabase(bureau.t.app);
    const byEdit = await undo(bureau, full.exported.packetId);
    expect(byEdit).toMatchObject({ ok: false, error: { code: 'IMPORT_UNDO_BLOCKED', details: { rows: [{ table: 'persons', id: p1, person: '王一局改', why: 'changed' }] } } });
    expect(dumpDatabase(bureau.t.app)).toEqual(before);

    // A record made here since that refers to a row the packet brought.
    const p3 = await addPerson(a, { name: '王三' });
    const third = await send(a, bureau, 'incremental');
    const contact = await addFamily(bureau, p3, '王小三');
    before = dumpDatabase(bureau.t.app);
    const byUse = await undo(bureau, third.exported.packetId);
    expect(byUse).toMatchObject({ ok: false, error: { code: 'IMPORT_UNDO_BLOCKED', details: { rows: [{ table: 'family_contacts', id: contact, person: '王三', why: 'referenced' }] } } });
    expect(dumpDatabase(bureau.t.app)).toEqual(before);

    // Receipts are not imports to undo.
    const receipt = (await ok(call(a.t.app, a.admin, 'packets.log', { direction: 'in' }))).entries.find((e) => e.kind === 'receipt');
    expect(receipt?.undoable).toBe(false);
    expect(await undo(a, receipt?.packetId as string)).toMatchObject({ ok: false, error: { code: 'IMPORT_UNDO_UNAVAILABLE', details: { reason: 'receipt' } } });
    expect(await undo(a, uuidv7())).toMatchObject({ ok: false, error: { code: 'IMPORT_UNDO_UNAVAILABLE', details: { reason: 'not-imported' } } });
  });

  it('an import that fails half-way leaves no undo record, no half-numbered rows, nothing at all', async () => {
    const a = await office('幸福里社区');
    const bureau = await office('榆次区委老干部局', 'bureau');
    await trustBoth(a, bureau);
    const p1 = await addPerson(a, { name: '赵一' });
    await send(a, bureau, 'full');
    await rename(a, p1, '赵一一');
    await addPerson(a, { name: '赵二' });
    const exported = await exportFrom(a, { kind: 'incremental', to: bureau.id });
    // The same increment, signed by the office, whose last record breaks a rule of the schema: the
    // merge has written the change to 赵一 (and recorded its before-image) when it meets it.
    const lines = (await linesOf(exported.path, identityOf(bureau).ageIdentity)).slice(0, -1);
    const records = lines.map((l) => JSON.parse(l) as { table?: string; row?: Record<string, unknown> });
    const at = records.findIndex((r) => r.table === 'persons' && r.row?.['id'] !== p1);
    expect(records.findIndex((r) => r.table === 'persons' && r.row?.['id'] === p1)).toBeLessThan(at);
    lines[at] = JSON.stringify({ table: 'persons', row: { ...records[at]?.row, gender: 'unknown' } });
    const bytes = await seal(signLines(lines, identityOf(a)), { recipient: recipientOf(bureau) });
    const before = dumpDatabase(bureau.t.app);
    const r = await call(bureau.t.app, bureau.admin, 'packets.import', { fileName: drop(bureau, bytes, 'broken.age') });
    expect(r).toMatchObject({ ok: false, error: { code: 'PACKET_INVALID' } });
    expect(dumpDatabase(bureau.t.app)).toEqual(before);
    expect(count(bureau, 'SELECT count(*) AS n FROM packet_imports WHERE packet_id = ?', exported.packetId)).toBe(0);
    expect(bureau.t.app.db.prepare('SELECT paused FROM sync_clock').get()).toEqual({ paused: 0 });
    expect(fs.readdirSync(path.join(bureau.t.dir, 'packets', 'tmp'))).toEqual([]);

    // The change triggers are back at work: an edit here is numbered for the next packet.
    const seq = (bureau.t.app.db.prepare('SELECT seq FROM sync_clock').get() as { seq: number }).seq;
    await rename(bureau, p1, '赵一局');
    expect(bureau.t.app.db.prepare("SELECT seq FROM sync_row_seq WHERE tbl = 'persons' AND row_id = ?").get(p1)).toEqual({ seq: seq + 1 });
    // And the packet as it was sent imports whole, its undo record with it.
    const good = await importAt(bureau, carry(exported.path, bureau));
    expect(good.report.tables['persons']).toMatchObject({ inserted: 1 });
    const written = good.report.totals.inserted + good.report.totals.updated;
    const recorded =
      count(bureau, 'SELECT count(*) AS n FROM packet_import_rows u JOIN packet_imports i ON i.id = u.import_id WHERE i.packet_id = ?', exported.packetId) +
      count(bureau, 'SELECT coalesce(sum(last_rowid - first_rowid + 1), 0) AS n FROM packet_import_ranges u JOIN packet_imports i ON i.id = u.import_id WHERE i.packet_id = ?', exported.packetId);
    expect(recorded).toBe(written);
  });
});

describe('safety copies, the audit log and full disks', () => {
  it('one safety copy per import command, before its first full packet; incrementals need none; the last few are kept', async () => {
    const bureau = await office('榆次区委老干部局', 'bureau');
    const a = await office('幸福里社区');
    const c = await office('锦绣苑社区');
    await trustBoth(a, bureau);
    await trustBoth(c, bureau);
    await addPerson(a, { name: '甲一' });
    await addPerson(c, { name: '丙一' });
    const manual = await ok(call(bureau.t.app, bureau.admin, 'backup.create', {}));
    const beforeImport = () => listBackups(bureau.t.dir).filter((b) => b.reason === 'before-import');

    const fulls = [await exportFrom(a, { kind: 'full', to: bureau.id }), await exportFrom(c, { kind: 'full', to: bureau.id })];
    const batch = await ok(call(bureau.t.app, bureau.admin, 'packets.importBatch', { files: fulls.map((f) => ({ fileName: carry(f.path, bureau) })) }));
    expect(batch.results.map((r) => r.status)).toEqual(['imported', 'imported']);
    expect(beforeImport().map((b) => b.name)).toEqual([batch.safetyBackup]);
    expect(batch.results.map((r) => r.result?.report.backup)).toEqual([batch.safetyBackup, batch.safetyBackup]);
    // The command copied its packets' pages into the database together and put SQLite's setting back.
    expect(bureau.t.app.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);

    await addPerson(a, { name: '甲二' });
    await addPerson(c, { name: '丙二' });
    const incs = [await exportFrom(a, { kind: 'incremental', to: bureau.id }), await exportFrom(c, { kind: 'incremental', to: bureau.id })];
    const incBatch = await ok(call(bureau.t.app, bureau.admin, 'packets.importBatch', { files: incs.map((f) => ({ fileName: carry(f.path, bureau) })) }));
    expect(incBatch.results.map((r) => r.status)).toEqual(['imported', 'imported']);
    expect(incBatch.safetyBackup).toBeNull();
    expect(beforeImport()).toHaveLength(1);

    // Command after command: the oldest copies go, the newest stay; other backups are left alone.
    const made: string[] = [batch.safetyBackup as string];
    for (let i = 0; i < 4; i++) {
      bureau.t.clock.advance(60_000);
      const r = await importAt(bureau, carry((await exportFrom(a, { kind: 'full', to: bureau.id })).path, bureau));
      made.push(r.report.backup as string);
    }
    expect(beforeImport().map((b) => b.name).sort()).toEqual(made.slice(-IMPORT_SAFETY_COPIES).sort());
    expect(listBackups(bureau.t.dir).map((b) => b.name)).toContain(manual.name);
  });

  it('an imported packet is one audit entry (sender, counts); local edits keep their per-field changes', async () => {
    const a = await office('幸福里社区');
    const bureau = await office('榆次区委老干部局', 'bureau');
    await trustBoth(a, bureau);
    const ids = [await addPerson(a, { name: '孙一' }), await addPerson(a, { name: '孙二' }), await addPerson(a, { name: '孙三' })];
    for (const id of ids) await addFamily(a, id);
    const last = (bureau.t.app.db.prepare('SELECT max(id) AS n FROM audit_log').get() as { n: number }).n;
    const { exported } = await send(a, bureau, 'full');
    const entries = bureau.t.app.db.prepare('SELECT entity, entity_id, action, changes, subject_id FROM audit_log WHERE id > ? ORDER BY id').all(last) as {
      entity: string;
      entity_id: string;
      action: string;
      changes: string;
      subject_id: string | null;
    }[];
    const packetEntries = entries.filter((e) => e.entity === 'packet');
    expect(packetEntries).toHaveLength(1);
    expect(packetEntries[0]).toMatchObject({ entity_id: exported.packetId, action: 'create', subject_id: null });
    expect(JSON.parse(packetEntries[0]?.changes ?? '{}')).toMatchObject({
      direction: 'in',
      kind: 'full',
      from: '幸福里社区',
      fromOfficeId: a.id,
      tables: { persons: { inserted: 3 }, family_contacts: { inserted: 3 } },
    });
    // Nothing per row: only the packet and its safety copy.
    expect(entries.map((e) => e.entity).sort()).toEqual(['backup', 'packet']);
    expect(await ok(call(bureau.t.app, bureau.admin, 'persons.history', { id: ids[0] as string }))).toEqual([]);

    await rename(bureau, ids[0] as string, '孙一一');
    const history = await ok(call(bureau.t.app, bureau.admin, 'persons.history', { id: ids[0] as string }));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'update', changes: { name: ['孙一', '孙一一'] } });
  });

  it('a full disk in a batch stops it after the last whole packet and names those not imported; the same batch finishes later', async () => {
    const bureau = await office('榆次区委老干部局', 'bureau');
    const small = await office('幸福里社区');
    const large = await office('锦绣苑社区');
    const last = await office('和平里社区');
    for (const o of [small, large, last]) await trustBoth(o, bureau);
    await addPerson(small, { name: '小一' });
    for (let i = 0; i < 120; i++) await addPerson(large, { name: `大${String.fromCharCode(0x4e00 + i)}`, address: '锦绣苑小区'.repeat(40) });
    await addPerson(last, { name: '末一' });
    const files = [small, large, last].map(async (o) => carry((await exportFrom(o, { kind: 'full', to: bureau.id })).path, bureau));
    const names = await Promise.all(files);

    // The disk holds a little more than there is: about 160 KB, room for the small packet (its rows,
    // undo record and audit entry), not the large one (120 persons with long addresses). The room is
    // counted in bytes: a page is 4096 bytes here, less the 48 each encrypted page keeps for its IV and MAC.
    const pages = bureau.t.app.db.pragma('page_count', { simple: true }) as number;
    const pageSize = bureau.t.app.db.pragma('page_size', { simple: true }) as number;
    bureau.t.app.db.pragma(`max_page_count = ${pages + Math.ceil((160 * 1024) / pageSize)}`);
    const r = await dispatch(bureau.t.app, bureau.admin, 'packets.importBatch', { files: names.map((fileName) => ({ fileName })) }, {}, quietLog);
    if (!r.ok) throw new Error(r.error.message);
    const value = r.value as ChannelOutput<'packets.importBatch'>;
    expect(value.results.map((x) => x.status)).toEqual(['imported', 'failed', 'not-attempted']);
    expect(value.results[1]?.error?.code).toBe('DISK_FULL');
    expect(value.results.map((x) => x.fileName)).toEqual(names);
    expect(value.stopped).toMatchObject({ code: 'DISK_FULL' });
    expect(count(bureau, 'SELECT count(*) AS n FROM persons WHERE origin_office = ?', small.id)).toBe(1);
    expect(count(bureau, 'SELECT count(*) AS n FROM persons WHERE origin_office <> ?', bureau.id)).toBe(1);
    expect(count(bureau, 'SELECT count(*) AS n FROM packet_imports')).toBe(1);
    expect(bureau.t.app.db.inTransaction).toBe(false);
    expect(fs.readdirSync(path.join(bureau.t.dir, 'packets', 'tmp'))).toEqual([]);

    // Room again: the same batch skips what is in and imports the rest.
    bureau.t.app.db.pragma(`max_page_count = ${pages * 1000}`);
    const again = await ok(call(bureau.t.app, bureau.admin, 'packets.importBatch', { files: names.map((fileName) => ({ fileName })) }));
    expect(again.results.map((x) => x.status)).toEqual(['skipped', 'imported', 'imported']);
    expect(again.stopped).toBeNull();
    expect(count(bureau, 'SELECT count(*) AS n FROM persons WHERE origin_office = ?', large.id)).toBe(120);
  }, 120_000);
});
