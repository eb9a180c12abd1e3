import type { Db } from '../../db/connection';
import { selectPage, Where } from '../../db/paged';
import type { AuditEntry } from '../../../shared/schemas/audit';
import { createdValues, isCompactCreate } from './created';

export interface AuditQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  userId?: string | undefined;
  subjectId?: string | undefined;
  limit: number;
  offset: number;
}

interface AuditRow {
  id: number;
  at: string;
  user_id: string | null;
  username: string | null;
  entity: string;
  entity_id: string | null;
  action: AuditEntry['action'];
  changes: string | null;
  subject_id: string | null;
  subject_name: string | null;
}

/**
 * The name of the person an entry concerns: its subject's, else (for the visits planning schedules by
 * itself, kept out of the person's history and so written without a subject) the planned visit's
 * person, or the person whose plan it is.
 */
const SUBJECT_NAME = `COALESCE(
  (SELECT name FROM persons WHERE persons.id = audit_log.subject_id),
  CASE audit_log.entity
    WHEN 'planned_visit' THEN (SELECT p.name FROM planned_visits v JOIN persons p ON p.id = v.person_id WHERE v.id = audit_log.entity_id)
    WHEN 'visit_plan' THEN (SELECT name FROM persons WHERE persons.id = audit_log.entity_id) END)`;

/** Newest first. Filters are bound parameters; a missing filter matches everything. */
export function listAudit(db: Db, q: AuditQuery): { total: number; capped: boolean; entries: AuditEntry[] } {
  const where = new Where()
    .andIf('entity = @entity', { entity: q.entity })
    .andIf('entity_id = @entityId', { entityId: q.entityId })
    .andIf('user_id = @userId', { userId: q.userId })
    .andIf('subject_id = @subjectId', { subjectId: q.subjectId });
  // The person a change is about is named: an id means nothing to whoever reads the log.
  const { total, capped, rows } = selectPage<AuditRow>(
    db,
    { select: `SELECT audit_log.*, ${SUBJECT_NAME} AS subject_name FROM audit_log`, countFrom: 'FROM audit_log', orderBy: 'id DESC' },
    where,
    q,
  );
  return {
    total,
    capped,
    entries: rows.map((r) => {
      const changes = r.changes === null ? null : (JSON.parse(r.changes) as Record<string, unknown>);
      return {
      id: r.id,
      at: r.at,
      userId: r.user_id,
      username: r.username,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      // A new record's entry names the columns written; what was entered is read back from the record.
      changes: isCompactCreate(r.action, changes) ? createdValues(db, { id: r.id, entity: r.entity, entityId: r.entity_id }, changes) : changes,
      subjectId: r.subject_id,
      subjectName: r.subject_name,
    };
    }),
  };
}
