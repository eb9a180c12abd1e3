/**
 * Grids (网格) of the community: name, description of the area, the users who work it, and the
 * address prefixes that place persons in it.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { insertSynced, registerSyncedTable, tombstoneSynced, updateSynced, type WriteContext } from '../../db/sync';
import { AppError, fieldError } from '../../../shared/errors';
import type { Grid, GridFields } from '../../../shared/schemas/grids';
import type { Role } from '../../../shared/roles';
import { gridForAddress } from './places';

registerSyncedTable('grids');
registerSyncedTable('grid_workers');
registerSyncedTable('grid_places');

/** Roles that can be responsible for persons and work grids. */
export const CONTACT_USER_ROLES: readonly Role[] = ['admin', 'staff', 'gridworker'];

interface UserLite {
  id: string;
  display_name: string;
  phone: string | null;
  role: Role;
  disabled: number;
}

export function userLite(db: Db, id: string): UserLite | undefined {
  return cachedStatement(db, 'SELECT id, display_name, phone, role, disabled FROM users WHERE id = ?').get(id) as UserLite | undefined;
}

/** A user who can be responsible for persons: exists, enabled, not a read-only viewer. */
export function requireContactUser(db: Db, id: string, path: string): UserLite {
  const user = userLite(db, id);
  if (!user || user.disabled === 1 || !CONTACT_USER_ROLES.includes(user.role)) throw fieldError(path, 'assignment.userUnavailable');
  return user;
}

export function requireGrid(db: Db, id: string): { id: string; name: string } {
  const row = cachedStatement(db, 'SELECT id, name FROM grids WHERE id = ? AND deleted_at IS NULL').get(id) as { id: string; name: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Grid ${id} not found.`, { entity: 'grid', id });
  return row;
}

interface GridRow {
  id: string;
  name: string;
  description: string;
  origin_office: string;
  created_at: string;
  updated_at: string;
}

export function gridWorkerIds(db: Db, gridId: string): string[] {
  return (cachedStatement(db, 'SELECT user_id FROM grid_workers WHERE grid_id = ? AND deleted_at IS NULL ORDER BY created_at, id').all(gridId) as { user_id: string }[]).map(
    (r) => r.user_id,
  );
}

function toGrid(db: Db, row: GridRow): Grid {
  const workers = cachedStatement(
    db,
      `SELECT w.user_id, u.display_name, u.phone, u.role, u.disabled FROM grid_workers w LEFT JOIN users u ON u.id = w.user_id
       WHERE w.grid_id = ? AND w.deleted_at IS NULL ORDER BY w.created_at, w.id`,
    )
    .all(row.id) as { user_id: string; display_name: string | null; phone: string | null; role: Role | null; disabled: number | null }[];
  const places = (cachedStatement(db, 'SELECT prefix FROM grid_places WHERE grid_id = ? AND deleted_at IS NULL ORDER BY prefix').all(row.id) as { prefix: string }[]).map(
    (r) => r.prefix,
  );
  const counts = cachedStatement(
    db,
      `SELECT count(*) AS persons,
         coalesce(sum(NOT EXISTS (SELECT 1 FROM contact_assignments a WHERE a.person_id = p.id AND a.role = 'primary' AND a.to_date IS NULL AND a.deleted_at IS NULL)), 0) AS unassigned
       FROM persons p WHERE p.grid_id = ? AND p.deleted_at IS NULL AND p.status = 'active'`,
    )
    .get(row.id) as { persons: number; unassigned: number };
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    originOffice: row.origin_office,
    workers: workers.map((w) => ({
      userId: w.user_id,
      name: w.display_name ?? '',
      phone: w.phone,
      role: w.role,
      disabled: w.disabled === 1,
    })),
    places,
    personCount: counts.persons,
    unassignedCount: counts.unassigned,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every grid here, by name; `office` (the county bureau's filter) keeps the grids that office made. */
export function listGrids(db: Db, office?: string): Grid[] {
  const rows = cachedStatement(
    db,
    'SELECT id, name, description, origin_office, created_at, updated_at FROM grids WHERE deleted_at IS NULL AND (@office IS NULL OR origin_office = @office) ORDER BY name',
  ).all({ office: office ?? null }) as GridRow[];
  return rows.map((r) => toGrid(db, r));
}

export function getGrid(db: Db, id: string): Grid {
  const row = cachedStatement(db, 'SELECT id, name, description, origin_office, created_at, updated_at FROM grids WHERE id = ? AND deleted_at IS NULL').get(id) as GridRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Grid ${id} not found.`, { entity: 'grid', id });
  return toGrid(db, row);
}

