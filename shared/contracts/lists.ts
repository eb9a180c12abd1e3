/**
 * Channels of printed lists: 走访清单 (visit lists taken out on paper, results entered by the list's
 * number) and 爱心服务卡 (service cards). Spread into the one contract by shared/contract.ts; handlers
 * live in main/services/lists/handlers.ts. Every role reads; staff, admins and grid workers print
 * and enter results. Once any contact assignment exists, a grid worker sees only the lists printed
 * by or for them, and on them only the persons assigned to them (enforced in main).
 */
import { z } from 'zod';
import { officeIdSchema } from '../schemas/common';
import { channel, type ChannelDef } from '../channel';
import { ALL_ROLES, FIELD_WORKERS } from '../roles';
import {
  createListSchema,
  enterResultsSchema,
  LIST_KINDS,
  listNoSchema,
  listSummarySchema,
  printedListSchema,
  serviceCardSchema,
} from '../schemas/lists';

export const listChannels = {
  /**
   * A numbered, stored list: a visit list for a worker (grid workers: their own) and/or a grid over
   * dates, sorted by grid and address; or service cards. The answer is what to print.
   */
  'lists.create': channel({ input: createListSchema, output: printedListSchema, access: FIELD_WORKERS, kind: 'write' }),
  /** A list by its number (2026-11-0007), for printing again and for entering results. */
  'lists.get': channel({ input: z.object({ listNo: listNoSchema }).strict(), output: printedListSchema, access: ALL_ROLES, kind: 'read' }),
  'lists.list': channel({
    input: z
      .object({
        kind: z.enum(LIST_KINDS).optional(),
        month: z.string().regex(/^\d{4}-\d{2}$/).optional(),
        /** At the county bureau: the lists one office printed. */
        office: officeIdSchema.optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ total: z.number().int(), capped: z.boolean(), rows: z.array(listSummarySchema) }),
    access: ALL_ROLES,
    kind: 'read',
  }),
  /**
   * Every row of a printed visit list at once: visited (date, method, findings) or not. One
   * transaction; any problem in any row (LIST_RESULTS_INVALID, details.problems by row) writes nothing.
   */
  'lists.enterResults': channel({
    input: enterResultsSchema,
    output: z.object({
      listNo: z.string(),
      recorded: z.number().int(),
      notVisited: z.number().int(),
      visitRecordIds: z.array(z.string()),
      resolvedVisits: z.array(z.string()),
      /** Service requests made of the rows' needs (诉求), one per need. */
      requests: z.number().int(),
      requestIds: z.array(z.string()),
    }),
    access: FIELD_WORKERS,
    kind: 'write',
  }),
  /**
   * What a code scanned from a printed visit list points to (shared/listCodes.ts): the list, and the
   * row for a row code. Refused with what it is: LIST_CODE_UNREADABLE, LIST_CODE_NEWER,
   * LIST_CODE_OTHER_OFFICE, LIST_CANCELLED, LIST_CODE_NO_SUCH_ROW, NOT_FOUND.
   */
  'lists.resolveCode': channel({
    input: z.object({ code: z.string().max(200) }).strict(),
    output: z.object({ listNo: z.string(), row: z.number().int().nullable(), name: z.string().nullable() }),
    access: FIELD_WORKERS,
    kind: 'read',
  }),
  /**
   * Cancels (作废) a list with no results entered: its number is never given again and its paper
   * and codes are refused (LIST_CANCELLED) from then on. LIST_HAS_RESULTS once anything is entered.
   */
  'lists.cancel': channel({
    input: z.object({ listNo: listNoSchema, reason: z.string().trim().max(200).default('') }).strict(),
    output: z.object({ listNo: z.string() }),
    access: FIELD_WORKERS,
    kind: 'write',
  }),
  /** 爱心服务卡 data for persons, a grid or a worker's persons, without storing a list. */
  'lists.serviceCards': channel({
    input: z
      .object({
        personIds: z.array(z.string().uuid()).min(1).max(2000).optional(),
        gridId: z.string().uuid().optional(),
        userId: z.string().uuid().optional(),
      })
      .strict(),
    output: z.object({ officeName: z.string(), hotline: z.string(), hotline24h: z.string(), cards: z.array(serviceCardSchema) }),
    access: ALL_ROLES,
    kind: 'read',
  }),
} as const satisfies Record<string, ChannelDef>;
