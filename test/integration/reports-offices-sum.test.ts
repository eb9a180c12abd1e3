/**
 * Per-office figures add up to the county's (property). The bureau's roll-up counts every office in
 * one pass grouped by office; an office's own dashboard counts with the office as a filter; the
 * county's total counts with no office at all. Three ways through the same engine, so they must
 * agree: for random ways of dealing the fixture's records out among two to four offices, every
 * summed figure of every indicator, for several periods, is checked three ways —
 *   each office counted alone = its row of the by-office breakdown, and
 *   the offices counted alone, added up = the county counted whole.
 * Records of a person go where the person goes; the others (branches, activities, volunteers) are
 * dealt out on their own.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeFor, periodOf } from '../../main/services/reports/engine';
import { reportContext, type ReportContext } from '../../main/services/reports/scope';
import { INDICATORS } from '../../shared/reports/catalogue';
import { AppError } from '../../shared/errors';
import { buildReportsOffice, type ReportsOffice } from './reports.fixture';

let o: ReportsOffice;
beforeAll(async () => {
  o = await buildReportsOffice();
}, 240_000);
afterAll(() => o?.t.close());

const OFFICES = ['office-a', 'office-b', 'office-c', 'office-d'];
const TODAY = '2026-03-01';

/** Moves every record to the office the deal names: persons by their rowid, other rows by theirs. */
function deal(db: ReportsOffice['t']['app']['db'], offices: string[], persons: number[], others: number[]): void {
  const tables = db
    .prepare("SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name <> 'persons' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'origin_office')")
    .all() as { name: string }[];
  const ids = db.prepare('SELECT id FROM persons ORDER BY rowid').all() as { id: string }[];
  db.transaction(() => {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS dealt (id TEXT PRIMARY KEY, office TEXT NOT NULL)');
    db.exec('DELETE FROM temp.dealt');
    const put = db.prepare('INSERT INTO temp.dealt (id, office) VALUES (?, ?)');
    ids.forEach((p, i) => put.run(p.id, offices[(persons[i % persons.length] ?? 0) % offices.length]));
    db.exec('UPDATE persons SET origin_office = (SELECT office FROM temp.dealt WHERE dealt.id = persons.id)');
    for (const { name } of tables) {
      const byPerson = (db.prepare(`SELECT count(*) AS n FROM pragma_table_info('${name}') WHERE name = 'person_id'`).get() as { n: number }).n > 0;
      const rows = db.prepare(`SELECT rowid AS r FROM "${name}" ORDER BY rowid`).all() as { r: number }[];
      const set = db.prepare(`UPDATE "${name}" SET origin_office = ? WHERE rowid = ?`);
      rows.forEach((row, i) => set.run(offices[(others[i % others.length] ?? 0) % offices.length], row.r));
      if (byPerson) db.exec(`UPDATE "${name}" SET origin_office = coalesce((SELECT office FROM temp.dealt WHERE dealt.id = "${name}".person_id), origin_office)`);
    }
  })();
}

describe('per-office figures and the county', () => {
  it('each office alone equals its row by office, and the offices added up equal the county (property)', async () => {
    const db = o.t.app.db;
    const add = db.prepare(
      `INSERT OR REPLACE INTO trusted_offices (office_id, name, area_code, mode, card_json, fingerprint, trusted_by, trusted_at, updated_at)
       VALUES (?, ?, ?, 'community', '{}', '', 'test', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
    );
    OFFICES.forEach((id, i) => add.run(id, `第${i + 1}社区`, `14070200000${i}`));
    const base = reportContext(db, TODAY);
    // Every office counted from the same first day, so no office's period is refused where the county's is not.
    const county: ReportContext = { ...base, office: null, bureauOwn: false };
    const officeCtx = (id: string): ReportContext => ({ ...reportContext(db, TODAY, id), recordsFrom: county.recordsFrom });
    const periods = ['2025', '2025-Q3', '2025-10', '2025-06-01..2025-11-30', '2025-12-31', '2026'];
    let checked = 0;
    let split = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.nat(3), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(3), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(...periods),
        async (n, persons, others, periodText) => {
          const offices = OFFICES.slice(0, n);
          deal(db, offices, persons, others);
          for (const def of INDICATORS) {
            const text = def.use === 'campaign' ? periodText.slice(0, 4) : periodText;
            let period;
            try {
              period = periodOf(county, def, text);
            } catch (err) {
              // A figure not counted for such a period (an as-of figure asked for a range): refused
              // the same for every office.
              expect(err).toMatchObject({ code: 'PERIOD_KIND_NOT_ALLOWED' });
              for (const id of offices) expect(() => periodOf(officeCtx(id), def, text)).toThrow(AppError);
              continue;
            }
            const whole = computeFor(county, def, period);
            const byOffice = computeFor(county, def, period, 'office');
            const alone = offices.map((id) => ({ id, r: computeFor(officeCtx(id), def, periodOf(officeCtx(id), def, text)) }));
            for (const m of def.measures) {
              if (m.agg !== 'sum') continue;
              const label = `${def.key}.${m.key} ${text} over ${n} offices`;
              let sum = 0;
              let counting = 0;
              for (const { id, r } of alone) {
                const own = r.figures[m.key] ?? 0;
                const row = byOffice.rows.find((x) => x.key === id)?.figures[m.key] ?? 0;
                expect(own, `${label}: ${id} alone against its row`).toBe(row);
                sum += own;
                if (own !== 0) counting += 1;
              }
              expect(Math.round(sum * 100) / 100, label).toBe(whole.figures[m.key] ?? 0);
              checked += 1;
              if (counting >= 2) split += 1;
            }
          }
        },
      ),
      { numRuns: 25 },
    );
    expect(checked).toBeGreaterThan(25 * 50);
    // Not a sum of zeros: many figures were shared among several offices.
    expect(split).toBeGreaterThan(checked / 10);
  }, 240_000);
});
