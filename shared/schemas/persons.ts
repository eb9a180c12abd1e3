import { z } from 'zod';
import { parseIdNumber } from '../idcard';
import { dateOrMonthSchema, dateSchema, officeIdSchema, uuidSchema } from './common';
import { GENDERS, LIVING_SITUATIONS, PERSON_STATUSES } from './enums';
import { ADL_BANDS, BARTHEL_ITEMS, type BarthelItem } from '../barthel';
import { CAPABILITY_GRADES } from '../capability/gbt42195';
import { personContactsSchema } from './assignments';
import { serviceRequestSchema } from './requests';
import { plannedVisitSchema, visitRecordSchema } from './visits';
import { digitText } from '../digits';
import { lunarBirthdaySchema, lunarBirthYear } from '../lunarBirthday';

export const RETIREMENT_TYPES = ['lixiu', 'tuixiu'] as const; // 离休 / 退休
export const UNIT_LEVELS = ['central', 'provincial', 'municipal', 'county', 'enterprise', 'other'] as const; // 中直 省直 市直 县直 企业 其他
/** 单位性质 of the original unit, the annual form's rows: 行政机关 事业单位 企业 其他. */
export const UNIT_KINDS = ['government', 'institution', 'enterprise', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const POLITICAL_STATUSES = ['cpc', 'democratic', 'masses', 'other'] as const; // 中共党员 民主党派 群众 其他
export const AGE_BANDS = ['under70', '70to79', '80to89', '90plus'] as const;
export const HEALTH_EVENT_KINDS = ['checkup', 'hospitalisation', 'note'] as const;

/** Suggested chronic conditions; free entries are allowed beside them. */
export const COMMON_CONDITIONS = ['高血压', '糖尿病', '冠心病', '脑卒中后遗症', '慢阻肺', '阿尔茨海默病', '恶性肿瘤', '骨质疏松', '帕金森病', '慢性肾病'];
export const COMMON_RANKS = ['厅级', '副厅级', '处级', '副处级', '科级', '副科级', '科员', '其他'];
export const BLOOD_TYPES = ['', 'A', 'B', 'AB', 'O', 'A Rh-', 'B Rh-', 'AB Rh-', 'O Rh-', '不详'];

export { dateSchema } from './common';
export { GENDERS, LIVING_SITUATIONS, PERSON_STATUSES } from './enums';

export const personNameSchema = z
  .string()
  .trim()
  .min(2, { message: 'name.short' })
  .max(30, { message: 'name.long' })
  .regex(/^[\u3400-\u9fff\u00b7·A-Za-z\s]+$/, { message: 'name.chars' });

export const phoneNumberSchema = digitText()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, { message: 'phone.format' });

const text = (max: number) => z.string().trim().max(max).default('');

/** The editable fields of a person, as the form and the roster import send them. */
export const personFieldsSchema = z
  .object({
    name: personNameSchema,
    gender: z.enum(GENDERS),
    ethnicity: z.string().trim().min(1).max(20).default('汉族'),
    idNumber: z.string().transform((value, ctx) => {
      const r = parseIdNumber(value);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: `idNumber.${r.problem}` });
        return z.NEVER;
      }
      return r.value;
    }),
    birthDate: dateSchema,
    /** 农历生日; null: none; left out (roster import): it stays as it is. */
    lunarBirthday: lunarBirthdaySchema.nullable().optional(),
    phones: z.array(phoneNumberSchema).max(5).default([]),
    photo: z
      .string()
      .max(400_000, { message: 'photo.tooLarge' })
      .regex(/^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/=]+$/, { message: 'photo.format' })
      .nullable()
      .default(null),
    retirementType: z.enum(RETIREMENT_TYPES),
    retirementDate: dateOrMonthSchema.nullable().default(null),
    originalUnit: text(100),
    unitLevel: z.enum(UNIT_LEVELS).default('other'),
    /** 单位性质; null: not recorded; left out (a roster without the column): it stays as it is. */
    unitKind: z.enum(UNIT_KINDS).nullable().optional(),
    /** The unit of the registry (原工作单位); null: not linked; left out (roster import): the link stays. */
    unitId: uuidSchema.nullable().optional(),
    formerPosition: text(60),
    rank: text(30),
    politicalStatus: z.enum(POLITICAL_STATUSES).default('masses'),
    community: text(60),
    grid: text(60),
    /**
     * What to do when `grid` names no grid: true creates the grid (the form asked first), false
     * refuses (GRID_NOT_FOUND). Left out (roster import) the name is kept for a grid made later.
     */
    createGrid: z.boolean().optional(),
    address: text(200),
    livingSituation: z.enum(LIVING_SITUATIONS).default('other'),
    householdRegistration: text(200),
    notes: text(2000),
  })
  .strict()
  .superRefine((p, ctx) => {
    // The ID number carries birth date and gender; the typed ones must agree with it.
    const id = parseIdNumber(p.idNumber);
    if (!id.ok) return;
    if (id.birthDate !== p.birthDate) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'idNumber.birthMismatch' });
    if (id.gender !== p.gender) ctx.addIssue({ code: 'custom', path: ['gender'], message: 'idNumber.genderMismatch' });
    // A lunar birthday must exist in the lunar year of birth (shared/lunarBirthday.ts says which year that is).
    // Only a birthday the calendar allows at all (its own refusal says what is wrong otherwise).
    if (p.lunarBirthday && lunarBirthdaySchema.safeParse(p.lunarBirthday).success && lunarBirthYear(p.birthDate, p.lunarBirthday) === null) {
      ctx.addIssue({ code: 'custom', path: ['lunarBirthday'], message: 'lunarBirthday.notInBirthYear' });
    }
    if (p.retirementDate && p.retirementDate < p.birthDate) {
      ctx.addIssue({ code: 'custom', path: ['retirementDate'], message: 'date.beforeBirth' });
    }
  });
