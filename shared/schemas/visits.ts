import { z } from 'zod';
import { dateSchema, officeIdSchema, optionalText, pagingShape, uuidSchema } from './common';
import { GENDERS, PERSON_STATUSES } from './enums';
import { CONTACT_ROLES } from './assignments';
import { VISIT_REASONS } from '../schedule/reasons';

export { VISIT_REASONS };

/** 上门 / 电话 / 医院探视 / 视频 */
export const VISIT_METHODS = ['home', 'phone', 'hospital', 'video'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];

/** A recorded visit's reason: one of the planned reasons, or ad hoc (临时走访). */
export const RECORD_REASONS = [...VISIT_REASONS, 'ad_hoc'] as const;
export type RecordReason = (typeof RECORD_REASONS)[number];

export const VISIT_STATUSES = ['upcoming', 'due', 'overdue', 'missed', 'done', 'cancelled'] as const;
export const OPEN_VISIT_STATUSES = ['overdue', 'due', 'upcoming', 'missed'] as const;
export type OpenVisitStatus = (typeof OPEN_VISIT_STATUSES)[number];

/**
 * Why a planned visit was cancelled: rules (the rules or the person's facts no longer want it),
 * deceased, moved_out, deleted (the person's record was deleted), manual (by staff, with a note).
 * Only a manual cancellation survives replanning; the others come back when the visit is wanted again.
 */
export const CANCEL_REASONS = ['rules', 'deceased', 'moved_out', 'deleted', 'manual'] as const;

/** Risk flags printed on lists and shown in worklists: 独居, 失能 (ADL ≤ 40), 空巢 80+, 高风险 (flagged by staff). */
export const RISK_FLAGS = ['alone', 'disabled', 'empty_nest_old', 'high_risk'] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];

export const plannedVisitSchema = z.object({
  id: z.string(),
  personId: z.string(),
  key: z.string(),
  reason: z.enum(VISIT_REASONS),
  dueDate: z.string(),
  windowStart: z.string(),
  missedAfter: z.string(),
  status: z.enum(VISIT_STATUSES),
  doneOn: z.string().nullable(),
  visitRecordId: z.string().nullable(),
  cancelledOn: z.string().nullable(),
  cancelReason: z.enum(CANCEL_REASONS).nullable(),
  cancelNote: z.string(),
});
export type PlannedVisitOut = z.infer<typeof plannedVisitSchema>;

/**
 * The needs (诉求) of a visit as written, one per line or separated by ；: each is one service request,
 * whether typed on the visit form or copied from a printed list.
 */
export function needLines(needs: string): string[] {
  return needs
    .split(/[\n；;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The account a record keeps when the person was not reached and nothing else was written. */
export const NOT_SEEN_SUMMARY = '未见到本人';

/** What a visit record says: 走访记录. */
export const visitRecordFieldsSchema = z
  .object({
    visitDate: dateSchema,
    /** Who went (names, free text). */
    visitors: optionalText(100),
    method: z.enum(VISIT_METHODS),
    /** Left out: the reason of the planned visit it resolves, or ad hoc. */
    reason: z.enum(RECORD_REASONS).optional(),
    /** A short account (情况简述), what quick entry from a printed list fills in. */
    summary: optionalText(500),
    /**
     * 未见到本人: someone went (or phoned) and did not reach the person. Then the account may be left
     * empty, and the planned visits stay open: the person still has to be seen.
     */
    notSeen: z.boolean().default(false),
    findingsHealth: optionalText(1000),
    findingsLiving: optionalText(1000),
    findingsMood: optionalText(1000),
    /** Needs raised (诉求); each can become a service request in the same call. */
    needs: optionalText(1000),
    followUp: optionalText(1000),
    /** 慰问金 in fen (the form takes 元), summed per campaign in the 走访慰问汇总表. */
    giftFen: z.number().int().min(0).max(100_000_000).default(0),
    /** 慰问品, as typed (米面油一份). */
    giftItems: optionalText(200),
  })
  .strict()
  // A record says what was found: a date and a name alone are not a visit.
  .refine((v) => v.notSeen || v.summary !== '', { path: ['summary'], message: 'visit.summaryRequired' });
export type VisitRecordFields = z.output<typeof visitRecordFieldsSchema>;

export const visitRecordSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  plannedVisitId: z.string().nullable(),
  /** Every planned visit this record resolved. */
  resolvedVisits: z.array(z.object({ id: z.string(), reason: z.enum(VISIT_REASONS), dueDate: z.string() })),
  visitDate: z.string(),
  visitors: z.string(),
  method: z.enum(VISIT_METHODS),
  reason: z.enum(RECORD_REASONS),
  summary: z.string(),
  findingsHealth: z.string(),
  findingsLiving: z.string(),
  findingsMood: z.string(),
  needs: z.string(),
  followUp: z.string(),
  giftFen: z.number().int(),
  giftItems: z.string(),
  recordedBy: z.string(),
  recordedByName: z.string().nullable(),
  listId: z.string().nullable(),
  listNo: z.string().nullable(),
  createdAt: z.string(),
});
export type VisitRecord = z.infer<typeof visitRecordSchema>;

export const visitRecordQuerySchema = z
  .object({
    personId: uuidSchema.optional(),
    /** Recorded by this user. */
    recordedBy: uuidSchema.optional(),
    gridId: uuidSchema.optional(),
    method: z.enum(VISIT_METHODS).optional(),
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    ...pagingShape,
  })
  .strict();

export const worklistQuerySchema = z
  .object({
    /** Whose list: left out, the logged-in user's. Staff and admins may name any user. */
    userId: uuidSchema.optional(),
    /** user: persons the user is responsible for; all: the whole office; unassigned: persons with no primary contact. */
    scope: z.enum(['user', 'all', 'unassigned']).default('user'),
    /** Also the persons for whom the user is the backup contact. */
    includeBackup: z.boolean().default(false),
    gridId: uuidSchema.optional(),
    /** At the county bureau: the visits of one office's persons. */
    office: officeIdSchema.optional(),
    reason: z.enum(VISIT_REASONS).optional(),
    /** Due dates from / to (inclusive). */
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    statuses: z.array(z.enum(OPEN_VISIT_STATUSES)).min(1).max(4).default(['overdue', 'due', 'upcoming']),
    /** Without `to`, upcoming visits are those whose window opens within this many days. */
    upcomingDays: z.number().int().min(0).max(400).default(30),
    limit: z.number().int().min(1).max(2000).default(500),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type WorklistQuery = z.output<typeof worklistQuerySchema>;

export const worklistRowSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  gender: z.enum(GENDERS),
  age: z.number().int(),
  address: z.string(),
  phones: z.array(z.string()),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  /** The office that registered the person (at the county bureau: which community). */
  originOffice: z.string(),
  personStatus: z.enum(PERSON_STATUSES),
  key: z.string(),
  reason: z.enum(VISIT_REASONS),
  dueDate: z.string(),
  windowStart: z.string(),
  missedAfter: z.string(),
  status: z.enum(OPEN_VISIT_STATUSES),
  flags: z.array(z.enum(RISK_FLAGS)),
  lastVisitDate: z.string().nullable(),
  /** The user's role for this person (scope user), else null. */
  contactRole: z.enum(CONTACT_ROLES).nullable(),
});
export type WorklistRow = z.infer<typeof worklistRowSchema>;

export const worklistCountsSchema = z.object({
  overdue: z.number().int(),
  due: z.number().int(),
  upcoming: z.number().int(),
  missed: z.number().int(),
  /** Done in the date range (without one: since the first of this month). */
  done: z.number().int(),
});
