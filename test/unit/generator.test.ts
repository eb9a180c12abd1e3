import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generatePersons, fillDatabase, DEFAULT_REFERENCE_DATE, type FillOptions, type GeneratedPerson } from '../../bench/generator/index';
import {
  barthelScoresSchema,
  familyContactFieldsSchema,
  healthEventFieldsSchema,
  healthProfileFieldsSchema,
  personFieldsSchema,
} from '../../shared/schemas/persons';
import { parseIdNumber } from '../../shared/idcard';
import { barthelTotal } from '../../shared/barthel';
import { SYSTEM_ACTOR } from '../../main/db/audit';
import { closeApp, openApp } from '../../main/context';
import { runCli } from '../../main/cli/program';
import type { Db } from '../../main/db/connection';
import { TEST_DB_KEY, makeApp, setupOffice, call, ok, tempDir, type TestApp } from '../helpers/app';
import { cliDbKey, recoveryKeyFileOf, withUnlock } from '../helpers/cli';
import { formatRecoveryKey } from '../../main/db/cipher';

const seed = 20261127;

describe('synthetic data generator', () => {
  const persons = generatePersons(2000, { seed });

  it('gives the same persons for the same seed, and a smaller run is a prefix of a larger one', () => {
    expect(generatePersons(2000, { seed })).toEqual(persons);
    expect(generatePersons(100, { seed })).toEqual(persons.slice(0, 100));
    const other = generatePersons(100, { seed: seed + 1 });
    expect(other.map((p) => p.fields.idNumber)).not.toEqual(persons.slice(0, 100).map((p) => p.fields.idNumber));
  });

  it('makes persons every schema accepts as they are: valid ID numbers agreeing with birth date and gender', () => {
    for (const p of persons) {
      const parsed = personFieldsSchema.safeParse(p.fields);
      expect(parsed.success ? null : { fields: p.fields, issues: parsed.error.issues }).toBeNull();
      expect(parsed.data).toEqual(p.fields);
      const id = parseIdNumber(p.fields.idNumber);
      expect(id).toMatchObject({ ok: true, birthDate: p.fields.birthDate, gender: p.fields.gender, converted: false });
      expect(p.fields.birthDate >= '1925-01-01' && p.fields.birthDate <= '1966-12-31').toBe(true);
      if (p.health) expect(healthProfileFieldsSchema.parse(p.health)).toEqual(p.health);
      for (const a of p.assessments) {
        expect(barthelScoresSchema.parse(a.items)).toEqual(a.items);
        expect(a.assessedOn <= DEFAULT_REFERENCE_DATE).toBe(true);
      }
      for (const e of p.healthEvents) expect(healthEventFieldsSchema.parse(e)).toEqual(e);
      for (const c of p.family) expect(familyContactFieldsSchema.parse(c)).toEqual(c);
      expect(p.family.filter((c) => c.isEmergency).length).toBeLessThanOrEqual(1);
    }
    expect(new Set(persons.map((p) => p.fields.idNumber)).size).toBe(persons.length);
  });

  it('names have two or three characters, with common surnames and names of the generation', () => {
    for (const p of persons) expect([...p.fields.name].length === 2 || [...p.fields.name].length === 3, p.fields.name).toBe(true);
    const surnames = new Map<string, number>();
    for (const p of persons) surnames.set(p.fields.name[0] as string, (surnames.get(p.fields.name[0] as string) ?? 0) + 1);
    const top = [...surnames.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([s]) => s);
    expect(top).toEqual(expect.arrayContaining(['王', '李']));
    // Names repeat, as they do in a real register (王建国 …).
    expect(new Set(persons.map((p) => p.fields.name)).size).toBeLessThan(persons.length);
  });

  it('has realistic shares and consistent records', () => {
    const share = (f: (p: GeneratedPerson) => boolean) => persons.filter(f).length / persons.length;
    expect(share((p) => p.fields.politicalStatus === 'cpc')).toBeGreaterThan(0.5);
    expect(share((p) => p.fields.politicalStatus === 'cpc')).toBeLessThan(0.7);
    expect(share((p) => p.fields.livingSituation === 'alone')).toBeGreaterThan(0.1);
    expect(share((p) => p.fields.livingSituation === 'alone')).toBeLessThan(0.2);
    expect(share((p) => p.fields.livingSituation === 'empty_nest')).toBeGreaterThan(0.3);
    expect(share((p) => p.fields.ethnicity === '汉族')).toBeGreaterThan(0.9);
    // 离休 only for those who could have joined the revolution before 1949.
    for (const p of persons.filter((x) => x.fields.retirementType === 'lixiu')) expect(p.fields.birthDate < '1934').toBe(true);
    for (const p of persons) {
      if (p.fields.retirementDate) {
        const years = Number(p.fields.retirementDate.slice(0, 4)) - Number(p.fields.birthDate.slice(0, 4));
        expect(years === (p.fields.gender === 'male' ? 60 : 55) || years === (p.fields.gender === 'male' ? 61 : 56)).toBe(true);
        expect(p.fields.retirementDate <= DEFAULT_REFERENCE_DATE).toBe(true);
      }
    }
    // Older people score lower on the Barthel index.
    const mean = (list: GeneratedPerson[]) => {
      const totals = list.flatMap((p) => p.assessments.slice(-1).map((a) => barthelTotal(a.items)));
      return totals.reduce((s, x) => s + x, 0) / totals.length;
    };
    expect(mean(persons.filter((p) => p.fields.birthDate < '1940'))).toBeLessThan(mean(persons.filter((p) => p.fields.birthDate > '1955')));
    expect(share((p) => p.family.some((c) => c.isEmergency))).toBeGreaterThan(0.85);
  });
});

