import { z } from 'zod';
import { dateSchema, optionalText, uuidSchema } from './common';
import { GENDERS } from './enums';
import { RISK_FLAGS, VISIT_METHODS, VISIT_REASONS } from './visits';
import { digitText } from '../digits';

/** visit_list: the rows a grid worker takes out on a walk; service_cards: 爱心服务卡. */
export const LIST_KINDS = ['visit_list', 'service_cards'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** '2026-11-0007': year, month and the month's sequence number. */
export const listNoSchema = digitText()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{4}$/, { message: 'list.noFormat' });

export const createListSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('visit_list'),
      /** The worker whose persons (as primary contact) the list holds; a grid worker's own when left out. */
      userId: uuidSchema.optional(),
      gridId: uuidSchema.optional(),
      /** Visits that can be made in these dates: window opened by `to`, not missed before `from`. */
      from: dateSchema,
      to: dateSchema,
      /** Also persons with no planned visit in the dates (a round of everyone). */
      includeAllPersons: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      kind: z.literal('service_cards'),
      personIds: z.array(uuidSchema).min(1).max(2000).optional(),
      gridId: uuidSchema.optional(),
      userId: uuidSchema.optional(),
    })
    .strict(),
]);
export type CreateListInput = z.output<typeof createListSchema>;

export const listRowSchema = z.object({
  /** The row number printed on the paper, 1…n. */
  row: z.number().int(),
  personId: z.string(),
  name: z.string(),
  gender: z.enum(GENDERS),
  age: z.number().int(),
  address: z.string(),
  phone: z.string(),
  grid: z.string(),
  flags: z.array(z.enum(RISK_FLAGS)),
  visits: z.array(z.object({ plannedVisitId: z.string(), reason: z.enum(VISIT_REASONS), dueDate: z.string() })),
  /** The earliest due date of the row's visits. */
  dueDate: z.string().nullable(),
  lastVisitDate: z.string().nullable(),
});
export type ListRow = z.infer<typeof listRowSchema>;

export const serviceCardSchema = z.object({
  personId: z.string(),
  name: z.string(),
  grid: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  backupName: z.string().nullable(),
  backupPhone: z.string().nullable(),
});
export type ServiceCard = z.infer<typeof serviceCardSchema>;

export const listParamsSchema = z.object({
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  includeAllPersons: z.boolean(),
  personIds: z.array(z.string()).nullable(),
});
export type ListParams = z.infer<typeof listParamsSchema>;

export const LIST_OUTCOMES = ['visited', 'not_visited'] as const;

export const listResultSchema = z.object({
  row: z.number().int(),
  outcome: z.enum(LIST_OUTCOMES),
  visitRecordId: z.string().nullable(),
  visitDate: z.string().nullable(),
  note: z.string(),
  enteredAt: z.string(),
  enteredBy: z.string(),
});
export type ListResult = z.infer<typeof listResultSchema>;

export const printedListSchema = z.object({
  id: z.string(),
  listNo: z.string(),
  kind: z.enum(LIST_KINDS),
  officeName: z.string(),
  /** The office's 统计用区划代码, printed in the list's codes (shared/listCodes.ts). */
  areaCode: z.string(),
  hotline: z.string(),
  hotline24h: z.string(),
  params: listParamsSchema,
  /** visit_list rows (empty for service cards). */
  rows: z.array(listRowSchema),
  /** service_cards cards (empty for visit lists). */
  cards: z.array(serviceCardSchema),
  printedAt: z.string(),
  printedBy: z.string(),
  printedByName: z.string().nullable(),
  /** Results entered so far, by row. */
  results: z.array(listResultSchema),
});
export type PrintedList = z.infer<typeof printedListSchema>;

export const listSummarySchema = z.object({
  id: z.string(),
  listNo: z.string(),
  kind: z.enum(LIST_KINDS),
  params: listParamsSchema,
  rowCount: z.number().int(),
  enteredCount: z.number().int(),
  printedAt: z.string(),
  printedBy: z.string(),
  printedByName: z.string().nullable(),
  /** The office that printed it (at the county bureau: which community). */
  originOffice: z.string(),
});

/**
 * One row of results from the paper. Dates arrive as typed (checked per row, so every problem is
 * reported with its row number); method and date are needed for a visited row.
 */
export const listResultInputSchema = z
  .object({
    row: z.number().int().min(1).max(10000),
    outcome: z.enum(LIST_OUTCOMES),
    visitDate: z.string().trim().max(20).default(''),
    method: z.enum(VISIT_METHODS).optional(),
    visitors: optionalText(100),
    /** 情况简述: what was found, short. */
    findings: optionalText(500),
    needs: optionalText(1000),
    /** For a row not visited: why (不在家, 住院 …). */
    note: optionalText(200),
    /** 慰问金 in fen and 慰问品 brought on the visit. */
    giftFen: z.number().int().min(0).max(100_000_000).default(0),
    giftItems: optionalText(200),
  })
  .strict();

export const enterResultsSchema = z
  .object({
    listNo: listNoSchema,
    rows: z.array(listResultInputSchema).min(1).max(2000),
  })
  .strict();

export const listResultProblemSchema = z.object({ row: z.number().int(), field: z.string(), code: z.string() });
