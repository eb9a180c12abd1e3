import type { Db } from '../db/connection';
import { DEFAULT_SETTINGS, officeSettingsSchema, type OfficeSettings } from '../../shared/schemas/settings';
import { writeAudit, diffFields, type Actor } from '../db/audit';

export function getSettings(db: Db): OfficeSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key] = JSON.parse(row.value);
  // Unknown or malformed stored values fall back to the defaults rather than breaking start-up.
  const merged = { ...DEFAULT_SETTINGS, ...stored };
  const parsed = officeSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export function updateSettings(db: Db, actor: Actor, patch: Partial<OfficeSettings>, at: string): OfficeSettings {
  const before = getSettings(db);
  const changes = diffFields(before, patch);
  const upsert = db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  for (const key of Object.keys(changes)) upsert.run(key, JSON.stringify(patch[key as keyof OfficeSettings]), at, actor.userId);
  if (Object.keys(changes).length > 0) writeAudit(db, actor, at, { entity: 'settings', entityId: null, action: 'update', changes });
  return getSettings(db);
}
