/**
 * The office profile the bureau's yearly 考核 reads: the "四个到位" (活动场所 with its area, 年度经费,
 * 专职/兼职人员, 服务项目) and whether the office is a 示范社区. One living row per office
 * (office_profile), synchronised like every other row so it reaches the bureau in packets.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { insertSynced, registerSyncedTable, updateSynced, type WriteContext } from '../../db/sync';
import { MODEL_LEVELS, type OfficeProfile, type OfficeProfileFields } from '../../../shared/schemas/reports';

registerSyncedTable('office_profile');

interface ProfileRow {
  id: string;
  venue_name: string;
  venue_area_m2: number | null;
  funds_year: number | null;
  annual_funds_fen: number | null;
  staff_full_time: number | null;
  staff_part_time: number | null;
  services: string;
  model_community: number;
  model_level: string;
  model_since: number | null;
  notes: string;
  updated_at: string;
}

function servicesOf(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function rowOf(db: Db, office: string): ProfileRow | undefined {
  return cachedStatement(db, 'SELECT * FROM office_profile WHERE origin_office = ? AND deleted_at IS NULL ORDER BY created_at LIMIT 1').get(office) as ProfileRow | undefined;
}

/** Each of the 四个到位 is in place when it is recorded with something in it. */
function inPlace(p: Omit<OfficeProfile, 'inPlace' | 'updatedAt'>): OfficeProfile['inPlace'] {
  return {
    venue: p.venueName !== '' && (p.venueAreaM2 ?? 0) > 0,
    funds: (p.annualFundsFen ?? 0) > 0,
    staff: (p.staffFullTime ?? 0) + (p.staffPartTime ?? 0) > 0,
    services: p.services.length > 0,
  };
}

export function getProfile(db: Db, office: string): OfficeProfile {
  const r = rowOf(db, office);
  const stored = r?.model_level ?? '';
  const level: OfficeProfile['modelLevel'] = (MODEL_LEVELS as readonly string[]).includes(stored) ? (stored as OfficeProfile['modelLevel']) : '';
  const base = {
    venueName: r?.venue_name ?? '',
    venueAreaM2: r?.venue_area_m2 ?? null,
    fundsYear: r?.funds_year ?? null,
    annualFundsFen: r?.annual_funds_fen ?? null,
    staffFullTime: r?.staff_full_time ?? null,
    staffPartTime: r?.staff_part_time ?? null,
    services: r ? servicesOf(r.services) : [],
    modelCommunity: r?.model_community === 1,
    modelLevel: level,
    modelSince: r?.model_since ?? null,
    notes: r?.notes ?? '',
  };
  return { ...base, updatedAt: r?.updated_at ?? null, inPlace: inPlace(base) };
}

/** Saves the office's own profile: the first save makes its row, later ones change it. */
export function saveProfile(db: Db, ctx: WriteContext, fields: OfficeProfileFields): OfficeProfile {
  const values = {
    venue_name: fields.venueName,
    venue_area_m2: fields.venueAreaM2,
    funds_year: fields.fundsYear,
    annual_funds_fen: fields.annualFundsFen,
    staff_full_time: fields.staffFullTime,
    staff_part_time: fields.staffPartTime,
    services: JSON.stringify(fields.services),
    model_community: fields.modelCommunity ? 1 : 0,
    model_level: fields.modelCommunity ? fields.modelLevel : '',
    model_since: fields.modelCommunity ? fields.modelSince : null,
    notes: fields.notes,
  };
  const existing = rowOf(db, ctx.officeId);
  if (existing) updateSynced(db, ctx, 'office_profile', existing.id, values, 'office_profile');
  else insertSynced(db, ctx, 'office_profile', values, 'office_profile');
  return getProfile(db, ctx.officeId);
}
