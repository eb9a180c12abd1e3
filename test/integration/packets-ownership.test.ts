/**
 * Packets: who may change what (ARCHITECTURE.md "Packets: who may change what"). Every cell of the
 * ownership matrix — the kind of packet (office → bureau, bureau → office, office → office, transfer,
 * receipt, this office's own backup) crossed with whose row it carries (the sender's, the
 * receiver's, a third office the receiver knows, in the county or outside it, an office the
 * receiver does not know) — and every way a packet could change a row's origin_office. A refused
 * packet leaves the receiving database exactly as it was and says why, naming the row and its owner.
 * The flows that must keep working with these rules are at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { call, dumpDatabase, ok } from '../helpers/app';
import { makeIdNumber } from '../helpers/persons';
import { schemaVersionOf } from '../../main/db/migrate';
import type { Manifest, PacketKind } from '../../shared/schemas/packets';
import { addPerson, carry, closeAll, drop, exportFrom, identityOf, importAt, makeOffice, recipientOf, rowsOf, seal, send, signLines, trust, trustBoth, type Office } from './packets.helpers';

type Row = Record<string, unknown>;
interface Rec {
  table: string;
  row: Row;
}

let bureau: Office; // 榆次区 (140702) bureau
let a: Office; // community office of the county, the usual sender
let c: Office; // a third office of the county, known to everyone below
let d: Office; // community office of the county, receives transfers from A
let x: Office; // an office of the county nobody here trusts
let z: Office; // a community office of another county (140721), known to A only
let personTemplate: Row;
let eventTemplate: Row;
let gridTemplate: Row;
/** A's person transferred to D (the receipts below acknowledge that transfer). */
let moved: string;
let transfer: { packetId: string; sha256: string };
let fullToD: { packetId: string; sha256: string };
const fingerprints = new Map<string, string>();
let seq = 0;

beforeAll(async () => {
  bureau = await makeOffice('榆次区委老干部局', 'bureau');
  a = await makeOffice('幸福里社区');
  c = await makeOffice('锦绣苑社区');
  d = await makeOffice('安宁社区');
  x = await makeOffice('无名社区');
  z = await makeOffice('太谷区城东社区', 'community', '140721001001');
  await trustBoth(a, bureau);
  await trustBoth(c, bureau);
  await trustBoth(d, bureau);
  await trustBoth(a, d);
  await trust(a, c);
  await trust(a, z);
  await trust(d, c);
  for (const o of [bureau, a, c, d, x, z]) fingerprints.set(o.id, (await ok(call(o.t.app, o.admin, 'keys.card', {}))).fingerprint);
  const p = await addPerson(a, { name: '模板' });
  await ok(call(a.t.app, a.admin, 'health.addEvent', { personId: p, fields: { kind: 'checkup', date: '2026-01-05', endDate: null, institution: '县医院', summary: '良好' } }));
  await ok(call(a.t.app, a.admin, 'grids.create', { name: '模板网格', description: '', workerIds: [], places: [] }));
  personTemplate = rowsOf(a, 'persons')[0] as Row;
  gridTemplate = rowsOf(a, 'grids')[0] as Row;
  eventTemplate = rowsOf(a, 'health_events')[0] as Row;
  moved = await addPerson(a, { name: '迁出人' });
  const t = await exportFrom(a, { kind: 'transfer', to: d.id, persons: [moved] });
  transfer = { packetId: t.packetId, sha256: t.sha256 };
  await importAt(d, carry(t.path, d), { receipt: false });
  const f = await exportFrom(a, { kind: 'full', to: d.id });
  fullToD = { packetId: f.packetId, sha256: f.sha256 };
}, 180_000);

afterAll(() => closeAll(bureau, a, c, d, x, z));

const at = '2026-11-27T10:00:00.000Z';

