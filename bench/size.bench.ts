/**
 * Where the bytes of the county database go (100,000 persons of ordinary data): each table with its
 * indexes, from SQLite's dbstat, beside the same breakdown measured before the list indexes and the
 * size work (schema version 12, the same generator and seed).
 */
import type { Db } from '../main/db/connection';
import type { BenchContext, BenchTable, Benchmark, Cell } from './lib/types';
import { mark } from './lib/stats';

/** Bytes a person the database may take, audit included. */
export const BYTES_PER_PERSON_TARGET = 3 * 1024;

/** Bytes by table (its indexes included) on schema version 12, seed 1, 100,000 persons. */
const BEFORE: Readonly<Record<string, number>> = {
  audit_log: 376_070_144,
  persons: 122_048_512,
  family_contacts: 96_542_720,
  health_events: 56_369_152,
  health_profiles: 43_118_592,
  persons_fts: 30_265_344,
  adl_assessments: 21_454_848,
  person_grams: 13_750_272,
  person_status_events: 954_368,
};
const BEFORE_FILE = 185_831 * 4096;

interface Part {
  tbl: string;
  tableBytes: number;
  indexBytes: number;
}

/** Bytes of each table and of its indexes; FTS5's shadow tables count as their index's. */
export function sizeByTable(db: Db): Part[] {
  return db
    .prepare(
      `WITH s AS (SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name),
         g AS (SELECT CASE WHEN s.name LIKE 'persons\\_fts%' ESCAPE '\\' THEN 'persons_fts' ELSE coalesce(m.tbl_name, s.name) END AS tbl,
                      m.type = 'index' AS is_index, s.bytes FROM s LEFT JOIN sqlite_schema m ON m.name = s.name)
       SELECT tbl, sum(CASE WHEN is_index THEN 0 ELSE bytes END) AS tableBytes, sum(CASE WHEN is_index THEN bytes ELSE 0 END) AS indexBytes
         FROM g GROUP BY tbl ORDER BY tableBytes + indexBytes DESC`,
    )
    .all() as Part[];
}

/** The largest indexes on their own (dbstat), to tell which lists and lookups pay for the space. */
export function largestIndexes(db: Db, limit: number): { name: string; tbl: string; bytes: number; entries: number }[] {
  return db
    .prepare(
      `SELECT s.name, m.tbl_name AS tbl, sum(s.pgsize) AS bytes, sum(CASE WHEN s.pagetype = 'leaf' THEN s.ncell ELSE 0 END) AS entries
         FROM dbstat s JOIN sqlite_schema m ON m.name = s.name AND m.type = 'index'
        GROUP BY s.name ORDER BY bytes DESC LIMIT ?`,
    )
    .all(limit) as { name: string; tbl: string; bytes: number; entries: number }[];
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

function rowCount(db: Db, tbl: string): Cell {
  const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(tbl);
  if (!exists || tbl === 'persons_fts') return '';
  return (db.prepare(`SELECT count(*) AS n FROM "${tbl.replaceAll('"', '""')}"`).get() as { n: number }).n;
}

async function run(ctx: BenchContext): Promise<BenchTable[]> {
  const fixture = await ctx.county();
  const county = fixture.open();
  try {
    const db = county.app.db;
    const persons = fixture.meta.persons;
    const parts = sizeByTable(db);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const fileBytes = (db.pragma('page_count', { simple: true }) as number) * pageSize;
    const rows: Cell[][] = [];
    let shownBytes = 0;
    for (const p of parts) {
      const total = p.tableBytes + p.indexBytes;
      if (total < 1024 * 1024 && !(p.tbl in BEFORE)) continue;
      shownBytes += total;
      const before = BEFORE[p.tbl];
      rows.push([p.tbl, rowCount(db, p.tbl), mb(p.tableBytes), mb(p.indexBytes), mb(total), Math.round(total / persons), before === undefined ? '' : mb(before), before === undefined ? '' : Math.round(before / persons)]);
    }
    const rest = fileBytes - shownBytes;
    rows.push(['(everything else, free pages)', '', '', '', mb(rest), Math.round(rest / persons), '', '']);
    rows.push(['FILE', '', '', '', mb(fileBytes), Math.round(fileBytes / persons), mb(BEFORE_FILE), Math.round(BEFORE_FILE / persons)]);
    const perPerson = fileBytes / persons;
    const indexRows: Cell[][] = largestIndexes(db, 15).map((i) => [i.name, i.tbl, i.entries, mb(i.bytes), Math.round(i.bytes / persons)]);
    return [
      {
        title: `Database size on ${persons.toLocaleString('en')} persons (MiB; B/person = bytes per person of the register)`,
        columns: ['table (with its indexes)', 'rows', 'table', 'indexes', 'total', 'B/person', 'before', 'before B/p'],
        rows,
        notes: [
          `target: ≤ ${BYTES_PER_PERSON_TARGET} bytes a person, audit included: now ${Math.round(perPerson)} — ${mark(perPerson <= BYTES_PER_PERSON_TARGET)} (printed, never asserted)`,
          'before = schema version 12 (before the list indexes and the size work), same generator, seed and size.',
          "audit_log: a new record's entry names the columns written (audit_shapes) instead of copying the values; the history reads them back from the record.",
        ],
      },
      {
        title: 'The 15 largest indexes (MiB; B/person as above)',
        columns: ['index', 'table', 'entries', 'MiB', 'B/person'],
        rows: indexRows,
      },
    ];
  } finally {
    county.close();
  }
}

export const sizeBenchmark: Benchmark = {
  name: 'size',
  description: 'where the bytes of the county database go, table by table (dbstat)',
  run,
};
