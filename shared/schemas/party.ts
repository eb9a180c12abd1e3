/**
 * 党组织: branches and their committees, members with dated history, meetings with attendance, and
 * party dues. Money is in fen (integers); months are 'YYYY-MM'.
 */
import { z } from 'zod';
import { dateOrMonthSchema, dateSchema, officeIdSchema, optionalText, pagingShape, uuidSchema } from './common';
import { PERSON_STATUSES } from './enums';
import { digitText } from '../digits';

/** 社区离退休干部党支部 / 临时党支部 / 老党员活动站 / 活动小组 */
export const BRANCH_KINDS = ['branch', 'temporary', 'station', 'group'] as const;
export type BranchKind = (typeof BRANCH_KINDS)[number];
/** 书记 / 副书记 / 委员 */
export const COMMITTEE_POSTS = ['secretary', 'deputy', 'member'] as const;
export type CommitteePost = (typeof COMMITTEE_POSTS)[number];
/** 组织关系在原单位 / 已转入社区 */
export const RELATIONS_HELD = ['original_unit', 'community'] as const;
export type RelationHeld = (typeof RELATIONS_HELD)[number];
/** 一方隶属、多方管理 / 单建支部 / 单建与双重管理相结合 */
export const MANAGEMENT_MODES = ['multi', 'single', 'combined'] as const;
export type ManagementMode = (typeof MANAGEMENT_MODES)[number];
/** 去世 / 迁出 / 组织关系转出 / 其他 */
export const END_REASONS = ['deceased', 'moved_out', 'transferred_out', 'other'] as const;
export type EndReason = (typeof END_REASONS)[number];
/** 组织生活 / 主题党日 / 学习 / 其他 */
export const MEETING_KINDS = ['organisational', 'theme_day', 'study', 'other'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** 三会一课: the four meetings a branch holds on a rhythm, each stored as a form of a meeting kind. */
export const MEETING_FORMS = ['member_assembly', 'committee', 'group_meeting', 'party_lecture'] as const;
export type MeetingForm = (typeof MEETING_FORMS)[number];
const FORM_KIND: Record<MeetingForm, MeetingKind> = { member_assembly: 'organisational', committee: 'organisational', group_meeting: 'organisational', party_lecture: 'study' };
/** How often a form is due: 支部党员大会 and 党课 each quarter, 支部委员会 and 党小组会 each month. */
export const FORM_RHYTHM: Record<MeetingForm, 'quarter' | 'month'> = { member_assembly: 'quarter', committee: 'month', group_meeting: 'month', party_lecture: 'quarter' };

/** The one choice the meeting form offers: a 三会一课 form, or another kind. */
export const MEETING_TYPES = ['member_assembly', 'committee', 'group_meeting', 'party_lecture', 'theme_day', 'organisational', 'study', 'other'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export function meetingTypeOf(kind: MeetingKind, form: MeetingForm | null): MeetingType {
  return form ?? kind;
}

export function kindAndFormOf(type: MeetingType): { kind: MeetingKind; form: MeetingForm | null } {
  const form = (MEETING_FORMS as readonly string[]).includes(type) ? (type as MeetingForm) : null;
  return form ? { kind: FORM_KIND[form], form } : { kind: type as MeetingKind, form: null };
}

/** A form belongs to one kind (党课 is 学习, the other three 组织生活). */
export function formFitsKind(kind: MeetingKind, form: MeetingForm | null): boolean {
  return form === null || FORM_KIND[form] === kind;
}

export const monthSchema = digitText().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'party.monthFormat' });
/** Up to 100,000 yuan a month: far above any real due, low enough to catch a typing slip. */
/**
 * The most one member's dues for one month can be: 1,000 yuan. Real monthly dues are a few yuan to a
 * few hundred (a share of the pension), so a bigger amount is a typo (an extra zero, fen typed as yuan).
 */
export const DUES_MAX_FEN = 100_000;
export const amountFenSchema = z.number().int().min(0).max(DUES_MAX_FEN, { message: 'party.duesTooLarge' });

/** A monthly pension up to 100,000 yuan: above that it is a typing slip (fen typed as yuan). */
export const PENSION_MAX_FEN = 10_000_000;
/** The bracket of the dues rule for retired members: a base up to and including 5,000 yuan pays 0.5 %. */
export const DUES_LOWER_BRACKET_FEN = 500_000;

