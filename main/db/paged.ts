/**
 * List queries the way every list screen wants them: optional filters make a WHERE clause, one
 * query counts what matches (up to a cap), another reads one page of it in a fixed order.
 *
 * Only SQL text written in the services comes in here (conditions, FROM, ORDER BY); every value a
 * user gave is a named parameter. The texts a list can make are few (each filter is there or not),
 * so each is compiled once per connection through the statement cache.
 */
import type { Db } from './connection';
import { cachedStatement } from './statements';

export type SqlValue = string | number | bigint | null;
export type SqlParams = Record<string, SqlValue>;

/** The parameter names a page takes; a filter must not use them. */
const PAGE_PARAMS: ReadonlySet<string> = new Set(['limit', 'offset', 'countLimit', 'pageEnd']);

/**
 * A list counts its matches up to this many past the start of the current thousand: a count of
 * every match costs a read of every match, 100,000 at county size, for a figure nobody pages
 * through. Beyond it the list says "1000+" (the total is a lower bound, `capped`), and paging on
 * past the cap counts on to the next thousand, so every page stays reachable.
 */
export const COUNT_CAP = 1000;

/** Conditions joined by AND, each with the values its @names bind. */
export class Where {
  private readonly conditions: string[] = [];
  private readonly bound: SqlParams = {};

  /** Conditions that always hold for the list (`x.deleted_at IS NULL`), without parameters. */
  constructor(...always: string[]) {
    this.conditions.push(...always);
  }

  /** Adds a condition with the values of the @names in it. */
  and(condition: string, params: SqlParams = {}): this {
    for (const [name, value] of Object.entries(params)) {
      if (PAGE_PARAMS.has(name)) throw new Error(`@${name} is a page parameter; name the filter's value otherwise`);
      if (name in this.bound && this.bound[name] !== value) throw new Error(`@${name} is bound twice with different values`);
      this.bound[name] = value;
    }
    this.conditions.push(condition);
    return this;
  }

  /** Adds a condition only when the filter was given: every value defined (an absent filter matches everything). */
  andIf(condition: string, params: Record<string, SqlValue | undefined>): this {
    const values = Object.entries(params);
    if (values.some(([, value]) => value === undefined)) return this;
    return this.and(condition, Object.fromEntries(values) as SqlParams);
  }

  /** The values to bind (a copy). */
  get params(): SqlParams {
    return { ...this.bound };
  }

  /** The conditions joined by AND; `1` (true) when there are none. */
  get sql(): string {
    return this.conditions.length === 0 ? '1' : this.conditions.join(' AND ');
  }

  /** `WHERE …`, or nothing when there are no conditions. */
  get clause(): string {
    return this.conditions.length === 0 ? '' : `WHERE ${this.conditions.join(' AND ')}`;
  }
}

export interface Page {
  limit: number;
  offset: number;
}

export interface PagedList {
  /** The row query up to its WHERE: `SELECT … FROM … JOIN …`. */
  select: string;
  /** What is counted, up to its WHERE: `FROM …` with the joins the conditions look at. */
  countFrom: string;
  /** The ORDER BY terms. A sort the user chose maps to one of the service's fixed texts. */
  orderBy: string;
  /**
   * The row's key in the main table (`p.rowid`), when the page should be chosen on it first: the
   * ORDER BY, OFFSET and LIMIT then run on the key and the sort columns alone (often read from an
   * index without touching the rows), and only the page's rows are read whole. Worth it for wide rows.
   */
  key?: string;
}

/** What a list page answers: its rows, and how many match (`capped`: at least that many). */
export interface PageResult<Row> {
  total: number;
  capped: boolean;
  rows: Row[];
}

/** How many rows match. */
export function countWhere(db: Db, countFrom: string, where: Where): number {
  return (cachedStatement(db, `SELECT count(*) AS n ${countFrom} ${where.clause}`).get(where.params) as { n: number }).n;
}

/** The number a page's count stops at: the end of the thousand the page reaches into (see COUNT_CAP). */
export function countLimitFor(page: Page): number {
  return COUNT_CAP * Math.ceil((page.offset + page.limit + 1) / COUNT_CAP);
}

/** How many rows match, counted up to `limit`: `capped` when more match than that. */
export function countUpTo(db: Db, countFrom: string, where: Where, limit: number): { total: number; capped: boolean } {
  const n = (
    cachedStatement(db, `SELECT count(*) AS n FROM (SELECT 1 ${countFrom} ${where.clause} LIMIT @countLimit)`).get({
      ...where.params,
      countLimit: limit + 1,
    }) as { n: number }
  ).n;
  return n > limit ? { total: limit, capped: true } : { total: n, capped: false };
}

