/**
 * Where a person belongs: a grid by the name typed for them, else by the longest address prefix of
 * a grid's places ('幸福里小区3号楼' before '幸福里小区'). The persons.grid text column mirrors the
 * grid's name while a person is in a grid, so lists, filters and the roster keep working on it.
 * Only this office's grids place persons: at the bureau, other offices' grids may share names and
 * prefixes (their unique indexes are per office, migration 0005).
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';

export interface Placement {
  gridId: string | null;
  /** The text for persons.grid. */
  grid: string;
}

export function gridByName(db: Db, name: string): { id: string; name: string } | undefined {
  return cachedStatement(db, 'SELECT id, name FROM grids WHERE origin_office = (SELECT id FROM office) AND name = ? AND deleted_at IS NULL').get(name) as { id: string; name: string } | undefined;
}

export function gridForAddress(db: Db, address: string): { id: string; name: string } | undefined {
  const text = address.trim();
  if (text === '') return undefined;
  return cachedStatement(
    db,
    `SELECT g.id, g.name FROM grid_places gp JOIN grids g ON g.id = gp.grid_id AND g.deleted_at IS NULL
       WHERE gp.deleted_at IS NULL AND gp.origin_office = (SELECT id FROM office) AND substr(@address, 1, length(gp.prefix)) = gp.prefix
       ORDER BY length(gp.prefix) DESC, gp.prefix LIMIT 1`,
  ).get({ address: text }) as { id: string; name: string } | undefined;
}

/** The placement of a person from the grid name typed for them and their address. */
export function placementFor(db: Db, typedGrid: string, address: string): Placement {
  if (typedGrid !== '') {
    const named = gridByName(db, typedGrid);
    if (named) return { gridId: named.id, grid: named.name };
  }
  const byAddress = gridForAddress(db, address);
  if (byAddress) return { gridId: byAddress.id, grid: byAddress.name };
  return { gridId: null, grid: typedGrid };
}