/** Names and prefixes are unique within this office (migration 0005); other offices' grids at the bureau may share them. */
function checkFields(db: Db, fields: GridFields, exceptId: string | null): { workers: string[]; places: string[] } {
  const taken = cachedStatement(db, 'SELECT id FROM grids WHERE origin_office = (SELECT id FROM office) AND name = ? AND deleted_at IS NULL').get(fields.name) as { id: string } | undefined;
  if (taken && taken.id !== exceptId) throw fieldError('name', 'grid.nameTaken');
  const workers = [...new Set(fields.workerIds)];
  workers.forEach((id) => requireContactUser(db, id, `workerIds.${fields.workerIds.indexOf(id)}`));
  const places = [...new Set(fields.places)];
  for (const prefix of places) {
    const owner = cachedStatement(db, 'SELECT grid_id FROM grid_places WHERE origin_office = (SELECT id FROM office) AND prefix = ? AND deleted_at IS NULL').get(prefix) as { grid_id: string } | undefined;
    if (owner && owner.grid_id !== exceptId) throw fieldError(`places.${fields.places.indexOf(prefix)}`, 'grid.placeTaken');
  }
  return { workers, places };
}

/** Makes the grid's worker set exactly `userIds` (removed members are tombstoned, history stays in the audit log). */
export function setGridWorkers(db: Db, ctx: WriteContext, gridId: string, userIds: readonly string[]): void {
  const current = cachedStatement(db, 'SELECT id, user_id FROM grid_workers WHERE grid_id = ? AND deleted_at IS NULL').all(gridId) as { id: string; user_id: string }[];
  const wanted = new Set(userIds);
  for (const w of current) if (!wanted.has(w.user_id)) tombstoneSynced(db, ctx, 'grid_workers', w.id, 'grid_worker');
  const have = new Set(current.map((w) => w.user_id));
  for (const userId of userIds) if (!have.has(userId)) insertSynced(db, ctx, 'grid_workers', { grid_id: gridId, user_id: userId }, 'grid_worker');
}

function setGridPlaces(db: Db, ctx: WriteContext, gridId: string, prefixes: readonly string[]): void {
  const current = cachedStatement(db, 'SELECT id, prefix FROM grid_places WHERE grid_id = ? AND deleted_at IS NULL').all(gridId) as { id: string; prefix: string }[];
  const wanted = new Set(prefixes);
  for (const p of current) if (!wanted.has(p.prefix)) tombstoneSynced(db, ctx, 'grid_places', p.id, 'grid_place');
  const have = new Set(current.map((p) => p.prefix));
  for (const prefix of prefixes) if (!have.has(prefix)) insertSynced(db, ctx, 'grid_places', { grid_id: gridId, prefix }, 'grid_place');
}

/** Moves a person into a grid (or out of every grid with null), keeping the grid text in step. */
export function setPersonGrid(db: Db, ctx: WriteContext, personId: string, grid: { id: string; name: string } | null): { changed: boolean } {
  return updateSynced(db, { ...ctx, subjectId: personId }, 'persons', personId, { grid_id: grid?.id ?? null, grid: grid?.name ?? '' }, 'person');
}

export function placePerson(db: Db, ctx: WriteContext, personId: string, gridId: string | null): { changed: boolean } {
  const person = cachedStatement(db, 'SELECT id FROM persons WHERE id = ? AND deleted_at IS NULL').get(personId);
  if (!person) throw new AppError('NOT_FOUND', `Person ${personId} not found.`, { entity: 'person', id: personId });
  return setPersonGrid(db, ctx, personId, gridId === null ? null : requireGrid(db, gridId));
}