/** Rows of the tables the generator writes, with ids, the office and timestamps made comparable. */
function normalisedRows(db: Db, officeId: string): string[] {
  const uuids = new Map<string, string>();
  const tables = ['persons', 'person_status_events', 'health_profiles', 'adl_assessments', 'health_events', 'family_contacts'];
  const rows = [
    ...tables.flatMap((t) => (db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all() as Record<string, unknown>[]).map((r) => `${t} ${JSON.stringify(r)}`)),
    ...(
      db
        .prepare(
          `SELECT entity, action, changes, subject_id FROM audit_log
           WHERE entity IN ('person', 'person_status', 'health_profile', 'adl_assessment', 'health_event', 'family_contact') ORDER BY id`,
        )
        .all() as Record<string, unknown>[]
    ).map((r) => `audit ${JSON.stringify(r)}`),
    ...(db.prepare('SELECT gram, person_rowid FROM person_grams ORDER BY person_rowid, gram').all() as Record<string, unknown>[]).map((r) => `gram ${JSON.stringify(r)}`),
  ];
  return rows.map((line) =>
    line
      .replaceAll(officeId, 'OFFICE')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
        if (!uuids.has(id)) uuids.set(id, `ID${uuids.size}`);
        return uuids.get(id) as string;
      }),
  );
}

