import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../../main/db/connection';
import { COUNT_CAP, countWhere, likeContains, likePrefix, pageRows, selectPage, Where } from '../../main/db/paged';
import { cachedStatementCount } from '../../main/db/statements';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadrecare-paged-'));
  db = new Database(path.join(dir, 'paged.sqlite'));
  db.exec(`CREATE TABLE fruit (id INTEGER PRIMARY KEY, name TEXT NOT NULL, colour TEXT NOT NULL, deleted_at TEXT);
    CREATE TABLE shelf (fruit_id INTEGER NOT NULL, shelf TEXT NOT NULL)`);
  const insert = db.prepare('INSERT INTO fruit (id, name, colour, deleted_at) VALUES (?, ?, ?, ?)');
  const rows: [number, string, string, string | null][] = [
    [1, 'apple', 'red', null],
    [2, 'banana', 'yellow', null],
    [3, 'cherry', 'red', null],
    [4, 'date', 'brown', '2026-01-01T00:00:00.000Z'],
    [5, 'elder_berry', 'black', null],
    [6, 'fig', 'red', null],
    [7, '100% lemon', 'yellow', null],
  ];
  for (const r of rows) insert.run(...r);
  const shelve = db.prepare('INSERT INTO shelf (fruit_id, shelf) VALUES (?, ?)');
  for (const id of [1, 2, 3, 5, 6, 7]) shelve.run(id, id % 2 === 0 ? 'top' : 'bottom');
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const FRUIT = { select: 'SELECT f.id, f.name FROM fruit f', countFrom: 'FROM fruit f', orderBy: 'f.name, f.id' };

function names(rows: { name: string }[]): string[] {
  return rows.map((r) => r.name);
}

describe('Where', () => {
  it('joins conditions with AND, and is empty (no WHERE) without any', () => {
    expect(new Where().clause).toBe('');
    expect(new Where().sql).toBe('1');
    const where = new Where('f.deleted_at IS NULL').and('f.colour = @colour', { colour: 'red' });
    expect(where.clause).toBe('WHERE f.deleted_at IS NULL AND f.colour = @colour');
    expect(where.params).toEqual({ colour: 'red' });
  });

  it('leaves out a filter that was not given, keeps one that was (an empty text is a value)', () => {
    const where = new Where().andIf('f.colour = @colour', { colour: undefined }).andIf('f.name = @name', { name: '' });
    expect(where.clause).toBe('WHERE f.name = @name');
    expect(where.params).toEqual({ name: '' });
    expect(new Where().andIf('f.id BETWEEN @a AND @b', { a: 1, b: undefined }).clause).toBe('');
  });

  it('refuses a parameter bound twice with different values, and the page’s own names', () => {
    const where = new Where().and('f.colour = @c', { c: 'red' });
    expect(() => where.and('f.name <> @c', { c: 'red' })).not.toThrow();
    expect(() => where.and('f.name <> @c', { c: 'blue' })).toThrow(/bound twice/);
    expect(() => new Where().and('f.id > @limit', { limit: 3 })).toThrow(/page parameter/);
    expect(() => new Where().andIf('f.id > @offset', { offset: 3 })).toThrow(/page parameter/);
  });

  it('hands out a copy of its parameters', () => {
    const where = new Where().and('f.colour = @colour', { colour: 'red' });
    where.params['colour'] = 'blue';
    expect(where.params).toEqual({ colour: 'red' });
  });
});

