import type { Db } from '../../db/connection';
import type { PersonDetail } from '../../../shared/schemas/persons';
import type { AuditEntry } from '../../../shared/schemas/audit';
import { getPerson, listStatusEvents } from './persons';
import { getHealthProfile, listAssessments, listHealthEvents } from './health';
import { listFamilyContacts } from './family';
import { personContacts } from '../assignments/assignments';
import { activeRequestsWhere } from '../requests/requests';
import { listRecords, visitsForPerson } from '../visits/records';
import { listAudit } from '../audit/audit';
import { addDays } from '../../../shared/calendar';
import { ALL_PERSONS, assertInScope, type PersonScope } from '../scope';

/** How many visit records the detail page shows; the rest through visits.records. */
export const RECENT_VISITS = 10;
/** Missed visits older than this (by their missed date) are left off the detail page; visits.forPerson has them all. */
export const MISSED_SHOWN_DAYS = 90;

/** Everything the detail page shows, read in one transaction by dispatch; out of scope is NOT_FOUND. */
export function getPersonDetail(db: Db, id: string, today: string, scope: PersonScope = ALL_PERSONS): PersonDetail {
  assertInScope(db, scope, id);
  const person = getPerson(db, id, today);
  const family = listFamilyContacts(db, id);
  const warnings: PersonDetail['warnings'] = [];
  // A person living alone needs someone to call in an emergency: warn, do not block.
  if (person.livingSituation === 'alone' && !family.some((f) => f.isEmergency)) warnings.push('aloneWithoutEmergencyContact');
  if (person.phones.length === 0 && person.status === 'active') warnings.push('noPhone');
  return {
    person,
    statusEvents: listStatusEvents(db, id),
    health: getHealthProfile(db, id),
    assessments: listAssessments(db, id),
    healthEvents: listHealthEvents(db, id),
    family,
    warnings,
    contacts: personContacts(db, id),
    openRequests: activeRequestsWhere(db, 'r.person_id = @personId', { personId: id }),
    upcomingVisits: visitsForPerson(db, id, today, 'open').filter((v) => v.missedAfter >= addDays(today, -MISSED_SHOWN_DAYS)),
    recentVisits: listRecords(db, { personId: id, limit: RECENT_VISITS, offset: 0 }).rows,
  };
}

/** The audit entries about a person (their record and everything under it), newest first; out of scope is NOT_FOUND. */
export function personHistory(db: Db, id: string, limit: number, scope: PersonScope = ALL_PERSONS): AuditEntry[] {
  assertInScope(db, scope, id);
  return listAudit(db, { subjectId: id, limit, offset: 0 }).entries;
}