/**
 * Places persons by address: those in no grid (or, with overwrite, every person) whose address
 * starts with a grid's place go to the grid of the longest matching prefix. Limited to one grid's
 * places with gridId. Answers how many persons moved.
 */
export function placeByAddress(db: Db, ctx: WriteContext, options: { gridId?: string | undefined; overwrite: boolean }): { placed: number } {
  const prefixes = (
    options.gridId === undefined
      ? cachedStatement(db, 'SELECT DISTINCT prefix FROM grid_places WHERE deleted_at IS NULL').all()
      : cachedStatement(db, 'SELECT prefix FROM grid_places WHERE grid_id = ? AND deleted_at IS NULL').all(requireGrid(db, options.gridId).id)
  ) as { prefix: string }[];
  const candidates = cachedStatement(
    db,
    `SELECT id, address, grid_id FROM persons WHERE deleted_at IS NULL AND address >= @prefix AND address < @end
       ${options.overwrite ? '' : 'AND grid_id IS NULL'}`,
  );
  const seen = new Set<string>();
  let placed = 0;
  for (const { prefix } of prefixes) {
    for (const p of candidates.all({ prefix, end: prefix + '\uffff' }) as { id: string; address: string; grid_id: string | null }[]) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      const grid = gridForAddress(db, p.address);
      if (!grid || grid.id === p.grid_id) continue;
      if (setPersonGrid(db, ctx, p.id, grid).changed) placed++;
    }
  }
  return { placed };
}

/** A new grid, answered as the list shows it (with the persons it took in by name and by address). */
export function createGrid(db: Db, ctx: WriteContext, fields: GridFields): Grid {
  const { workers, places } = checkFields(db, fields, null);
  const id = insertSynced(db, ctx, 'grids', { name: fields.name, description: fields.description }, 'grid');
  setGridWorkers(db, ctx, id, workers);
  setGridPlaces(db, ctx, id, places);
  // Persons typed into the grid by name before it existed, and those whose address is one of its places.
  const byName = cachedStatement(db, 'SELECT id FROM persons WHERE grid = ? AND grid_id IS NULL AND deleted_at IS NULL').all(fields.name) as { id: string }[];
  for (const p of byName) setPersonGrid(db, ctx, p.id, { id, name: fields.name });
  placeByAddress(db, ctx, { gridId: id, overwrite: false });
  return getGrid(db, id);
}

/** Changes a grid and answers it as it is afterwards; a new name follows its persons' grid text. */
export function updateGrid(db: Db, ctx: WriteContext, id: string, fields: GridFields): Grid {
  const before = requireGrid(db, id);
  const { workers, places } = checkFields(db, fields, id);
  updateSynced(db, ctx, 'grids', id, { name: fields.name, description: fields.description }, 'grid');
  setGridWorkers(db, ctx, id, workers);
  setGridPlaces(db, ctx, id, places);
  if (before.name !== fields.name) {
    const members = cachedStatement(db, 'SELECT id FROM persons WHERE grid_id = ? AND deleted_at IS NULL').all(id) as { id: string }[];
    for (const p of members) setPersonGrid(db, ctx, p.id, { id, name: fields.name });
  }
  placeByAddress(db, ctx, { gridId: id, overwrite: false });
  return getGrid(db, id);
}

/** Deletes a grid: its persons are in no grid afterwards; their contacts stay as they are. */
export function deleteGrid(db: Db, ctx: WriteContext, id: string): void {
  requireGrid(db, id);
  const members = cachedStatement(db, 'SELECT id FROM persons WHERE grid_id = ? AND deleted_at IS NULL').all(id) as { id: string }[];
  for (const p of members) setPersonGrid(db, ctx, p.id, null);
  setGridWorkers(db, ctx, id, []);
  setGridPlaces(db, ctx, id, []);
  tombstoneSynced(db, ctx, 'grids', id, 'grid');
}