/**
 * Suggested monthly dues of a retired member from the monthly pension (离退休费) as the base: 0.5 % of a
 * base up to and including 5,000 yuan, 1 % of a base above it (the rate applies to the whole base, as
 * the Organisation Department's rule reads), rounded half up to the fen.
 */
export function suggestedDuesFen(pensionFen: number): number {
  const rate = pensionFen <= DUES_LOWER_BRACKET_FEN ? 5 : 10;
  return Math.floor((pensionFen * rate + 500) / 1000);
}

// ---------- branches and committee ----------

export const branchFieldsSchema = z
  .object({
    name: z.string().trim().min(1, { message: 'party.branchNameRequired' }).max(60),
    kind: z.enum(BRANCH_KINDS),
    foundedOn: dateSchema.nullable().default(null),
    meetingPlace: optionalText(100),
    notes: optionalText(1000),
  })
  .strict();
export type BranchFields = z.output<typeof branchFieldsSchema>;
export const branchUpdateSchema = branchFieldsSchema.extend({ id: uuidSchema }).strict();

export const committeePostSchema = z.object({
  id: z.string(),
  branchId: z.string(),
  post: z.enum(COMMITTEE_POSTS),
  personId: z.string().nullable(),
  /** The person's name, or the staff member's typed name (一肩挑). */
  name: z.string(),
  isStaff: z.boolean(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
});
export type CommitteePostRow = z.infer<typeof committeePostSchema>;

export const branchRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(BRANCH_KINDS),
  /** The office that made the branch (at the county bureau: which community's it is). */
  originOffice: z.string(),
  foundedOn: z.string().nullable(),
  meetingPlace: z.string(),
  notes: z.string(),
  /** Current members. */
  memberCount: z.number().int(),
  /** The current secretary's name, '' when none. */
  secretaryName: z.string(),
  lastMeetingOn: z.string().nullable(),
});
export type BranchRow = z.infer<typeof branchRowSchema>;

export const branchDetailSchema = branchRowSchema.extend({
  /** Current posts first, then the closed ones (history), newest first. */
  committee: z.array(committeePostSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BranchDetail = z.infer<typeof branchDetailSchema>;

export const branchListQuerySchema = z
  .object({
    search: optionalText(60),
    /** At the county bureau: the branches one office sent. */
    office: officeIdSchema.optional(),
  })
  .strict();
export type BranchListQuery = z.output<typeof branchListQuerySchema>;

export const appointSchema = z
  .object({
    branchId: uuidSchema,
    post: z.enum(COMMITTEE_POSTS),
    /** A retired member; null: community staff holding both posts (一肩挑), named in staffName. */
    personId: uuidSchema.nullable().default(null),
    staffName: optionalText(30),
    fromDate: dateSchema,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.personId === null && v.staffName === '') ctx.addIssue({ code: 'custom', path: ['staffName'], message: 'party.holderRequired' });
  });
export type AppointInput = z.output<typeof appointSchema>;

export const endPostSchema = z.object({ id: uuidSchema, toDate: dateSchema }).strict();

// ---------- memberships ----------

export const membershipFieldsSchema = z
  .object({
    /** 入党日期: 党龄 counts from here; null when not known yet. */
    partyJoinedOn: dateOrMonthSchema.nullable().default(null),
    relationHeld: z.enum(RELATIONS_HELD),
    managementMode: z.enum(MANAGEMENT_MODES),
    /** The original unit's party contact, for a relation held there (双重管理). */
    unitPartyContact: optionalText(30),
    unitPartyPhone: optionalText(30),
    notes: optionalText(1000),
  })
  .strict();
export type MembershipFields = z.output<typeof membershipFieldsSchema>;

export const addMemberSchema = membershipFieldsSchema
  .extend({
    personId: uuidSchema,
    branchId: uuidSchema,
    /** Joined the branch on. */
    fromDate: dateSchema,
  })
  .strict();
export type AddMemberInput = z.output<typeof addMemberSchema>;

export const updateMemberSchema = membershipFieldsSchema.extend({ id: uuidSchema, fromDate: dateSchema }).strict();
export type UpdateMemberInput = z.output<typeof updateMemberSchema>;

export const moveMemberSchema = z.object({ id: uuidSchema, toBranchId: uuidSchema, date: dateSchema }).strict();

export const endMemberSchema = z
  .object({ id: uuidSchema, toDate: dateSchema, reason: z.enum(END_REASONS), note: optionalText(200) })
  .strict();

export const membershipSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  personStatus: z.enum(PERSON_STATUSES),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  originalUnit: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  partyJoinedOn: z.string().nullable(),
  /** 党龄 in whole years as of today; null when the date of joining the party is not known. */
  partyStanding: z.number().int().nullable(),
  relationHeld: z.enum(RELATIONS_HELD),
  managementMode: z.enum(MANAGEMENT_MODES),
  unitPartyContact: z.string(),
  unitPartyPhone: z.string(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
  /** One of END_REASONS, 'moved_branch' when closed by a move, '' while current. */
  endReason: z.string(),
  endNote: z.string(),
  notes: z.string(),
  /** The office that registered the member (at the county bureau: which community). */
  originOffice: z.string(),
});
export type Membership = z.infer<typeof membershipSchema>;

export const MEMBER_SORTS = ['name', 'partyJoinedOn', 'fromDate', 'branch'] as const;

export const memberListQuerySchema = z
  .object({
    branchId: uuidSchema.optional(),
    managementMode: z.enum(MANAGEMENT_MODES).optional(),
    relationHeld: z.enum(RELATIONS_HELD).optional(),
    /** Name, full pinyin or initials. */
    search: optionalText(30),
    /** Also memberships that ended (history). */
    includeEnded: z.boolean().default(false),
    /** At the county bureau: the members one office sent. */
    office: officeIdSchema.optional(),
    sort: z.enum(MEMBER_SORTS).default('name'),
    desc: z.boolean().default(false),
    ...pagingShape,
  })
  .strict();
export type MemberListQuery = z.output<typeof memberListQuerySchema>;

// ---------- meetings ----------

export const attendanceInputSchema = z
  .object({
    personId: uuidSchema,
    present: z.boolean(),
    /** 养病 / 外出 / free text; required for an absence. */
    absenceReason: optionalText(100),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.present && v.absenceReason === '') ctx.addIssue({ code: 'custom', path: ['absenceReason'], message: 'party.absenceReasonRequired' });
  });

