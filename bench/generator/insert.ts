/**
 * Writes generated persons into an office database, two ways:
 *
 *  - `insertPerson`: through the real service functions (createPerson, saveHealthProfile,
 *    addAssessment, addHealthEvent, addFamilyContact, changeStatus), so every row and every side
 *    effect is exactly what the app makes: sync metadata, pinyin, audit entries, the search indexes
 *    the triggers fill, grid placement, planned visits. The CLI `demo` command uses this path.
 *
 *  - `insertPersonFast`: the same registry rows through the same row writers (insertSynced /
 *    updateSynced, personColumns, placementFor), without the services' lookups and without
 *    replanning visits after every write: no planned visits are made (plan them in one pass later
 *    when a benchmark needs them).
 *    Used for the county-size benchmark database; test/unit/generator.test.ts checks that its
 *    registry rows and audit entries are identical to the service path's.
 *
 * Both use a statement cache: the services call db.prepare on every call, and compiling the same
 * SQL again dominates bulk inserts. `statementCache(db)` hands them a view of the connection whose
 * prepare() returns the statement compiled the first time for that text; nothing else changes.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../../main/db/connection';
import type { WriteContext } from '../../main/db/sync';
import { insertSynced, updateSynced } from '../../main/db/sync';
import { changeStatus, createPerson, personColumns } from '../../main/services/persons/persons';
import { placementFor } from '../../main/services/grids/places';
import { barthelTotal } from '../../shared/barthel';
import { addAssessment, addHealthEvent, saveHealthProfile } from '../../main/services/persons/health';
import { addFamilyContact } from '../../main/services/persons/family';
import { PersonGenerator, type GeneratedPerson, type GeneratorOptions } from './persons';

export interface InsertCounts {
  persons: number;
  healthProfiles: number;
  assessments: number;
  healthEvents: number;
  familyContacts: number;
  statusChanges: number;
}

export function emptyCounts(): InsertCounts {
  return { persons: 0, healthProfiles: 0, assessments: 0, healthEvents: 0, familyContacts: 0, statusChanges: 0 };
}

/** The connection with prepare() memoised by SQL text; every other member is the connection's own. */
export function statementCache(db: Db): Db {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** One person and their records, through the services. Call it inside a transaction. */
export function insertPerson(db: Db, ctx: WriteContext, person: GeneratedPerson, counts: InsertCounts = emptyCounts()): string {
  const id = createPerson(db, ctx, person.fields);
  counts.persons++;
  if (person.health) {
    saveHealthProfile(db, ctx, id, person.health);
    counts.healthProfiles++;
  }
  for (const assessment of person.assessments) {
    addAssessment(db, ctx, id, assessment);
    counts.assessments++;
  }
  for (const event of person.healthEvents) {
    addHealthEvent(db, ctx, id, event);
    counts.healthEvents++;
  }
  for (const contact of person.family) {
    addFamilyContact(db, ctx, id, contact);
    counts.familyContacts++;
  }
  if (person.status) {
    changeStatus(db, ctx, { id, ...person.status });
    counts.statusChanges++;
  }
  return id;
}

/**
 * One person and their registry records, written as the services write them but without their
 * lookups and visit planning. Call it inside a transaction.
 */
export function insertPersonFast(db: Db, ctx: WriteContext, person: GeneratedPerson, counts: InsertCounts = emptyCounts()): string {
  const { fields } = person;
  // As createPerson: placed in a grid by the typed grid name or the address.
  const placement = placementFor(db, fields.grid, fields.address);
  // Generated persons are never linked to a unit of the registry (staff confirm links), as createPerson without a unitId.
  const id = insertSynced(db, ctx, 'persons', { ...personColumns(fields), unit_id: null, grid: placement.grid, grid_id: placement.gridId }, 'person', { subjectIsRow: true });
  counts.persons++;
  const subject: WriteContext = { ...ctx, subjectId: id };
  if (person.health) {
    // As saveHealthProfile for a person without a profile yet.
    const h = person.health;
    insertSynced(
      db,
      subject,
      'health_profiles',
      {
        person_id: id,
        blood_type: h.bloodType,
        chronic_conditions: JSON.stringify([...new Set(h.chronicConditions)]),
        allergies: h.allergies,
        medications: h.medications,
        disability_certificate: h.disabilityCertificate,
        insurance_type: h.insuranceType,
        family_doctor: h.familyDoctor,
        family_doctor_clinic: h.familyDoctorClinic,
        family_doctor_date: h.familyDoctorDate,
      },
      'health_profile',
    );
    counts.healthProfiles++;
  }
  for (const a of person.assessments) {
    insertSynced(
      db,
      subject,
      'adl_assessments',
      { person_id: id, assessed_on: a.assessedOn, items: JSON.stringify(a.items), total: barthelTotal(a.items), assessor: a.assessor, note: a.note },
      'adl_assessment',
    );
    counts.assessments++;
  }
  for (const e of person.healthEvents) {
    insertSynced(
      db,
      subject,
      'health_events',
      { person_id: id, kind: e.kind, date: e.date, end_date: e.endDate, institution: e.institution, summary: e.summary },
      'health_event',
    );
    counts.healthEvents++;
  }
  for (const c of person.family) {
    insertSynced(
      db,
      subject,
      'family_contacts',
      {
        person_id: id,
        name: c.name,
        relation: c.relation,
        phones: JSON.stringify(c.phones),
        lives_nearby: c.livesNearby ? 1 : 0,
        is_emergency: c.isEmergency ? 1 : 0,
        note: c.note,
      },
      'family_contact',
    );
    counts.familyContacts++;
  }
  if (person.status) {
    const s = person.status;
    insertSynced(db, subject, 'person_status_events', { person_id: id, status: s.status, date: s.date, destination: s.destination, note: s.note }, 'person_status');
    updateSynced(db, subject, 'persons', id, { status: s.status, status_date: s.date }, 'person');
    counts.statusChanges++;
  }
  return id;
}

export interface FillOptions extends GeneratorOptions {
  count: number;
  /** Persons per transaction; Infinity (the default) makes the whole fill one transaction: all or nothing. */
  transactionSize?: number;
  /** Compile each statement once (default true). False runs the services exactly as the app calls them. */
  cacheStatements?: boolean;
  /** 'services' (default): every side effect the app has. 'fast': registry rows only, no visit planning. */
  path?: 'services' | 'fast';
  onProgress?: (done: number, total: number) => void;
}

export interface FillResult {
  counts: InsertCounts;
  /** Wall time of generation and insertion together. */
  ms: number;
}

/** Generates `count` persons and writes them (through the services, or the fast path), in one or more transactions. */
export function fillDatabase(db: Db, ctx: WriteContext, options: FillOptions): FillResult {
  const started = performance.now();
  const generator = new PersonGenerator(options);
  const target = options.cacheStatements === false ? db : statementCache(db);
  const counts = emptyCounts();
  const insert = options.path === 'fast' ? insertPersonFast : insertPerson;
  const size = Math.max(1, options.transactionSize ?? Infinity);
  let done = 0;
  while (done < options.count) {
    const end = Math.min(options.count, done + size);
    db.transaction(() => {
      for (let i = done; i < end; i++) insert(target, ctx, generator.next(), counts);
    }).immediate();
    done = end;
    options.onProgress?.(done, options.count);
  }
  return { counts, ms: performance.now() - started };
}
