/**
 * `cadrecare demo` also fills the organised life of the office (units, party, activities, volunteers,
 * pairs) through the services: rows in every table, the same data for the same seed, and data that
 * keeps the services' rules.
 */
import { openKeyed } from '../../main/db/connection';
import { cliDbKey, withUnlock } from '../helpers/cli';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/program';
import { databasePath } from '../../main/paths';
import { closeApp, openApp } from '../../main/context';
import { dispatch } from '../../main/dispatch';
import { DEMO_WORKER_PASSWORD } from '../../bench/generator/history';
import { TEST_PASSWORD_COST } from '../helpers/app';

const TABLES = [
  'units',
  'party_branches',
  'party_committee',
  'party_memberships',
  'party_meetings',
  'party_meeting_attendance',
  'party_dues',
  'activities',
  'activity_participants',
  'volunteer_teams',
  'volunteers',
  'volunteer_team_members',
  'volunteer_services',
  'assistance_pairs',
  'assistance_contacts',
] as const;

/** Columns that differ between two identical fills: ids (random UUIDv7), references to them, sync stamps. */
const VOLATILE = /^(id|.*_id|created_at|updated_at|updated_by|origin_office|version|deleted_at)$/;

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cadrecare-demo6-'));
  fs.writeFileSync(path.join(tmp, 'pw'), 'Admin2024pass\n');
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(withUnlock(argv), { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

async function demo(name: string, ...extra: string[]): Promise<string> {
  const dataDir = path.join(tmp, name);
  const init = await cli('init', '--data-dir', dataDir, '--office-name', '幸福里社区', '--area-code', '140105101001', '--mode', 'community', '--admin', 'admin', '--password-file', path.join(tmp, 'pw'));
  expect(init.code, init.err).toBe(0);
  const run = await cli('demo', '--data-dir', dataDir, '--persons', '160', ...extra);
  expect(run.code, run.err).toBe(0);
  return dataDir;
}

function withDb<T>(dataDir: string, f: (db: Database.Database) => T): T {
  const db = openKeyed(databasePath(dataDir), cliDbKey(dataDir), { readonly: true, fileMustExist: true });
  try {
    return f(db);
  } finally {
    db.close();
  }
}

/** Every organised-life table's rows without the volatile columns, sorted: equal for equal fills. */
function content(dataDir: string): Record<string, string[]> {
  return withDb(dataDir, (db) =>
    Object.fromEntries(
      TABLES.map((t) => {
        const rows = db.prepare(`SELECT * FROM ${t} WHERE deleted_at IS NULL`).all() as Record<string, unknown>[];
        return [t, rows.map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !VOLATILE.test(k)))).sort()];
      }),
    ),
  );
}

const count = (db: Database.Database, sql: string, ...params: unknown[]): number => (db.prepare(sql).get(...params) as { n: number }).n;

