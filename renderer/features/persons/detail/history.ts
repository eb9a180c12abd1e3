/**
 * A person's history in words: which part of the record changed and how, each field by its name
 * and each value as people read it (codes translated, lists joined, the photo not spelled out).
 */
import type { AuditEntry } from '../../../../shared/schemas/audit';
import i18n from '../../../i18n';
import { dateOrMonthText, valueLabel, type CodedField } from '../../../components/labels';
import { label, type LabelSet } from '../../../components/labels';
import { REQUEST_STATUSES } from '../../../../shared/schemas/requests';

/** Columns that are bookkeeping, not something a person entered. */
const HIDDEN = new Set([
  'name_pinyin',
  'name_initials',
  'person_id',
  'items',
  'grid_id',
  // Ids of users and records: the names are shown elsewhere (user_name) or mean nothing to a reader.
  'user_id',
  'assigned_by',
  'assigned_to',
  'raised_by',
  'recorded_by',
  'visit_record_id',
  'planned_visit_id',
  'list_id',
  'key',
  'activity_id',
  'pair_id',
  'helper_person_id',
  // A list's conditions and results are shown on the list itself.
  'params_json',
  'results_json',
]);

const CODED: Record<string, CodedField> = {
  gender: 'gender',
  retirement_type: 'retirementType',
  unit_level: 'unitLevel',
  unit_kind: 'unitKind',
  political_status: 'politicalStatus',
  living_situation: 'livingSituation',
  status: 'status',
};

const LISTS = new Set(['phones', 'chronic_conditions']);
const FLAGS = new Set(['lives_nearby', 'is_emergency', 'high_risk', 'signed_up', 'attended']);

/** Codes of assistance pairs, single or a JSON list, with the i18n prefix that names them. */
const PAIR_CODED: Record<string, string> = { helper_kind: 'pairs.helperKinds', frequency: 'pairs.frequencies', help_kinds: 'pairs.helpKinds' };

/** Codes of visits, contacts and requests, with the label set that names them. */
const CARE_CODED: Record<string, LabelSet> = {
  method: 'visitMethod',
  reason: 'visitReason',
  category: 'requestCategory',
  cancel_reason: 'cancelReason',
  role: 'contactRole',
};
const REQUEST_STATUS_CODES: readonly string[] = REQUEST_STATUSES;

function translated(key: string, fallback: string): string {
  return i18n.exists(key) ? i18n.t(key) : fallback;
}

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      return value === '' ? [] : [value];
    }
  }
  return [];
}

function isEmpty(field: string, value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  return LISTS.has(field) && listOf(value).length === 0;
}

/** Codes whose words depend on the record: an activity's 类型, a party organisation's kind. */
const ENTITY_CODED: Record<string, Record<string, string>> = {
  activity: { kind: 'activities.kinds' },
  party_branch: { kind: 'party.values.kind' },
  party_meeting: { kind: 'party.values.meetingKind' },
  party_membership: { relation_held: 'party.values.relation', management_mode: 'party.values.mode', end_reason: 'party.values.endReason' },
  party_committee: { post: 'party.values.post' },
};

export function describeValue(field: string, value: unknown, entity = ''): string {
  if (isEmpty(field, value)) return i18n.t('common.empty');
  // Money is kept in fen: 1250 is 金额 12.50 元.
  if (field.endsWith('_fen') && typeof value === 'number') return i18n.t('persons.history.yuan', { amount: (value / 100).toFixed(2) });
  if ((field === 'retirement_date' || field === 'party_joined_on') && typeof value === 'string') return dateOrMonthText(value);
  const entityCoded = ENTITY_CODED[entity]?.[field];
  if (entityCoded && typeof value === 'string') return translated(`${entityCoded}.${value}`, value);
  if (FLAGS.has(field)) return i18n.t(value === 1 || value === true ? 'common.yes' : 'common.no');
  if (LISTS.has(field)) return listOf(value).join('、');
  const pair = PAIR_CODED[field];
  if (pair) return listOf(value).map((code) => translated(`${pair}.${code}`, code)).join('、');
  const care = CARE_CODED[field];
  // A pair contact's method (上门, 电话…) shares the column name with a visit's.
  if (field === 'method' && typeof value === 'string' && !i18n.exists(`labels.visitMethod.${value}`)) return translated(`pairs.methods.${value}`, value);
  if (care && typeof value === 'string') return label(care, value);
  if (field === 'status' && typeof value === 'string' && REQUEST_STATUS_CODES.includes(value)) return label('requestStatus', value);
  const coded = CODED[field];
  if (coded && typeof value === 'string') return valueLabel(coded, value);
  if (field === 'kind' && typeof value === 'string') return translated(`persons.health.eventKinds.${value}`, value);
  if (typeof value === 'boolean') return i18n.t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** A column's name for people; some columns mean something else in some records (a grid's 范围说明). */
export function fieldName(field: string, entity = ''): string {
  const own = `persons.history.entityFields.${entity}.${field}`;
  if (entity !== '' && i18n.exists(own)) return i18n.t(own);
  return translated(`persons.history.fields.${field}`, field);
}

/** "新建人员档案", "修改健康档案", … */
export function describeEntry(entry: AuditEntry): string {
  return i18n.t('persons.history.entry', {
    action: translated(`audit.actions.${entry.action}`, entry.action),
    entity: translated(`audit.entities.${entry.entity}`, entry.entity),
  });
}

/** One line per changed field: "住址：幸福里1号 → 幸福里2号"; for a new record, what was entered. */
export function describeChanges(entry: AuditEntry): string[] {
  const changes = entry.changes;
  if (!changes) return [];
  const lines: string[] = [];
  for (const [field, value] of Object.entries(changes)) {
    // Ids of people and records mean nothing to a reader: the person is named beside the entry.
    if (HIDDEN.has(field) || field.endsWith('_id')) continue;
    // A pair contact's method is 联系方式, not the visit's 走访方式 of the same column name.
    const name = entry.entity === 'assistance_contact' && field === 'method' ? i18n.t('pairs.contact.method') : fieldName(field, entry.entity);
    const pair = entry.action === 'update' && Array.isArray(value) && value.length === 2 ? (value as [unknown, unknown]) : null;
    if (field === 'photo') {
      if (pair) {
        const key = pair[1] === null ? 'photoRemoved' : pair[0] === null ? 'photoAdded' : 'photoChanged';
        lines.push(i18n.t('audit.value', { field: name, value: i18n.t(`persons.history.${key}`) }));
      } else if (value) {
        lines.push(i18n.t('audit.value', { field: name, value: i18n.t('persons.history.photoAdded') }));
      }
      continue;
    }
    if (pair) {
      lines.push(i18n.t('audit.change', { field: name, before: describeValue(field, pair[0], entry.entity), after: describeValue(field, pair[1], entry.entity) }));
    } else if (!isEmpty(field, value)) {
      lines.push(i18n.t('audit.value', { field: name, value: describeValue(field, value, entry.entity) }));
    }
  }
  return lines;
}
