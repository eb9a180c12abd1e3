/**
 * Whose records a figure counts, and from which day they exist. A community office counts every
 * record its database holds (persons transferred in keep the office that first registered them as
 * origin_office, and they are this office's persons now). The county bureau counts one office at a
 * time by origin_office; asked for its own figures it counts only the persons it registered itself,
 * and says so.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { AppError } from '../../../shared/errors';
import { getSettings } from '../settings/settings';
import { toDateString } from '../../../shared/dates';
import type { OfficeSettings } from '../../../shared/schemas/settings';

export interface ReportContext {
  db: Db;
  /** origin_office counted, or null for every record here. */
  office: string | null;
  officeName: string;
  bureauOwn: boolean;
  today: string;
  /** The first day the office kept records here: figures of periods before it are refused. */
  recordsFrom: string;
  settings: OfficeSettings;
  /**
   * At the county bureau, another office's figures: the day its data is as of (its newest packet,
   * freshness.ts), null before any packet. Absent for this office's own figures.
   */
  dataAsOf?: string | null;
}

interface OfficeRow {
  id: string;
  name: string;
  mode: 'community' | 'bureau';
  created_at: string;
}

function ownOffice(db: Db): OfficeRow {
  const row = cachedStatement(db, 'SELECT id, name, mode, created_at FROM office').get() as OfficeRow | undefined;
  if (!row) throw new AppError('SETUP_REQUIRED', 'The office has not been set up yet.');
  return row;
}

/**
 * The context of this office's own figures. `office` names another office's records (the bureau's
 * roll-up); their records begin with the first person that office registered.
 */
export function reportContext(db: Db, today: string, office?: string): ReportContext {
  const own = ownOffice(db);
  const settings = getSettings(db);
  if (office !== undefined && office !== own.id) {
    const peer = cachedStatement(db, 'SELECT name FROM trusted_offices WHERE office_id = ?').get(office) as { name: string } | undefined;
    const first = cachedStatement(db, 'SELECT min(created_at) AS at FROM persons WHERE origin_office = ?').get(office) as { at: string | null };
    return { db, office, officeName: peer?.name ?? office, bureauOwn: false, today, recordsFrom: first.at ? toDateString(first.at) : today, settings };
  }
  const bureau = own.mode === 'bureau';
  return { db, office: bureau ? own.id : null, officeName: own.name, bureauOwn: bureau, today, recordsFrom: toDateString(own.created_at), settings };
}
