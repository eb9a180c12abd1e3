/**
 * The unit columns of a person being saved from the person form or the roster import.
 *   unitId given:     linked; the text and level become the unit's.
 *   unitId null:      not linked; the text stays as typed (a unit not in the registry).
 *   unitId left out:  (roster import) the link stays while the typed text still names the linked unit,
 *                     and then the unit's name and level win; a text naming another unit drops the link,
 *                     so the record never says one unit and links another.
 */
import type { Db } from '../../db/connection';
import type { SqlValue } from '../../db/sync';
import { findUnitRow, requireUnitRow } from './units';
import { normaliseUnitName } from './similarity';

export function unitLinkColumns(db: Db, requested: string | null | undefined, currentUnitId: string | null, typedText: string): Record<string, SqlValue> {
  if (typeof requested === 'string') {
    const unit = requireUnitRow(db, requested, 'unitId');
    return { unit_id: unit.id, original_unit: unit.name, unit_level: unit.level };
  }
  if (requested === null || currentUnitId === null) return { unit_id: null };
  const unit = findUnitRow(db, currentUnitId);
  if (!unit || normaliseUnitName(typedText) !== normaliseUnitName(unit.name)) return { unit_id: null };
  return { unit_id: unit.id, original_unit: unit.name, unit_level: unit.level };
}
