/**
 * 原工作单位: the registry of the units retired officials came from, the matching of the
 * free-text `original_unit` of persons to it, and the per-unit situation feedback (情况反馈).
 */
import { z } from 'zod';
import { dateSchema, optionalText, pagingShape, uuidSchema } from './common';
import { daysBetween } from '../calendar';
import { UNIT_LEVELS } from './persons';
import { PERSON_STATUSES, GENDERS } from './enums';
import { REQUEST_CATEGORIES, REQUEST_STATUSES } from './requests';
import { digitText } from '../digits';

export { UNIT_LEVELS };
export type UnitLevel = (typeof UNIT_LEVELS)[number];

const phoneText = digitText()
  .trim()
  .max(40)
  .regex(/^[0-9+\-() 、,，转/]*$/, { message: 'units.phoneFormat' })
  .default('');

/** What staff type for a unit. */
export const unitFieldsSchema = z
  .object({
    name: z.string().trim().min(2, { message: 'units.nameRequired' }).max(100, { message: 'units.nameLong' }),
    level: z.enum(UNIT_LEVELS).default('other'),
    /** 离退休工作部门, e.g. 老干部处. */
    retireeDepartment: optionalText(60),
    contactPerson: optionalText(30),
    contactPhone: phoneText,
    /** The unit's party contact, for members whose party relation stays with the unit (双重管理). */
    partyContact: optionalText(30),
    partyPhone: phoneText,
    address: optionalText(200),
    notes: optionalText(1000),
  })
  .strict();
export type UnitFieldsInput = z.input<typeof unitFieldsSchema>;
export type UnitFields = z.output<typeof unitFieldsSchema>;

export const unitUpdateSchema = z.object({ id: uuidSchema, fields: unitFieldsSchema }).strict();

export const unitSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(UNIT_LEVELS),
  retireeDepartment: z.string(),
  contactPerson: z.string(),
  contactPhone: z.string(),
  partyContact: z.string(),
  partyPhone: z.string(),
  address: z.string(),
  notes: z.string(),
  /** Persons linked to the unit (every status). */
  personCount: z.number().int(),
  /** Of them, 在册. */
  activeCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Unit = z.infer<typeof unitSchema>;

export const unitListQuerySchema = z
  .object({
    search: z.string().trim().max(60).default(''),
    level: z.enum(UNIT_LEVELS).optional(),
    ...pagingShape,
  })
  .strict();
export type UnitListQuery = z.output<typeof unitListQuerySchema>;

export const unitPersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(GENDERS),
  age: z.number().int(),
  status: z.enum(PERSON_STATUSES),
  formerPosition: z.string(),
  politicalStatus: z.string(),
  address: z.string(),
  phones: z.array(z.string()),
});
export type UnitPerson = z.infer<typeof unitPersonSchema>;

export const unitDetailSchema = z.object({ unit: unitSchema, persons: z.array(unitPersonSchema) });
export type UnitDetail = z.infer<typeof unitDetailSchema>;

// Matching the free text of persons.original_unit to the registry

export const MATCH_KINDS = ['exact', 'contains', 'similar'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export const matchSuggestionSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  level: z.enum(UNIT_LEVELS),
  kind: z.enum(MATCH_KINDS),
  /** 0..1, higher is closer; suggestions come best first. */
  score: z.number(),
});
export type MatchSuggestion = z.infer<typeof matchSuggestionSchema>;

/** Persons without a unit whose typed unit texts are the same once normalised. */
export const matchGroupSchema = z.object({
  key: z.string(),
  /** The texts as typed (one group may hold 省交通厅 and 省交通厅 with a space). */
  texts: z.array(z.string()),
  personCount: z.number().int(),
  /** A few names, so staff can tell who is meant. */
  samplePersons: z.array(z.string()),
  /** The level most of them have, proposed for a new unit made from the text. */
  level: z.enum(UNIT_LEVELS),
  suggestions: z.array(matchSuggestionSchema),
});
export type MatchGroup = z.infer<typeof matchGroupSchema>;

