/**
 * 志愿服务 (发挥作用): service teams, volunteers (from the registry or from outside it), their
 * membership of teams over time, and service records with hours. Hours are typed as hours (2, 1.5)
 * and stored as whole minutes so that every total is exact.
 */
import { z } from 'zod';
import { dateSchema, officeIdSchema, optionalText, pagingShape, uuidSchema } from './common';

/** 治安巡逻 / 交通疏导 / 卫生监督 / 矛盾调解 / 政策宣讲 / 关心下一代 / 其他 */
export const TEAM_KINDS = ['patrol', 'traffic', 'sanitation', 'mediation', 'policy', 'next_generation', 'other'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

/** 离退休干部 (a person of the registry) / 居民 / 单位 / 其他 */
export const VOLUNTEER_KINDS = ['retiree', 'resident', 'unit', 'other'] as const;
export type VolunteerKind = (typeof VOLUNTEER_KINDS)[number];
/** Volunteers from outside the registry. */
export const OUTSIDE_KINDS = ['resident', 'unit', 'other'] as const;

/** One record may not claim more than a day. */
export const MAX_MINUTES_PER_SERVICE = 24 * 60;

const yearSchema = z.number().int().min(2000).max(2100);

/** The shortest record: 0.1 h (6 minutes). Anything shorter would show as "0.0 小时" in every total. */
export const MIN_HOURS_PER_SERVICE = 0.1;

/** Hours as typed (2, 1.5, 0.25) → whole minutes, rounded to the nearest minute. */
export const hoursSchema = z
  .number({ message: 'volunteers.hoursRequired' })
  .refine((h) => Number.isFinite(h) && h > 0, { message: 'volunteers.hoursPositive' })
  // Only for a positive time, so that 0 or -1 gets one message, not two.
  .refine((h) => !(h > 0) || h >= MIN_HOURS_PER_SERVICE, { message: 'volunteers.hoursMin' })
  .refine((h) => h <= 24, { message: 'volunteers.hoursMax' })
  .transform((h) => Math.round(h * 60));

// ---------- teams ----------

export const teamFieldsSchema = z
  .object({
    name: z.string().trim().min(1, { message: 'volunteers.teamNameRequired' }).max(60),
    kind: z.enum(TEAM_KINDS).default('other'),
    leader: optionalText(60),
    foundedOn: dateSchema.nullable().default(null),
    description: optionalText(1000),
  })
  .strict();
export type TeamFieldsInput = z.input<typeof teamFieldsSchema>;

export const teamUpdateSchema = teamFieldsSchema.extend({ id: uuidSchema }).strict();

export const teamRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(TEAM_KINDS),
  leader: z.string(),
  foundedOn: z.string().nullable(),
  description: z.string(),
  /** Members today (not left). */
  memberCount: z.number().int(),
  /** Of the year asked for (default: this year). */
  minutesYear: z.number().int(),
  servicesYear: z.number().int(),
  minutesTotal: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TeamRow = z.infer<typeof teamRowSchema>;

export const membershipSchema = z.object({
  id: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  teamDeleted: z.boolean(),
  volunteerId: z.string(),
  volunteerName: z.string(),
  volunteerKind: z.enum(VOLUNTEER_KINDS),
  personId: z.string().nullable(),
  fromDate: z.string(),
  /** Null: still a member. */
  toDate: z.string().nullable(),
  /** This volunteer's minutes for this team in the year asked for. */
  minutesYear: z.number().int(),
});
export type Membership = z.infer<typeof membershipSchema>;

export const teamDetailSchema = teamRowSchema.extend({
  /** Current members first, then those who left (most recent first). */
  members: z.array(membershipSchema),
});
export type TeamDetail = z.infer<typeof teamDetailSchema>;

export const teamListQuerySchema = z.object({ year: yearSchema.optional() }).strict();
export const teamGetSchema = z.object({ id: uuidSchema, year: yearSchema.optional() }).strict();

// ---------- volunteers ----------

export const volunteerFieldsSchema = z
  .object({
    kind: z.enum(VOLUNTEER_KINDS),
    /** For 'retiree': the person of the registry; their name is copied. */
    personId: uuidSchema.nullable().default(null),
    /** For volunteers from outside the registry. */
    name: optionalText(40),
    phone: optionalText(40),
    organisation: optionalText(100),
    notes: optionalText(500),
  })
  .strict();

function checkVolunteer(v: { kind: VolunteerKind; personId: string | null; name: string }, ctx: z.RefinementCtx): void {
  if (v.kind === 'retiree' && v.personId === null) ctx.addIssue({ code: 'custom', path: ['personId'], message: 'volunteers.personRequired' });
  if (v.kind !== 'retiree' && v.personId !== null) ctx.addIssue({ code: 'custom', path: ['personId'], message: 'volunteers.personOnlyForRetiree' });
  if (v.kind !== 'retiree' && v.name === '') ctx.addIssue({ code: 'custom', path: ['name'], message: 'volunteers.nameRequired' });
}

export const newVolunteerSchema = volunteerFieldsSchema
  .extend({
    /** Joins this team at once (optional). */
    teamId: uuidSchema.nullable().default(null),
    /** Left out: today. */
    joinedOn: dateSchema.optional(),
  })
  .strict()
  .superRefine(checkVolunteer);
export type NewVolunteerInput = z.input<typeof newVolunteerSchema>;

/** The kind and person of a volunteer stay as created; a registry volunteer's name follows the registry. */
export const volunteerUpdateSchema = z
  .object({
    id: uuidSchema,
    name: optionalText(40),
    phone: optionalText(40),
    organisation: optionalText(100),
    notes: optionalText(500),
  })
  .strict();

export const volunteerRowSchema = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  name: z.string(),
  kind: z.enum(VOLUNTEER_KINDS),
  phone: z.string(),
  organisation: z.string(),
  notes: z.string(),
  /** Names of the teams they are in today. */
  teams: z.array(z.string()),
  minutesYear: z.number().int(),
  minutesTotal: z.number().int(),
  /** The office that registered the volunteer (at the county bureau: which community). */
  originOffice: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VolunteerRow = z.infer<typeof volunteerRowSchema>;

export const volunteerDetailSchema = volunteerRowSchema.extend({
  servicesYear: z.number().int(),
  servicesTotal: z.number().int(),
  /** Every team they were ever in: current first. */
  memberships: z.array(membershipSchema),
});
export type VolunteerDetail = z.infer<typeof volunteerDetailSchema>;

export const volunteerListQuerySchema = z
  .object({
    /** Name, full pinyin or initials. */
    q: z.string().trim().max(40).optional(),
    /** Current members of this team. */
    teamId: uuidSchema.optional(),
    kind: z.enum(VOLUNTEER_KINDS).optional(),
    year: yearSchema.optional(),
    /** At the county bureau: the volunteers of one office. */
    office: officeIdSchema.optional(),
    ...pagingShape,
  })
  .strict();
export type VolunteerListQuery = z.output<typeof volunteerListQuerySchema>;

export const volunteerGetSchema = z.object({ id: uuidSchema, year: yearSchema.optional() }).strict();

// ---------- memberships ----------

export const joinTeamSchema = z
  .object({
    teamId: uuidSchema,
    volunteerIds: z.array(uuidSchema).min(1, { message: 'volunteers.chooseVolunteers' }).max(200),
    /** Left out: today. */
    fromDate: dateSchema.optional(),
  })
  .strict();

export const leaveTeamSchema = z
  .object({
    membershipId: uuidSchema,
    /** Left out: today. */
    toDate: dateSchema.optional(),
  })
  .strict();

// ---------- services ----------

const descriptionSchema = z.string().trim().min(1, { message: 'volunteers.descriptionRequired' }).max(500);

export const newServiceSchema = z
  .object({
    volunteerId: uuidSchema,
    /** Null: not for a team. Otherwise a team the volunteer is or was in. */
    teamId: uuidSchema.nullable().default(null),
    date: dateSchema,
    hours: hoursSchema,
    description: descriptionSchema,
  })
  .strict();
export type NewServiceInput = z.input<typeof newServiceSchema>;

export const serviceUpdateSchema = z
  .object({
    id: uuidSchema,
    teamId: uuidSchema.nullable().default(null),
    date: dateSchema,
    hours: hoursSchema,
    description: descriptionSchema,
  })
  .strict();

/** 批量登记: one date and description for several members of a team, each with their hours. */
export const batchServiceSchema = z
  .object({
    teamId: uuidSchema,
    date: dateSchema,
    description: descriptionSchema,
    entries: z
      .array(z.object({ volunteerId: uuidSchema, hours: hoursSchema }).strict())
      .min(1, { message: 'volunteers.chooseVolunteers' })
      .max(200),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.entries.forEach((e, i) => {
      if (seen.has(e.volunteerId)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'volunteerId'], message: 'volunteers.duplicateVolunteer' });
      seen.add(e.volunteerId);
    });
  });
