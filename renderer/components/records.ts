/**
 * The names people read for the kinds of records: a packet's tables (units, party_branches …) and the
 * audit log's entities (unit, party_branch …) are the same records, named from one map
 * (`packets.tables`, in Chinese and English).
 */
import i18n from '../i18n';

/** The table each audited entity is a row of (the audit log names the row, a packet the table). */
const ENTITY_TABLES: Record<string, string> = {
  person: 'persons',
  person_status: 'person_status_events',
  health_profile: 'health_profiles',
  adl_assessment: 'adl_assessments',
  health_event: 'health_events',
  family_contact: 'family_contacts',
  contact_assignment: 'contact_assignments',
  grid: 'grids',
  grid_worker: 'grid_workers',
  grid_place: 'grid_places',
  planned_visit: 'planned_visits',
  visit_record: 'visit_records',
  service_request: 'service_requests',
  printed_list: 'printed_lists',
  activity: 'activities',
  activity_participant: 'activity_participants',
  assistance_pair: 'assistance_pairs',
  assistance_contact: 'assistance_contacts',
  hotline_call: 'hotline_calls',
  volunteer_team: 'volunteer_teams',
  volunteer: 'volunteers',
  volunteer_membership: 'volunteer_team_members',
  volunteer_service: 'volunteer_services',
  unit: 'units',
  office_profile: 'office_profile',
  party_branch: 'party_branches',
  party_committee: 'party_committee',
  party_membership: 'party_memberships',
  party_meeting: 'party_meetings',
  party_attendance: 'party_meeting_attendance',
  party_dues: 'party_dues',
  report_submission: 'report_submissions',
};

/** A table's name for people ('party_branches' → 党组织); the table itself when unknown. */
export function tableLabel(table: string): string {
  const key = `packets.tables.${table}`;
  return i18n.exists(key) ? i18n.t(key) : table;
}

/** An audited entity's name for people ('party_dues' → 党费); the entity itself when unknown. */
export function entityLabel(entity: string): string {
  const table = ENTITY_TABLES[entity];
  if (table !== undefined && i18n.exists(`packets.tables.${table}`)) return i18n.t(`packets.tables.${table}`);
  const key = `audit.entities.${entity}`;
  return i18n.exists(key) ? i18n.t(key) : entity;
}

/** Whether an entity is a synchronised record (its changes are columns), not a user or a setting. */
export function isRecordEntity(entity: string): boolean {
  return entity in ENTITY_TABLES;
}