/** A new person row made by `owner`. */
function person(owner: Office, overrides: Row = {}): Row {
  seq += 1;
  return {
    ...personTemplate,
    id: uuidv7(),
    name: `行${seq}`,
    id_number: makeIdNumber('1950-06-01', 'male', seq, '149999'),
    origin_office: owner.id,
    version: JSON.stringify({ [owner.id]: 1 }),
    created_at: at,
    updated_at: at,
    updated_by: 'someone',
    deleted_at: null,
    ...overrides,
  };
}

/** A new health event of `personId` made by `owner`. */
function healthEvent(owner: Office, personId: string): Row {
  return { ...eventTemplate, id: uuidv7(), person_id: personId, origin_office: owner.id, version: JSON.stringify({ [owner.id]: 1 }), created_at: at, updated_at: at, summary: '新记录' };
}

/** A row of `o` as it is now, changed by `by` (its version a step ahead, so it is newer). */
function edited(o: Office, table: string, id: string, by: Office, changes: Row): Row {
  const row = o.t.app.db.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Row;
  const version = JSON.parse(String(row['version'])) as Record<string, number>;
  return { ...row, ...changes, version: JSON.stringify({ ...version, [by.id]: (version[by.id] ?? 0) + 1 }), updated_at: at };
}

/** Writes a row straight into an office's database: a record it holds before the packet arrives. */
function plant(o: Office, table: string, row: Row): void {
  const cols = Object.keys(row);
  o.t.app.db.prepare(`INSERT INTO "${table}" (${cols.map((k) => `"${k}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((k) => row[k] as never));
}

interface PacketOptions {
  persons?: string[];
  receipt?: { packetId: string; sha256: string; kind: PacketKind };
  /** A passphrase backup of the sender's own (no recipients). */
  passphrase?: string;
}

/** A packet signed by `sender` for `receiver`, holding `records`, as the sender's app would make it. */
async function packet(sender: Office, receiver: Office, kind: PacketKind, records: Rec[], opts: PacketOptions = {}): Promise<Buffer> {
  const counts: Record<string, number> = {};
  for (const r of records) counts[r.table] = (counts[r.table] ?? 0) + 1;
  const identity = identityOf(sender);
  const manifest: Manifest = {
    format: 'cadrecare-packet',
    formatVersion: 1,
    schemaVersion: schemaVersionOf(sender.t.app.db),
    appVersion: sender.t.app.version,
    packetId: uuidv7(),
    kind,
    created: at,
    sender: {
      officeId: sender.id,
      name: sender.name,
      areaCode: sender.areaCode,
      mode: sender.id === bureau.id ? 'bureau' : 'community',
      signingKey: identity.signingKey,
      keyFingerprint: fingerprints.get(sender.id) as string,
    },
    recipients: opts.passphrase ? [] : [{ officeId: receiver.id, name: receiver.name, areaCode: receiver.areaCode }],
    encryption: opts.passphrase ? 'passphrase' : 'recipients',
    base: null,
    ...(opts.persons ? { persons: opts.persons } : {}),
    ...(opts.receipt ? { receipt: { ...opts.receipt, importedAt: at, totals: { inserted: 0, updated: 0, unchanged: 0, conflicts: 0 } } } : {}),
    counts,
  };
  const text = signLines([JSON.stringify(manifest), ...records.map((r) => JSON.stringify({ table: r.table, row: r.row }))], identity);
  return seal(text, opts.passphrase ? { passphrase: opts.passphrase } : { recipient: recipientOf(receiver) });
}

interface Outcome {
  code: string;
  details: Record<string, unknown>;
}

/** Imports the packet at `receiver`; a refusal must leave its database exactly as it was. */
async function attempt(receiver: Office, bytes: Buffer, passphrase?: string): Promise<Outcome> {
  const before = dumpDatabase(receiver.t.app);
  const name = drop(receiver, bytes, `own-${uuidv7()}.age`);
  const r = await call(receiver.t.app, receiver.admin, 'packets.import', { fileName: name, receipt: false, ...(passphrase ? { passphrase } : {}) });
  if (r.ok) return { code: 'imported', details: {} };
  expect(dumpDatabase(receiver.t.app)).toEqual(before);
  return { code: r.error.code, details: r.error.details ?? {} };
}

function originOf(o: Office, table: string, id: string): string | undefined {
  return (o.t.app.db.prepare(`SELECT origin_office FROM "${table}" WHERE id = ?`).get(id) as { origin_office: string } | undefined)?.origin_office;
}

type Owner = 'sender' | 'receiver' | 'third' | 'outside' | 'unknown';
type Expected = 'imported' | 'not-sender' | 'unknown-office' | 'outside-county' | 'unlisted';

interface Flow {
  sender: () => Office;
  receiver: () => Office;
  kind: PacketKind;
  /** The records of one cell: a row owned by `owner`, as the flow carries it. */
  records: (owner: Office) => { recs: Rec[]; opts: PacketOptions; check: Rec };
  passphrase?: string;
}

const personFlow = (owner: Office) => {
  const row = person(owner);
  return { recs: [{ table: 'persons', row }], opts: {}, check: { table: 'persons', row } };
};

const FLOWS: Record<string, Flow> = {
  'office → bureau (full)': { sender: () => a, receiver: () => bureau, kind: 'full', records: personFlow },
  'office → bureau (incremental)': { sender: () => a, receiver: () => bureau, kind: 'incremental', records: personFlow },
  'bureau → office': { sender: () => bureau, receiver: () => a, kind: 'incremental', records: personFlow },
  'office → office (full)': { sender: () => a, receiver: () => d, kind: 'full', records: personFlow },
  'transfer, a person it names': {
    sender: () => a,
    receiver: () => d,
    kind: 'transfer',
    records: (owner) => {
      const row = person(owner);
      const event = healthEvent(owner, String(row['id']));
      return { recs: [{ table: 'persons', row }, { table: 'health_events', row: event }], opts: { persons: [String(row['id'])] }, check: { table: 'health_events', row: event } };
    },
  },
  'transfer, a person it does not name': {
    sender: () => a,
    receiver: () => d,
    kind: 'transfer',
    records: (owner) => {
      const named = person(a);
      const other = person(owner);
      return { recs: [{ table: 'persons', row: named }, { table: 'persons', row: other }], opts: { persons: [String(named['id'])] }, check: { table: 'persons', row: other } };
    },
  },
  'transfer, a row of a person it does not name': {
    sender: () => a,
    receiver: () => d,
    kind: 'transfer',
    records: (owner) => {
      const named = person(a);
      const event = healthEvent(owner, String(personTemplate['id']));
      return { recs: [{ table: 'persons', row: named }, { table: 'health_events', row: event }], opts: { persons: [String(named['id'])] }, check: { table: 'health_events', row: event } };
    },
  },
  'transfer, a row that belongs to no person': {
    sender: () => a,
    receiver: () => d,
    kind: 'transfer',
    records: (owner) => {
      const named = person(a);
      const grid = { ...gridTemplate, id: uuidv7(), name: `网格${uuidv7().slice(-6)}`, origin_office: owner.id, version: JSON.stringify({ [owner.id]: 1 }) };
      return { recs: [{ table: 'persons', row: named }, { table: 'grids', row: grid }], opts: { persons: [String(named['id'])] }, check: { table: 'grids', row: grid } };
    },
  },
  'receipt of a transfer this office made, a person of it': {
    sender: () => d,
    receiver: () => a,
    kind: 'receipt',
    records: (owner) => {
      const row = healthEvent(owner, moved);
      return { recs: [{ table: 'health_events', row }], opts: { receipt: { ...transfer, kind: 'transfer' } }, check: { table: 'health_events', row } };
    },
  },
  'receipt of a transfer this office made, another person': {
    sender: () => d,
    receiver: () => a,
    kind: 'receipt',
    records: (owner) => {
      const row = healthEvent(owner, String(personTemplate['id']));
      return { recs: [{ table: 'health_events', row }], opts: { receipt: { ...transfer, kind: 'transfer' } }, check: { table: 'health_events', row } };
    },
  },
  'receipt of a full packet': {
    sender: () => d,
    receiver: () => a,
    kind: 'receipt',
    records: (owner) => {
      const row = healthEvent(owner, String(personTemplate['id']));
      return { recs: [{ table: 'health_events', row }], opts: { receipt: { ...fullToD, kind: 'full' } }, check: { table: 'health_events', row } };
    },
  },
  'own passphrase backup': {
    sender: () => a,
    receiver: () => a,
    kind: 'backup',
    passphrase: 'our own backup passphrase',
    records: (owner) => {
      const row = person(owner);
      return { recs: [{ table: 'persons', row }], opts: { passphrase: 'our own backup passphrase' }, check: { table: 'persons', row } };
    },
  },
};

/** The matrix as implemented: what each kind of packet may carry, by whose row it is. */
const MATRIX: [string, Owner, Expected][] = [
  ['office → bureau (full)', 'sender', 'imported'],
  ['office → bureau (full)', 'receiver', 'not-sender'],
  ['office → bureau (full)', 'third', 'not-sender'],
  ['office → bureau (full)', 'unknown', 'unknown-office'],
  ['office → bureau (incremental)', 'sender', 'imported'],
  ['office → bureau (incremental)', 'receiver', 'not-sender'],
  ['office → bureau (incremental)', 'third', 'not-sender'],
  ['office → bureau (incremental)', 'unknown', 'unknown-office'],
  ['bureau → office', 'sender', 'imported'],
  ['bureau → office', 'receiver', 'imported'],
  ['bureau → office', 'third', 'imported'],
  ['bureau → office', 'outside', 'outside-county'],
  ['bureau → office', 'unknown', 'unknown-office'],
  ['office → office (full)', 'sender', 'imported'],
  ['office → office (full)', 'receiver', 'not-sender'],
  ['office → office (full)', 'third', 'not-sender'],
  ['office → office (full)', 'unknown', 'unknown-office'],
  ['transfer, a person it names', 'sender', 'imported'],
  ['transfer, a person it names', 'receiver', 'imported'],
  ['transfer, a person it names', 'third', 'imported'],
  ['transfer, a person it names', 'unknown', 'imported'],
  ['transfer, a person it does not name', 'sender', 'unlisted'],
  ['transfer, a person it does not name', 'receiver', 'unlisted'],
  ['transfer, a person it does not name', 'third', 'unlisted'],
  ['transfer, a person it does not name', 'unknown', 'unlisted'],
  ['transfer, a row of a person it does not name', 'sender', 'unlisted'],
  ['transfer, a row of a person it does not name', 'receiver', 'unlisted'],
  ['transfer, a row that belongs to no person', 'sender', 'unlisted'],
  ['receipt of a transfer this office made, a person of it', 'sender', 'imported'],
  ['receipt of a transfer this office made, a person of it', 'receiver', 'imported'],
  ['receipt of a transfer this office made, a person of it', 'third', 'not-sender'],
  ['receipt of a transfer this office made, a person of it', 'unknown', 'unknown-office'],
  ['receipt of a transfer this office made, another person', 'sender', 'imported'],
  ['receipt of a transfer this office made, another person', 'receiver', 'not-sender'],
  ['receipt of a full packet', 'sender', 'imported'],
  ['receipt of a full packet', 'receiver', 'not-sender'],
  ['own passphrase backup', 'sender', 'imported'],
  ['own passphrase backup', 'third', 'imported'],
  ['own passphrase backup', 'outside', 'imported'],
  ['own passphrase backup', 'unknown', 'imported'],
];

function ownerOffice(flow: Flow, owner: Owner): Office {
  if (owner === 'sender') return flow.sender();
  if (owner === 'receiver') return flow.receiver();
  if (owner === 'third') return c;
  if (owner === 'outside') return z;
  return x;
}

describe('the ownership matrix: whose rows each kind of packet may carry', () => {
  it.each(MATRIX)('%s, a row of the %s: %s', async (name, owner, expected) => {
    const flow = FLOWS[name] as Flow;
    const receiver = flow.receiver();
    const ownerOf = ownerOffice(flow, owner);
    const { recs, opts, check } = flow.records(ownerOf);
    const outcome = await attempt(receiver, await packet(flow.sender(), receiver, flow.kind, recs, opts), flow.passphrase);
    const id = String(check.row['id']);
    if (expected === 'imported') {
      expect(outcome).toEqual({ code: 'imported', details: {} });
      expect(originOf(receiver, check.table, id)).toBe(ownerOf.id);
      return;
    }
    if (expected === 'unlisted') {
      expect(outcome).toMatchObject({ code: 'PACKET_TRANSFER_UNLISTED', details: { table: check.table, id, sender: flow.sender().name } });
      expect(originOf(receiver, check.table, id)).toBeUndefined();
      return;
    }
    expect(outcome.code).toBe('PACKET_FOREIGN_ROWS');
    const known = ownerOf.id === receiver.id || receiver.t.app.db.prepare('SELECT 1 FROM trusted_offices WHERE office_id = ?').get(ownerOf.id) !== undefined;
    expect(outcome.details).toMatchObject({ reason: expected, table: check.table, id, ownerOfficeId: ownerOf.id, owner: known ? ownerOf.name : ownerOf.id, sender: flow.sender().name });
    expect(originOf(receiver, check.table, id)).toBeUndefined();
  });
});

describe('origin_office changes only by a transfer', () => {
  it('an office’s packet cannot change, delete or take over another office’s rows at the bureau, nor can they reach that office', async () => {
    // C reports to the bureau; A then signs a packet that edits C's rows there.
    const c1 = await addPerson(c, { name: '丙一', address: '锦绣苑1号' });
    const c2 = await addPerson(c, { name: '丙二' });
    const c3 = await addPerson(c, { name: '丙三' });
    await send(c, bureau, 'incremental');
    const cases: [string, Row, string][] = [
      ['a changed address', edited(bureau, 'persons', c1, a, { address: '被改的地址' }), 'not-sender'],
      ['a delete', edited(bureau, 'persons', c2, a, { deleted_at: at }), 'not-sender'],
      ['a move to A', edited(bureau, 'persons', c3, a, { origin_office: a.id }), 'origin-change'],
    ];
    for (const [what, row, reason] of cases) {
      const outcome = await attempt(bureau, await packet(a, bureau, 'incremental', [{ table: 'persons', row }]));
      expect(outcome.code, what).toBe('PACKET_FOREIGN_ROWS');
      expect(outcome.details, what).toMatchObject({ reason, table: 'persons', id: row['id'], owner: '锦绣苑社区', sender: '幸福里社区' });
    }
    // All three together, among A's own rows: the whole packet is refused.
    const mixed = [{ table: 'persons', row: person(a) }, ...cases.map(([, row]) => ({ table: 'persons', row }))];
    expect((await attempt(bureau, await packet(a, bureau, 'incremental', mixed))).code).toBe('PACKET_FOREIGN_ROWS');
    // The bureau's next packet to C carries nothing of it: C's records are as C made them.
    const beforeC = rowsOf(c, 'persons');
    const back = await send(bureau, c, 'incremental');
    expect(back.imported.report.totals.updated).toBe(0);
    expect(rowsOf(c, 'persons')).toEqual(beforeC);
    expect(bureau.t.app.db.prepare('SELECT address, deleted_at, origin_office FROM persons WHERE id IN (?, ?, ?) ORDER BY name').all(c1, c2, c3)).toEqual([
      { address: '锦绣苑1号', deleted_at: null, origin_office: c.id },
      { address: expect.any(String), deleted_at: null, origin_office: c.id },
      { address: expect.any(String), deleted_at: null, origin_office: c.id },
    ]);
  });

  it('the bureau edits an office’s rows but cannot move them to another office or to itself', async () => {
    const mine = await addPerson(a, { name: '甲移' });
    const edit = await attempt(a, await packet(bureau, a, 'incremental', [{ table: 'persons', row: edited(a, 'persons', mine, bureau, { address: '局里核实的地址' }) }]));
    expect(edit.code).toBe('imported');
    for (const to of [c, bureau]) {
      const outcome = await attempt(a, await packet(bureau, a, 'incremental', [{ table: 'persons', row: edited(a, 'persons', mine, bureau, { origin_office: to.id }) }]));
      expect(outcome).toMatchObject({ code: 'PACKET_FOREIGN_ROWS', details: { reason: 'origin-change', id: mine, owner: '幸福里社区', claimedOfficeId: to.id } });
    }
    expect(originOf(a, 'persons', mine)).toBe(a.id);
  });

  it('a transfer hands the sender’s row to the receiver, and nothing else', async () => {
    // Rows D already holds: one of A's, one of C's.
    const ofA = person(a);
    const ofC = person(c);
    plant(d, 'persons', ofA);
    plant(d, 'persons', ofC);
    const bump = (row: Row, origin: Office) => ({ ...row, origin_office: origin.id, version: JSON.stringify({ ...(JSON.parse(String(row['version'])) as object), [a.id]: 5 }) });
    const take = (row: Row, origin: Office) => packet(a, d, 'transfer', [{ table: 'persons', row: bump(row, origin) }], { persons: [String(row['id'])] });
    // C's row cannot be taken over by A's transfer, not even for D.
    expect((await attempt(d, await take(ofC, d))).details).toMatchObject({ reason: 'origin-change', owner: '锦绣苑社区', claimedOfficeId: d.id });
    // A's row handed to someone other than the receiver.
    expect((await attempt(d, await take(ofA, c))).details).toMatchObject({ reason: 'origin-change', owner: '幸福里社区', claimedOfficeId: c.id });
    // A's row handed to D: allowed.
    expect((await attempt(d, await take(ofA, d))).code).toBe('imported');
    expect(originOf(d, 'persons', String(ofA['id']))).toBe(d.id);
    expect(originOf(d, 'persons', String(ofC['id']))).toBe(c.id);
  });

  it('the receipt of a transfer hands this office’s row of a transferred person to the office that took them in, and no other row', async () => {
    const stays = String(personTemplate['id']);
    const refused = await attempt(a, await packet(d, a, 'receipt', [{ table: 'persons', row: edited(a, 'persons', stays, d, { origin_office: d.id }) }], { receipt: { ...transfer, kind: 'transfer' } }));
    expect(refused).toMatchObject({ code: 'PACKET_FOREIGN_ROWS', details: { reason: 'origin-change', id: stays, owner: '幸福里社区', claimedOfficeId: d.id } });
    const viaFull = await attempt(a, await packet(d, a, 'receipt', [{ table: 'persons', row: edited(a, 'persons', moved, d, { origin_office: d.id }) }], { receipt: { ...fullToD, kind: 'full' } }));
    expect(viaFull.details).toMatchObject({ reason: 'origin-change', id: moved });
    const taken = await attempt(a, await packet(d, a, 'receipt', [{ table: 'persons', row: edited(a, 'persons', moved, d, { origin_office: d.id }) }], { receipt: { ...transfer, kind: 'transfer' } }));
    expect(taken.code).toBe('imported');
    expect(originOf(a, 'persons', moved)).toBe(d.id);
    expect(originOf(a, 'persons', stays)).toBe(a.id);
  });

  it('this office’s own backup restores rows of any office, but moves none', async () => {
    const mine = await addPerson(a, { name: '甲备' });
    const passphrase = 'our own backup passphrase';
    const outcome = await attempt(a, await packet(a, a, 'backup', [{ table: 'persons', row: edited(a, 'persons', mine, a, { origin_office: c.id }) }], { passphrase }), passphrase);
    expect(outcome).toMatchObject({ code: 'PACKET_FOREIGN_ROWS', details: { reason: 'origin-change', id: mine, owner: '幸福里社区', claimedBy: '锦绣苑社区' } });
  });

  it('inspecting a packet says it would be refused, and why', async () => {
    const row = person(c);
    const name = drop(bureau, await packet(a, bureau, 'full', [{ table: 'persons', row }]), `inspect-${uuidv7()}.age`);
    const seen = await ok(call(bureau.t.app, bureau.admin, 'packets.inspect', { fileName: name }));
    expect(seen.wouldFail).toBe('PACKET_FOREIGN_ROWS');
  });
});

describe('the flows keep working under the rules', () => {
  let fb: Office;
  let fa: Office;
  let fd: Office;
  beforeAll(async () => {
    fb = await makeOffice('榆次区委老干部局', 'bureau');
    fa = await makeOffice('幸福里社区');
    fd = await makeOffice('安宁社区');
    await trustBoth(fa, fb);
    await trustBoth(fd, fb);
    await trustBoth(fa, fd);
  }, 60_000);
  afterAll(() => closeAll(fb, fa, fd));

  it('an office’s packets carry only its own rows, so the bureau’s rows that came back do not stop them', async () => {
    const mine = await addPerson(fa, { name: '甲流' });
    await send(fa, fb, 'incremental');
    await ok(call(fb.t.app, fb.admin, 'health.addEvent', { personId: mine, fields: { kind: 'checkup', date: '2026-02-01', endDate: null, institution: '局里', summary: '局里补录' } }));
    const back = await send(fb, fa, 'incremental');
    expect(back.imported.report.tables['health_events']).toMatchObject({ inserted: 1 });
    expect(rowsOf(fa, 'health_events').map((e) => e['origin_office'])).toEqual([fb.id]);
    const full = await exportFrom(fa, { kind: 'full', to: fb.id });
    expect(full.counts['health_events']).toBe(0);
    const imported = await importAt(fb, carry(full.path, fb));
    expect(imported.report.totals).toMatchObject({ conflicts: 0, inserted: 0 });
  });

  it('after a transfer the receiving office still reports to the bureau: its own rows of the person', async () => {
    const p = await addPerson(fa, { name: '甲转' });
    await send(fa, fb, 'incremental');
    const moved = await send(fa, fd, 'transfer', [p]);
    expect(moved.imported.report.totals.inserted).toBeGreaterThan(0);
    expect(fa.t.app.db.prepare('SELECT status FROM persons WHERE id = ?').get(p)).toEqual({ status: 'moved_out' });
    await ok(call(fd.t.app, fd.admin, 'health.addEvent', { personId: p, fields: { kind: 'checkup', date: '2026-03-01', endDate: null, institution: '社区站', summary: '到新社区后体检' } }));
    const { imported } = await send(fd, fb, 'incremental');
    expect(imported.report.tables['health_events']).toMatchObject({ inserted: 1 });
    expect(fb.t.app.db.prepare("SELECT origin_office FROM health_events WHERE person_id = ? AND summary = '到新社区后体检'").get(p)).toEqual({ origin_office: fd.id });
    // The sending office's word on the person (moved out) reaches the bureau too.
    await send(fa, fb, 'incremental');
    expect(fb.t.app.db.prepare('SELECT status, origin_office FROM persons WHERE id = ?').get(p)).toEqual({ status: 'moved_out', origin_office: fa.id });
  });
});