describe('demo: organised life', () => {
  it('fills every organised-life table, the same for the same seed and different for another', async () => {
    const a = await demo('a', '--seed', '7');
    const b = await demo('b', '--seed', '7');
    const c = await demo('c', '--seed', '8');
    const first = content(a);
    for (const t of TABLES) expect(first[t]?.length, t).toBeGreaterThan(0);
    expect(content(b)).toEqual(first);
    expect(content(c).party_meetings).not.toEqual(first.party_meetings);
  }, 60_000);

  it('--no-organised-life makes persons only; a second run adds persons and leaves the organised life alone', async () => {
    const dataDir = await demo('p', '--no-organised-life');
    withDb(dataDir, (db) => {
      expect(count(db, 'SELECT count(*) AS n FROM persons')).toBe(160);
      for (const t of TABLES) expect(count(db, `SELECT count(*) AS n FROM ${t}`), t).toBe(0);
    });
    const filled = await cli('demo', '--data-dir', dataDir, '--persons', '40');
    expect(filled.code, filled.err).toBe(0);
    const before = content(dataDir);
    expect(before.party_branches?.length).toBeGreaterThan(0);
    const again = await cli('demo', '--data-dir', dataDir, '--persons', '40', '--seed', '2');
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('本次只添加了人员');
    expect(content(dataDir)).toEqual(before);
    withDb(dataDir, (db) => expect(count(db, 'SELECT count(*) AS n FROM persons')).toBe(240));
  }, 30_000);

  it('builds a believable office by default: grids by address, a grid worker with a login per grid, everyone assigned, a history, needs in every state', async () => {
    const dataDir = await demo('w', '--seed', '5');
    const today = new Date().toISOString().slice(0, 10);
    const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    withDb(dataDir, (db) => {
      const grids = count(db, 'SELECT count(*) AS n FROM grids WHERE deleted_at IS NULL');
      expect(grids).toBeGreaterThan(1);
      // Every grid has places (by address) and a grid worker who can log in.
      expect(count(db, 'SELECT count(*) AS n FROM grids g WHERE NOT EXISTS (SELECT 1 FROM grid_places p WHERE p.grid_id = g.id AND p.deleted_at IS NULL)')).toBe(0);
      expect(
        count(
          db,
          "SELECT count(*) AS n FROM grids g WHERE NOT EXISTS (SELECT 1 FROM grid_workers w JOIN users u ON u.id = w.user_id WHERE w.grid_id = g.id AND w.deleted_at IS NULL AND u.role = 'gridworker' AND u.disabled = 0)",
        ),
      ).toBe(0);
      // Nobody on the register is without a grid or a person responsible.
      expect(count(db, "SELECT count(*) AS n FROM persons WHERE deleted_at IS NULL AND status = 'active' AND grid_id IS NULL")).toBe(0);
      expect(
        count(
          db,
          "SELECT count(*) AS n FROM persons p WHERE p.deleted_at IS NULL AND p.status = 'active' AND NOT EXISTS (SELECT 1 FROM contact_assignments a WHERE a.person_id = p.id AND a.deleted_at IS NULL)",
        ),
      ).toBe(0);
      // A year and more of visits, some due visits still overdue, needs in every state.
      expect(count(db, 'SELECT count(*) AS n FROM visit_records WHERE deleted_at IS NULL AND visit_date <= ?', yearAgo)).toBeGreaterThan(0);
      expect(count(db, 'SELECT count(*) AS n FROM visit_records WHERE deleted_at IS NULL AND visit_date > ?', yearAgo)).toBeGreaterThan(100);
      expect(
        count(db, 'SELECT count(*) AS n FROM planned_visits WHERE deleted_at IS NULL AND done_on IS NULL AND cancelled_on IS NULL AND due_date < ?', today),
      ).toBeGreaterThan(0);
      const states = (db.prepare('SELECT DISTINCT status FROM service_requests WHERE deleted_at IS NULL ORDER BY status').all() as { status: string }[]).map((r) => r.status);
      expect(states).toEqual(['declined', 'in_progress', 'open', 'resolved']);
    });
    // A grid worker logs in with the password the demo printed.
    const app = openApp({ dataDir, key: cliDbKey(dataDir), transport: 'direct', passwordCost: TEST_PASSWORD_COST });
    try {
      const session = app.sessions.create();
      const login = await dispatch(app, session, 'auth.login', { username: 'gw1', password: DEMO_WORKER_PASSWORD });
      expect(login.ok).toBe(true);
    } finally {
      closeApp(app);
    }
  }, 60_000);

  it("keeps the services' rules", async () => {
    const dataDir = await demo('r', '--seed', '3');
    const today = new Date().toISOString().slice(0, 10);
    withDb(dataDir, (db) => {
      // Some persons linked to a unit by confirming, others left for 匹配原单位.
      expect(count(db, 'SELECT count(*) AS n FROM persons WHERE unit_id IS NOT NULL')).toBeGreaterThan(0);
      expect(count(db, 'SELECT count(*) AS n FROM persons p WHERE unit_id IS NULL AND original_unit IN (SELECT name FROM units)')).toBeGreaterThan(0);
      // Members are party members, joined the party at 18 or later, one current membership each.
      expect(count(db, "SELECT count(*) AS n FROM party_memberships m JOIN persons p ON p.id = m.person_id WHERE p.political_status <> 'cpc'")).toBe(0);
      expect(
        count(db, "SELECT count(*) AS n FROM party_memberships m JOIN persons p ON p.id = m.person_id WHERE m.party_joined_on < date(p.birth_date, '+18 years')"),
      ).toBe(0);
      expect(count(db, 'SELECT count(*) AS n FROM (SELECT person_id FROM party_memberships WHERE to_date IS NULL GROUP BY person_id HAVING count(*) > 1)')).toBe(0);
      expect(count(db, "SELECT count(DISTINCT relation_held || management_mode) AS n FROM party_memberships")).toBeGreaterThan(1);
      // One branch has a staff secretary (一肩挑); every branch one current secretary; a 老党员活动站.
      expect(count(db, "SELECT count(*) AS n FROM party_committee WHERE post = 'secretary' AND person_id IS NULL AND staff_name <> ''")).toBe(1);
      expect(count(db, "SELECT count(*) AS n FROM party_branches b WHERE (SELECT count(*) FROM party_committee c WHERE c.branch_id = b.id AND c.post = 'secretary' AND c.to_date IS NULL) <> 1")).toBe(0);
      expect(count(db, "SELECT count(*) AS n FROM party_branches WHERE kind = 'station'")).toBe(1);
      // Meetings are past, each member on the date listed once, absences with a reason.
      expect(count(db, 'SELECT count(*) AS n FROM party_meetings WHERE date > ?', today)).toBe(0);
      expect(count(db, "SELECT count(*) AS n FROM party_meeting_attendance WHERE present = 0 AND absence_reason NOT IN ('养病', '外出', '探亲')")).toBe(0);
      const present = count(db, 'SELECT CAST(round(100.0 * avg(present)) AS INTEGER) AS n FROM party_meeting_attendance');
      expect(present).toBeGreaterThan(75);
      expect(present).toBeLessThan(95);
      expect(count(db, 'SELECT count(*) AS n FROM (SELECT 1 FROM party_meeting_attendance GROUP BY meeting_id, person_id HAVING count(*) > 1)')).toBe(0);
      // Dues: one per person and month, for months that are over, paid by now.
      expect(count(db, 'SELECT count(*) AS n FROM (SELECT 1 FROM party_dues GROUP BY person_id, month HAVING count(*) > 1)')).toBe(0);
      expect(count(db, 'SELECT count(*) AS n FROM party_dues WHERE month >= ? OR paid_on > ?', today.slice(0, 7), today)).toBe(0);
      // Activities: past and coming; sign-ups within capacity; attendance only for those that are over.
      expect(count(db, 'SELECT count(*) AS n FROM activities WHERE date > ?', today)).toBeGreaterThan(0);
      expect(count(db, 'SELECT count(*) AS n FROM activities a WHERE capacity IS NOT NULL AND (SELECT count(*) FROM activity_participants p WHERE p.activity_id = a.id AND p.signed_up = 1) > capacity')).toBe(0);
      expect(count(db, 'SELECT count(*) AS n FROM activity_participants p JOIN activities a ON a.id = p.activity_id WHERE a.date > ? AND p.attended IS NOT NULL', today)).toBe(0);
      // Volunteers: registry and outside ones; services only while in the team, never in the future.
      expect(count(db, "SELECT count(DISTINCT kind = 'retiree') AS n FROM volunteers")).toBe(2);
      expect(
        count(
          db,
          `SELECT count(*) AS n FROM volunteer_services s WHERE s.date > ? OR (s.team_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM volunteer_team_members m
             WHERE m.team_id = s.team_id AND m.volunteer_id = s.volunteer_id AND m.from_date <= s.date AND (m.to_date IS NULL OR s.date <= m.to_date)))`,
          today,
        ),
      ).toBe(0);
      // Pairs: for persons living alone, never helping oneself; contacts between the pair's start and today.
      expect(count(db, "SELECT count(*) AS n FROM assistance_pairs a JOIN persons p ON p.id = a.person_id WHERE p.living_situation <> 'alone'")).toBe(0);
      expect(count(db, 'SELECT count(*) AS n FROM assistance_pairs WHERE helper_person_id = person_id')).toBe(0);
      expect(count(db, 'SELECT count(*) AS n FROM assistance_contacts c JOIN assistance_pairs a ON a.id = c.pair_id WHERE c.date < a.from_date OR c.date > ?', today)).toBe(0);
      // Written through the services: every row has its audit entry.
      expect(count(db, "SELECT count(*) AS n FROM audit_log WHERE entity IN ('party_membership', 'activity_participant', 'assistance_contact')")).toBeGreaterThan(0);
    });
  }, 30_000);
});
