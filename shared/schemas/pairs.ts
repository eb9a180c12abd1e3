/**
 * 结对帮扶: a helper (staff member, volunteer, unit or another retired official) paired with a person
 * in need, from a date until it is ended, with notes of each contact.
 */
import { z } from 'zod';
import { dateSchema, officeIdSchema, optionalText, pagingShape, uuidSchema } from './common';
import { phoneNumberSchema } from './persons';

/** 工作人员 / 志愿者 / 单位 / 离退休干部 */
export const HELPER_KINDS = ['staff', 'volunteer', 'unit', 'retiree'] as const;
export type HelperKind = (typeof HELPER_KINDS)[number];

/** 生活照料 / 精神慰藉 / 就医陪护 / 代办服务 / 法律咨询 / 其他 */
export const HELP_KINDS = ['daily_care', 'emotional', 'medical_escort', 'errands', 'legal', 'other'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];

/** 每周 / 每两周 / 每月 / 每季度 */
export const PAIR_FREQUENCIES = ['weekly', 'biweekly', 'monthly', 'quarterly'] as const;
export type PairFrequency = (typeof PAIR_FREQUENCIES)[number];

/** 上门 / 电话 / 视频 / 其他 */
export const CONTACT_METHODS = ['visit', 'phone', 'video', 'other'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** overdue: the due date has passed; due: it is close; ok: not yet. Ended pairs have none. */
export const DUE_STATUSES = ['overdue', 'due', 'ok'] as const;
export type DueStatus = (typeof DUE_STATUSES)[number];

const helperShape = {
  helperKind: z.enum(HELPER_KINDS),
  /** For a retired official helping: the person. */
  helperPersonId: uuidSchema.nullable().default(null),
  /** Typed for staff, volunteers and units; copied from the person for a retired official. */
  helperName: optionalText(100),
  helperPhone: z.union([z.literal(''), phoneNumberSchema]).default(''),
  helpKinds: z
    .array(z.enum(HELP_KINDS))
    .min(1, { message: 'pairs.helpKindsRequired' })
    .max(HELP_KINDS.length)
    .refine((v) => new Set(v).size === v.length, { message: 'pairs.helpKindsRepeated' }),
  frequency: z.enum(PAIR_FREQUENCIES),
  fromDate: dateSchema,
  notes: optionalText(1000),
};

interface HelperFields {
  helperKind: HelperKind;
  helperPersonId: string | null;
  helperName: string;
}

/** A retired official helping is chosen from the registry; any other helper has a typed name. */
function checkHelper(v: HelperFields & { personId?: string }, ctx: z.RefinementCtx): void {
  if (v.helperKind === 'retiree') {
    if (v.helperPersonId === null) ctx.addIssue({ code: 'custom', path: ['helperPersonId'], message: 'pairs.helperPersonRequired' });
    else if (v.personId !== undefined && v.helperPersonId === v.personId) {
      ctx.addIssue({ code: 'custom', path: ['helperPersonId'], message: 'pairs.helperIsSelf' });
    }
  } else if (v.helperName === '') {
    ctx.addIssue({ code: 'custom', path: ['helperName'], message: 'pairs.helperNameRequired' });
  }
}

/**
 * Zod skips an object's refinements while any field fails; the helper check runs whenever the
 * helper fields themselves could be read, so every problem of the form shows at the first save.
 */
const helperParsed = {
  when: (payload: z.core.ParsePayload): boolean => !payload.issues.some((i) => ['helperKind', 'helperPersonId', 'helperName'].includes(String(i.path?.[0]))),
};

/** The fields a pair's form edits (the person helped is chosen apart): the form checks them all at once. */
export const pairFieldsSchema = z.object(helperShape).strict().superRefine(checkHelper, helperParsed);

export const newPairSchema = z
  .object({ personId: uuidSchema, ...helperShape })
  .strict()
  .superRefine(checkHelper, helperParsed);
export type NewPairInput = z.input<typeof newPairSchema>;
export type NewPair = z.output<typeof newPairSchema>;

/** The helped person stays; a pair for someone else is a new pair. */
export const pairUpdateSchema = z
  .object({ id: uuidSchema, ...helperShape })
  .strict()
  .superRefine(checkHelper, helperParsed);
export type PairUpdate = z.output<typeof pairUpdateSchema>;

export const endPairSchema = z
  .object({
    id: uuidSchema,
    toDate: dateSchema,
    reason: z.string().trim().min(1, { message: 'pairs.endReasonRequired' }).max(500),
  })
  .strict();

const contactShape = {
  date: dateSchema,
  method: z.enum(CONTACT_METHODS),
  content: z.string().trim().min(1, { message: 'pairs.contentRequired' }).max(2000),
  followUp: optionalText(1000),
};

export const newContactSchema = z.object({ pairId: uuidSchema, ...contactShape }).strict();
export const contactUpdateSchema = z.object({ id: uuidSchema, ...contactShape }).strict();
export type ContactFields = Omit<z.output<typeof newContactSchema>, 'pairId'>;

export const pairSummarySchema = z.object({
  id: z.string(),
  /** The office that registered the helped person (at the county bureau: which community). */
  originOffice: z.string(),
  personId: z.string(),
  personName: z.string(),
  helperKind: z.enum(HELPER_KINDS),
  helperPersonId: z.string().nullable(),
  helperName: z.string(),
  helperPhone: z.string(),
  helpKinds: z.array(z.enum(HELP_KINDS)),
  frequency: z.enum(PAIR_FREQUENCIES),
  fromDate: z.string(),
  toDate: z.string().nullable(),
  endReason: z.string(),
  notes: z.string(),
  contactCount: z.number(),
  lastContactDate: z.string().nullable(),
  /** Next contact by the frequency (last contact, or the start, plus the interval); null once ended. */
  nextDueDate: z.string().nullable(),
  dueStatus: z.enum(DUE_STATUSES).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PairSummary = z.infer<typeof pairSummarySchema>;

export const contactSchema = z.object({
  id: z.string(),
  pairId: z.string(),
  date: z.string(),
  method: z.enum(CONTACT_METHODS),
  content: z.string(),
  followUp: z.string(),
  createdAt: z.string(),
});
export type PairContact = z.infer<typeof contactSchema>;

export const pairDetailSchema = z.object({ pair: pairSummarySchema, contacts: z.array(contactSchema) });
export type PairDetail = z.infer<typeof pairDetailSchema>;

export const pairListQuerySchema = z
  .object({
    status: z.enum(['current', 'ended', 'all']).default('current'),
    /** Only pairs in this contact state (overdue: past their next contact date); ended pairs have none. */
    due: z.enum(DUE_STATUSES).optional(),
    helperKind: z.enum(HELPER_KINDS).optional(),
    /** Part of the helped person's or the helper's name. */
    search: z.string().trim().max(50).optional(),
    /** At the county bureau: the pairs of one office's persons. */
    office: officeIdSchema.optional(),
    ...pagingShape,
  })
  .strict();
export type PairListQuery = z.output<typeof pairListQuerySchema>;

export const pairListSchema = z.object({
  total: z.number(),
  /** Over the whole filtered list, not only this page. */
  overdueCount: z.number(),
  rows: z.array(pairSummarySchema),
});

export const personPairsSchema = z.object({
  /** Pairs in which the person is helped, current first. */
  asHelped: z.array(pairSummarySchema),
  /** Pairs in which the person (a retired official) helps someone else. */
  asHelper: z.array(pairSummarySchema),
});
export type PersonPairs = z.infer<typeof personPairsSchema>;
