import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
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

  it('expands the sync columns placeholder into the one definition', () => {
    const sql = expandMigrationSql('CREATE TABLE t ({{SYNC_COLUMNS}}, name TEXT);');
    const db = new Database(':memory:');
    db.exec(sql);
    const cols = (db.prepare('SELECT name FROM pragma_table_info(?)').all('t') as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(['id', 'created_at', 'updated_at', 'updated_by', 'origin_office', 'version', 'deleted_at', 'name']);
    db.close();
  });
});
