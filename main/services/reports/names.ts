/**
 * The names of breakdown values that are records: grids, users (a contact or whoever recorded a
 * visit), party branches, offices. A user of another office is not an account here; the name their
 * assignments carry stands in.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import type { Dim } from '../../../shared/reports/catalogue';

const LOOKUPS: Partial<Record<Dim, string>> = {
  grid: 'SELECT g.id, g.name FROM json_each(@ids) j JOIN grids g ON g.id = j.value',
  branch: 'SELECT b.id, b.name FROM json_each(@ids) j JOIN party_branches b ON b.id = j.value',
  office: `SELECT j.value AS id, coalesce((SELECT o.name FROM office o WHERE o.id = j.value), (SELECT t.name FROM trusted_offices t WHERE t.office_id = j.value)) AS name
    FROM json_each(@ids) j`,
};

const USERS = `SELECT j.value AS id, coalesce((SELECT u.display_name FROM users u WHERE u.id = j.value),
    (SELECT ca.user_name FROM contact_assignments ca WHERE ca.user_id = j.value AND ca.user_name <> '' ORDER BY ca.created_at DESC LIMIT 1)) AS name
  FROM json_each(@ids) j`;

export function dimNames(db: Db, dim: Dim, keys: readonly string[]): Map<string, string> {
  const sql = dim === 'contact' || dim === 'recorder' ? USERS : LOOKUPS[dim];
  if (!sql || keys.length === 0) return new Map();
  const rows = cachedStatement(db, sql).all({ ids: JSON.stringify(keys) }) as { id: string; name: string | null }[];
  return new Map(rows.filter((r) => r.name !== null).map((r) => [r.id, r.name as string]));
}
