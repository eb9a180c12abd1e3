import type { Db } from '../../db/connection';
import type { AuditEntry } from '../../../shared/schemas/audit';

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
}

/** Newest first. Filters are bound parameters; a missing filter matches everything. */
export function listAudit(db: Db, q: AuditQuery): { total: number; entries: AuditEntry[] } {
  const where = `WHERE (@entity IS NULL OR entity = @entity) AND (@entityId IS NULL OR entity_id = @entityId)
    AND (@userId IS NULL OR user_id = @userId) AND (@subjectId IS NULL OR subject_id = @subjectId)`;
  const params = { entity: q.entity ?? null, entityId: q.entityId ?? null, userId: q.userId ?? null, subjectId: q.subjectId ?? null };
  const total = (db.prepare(`SELECT count(*) AS n FROM audit_log ${where}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.limit, offset: q.offset }) as AuditRow[];
  return {
    total,
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      username: r.username,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      changes: r.changes === null ? null : (JSON.parse(r.changes) as Record<string, unknown>),
      subjectId: r.subject_id,
    })),
  };
}
