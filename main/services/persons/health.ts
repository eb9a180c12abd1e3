import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { insertSynced, updateSynced, tombstoneSynced, registerSyncedTable, type WriteContext } from '../../db/sync';
import { AppError } from '../../../shared/errors';
import { adlBand, barthelTotal, type BarthelScores } from '../../../shared/barthel';
import type { AdlAssessment, HealthEvent, HealthProfile } from '../../../shared/schemas/persons';
import { getPersonRow } from './repo';
import { replanPerson, todayOf } from '../visits/planning';
import { completeAssessmentVisits } from '../visits/assessment';

registerSyncedTable('health_profiles');
registerSyncedTable('adl_assessments');
registerSyncedTable('health_events');

export function requirePerson(db: Db, personId: string): void {
  if (!getPersonRow(db, personId)) throw new AppError('NOT_FOUND', `Person ${personId} not found.`, { entity: 'person', id: personId });
}

/** The person a child row (assessment, event, contact) belongs to, or NOT_FOUND. */
export function ownerOf(db: Db, table: 'adl_assessments' | 'health_events' | 'family_contacts', id: string): string {
  const row = cachedStatement(db, `SELECT person_id FROM ${table} WHERE id = ? AND deleted_at IS NULL`).get(id) as { person_id: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Record ${id} not found.`, { entity: table, id });
  return row.person_id;
}

interface ProfileRow {
  id: string;
  blood_type: string;
  chronic_conditions: string;
  allergies: string;
  medications: string;
  disability_certificate: string;
  insurance_type: string;
  family_doctor: string;
  family_doctor_clinic: string;
  family_doctor_date: string | null;
  updated_at: string;
}

const EMPTY_PROFILE: HealthProfile = {
  bloodType: '',
  chronicConditions: [],
  allergies: '',
  medications: '',
  disabilityCertificate: '',
  insuranceType: '',
  familyDoctor: '',
  familyDoctorClinic: '',
  familyDoctorDate: null,
  updatedAt: null,
};

export function getHealthProfile(db: Db, personId: string): HealthProfile {
  const row = cachedStatement(db, 'SELECT * FROM health_profiles WHERE person_id = ? AND deleted_at IS NULL').get(personId) as ProfileRow | undefined;
  if (!row) return EMPTY_PROFILE;
  return {
    bloodType: row.blood_type,
    chronicConditions: JSON.parse(row.chronic_conditions) as string[],
    allergies: row.allergies,
    medications: row.medications,
    disabilityCertificate: row.disability_certificate,
    insuranceType: row.insurance_type,
    familyDoctor: row.family_doctor,
    familyDoctorClinic: row.family_doctor_clinic,
    familyDoctorDate: row.family_doctor_date,
    updatedAt: row.updated_at,
  };
}

export type HealthProfileFields = Omit<HealthProfile, 'updatedAt'>;

export function saveHealthProfile(db: Db, ctx: WriteContext, personId: string, fields: HealthProfileFields): HealthProfile {
  requirePerson(db, personId);
  const subject = { ...ctx, subjectId: personId };
  const values = {
    blood_type: fields.bloodType,
    // Conditions keep their order but appear once.
    chronic_conditions: JSON.stringify([...new Set(fields.chronicConditions)]),
    allergies: fields.allergies,
    medications: fields.medications,
    disability_certificate: fields.disabilityCertificate,
    insurance_type: fields.insuranceType,
    family_doctor: fields.familyDoctor,
    family_doctor_clinic: fields.familyDoctorClinic,
    family_doctor_date: fields.familyDoctorDate,
  };
  const existing = cachedStatement(db, 'SELECT id FROM health_profiles WHERE person_id = ? AND deleted_at IS NULL').get(personId) as { id: string } | undefined;
  if (existing) updateSynced(db, subject, 'health_profiles', existing.id, values, 'health_profile');
  else insertSynced(db, subject, 'health_profiles', { person_id: personId, ...values }, 'health_profile');
  return getHealthProfile(db, personId);
}

export interface NewAssessment {
  assessedOn: string;
  items: BarthelScores;
  assessor: string;
  note: string;
}

export function addAssessment(db: Db, ctx: WriteContext, personId: string, input: NewAssessment): string {
  requirePerson(db, personId);
  const total = barthelTotal(input.items);
  const id = insertSynced(
    db,
    { ...ctx, subjectId: personId },
    'adl_assessments',
    { person_id: personId, assessed_on: input.assessedOn, items: JSON.stringify(input.items), total, assessor: input.assessor, note: input.note },
    'adl_assessment',
  );
  // An assessment of either instrument completes the planned 能力评估 visit.
  completeAssessmentVisits(db, ctx, personId, input.assessedOn);
  // The latest total decides the visit frequency (ADL ≤ 60: monthly).
  replanPerson(db, ctx, personId, todayOf(ctx));
  return id;
}

/** Adds an assessment and answers it with the Barthel total its items add up to. */
export function recordAssessment(db: Db, ctx: WriteContext, personId: string, input: NewAssessment): { id: string; total: number } {
  return { id: addAssessment(db, ctx, personId, input), total: barthelTotal(input.items) };
}

export function deleteAssessment(db: Db, ctx: WriteContext, id: string): void {
  const personId = ownerOf(db, 'adl_assessments', id);
  tombstoneSynced(db, { ...ctx, subjectId: personId }, 'adl_assessments', id, 'adl_assessment');
  replanPerson(db, ctx, personId, todayOf(ctx));
}

export function listAssessments(db: Db, personId: string): AdlAssessment[] {
  const rows = cachedStatement(
    db,
      'SELECT id, assessed_on, items, total, assessor, note FROM adl_assessments WHERE person_id = ? AND deleted_at IS NULL ORDER BY assessed_on DESC, id DESC',
    )
    .all(personId) as { id: string; assessed_on: string; items: string; total: number; assessor: string; note: string }[];
  return rows.map((r) => ({
    id: r.id,
    assessedOn: r.assessed_on,
    items: JSON.parse(r.items) as Record<string, number>,
    total: r.total,
    band: adlBand(r.total),
    assessor: r.assessor,
    note: r.note,
  }));
}

export type HealthEventFields = Omit<HealthEvent, 'id' | 'createdAt'>;

function eventColumns(fields: HealthEventFields) {
  return { kind: fields.kind, date: fields.date, end_date: fields.endDate, institution: fields.institution, summary: fields.summary };
}

function eventKind(db: Db, id: string): HealthEvent['kind'] | undefined {
  return (cachedStatement(db, 'SELECT kind FROM health_events WHERE id = ?').get(id) as { kind: HealthEvent['kind'] } | undefined)?.kind;
}

/** A hospitalisation plans a visit within days; adding, moving or removing one replans the person. */
export function addHealthEvent(db: Db, ctx: WriteContext, personId: string, fields: HealthEventFields): string {
  requirePerson(db, personId);
  const id = insertSynced(db, { ...ctx, subjectId: personId }, 'health_events', { person_id: personId, ...eventColumns(fields) }, 'health_event');
  if (fields.kind === 'hospitalisation') replanPerson(db, ctx, personId, todayOf(ctx));
  return id;
}

export function updateHealthEvent(db: Db, ctx: WriteContext, id: string, fields: HealthEventFields): void {
  const personId = ownerOf(db, 'health_events', id);
  const before = eventKind(db, id);
  const { changed } = updateSynced(db, { ...ctx, subjectId: personId }, 'health_events', id, eventColumns(fields), 'health_event');
  if (changed && (before === 'hospitalisation' || fields.kind === 'hospitalisation')) replanPerson(db, ctx, personId, todayOf(ctx));
}

export function deleteHealthEvent(db: Db, ctx: WriteContext, id: string): void {
  const personId = ownerOf(db, 'health_events', id);
  const before = eventKind(db, id);
  tombstoneSynced(db, { ...ctx, subjectId: personId }, 'health_events', id, 'health_event');
  if (before === 'hospitalisation') replanPerson(db, ctx, personId, todayOf(ctx));
}

export function listHealthEvents(db: Db, personId: string): HealthEvent[] {
  const rows = cachedStatement(
    db,
      'SELECT id, kind, date, end_date, institution, summary, created_at FROM health_events WHERE person_id = ? AND deleted_at IS NULL ORDER BY date DESC, id DESC',
    )
    .all(personId) as { id: string; kind: HealthEvent['kind']; date: string; end_date: string | null; institution: string; summary: string; created_at: string }[];
  return rows.map((r) => ({ id: r.id, kind: r.kind, date: r.date, endDate: r.end_date, institution: r.institution, summary: r.summary, createdAt: r.created_at }));
}
