/**
 * 来电来访登记: the 24-hour hotline's calls and the visits to the office, as the person on duty logs
 * them. A call may turn into a service request; a call reporting a hospital stay or a death records
 * it on the person (as the person's page does).
 */
import { z } from 'zod';
import { dateSchema, officeIdSchema, optionalText, pagingShape, uuidSchema } from './common';
import { REQUEST_CATEGORIES } from './requests';

/** 来电 / 来访 / 微信 */
export const CALL_CHANNELS = ['phone', 'walk_in', 'wechat'] as const;
export type CallChannel = (typeof CALL_CHANNELS)[number];

/** 本人 (a person in the registry) / 家属 (one of their family contacts) / 其他 (typed). */
export const CALLER_KINDS = ['person', 'family', 'other'] as const;
export type CallerKind = (typeof CALLER_KINDS)[number];

/** The service-request categories, then 咨询 / 投诉 / 报告住院 / 报告去世. */
export const CALL_CATEGORIES = [...REQUEST_CATEGORIES, 'enquiry', 'complaint', 'hospitalised', 'deceased'] as const;
export type CallCategory = (typeof CALL_CATEGORIES)[number];

/** 一般 / 紧急 / 特急 */
export const CALL_URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export type CallUrgency = (typeof CALL_URGENCIES)[number];

export const callTimeSchema = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'calls.time' });

const callShape = {
  date: dateSchema,
  time: callTimeSchema,
  channel: z.enum(CALL_CHANNELS),
  urgency: z.enum(CALL_URGENCIES).default('normal'),
  content: z.string().trim().min(1, { message: 'calls.contentRequired' }).max(2000),
  outcome: optionalText(1000),
};

export const newCallSchema = z
  .object({
    ...callShape,
    callerKind: z.enum(CALLER_KINDS),
    /** The person the call is about (the caller, for 本人). */
    personId: uuidSchema.nullable().default(null),
    familyContactId: uuidSchema.nullable().default(null),
    /** Typed for 其他; copied from the registry for 本人 and 家属 when left empty. */
    callerName: optionalText(60),
    callerPhone: optionalText(30),
    category: z.enum(CALL_CATEGORIES),
    /** 报告住院 / 报告去世: the day of the admission or the death; left out: the day of the call. */
    eventDate: dateSchema.nullable().default(null),
    /** 报告住院: the hospital. */
    institution: optionalText(100),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.callerKind !== 'other' && v.personId === null) ctx.addIssue({ code: 'custom', path: ['personId'], message: 'calls.personRequired' });
    if (v.callerKind === 'family' && v.familyContactId === null) ctx.addIssue({ code: 'custom', path: ['familyContactId'], message: 'calls.familyRequired' });
    if (v.callerKind === 'other' && v.callerName === '') ctx.addIssue({ code: 'custom', path: ['callerName'], message: 'calls.callerNameRequired' });
    if ((v.category === 'hospitalised' || v.category === 'deceased') && v.personId === null) {
      ctx.addIssue({ code: 'custom', path: ['personId'], message: 'calls.personRequiredForEvent' });
    }
    if (v.eventDate && v.eventDate > v.date) ctx.addIssue({ code: 'custom', path: ['eventDate'], message: 'calls.eventAfterCall' });
  });
export type NewCall = z.output<typeof newCallSchema>;
export type NewCallInput = z.input<typeof newCallSchema>;

/** What can be corrected later: the words, the urgency and above all the outcome. */
export const callUpdateSchema = z
  .object({ id: uuidSchema, urgency: z.enum(CALL_URGENCIES), content: callShape.content, outcome: callShape.outcome })
  .strict();

/** One step from a call to a service request; the category must be a request's (the call's own when it is one). */
export const callToRequestSchema = z
  .object({
    id: uuidSchema,
    category: z.enum(REQUEST_CATEGORIES).optional(),
    /** Left out: what was said on the call. */
    description: z.string().trim().min(1).max(1000).optional(),
    assignedTo: uuidSchema.nullable().default(null),
  })
  .strict();

export const callSchema = z.object({
  id: z.string(),
  date: z.string(),
  time: z.string(),
  channel: z.enum(CALL_CHANNELS),
  callerKind: z.enum(CALLER_KINDS),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  /** The person's status now: a call about someone moved out or deceased says so. */
  personStatus: z.enum(['active', 'moved_out', 'deceased']).nullable(),
  personStatusDate: z.string().nullable(),
  familyContactId: z.string().nullable(),
  callerName: z.string(),
  callerPhone: z.string(),
  category: z.enum(CALL_CATEGORIES),
  urgency: z.enum(CALL_URGENCIES),
  content: z.string(),
  outcome: z.string(),
  takenBy: z.string(),
  takenByName: z.string().nullable(),
  requestId: z.string().nullable(),
  healthEventId: z.string().nullable(),
  statusEventId: z.string().nullable(),
  /** The office that logged it (at the county bureau: which community). */
  originOffice: z.string(),
  createdAt: z.string(),
});
export type Call = z.infer<typeof callSchema>;

export const callListQuerySchema = z
  .object({
    /** Words in the caller, the person, what was said or the outcome. */
    q: z.string().trim().max(60).optional(),
    /** One day (the duty handover), or a span. */
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    personId: uuidSchema.optional(),
    category: z.enum(CALL_CATEGORIES).optional(),
    /** At the county bureau: the calls one office logged. */
    office: officeIdSchema.optional(),
    ...pagingShape,
  })
  .strict();
export type CallListQuery = z.output<typeof callListQuerySchema>;

export const callListSchema = z.object({ total: z.number().int(), rows: z.array(callSchema) });

/** The answer to a new call: its id, and what it recorded on the person. */
export const callCreatedSchema = z.object({
  id: z.string(),
  healthEventId: z.string().nullable(),
  statusEventId: z.string().nullable(),
  /** The person's status when the call came: moved out or deceased already is said on screen. */
  personStatus: z.enum(['active', 'moved_out', 'deceased']).nullable(),
});
