import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../../main/db/connection';
import { cachedStatement, cachedStatementCount, MAX_CACHED_STATEMENTS } from '../../main/db/statements';

const open: Db[] = [];
function memoryDb(): Db {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  open.push(db);
  return db;
}

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

describe('statement cache', () => {
  it('compiles a text once per connection', () => {
    const db = memoryDb();
    const a = cachedStatement(db, 'INSERT INTO t (v) VALUES (?)');
    const b = cachedStatement(db, 'INSERT INTO t (v) VALUES (?)');
    expect(b).toBe(a);
    a.run('x');
    b.run('y');
    expect(cachedStatement(db, 'SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
    expect(cachedStatementCount(db)).toBe(2);
  });

  it('keys by the connection, so a replaced connection (a restore) never runs the old one’s statements', () => {
    const first = memoryDb();
    const statement = cachedStatement(first, 'SELECT count(*) AS n FROM t');
    first.close();
    const second = memoryDb();
    const fresh = cachedStatement(second, 'SELECT count(*) AS n FROM t');
    expect(fresh).not.toBe(statement);
    expect(fresh.get()).toEqual({ n: 0 });
    expect(() => statement.get()).toThrow();
  });

  it('follows schema changes (SQLite recompiles the statement)', () => {
    const db = memoryDb();
    cachedStatement(db, 'INSERT INTO t (v) VALUES (?)').run('x');
    db.exec('ALTER TABLE t ADD COLUMN w TEXT');
    db.exec('CREATE INDEX t_v ON t (v)');
    cachedStatement(db, 'INSERT INTO t (v) VALUES (?)').run('y');
    expect(cachedStatement(db, 'SELECT * FROM t ORDER BY id').all()).toEqual([
      { id: 1, v: 'x', w: null },
      { id: 2, v: 'y', w: null },
    ]);
  });

  it('does not grow without end', () => {
    const db = memoryDb();
    for (let i = 0; i < MAX_CACHED_STATEMENTS + 10; i++) cachedStatement(db, `SELECT ${i} AS n`);
    expect(cachedStatementCount(db)).toBeLessThanOrEqual(MAX_CACHED_STATEMENTS);
    expect(cachedStatement(db, 'SELECT 7 AS n').get()).toEqual({ n: 7 });
  });
});
