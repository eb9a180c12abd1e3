/**
 * List queries the way every list screen wants them: optional filters make a WHERE clause, one
 * query counts what matches, another reads one page of it in a fixed order.
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
const PAGE_PARAMS: ReadonlySet<string> = new Set(['limit', 'offset']);

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
}

/** How many rows match. */
export function countWhere(db: Db, countFrom: string, where: Where): number {
  return (cachedStatement(db, `SELECT count(*) AS n ${countFrom} ${where.clause}`).get(where.params) as { n: number }).n;
}

/** One page of the rows that match, in the list's order. `extra` binds parameters the select list uses. */
export function pageRows<Row>(db: Db, list: Pick<PagedList, 'select' | 'orderBy'>, where: Where, page: Page, extra: SqlParams = {}): Row[] {
  return cachedStatement(db, `${list.select} ${where.clause} ORDER BY ${list.orderBy} LIMIT @limit OFFSET @offset`).all({
    ...where.params,
    ...extra,
    limit: page.limit,
    offset: page.offset,
  }) as Row[];
}

/** How many rows match, and one page of them. */
export function selectPage<Row>(db: Db, list: PagedList, where: Where, page: Page, extra: SqlParams = {}): { total: number; rows: Row[] } {
  return { total: countWhere(db, list.countFrom, where), rows: pageRows<Row>(db, list, where, page, extra) };
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
