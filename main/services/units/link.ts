/**
 * The unit columns of a person being saved from the person form or the roster import.
 *   unitId given:     linked; the text and level become the unit's.
 *   unitId null:      not linked; the text stays as typed (a unit not in the registry).
 *   unitId left out:  (roster import) the link stays while the typed text still means the linked unit —
 *                     its name, or a near form of it such as the 省交通厅 that staff confirmed as
 *                     山西省交通厅 — and then the unit's name and level win. The link is dropped only when
 *                     the text names another unit of the registry exactly, or is clearly a different unit,
 *                     so the record never says one unit and links another.
 */
import type { Db } from '../../db/connection';
import type { SqlValue } from '../../db/sync';
import { cachedStatement } from '../../db/statements';
import type { UnitLevel } from '../../../shared/schemas/units';
import { findUnitRow, requireUnitRow, type UnitDbRow } from './units';
import { closeness, normaliseUnitName } from './similarity';

/** Whether another unit of the linked unit's office is named exactly `key` (normalised). */
function namesAnotherUnit(db: Db, unit: UnitDbRow, key: string): boolean {
  const rows = cachedStatement(db, 'SELECT id, name FROM units WHERE origin_office = ? AND deleted_at IS NULL AND id <> ?').all(unit.origin_office, unit.id) as {
    id: string;
    name: string;
  }[];
  return rows.some((r) => normaliseUnitName(r.name) === key);
}

/** The linked unit a typed text still means, when no unitId was sent; undefined when the link should go. */
export function unitKeptFor(db: Db, currentUnitId: string | null, typedText: string): UnitDbRow | undefined {
  if (currentUnitId === null) return undefined;
  const unit = findUnitRow(db, currentUnitId);
  if (!unit) return undefined;
  const typed = normaliseUnitName(typedText);
  const own = normaliseUnitName(unit.name);
  if (typed === own) return unit;
  if (namesAnotherUnit(db, unit, typed)) return undefined;
  return closeness(typed, own) ? unit : undefined;
}

export function unitLinkColumns(db: Db, requested: string | null | undefined, currentUnitId: string | null, typedText: string): Record<string, SqlValue> {
  if (typeof requested === 'string') {
    const unit = requireUnitRow(db, requested, 'unitId');
    return { unit_id: unit.id, original_unit: unit.name, unit_level: unit.level };
  }
  if (requested === null) return { unit_id: null };
  const unit = unitKeptFor(db, currentUnitId, typedText);
  if (!unit) return { unit_id: null };
  return { unit_id: unit.id, original_unit: unit.name, unit_level: unit.level };
}

/**
 * The roster preview's view of the same rule: a row whose text still means the person's linked unit
 * shows (and saves) the unit's name and level, so the preview does not announce a change that the
 * import will not make.
 */
export function withKeptUnit<T extends { originalUnit: string; unitLevel: UnitLevel }>(db: Db, fields: T, currentUnitId: string | null): T {
  const unit = unitKeptFor(db, currentUnitId, fields.originalUnit);
  return unit ? { ...fields, originalUnit: unit.name, unitLevel: unit.level } : fields;
}
