/** A person's party record for their page: membership and history, recent meetings, this year's dues. */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { AppError } from '../../../shared/errors';
import type { PersonParty } from '../../../shared/schemas/party';
import { duesOfPerson, monthsBehind } from './dues';
import { meetingsOfPerson } from './meetings';
import { continuousSince, membershipsOfPerson } from './memberships';

function yearBefore(day: string): string {
  return `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
}

export function personParty(db: Db, personId: string, today: string): PersonParty {
  const person = cachedStatement(
    db,
    `SELECT p.name, p.political_status, coalesce(u.name, '') AS unit_name, coalesce(u.party_contact, '') AS party_contact, coalesce(u.party_phone, '') AS party_phone
     FROM persons p LEFT JOIN units u ON u.id = p.unit_id AND u.deleted_at IS NULL WHERE p.id = ? AND p.deleted_at IS NULL`,
  ).get(personId) as { name: string; political_status: string; unit_name: string; party_contact: string; party_phone: string } | undefined;
  if (!person) throw new AppError('NOT_FOUND', `Person ${personId} not found.`, { entity: 'person', id: personId });
  const history = membershipsOfPerson(db, personId, today);
  const current = history.find((m) => m.toDate === null) ?? null;
  const month = today.slice(0, 7);
  return {
    personId,
    personName: person.name,
    isPartyMember: person.political_status === 'cpc',
    current,
    history,
    recentMeetings: meetingsOfPerson(db, personId, yearBefore(today)),
    duesThisYear: duesOfPerson(db, personId, `${today.slice(0, 4)}-01`, `${today.slice(0, 4)}-12`),
    monthsBehind: current ? monthsBehind(db, personId, continuousSince(db, { id: current.id, personId, fromDate: current.fromDate }), month) : [],
    unitName: person.unit_name,
    unitPartyContact: person.party_contact,
    unitPartyPhone: person.party_phone,
  };
}