describe('selectPage', () => {
  it('counts the matches and returns the page asked for, in order', () => {
    const where = new Where('f.deleted_at IS NULL').andIf('f.colour = @colour', { colour: 'red' });
    const first = selectPage<{ id: number; name: string }>(db, FRUIT, where, { limit: 2, offset: 0 });
    expect(first.total).toBe(3);
    expect(names(first.rows)).toEqual(['apple', 'cherry']);
    const second = selectPage<{ name: string }>(db, FRUIT, where, { limit: 2, offset: 2 });
    expect(second).toEqual({ total: 3, capped: false, rows: [{ id: 6, name: 'fig' }] });
    expect(selectPage(db, FRUIT, where, { limit: 2, offset: 10 })).toEqual({ total: 3, capped: false, rows: [] });
  });

  it('without filters lists everything; the order may run backwards', () => {
    const page = selectPage<{ name: string }>(db, { ...FRUIT, orderBy: 'f.id DESC' }, new Where(), { limit: 3, offset: 0 });
    expect(page.total).toBe(7);
    expect(names(page.rows)).toEqual(['100% lemon', 'fig', 'elder_berry']);
  });

  it('counts over its own FROM while the rows join more', () => {
    const list = {
      select: 'SELECT f.name, s.shelf FROM fruit f LEFT JOIN shelf s ON s.fruit_id = f.id',
      countFrom: 'FROM fruit f',
      orderBy: 'f.id',
    };
    const page = selectPage<{ name: string; shelf: string | null }>(db, list, new Where('f.deleted_at IS NULL'), { limit: 2, offset: 0 });
    expect(page).toEqual({
      total: 6,
      capped: false,
      rows: [
        { name: 'apple', shelf: 'bottom' },
        { name: 'banana', shelf: 'top' },
      ],
    });
  });

  it('binds extra parameters the select list uses', () => {
    const rows = pageRows<{ name: string; mine: number }>(
      db,
      { select: 'SELECT f.name, f.colour = @favourite AS mine FROM fruit f', orderBy: 'f.id' },
      new Where('f.deleted_at IS NULL'),
      { limit: 2, offset: 0 },
      { favourite: 'yellow' },
    );
    expect(rows).toEqual([
      { name: 'apple', mine: 0 },
      { name: 'banana', mine: 1 },
    ]);
  });

  it('takes what users type as values, never as SQL', () => {
    const hostile = "red' OR 1 = 1 --";
    const where = new Where('f.deleted_at IS NULL').andIf('f.colour = @colour', { colour: hostile });
    expect(selectPage(db, FRUIT, where, { limit: 10, offset: 0 })).toEqual({ total: 0, capped: false, rows: [] });
    expect(db.prepare('SELECT count(*) AS n FROM fruit').get()).toEqual({ n: 7 });
  });

  it('compiles each different text once per connection', () => {
    for (const colour of ['red', 'yellow', 'black', undefined, 'red']) {
      selectPage(db, FRUIT, new Where('f.deleted_at IS NULL').andIf('f.colour = @colour', { colour }), { limit: 1, offset: 0 });
    }
    // With and without the filter: two count texts and two row texts.
    expect(cachedStatementCount(db)).toBe(4);
  });

  it('stops counting at the cap and says the total is a lower bound; paging past it counts on', () => {
    db.exec(`CREATE TABLE n (i INTEGER PRIMARY KEY); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${COUNT_CAP * 2 + 500}) INSERT INTO n SELECT i FROM c`);
    const list = { select: 'SELECT n.i FROM n', countFrom: 'FROM n', orderBy: 'n.i' };
    const first = selectPage<{ i: number }>(db, list, new Where(), { limit: 50, offset: 0 });
    expect(first).toMatchObject({ total: COUNT_CAP, capped: true });
    expect(first.rows.map((r) => r.i)).toEqual(Array.from({ length: 50 }, (_, k) => k + 1));
    // The page that reaches the cap sees the next thousand; the last thousand is counted exactly.
    expect(selectPage(db, list, new Where(), { limit: 50, offset: COUNT_CAP - 50 })).toMatchObject({ total: COUNT_CAP * 2, capped: true });
    expect(selectPage(db, list, new Where(), { limit: 50, offset: COUNT_CAP * 2 - 50 })).toMatchObject({ total: COUNT_CAP * 2 + 500, capped: false });
    // Exactly at the cap is exact.
    expect(selectPage(db, list, new Where().and('n.i <= @top', { top: COUNT_CAP }), { limit: 50, offset: 0 })).toMatchObject({ total: COUNT_CAP, capped: false });
  });

  it('counts only when the page is full or past the end: a short page is the count', () => {
    const where = new Where('f.deleted_at IS NULL').andIf('f.colour = @colour', { colour: 'red' });
    const before = cachedStatementCount(db);
    expect(selectPage(db, FRUIT, where, { limit: 5, offset: 0 })).toMatchObject({ total: 3, capped: false });
    expect(cachedStatementCount(db)).toBe(before + 1);
    expect(selectPage(db, FRUIT, where, { limit: 2, offset: 2 })).toMatchObject({ total: 3, capped: false });
    expect(selectPage(db, FRUIT, where, { limit: 2, offset: 0 })).toMatchObject({ total: 3, capped: false });
    expect(selectPage(db, FRUIT, where, { limit: 2, offset: 8 })).toMatchObject({ total: 3, capped: false, rows: [] });
  });

  it('with a key, picks the page on the key and the order first and returns the same rows', () => {
    const where = new Where('f.deleted_at IS NULL');
    for (const offset of [0, 2, 4, 10]) {
      const plain = selectPage<{ name: string }>(db, FRUIT, where, { limit: 2, offset });
      const keyed = selectPage<{ name: string }>(db, { ...FRUIT, key: 'f.id' }, where, { limit: 2, offset });
      expect(keyed).toEqual(plain);
    }
  });
});

describe('countWhere and LIKE patterns', () => {
  it('matches wildcards in what users type literally', () => {
    const like = (pattern: string) =>
      countWhere(db, 'FROM fruit f', new Where('f.deleted_at IS NULL').and("f.name LIKE @p ESCAPE '\\'", { p: pattern }));
    expect(likeContains('%')).toBe('%\\%%');
    expect(like(likeContains('%'))).toBe(1);
    expect(like(likeContains('_'))).toBe(1);
    expect(like(likeContains('e'))).toBe(4);
    expect(like(likePrefix('elder_'))).toBe(1);
    expect(like(likePrefix('elder\\'))).toBe(0);
    expect(like(likePrefix('100%'))).toBe(1);
    expect(like(likePrefix('a'))).toBe(1);
  });
});
