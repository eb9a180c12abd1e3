import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/errors';
import { SYNC_COLUMNS_SQL } from './sync';
import { registerFunctions } from './functions';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_PATTERN = /^(\d{4})-([a-z0-9-]+)\.sql$/;

/**
 * Where the numbered .sql files are. In the source tree they sit beside this module; the bundled
 * build copies them beside the bundle (dist/main/migrations), which is the same relative place.
 */
export function defaultMigrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'migrations'), path.join(here, 'db', 'migrations')];
  const found = candidates.find((dir) => fs.existsSync(dir));
  if (!found) throw new Error(`migrations folder not found near ${here}`);
  return found;
}

/**
 * Synchronised tables write `{{SYNC_COLUMNS}}` in their CREATE TABLE; it expands to the one
 * definition of the row conventions in sync.ts, so no table can drift from them.
 */
export function expandMigrationSql(sql: string): string {
  return sql.replaceAll('{{SYNC_COLUMNS}}', SYNC_COLUMNS_SQL);
}

export function loadMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const m = FILE_PATTERN.exec(file);
      if (!m) throw new Error(`migration file name must look like 0001-name.sql: ${file}`);
      return {
        version: Number(m[1]),
        name: m[2] as string,
        sql: expandMigrationSql(fs.readFileSync(path.join(dir, file), 'utf8')),
      };
    });
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 0001, 0002, … without gaps: ${m.version}-${m.name}`);
  });
  return migrations;
}

export function latestVersion(migrations: Migration[]): number {
  return migrations.length === 0 ? 0 : (migrations[migrations.length - 1] as Migration).version;
}

export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the latest schema. All pending migrations run in one transaction with
 * the new version, so a failure leaves the file at its old version, untouched.
 * A database written by a newer app is refused: opening it here could lose what that version stored.
 */
export function migrate(db: Database.Database, migrations: Migration[] = loadMigrations()): { from: number; to: number } {
  const from = assertNotFromFuture(db, migrations);
  const to = latestVersion(migrations);
  if (from === to) return { from, to };
  const pending = migrations.filter((m) => m.version > from);
  registerFunctions(db);
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${to}`);
  }).immediate();
  return { from, to };
}

/** Returns the database's schema version, or throws if a newer app wrote it. */
export function assertNotFromFuture(db: Database.Database, migrations: Migration[]): number {
  const from = schemaVersionOf(db);
  const to = latestVersion(migrations);
  if (from > to) {
    throw new AppError(
      'DB_FROM_NEWER_VERSION',
      `The database has schema version ${from}, newer than this app knows (${to}). Install the newer version of CadreCare.`,
      { databaseVersion: from, appVersion: to },
    );
  }
  return from;
}
