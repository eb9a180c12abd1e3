/**
 * How the county bureau's lists name an office: by its name, and two offices of one name told apart
 * by their area code. The screens (reports.countyOffices) and the .xlsx sheets name them alike.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';

/** The header of the office column of the bureau's sheets, as its lists on screen call it. */
export const OFFICE_HEADER = '报送单位';

/** Two offices of one name are told apart by their area code. */
export function officeLabels(offices: readonly { id: string; name: string; areaCode: string }[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const o of offices) count.set(o.name, (count.get(o.name) ?? 0) + 1);
  return new Map(offices.map((o) => [o.id, (count.get(o.name) ?? 0) > 1 ? `${o.name}（${o.areaCode || o.id.slice(0, 8)}）` : o.name]));
}

/**
 * At the county bureau: itself and the communities it trusts, id → the name its lists show. Null in
 * a community office, whose lists hold its own records and have no office column.
 */
export function bureauOfficeLabels(db: Db): Map<string, string> | null {
  const own = cachedStatement(db, 'SELECT id, name, area_code, mode FROM office').get() as { id: string; name: string; area_code: string; mode: string } | undefined;
  if (own?.mode !== 'bureau') return null;
  const peers = cachedStatement(db, "SELECT office_id, name, area_code FROM trusted_offices WHERE mode = 'community' ORDER BY area_code, name, office_id").all() as {
    office_id: string;
    name: string;
    area_code: string;
  }[];
  return officeLabels([{ id: own.id, name: own.name, areaCode: own.area_code }, ...peers.map((p) => ({ id: p.office_id, name: p.name, areaCode: p.area_code }))]);
}
