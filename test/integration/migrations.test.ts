import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
import { registerFunctions } from '../../main/db/functions';
import { expandMigrationSql, latestVersion, loadMigrations, migrate, schemaVersionOf } from '../../main/db/migrate';
import { tempDir } from '../helpers/app';

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir('cadrecare-mig-');
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('migrations', () => {
  const migrations = loadMigrations();

  it('are numbered without gaps and the latest is the schema version', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    const db = openDatabase(path.join(fresh(), 'a.sqlite'));
    expect(schemaVersionOf(db)).toBe(latestVersion(migrations));
    db.close();
  });

  it('opens with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(path.join(fresh(), 'a.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('refuses a database from a newer app and leaves it untouched', () => {
    const file = path.join(fresh(), 'future.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestVersion(migrations) + 5}`);
    raw.exec('CREATE TABLE from_the_future (x)');
    raw.close();
    const bytes = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'DB_FROM_NEWER_VERSION' }));
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('applies pending migrations in one transaction: a failing one leaves the old version', () => {
    const file = path.join(fresh(), 'b.sqlite');
    const db = new Database(file);
    const broken = [...migrations, { version: migrations.length + 1, name: 'broken', sql: 'CREATE TABLE ok_table (x); CREATE TABLE office (dup);' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersionOf(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type='table'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('is idempotent: opening twice changes nothing', () => {
    const file = path.join(fresh(), 'c.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(migrate(db)).toEqual({ from: latestVersion(migrations), to: latestVersion(migrations) });
    db.close();
  });

  describe('0001-foundation', () => {
    it('creates office, users, audit_log and settings with their checks', () => {
      const db = openDatabase(path.join(fresh(), 'd.sqlite'));
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
      expect(tables).toEqual(expect.arrayContaining(['office', 'users', 'audit_log', 'settings']));
      const insertOffice = db.prepare("INSERT INTO office (id, name, area_code, mode, created_at) VALUES (?, '社区', ?, 'community', 'now')");
      expect(() => insertOffice.run('o1', '1234')).toThrow(/CHECK/);
      expect(() => insertOffice.run('o1', '14070200100A')).toThrow(/CHECK/);
      insertOffice.run('o1', '140702001001');
      expect(() => insertOffice.run('o2', '140702001002')).toThrow(/UNIQUE/);
      const insertUser = db.prepare(
        "INSERT INTO users (id, username, display_name, role, password_hash, password_salt, created_at, updated_at) VALUES (?, ?, 'x', ?, 'h', 's', 'now', 'now')",
      );
      insertUser.run('u1', 'Admin', 'admin');
      expect(() => insertUser.run('u2', 'admin', 'staff')).toThrow(/UNIQUE/);
      expect(() => insertUser.run('u3', 'root', 'superuser')).toThrow(/CHECK/);
      db.close();
    });
  });

  describe('0003-visits', () => {
    const UUID7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

    function registryAtVersion2(file: string): Database.Database {
      const db = new Database(file);
      migrate(db, migrations.slice(0, 2));
      db.prepare("INSERT INTO office (id, name, area_code, mode, created_at) VALUES ('office-1', '社区', '140702001001', 'community', '2026-01-01T00:00:00.000Z')").run();
      const person = db.prepare(
        `INSERT INTO persons (id, created_at, updated_at, updated_by, origin_office, name, name_pinyin, name_initials, gender, id_number, birth_date,
           retirement_type, grid, deleted_at) VALUES (?, 'now', 'now', 'u', 'office-1', ?, 'x', 'x', 'male', ?, '1945-01-01', 'tuixiu', ?, ?)`,
      );
      person.run('p1', '甲', '1', '第一网格', null);
      person.run('p2', '乙', '2', '第一网格', null);
      person.run('p3', '丙', '3', '第二网格', null);
      person.run('p4', '丁', '4', '', null);
      person.run('p5', '戊', '5', '第三网格', '2026-02-01T00:00:00.000Z');
      return db;
    }

    it('creates grids from the grid names typed into the register and links their persons', () => {
      const db = registryAtVersion2(path.join(fresh(), 'e.sqlite'));
      expect(schemaVersionOf(db)).toBe(2);
      migrate(db, migrations);
      expect(schemaVersionOf(db)).toBe(latestVersion(migrations));
      const grids = db.prepare('SELECT id, name, origin_office, version, updated_by, deleted_at FROM grids ORDER BY name').all() as Record<string, string | null>[];
      // Only from living persons: the deleted person's grid is not made.
      expect(grids.map((g) => g['name'])).toEqual(['第一网格', '第二网格']);
      for (const g of grids) {
        expect(g['id']).toMatch(UUID7);
        expect(g).toMatchObject({ origin_office: 'office-1', version: '{"office-1":1}', updated_by: 'system', deleted_at: null });
      }
      const link = (id: string) => (db.prepare('SELECT g.name FROM persons p LEFT JOIN grids g ON g.id = p.grid_id WHERE p.id = ?').get(id) as { name: string | null }).name;
      expect([link('p1'), link('p2'), link('p3'), link('p4'), link('p5')]).toEqual(['第一网格', '第一网格', '第二网格', null, null]);
      expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'grid' AND action = 'create'").get()).toEqual({ n: 2 });
      expect(db.prepare('SELECT high_risk FROM persons WHERE id = ?').get('p1')).toEqual({ high_risk: 0 });
      db.close();
    });

    it('keeps grid names, current assignments and visit keys unique among living rows, with their checks', () => {
      const db = registryAtVersion2(path.join(fresh(), 'f.sqlite'));
      migrate(db, migrations);
      const meta = "'now', 'now', 'u', 'office-1'";
      const grid = db.prepare(`INSERT INTO grids (id, created_at, updated_at, updated_by, origin_office, name, deleted_at) VALUES (?, ${meta}, ?, ?)`);
      expect(() => grid.run('g9', '第一网格', null)).toThrow(/UNIQUE/);
      grid.run('g9', '第一网格', '2026-01-01');
      const assignment = db.prepare(
        `INSERT INTO contact_assignments (id, created_at, updated_at, updated_by, origin_office, person_id, user_id, role, from_date, to_date, assigned_by)
         VALUES (?, ${meta}, 'p1', ?, ?, '2026-01-01', ?, 'u')`,
      );
      assignment.run('a1', 'u1', 'primary', null);
      expect(() => assignment.run('a2', 'u2', 'primary', null)).toThrow(/UNIQUE/);
      assignment.run('a3', 'u2', 'backup', null);
      assignment.run('a4', 'u3', 'primary', '2026-02-01');
      expect(() => assignment.run('a5', 'u3', 'primary', '2025-12-31')).toThrow(/CHECK/);
      expect(() => assignment.run('a6', 'u3', 'watcher', '2026-02-01')).toThrow(/CHECK/);
      expect(() => assignment.run('a7', 'u3', 'backup', null)).toThrow(/UNIQUE/);
      const visit = db.prepare(
        `INSERT INTO planned_visits (id, created_at, updated_at, updated_by, origin_office, person_id, key, reason, due_date, window_start, missed_after, cancelled_on, cancel_reason)
         VALUES (?, ${meta}, 'p1', ?, 'routine', ?, ?, ?, ?, ?)`,
      );
      visit.run('v1', 'routine:2026-11', '2026-11-30', '2026-11-01', '2026-12-14', null, null);
      expect(() => visit.run('v2', 'routine:2026-11', '2026-11-30', '2026-11-01', '2026-12-14', null, null)).toThrow(/UNIQUE/);
      expect(() => visit.run('v3', 'routine:2026-12', '2026-12-31', '2027-01-01', '2027-01-14', null, null)).toThrow(/CHECK/);
      expect(() => visit.run('v4', 'routine:2027-01', '2027-01-31', '2027-01-01', '2027-02-14', '2026-12-01', null)).toThrow(/CHECK/);
      visit.run('v5', 'routine:2027-01', '2027-01-31', '2027-01-01', '2027-02-14', '2026-12-01', 'manual');
      expect(() =>
        db.prepare(`INSERT INTO visit_records (id, created_at, updated_at, updated_by, origin_office, person_id, visit_date, method, reason, recorded_by) VALUES ('r1', ${meta}, 'p1', '2026-11-01', 'carrier_pigeon', 'ad_hoc', 'u')`).run(),
      ).toThrow(/CHECK/);
      expect(() =>
        db.prepare(`INSERT INTO service_requests (id, created_at, updated_at, updated_by, origin_office, person_id, category, description, raised_by, raised_on) VALUES ('s1', ${meta}, 'nobody', 'medical', 'x', 'u', '2026-11-01')`).run(),
      ).toThrow(/FOREIGN KEY/);
      const list = db.prepare(`INSERT INTO printed_lists (id, created_at, updated_at, updated_by, origin_office, list_no, kind, printed_at, printed_by) VALUES (?, ${meta}, ?, 'visit_list', 'now', 'u')`);
      list.run('l1', '2026-11-0001');
      expect(() => list.run('l2', '2026-11-0001')).toThrow(/UNIQUE/);
      expect(() => db.prepare('UPDATE persons SET high_risk = 2 WHERE id = ?').run('p1')).toThrow(/CHECK/);
      db.close();
    });
  });

  describe('0005-office-unique', () => {
    it('scopes grid names, grid prefixes and list numbers by the office that made them', () => {
      const file = path.join(fresh(), 'g.sqlite');
      const db = new Database(file);
      migrate(db, migrations.slice(0, 4));
      const row = (office: string) => `'now', 'now', 'u', '${office}'`;
      const grid = (id: string, office: string, name: string) =>
        db.prepare(`INSERT INTO grids (id, created_at, updated_at, updated_by, origin_office, name) VALUES (?, ${row(office)}, ?)`).run(id, name);
      grid('g1', 'office-a', '第一网格');
      // Before 0005: another office's grid of the same name clashes.
      expect(() => grid('g2', 'office-b', '第一网格')).toThrow(/UNIQUE/);
      migrate(db, migrations);
      expect(schemaVersionOf(db)).toBe(latestVersion(migrations));
      grid('g2', 'office-b', '第一网格');
      expect(() => grid('g3', 'office-b', '第一网格')).toThrow(/UNIQUE/);
      const place = (id: string, office: string, gridId: string, prefix: string) =>
        db.prepare(`INSERT INTO grid_places (id, created_at, updated_at, updated_by, origin_office, grid_id, prefix) VALUES (?, ${row(office)}, ?, ?)`).run(id, gridId, prefix);
      place('gp1', 'office-a', 'g1', '幸福里小区');
      place('gp2', 'office-b', 'g2', '幸福里小区');
      expect(() => place('gp3', 'office-b', 'g2', '幸福里小区')).toThrow(/UNIQUE/);
      const list = (id: string, office: string, no: string) =>
        db
          .prepare(`INSERT INTO printed_lists (id, created_at, updated_at, updated_by, origin_office, list_no, kind, printed_at, printed_by) VALUES (?, ${row(office)}, ?, 'visit_list', 'now', 'u')`)
          .run(id, no);
      list('l1', 'office-a', '2026-11-0001');
      list('l2', 'office-b', '2026-11-0001');
      expect(() => list('l3', 'office-a', '2026-11-0001')).toThrow(/UNIQUE/);
      // Deleted rows free their name, as before.
      db.prepare("UPDATE grids SET deleted_at = 'now' WHERE id = 'g2'").run();
      grid('g4', 'office-b', '第一网格');
      const indexSql = (name: string) => (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) as { sql: string }).sql;
      expect(indexSql('grids_name')).toMatch(/\(origin_office, name\) WHERE deleted_at IS NULL/);
      expect(indexSql('grid_places_prefix')).toMatch(/\(origin_office, prefix\) WHERE deleted_at IS NULL/);
      expect(indexSql('printed_lists_no')).toMatch(/\(origin_office, list_no\) WHERE deleted_at IS NULL/);
      // A person's visit keys stay unique per person.
      expect(indexSql('planned_visits_key')).toMatch(/\(person_id, key\) WHERE deleted_at IS NULL/);
      db.close();
    });
  });

  describe('0011-reports', () => {
    const reportsVersion = migrations.findIndex((m) => m.name === 'reports') + 1;

    it('gives visit records that exist 慰问金 0 and no 慰问品, and refuses a negative amount', () => {
      const db = new Database(path.join(fresh(), 'r.sqlite'));
      migrate(db, migrations.slice(0, reportsVersion - 1));
      const meta = "'now', 'now', 'u', 'office-1'";
      db.prepare("INSERT INTO office (id, name, area_code, mode, created_at) VALUES ('office-1', '社区', '140702001001', 'community', '2026-01-01T00:00:00.000Z')").run();
      db.prepare(
        `INSERT INTO persons (id, created_at, updated_at, updated_by, origin_office, name, name_pinyin, name_initials, gender, id_number, birth_date, retirement_type)
         VALUES ('p1', ${meta}, '甲', 'jia', 'j', 'male', '1', '1945-01-01', 'tuixiu')`,
      ).run();
      db.prepare(`INSERT INTO visit_records (id, created_at, updated_at, updated_by, origin_office, person_id, visit_date, method, reason, recorded_by) VALUES ('v1', ${meta}, 'p1', '2026-01-05', 'home', 'routine', 'u')`).run();
      migrate(db, migrations);
      expect(schemaVersionOf(db)).toBe(latestVersion(migrations));
      expect(db.prepare("SELECT gift_fen, gift_items FROM visit_records WHERE id = 'v1'").get()).toEqual({ gift_fen: 0, gift_items: '' });
      expect(() => db.prepare("UPDATE visit_records SET gift_fen = -1 WHERE id = 'v1'").run()).toThrow(/CHECK/);
      db.close();
    });

    it('keeps one living office profile per office and checks its values; submissions name their form', () => {
      const db = openDatabase(path.join(fresh(), 's.sqlite'));
      const row = (office: string) => `'now', 'now', 'u', '${office}'`;
      const profile = (id: string, office: string, extra = '', values = '') =>
        db.prepare(`INSERT INTO office_profile (id, created_at, updated_at, updated_by, origin_office${extra}) VALUES (?, ${row(office)}${values})`).run(id);
      profile('a1', 'office-a');
      profile('b1', 'office-b');
      expect(() => profile('a2', 'office-a')).toThrow(/UNIQUE/);
      db.prepare("UPDATE office_profile SET deleted_at = 'now' WHERE id = 'a1'").run();
      profile('a3', 'office-a');
      expect(() => profile('c1', 'office-c', ', venue_area_m2', ', -1')).toThrow(/CHECK/);
      expect(() => profile('c2', 'office-c', ', model_level', ", 'planet'")).toThrow(/CHECK/);
      expect(() => profile('c3', 'office-c', ', annual_funds_fen', ', -100')).toThrow(/CHECK/);
      const submission = (id: string, form: string) =>
        db
          .prepare(
            `INSERT INTO report_submissions (id, created_at, updated_at, updated_by, origin_office, form, period, as_of, form_version, figures, submitted_on, submitted_by)
             VALUES (?, ${row('office-a')}, ?, '2025', '2025-12-31', 1, '{}', '2026-01-10', 'u')`,
          )
          .run(id, form);
      submission('s1', 'annual');
      submission('s2', 'annual');
      expect(() => submission('s3', 'monthly')).toThrow(/CHECK/);
      db.close();
    });
  });

  describe('0012-packet-undo', () => {
    it('keeps what each import did for undo, pauses change numbering only on request, keeps the latest ADL right when an assessment goes', () => {
      const db = openDatabase(path.join(fresh(), 'u.sqlite'));
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
      expect(tables).toEqual(expect.arrayContaining(['packet_imports', 'packet_import_rows', 'packet_import_ranges']));
      expect(db.prepare('SELECT paused FROM sync_clock').get()).toEqual({ paused: 0 });
      const insertImport = db.prepare("INSERT INTO packet_imports (packet_id, kind, sender_office_id, change_seq, imported_at, username) VALUES (?, 'full', 'o', 1, '', 'u')");
      insertImport.run('p1');
      expect(() => insertImport.run('p1')).toThrow(/UNIQUE/);
      const insertRow = db.prepare("INSERT INTO packet_import_rows (import_id, tbl, row_id) VALUES (1, 'persons', ?)");
      insertRow.run('r1');
      expect(() => insertRow.run('r1')).toThrow(/UNIQUE|PRIMARY KEY/);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name = 'adl_latest_delete'").get()).toEqual({ name: 'adl_latest_delete' });
      db.close();
    });
  });

  describe('0013-list-indexes', () => {
    it('answers the register\'s filters from indexes: a grid in name order, an age band, an ADL band, initials', () => {
      const db = openDatabase(path.join(fresh(), 'l.sqlite'));
      const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
      const active = "p.deleted_at IS NULL AND likelihood(p.status = 'active', 0.9)";
      // A grid in name order: walked in order, no sort, filters read from the index.
      const grid = plan(`SELECT p.rowid FROM persons p WHERE ${active} AND p.grid = '第一网格' AND p.living_situation = 'alone' ORDER BY p.name_pinyin, p.id LIMIT 50`);
      expect(grid).toMatch(/COVERING INDEX persons_list_grid \(status=\? AND grid=\?\)/);
      expect(grid).not.toContain('TEMP B-TREE');
      // An age band is a birth-date range, and counting it reads no rows.
      expect(plan(`SELECT count(*) FROM persons p WHERE ${active} AND p.birth_date BETWEEN '1936-01-02' AND '1946-01-01'`)).toMatch(
        /COVERING INDEX persons_list_birth \(status=\? AND birth_date>\? AND birth_date<\?\)/,
      );
      expect(plan(`SELECT count(*) FROM persons p WHERE ${active} AND p.latest_adl_total BETWEEN 0 AND 40`)).toMatch(/INDEX persons_list_adl \(status=\? AND latest_adl_total>\? AND latest_adl_total<\?\)/);
      expect(plan("SELECT rowid FROM persons WHERE deleted_at IS NULL AND name_initials >= 'zs' AND name_initials < 'zt'")).toContain('COVERING INDEX persons_initials');
      db.close();
    });

    it('replaces a person\'s grams through the primary key when the name changes or the row goes', () => {
      const db = openDatabase(path.join(fresh(), 'g.sqlite'));
      db.prepare("INSERT INTO office (id, name, area_code, mode, created_at) VALUES ('office-1', '社区', '140702001001', 'community', '2026-01-01T00:00:00.000Z')").run();
      const person = db.prepare(
        `INSERT INTO persons (id, created_at, updated_at, updated_by, origin_office, name, name_pinyin, name_initials, gender, id_number, birth_date, retirement_type)
           VALUES (?, 'now', 'now', 'u', 'office-1', ?, 'x', 'x', 'male', ?, '1945-01-01', 'tuixiu')`,
      );
      person.run('p1', '张三', '1');
      person.run('p2', '张三丰', '2');
      const grams = (id: string) =>
        (db.prepare('SELECT gram FROM person_grams WHERE person_rowid = (SELECT rowid FROM persons WHERE id = ?) ORDER BY gram').all(id) as { gram: string }[]).map((r) => r.gram);
      // One-character grams are the characters after the first (0021).
      expect(grams('p1')).toEqual(['三', '张三'].sort());
      db.prepare("UPDATE persons SET name = '李四' WHERE id = 'p1'").run();
      expect(grams('p1')).toEqual(['四', '李四'].sort());
      expect(grams('p2')).toEqual(['三', '三丰', '丰', '张三'].sort());
      const rowid = (db.prepare("SELECT rowid AS r FROM persons WHERE id = 'p2'").get() as { r: number }).r;
      db.prepare("DELETE FROM persons WHERE id = 'p2'").run();
      expect(db.prepare('SELECT count(*) AS n FROM person_grams WHERE person_rowid = ?').get(rowid)).toEqual({ n: 0 });
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'person_grams_person_rowid'").get()).toBeUndefined();
      const plan = db.prepare("EXPLAIN QUERY PLAN DELETE FROM person_grams WHERE person_rowid = 1 AND gram IN (SELECT '张' UNION SELECT '三')").all() as { detail: string }[];
      expect(plan.map((r) => r.detail).join(' ')).toMatch(/PRIMARY KEY \(gram=\? AND person_rowid=\?\)/);
      db.close();
    });
  });

  describe('0014-must-change-password', () => {
    it('adds the flag to users, off for existing accounts, and refuses anything but 0 and 1', () => {
      const file = path.join(fresh(), 'm.sqlite');
      const raw = new Database(file);
      const before = migrations.filter((m) => m.version < 14);
      migrate(raw, before);
      raw
        .prepare(
          "INSERT INTO users (id, username, display_name, role, password_hash, password_salt, prefs, created_at, updated_at) VALUES ('u1', 'old', '老账号', 'staff', 'h', 's', '{}', '', '')",
        )
        .run();
      migrate(raw, migrations);
      expect(raw.prepare('SELECT must_change_password AS m FROM users').get()).toEqual({ m: 0 });
      expect(() => raw.prepare("UPDATE users SET must_change_password = 2 WHERE id = 'u1'").run()).toThrow(/CHECK/);
      raw.close();
    });
  });

  describe('0016-office-indexes', () => {
    it('answers one office\'s figures from its persons and their visits by index, with the planner\'s statistics written', () => {
      const db = openDatabase(path.join(fresh(), 'o.sqlite'));
      const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
      // One office's register on a day: a seek on the office, its counts from the index alone.
      expect(plan("SELECT count(*), sum(p.retirement_type = 'lixiu') FROM persons p WHERE p.deleted_at IS NULL AND p.origin_office = 'o-1' AND p.created_at < '2026-01-01' AND p.status = 'active'")).toMatch(
        /COVERING INDEX persons_office \(origin_office=\? AND created_at<\?\)/,
      );
      // Its persons' visits due in a year, where each stands read from the index.
      const visits = plan(
        `SELECT count(*), sum(v.done_on IS NOT NULL) FROM persons p JOIN planned_visits v ON v.person_id = p.id AND v.deleted_at IS NULL
         WHERE p.deleted_at IS NULL AND p.origin_office = 'o-1' AND v.due_date BETWEEN '2025-01-01' AND '2025-12-31' AND v.cancelled_on IS NULL`,
      );
      expect(visits).toMatch(/INDEX persons_office \(origin_office=\?\)/);
      expect(visits).toMatch(/COVERING INDEX planned_visits_person_due \(person_id=\? AND due_date>\? AND due_date<\?\)/);
      // 0025 widened persons_office (same lead) and wrote its statistics anew.
      expect(db.prepare("SELECT stat FROM sqlite_stat1 WHERE idx = 'persons_office'").get()).toEqual({ stat: '100000 500 2 1 1 1 1 1 1 1 1 1 1 1 1 1 1' });
      db.close();
    });
  });

  describe('0021-search-walks', () => {
    it('keeps one-character grams for the characters after the first only, and walks a first character in name order', () => {
      const file = path.join(fresh(), 's.sqlite');
      const raw = new Database(file);
      registerFunctions(raw);
      migrate(
        raw,
        migrations.filter((m) => m.version < 21),
      );
      raw.prepare("INSERT INTO office (id, name, area_code, mode, created_at) VALUES ('office-1', '社区', '140702001001', 'community', '2026-01-01T00:00:00.000Z')").run();
      const person = raw.prepare(
        `INSERT INTO persons (id, created_at, updated_at, updated_by, origin_office, name, name_pinyin, name_initials, gender, id_number, birth_date, retirement_type)
           VALUES (?, 'now', 'now', 'u', 'office-1', ?, 'x', 'x', 'male', ?, '1945-01-01', 'tuixiu')`,
      );
      person.run('p1', '王小王', '1');
      person.run('p2', '张三', '2');
      migrate(raw, migrations);
      const grams = (id: string) =>
        (raw.prepare('SELECT gram FROM person_grams WHERE person_rowid = (SELECT rowid FROM persons WHERE id = ?) ORDER BY gram').all(id) as { gram: string }[]).map((r) => r.gram);
      // 王 is first in 王小王, so it is no gram of it, though it comes again at the end.
      expect(grams('p1')).toEqual(['小', '小王', '王小'].sort());
      expect(grams('p2')).toEqual(['三', '张三'].sort());
      person.run('p3', '李王', '3');
      expect(grams('p3')).toEqual(['李王', '王'].sort());
      raw.prepare("UPDATE persons SET name = '王五' WHERE id = 'p2'").run();
      expect(grams('p2')).toEqual(['五', '王五'].sort());
      const plan = (sql: string) => (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
      const firstChar = plan("SELECT rowid FROM persons p WHERE p.deleted_at IS NULL AND p.status = 'active' AND substr(p.name, 1, 1) = '王' ORDER BY p.name_pinyin, p.id LIMIT 50");
      expect(firstChar).toMatch(/INDEX persons_first_char \(<expr>=\? AND status=\?\)/);
      expect(firstChar).not.toMatch(/TEMP B-TREE/);
      // Initials walked in name order from the index alone.
      expect(plan("SELECT rowid FROM persons p WHERE p.deleted_at IS NULL AND p.status = 'active' AND p.name_pinyin >= 'l' AND p.name_pinyin < 'm' AND p.name_initials >= 'lj' AND p.name_initials < 'lk' ORDER BY p.name_pinyin, p.id LIMIT 50")).toMatch(
        /COVERING INDEX persons_list_name \(status=\? AND name_pinyin>\? AND name_pinyin<\?\)/,
      );
      // The unassessed (and each grade) in name order from one index, stopping at the page.
      const grade = plan("SELECT rowid FROM persons p WHERE p.deleted_at IS NULL AND p.status = 'active' AND p.latest_capability_grade IS NULL ORDER BY p.name_pinyin, p.id LIMIT 50");
      expect(grade).toMatch(/COVERING INDEX persons_capability_grade \(latest_capability_grade=\? AND status=\?\)/);
      expect(grade).not.toMatch(/TEMP B-TREE/);
      expect(plan("SELECT count(*) FROM persons p WHERE p.deleted_at IS NULL AND p.status = 'active' AND p.grid = 'g' AND p.latest_capability_grade = 'severe'")).toMatch(/COVERING INDEX/);
      expect(plan("SELECT count(*) FROM persons p WHERE p.deleted_at IS NULL AND p.status = 'active' AND p.living_situation = 'alone' AND p.latest_capability_grade IS NULL")).toMatch(/COVERING INDEX/);
      raw.close();
    });
  });

  it('expands the sync columns placeholder into the one definition', () => {
    const sql = expandMigrationSql('CREATE TABLE t ({{SYNC_COLUMNS}}, name TEXT);');
    const db = new Database(':memory:');
    db.exec(sql);
    const cols = (db.prepare('SELECT name FROM pragma_table_info(?)').all('t') as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(['id', 'created_at', 'updated_at', 'updated_by', 'origin_office', 'version', 'deleted_at', 'name']);
    db.close();
  });
});
