/**
 * 简体中文 texts of the areas past the login, loaded once someone is logged in (or when a refusal
 * arrives first, so its message is translated): i18next merges this tree into zh-CN.ts's, so each
 * area's `errors` and `validation` join the app-wide namespaces and its `section` becomes its own.
 * Add an area's lines here, not in zh-CN.ts, unless the login, setup or lock screens need them.
 */
import { settingsZh } from './areas/settings.zh-CN';
import { auditZh } from './areas/audit.zh-CN';
import { backupZh } from './areas/backup.zh-CN';
import { unitsZh } from './areas/units.zh-CN';
import { partyZh } from './areas/party.zh-CN';
import { activitiesZh } from './areas/activities.zh-CN';
import { volunteersZh } from './areas/volunteers.zh-CN';
import { pairsZh } from './areas/pairs.zh-CN';
import { callsZh } from './areas/calls.zh-CN';
import { reportsZh } from './areas/reports.zh-CN';
import { packetsZh } from './areas/packets.zh-CN';
import { visitsZh } from './areas/visits.zh-CN';
import { requestsZh } from './areas/requests.zh-CN';
import { listsZh } from './areas/lists.zh-CN';
import { personsZh } from './areas/persons.zh-CN';
import { gridsZh } from './areas/grids.zh-CN';
import { assignmentsZh } from './areas/assignments.zh-CN';
import { capabilityZh } from './areas/capability.zh-CN';

export const areasZh = {
  errors: {
    ...backupZh.errors,
    ...unitsZh.errors,
    ...partyZh.errors,
    ...activitiesZh.errors,
    ...volunteersZh.errors,
    ...pairsZh.errors,
    ...callsZh.errors,
    ...requestsZh.errors,
    ...reportsZh.errors,
    ...packetsZh.errors,
    ...listsZh.errors,
    ...personsZh.errors,
    ...capabilityZh.errors,
  },
  validation: {
    ...backupZh.validation,
    ...unitsZh.validation,
    ...partyZh.validation,
    ...activitiesZh.validation,
    ...volunteersZh.validation,
    ...pairsZh.validation,
    ...callsZh.validation,
    ...reportsZh.validation,
    ...packetsZh.validation,
    ...visitsZh.validation,
    ...requestsZh.validation,
    ...listsZh.validation,
    ...personsZh.validation,
    ...gridsZh.validation,
    ...assignmentsZh.validation,
    ...capabilityZh.validation,
  },
  print: {
    ...listsZh.print,
  },
  warnings: personsZh.warnings,
  settings: settingsZh.section,
  backup: backupZh.section,
  audit: auditZh.section,
  grids: gridsZh.section,
  contacts: assignmentsZh.contacts,
  transfer: assignmentsZh.transfer,
  care: personsZh.care,
  units: unitsZh.section,
  party: partyZh.section,
  activities: activitiesZh.section,
  volunteers: volunteersZh.section,
  pairs: pairsZh.section,
  calls: callsZh.section,
  reports: reportsZh.section,
  packets: packetsZh.section,
  visits: visitsZh.section,
  record: visitsZh.record,
  rules: visitsZh.rules,
  labels: visitsZh.labels,
  requests: requestsZh.section,
  lists: listsZh.section,
  entry: listsZh.entry,
  persons: personsZh.section,
  capability: capabilityZh.section,
};

export default areasZh;