export const meetingFieldsSchema = z
  .object({
    branchId: uuidSchema,
    kind: z.enum(MEETING_KINDS),
    /** Which of 三会一课 it was; null for other meetings. */
    form: z.enum(MEETING_FORMS).nullable().default(null),
    date: dateSchema,
    topic: z.string().trim().min(1, { message: 'party.topicRequired' }).max(200),
    place: optionalText(100),
    notes: optionalText(2000),
    /** Every member of the branch on the date, present or absent. */
    attendance: z.array(attendanceInputSchema).max(500),
  })
  .strict();
export type MeetingFields = z.output<typeof meetingFieldsSchema>;
export const meetingUpdateSchema = meetingFieldsSchema.extend({ id: uuidSchema }).strict();

export const attendanceSchema = z.object({
  personId: z.string(),
  personName: z.string(),
  present: z.boolean(),
  absenceReason: z.string(),
});

export const meetingRowSchema = z.object({
  id: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  kind: z.enum(MEETING_KINDS),
  form: z.enum(MEETING_FORMS).nullable(),
  date: z.string(),
  topic: z.string(),
  place: z.string(),
  notes: z.string(),
  expected: z.number().int(),
  present: z.number().int(),
});
export type MeetingRow = z.infer<typeof meetingRowSchema>;
export const meetingDetailSchema = meetingRowSchema.extend({ attendance: z.array(attendanceSchema) });
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

export const meetingListQuerySchema = z
  .object({
    branchId: uuidSchema.optional(),
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    ...pagingShape,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.from !== undefined && v.to !== undefined && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'party.rangeReversed' });
  });
export type MeetingListQuery = z.output<typeof meetingListQuerySchema>;

export const branchLifeQuerySchema = z.object({ branchId: uuidSchema, year: z.number().int().min(1949).max(2200) }).strict();
/**
 * 三会一课 of a branch for a year, quarter by quarter. `due` counts what had to be held by now (quarters,
 * or months of the quarter, that have ended), `met` how many of those were held; a month or quarter
 * still running is never counted as missed.
 */