describe('generated persons in a real database', () => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  it('inserts a community through the services and finds them by name, pinyin and ID', async () => {
    t = makeApp();
    const admin = await setupOffice(t);
    const db = t.app.db;
    const officeId = (db.prepare('SELECT id FROM office').get() as { id: string }).id;
    const at = t.clock.now().toISOString();
    const { counts } = fillDatabase(db, { actor: SYSTEM_ACTOR, officeId, at }, { seed, count: 200, community: '幸福里社区' });
    const generated = generatePersons(200, { seed, community: '幸福里社区' });
    expect(counts.persons).toBe(200);
    expect(counts.familyContacts).toBe(generated.reduce((s, p) => s + p.family.length, 0));
    expect((db.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n).toBe(200);
    expect((db.prepare('SELECT count(*) AS n FROM person_grams').get() as { n: number }).n).toBeGreaterThan(200);

    const all = await ok(call(t.app, admin, 'persons.list', { status: 'all', limit: 500 }));
    expect(all.total).toBe(200);
    const someone = generated[17] as GeneratedPerson;
    const byName = await ok(call(t.app, admin, 'persons.list', { search: someone.fields.name, status: 'all', limit: 500 }));
    expect(byName.rows.map((r) => r.idNumber)).toContain(someone.fields.idNumber);
    const row = byName.rows.find((r) => r.idNumber === someone.fields.idNumber);
    const byPinyin = await ok(call(t.app, admin, 'persons.list', { search: row?.namePinyin ?? '', status: 'all', limit: 500 }));
    expect(byPinyin.rows.map((r) => r.idNumber)).toContain(someone.fields.idNumber);
    const byId = await ok(call(t.app, admin, 'persons.list', { search: someone.fields.idNumber.slice(6, 14), status: 'all', limit: 500 }));
    expect(byId.rows.map((r) => r.idNumber)).toContain(someone.fields.idNumber);

    // The record reads back whole: health, assessments, family.
    const detail = await ok(call(t.app, admin, 'persons.get', { id: row?.id ?? '' }));
    expect(detail.family).toHaveLength(someone.family.length);
    expect(detail.assessments).toHaveLength(someone.assessments.length);
    expect(detail.healthEvents).toHaveLength(someone.healthEvents.length);
    expect(detail.health.chronicConditions).toEqual(someone.health?.chronicConditions ?? []);
  });

  /** Registry rows written by one way of filling, in a fresh office database. */
  function registryRows(options: Partial<FillOptions>): string[] {
    const dir = tempDir();
    const app = openApp({ dataDir: dir, key: TEST_DB_KEY });
    try {
      const officeId = 'office-under-test';
      fillDatabase(app.db, { actor: SYSTEM_ACTOR, officeId, at: '2026-01-01T08:00:00.000Z' }, { seed, count: 60, referenceDate: '2026-01-01', ...options });
      return normalisedRows(app.db, officeId);
    } finally {
      closeApp(app);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it('writes the same rows with and without the statement cache', () => {
    const cached = registryRows({ cacheStatements: true, transactionSize: 15 });
    expect(cached.length).toBeGreaterThan(60 * 5);
    expect(cached).toEqual(registryRows({ cacheStatements: false }));
  });

  it('the fast path writes exactly the registry rows and audit entries the services write', () => {
    const services = registryRows({ path: 'services' });
    expect(services.filter((line) => line.startsWith('persons ')).length).toBe(60);
    expect(registryRows({ path: 'fast' })).toEqual(services);
  });
});

describe('cadrecare demo', () => {
  let tmp: string;
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function cli(...argv: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(withUnlock(argv), { out: (s) => void (out += s), err: (s) => void (err += s) });
    return { code, out, err, json: () => JSON.parse(out.trim()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string } } };
  }

  it('refuses an office that is not set up, then fills one that is, adding on a second run', async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cadrecare-demo-'));
    const dataDir = path.join(tmp, 'data');
    const missing = await cli('--json', 'demo', '--data-dir', dataDir, '--persons', '10');
    expect(missing.code).toBe(1);
    expect(missing.json().error?.code).toBe('SETUP_REQUIRED');
    // A database without an office is refused too (in a folder of its own: init refuses a folder with a database).
    const bare = path.join(tmp, 'bare');
    closeApp(openApp({ dataDir: bare, key: TEST_DB_KEY }));
    fs.writeFileSync(recoveryKeyFileOf(bare), formatRecoveryKey(TEST_DB_KEY), { mode: 0o600 });
    expect((await cli('--json', 'demo', '--data-dir', bare, '--persons', '10')).json().error?.code).toBe('SETUP_REQUIRED');

    const pw = path.join(tmp, 'pw');
    fs.writeFileSync(pw, 'Admin2026pass\n');
    expect((await cli('init', '--data-dir', dataDir, '--office-name', '幸福里社区', '--area-code', '140702001001', '--mode', 'community', '--admin', 'admin', '--password-file', pw)).code).toBe(0);
    expect((await cli('--json', 'demo', '--data-dir', dataDir, '--persons', '0')).json().error?.code).toBe('INVALID_INPUT');

    const first = await cli('--json', 'demo', '--data-dir', dataDir, '--persons', '30', '--seed', '5');
    expect(first.code).toBe(0);
    expect(first.json().value).toMatchObject({ persons: 30, registered: 30, seed: 5, office: '幸福里社区', created: { persons: 30 } });
    // The same seed again adds 30 more with ID numbers of their own.
    const again = await cli('demo', '--data-dir', dataDir, '--persons', '30', '--seed', '5');
    expect(again.code).toBe(0);
    expect(again.out).toContain('现登记 60 人');

    const app = openApp({ dataDir, key: cliDbKey(dataDir) });
    try {
      const rows = app.db.prepare('SELECT community, count(*) AS n, count(DISTINCT id_number) AS ids FROM persons GROUP BY community').all();
      expect(rows).toEqual([{ community: '幸福里社区', n: 60, ids: 60 }]);
      const audited = app.db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'person' AND action = 'create'").get() as { n: number };
      expect(audited.n).toBe(60);
    } finally {
      closeApp(app);
    }
  });
});