export const matchQuerySchema = z.object({ ...pagingShape }).strict();

export const matchListSchema = z.object({
  total: z.number().int(),
  /** Persons without a linked unit but with a unit text, over every group. */
  unlinkedPersons: z.number().int(),
  groups: z.array(matchGroupSchema),
});

/** Staff confirm one text group: link its persons to a unit of the registry, or to a new unit made from the text. */
export const confirmMatchSchema = z
  .object({
    texts: z.array(z.string().max(100)).min(1).max(50),
    unitId: uuidSchema.optional(),
    newUnit: unitFieldsSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.unitId === undefined) === (v.newUnit === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'units.chooseUnit' });
    }
  });

export const confirmMatchResultSchema = z.object({ unitId: z.string(), linked: z.number().int() });

// Per-unit situation feedback (情况反馈)

/** At most about three years per feedback, so a print stays a print. */
export const FEEDBACK_MAX_DAYS = 1100;

export const feedbackQuerySchema = z
  .object({ unitId: uuidSchema, from: dateSchema, to: dateSchema })
  .strict()
  .superRefine((v, ctx) => {
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'date.endBeforeStart' });
    else if (daysBetween(v.from, v.to) > FEEDBACK_MAX_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'units.rangeTooLong' });
    }
  });
export type FeedbackQuery = z.output<typeof feedbackQuerySchema>;

export const partyLifeSchema = z.object({
  branchName: z.string(),
  relationHeld: z.enum(['original_unit', 'community']),
  managementMode: z.enum(['multi', 'single', 'combined']),
  unitPartyContact: z.string(),
  meetingsHeld: z.number().int(),
  meetingsAttended: z.number().int(),
  duesMonthsPaid: z.number().int(),
  duesMonthsBehind: z.number().int(),
});

export const feedbackRowSchema = z.object({
  personId: z.string(),
  name: z.string(),
  gender: z.enum(GENDERS),
  age: z.number().int(),
  address: z.string(),
  /** The status at the end of the range, and the changes within it. */
  status: z.enum(PERSON_STATUSES),
  statusChanges: z.array(z.object({ status: z.enum(PERSON_STATUSES), date: z.string(), destination: z.string() })),
  /** The latest Barthel total up to the end of the range, and its change against the one before the range. */
  adlTotal: z.number().int().nullable(),
  adlDate: z.string().nullable(),
  adlChange: z.number().int().nullable(),
  checkups: z.array(z.object({ date: z.string(), institution: z.string(), summary: z.string() })),
  hospitalisations: z.array(z.object({ date: z.string(), endDate: z.string().nullable(), institution: z.string(), summary: z.string() })),
  visits: z.number().int(),
  lastVisitDate: z.string().nullable(),
  needsRaised: z.array(z.object({ category: z.enum(REQUEST_CATEGORIES), description: z.string(), status: z.enum(REQUEST_STATUSES) })),
  needsResolved: z.number().int(),
  /** Null: not a party member in a branch of the office. */
  party: partyLifeSchema.nullable(),
});
export type FeedbackRow = z.infer<typeof feedbackRowSchema>;

export const unitFeedbackSchema = z.object({
  unit: unitSchema,
  officeName: z.string(),
  from: z.string(),
  to: z.string(),
  generatedOn: z.string(),
  rows: z.array(feedbackRowSchema),
  totals: z.object({
    persons: z.number().int(),
    visits: z.number().int(),
    hospitalisations: z.number().int(),
    needsRaised: z.number().int(),
    needsResolved: z.number().int(),
    /** Members whose party relation stays with the unit (双重管理). */
    partyAtUnit: z.number().int(),
  }),
});
export type UnitFeedback = z.infer<typeof unitFeedbackSchema>;

export const feedbackFileSchema = z.object({ fileName: z.string(), base64: z.string(), count: z.number().int() });