/** One page of the rows that match, in the list's order. `extra` binds parameters the select list uses. */
export function pageRows<Row>(db: Db, list: Pick<PagedList, 'select' | 'orderBy'> & Partial<Pick<PagedList, 'countFrom' | 'key'>>, where: Where, page: Page, extra: SqlParams = {}): Row[] {
  const params = { ...where.params, ...extra, limit: page.limit, offset: page.offset };
  if (list.key !== undefined && list.countFrom !== undefined) {
    const keys = `SELECT ${list.key} ${list.countFrom} ${where.clause} ORDER BY ${list.orderBy} LIMIT @limit OFFSET @offset`;
    return cachedStatement(db, `${list.select} WHERE ${list.key} IN (${keys}) ORDER BY ${list.orderBy}`).all(params) as Row[];
  }
  return cachedStatement(db, `${list.select} ${where.clause} ORDER BY ${list.orderBy} LIMIT @limit OFFSET @offset`).all(params) as Row[];
}

/**
 * How many rows match (up to the cap of the page, see COUNT_CAP), and one page of them. A page that
 * is not full and not past the end already tells how many match (most searches find a few), so the
 * count runs only when it would say more.
 */
export function selectPage<Row>(db: Db, list: PagedList, where: Where, page: Page, extra: SqlParams = {}): PageResult<Row> {
  const rows = pageRows<Row>(db, list, where, page, extra);
  if (rows.length < page.limit && (rows.length > 0 || page.offset === 0)) return { total: page.offset + rows.length, capped: false, rows };
  const { total, capped } = countUpTo(db, list.countFrom, where, countLimitFor(page));
  return { total, capped, rows };
}

/** One of the non-overlapping parts of what a list shows (see selectRankedPage). */
export interface RankedPart {
  where: Where;
  /** The same rows as `where`, shaped for counting when that is cheaper another way. */
  countWhere?: Where;
  /** What `countWhere` is counted over, when not the list's own `countFrom` (it names each row at most once). */
  countFrom?: string;
  /** Lower ranks are listed first; parts of one rank mix in the list's order. */
  rank: number;
}

function mergedParams(wheres: Where[], page: SqlParams): SqlParams {
  const params: SqlParams = { ...page };
  for (const where of wheres) {
    for (const [name, value] of Object.entries(where.params)) {
      if (name in params && params[name] !== value) throw new Error(`@${name} is bound twice with different values`);
      params[name] = value;
    }
  }
  return params;
}

/**
 * A page of a list made of parts that do not overlap, listed by rank and then in the list's order.
 * Each part gives only its first rows in order (a part shaped for one index reads just those) and
 * the page is taken from them; a rank is not read at all when the ranks before it fill the page.
 * The count adds each part's count up to the cap, again stopping once the cap is passed. So a
 * search whose match is "this name range, or these few rows" never sorts all of the range.
 */
export function selectRankedPage<Row>(db: Db, list: PagedList & { key: string }, parts: RankedPart[], page: Page): PageResult<Row> {
  const pageEnd = page.offset + page.limit;
  const ranks = [...new Set(parts.map((p) => p.rank))].sort((a, b) => a - b);
  const rows: Row[] = [];
  for (const rank of ranks) {
    const need = pageEnd - rows.length;
    if (need <= 0) break;
    const group = parts.filter((p) => p.rank === rank).map((p) => p.where);
    const firsts = group.map((where) => `SELECT k FROM (SELECT ${list.key} AS k ${list.countFrom} ${where.clause} ORDER BY ${list.orderBy} LIMIT @pageEnd)`);
    const sql = `${list.select} WHERE ${list.key} IN (${firsts.join(' UNION ')}) ORDER BY ${list.orderBy} LIMIT @pageEnd`;
    rows.push(...(cachedStatement(db, sql).all(mergedParams(group, { pageEnd: need })) as Row[]));
  }
  const pageRows = rows.slice(page.offset, pageEnd);
  if (pageRows.length < page.limit && (pageRows.length > 0 || page.offset === 0)) return { total: page.offset + pageRows.length, capped: false, rows: pageRows };
  const cap = countLimitFor(page);
  let total = 0;
  for (const part of [...parts].sort((a, b) => a.rank - b.rank)) {
    const counted = countUpTo(db, part.countFrom ?? list.countFrom, part.countWhere ?? part.where, cap - total);
    total += counted.total;
    if (counted.capped) return { total: cap, capped: true, rows: pageRows };
  }
  return { total, capped: false, rows: pageRows };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A LIKE pattern (with ESCAPE '\') that finds `text` anywhere, its wildcards taken literally: what users type is never a pattern. */
export function likeContains(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A LIKE pattern (with ESCAPE '\') that finds `text` at the start, its wildcards taken literally. */
export function likePrefix(text: string): string {
  return `${escapeLike(text)}%`;
}
