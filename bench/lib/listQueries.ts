/**
 * Measures person-list queries three ways, side by side:
 *   raw       the very SQL statements listPersons ran (same text, same parameters), prepared once
 *             and executed directly with better-sqlite3: what the database alone costs;
 *   service   listPersons(db, query, today) as the handler calls it;
 *   dispatch  dispatch(app, session, 'persons.list', input): validation, roles, transaction,
 *             row mapping and output validation, i.e. what the renderer waits for.
 * The SQL of the raw path is captured from the service itself, so it cannot drift from it.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../../main/db/connection';
import { dispatch } from '../../main/dispatch';
import { listPersons } from '../../main/services/persons/persons';
import { personListQuerySchema, type PersonListQuery } from '../../shared/schemas/persons';
import type { OpenCounty } from './county';
import { summarise, type Summary } from './stats';

type Method = 'get' | 'all' | 'run';

export interface CapturedCall {
  sql: string;
  method: Method;
  args: unknown[];
}

/** Runs `fn` against a view of `db` that records every statement executed and its arguments. */
export function captureStatements<T>(db: Db, fn: (db: Db) => T): { value: T; calls: CapturedCall[] } {
  const calls: CapturedCall[] = [];
  const wrapStatement = (statement: Database.Statement, sql: string): Database.Statement =>
    new Proxy(statement, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        const bound = (value as (...args: unknown[]) => unknown).bind(target);
        if (property === 'get' || property === 'all' || property === 'run') {
          return (...args: unknown[]) => {
            calls.push({ sql, method: property, args: structuredClone(args) });
            return bound(...args);
          };
        }
        return bound;
      },
    });
  const view = new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql), sql);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { value: fn(view), calls };
}

/** Statements prepared once per SQL text and shared by every raw run. */
export class RawRunner {
  private readonly statements = new Map<string, Database.Statement>();
  constructor(private readonly db: Db) {}

  prepare(calls: readonly CapturedCall[]): () => void {
    const steps = calls.map((call) => {
      let statement = this.statements.get(call.sql);
      if (!statement) {
        statement = this.db.prepare(call.sql);
        this.statements.set(call.sql, statement);
      }
      const method = statement[call.method].bind(statement) as (...args: unknown[]) => unknown;
      return () => method(...call.args);
    });
    return () => {
      for (const step of steps) step();
    };
  }
}

export interface ListCase {
  label: string;
  /** What the renderer sends: the input of persons.list before validation. */
  input: Record<string, unknown>;
}

export interface CaseTimes {
  raw: number[];
  service: number[];
  dispatch: number[];
  totals: number[];
}

export interface PathSummaries {
  raw: Summary;
  service: Summary;
  dispatch: Summary;
  meanTotal: number;
}

/** The statements one list query runs, for EXPLAIN QUERY PLAN and for the raw path. */
export function statementsOf(county: OpenCounty, input: Record<string, unknown>): CapturedCall[] {
  const query: PersonListQuery = personListQuerySchema.parse(input);
  return captureStatements(county.app.db, (db) => listPersons(db, query, county.today)).calls;
}

/** Query plans of the statements of one list query, one line per statement. */
export function explain(db: Db, calls: readonly CapturedCall[]): string[] {
  return calls.map((call) => {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${call.sql}`).all(...call.args) as { id: number; parent: number; detail: string }[];
    const kind = /^\s*SELECT count\(\*\)/i.test(call.sql) ? 'count' : 'rows';
    return `${kind}: ${rows.map((r) => r.detail).join(' | ')}`;
  });
}

/**
 * Each case is run `rounds` times on every path; the order of the paths rotates from one query to
 * the next so none always runs on a cache the previous one warmed.
 */
export async function measureCases(county: OpenCounty, cases: readonly ListCase[], rounds: number): Promise<CaseTimes[]> {
  const { app, session, today } = county;
  const raw = new RawRunner(app.db);
  const prepared = cases.map((c) => {
    const query = personListQuerySchema.parse(c.input);
    const { calls } = captureStatements(app.db, (db) => listPersons(db, query, today));
    return { query, input: c.input, runRaw: raw.prepare(calls) };
  });
  const times: CaseTimes[] = cases.map(() => ({ raw: [], service: [], dispatch: [], totals: [] }));
  const log = { error: (message: string, err: unknown) => console.error(message, err) };
  let turn = 0;
  for (let round = 0; round < rounds; round++) {
    for (const [i, p] of prepared.entries()) {
      const out = times[i] as CaseTimes;
      const paths: (() => Promise<void>)[] = [
        async () => {
          const t = performance.now();
          p.runRaw();
          out.raw.push(performance.now() - t);
        },
        async () => {
          const t = performance.now();
          const result = listPersons(app.db, p.query, today);
          out.service.push(performance.now() - t);
          out.totals.push(result.total);
        },
        async () => {
          const t = performance.now();
          const result = await dispatch(app, session, 'persons.list', p.input, {}, log);
          out.dispatch.push(performance.now() - t);
          if (!result.ok) throw new Error(`persons.list failed: ${result.error.code} ${result.error.message}`);
        },
      ];
      turn++;
      for (let k = 0; k < paths.length; k++) await (paths[(turn + k) % paths.length] as () => Promise<void>)();
    }
  }
  return times;
}

export function summarisePaths(times: readonly CaseTimes[]): PathSummaries {
  const all = (pick: (t: CaseTimes) => number[]) => times.flatMap(pick);
  const totals = all((t) => t.totals);
  return {
    raw: summarise(all((t) => t.raw)),
    service: summarise(all((t) => t.service)),
    dispatch: summarise(all((t) => t.dispatch)),
    meanTotal: totals.length ? totals.reduce((s, x) => s + x, 0) / totals.length : 0,
  };
}
