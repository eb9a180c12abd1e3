/**
 * Reading the office-wide settings, each completed from its default. Changing them is update.ts,
 * apart from this file because a change replans visits and visit planning reads the rules here.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { DEFAULT_SETTINGS, officeSettingsSchema, type OfficeSettings } from '../../../shared/schemas/settings';

type SettingKey = keyof OfficeSettings;

/** A stored value as it may be completed from its default (rules gain fields in later versions). */
function completed(key: SettingKey, value: unknown): unknown {
  const fallback = DEFAULT_SETTINGS[key];
  if (fallback !== null && typeof fallback === 'object' && !Array.isArray(fallback) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return { ...fallback, ...value };
  }
  return value;
}

export function getSettings(db: Db): OfficeSettings {
  const rows = cachedStatement(db, 'SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const shape = officeSettingsSchema.shape;
  for (const row of rows) {
    if (!Object.prototype.hasOwnProperty.call(shape, row.key)) continue;
    const key = row.key as SettingKey;
    let value: unknown;
    try {
      value = JSON.parse(row.value);
    } catch {
      continue;
    }
    // Unknown or malformed stored values fall back to their defaults rather than breaking start-up.
    const parsed = shape[key].safeParse(completed(key, value));
    if (parsed.success) merged[key] = parsed.data;
  }
  return merged as OfficeSettings;
}
