import { z } from 'zod';
import { dateSchema, officeIdSchema, optionalText, pagingShape, uuidSchema } from './common';

/** 居家养老, 医疗保健, 文体活动, 困难帮扶, 精神慰藉, 其他 */
export const REQUEST_CATEGORIES = ['home_care', 'medical', 'recreation', 'hardship', 'emotional', 'other'] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];

export const REQUEST_STATUSES = ['open', 'in_progress', 'resolved', 'declined'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** Still to be dealt with: shown on the person and in worklists. */
export const ACTIVE_REQUEST_STATUSES = ['open', 'in_progress'] as const;

/** A need as raised (also from a visit record's form). */
export const requestFieldsSchema = z
  .object({
    category: z.enum(REQUEST_CATEGORIES),
    description: z.string().trim().min(1).max(1000),
    /** The user who takes care of it; null: not yet assigned. */
    assignedTo: uuidSchema.nullable().default(null),
  })
  .strict();

export const newRequestSchema = requestFieldsSchema
  .extend({
    personId: uuidSchema,
    /** Left out: today. */
    raisedOn: dateSchema.optional(),
  })
  .strict();

export const requestUpdateSchema = requestFieldsSchema.extend({ id: uuidSchema }).strict();

export const requestStatusChangeSchema = z
  .object({
    id: uuidSchema,
    status: z.enum(REQUEST_STATUSES),
    resolution: optionalText(1000),
    /** For resolved and declined; left out: today. */
    resolvedOn: dateSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.status === 'resolved' || v.status === 'declined') && v.resolution === '') {
      ctx.addIssue({ code: 'custom', path: ['resolution'], message: 'request.resolutionRequired' });
    }
  });

export const serviceRequestSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  category: z.enum(REQUEST_CATEGORIES),
  description: z.string(),
  raisedBy: z.string(),
  raisedByName: z.string().nullable(),
  raisedOn: z.string(),
  assignedTo: z.string().nullable(),
  assignedToName: z.string().nullable(),
  status: z.enum(REQUEST_STATUSES),
  resolution: z.string(),
  resolvedOn: z.string().nullable(),
  visitRecordId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The office that registered the person (at the county bureau: which community). */
  originOffice: z.string(),
});
export type ServiceRequest = z.infer<typeof serviceRequestSchema>;

export const requestListQuerySchema = z
  .object({
    personId: uuidSchema.optional(),
    category: z.enum(REQUEST_CATEGORIES).optional(),
    /** 'active': open and in progress. */
    status: z.enum([...REQUEST_STATUSES, 'active']).optional(),
    assignedTo: uuidSchema.optional(),
    gridId: uuidSchema.optional(),
    /** At the county bureau: the requests of one office's persons. */
    office: officeIdSchema.optional(),
    ...pagingShape,
  })
  .strict();
export type RequestListQuery = z.output<typeof requestListQuerySchema>;