export type BatchServiceInput = z.input<typeof batchServiceSchema>;

export const serviceRowSchema = z.object({
  id: z.string(),
  volunteerId: z.string(),
  volunteerName: z.string(),
  volunteerKind: z.enum(VOLUNTEER_KINDS),
  personId: z.string().nullable(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  /** The team was deleted since; the record is kept. */
  teamDeleted: z.boolean(),
  /** The office that logged it (the bureau's 报送单位). */
  originOffice: z.string(),
  date: z.string(),
  minutes: z.number().int(),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ServiceRow = z.infer<typeof serviceRowSchema>;

export const serviceListQuerySchema = z
  .object({
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    teamId: uuidSchema.optional(),
    volunteerId: uuidSchema.optional(),
    /** At the county bureau: the records of one office. */
    office: officeIdSchema.optional(),
    ...pagingShape,
  })
  .strict()
  .superRefine((v, ctx) => {
    // Dates are YYYY-MM-DD, so text order is date order.
    if (v.from !== undefined && v.to !== undefined && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'volunteers.toBeforeFrom' });
  });
export type ServiceListQuery = z.output<typeof serviceListQuerySchema>;

export const serviceListSchema = z.object({
  total: z.number().int(),
  /** Of every record the filters select, not only this page. */
  totalMinutes: z.number().int(),
  rows: z.array(serviceRowSchema),
});

// ---------- the person page ----------

export const personVolunteeringSchema = z.object({
  volunteer: volunteerDetailSchema.nullable(),
  recent: z.array(serviceRowSchema),
});

// ---------- totals ----------

export const statsQuerySchema = z.object({ year: yearSchema.optional() }).strict();

export const statsSchema = z.object({
  year: z.number().int(),
  /** Years with records, and this year, newest first: for the year picker. */
  years: z.array(z.number().int()),
  totalMinutes: z.number().int(),
  services: z.number().int(),
  /** Volunteers who served at least once in the year. */
  volunteers: z.number().int(),
  /** Always 12, January first. */
  months: z.array(z.object({ month: z.number().int(), minutes: z.number().int(), services: z.number().int() })),
  /** Teams by hours, then teams deleted since (teamDeleted), then records without a team (teamId null). */
  teams: z.array(
    z.object({
      teamId: z.string().nullable(),
      teamName: z.string().nullable(),
      kind: z.enum(TEAM_KINDS).nullable(),
      /** The team was deleted since; its records (and hours) are kept under its name. */
      teamDeleted: z.boolean(),
      minutes: z.number().int(),
      services: z.number().int(),
      volunteers: z.number().int(),
    }),
  ),
  /** 光荣榜: everyone ranked 1 to 10 (ties share a rank, so there may be more than ten). */
  top: z.array(
    z.object({
      rank: z.number().int(),
      volunteerId: z.string(),
      personId: z.string().nullable(),
      name: z.string(),
      kind: z.enum(VOLUNTEER_KINDS),
      minutes: z.number().int(),
      services: z.number().int(),
    }),
  ),
});
export type VolunteerStats = z.infer<typeof statsSchema>;

/** 90 → "1.5": minutes shown as hours with one decimal. */
export function hoursText(minutes: number): string {
  return (Math.round(minutes / 6) / 10).toFixed(1);
}