export type PersonFieldsInput = z.input<typeof personFieldsSchema>;
export type PersonFields = z.output<typeof personFieldsSchema>;

export const personSchema = z.object({
  id: z.string(),
  name: z.string(),
  namePinyin: z.string(),
  gender: z.enum(GENDERS),
  ethnicity: z.string(),
  idNumber: z.string(),
  birthDate: z.string(),
  lunarBirthday: z.object({ month: z.number().int(), day: z.number().int(), leap: z.boolean() }).nullable(),
  age: z.number().int(),
  phones: z.array(z.string()),
  photo: z.string().nullable(),
  retirementType: z.enum(RETIREMENT_TYPES),
  retirementDate: z.string().nullable(),
  originalUnit: z.string(),
  unitLevel: z.enum(UNIT_LEVELS),
  /** 单位性质, null when not recorded. */
  unitKind: z.enum(UNIT_KINDS).nullable(),
  /** The linked unit of the registry; originalUnit is then its name. */
  unitId: z.string().nullable(),
  formerPosition: z.string(),
  rank: z.string(),
  politicalStatus: z.enum(POLITICAL_STATUSES),
  community: z.string(),
  grid: z.string(),
  /** The grid the person is placed in (by address or by hand); `grid` is its name then. */
  gridId: z.string().nullable(),
  /** Flagged as high risk by staff (高风险): visited monthly. */
  highRisk: z.boolean(),
  address: z.string(),
  livingSituation: z.enum(LIVING_SITUATIONS),
  householdRegistration: z.string(),
  notes: z.string(),
  status: z.enum(PERSON_STATUSES),
  statusDate: z.string().nullable(),
  latestAdlTotal: z.number().int().nullable(),
  latestAdlDate: z.string().nullable(),
  /** The grade of the latest complete GB/T 42195 capability assessment, and its date. */
  latestCapabilityGrade: z.enum(CAPABILITY_GRADES).nullable(),
  latestCapabilityDate: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof personSchema>;

/** A row of the list: enough for the columns, without the photo. */
export const personRowSchema = personSchema.omit({ photo: true, notes: true, householdRegistration: true, lunarBirthday: true, unitKind: true }).extend({
  /** The office that registered the person (at the county bureau: which community it came from). */
  originOffice: z.string(),
});
export type PersonRow = z.infer<typeof personRowSchema>;

export const PERSON_SORTS = ['name', 'birthDate', 'createdAt', 'address', 'updatedAt'] as const;

export const personListQuerySchema = z
  .object({
    search: z.string().trim().max(60).default(''),
    grid: z.string().trim().max(60).optional(),
    unitLevel: z.enum(UNIT_LEVELS).optional(),
    ageBand: z.enum(AGE_BANDS).optional(),
    livingSituation: z.enum(LIVING_SITUATIONS).optional(),
    adlBand: z.enum(ADL_BANDS).optional(),
    /** The latest capability grade (GB/T 42195), or 'unassessed' for persons never so assessed. */
    capabilityGrade: z.enum([...CAPABILITY_GRADES, 'unassessed']).optional(),
    politicalStatus: z.enum(POLITICAL_STATUSES).optional(),
    /** At the county bureau: the persons one office sent (origin_office). */
    office: officeIdSchema.optional(),
    /** 'all' includes moved-out and deceased persons; the default is the active register. */
    status: z.enum([...PERSON_STATUSES, 'all']).default('active'),
    sort: z.enum(PERSON_SORTS).default('name'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type PersonListQuery = z.output<typeof personListQuerySchema>;

/** Live feedback for the form: is the ID valid, what does it say, is it taken? */
export const idNumberCheckSchema = z.object({
  valid: z.boolean(),
  problem: z.string().nullable(),
  normalised: z.string().nullable(),
  birthDate: z.string().nullable(),
  gender: z.enum(GENDERS).nullable(),
  existing: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type IdNumberCheck = z.infer<typeof idNumberCheckSchema>;

export const statusEventSchema = z.object({
  id: z.string(),
  status: z.enum(PERSON_STATUSES),
  date: z.string(),
  destination: z.string(),
  note: z.string(),
  createdAt: z.string(),
});

export const statusChangeSchema = z
  .object({
    id: z.string().uuid(),
    status: z.enum(PERSON_STATUSES),
    date: dateSchema,
    destination: text(200),
    note: text(500),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.status === 'moved_out' && v.destination === '') ctx.addIssue({ code: 'custom', path: ['destination'], message: 'status.destinationRequired' });
  });

// Health archive

export const barthelScoresSchema = z.object(
  Object.fromEntries(
    BARTHEL_ITEMS.map((item) => [
      item.key,
      z
        .number()
        .int()
        .min(0)
        .max(item.max)
        .refine((n) => n % 5 === 0, { message: 'adl.step' }),
    ]),
  ) as unknown as Record<BarthelItem, z.ZodNumber>,
).strict();

export const healthProfileFieldsSchema = z
  .object({
    bloodType: text(10),
    chronicConditions: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
    allergies: text(500),
    medications: text(1000),
    disabilityCertificate: text(100),
    insuranceType: text(60),
    familyDoctor: text(40),
    familyDoctorClinic: text(100),
    familyDoctorDate: dateSchema.nullable().default(null),
  })
  .strict();

export const healthProfileSchema = z.object({
  bloodType: z.string(),
  chronicConditions: z.array(z.string()),
  allergies: z.string(),
  medications: z.string(),
  disabilityCertificate: z.string(),
  insuranceType: z.string(),
  familyDoctor: z.string(),
  familyDoctorClinic: z.string(),
  familyDoctorDate: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type HealthProfile = z.infer<typeof healthProfileSchema>;

export const adlAssessmentSchema = z.object({
  id: z.string(),
  assessedOn: z.string(),
  items: z.record(z.string(), z.number()),
  total: z.number().int(),
  band: z.enum(ADL_BANDS),
  assessor: z.string(),
  note: z.string(),
});
export type AdlAssessment = z.infer<typeof adlAssessmentSchema>;

export const healthEventFieldsSchema = z
  .object({
    kind: z.enum(HEALTH_EVENT_KINDS),
    date: dateSchema,
    endDate: dateSchema.nullable().default(null),
    institution: text(100),
    summary: text(2000),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.endDate && v.endDate < v.date) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'date.endBeforeStart' });
  });

export const healthEventSchema = z.object({
  id: z.string(),
  kind: z.enum(HEALTH_EVENT_KINDS),
  date: z.string(),
  endDate: z.string().nullable(),
  institution: z.string(),
  summary: z.string(),
  createdAt: z.string(),
});
export type HealthEvent = z.infer<typeof healthEventSchema>;

export const familyContactFieldsSchema = z
  .object({
    name: z.string().trim().min(1, { message: 'name.short' }).max(30),
    relation: text(20),
    phones: z.array(phoneNumberSchema).max(3).default([]),
    livesNearby: z.boolean().default(false),
    isEmergency: z.boolean().default(false),
    note: text(500),
  })
  .strict();

export const familyContactSchema = z.object({
  id: z.string(),
  name: z.string(),
  relation: z.string(),
  phones: z.array(z.string()),
  livesNearby: z.boolean(),
  isEmergency: z.boolean(),
  note: z.string(),
});
export type FamilyContact = z.infer<typeof familyContactSchema>;

/** Things a person's record should show as warnings (not errors): i18n keys under `warnings.`. */
export const PERSON_WARNINGS = ['aloneWithoutEmergencyContact', 'noPhone'] as const;

export const personDetailSchema = z.object({
  person: personSchema,
  statusEvents: z.array(statusEventSchema),
  health: healthProfileSchema,
  assessments: z.array(adlAssessmentSchema),
  healthEvents: z.array(healthEventSchema),
  family: z.array(familyContactSchema),
  warnings: z.array(z.enum(PERSON_WARNINGS)),
  /** 分片包干: the current primary and backup contacts, and every assignment before them. */
  contacts: personContactsSchema,
  /** Service requests still open or in progress. */
  openRequests: z.array(serviceRequestSchema),
  /** Open planned visits (overdue, due, upcoming, missed), by due date. */
  upcomingVisits: z.array(plannedVisitSchema),
  /** The latest visit records, newest first. */
  recentVisits: z.array(visitRecordSchema),
});
export type PersonDetail = z.infer<typeof personDetailSchema>;
