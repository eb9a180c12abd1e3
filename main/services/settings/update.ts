/** Changing the office-wide settings, and what a change sets off. */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import type { OfficeSettings } from '../../../shared/schemas/settings';
import { writeAudit, diffFields } from '../../db/audit';
import type { WriteContext } from '../../db/sync';
import { personsToReplan, replanPersons, rulesHash } from '../visits/planning';
import { getSettings } from './settings';

/**
 * Saves the settings given (the others keep their values) with one audit entry. New visit rules
 * replan every open visit in the caller's transaction, so no path that changes the rules can leave
 * plans made under the old ones.
 */
export function updateSettings(db: Db, ctx: WriteContext, patch: Partial<OfficeSettings>, today: string): OfficeSettings {
  const before = getSettings(db);
  const changes = diffFields(before, patch);
  const upsert = cachedStatement(
    db,
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  for (const key of Object.keys(changes)) upsert.run(key, JSON.stringify(patch[key as keyof OfficeSettings]), ctx.at, ctx.actor.userId);
  if (Object.keys(changes).length > 0) writeAudit(db, ctx.actor, ctx.at, { entity: 'settings', entityId: null, action: 'update', changes });
  const after = getSettings(db);
  if (rulesHash(after.scheduleRules) !== rulesHash(before.scheduleRules)) {
    replanPersons(db, ctx, personsToReplan(db, today, after.scheduleRules, false), today, after.scheduleRules);
  }
  return after;
}
