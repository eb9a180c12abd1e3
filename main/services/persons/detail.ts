import type { Db } from '../../db/connection';
import type { PersonDetail } from '../../../shared/schemas/person';
import { getPerson, listStatusEvents } from './persons';
import { getHealthProfile, listAssessments, listHealthEvents } from './health';
import { listFamilyContacts } from './family';

/** Everything the detail page shows, read in one transaction by dispatch. */
export function getPersonDetail(db: Db, id: string, today: string): PersonDetail {
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
  };
}
