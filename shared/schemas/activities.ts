/**
 * 学习和活动: events close to home (政治学习, 文体活动, 健康讲座, ...), who signed up and who came.
 */
import { z } from 'zod';
import { dateSchema, officeIdSchema, optionalText, pagingShape, uuidSchema } from './common';

/** 政治学习 / 文体活动 / 健康讲座 / 兴趣小组 / 参观 / 其他 */
export const ACTIVITY_KINDS = ['political_study', 'culture_sports', 'health_talk', 'interest_group', 'visit', 'other'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** 社区活动中心 / 日间照料中心 / 老年大学分校 / 其他 */
export const PLACE_KINDS = ['community_centre', 'day_care', 'senior_university', 'other'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** A clock time HH:MM (24 hours); "8:30" is read as 08:30. */
export const timeSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const m = /^(\d{1,2})[:：](\d{2})$/.exec(value);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
      ctx.addIssue({ code: 'custom', message: 'activities.timeFormat' });
      return z.NEVER;
    }
    return `${m[1]?.padStart(2, '0')}:${m[2]}`;
  });

const activityShape = {
  kind: z.enum(ACTIVITY_KINDS),
  title: z.string().trim().min(1, { message: 'activities.titleRequired' }).max(100, { message: 'activities.titleLong' }),
  date: dateSchema,
  startTime: timeSchema.nullable().default(null),
  endTime: timeSchema.nullable().default(null),
  placeKind: z.enum(PLACE_KINDS).default('other'),
  place: optionalText(200),
  organiser: optionalText(100),
  /** null: no limit on sign-ups. */
  capacity: z.number().int().min(1, { message: 'activities.capacityPositive' }).max(10000).nullable().default(null),
  description: optionalText(2000),
};

/** An end time needs a start time and comes after it. */
export function checkActivityTimes(v: { startTime: string | null; endTime: string | null }, ctx: z.RefinementCtx): void {
  if (v.endTime !== null && v.startTime === null) ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'activities.startTimeRequired' });
  if (v.endTime !== null && v.startTime !== null && v.endTime <= v.startTime) {
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'activities.endBeforeStart' });
  }
}

/**
 * Zod skips an object's refinements while any field fails; this one runs whenever both times could
 * be read, so a form shows a missing name and an end before the start in one go.
 */
export const timesParsed = {
  when: (payload: z.core.ParsePayload): boolean => !payload.issues.some((i) => i.path?.[0] === 'startTime' || i.path?.[0] === 'endTime'),
};

export const activityFieldsSchema = z.object(activityShape).strict().superRefine(checkActivityTimes, timesParsed);
export type ActivityFieldsInput = z.input<typeof activityFieldsSchema>;
export type ActivityFields = z.output<typeof activityFieldsSchema>;

export const activityUpdateSchema = z
  .object({ id: uuidSchema, ...activityShape })
  .strict()
  .superRefine(checkActivityTimes, timesParsed);

export const activitySchema = z.object({
  id: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  title: z.string(),
  date: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  placeKind: z.enum(PLACE_KINDS),
  place: z.string(),
  organiser: z.string(),
  capacity: z.number().nullable(),
  description: z.string(),
  /** Sign-ups (walk-ins not counted). */
  signedUpCount: z.number(),
  /** Everyone who came, walk-ins included. */
  attendedCount: z.number(),
  walkInCount: z.number(),
  /** Whether attendance has been recorded for anyone. */
  attendanceRecorded: z.boolean(),
  /** Share of the signed-up persons who came, 0..1; null before attendance is recorded or without sign-ups. */
  attendanceRate: z.number().nullable(),
  /** The office that held it (at the county bureau: which community). */
  originOffice: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Activity = z.infer<typeof activitySchema>;

export const participantSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  gender: z.string(),
  phone: z.string(),
  address: z.string(),
  /** false: a walk-in (came without signing up). */
  signedUp: z.boolean(),
  /** null until attendance is recorded. */
  attended: z.boolean().nullable(),
  createdAt: z.string(),
});
export type Participant = z.infer<typeof participantSchema>;

export const activityDetailSchema = z.object({
  activity: activitySchema,
  participants: z.array(participantSchema),
});
export type ActivityDetail = z.infer<typeof activityDetailSchema>;

/** The filters of the list (the export takes the same, without paging). */
export const activityFilterShape = {
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  kind: z.enum(ACTIVITY_KINDS).optional(),
  /** Part of the title, the place or the organiser. */
  search: z.string().trim().max(50).optional(),
  /** At the county bureau: the activities of one office. */
  office: officeIdSchema.optional(),
  /** 'desc': newest first (the plain list); 'asc': in calendar order. */
  order: z.enum(['asc', 'desc']).default('desc'),
};

export const activityRangeInOrder = (q: { from?: string | undefined; to?: string | undefined }): boolean => q.from === undefined || q.to === undefined || q.from <= q.to;

export const activityListQuerySchema = z
  .object({ ...activityFilterShape, ...pagingShape })
  .strict()
  .refine(activityRangeInOrder, { path: ['to'], message: 'activities.rangeReversed' });
export type ActivityListQuery = z.output<typeof activityListQuerySchema>;

export const activityListSchema = z.object({ total: z.number(), capped: z.boolean(), rows: z.array(activitySchema) });

export const calendarQuerySchema = z
  .object({
    year: z.number().int().min(1900).max(2200),
    month: z.number().int().min(1).max(12),
    kind: z.enum(ACTIVITY_KINDS).optional(),
  })
  .strict();

export const calendarSchema = z.object({
  /** First and last day of the month. */
  from: z.string(),
  to: z.string(),
  rows: z.array(activitySchema),
});
export type ActivityCalendar = z.infer<typeof calendarSchema>;

export const signUpSchema = z
  .object({
    activityId: uuidSchema,
    personIds: z.array(uuidSchema).min(1).max(200),
  })
  .strict();

export const attendanceSchema = z
  .object({
    activityId: uuidSchema,
    /** The signed-up persons' rows: came or not. */
    attendance: z.array(z.object({ participantId: uuidSchema, attended: z.boolean() }).strict()).max(2000).default([]),
    /** Persons who came without signing up. */
    walkIns: z.array(uuidSchema).max(500).default([]),
  })
  .strict();

export const personActivitySchema = z.object({
  participantId: z.string(),
  activityId: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  title: z.string(),
  date: z.string(),
  startTime: z.string().nullable(),
  placeKind: z.enum(PLACE_KINDS),
  place: z.string(),
  signedUp: z.boolean(),
  attended: z.boolean().nullable(),
});
export type PersonActivity = z.infer<typeof personActivitySchema>;

export const personActivitiesSchema = z.object({
  year: z.number(),
  /** This calendar year: activities signed up for, and attended (walk-ins included). */
  signedUpThisYear: z.number(),
  attendedThisYear: z.number(),
  rows: z.array(personActivitySchema),
});
export type PersonActivities = z.infer<typeof personActivitiesSchema>;