export const branchLifeSchema = z.object({
  year: z.number().int(),
  rows: z.array(
    z.object({
      form: z.enum(MEETING_FORMS),
      per: z.enum(['quarter', 'month']),
      /** 党小组会 is asked of a branch only once it has held one (not every branch has 党小组). */
      applies: z.boolean(),
      quarters: z.array(
        z.object({
          quarter: z.number().int(),
          held: z.number().int(),
          due: z.number().int(),
          met: z.number().int(),
          state: z.enum(['future', 'open', 'ok', 'missing']),
        }),
      ),
    }),
  ),
});
export type BranchLife = z.infer<typeof branchLifeSchema>;

export const expectedQuerySchema = z.object({ branchId: uuidSchema, date: dateSchema }).strict();
export const expectedMemberSchema = z.object({ personId: z.string(), personName: z.string() });

// ---------- dues ----------

export const duesRowSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  month: z.string(),
  amountFen: z.number().int(),
  paidOn: z.string(),
  notes: z.string(),
});
export type DuesRow = z.infer<typeof duesRowSchema>;

export const duesMonthQuerySchema = z.object({ branchId: uuidSchema, month: monthSchema }).strict();

/** One line of the month form: a current member, what they paid last, and the month's record if any. */
export const duesMonthLineSchema = z.object({
  personId: z.string(),
  personName: z.string(),
  lastAmountFen: z.number().int().nullable(),
  record: duesRowSchema.nullable(),
  /** The member's monthly pension and the dues it suggests; null when not recorded or for readers without the right to see it. */
  pensionFen: z.number().int().nullable(),
  suggestedFen: z.number().int().nullable(),
});
export type DuesMonthLine = z.infer<typeof duesMonthLineSchema>;

export const recordMonthSchema = z
  .object({
    branchId: uuidSchema,
    month: monthSchema,
    paidOn: dateSchema,
    entries: z
      .array(z.object({ personId: uuidSchema, amountFen: amountFenSchema }).strict())
      .min(1, { message: 'party.noDuesTicked' })
      .max(500),
  })
  .strict();
export type RecordMonthInput = z.output<typeof recordMonthSchema>;

export const setPensionSchema = z
  .object({
    personId: uuidSchema,
    /** null: not recorded (the suggestion goes away). */
    monthlyPensionFen: z.number().int().min(0, { message: 'party.pensionRange' }).max(PENSION_MAX_FEN, { message: 'party.pensionRange' }).nullable(),
  })
  .strict();
export type SetPensionInput = z.output<typeof setPensionSchema>;

export const duesUpdateSchema = z
  .object({ id: uuidSchema, amountFen: amountFenSchema, paidOn: dateSchema, notes: optionalText(200) })
  .strict();

export const arrearsQuerySchema = z
  .object({
    month: monthSchema,
    branchId: uuidSchema.optional(),
    /** At the county bureau: the members registered by one office. */
    office: officeIdSchema.optional(),
  })
  .strict();
export const arrearsRowSchema = z.object({
  personId: z.string(),
  /** The office that registered the member (at the county bureau: which community). */
  originOffice: z.string(),
  personName: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  months: z.array(z.string()),
  lastPaidMonth: z.string().nullable(),
});
export type ArrearsRow = z.infer<typeof arrearsRowSchema>;

// ---------- a person's party record ----------

export const personPartySchema = z.object({
  personId: z.string(),
  personName: z.string(),
  isPartyMember: z.boolean(),
  current: membershipSchema.nullable(),
  /** Every membership, newest first (the current one included). */
  history: z.array(membershipSchema),
  /** Meetings of the last twelve months the person was expected at. */
  recentMeetings: z.array(
    z.object({ meetingId: z.string(), date: z.string(), kind: z.enum(MEETING_KINDS), topic: z.string(), branchName: z.string(), present: z.boolean(), absenceReason: z.string() }),
  ),
  duesThisYear: z.array(duesRowSchema),
  /** Months of this year up to now without dues (for a current member). */
  monthsBehind: z.array(z.string()),
  /** From the person's linked original unit, to prefill a new membership. */
  unitName: z.string(),
  unitPartyContact: z.string(),
  unitPartyPhone: z.string(),
});
export type PersonParty = z.infer<typeof personPartySchema>;
