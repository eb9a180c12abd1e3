import { z } from 'zod';

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'restore', 'login', 'logout', 'login_failed', 'setup', 'backup', 'restore_backup', 'undo_import', 'save_backup_copy', 'recovery_sheet', 'recovery_login'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  entity: z.string(),
  entityId: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  /** Changed fields: for updates {field: [before, after]}, for creates the new values. */
  changes: z.record(z.string(), z.unknown()).nullable(),
  subjectId: z.string().nullable(),
  /** The name of the person the change is about (subjectId), null when it is about no person. */
  subjectName: z.string().nullable().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.object({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  userId: z.string().max(64).optional(),
  subjectId: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});
