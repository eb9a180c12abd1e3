import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { latestVersion, loadMigrations, migrate, schemaVersionOf } from '../../main/db/migrate';
import { tempDir } from '../helpers/app';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('migration capability-assessment', () => {
  const migrations = loadMigrations();
  const version = migrations.findIndex((m) => m.name === 'capability-assessment') + 1;

  it('keeps planned visits and visit records with every reference, allows the reason assessment, and still checks foreign keys', () => {
    const dir = tempDir('cadrecare-mig-');
    dirs.push(dir);
    const db = new Database(path.join(dir, 'c.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, version - 1));
    const meta = "'now', 'now', 'u', 'office-1'";
    db.prepare("INSERT INTO office (id, name, area_code, mode, created_at) VALUES ('office-1', '社区', '140702001001', 'community', '2026-01-01T00:00:00.000Z')").run();
    db.prepare(
      `INSERT INTO persons (id, created_at, updated_at, updated_by, origin_office, name, name_pinyin, name_initials, gender, id_number, birth_date, retirement_type)
       VALUES ('p1', ${meta}, '甲', 'jia', 'j', 'male', '1', '1945-01-01', 'tuixiu')`,
    ).run();
    db.prepare(`INSERT INTO planned_visits (id, created_at, updated_at, updated_by, origin_office, person_id, key, reason, due_date, window_start, missed_after, done_on, visit_record_id) VALUES ('pv1', ${meta}, 'p1', 'routine:2026-01', 'routine', '2026-01-31', '2026-01-01', '2026-02-14', '2026-01-05', 'v1')`).run();
    db.prepare(`INSERT INTO visit_records (id, created_at, updated_at, updated_by, origin_office, person_id, planned_visit_id, visit_date, method, reason, recorded_by, gift_fen) VALUES ('v1', ${meta}, 'p1', 'pv1', '2026-01-05', 'home', 'routine', 'u', 20000)`).run();
    db.prepare(`INSERT INTO service_requests (id, created_at, updated_at, updated_by, origin_office, person_id, category, description, raised_by, raised_on, visit_record_id) VALUES ('r1', ${meta}, 'p1', 'home_care', '助餐', 'u', '2026-01-05', 'v1')`).run();
    expect(() => db.prepare(`INSERT INTO planned_visits (id, created_at, updated_at, updated_by, origin_office, person_id, key, reason, due_date, window_start, missed_after) VALUES ('pv2', ${meta}, 'p1', 'assessment:first', 'assessment', '2026-01-31', '2026-01-24', '2026-02-14')`).run()).toThrow(/CHECK/);
    const before = {
      visits: db.prepare('SELECT * FROM planned_visits').all(),
      records: db.prepare('SELECT * FROM visit_records').all(),
      indexes: db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('planned_visits', 'visit_records') ORDER BY name").all(),
    };

    // The tables rebuilt by this migration come back with every index they had (later ones add their own).
    migrate(db, migrations.slice(0, version));
    expect(db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('planned_visits', 'visit_records') ORDER BY name").all()).toEqual(before.indexes);
    migrate(db, migrations);
    expect(schemaVersionOf(db)).toBe(latestVersion(migrations));
    expect(db.prepare('SELECT * FROM planned_visits').all()).toEqual(before.visits);
    expect(db.prepare('SELECT * FROM visit_records').all()).toEqual(before.records);
    db.prepare(`INSERT INTO planned_visits (id, created_at, updated_at, updated_by, origin_office, person_id, key, reason, due_date, window_start, missed_after) VALUES ('pv2', ${meta}, 'p1', 'assessment:first', 'assessment', '2026-01-31', '2026-01-24', '2026-02-14')`).run();
    db.prepare(`INSERT INTO visit_records (id, created_at, updated_at, updated_by, origin_office, person_id, planned_visit_id, visit_date, method, reason, recorded_by) VALUES ('v2', ${meta}, 'p1', 'pv2', '2026-01-20', 'home', 'assessment', 'u')`).run();
    expect(() => db.prepare(`INSERT INTO visit_records (id, created_at, updated_at, updated_by, origin_office, person_id, planned_visit_id, visit_date, method, reason, recorded_by) VALUES ('v3', ${meta}, 'p1', 'nope', '2026-01-20', 'home', 'assessment', 'u')`).run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE planned_visits SET reason = 'gift' WHERE id = 'pv2'").run()).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    db.close();
  });

  it('keeps the latest final grade on the person, ignoring drafts, and refuses a draft with a grade', () => {
    const dir = tempDir('cadrecare-mig-');
    dirs.push(dir);
    const db = new Database(path.join(dir, 'g.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
    const meta = "'now', 'now', 'u', 'office-1'";
    db.prepare(
      `INSERT INTO persons (id, created_at, updated_at, updated_by, origin_office, name, name_pinyin, name_initials, gender, id_number, birth_date, retirement_type)
       VALUES ('p1', ${meta}, '甲', 'jia', 'j', 'male', '1', '1945-01-01', 'tuixiu')`,
    ).run();
    const add = db.prepare(`INSERT INTO capability_assessments (id, created_at, updated_at, updated_by, origin_office, person_id, assessed_on, assessor, status, total, base_grade, grade) VALUES (?, ${meta}, 'p1', ?, '刘', ?, ?, ?, ?)`);
    const latest = () => db.prepare("SELECT latest_capability_grade AS grade, latest_capability_date AS date FROM persons WHERE id = 'p1'").get();
    add.run('a1', '2026-03-01', 'final', 80, 'mild', 'mild');
    add.run('a2', '2026-05-01', 'draft', null, null, null);
    expect(latest()).toEqual({ grade: 'mild', date: '2026-03-01' });
    add.run('a3', '2026-04-01', 'final', 40, 'severe', 'severe');
    expect(latest()).toEqual({ grade: 'severe', date: '2026-04-01' });
    db.prepare("UPDATE capability_assessments SET deleted_at = 'now' WHERE id = 'a3'").run();
    expect(latest()).toEqual({ grade: 'mild', date: '2026-03-01' });
    expect(() => add.run('a4', '2026-06-01', 'draft', 50, 'moderate', 'moderate')).toThrow(/CHECK/);
    expect(() => add.run('a5', '2026-06-01', 'final', null, null, null)).toThrow(/CHECK/);
    expect(() => add.run('a6', '2026-06-01', 'final', 91, 'intact', 'intact')).toThrow(/CHECK/);
    db.close();
  });
});
