import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { insertSynced, updateSynced, tombstoneSynced, registerSyncedTable, type WriteContext } from '../../db/sync';
import type { FamilyContact } from '../../../shared/schemas/persons';
import { ownerOf, requirePerson } from './health';

registerSyncedTable('family_contacts');

export type FamilyContactFields = Omit<FamilyContact, 'id'>;

function columns(fields: FamilyContactFields) {
  return {
    name: fields.name,
    relation: fields.relation,
    phones: JSON.stringify(fields.phones),
    lives_nearby: fields.livesNearby ? 1 : 0,
    is_emergency: fields.isEmergency ? 1 : 0,
    note: fields.note,
  };
}

export function addFamilyContact(db: Db, ctx: WriteContext, personId: string, fields: FamilyContactFields): string {
  requirePerson(db, personId);
  return insertSynced(db, { ...ctx, subjectId: personId }, 'family_contacts', { person_id: personId, ...columns(fields) }, 'family_contact');
}

export function updateFamilyContact(db: Db, ctx: WriteContext, id: string, fields: FamilyContactFields): void {
  const personId = ownerOf(db, 'family_contacts', id);
  updateSynced(db, { ...ctx, subjectId: personId }, 'family_contacts', id, columns(fields), 'family_contact');
}

export function deleteFamilyContact(db: Db, ctx: WriteContext, id: string): void {
  const personId = ownerOf(db, 'family_contacts', id);
  tombstoneSynced(db, { ...ctx, subjectId: personId }, 'family_contacts', id, 'family_contact');
}

export function listFamilyContacts(db: Db, personId: string): FamilyContact[] {
  const rows = cachedStatement(
    db,
      'SELECT id, name, relation, phones, lives_nearby, is_emergency, note FROM family_contacts WHERE person_id = ? AND deleted_at IS NULL ORDER BY is_emergency DESC, id',
    )
    .all(personId) as { id: string; name: string; relation: string; phones: string; lives_nearby: number; is_emergency: number; note: string }[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    relation: r.relation,
    phones: JSON.parse(r.phones) as string[],
    livesNearby: r.lives_nearby === 1,
    isEmergency: r.is_emergency === 1,
    note: r.note,
  }));
}
