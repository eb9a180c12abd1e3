/**
 * Prepared statements compiled once per connection. `db.prepare` compiles its SQL every time it is
 * called, and on hot paths (every synchronised write, its audit row, visit planning) compiling costs
 * more than running: a roster import of 10,000 rows spent about a quarter of its time there.
 *
 * The cache is keyed by the connection object, so a connection that is replaced (a restore swaps
 * app.db for a new one) never gets the statements of the old one, and a closed connection's
 * statements go with it. Only SQL text built from identifiers the caller checked (never from input
 * values) should come here: the text is the key, and the number of different texts must stay small.
 *
 * A statement handed out here is shared: callers run it (run/get/all) and must not change its mode
 * (pluck, raw, expand, safeIntegers, bind), nor leave an iterate() open.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './connection';

/** Beyond this many texts for one connection the cache starts again, so odd callers cannot grow it without end. */
export const MAX_CACHED_STATEMENTS = 500;

const caches = new WeakMap<Db, Map<string, Database.Statement>>();

/** The statement for `sql` on `db`, compiled the first time it is asked for. */
export function cachedStatement(db: Db, sql: string): Database.Statement {
  let byText = caches.get(db);
  if (!byText) {
    byText = new Map();
    caches.set(db, byText);
  }
  let statement = byText.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    if (byText.size >= MAX_CACHED_STATEMENTS) byText.clear();
    byText.set(sql, statement);
  }
  return statement;
}

/** How many statements are cached for a connection (for tests). */
export function cachedStatementCount(db: Db): number {
  return caches.get(db)?.size ?? 0;
}
